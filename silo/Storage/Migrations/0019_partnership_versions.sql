-- The enterprise partnership grain's optimistic version (issue 14, design.md §2). partnerships.version takes its values
-- from the one shared sequence grain_versions (free-standing: TRUNCATE … RESTART IDENTITY does not reset it, so a reloaded
-- demo never repeats a version). Any statement that changes a partnership's parties, settlements, their lines or its
-- payments, whoever runs it, gives the partnership a new version; so does an update of the partnership row itself. The
-- grain's command locks the row and compares the version with the one it loaded: a mismatch means another writer was
-- there, and the grain reloads and retries instead of overwriting.

-- grain_versions: the shared sequence of migration 0016.

ALTER TABLE partnerships ADD COLUMN version bigint NOT NULL DEFAULT nextval('grain_versions');

-- An update of the row that does not set the version itself (an edit from outside the grain) still moves it.
CREATE TRIGGER partnership_version BEFORE UPDATE ON partnerships FOR EACH ROW EXECUTE FUNCTION version_moved_on_update();  -- migration 0016

-- One new version per statement for each partnership whose rows the statement touched (transition tables: TG_ARGV[0] names
-- the column holding the partnership; settlement lines reach it through their settlement).
CREATE FUNCTION partnership_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'settlement_lines' THEN
        EXECUTE 'UPDATE partnerships SET version = nextval(''grain_versions'') WHERE id IN (SELECT s.partnership_id FROM partnership_settlements s '
             || 'WHERE s.id IN (SELECT settlement_id FROM changed_rows))';
    ELSE
        EXECUTE 'UPDATE partnerships SET version = nextval(''grain_versions'') WHERE id IN (SELECT partnership_id FROM changed_rows)';
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['partnership_parties', 'partnership_settlements', 'settlement_lines', 'partnership_payments'] LOOP
        EXECUTE format('CREATE TRIGGER partnership_version_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION partnership_version_bump()', t);
        EXECUTE format('CREATE TRIGGER partnership_version_update AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION partnership_version_bump()', t);
        EXECUTE format('CREATE TRIGGER partnership_version_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION partnership_version_bump()', t);
    END LOOP;
END $$;

-- The audit trail records changes of the contract, not each new version number: an update that only moved the version
-- is not audited (a DELETE trigger may not look at NEW, hence two triggers).
DROP TRIGGER audit_row_change ON partnerships;
CREATE TRIGGER audit_row_change AFTER DELETE ON partnerships FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_row_update AFTER UPDATE ON partnerships FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'version') IS DISTINCT FROM (to_jsonb(NEW) - 'version')) EXECUTE FUNCTION audit_row_change();

-- A settlement's entries are found by it (its lines link them; a correction reverses them).
CREATE INDEX IF NOT EXISTS book_entries_settlement ON book_entries (settlement_id) WHERE settlement_id IS NOT NULL;
