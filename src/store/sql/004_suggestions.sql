-- The record of every add-on prompt: one row per prompt the register showed (or, on an order
-- in the control group, would have shown), with its answer. Orders say whether they were in
-- the control group and what the customer said of an accepted suggestion.

ALTER TABLE orders ADD COLUMN holdout INTEGER NOT NULL DEFAULT 0 CHECK (holdout IN (0, 1));
ALTER TABLE orders ADD COLUMN feedback TEXT CHECK (feedback IN ('helpful', 'not_helpful', 'skipped'));

CREATE TABLE suggestion_events (
    id               INTEGER PRIMARY KEY,
    order_id         TEXT NOT NULL REFERENCES orders (id),
    till             TEXT NOT NULL,
    staff_id         INTEGER REFERENCES staff (id),
    customer_id      INTEGER REFERENCES customers (id),
    product_id       INTEGER NOT NULL REFERENCES products (id),
    sku              TEXT NOT NULL,
    category         TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('cross-sell', 'upsell', 'bundle')),
    source           TEXT NOT NULL CHECK (source IN ('curated', 'mined', 'history', 'ladder', 'bundle')),
    -- What produced the offer, stable across mining runs: 'curated:FROM>TO' (targets as in
    -- complements.csv), 'mined:A+B>C' (SKUs), 'bundle:ID', 'ladder:FAMILY', 'due:CATEGORY'.
    rule             TEXT NOT NULL,
    trigger          TEXT NOT NULL CHECK (trigger IN ('item', 'customer', 'tender')),
    score            REAL NOT NULL,
    price_minor      INTEGER NOT NULL,         -- the offered product's price
    difference_minor INTEGER,                  -- an upgrade: what it adds over the product it replaces
    saving_minor     INTEGER,                  -- a bundle: what completing it saves
    shown_at         TEXT NOT NULL,
    outcome          TEXT NOT NULL DEFAULT 'open'
                     CHECK (outcome IN ('open', 'accepted', 'dismissed', 'expired', 'ignored', 'held_out')),
    answered_at      TEXT
);
CREATE INDEX suggestion_events_order ON suggestion_events (order_id);
CREATE INDEX suggestion_events_shown ON suggestion_events (shown_at);
CREATE INDEX order_lines_suggestion ON order_lines (suggestion_id) WHERE suggestion_id IS NOT NULL;
