-- Roles and scopes (issue 8): counties hold townships, townships hold villages; one account may hold several roles,
-- each in its own scope: accountant (writes one village), cashier (the dividend day of one village), township
-- overseer (reads one township), county administrator (manages a county's accounts and townships, reads all of it).

CREATE TABLE counties (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name    text NOT NULL UNIQUE
);

CREATE TABLE townships (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    county_id   bigint NOT NULL REFERENCES counties (id),
    name        text NOT NULL,
    UNIQUE (county_id, name)
);

ALTER TABLE villages ADD COLUMN township_id bigint REFERENCES townships (id);

-- Existing villages get their township and county from the names they carry.
INSERT INTO counties (name) SELECT DISTINCT county FROM villages;
INSERT INTO townships (county_id, name) SELECT DISTINCT c.id, v.township FROM villages v JOIN counties c ON c.name = v.county;
UPDATE villages v SET township_id = t.id FROM townships t JOIN counties c ON c.id = t.county_id WHERE t.name = v.township AND c.name = v.county;

CREATE TABLE account_roles (
    account_id  bigint NOT NULL REFERENCES accounts (id),
    role        text NOT NULL CHECK (role IN ('accountant', 'cashier', 'township_overseer', 'county_admin')),
    village_id  bigint REFERENCES villages (id),
    township_id bigint REFERENCES townships (id),
    county_id   bigint REFERENCES counties (id),
    CHECK (CASE role
        WHEN 'accountant' THEN village_id IS NOT NULL AND township_id IS NULL AND county_id IS NULL
        WHEN 'cashier' THEN village_id IS NOT NULL AND township_id IS NULL AND county_id IS NULL
        WHEN 'township_overseer' THEN township_id IS NOT NULL AND village_id IS NULL AND county_id IS NULL
        ELSE county_id IS NOT NULL AND village_id IS NULL AND township_id IS NULL END),
    UNIQUE NULLS NOT DISTINCT (account_id, role, village_id, township_id, county_id)
);

-- accounts.role is the account's main role, shown to people; what it may do comes from account_roles.
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
UPDATE accounts SET role = 'township_overseer' WHERE role = 'overseer';
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check CHECK (role IN ('accountant', 'cashier', 'township_overseer', 'county_admin'));

-- Accounts made before keep their one role in their village.
INSERT INTO account_roles (account_id, role, village_id)
SELECT id, role, village_id FROM accounts WHERE role IN ('accountant', 'cashier') AND village_id IS NOT NULL;

CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON account_roles FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON townships FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON counties FOR EACH ROW EXECUTE FUNCTION audit_row_change();
