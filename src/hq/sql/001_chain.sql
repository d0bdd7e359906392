-- Headquarters: every store's journal, each entry once, and what the chain shares.
CREATE TABLE stores (
    id         text PRIMARY KEY,                 -- the store's UUID
    code       text UNIQUE,
    first_seen timestamptz NOT NULL DEFAULT now(),
    last_push  timestamptz
);

-- One row per journal entry, keyed by its global id: a repeat is ignored once its hash
-- is found equal, and refused when it differs.
CREATE TABLE entries (
    id          text PRIMARY KEY,
    store_id    text NOT NULL REFERENCES stores (id),
    till        text NOT NULL,
    seq         bigint NOT NULL CHECK (seq > 0),
    kind        text NOT NULL CHECK (kind IN ('sale', 'refund', 'void', 'close', 'offer', 'feedback')),
    at          text NOT NULL,                   -- the store's wall clock, as the store wrote it
    body        jsonb NOT NULL,
    hash        text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (store_id, till, seq)
);
CREATE INDEX entries_store_kind ON entries (store_id, kind);

-- What the chain shares, as published: rows as the stores hold them (JSON objects).
CREATE TABLE products (sku text PRIMARY KEY, doc jsonb NOT NULL);
CREATE TABLE pairings (key text PRIMARY KEY, doc jsonb NOT NULL);
CREATE TABLE bundles  (id text PRIMARY KEY, doc jsonb NOT NULL);

-- The chain's mining runs; stores pull the latest run's rules.
CREATE TABLE mining_runs (
    id             bigserial PRIMARY KEY,
    mined_at       text NOT NULL,
    orders         bigint NOT NULL,
    min_count      integer NOT NULL,
    min_confidence double precision NOT NULL,
    max_len        integer,
    millis         bigint NOT NULL
);
CREATE TABLE rules (
    run_id           bigint NOT NULL REFERENCES mining_runs (id) ON DELETE CASCADE,
    antecedent       text[] NOT NULL,
    consequent       text NOT NULL,
    antecedent_count integer NOT NULL,
    pair_count       integer NOT NULL,
    confidence       double precision NOT NULL,
    lift             double precision NOT NULL
);
CREATE INDEX rules_run ON rules (run_id);
