-- What the recommender knows besides the sales: the shop's curated pairings, its bundles,
-- and the association rules mined from its history.

CREATE TABLE complements (
    id          INTEGER PRIMARY KEY,
    from_target TEXT NOT NULL,                 -- a SKU or 'category:NAME'
    to_target   TEXT NOT NULL,
    reason      TEXT NOT NULL,                 -- why it helps the customer
    script      TEXT NOT NULL,                 -- what the salesperson can say
    weight      REAL NOT NULL DEFAULT 1.0 CHECK (weight >= 0 AND weight <= 1),
    starts      TEXT,                          -- ISO dates, inclusive
    ends        TEXT,
    days        INTEGER NOT NULL DEFAULT 0,    -- bit 0 = Monday; 0 = every day
    hour_from   INTEGER,
    hour_to     INTEGER,
    window_key  TEXT NOT NULL DEFAULT '',      -- the window as text: one pairing may have several windows
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (from_target, to_target, window_key)
);

CREATE TABLE bundles (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    price_minor    INTEGER CHECK (price_minor >= 0),
    discount_minor INTEGER CHECK (discount_minor >= 0),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    CHECK ((price_minor IS NULL) <> (discount_minor IS NULL))
);

CREATE TABLE bundle_items (
    bundle_id TEXT NOT NULL REFERENCES bundles (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    target    TEXT NOT NULL,
    PRIMARY KEY (bundle_id, position)
);

CREATE TABLE mining_runs (
    id             INTEGER PRIMARY KEY,
    mined_at       TEXT NOT NULL,
    orders         INTEGER NOT NULL,
    min_count      INTEGER NOT NULL,
    min_confidence REAL NOT NULL,
    max_len        INTEGER,
    itemsets       INTEGER NOT NULL,
    rules          INTEGER NOT NULL,
    millis         INTEGER NOT NULL
);

CREATE TABLE itemsets (
    run_id INTEGER NOT NULL REFERENCES mining_runs (id) ON DELETE CASCADE,
    items  TEXT NOT NULL,                      -- JSON array of SKUs, sorted
    count  INTEGER NOT NULL
);
CREATE INDEX itemsets_run ON itemsets (run_id);

CREATE TABLE mined_rules (
    id               INTEGER PRIMARY KEY,
    run_id           INTEGER NOT NULL REFERENCES mining_runs (id) ON DELETE CASCADE,
    antecedent       TEXT NOT NULL,            -- JSON array of SKUs, sorted
    consequent       TEXT NOT NULL,            -- one SKU
    antecedent_count INTEGER NOT NULL,
    pair_count       INTEGER NOT NULL,
    support          REAL NOT NULL,
    confidence       REAL NOT NULL,
    lift             REAL NOT NULL
);
CREATE INDEX mined_rules_run ON mined_rules (run_id);
