-- Simulator ground truth: the columns the scorer needs besides V1's, so that a backtest can score
-- a recorded run from the table alone (docs/simulator.md, "Scoring").
ALTER TABLE ralf.ground_truth_faults
    ADD COLUMN affected      text[] NOT NULL DEFAULT '{}',  -- entities whose anomalies count for the fault
    ADD COLUMN scheduled_end timestamptz,                   -- when the scenario would have ended it
    ADD COLUMN ended_by      text;                          -- 'schedule' or 'action:<action>'; null while active
