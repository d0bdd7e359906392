-- Training: the shop's store keeps only how each practice session ended (practice sales
-- themselves go to a sandbox copy and are never written here). One row per finished
-- session: who, which scenario and seed (a seed replays it exactly), the score out of 100
-- with its parts and the feedback lines, and when. A record, like the audit trail: rows
-- are never changed or removed.
CREATE TABLE training_sessions (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff (id),
    scenario    TEXT NOT NULL CHECK (length(scenario) > 0),
    -- The u64 seed, its 64 bits stored as SQLite's signed integer.
    seed        INTEGER NOT NULL,
    exam        INTEGER NOT NULL DEFAULT 0 CHECK (exam IN (0, 1)),
    score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    -- JSON: [{"name": "relevant offers", "points": 25}, ...], in the rubric's order.
    parts       TEXT NOT NULL CHECK (json_valid(parts) AND json_type(parts) = 'array'),
    -- JSON: ["You did not offer a screen protector: ...", ...]
    feedback    TEXT NOT NULL CHECK (json_valid(feedback) AND json_type(feedback) = 'array'),
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL CHECK (finished_at >= started_at)
);

CREATE INDEX training_sessions_by_staff ON training_sessions (staff_id, finished_at);

CREATE TRIGGER training_sessions_no_update BEFORE UPDATE ON training_sessions
BEGIN SELECT RAISE(ABORT, 'training_sessions is append-only'); END;

CREATE TRIGGER training_sessions_no_delete BEFORE DELETE ON training_sessions
BEGIN SELECT RAISE(ABORT, 'training_sessions is append-only'); END;
