-- The foundation: villages, households and members, the share movement journal,
-- distribution plans, dividend runs with their payout lines, and accounts.
-- Every table carries village_id so the schema can be distributed by village (design.md §2).
-- Money is numeric(18,2) yuan, shares numeric(14,4) (design.md §3).

CREATE TABLE villages (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    name        text NOT NULL,
    township    text NOT NULL,
    county      text NOT NULL,
    is_demo     boolean NOT NULL DEFAULT false
);

CREATE TABLE households (
    village_id  bigint NOT NULL REFERENCES villages (id),
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number      integer NOT NULL CHECK (number > 0),
    head_name   text NOT NULL,
    is_demo     boolean NOT NULL DEFAULT false,
    UNIQUE (village_id, number)
);

CREATE TABLE members (
    village_id      bigint NOT NULL REFERENCES villages (id),
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id    bigint NOT NULL REFERENCES households (id),
    name            text NOT NULL,
    sex             text NOT NULL CHECK (sex IN ('male', 'female')),
    birth_date      date NOT NULL,
    resident_id     text NOT NULL,
    relation        text NOT NULL,
    is_demo         boolean NOT NULL DEFAULT false,
    UNIQUE (village_id, resident_id)
);
CREATE INDEX members_household ON members (household_id);

-- Append-only: a household's holding is the sum of its movements up to a date.
CREATE TABLE share_movements (
    village_id      bigint NOT NULL REFERENCES villages (id),
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id    bigint NOT NULL REFERENCES households (id),
    share_class     text NOT NULL,
    delta           numeric(14,4) NOT NULL,
    effective_on    date NOT NULL,
    kind            text NOT NULL,
    reason          text NOT NULL,
    entered_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX share_movements_village_date ON share_movements (village_id, effective_on);

CREATE TABLE distribution_plans (
    village_id      bigint NOT NULL REFERENCES villages (id),
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year            integer NOT NULL,
    version         integer NOT NULL CHECK (version >= 1),
    members_pool    numeric(18,2) NOT NULL CHECK (members_pool >= 0),
    rate_mode       text NOT NULL CHECK (rate_mode IN ('fixed', 'derived')),
    fixed_rate      numeric(18,2),
    rounding_unit   text,
    record_date     date NOT NULL,
    meeting_date    date NOT NULL,
    status          text NOT NULL CHECK (status IN ('draft', 'approved')),
    approved_on     date,
    note            text NOT NULL DEFAULT '',
    UNIQUE (village_id, year, version),
    CHECK ((rate_mode = 'fixed' AND fixed_rate IS NOT NULL) OR (rate_mode = 'derived' AND rounding_unit IS NOT NULL))
);

-- One run per plan version; the idempotency key and a fingerprint of the request body let a
-- replay return the first run and a reused key with another body be refused (design.md §4).
CREATE TABLE dividend_runs (
    village_id        bigint NOT NULL REFERENCES villages (id),
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id           bigint NOT NULL REFERENCES distribution_plans (id),
    year              integer NOT NULL,
    plan_version      integer NOT NULL,
    idempotency_key   text NOT NULL,
    request_fingerprint text NOT NULL,
    per_share_rate    numeric(18,2) NOT NULL,
    total_shares      numeric(14,4) NOT NULL,
    pool              numeric(18,2) NOT NULL,
    total_paid        numeric(18,2) NOT NULL,
    residue           numeric(18,2) NOT NULL CHECK (residue >= 0),
    household_count   integer NOT NULL,
    started_by        text NOT NULL,
    started_at        timestamptz NOT NULL,
    UNIQUE (village_id, year, plan_version),
    UNIQUE (village_id, idempotency_key),
    CHECK (pool = total_paid + residue)
);

CREATE TABLE payout_lines (
    village_id        bigint NOT NULL,
    run_id            bigint NOT NULL REFERENCES dividend_runs (id),
    line_no           integer NOT NULL,
    household_id      bigint NOT NULL REFERENCES households (id),
    household_number  integer NOT NULL,
    head_name         text NOT NULL,
    member_count      integer NOT NULL,
    shares            numeric(14,4) NOT NULL CHECK (shares > 0),
    amount            numeric(18,2) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (run_id, line_no),
    UNIQUE (run_id, household_id)
);

CREATE TABLE accounts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login           text NOT NULL UNIQUE,
    display_name    text NOT NULL,
    password_hash   text NOT NULL,
    role            text NOT NULL CHECK (role IN ('accountant', 'cashier', 'overseer')),
    village_id      bigint REFERENCES villages (id),
    is_demo         boolean NOT NULL DEFAULT false
);
