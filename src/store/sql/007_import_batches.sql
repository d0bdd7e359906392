-- A long history import is written in many short transactions, so that tills keep selling,
-- and becomes visible all at once: its orders carry their batch, and readers take only the
-- orders of published batches (store::visible!). A killed import leaves an unpublished
-- batch, which nobody sees and the next import removes. Customers an import creates are
-- listed here too, so that they stay hidden with it and go with it.
CREATE TABLE import_batches (
    batch     INTEGER PRIMARY KEY,
    file      TEXT NOT NULL,
    started   TEXT NOT NULL,
    published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1))
);

INSERT INTO import_batches (batch, file, started, published)
    SELECT DISTINCT import_batch, 'before batches were recorded', '', 1
    FROM orders WHERE import_batch IS NOT NULL;

CREATE TABLE import_customers (
    batch       INTEGER NOT NULL REFERENCES import_batches (batch),
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    PRIMARY KEY (batch, customer_id)
) WITHOUT ROWID;

CREATE INDEX orders_import_batch ON orders (import_batch) WHERE import_batch IS NOT NULL;
