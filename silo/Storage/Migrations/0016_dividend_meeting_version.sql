-- The dividend-meeting grain (issue 14) keeps a run's meeting, lines, households and used idempotency keys in memory and
-- commits each batch of marks in one transaction that first compares the meeting row's version with the one it loaded.
-- Every change to what it caches gives the meeting a new version, whoever writes it (the grain, a second activation,
-- SQL by hand), so a stale cache reloads instead of overwriting. Versions come from one free-standing sequence shared by
-- every grain's owning row: TRUNCATE … RESTART IDENTITY does not reset it, so a reloaded demo never repeats a version.

CREATE SEQUENCE IF NOT EXISTS grain_versions;

ALTER TABLE dividend_meetings ADD COLUMN version bigint NOT NULL DEFAULT nextval('grain_versions');

-- An update of a grain's owning row that does not set its version itself (status, closings; an edit from outside the
-- grain) is a new version. One function for every owning row (the village's 0017, the partnership's 0019 use it too).
CREATE FUNCTION version_moved_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.version IS NOT DISTINCT FROM OLD.version THEN
        NEW.version := nextval('grain_versions');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER dividend_meeting_versioned BEFORE UPDATE ON dividend_meetings FOR EACH ROW EXECUTE FUNCTION version_moved_on_update();

-- Once per statement that changes lines' events or statuses: the meetings of the runs it touched get a new version.
CREATE FUNCTION dividend_meeting_lines_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE dividend_meetings SET version = nextval('grain_versions') WHERE run_id IN (SELECT DISTINCT run_id FROM changed);
    RETURN NULL;
END $$;

-- The register's members decide whom cash may go to: a change in a village's households is a new version of its open meetings.
CREATE FUNCTION dividend_meeting_members_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE dividend_meetings SET version = nextval('grain_versions')
    WHERE status = 'open' AND village_id IN (SELECT DISTINCT village_id FROM changed);
    RETURN NULL;
END $$;

DO $$
DECLARE
    t text;
    f text;
BEGIN
    FOR t, f IN VALUES ('payout_events', 'dividend_meeting_lines_changed'), ('payout_line_status', 'dividend_meeting_lines_changed'),
                       ('members', 'dividend_meeting_members_changed') LOOP
        EXECUTE format('CREATE TRIGGER dividend_meeting_inserted AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t, f);
        EXECUTE format('CREATE TRIGGER dividend_meeting_updated AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t, f);
        EXECUTE format('CREATE TRIGGER dividend_meeting_deleted AFTER DELETE ON %I REFERENCING OLD TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t, f);
    END LOOP;
END $$;

-- A new version alone is not a change the audit trail records (it would add a row per batch of marks): the meeting row's
-- update trigger skips updates that change nothing but the version. Deletes stay audited.
DROP TRIGGER audit_row_change ON dividend_meetings;
CREATE TRIGGER audit_row_change AFTER UPDATE ON dividend_meetings FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'version') IS DISTINCT FROM (to_jsonb(NEW) - 'version')) EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_row_deleted AFTER DELETE ON dividend_meetings FOR EACH ROW EXECUTE FUNCTION audit_row_change();

-- The grain's write transaction starts here: lock the meeting row if it still has the version the grain decided on, or
-- fail with SQLSTATE VC409 (nothing written; the grain reloads and decides again).
CREATE FUNCTION dividend_meeting_at_version(p_run_id bigint, p_version bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM dividend_meetings WHERE run_id = p_run_id AND version = p_version FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the meeting of run % is no longer at version %', p_run_id, p_version USING ERRCODE = 'VC409';
    END IF;
END $$;

-- payout_line_status is derived: each row's status is its last event's, and every event is audited when inserted. Its
-- updates come by the batch now (a batch of marks, a closing's deferrals), and one audit row per line made a batch of 16
-- marks write 17 chained audit rows. Its updates are audited like inserts (0008): one row per statement and village,
-- "before" and "after" the lines' rows in the same order. Deletes stay one row each.
CREATE FUNCTION payout_line_status_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT n.village_id AS chain, jsonb_agg(to_jsonb(o) ORDER BY n.run_id, n.line_no) AS before,
               jsonb_agg(to_jsonb(n) ORDER BY n.run_id, n.line_no) AS after
        FROM new_rows n JOIN old_rows o ON o.run_id = n.run_id AND o.line_no = n.line_no
        GROUP BY n.village_id ORDER BY 1
    LOOP
        PERFORM audit_write(r.chain, TG_TABLE_NAME, 'UPDATE', r.before, r.after);
    END LOOP;
    RETURN NULL;
END $$;
DROP TRIGGER audit_row_change ON payout_line_status;
CREATE TRIGGER audit_row_change AFTER UPDATE ON payout_line_status REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION payout_line_status_updated();
CREATE TRIGGER audit_row_deleted AFTER DELETE ON payout_line_status FOR EACH ROW EXECUTE FUNCTION audit_row_change();
