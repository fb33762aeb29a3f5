-- The share register (issue 3): the charter's share rules, the richer household and member fields,
-- a numbered append-only movement journal, and share certificates.

-- The charter (章程): static or dynamic management, share precision, the record-date rule, cancellation on exit.
CREATE TABLE village_charters (
    village_id          bigint PRIMARY KEY REFERENCES villages (id),
    management          text NOT NULL CHECK (management IN ('static', 'dynamic')),
    share_precision     numeric(5,4) NOT NULL CHECK (share_precision IN (0.1, 0.01, 0.001, 0.0001)),
    record_date_rule    text NOT NULL CHECK (record_date_rule IN ('setInPlan', 'dayBeforeMeeting', 'yearEnd')),
    cancellation_on_exit boolean NOT NULL,
    updated_by          text NOT NULL DEFAULT '',
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- The share classes (股种) of the charter, in its order; movements store the code.
CREATE TABLE share_classes (
    village_id  bigint NOT NULL REFERENCES villages (id),
    code        text NOT NULL,
    name        text NOT NULL,
    position    integer NOT NULL,
    PRIMARY KEY (village_id, code)
);

-- Villages that existed before this migration get a charter that fits any journal they hold: one class
-- (基本股, code basic, which their movements are renamed to below), dynamic management, 0.0001 precision.
INSERT INTO village_charters (village_id, management, share_precision, record_date_rule, cancellation_on_exit, updated_by)
SELECT id, 'dynamic', 0.0001, 'setInPlan', false, 'migration 0003' FROM villages;
INSERT INTO share_classes (village_id, code, name, position) SELECT id, 'basic', '基本股', 1 FROM villages;

ALTER TABLE households
    ADD COLUMN village_group text NOT NULL DEFAULT '',
    ADD COLUMN address       text NOT NULL DEFAULT '',
    ADD COLUMN ended_on      date,
    ADD COLUMN ended_reason  text;

-- Membership since when and why; ended when and why (Art. 17 and 18 of the law: death, nationality lost,
-- membership of another organisation, civil servant, written voluntary exit, or the charter's other cases).
ALTER TABLE members
    ADD COLUMN member_since   date,
    ADD COLUMN since_reason   text NOT NULL DEFAULT '',
    ADD COLUMN ended_on       date,
    ADD COLUMN ended_reason   text CHECK (ended_reason IN ('death', 'nationality', 'otherOrganisation', 'civilServant', 'voluntaryExit', 'charter')),
    ADD COLUMN phone          text NOT NULL DEFAULT '',
    ADD COLUMN payout_account text NOT NULL DEFAULT '',
    ADD CONSTRAINT members_ended_with_reason CHECK ((ended_on IS NULL) = (ended_reason IS NULL));

-- A movement is one or more rows (legs) with the same movement_no, numbered per village in the order entered.
ALTER TABLE share_movements
    ADD COLUMN movement_no  bigint,
    ADD COLUMN document_ref text NOT NULL DEFAULT '',
    ADD COLUMN entered_by   text NOT NULL DEFAULT '',
    ADD COLUMN reverses_no  bigint;
UPDATE share_movements s SET movement_no = n.no
FROM (SELECT id, row_number() OVER (PARTITION BY village_id ORDER BY id) AS no FROM share_movements) n
WHERE n.id = s.id;
UPDATE share_movements SET share_class = 'basic' WHERE share_class = '基本股';
ALTER TABLE share_movements ALTER COLUMN movement_no SET NOT NULL;
CREATE INDEX share_movements_household ON share_movements (household_id, effective_on);
CREATE INDEX share_movements_no ON share_movements (village_id, movement_no);

-- The journal is append-only: a correction is a reversing movement plus a new one, never an edit.
CREATE FUNCTION share_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'share_movements is append-only: enter a reversing movement instead';
END $$;
CREATE TRIGGER share_movements_append_only BEFORE UPDATE OR DELETE ON share_movements
    FOR EACH ROW EXECUTE FUNCTION share_movements_append_only();

-- Share certificates (股权证书): numbered per village, one valid per household; a reissue voids the old number and keeps it.
CREATE TABLE share_certificates (
    village_id    bigint NOT NULL REFERENCES villages (id),
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number        integer NOT NULL CHECK (number > 0),
    household_id  bigint NOT NULL REFERENCES households (id),
    issued_on     date NOT NULL,
    issued_by     text NOT NULL,
    voided_on     date,
    void_reason   text,
    UNIQUE (village_id, number)
);
CREATE UNIQUE INDEX share_certificates_one_valid ON share_certificates (household_id) WHERE voided_on IS NULL;
