-- Village–enterprise partnerships (村企联营) and pooled enclave projects (飞地抱团), issue 5.
-- Kept by the county administrator; each party village reads its own. A settlement posts each village's share as
-- 投资收益 into that village's books, linked back by book_entries.settlement_id; a correction supersedes the settlement
-- and reverses its entries (book entries stay append-only).

CREATE TABLE enterprises (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    county_id   bigint NOT NULL REFERENCES counties (id),
    name        text NOT NULL,
    credit_code text NOT NULL CHECK (length(credit_code) = 18),
    contact     text NOT NULL DEFAULT '',
    is_demo     boolean NOT NULL DEFAULT false,
    UNIQUE (county_id, credit_code)
);

CREATE TABLE partnerships (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    county_id            bigint NOT NULL REFERENCES counties (id),
    enterprise_id        bigint NOT NULL REFERENCES enterprises (id),
    project              text NOT NULL,
    term_start           date NOT NULL,
    term_end             date NOT NULL CHECK (term_end >= term_start),
    value_per_share      numeric(18,2) NOT NULL CHECK (value_per_share > 0),
    income_mode          text NOT NULL CHECK (income_mode IN ('fixed_rent', 'guarantee_plus_profit_share', 'greater_of')),
    fixed_rent           numeric(18,2),
    guarantee_amount     numeric(18,2),
    guarantee_percent    numeric(9,4),
    profit_share_percent numeric(9,4) NOT NULL CHECK (profit_share_percent BETWEEN 0 AND 100),
    schedule             jsonb NOT NULL,
    local_jobs           integer NOT NULL CHECK (local_jobs >= 0),
    created_by           text NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    is_demo              boolean NOT NULL DEFAULT false
);

-- One row per party in contract order; village_id NULL is the enterprise's own stake.
CREATE TABLE partnership_parties (
    partnership_id  bigint NOT NULL REFERENCES partnerships (id),
    position        integer NOT NULL,
    village_id      bigint REFERENCES villages (id),
    joined_on       date NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('land', 'assets', 'cash')),
    mu              numeric(14,4),
    value_per_mu    numeric(18,2),
    value           numeric(18,2) NOT NULL CHECK (value > 0),
    shares          numeric(14,4) NOT NULL CHECK (shares > 0),
    PRIMARY KEY (partnership_id, position),
    UNIQUE NULLS NOT DISTINCT (partnership_id, village_id)
);
CREATE INDEX partnership_parties_village ON partnership_parties (village_id);

CREATE TABLE partnership_settlements (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partnership_id     bigint NOT NULL REFERENCES partnerships (id),
    year               integer NOT NULL,
    revenue            numeric(18,2) NOT NULL CHECK (revenue >= 0),
    net_profit         numeric(18,2) NOT NULL,
    guarantee_total    numeric(18,2) NOT NULL,
    distributed_profit numeric(18,2) NOT NULL,
    per_share_rate     numeric(18,2) NOT NULL,
    profit_residue     numeric(18,2) NOT NULL,
    total_owed         numeric(18,2) NOT NULL,
    statement          text[] NOT NULL,
    reason             text NOT NULL DEFAULT '',
    settled_on         date NOT NULL,
    settled_by         text NOT NULL,
    settled_at         timestamptz NOT NULL DEFAULT now(),
    superseded_by      bigint REFERENCES partnership_settlements (id) DEFERRABLE INITIALLY DEFERRED
);
-- One standing settlement per partnership and year; a correction supersedes the old one.
CREATE UNIQUE INDEX partnership_settlements_standing ON partnership_settlements (partnership_id, year) WHERE superseded_by IS NULL;

CREATE TABLE settlement_lines (
    settlement_id   bigint NOT NULL REFERENCES partnership_settlements (id),
    position        integer NOT NULL,
    village_id      bigint REFERENCES villages (id),
    days            integer NOT NULL,
    shares          numeric(14,4) NOT NULL,
    dividend_shares numeric(14,4) NOT NULL,
    guarantee       numeric(18,2) NOT NULL,
    profit_share    numeric(18,2) NOT NULL,
    owed            numeric(18,2) NOT NULL,
    formula         text NOT NULL,
    book_entry_id   bigint REFERENCES book_entries (id),
    PRIMARY KEY (settlement_id, position)
);

-- Payments received from the enterprise for a settled year; more than is still owed is refused.
CREATE TABLE partnership_payments (
    village_id      bigint NOT NULL REFERENCES villages (id),
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partnership_id  bigint NOT NULL REFERENCES partnerships (id),
    year            integer NOT NULL,
    paid_on         date NOT NULL,
    amount          numeric(18,2) NOT NULL CHECK (amount > 0),
    note            text NOT NULL DEFAULT '',
    entered_by      text NOT NULL,
    entered_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partnership_payments_partnership ON partnership_payments (partnership_id, year);

ALTER TABLE book_entries ADD COLUMN settlement_id bigint REFERENCES partnership_settlements (id);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['enterprises', 'partnerships', 'partnership_parties', 'partnership_settlements', 'settlement_lines', 'partnership_payments'] LOOP
        EXECUTE format('CREATE TRIGGER audit_row_change AFTER UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION audit_row_change()', t);
        EXECUTE format('CREATE TRIGGER audit_rows_inserted AFTER INSERT ON %I REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_inserted()', t);
    END LOOP;
END $$;
