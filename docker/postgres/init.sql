-- Roles and extension of the RALF database (the same as ./ralf stack up creates locally).
-- Migrations are applied afterwards with ./ralf stack init against this server.
CREATE ROLE ralf_admin LOGIN CREATEDB PASSWORD 'ralf';
CREATE ROLE ralf_app LOGIN PASSWORD 'ralf';
CREATE ROLE ralf_cdc LOGIN REPLICATION PASSWORD 'ralf';
ALTER DATABASE ralf OWNER TO ralf_admin;
\connect ralf
CREATE EXTENSION IF NOT EXISTS vector;
