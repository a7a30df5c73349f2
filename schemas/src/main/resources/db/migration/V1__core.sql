-- R.A.L.F. core schema. Owned by the schemas module; other modules code against these tables
-- (docs/schemas.md). Times are timestamptz; every vector column is vector(256) with an HNSW
-- index using cosine distance.
--
-- No foreign keys between tables written by independent streaming sinks (anomalies, incidents,
-- decisions, ledger, results, patterns): their writers run concurrently and may see a referencing
-- row before the referenced one. The inventory (written by operators, the simulator and discovery)
-- does use foreign keys.

-- The stack/fixture creates the extension as superuser beforehand; then this is a no-op.
-- WITH SCHEMA public: the type resolves with the default search_path of every client.
CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;

CREATE SCHEMA IF NOT EXISTS ralf;

-- ---------------------------------------------------------------------------------------------
-- Inventory and desired state (the CDC source: published as ralf_cdc)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE ralf.nodes (
    node            text PRIMARY KEY,                    -- Proxmox node name, e.g. pve1
    address         text,                                -- management IP or host name
    mac             text,
    status          text NOT NULL DEFAULT 'unknown'
                    CHECK (status IN ('online', 'offline', 'maintenance', 'unknown')),
    desired_status  text NOT NULL DEFAULT 'online'
                    CHECK (desired_status IN ('online', 'offline', 'maintenance')),
    cpu_count       int CHECK (cpu_count > 0),
    memory_bytes    bigint CHECK (memory_bytes > 0),
    labels          jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ralf.guests (
    vmid            int PRIMARY KEY CHECK (vmid > 0),
    node            text NOT NULL REFERENCES ralf.nodes (node) ON UPDATE CASCADE,
    type            text NOT NULL CHECK (type IN ('qemu', 'lxc')),
    name            text NOT NULL,
    status          text NOT NULL DEFAULT 'unknown'
                    CHECK (status IN ('running', 'stopped', 'paused', 'unknown')),
    desired_status  text NOT NULL DEFAULT 'running'
                    CHECK (desired_status IN ('running', 'stopped')),
    mac             text,
    fqdn            text,
    ip              text,
    cores           int CHECK (cores > 0),
    memory_bytes    bigint CHECK (memory_bytes > 0),
    tags            text[] NOT NULL DEFAULT '{}',
    description     text,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX guests_node_idx ON ralf.guests (node);

CREATE TABLE ralf.services (
    service_id      text PRIMARY KEY,                    -- e.g. web01/nginx
    vmid            int REFERENCES ralf.guests (vmid) ON DELETE CASCADE,
    node            text REFERENCES ralf.nodes (node) ON UPDATE CASCADE,  -- for host-level services
    name            text NOT NULL,
    kind            text NOT NULL,                       -- systemd, docker, http, tcp, ...
    health_url      text,
    desired_state   text NOT NULL DEFAULT 'running' CHECK (desired_state IN ('running', 'stopped')),
    critical        boolean NOT NULL DEFAULT false,
    labels          jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (vmid IS NOT NULL OR node IS NOT NULL)
);
CREATE INDEX services_vmid_idx ON ralf.services (vmid);

CREATE TABLE ralf.deployments (
    deployment_id   text PRIMARY KEY,
    service_id      text NOT NULL REFERENCES ralf.services (service_id) ON DELETE CASCADE,
    version         text NOT NULL,
    state           text NOT NULL
                    CHECK (state IN ('planned', 'deploying', 'deployed', 'failed', 'rolled_back')),
    desired         boolean NOT NULL DEFAULT true,       -- the version that should be running
    deployed_at     timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deployments_service_idx ON ralf.deployments (service_id, updated_at DESC);

CREATE TABLE ralf.policies (
    policy_id       text PRIMARY KEY,
    version         int NOT NULL CHECK (version > 0),
    enabled         boolean NOT NULL DEFAULT true,
    description     text,
    document        text NOT NULL,                       -- the policy as YAML
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ralf.maintenance_windows (
    window_id       text PRIMARY KEY,
    entity_selector text NOT NULL,                       -- entity name or glob, e.g. pve1, web*
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    reason          text NOT NULL,
    created_by      text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX maintenance_windows_time_idx ON ralf.maintenance_windows (starts_at, ends_at);

-- ---------------------------------------------------------------------------------------------
-- Live state and analytics results
-- ---------------------------------------------------------------------------------------------

CREATE TABLE ralf.live_status (
    entity          text PRIMARY KEY,                    -- node, guest, service or host id
    entity_kind     text NOT NULL,                       -- node, guest, service, host
    status          text NOT NULL,                       -- up, down, degraded, unknown, ...
    health_score    double precision CHECK (health_score BETWEEN 0 AND 1),
    open_incident_id text,
    details         jsonb NOT NULL DEFAULT '{}'::jsonb,
    last_seen       timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ralf.anomalies (
    anomaly_id      text PRIMARY KEY,                    -- deterministic: replays upsert
    entity          text NOT NULL,
    series_id       text,
    template_id     text,
    kind            text NOT NULL,
    detector        text NOT NULL,
    score           double precision NOT NULL CHECK (score BETWEEN 0 AND 1),
    value           double precision,
    expected_low    double precision,
    expected_high   double precision,
    contributions   jsonb NOT NULL DEFAULT '{}'::jsonb,
    window_start    timestamptz NOT NULL,
    window_end      timestamptz NOT NULL,
    detected_at     timestamptz NOT NULL,
    explanation     text NOT NULL,
    labels          jsonb NOT NULL DEFAULT '{}'::jsonb,
    incident_id     text,
    CHECK (window_end >= window_start)
);
CREATE INDEX anomalies_entity_time_idx ON ralf.anomalies (entity, detected_at DESC);
CREATE INDEX anomalies_time_idx ON ralf.anomalies (detected_at DESC);
CREATE INDEX anomalies_incident_idx ON ralf.anomalies (incident_id) WHERE incident_id IS NOT NULL;

CREATE TABLE ralf.incidents (
    incident_id     text PRIMARY KEY,
    root_entity     text NOT NULL,
    affected_entities text[] NOT NULL DEFAULT '{}',
    state           text NOT NULL CHECK (state IN ('OPEN', 'MITIGATING', 'RESOLVED', 'ESCALATED')),
    anomaly_ids     text[] NOT NULL DEFAULT '{}',
    opened_at       timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    resolved_at     timestamptz,
    summary         text NOT NULL,
    CHECK (updated_at >= opened_at),
    CHECK (state <> 'RESOLVED' OR resolved_at IS NOT NULL)
);
CREATE INDEX incidents_state_idx ON ralf.incidents (state);
CREATE INDEX incidents_opened_idx ON ralf.incidents (opened_at DESC);
CREATE INDEX incidents_root_idx ON ralf.incidents (root_entity, opened_at DESC);

-- The audit record of every remediation decision, with its explanation (same text as in the git
-- audit repo and the Matrix message).
CREATE TABLE ralf.decisions (
    decision_id     text PRIMARY KEY,
    incident_id     text,
    explanation     jsonb NOT NULL,                      -- events, detector/pattern, similar incidents, policy, guards
    chosen_action   text,                                -- e.g. PROXMOX:start; null when escalated / no action
    command_id      text,
    idempotency_key text,
    policy_id       text,
    outcome         text,                                -- filled in when the command result arrives
    created_at      timestamptz NOT NULL
);
CREATE INDEX decisions_incident_idx ON ralf.decisions (incident_id);
CREATE INDEX decisions_created_idx ON ralf.decisions (created_at DESC);

-- ---------------------------------------------------------------------------------------------
-- Executor: command ledger (at most once per idempotency key), approvals, results
-- ---------------------------------------------------------------------------------------------

CREATE TABLE ralf.command_ledger (
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
    external_ref      text,                              -- Proxmox UPID
    result            jsonb
);
CREATE INDEX command_ledger_state_idx ON ralf.command_ledger (state);

CREATE TABLE ralf.command_approvals (
    idempotency_key text PRIMARY KEY,
    approver        text NOT NULL,
    approved        boolean NOT NULL,
    decided_at      timestamptz NOT NULL,
    comment         text,
    received_at     timestamptz NOT NULL DEFAULT now()
);

-- History of ralf.command-results as seen by the results sink (one final result per command).
CREATE TABLE ralf.command_results (
    command_id      text PRIMARY KEY,
    idempotency_key text NOT NULL,
    target          text NOT NULL,
    kind            text NOT NULL,
    action          text NOT NULL,
    state           text NOT NULL,
    reason          text NOT NULL,
    dry_run         boolean NOT NULL,
    received_at     timestamptz NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz NOT NULL,
    executor_id     text NOT NULL,
    result          jsonb NOT NULL,                      -- the CommandResult as JSON
    recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX command_results_key_idx ON ralf.command_results (idempotency_key);
CREATE INDEX command_results_finished_idx ON ralf.command_results (finished_at DESC);

-- ---------------------------------------------------------------------------------------------
-- Patterns (pgvector): log templates, incident fingerprints, experience records
-- ---------------------------------------------------------------------------------------------

CREATE TABLE ralf.log_templates (
    template_id     text PRIMARY KEY,
    source          text NOT NULL,
    template        text NOT NULL,
    token_count     int NOT NULL,
    count           bigint NOT NULL,
    first_seen      timestamptz NOT NULL,
    last_seen       timestamptz NOT NULL,
    example         text,
    severity        text,
    embedding       vector(256) NOT NULL
);
CREATE INDEX log_templates_embedding_idx ON ralf.log_templates
    USING hnsw (embedding vector_cosine_ops);

CREATE TABLE ralf.incident_fingerprints (
    incident_id     text PRIMARY KEY,
    root_entity     text NOT NULL,
    entity_kind     text,
    anomaly_kinds   text[] NOT NULL DEFAULT '{}',
    features        jsonb NOT NULL DEFAULT '{}'::jsonb,  -- the hashed features, for explanations
    embedding       vector(256) NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX incident_fingerprints_embedding_idx ON ralf.incident_fingerprints
    USING hnsw (embedding vector_cosine_ops);

-- What was done for an incident and how it worked out: the learning signal for choosing the next
-- remediation.
CREATE TABLE ralf.experiences (
    experience_id   text PRIMARY KEY,
    incident_id     text NOT NULL,
    decision_id     text,
    command_id      text,
    kind            text,                                -- ActionKind
    action          text NOT NULL,
    target          text,
    outcome         text NOT NULL,                       -- e.g. SUCCEEDED, FAILED, NO_EFFECT, ESCALATED
    time_to_recover_ms bigint CHECK (time_to_recover_ms >= 0),
    reward          double precision,
    features        jsonb NOT NULL DEFAULT '{}'::jsonb,
    embedding       vector(256) NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX experiences_embedding_idx ON ralf.experiences
    USING hnsw (embedding vector_cosine_ops);
CREATE INDEX experiences_action_idx ON ralf.experiences (action, outcome);

-- ---------------------------------------------------------------------------------------------
-- Simulator ground truth and Grafana rollups
-- ---------------------------------------------------------------------------------------------

CREATE TABLE ralf.ground_truth_faults (
    fault_id        text PRIMARY KEY,
    scenario        text NOT NULL,
    kind            text NOT NULL,                       -- e.g. disk-fill, service-crash, guest-stop
    entity          text NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz,                         -- null while the fault is active
    params          jsonb NOT NULL DEFAULT '{}'::jsonb,
    CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
CREATE INDEX ground_truth_faults_scenario_idx ON ralf.ground_truth_faults (scenario, starts_at);

CREATE TABLE ralf.metric_rollups_1m (
    series_id       text NOT NULL,
    bucket          timestamptz NOT NULL,                -- start of the minute
    name            text NOT NULL,
    entity          text,
    sample_count    int NOT NULL CHECK (sample_count > 0),
    min_value       double precision NOT NULL,
    max_value       double precision NOT NULL,
    avg_value       double precision NOT NULL,
    last_value      double precision NOT NULL,
    PRIMARY KEY (series_id, bucket)
);
CREATE INDEX metric_rollups_1m_name_idx ON ralf.metric_rollups_1m (name, bucket DESC);

-- ---------------------------------------------------------------------------------------------
-- CDC: full row images and the publication Debezium reads (publication.autocreate.mode=disabled)
-- ---------------------------------------------------------------------------------------------

ALTER TABLE ralf.nodes REPLICA IDENTITY FULL;
ALTER TABLE ralf.guests REPLICA IDENTITY FULL;
ALTER TABLE ralf.services REPLICA IDENTITY FULL;
ALTER TABLE ralf.deployments REPLICA IDENTITY FULL;
ALTER TABLE ralf.policies REPLICA IDENTITY FULL;
ALTER TABLE ralf.maintenance_windows REPLICA IDENTITY FULL;

CREATE PUBLICATION ralf_cdc FOR TABLE
    ralf.nodes, ralf.guests, ralf.services, ralf.deployments, ralf.policies,
    ralf.maintenance_windows;

-- ---------------------------------------------------------------------------------------------
-- Grants, when the roles exist (the stack creates them; a bare test database may not have them)
-- ---------------------------------------------------------------------------------------------

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ralf_app') THEN
        GRANT USAGE ON SCHEMA ralf TO ralf_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ralf TO ralf_app;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ralf TO ralf_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA ralf
            GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ralf_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA ralf
            GRANT USAGE, SELECT ON SEQUENCES TO ralf_app;
        -- The application must not rewrite the migration history.
        IF to_regclass('ralf.flyway_schema_history') IS NOT NULL THEN
            REVOKE INSERT, UPDATE, DELETE ON ralf.flyway_schema_history FROM ralf_app;
        END IF;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ralf_cdc') THEN
        GRANT USAGE ON SCHEMA ralf TO ralf_cdc;
        GRANT SELECT ON ALL TABLES IN SCHEMA ralf TO ralf_cdc;
        ALTER DEFAULT PRIVILEGES IN SCHEMA ralf GRANT SELECT ON TABLES TO ralf_cdc;
    END IF;
END
$$;
