-- What llnc_hub may do, table by table. Run as llnc_hub_owner after every
-- `llnc-hub store migrate` that adds a table:
--
--   psql -h DBHOST -U llnc_hub_owner -d llnc -f deploy/postgres/grants.sql
--
-- No DELETE or TRUNCATE on any record: the hub never erases one (a revision supersedes,
-- a revocation is a status). The event log is INSERT and SELECT only, on top of the
-- triggers that refuse UPDATE, DELETE and TRUNCATE of the logs and releases for every role.
-- The two exceptions are not records but bounded working state: signed-out page sessions
-- (dropped once their cookie would have expired) and the daily counts of unauthenticated
-- refusals (dropped after 400 days).
\set ON_ERROR_STOP on

GRANT SELECT, INSERT, UPDATE ON site, enrolment_token, submission, cell, access_token TO llnc_hub;
-- Logs and releases only grow: a release is immutable once stored.
GRANT SELECT, INSERT ON hub_event, query_log, release, released_document, ledger_entry TO llnc_hub;
GRANT SELECT ON llnc_schema_migration TO llnc_hub;
GRANT SELECT, INSERT, DELETE ON ended_session TO llnc_hub;
GRANT SELECT, INSERT, UPDATE, DELETE ON unauthenticated_refusal TO llnc_hub;
