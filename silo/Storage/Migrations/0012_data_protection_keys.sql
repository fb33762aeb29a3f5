-- ASP.NET Core's data-protection key ring (it encrypts the session cookie and the CSRF tokens), kept in PostgreSQL so
-- that every silo process behind a reverse proxy reads and writes the same keys: a session started on one silo is valid
-- on the others. Not a village's data (no village_id, hence no audit triggers); rows are only ever added.
CREATE TABLE data_protection_keys (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name   text NOT NULL,
    xml             text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
