-- PostgreSQL for an LLNC hub: two roles and one database. Run once as a superuser:
--
--   psql -h DBHOST -U postgres -v owner_password="$OWNER_PW" -v hub_password="$HUB_PW" -f deploy/postgres/setup.sql
--
-- llnc_hub_owner owns the schema: it runs migrations (`llnc-hub store migrate`) and
-- nothing else. llnc_hub is what `llnc-hub serve` and the other commands log in as: it may
-- read and write the register, tokens, submissions and cells, only read and append to the
-- event log, and change no table's shape. deploy/postgres/grants.sql gives it exactly that,
-- after the first migration has made the tables.
\set ON_ERROR_STOP on

CREATE ROLE llnc_hub_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE llnc_hub LOGIN PASSWORD :'hub_password' CONNECTION LIMIT 100;
CREATE DATABASE llnc OWNER llnc_hub_owner ENCODING 'UTF8' TEMPLATE template0;

\connect llnc
-- Nobody but the owner creates anything in the schema (PostgreSQL 15's default; stated
-- here so an older server gets it too).
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO llnc_hub_owner;
GRANT USAGE ON SCHEMA public TO llnc_hub;
REVOKE ALL ON DATABASE llnc FROM PUBLIC;
GRANT CONNECT ON DATABASE llnc TO llnc_hub_owner, llnc_hub;
