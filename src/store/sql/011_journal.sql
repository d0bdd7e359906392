-- The store's identity and its journal: what headquarters and other stores learn of it.
-- One row says who this store is: a UUID made here (an older store gets one now) and the
-- short code its receipt numbers carry, set once when the shop is created or first given one.
CREATE TABLE store_identity (
    one        INTEGER PRIMARY KEY CHECK (one = 1),
    id         TEXT NOT NULL,
    code       TEXT UNIQUE CHECK (code IS NULL OR (length(code) BETWEEN 1 AND 8 AND code NOT GLOB '*[^A-Z0-9]*')),
    created_at TEXT NOT NULL
);
INSERT INTO store_identity (one, id, created_at)
SELECT 1, lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-'
             || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)),
       strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
FROM (SELECT hex(randomblob(16)) AS h);

CREATE TRIGGER store_identity_fixed BEFORE UPDATE ON store_identity
WHEN OLD.id <> NEW.id OR (OLD.code IS NOT NULL AND OLD.code IS NOT NEW.code)
BEGIN
    SELECT RAISE(ABORT, 'a store keeps its id and its code');
END;

-- Every sale, refund, void, close of day, offer and feedback, in the order this store learnt
-- of it: written in the same transaction as the thing it records (origin 'local'), or
-- applied from another store's file (origin 'import'). `id` is global (made on the till);
-- (store, till, till_seq) is where it was made; `hash` covers everything but the hash.
CREATE TABLE journal (
    seq      INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    store_id TEXT NOT NULL,
    store_code TEXT,
    till     TEXT NOT NULL,
    till_seq INTEGER NOT NULL CHECK (till_seq > 0),
    kind     TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'void', 'close', 'offer', 'feedback')),
    at       TEXT NOT NULL,
    body     TEXT NOT NULL,
    hash     TEXT NOT NULL,
    origin   TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'import')),
    UNIQUE (store_id, till, till_seq)
);
CREATE INDEX journal_kind_at ON journal (kind, at);

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only');
END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only');
END;

-- How far each reader has got: 'export' (files), 'hq' (headquarters confirmed up to here).
-- A mark only moves forward.
CREATE TABLE journal_marks (
    name       TEXT PRIMARY KEY,
    seq        INTEGER NOT NULL,
    moved_at   TEXT NOT NULL,
    detail     TEXT
);
CREATE TRIGGER journal_marks_forward BEFORE UPDATE ON journal_marks
WHEN NEW.seq < OLD.seq
BEGIN
    SELECT RAISE(ABORT, 'a journal mark only moves forward');
END;

-- What an import applied but a person should look at: a sale of stock this store thought
-- was gone, a customer or cashier it does not know.
CREATE TABLE journal_flags (
    id       INTEGER PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES journal (id),
    reason   TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX journal_flags_entry ON journal_flags (entry_id);

-- Sales paid before this store kept a journal: they have no entry, and that is no fault.
CREATE TABLE unjournaled_orders (order_id TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO unjournaled_orders (order_id)
SELECT id FROM orders WHERE status = 'paid' AND import_batch IS NULL;
