-- Copy of the agreed ledger and approval tables (see the schemas module's Flyway migrations, which
-- own this DDL). Executor ITs apply it with IF NOT EXISTS so they work before and after the real
-- migration lands; production never runs this file.
CREATE SCHEMA IF NOT EXISTS ralf;

CREATE TABLE IF NOT EXISTS ralf.command_ledger (
    idempotency_key   text PRIMARY KEY,
    command_id        text NOT NULL,
    kind              text NOT NULL,
    action            text NOT NULL,
    target            text NOT NULL,
    state             text NOT NULL,
    reason            text,
    dry_run           boolean NOT NULL,
    requires_approval boolean NOT NULL,
    idempotent        boolean NOT NULL,
    command           jsonb NOT NULL,
    received_at       timestamptz NOT NULL,
    started_at        timestamptz,
    finished_at       timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    executor_id       text,
    external_ref      text,
    result            jsonb
);
CREATE INDEX IF NOT EXISTS command_ledger_state_idx ON ralf.command_ledger (state);

CREATE TABLE IF NOT EXISTS ralf.command_approvals (
    idempotency_key text PRIMARY KEY,
    approver        text NOT NULL,
    approved        boolean NOT NULL,
    decided_at      timestamptz NOT NULL,
    comment         text,
    received_at     timestamptz NOT NULL DEFAULT now()
);
