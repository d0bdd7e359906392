-- The shop's usual days between two purchases of a consumable category, worked out by each
-- mining run, so that a recommender can start without reading every customer's history.
ALTER TABLE mining_runs ADD COLUMN intervals TEXT;  -- JSON object: lower-cased category -> days
