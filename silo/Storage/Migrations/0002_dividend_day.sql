-- Dividend day (分红大会): the meeting of a run, its append-only journal, the append-only payout events of
-- each checklist line, the line's current status maintained in the same transaction as its events, and the
-- tables' cash reconciliation at each closing. Every table carries village_id (design.md §2).

CREATE TABLE dividend_meetings (
    village_id      bigint NOT NULL REFERENCES villages (id),
    run_id          bigint PRIMARY KEY REFERENCES dividend_runs (id),
    status          text NOT NULL CHECK (status IN ('open', 'closed')),
    meeting_date    date NOT NULL,
    opened_by       text NOT NULL,
    opened_at       timestamptz NOT NULL,
    closings        integer NOT NULL DEFAULT 0
);

-- Append-only: open, close and reopen, who, when, why.
CREATE TABLE meeting_events (
    village_id      bigint NOT NULL REFERENCES villages (id),
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id          bigint NOT NULL REFERENCES dividend_meetings (run_id),
    kind            text NOT NULL CHECK (kind IN ('open', 'close', 'reopen')),
    actor           text NOT NULL,
    reason          text NOT NULL DEFAULT '',
    at              timestamptz NOT NULL
);
CREATE INDEX meeting_events_run ON meeting_events (run_id, id);

-- Append-only: every mark and every undo of a line. An undo is a reversing event (kind 'undo', reverses =
-- the mark it reverses), never an edit. The idempotency key and a fingerprint of the request body let a replay
-- return the first result and a reused key with another body be refused (design.md §4).
CREATE TABLE payout_events (
    village_id      bigint NOT NULL REFERENCES villages (id),
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id          bigint NOT NULL,
    line_no         integer NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('mark', 'undo')),
    status          text NOT NULL CHECK (status IN ('pending', 'paid_in_cash', 'collected_by_proxy', 'transferred_to_bank', 'deferred')),
    recipient_name  text,
    relation        text,
    recipient_id    text,
    batch_reference text,
    reason          text,
    reverses        bigint REFERENCES payout_events (id),
    cashier         text NOT NULL,
    table_no        integer NOT NULL CHECK (table_no >= 0),
    at              timestamptz NOT NULL,
    idempotency_key text,
    request_fingerprint text,
    FOREIGN KEY (run_id, line_no) REFERENCES payout_lines (run_id, line_no),
    UNIQUE (run_id, idempotency_key),
    UNIQUE (reverses),
    CHECK ((kind = 'undo') = (status = 'pending')),
    CHECK (kind = 'mark' OR (reverses IS NOT NULL AND reason IS NOT NULL))
);
CREATE INDEX payout_events_line ON payout_events (run_id, line_no, id);

-- The current status of each line of a run with an open (or once opened) meeting: one row per line,
-- written when the meeting opens and updated in the transaction that appends each event. last_event_id is the
-- event that set the status (NULL while never marked).
CREATE TABLE payout_line_status (
    village_id      bigint NOT NULL REFERENCES villages (id),
    run_id          bigint NOT NULL,
    line_no         integer NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'paid_in_cash', 'collected_by_proxy', 'transferred_to_bank', 'deferred')),
    last_event_id   bigint REFERENCES payout_events (id),
    PRIMARY KEY (run_id, line_no),
    FOREIGN KEY (run_id, line_no) REFERENCES payout_lines (run_id, line_no)
);
CREATE INDEX payout_line_status_run_status ON payout_line_status (run_id, status);

-- Each closing's cash count per table (现金核对): issued, paid, difference = issued − paid, to the fen.
CREATE TABLE meeting_cash_counts (
    village_id      bigint NOT NULL REFERENCES villages (id),
    run_id          bigint NOT NULL REFERENCES dividend_meetings (run_id),
    closing_no      integer NOT NULL CHECK (closing_no >= 1),
    table_no        integer NOT NULL CHECK (table_no >= 1),
    cash_issued     numeric(18,2) NOT NULL CHECK (cash_issued >= 0),
    cash_paid       numeric(18,2) NOT NULL CHECK (cash_paid >= 0),
    lines_paid      integer NOT NULL,
    difference      numeric(18,2) NOT NULL,
    PRIMARY KEY (run_id, closing_no, table_no),
    CHECK (difference = cash_issued - cash_paid)
);
