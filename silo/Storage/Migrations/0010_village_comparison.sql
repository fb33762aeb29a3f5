-- The comparison of villages (issue 7): each county's thresholds of the village classes, read on operating income
-- (经营性收入 = 经营收入 + 发包及上交收入 + 投资收益): a weak village (薄弱村) is below weak_below, a million-yuan village
-- is at or above million_from, every other village is ordinary. Defaults 100,000 and 1,000,000 yuan. Set by the
-- county's administrator.
CREATE TABLE county_village_classes (
    county_id       bigint PRIMARY KEY REFERENCES counties (id),
    weak_below      numeric(18,2) NOT NULL DEFAULT 100000.00 CHECK (weak_below >= 0),
    million_from    numeric(18,2) NOT NULL DEFAULT 1000000.00,
    updated_by      text NOT NULL DEFAULT '',
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (weak_below <= million_from)
);

-- A demonstration village (示范村) of a year, named by the county's administrator; a row means "is one that year".
CREATE TABLE village_demonstrations (
    village_id      bigint NOT NULL REFERENCES villages (id),
    year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    named_by        text NOT NULL DEFAULT '',
    named_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (village_id, year)
);

-- The comparison finds a township's and a county's villages, and each village's books by year.
CREATE INDEX IF NOT EXISTS villages_township ON villages (township_id);
CREATE INDEX IF NOT EXISTS distribution_plans_village_year ON distribution_plans (village_id, year) WHERE status = 'approved';

CREATE TRIGGER audit_row_change AFTER UPDATE OR DELETE ON county_village_classes FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_rows_inserted AFTER INSERT ON county_village_classes REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_inserted();
CREATE TRIGGER audit_row_change AFTER UPDATE OR DELETE ON village_demonstrations FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_rows_inserted AFTER INSERT ON village_demonstrations REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_inserted();
