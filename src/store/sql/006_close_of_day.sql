-- The paper trail and the close of day: which bundles priced a sale (named on its receipt
-- and on any reprint), the order an audit line is about (shown by its receipt number),
-- cash paid out of a drawer, and the numbered Z reports that close a till's day.

CREATE TABLE order_bundles (
    order_id     TEXT NOT NULL REFERENCES orders (id),
    bundle_id    TEXT NOT NULL,
    name         TEXT NOT NULL,          -- as it was named when sold: a later import may rename it
    sets         INTEGER NOT NULL CHECK (sets > 0),
    saving_minor INTEGER NOT NULL CHECK (saving_minor >= 0),
    PRIMARY KEY (order_id, bundle_id)
) WITHOUT ROWID;

ALTER TABLE audit_log ADD COLUMN order_id TEXT;

CREATE TABLE payouts (
    id           INTEGER PRIMARY KEY,
    till         TEXT NOT NULL,
    at           TEXT NOT NULL,
    staff_id     INTEGER REFERENCES staff (id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    reason       TEXT NOT NULL
);
CREATE INDEX payouts_till_at ON payouts (till, at);

-- One Z report per till and day; its number is the row id, never reused.
CREATE TABLE day_closes (
    z_no                INTEGER PRIMARY KEY AUTOINCREMENT,
    till                TEXT NOT NULL,
    day                 TEXT NOT NULL,   -- YYYY-MM-DD, the shop's calendar day
    closed_at           TEXT NOT NULL,
    staff_id            INTEGER REFERENCES staff (id),
    float_minor         INTEGER NOT NULL,
    expected_cash_minor INTEGER NOT NULL,
    counted_minor       INTEGER NOT NULL,
    over_short_minor    INTEGER NOT NULL,
    report              TEXT NOT NULL,   -- JSON of the day's figures as closed
    UNIQUE (till, day)
);

CREATE TRIGGER day_closes_no_update BEFORE UPDATE ON day_closes
BEGIN
    SELECT RAISE(ABORT, 'a closed day cannot be changed');
END;

CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes
BEGIN
    SELECT RAISE(ABORT, 'a closed day cannot be changed');
END;
