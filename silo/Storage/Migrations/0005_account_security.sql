-- Account security (issue 8, first part): lockout after repeated failures, and a forced password change
-- at first login for accounts that someone else created.
ALTER TABLE accounts
    ADD COLUMN failed_logins         integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    ADD COLUMN locked_until          timestamptz,
    ADD COLUMN must_change_password  boolean NOT NULL DEFAULT false,
    ADD COLUMN password_changed_at   timestamptz;
