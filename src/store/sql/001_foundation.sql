-- The foundation: catalog, people, orders and what a sale writes.
-- Money columns end in _minor (integer cents). Times are the shop's wall clock, ISO 8601 text.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE products (
    id             INTEGER PRIMARY KEY,
    sku            TEXT NOT NULL UNIQUE,
    barcode        TEXT UNIQUE,
    name           TEXT NOT NULL,
    category       TEXT NOT NULL DEFAULT '',
    brand          TEXT,
    price_minor    INTEGER NOT NULL CHECK (price_minor >= 0),
    cost_minor     INTEGER CHECK (cost_minor >= 0),
    tax_class      TEXT NOT NULL DEFAULT 'standard',
    stock          INTEGER NOT NULL DEFAULT 0,
    family         TEXT,
    tier           INTEGER,
    durable        INTEGER NOT NULL DEFAULT 0 CHECK (durable IN (0, 1)),
    age_restricted INTEGER NOT NULL DEFAULT 0 CHECK (age_restricted IN (0, 1)),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX products_family ON products (family, tier);

-- Every change of stock, so that stock can be checked against its history.
CREATE TABLE stock_moves (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id),
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('import', 'sale', 'refund', 'adjust')),
    order_id   TEXT REFERENCES orders (id),
    at         TEXT NOT NULL
);
CREATE INDEX stock_moves_product ON stock_moves (product_id);

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    phone      TEXT,
    email      TEXT,
    opted_out  INTEGER NOT NULL DEFAULT 0 CHECK (opted_out IN (0, 1)),
    created_at TEXT NOT NULL
);

CREATE TABLE staff (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('cashier', 'manager', 'trainee')),
    pin_hash TEXT NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE orders (
    id             TEXT PRIMARY KEY,                    -- UUID, or 'import:' || external id
    external_id    TEXT UNIQUE,                         -- the order_id of an imported history
    till           TEXT NOT NULL,
    staff_id       INTEGER REFERENCES staff (id),
    customer_id    INTEGER REFERENCES customers (id),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'held', 'paid', 'voided', 'refunded')),
    kind           TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'refund')),
    refund_of      TEXT REFERENCES orders (id),
    receipt_no     TEXT UNIQUE,
    draft          TEXT,                                -- JSON of the order in progress (draft, held)
    started_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    completed_at   TEXT,
    subtotal_minor INTEGER,
    discount_minor INTEGER,
    tax_minor      INTEGER,
    total_minor    INTEGER,
    void_reason    TEXT,
    approved_by    INTEGER REFERENCES staff (id),
    training       INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1)),
    import_batch   INTEGER
) WITHOUT ROWID;                                        -- clustered by id, like its lines: reading the history is two sequential scans
CREATE INDEX orders_till_status ON orders (till, status);
CREATE INDEX orders_customer ON orders (customer_id, completed_at);
CREATE INDEX orders_completed ON orders (completed_at);

CREATE TABLE order_lines (
    order_id         TEXT NOT NULL REFERENCES orders (id),
    line_no          INTEGER NOT NULL,
    product_id       INTEGER NOT NULL REFERENCES products (id),
    sku              TEXT NOT NULL,
    name             TEXT NOT NULL,
    category         TEXT NOT NULL,
    qty              INTEGER NOT NULL CHECK (qty > 0),
    unit_price_minor INTEGER NOT NULL,
    list_price_minor INTEGER NOT NULL,
    tax_class        TEXT NOT NULL,
    discount         TEXT,                              -- JSON of the line discount as entered
    discount_minor   INTEGER NOT NULL DEFAULT 0,        -- line and order discount on this line
    net_minor        INTEGER NOT NULL,                  -- after discounts, before exclusive tax
    tax_minor        INTEGER NOT NULL,
    paid_minor       INTEGER NOT NULL,                  -- what the customer paid for the line, tax included
    source           TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'suggestion', 'import', 'refund')),
    suggestion_id    INTEGER,
    refund_of_line   INTEGER,                           -- line_no in the original order (refunds)
    PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;                                        -- clustered by order: an order's lines sit together
CREATE INDEX order_lines_product ON order_lines (product_id);

CREATE TABLE payments (
    id             INTEGER PRIMARY KEY,
    order_id       TEXT NOT NULL REFERENCES orders (id),
    tender         TEXT NOT NULL CHECK (tender IN ('cash', 'card')),
    amount_minor   INTEGER NOT NULL,                    -- negative on a refund
    tendered_minor INTEGER NOT NULL,
    reference      TEXT
);
CREATE INDEX payments_order ON payments (order_id);

-- The last receipt number per till prefix; incremented inside the sale's transaction.
CREATE TABLE receipt_counters (
    prefix  TEXT PRIMARY KEY,
    last_no INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    till        TEXT,
    staff_id    INTEGER REFERENCES staff (id),
    action      TEXT NOT NULL,
    detail      TEXT,
    approved_by INTEGER REFERENCES staff (id)
);
