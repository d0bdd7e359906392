-- The engine's parameters, tuned by `xsell mine` on the shop's own history, kept with the
-- run that found them (JSON of recommend::model::Params; NULL: the built-in ones).
ALTER TABLE mining_runs ADD COLUMN params TEXT;
