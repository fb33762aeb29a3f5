-- A year's books (fiscal years and their append-only entries) and the whole distribution plan:
-- the statement's distribution lines, the public notice and the assembly's vote (issue 4).

-- The charter's minimum reserve and welfare fund (公积公益金), percent of distributable income.
ALTER TABLE villages ADD COLUMN min_reserve_percent numeric(5,2) NOT NULL DEFAULT 10
    CHECK (min_reserve_percent >= 0 AND min_reserve_percent <= 100);

CREATE TABLE fiscal_years (
    village_id              bigint NOT NULL REFERENCES villages (id),
    year                    integer NOT NULL,
    -- NULL: carried from the previous year's closing undistributed income, by itself.
    opening_undistributed   numeric(18,2),
    other_transfers_in      numeric(18,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, year)
);

-- Append-only: a mistake is undone by a reversing entry (negated amount) that names the entry it reverses.
CREATE TABLE book_entries (
    village_id      bigint NOT NULL REFERENCES villages (id),
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year            integer NOT NULL,
    entry_date      date NOT NULL,
    category        text NOT NULL,
    counterparty    text NOT NULL,
    document_no     text NOT NULL,
    amount          numeric(18,2) NOT NULL CHECK (amount <> 0),
    reverses_id     bigint UNIQUE REFERENCES book_entries (id),
    reason          text NOT NULL DEFAULT '',
    entered_by      text NOT NULL,
    entered_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((reverses_id IS NULL) = (amount > 0))
);
CREATE INDEX book_entries_village_year ON book_entries (village_id, year);

ALTER TABLE distribution_plans
    ADD COLUMN reserve_percent      numeric(5,2),
    ADD COLUMN reserve_amount       numeric(18,2),
    ADD COLUMN welfare_fund         numeric(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN outside_investors    numeric(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN other_distribution   numeric(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN notice_published_on  date,
    ADD COLUMN notice_token         text UNIQUE,
    ADD COLUMN assembly_kind        text CHECK (assembly_kind IN ('members', 'representatives')),
    ADD COLUMN assembly_date        date,
    ADD COLUMN eligible             integer,
    ADD COLUMN present              integer,
    ADD COLUMN votes_for            integer,
    ADD COLUMN votes_against        integer,
    ADD COLUMN abstaining           integer,
    -- The reserve in yuan when the assembly approved the plan: an approved plan is locked, so a percentage
    -- reserve does not move when entries are booked into the year afterwards.
    ADD COLUMN approved_reserve     numeric(18,2);

-- Plans made before this migration set no reserve: zero.
UPDATE distribution_plans SET reserve_amount = 0 WHERE reserve_percent IS NULL AND reserve_amount IS NULL;
UPDATE distribution_plans SET approved_reserve = reserve_amount WHERE status = 'approved';
ALTER TABLE distribution_plans ADD CONSTRAINT distribution_plans_one_reserve_rule CHECK ((reserve_percent IS NULL) <> (reserve_amount IS NULL));
ALTER TABLE distribution_plans DROP CONSTRAINT distribution_plans_status_check;
ALTER TABLE distribution_plans ADD CONSTRAINT distribution_plans_status_check CHECK (status IN ('draft', 'published', 'approved'));
