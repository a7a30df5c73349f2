-- ralf.incident_fingerprints was never written nor read: the incident memory lives in
-- ralf.experiences, one row per remediation attempt carrying the incident's fingerprint (features)
-- and its embedding, and the similar-incident lookup is an HNSW search on that table, because what
-- a decision needs from a similar incident is the outcome of each action tried on it.
-- A separate fingerprint table would duplicate the embedding and turn the lookup into a filtered
-- nearest-neighbour search (only incidents that have an experience are useful, and most incidents
-- never get an action), which HNSW answers with poor recall. See docs/remediation.md.
DROP TABLE IF EXISTS ralf.incident_fingerprints;
