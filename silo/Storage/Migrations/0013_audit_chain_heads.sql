-- The head of each audit chain: its newest row's id and hash, written in the same transaction as the row. Without it,
-- removing a chain's newest rows left a shorter chain that still verified; now the verifier compares the chain's last
-- row with its head and reports 'head' (AuditStore.VerifyAsync). The head also gives audit_write the previous hash
-- without searching the log.
CREATE TABLE audit_heads (
    chain       bigint PRIMARY KEY,
    last_id     bigint NOT NULL,
    last_hash   text NOT NULL,
    rows        bigint NOT NULL
);
INSERT INTO audit_heads (chain, last_id, last_hash, rows)
SELECT DISTINCT ON (chain) chain, id, hash, count(*) OVER (PARTITION BY chain) FROM audit_log ORDER BY chain, id DESC;

CREATE FUNCTION audit_heads_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_heads rows are never deleted';
END $$;
CREATE TRIGGER audit_heads_kept BEFORE DELETE ON audit_heads FOR EACH ROW EXECUTE FUNCTION audit_heads_kept();

CREATE OR REPLACE FUNCTION audit_write(chain bigint, table_name text, operation text, before jsonb, after jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    prev text;
    new_id bigint;
    new_hash text;
    now_at timestamptz := clock_timestamp();
    who text := coalesce(nullif(current_setting('vc.actor', true), ''), 'system');
    from_where text := coalesce(nullif(current_setting('vc.address', true), ''), '');
BEGIN
    -- One writer per chain at a time, so the chain never forks (the village lock usually holds it already).
    PERFORM pg_advisory_xact_lock(hashtextextended('vc.audit:' || chain::text, 0));
    SELECT h.last_hash INTO prev FROM audit_heads h WHERE h.chain = audit_write.chain;
    prev := coalesce(prev, 'genesis');
    new_hash := audit_hash(audit_row_text(prev, chain, now_at, who, from_where, table_name, operation, before, after));
    INSERT INTO audit_log (chain, at, actor, address, table_name, operation, before, after, prev_hash, hash)
    VALUES (chain, now_at, who, from_where, table_name, operation, before, after, prev, new_hash)
    RETURNING id INTO new_id;
    INSERT INTO audit_heads AS h (chain, last_id, last_hash, rows) VALUES (audit_write.chain, new_id, new_hash, 1)
    ON CONFLICT ON CONSTRAINT audit_heads_pkey DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash, rows = h.rows + 1;
END $$;
