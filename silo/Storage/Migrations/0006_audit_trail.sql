-- The audit trail (issue 8): every change to a table that carries village_id (and to accounts) is written by a
-- trigger to audit_log, append-only, with who (vc.actor), from which address (vc.address), when, what, before
-- and after. Rows form one hash chain per village: each row's hash covers the previous row's hash and its own
-- content, so an edited or deleted row breaks the chain at that point (AuditVerifier reports the first break).
-- A new table with village_id must get the trigger too (AuditTrailTests checks that every such table has it).

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain       bigint NOT NULL,            -- the village's id; 0 for rows of no village (e.g. an overseer's account)
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor       text NOT NULL,
    address     text NOT NULL,
    table_name  text NOT NULL,
    operation   text NOT NULL,
    before      jsonb,
    after       jsonb,
    prev_hash   text NOT NULL,
    hash        text NOT NULL
);
CREATE INDEX audit_log_chain ON audit_log (chain, id);

-- The text a row's hash covers; the verifier recomputes it with the same function.
CREATE FUNCTION audit_row_text(prev_hash text, chain bigint, at timestamptz, actor text, address text, table_name text,
                               operation text, before jsonb, after jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT concat_ws('|', prev_hash, chain::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), actor, address,
                     table_name, operation, coalesce(before::text, ''), coalesce(after::text, ''))
$$;

CREATE FUNCTION audit_hash(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(body, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_write(chain bigint, table_name text, operation text, before jsonb, after jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    prev text;
    now_at timestamptz := clock_timestamp();
    who text := coalesce(nullif(current_setting('vc.actor', true), ''), 'system');
    from_where text := coalesce(nullif(current_setting('vc.address', true), ''), '');
BEGIN
    -- One writer per chain at a time, so the chain never forks (the village lock usually holds it already).
    PERFORM pg_advisory_xact_lock(hashtextextended('vc.audit:' || chain::text, 0));
    SELECT a.hash INTO prev FROM audit_log a WHERE a.chain = audit_write.chain ORDER BY a.id DESC LIMIT 1;
    prev := coalesce(prev, 'genesis');
    INSERT INTO audit_log (chain, at, actor, address, table_name, operation, before, after, prev_hash, hash)
    VALUES (chain, now_at, who, from_where, table_name, operation, before, after, prev,
            audit_hash(audit_row_text(prev, chain, now_at, who, from_where, table_name, operation, before, after)));
END $$;

CREATE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
BEGIN
    -- A village's own row chains under its id; every other row under its village_id; rows of no village under 0.
    PERFORM audit_write(coalesce((coalesce(new_row, old_row) ->> CASE WHEN TG_TABLE_NAME = 'villages' THEN 'id' ELSE 'village_id' END)::bigint, 0),
                        TG_TABLE_NAME, TG_OP, old_row, new_row);
    RETURN NULL;
END $$;

-- Payout lines come by the hundred thousand in one COPY: one audit row per statement (count and total), not per line.
CREATE FUNCTION audit_lines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT village_id, run_id, count(*) AS lines, sum(amount) AS total FROM inserted GROUP BY village_id, run_id LOOP
        PERFORM audit_write(r.village_id, TG_TABLE_NAME, 'INSERT', NULL,
                            jsonb_build_object('run_id', r.run_id, 'lines', r.lines, 'total', r.total));
    END LOOP;
    RETURN NULL;
END $$;

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Attach to every table that carries village_id, and to villages and accounts.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables tb USING (table_schema, table_name)
             WHERE c.table_schema = current_schema() AND c.column_name = 'village_id' AND tb.table_type = 'BASE TABLE'
               AND c.table_name NOT IN ('audit_log', 'payout_lines')
             UNION SELECT 'accounts' UNION SELECT 'villages' LOOP
        EXECUTE format('CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION audit_row_change()', t);
    END LOOP;
END $$;
CREATE TRIGGER audit_lines_inserted AFTER INSERT ON payout_lines REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION audit_lines_inserted();
