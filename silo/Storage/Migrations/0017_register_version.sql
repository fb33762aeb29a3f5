-- The village grain keeps a village's share register (charter, households, members, the movement journal) in memory
-- and commits each command under an optimistic version check (design.md §2). villages.version is that check: every
-- statement that changes what the register is loaded from, whoever the writer (a grain, the register import, the demo
-- loaders, a second activation, a test's SQL), gives the village a new version from one shared free-standing sequence,
-- so a cached register whose version differs is stale. The sequence belongs to no column: TRUNCATE … RESTART IDENTITY
-- does not reset it, so a reloaded demo never repeats a version an activation may still hold.

-- grain_versions: the shared sequence of migration 0016.

ALTER TABLE villages ADD COLUMN IF NOT EXISTS version bigint NOT NULL DEFAULT nextval('grain_versions');

-- A change of the village row itself (its charter fields, its name) is a new version too, unless the statement set one.
CREATE TRIGGER register_village_row_versioned BEFORE UPDATE ON villages
    FOR EACH ROW EXECUTE FUNCTION version_moved_on_update();  -- migration 0016

-- Once per statement (not per row: an import of thousands of members bumps each village once), for the villages whose
-- rows the statement inserted, changed or deleted.
CREATE FUNCTION register_version_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE villages SET version = nextval('grain_versions') WHERE id IN (SELECT DISTINCT village_id FROM changed_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION register_version_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE villages SET version = nextval('grain_versions')
    WHERE id IN (SELECT village_id FROM changed_rows UNION SELECT village_id FROM previous_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION register_version_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE villages SET version = nextval('grain_versions') WHERE id IN (SELECT DISTINCT village_id FROM previous_rows);
    RETURN NULL;
END $$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['share_movements', 'households', 'members', 'village_charters', 'share_classes'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION register_version_after_insert()', t || '_register_version_i', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows OLD TABLE AS previous_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION register_version_after_update()', t || '_register_version_u', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS previous_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION register_version_after_delete()', t || '_register_version_d', t);
    END LOOP;
END $$;

-- A new version alone is bookkeeping, not a change of the village: the audit trail records a village row's update only
-- when something besides its version changed (else every movement would add a villages row to the trail).
DROP TRIGGER audit_row_change ON villages;
CREATE TRIGGER audit_row_change AFTER UPDATE ON villages FOR EACH ROW
    WHEN (to_jsonb(OLD) - 'version' IS DISTINCT FROM to_jsonb(NEW) - 'version') EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_row_deleted AFTER DELETE ON villages FOR EACH ROW EXECUTE FUNCTION audit_row_change();

-- "A member on a date", defined once for every query that counts members as of a date (the register as of a date, the
-- villages' overviews, the comparison): born by then, a member since then (or since an unknown date), membership not
-- ended by then. A plain SQL expression: PostgreSQL inlines it, so it reads the same index as the predicate written out.
CREATE FUNCTION member_on(birth_date date, member_since date, ended_on date, on_date date) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT birth_date <= on_date AND (member_since IS NULL OR member_since <= on_date) AND (ended_on IS NULL OR ended_on > on_date)
$$;

-- The members' covering index (0014) carries the columns member_on reads, so the register is still read index-only.
DROP INDEX members_village_household;
CREATE INDEX members_village_household ON members (village_id, household_id) INCLUDE (ended_on, birth_date, member_since);
