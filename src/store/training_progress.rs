//! The one thing training writes into the shop's store: how each practice session ended
//! (`training_sessions`, migration 013, append-only), and reading it back for progress.

use rusqlite::params;

use crate::app::backend::{BackendResult, TrainingPort};
use crate::report::training::{Part, SessionRow, SessionScore};
use crate::store::{Store, StoreError, StoreResult, parse_ts, ts};

impl Store {
    /// Records a finished session; refused (`Invalid`) when its score is not one, or the
    /// staff member does not exist. Returns the row's id.
    pub fn record_training(&mut self, score: &SessionScore) -> StoreResult<i64> {
        score.check().map_err(StoreError::Invalid)?;
        let parts = serde_json::to_string(&score.parts).expect("parts serialize");
        let feedback = serde_json::to_string(&score.feedback).expect("lines serialize");
        self.write(|tx| {
            let known: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM staff WHERE id = ?1)",
                [score.staff_id],
                |r| r.get(0),
            )?;
            if !known {
                return Err(StoreError::Invalid(format!(
                    "no staff member {} to record a training session for",
                    score.staff_id
                )));
            }
            tx.execute(
                "INSERT INTO training_sessions
                   (staff_id, scenario, seed, exam, score, parts, feedback, started_at, finished_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    score.staff_id,
                    score.scenario,
                    // The seed's 64 bits as SQLite's signed integer; read back the same way.
                    score.seed as i64,
                    score.exam,
                    score.total,
                    parts,
                    feedback,
                    ts(score.started_at),
                    ts(score.finished_at),
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Finished sessions, oldest first: everyone's, or one staff member's by code (`NotFound`
    /// when no staff member has that code).
    pub fn training_sessions(&self, staff_code: Option<&str>) -> StoreResult<Vec<SessionRow>> {
        if let Some(code) = staff_code {
            let known: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM staff WHERE code = ?1 COLLATE NOCASE)",
                [code],
                |r| r.get(0),
            )?;
            if !known {
                return Err(StoreError::NotFound(format!(
                    "no staff member with code {code:?}"
                )));
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT s.code, s.name, t.scenario, t.seed, t.exam, t.score, t.parts, t.finished_at
               FROM training_sessions t JOIN staff s ON s.id = t.staff_id
              WHERE ?1 IS NULL OR s.code = ?1 COLLATE NOCASE
              ORDER BY t.finished_at, t.id",
        )?;
        let rows = stmt.query_map([staff_code], |r| {
            let seed: i64 = r.get(3)?;
            let score: i64 = r.get(5)?;
            let parts: String = r.get(6)?;
            let finished: String = r.get(7)?;
            Ok((
                SessionRow {
                    staff_code: r.get(0)?,
                    staff_name: r.get(1)?,
                    scenario: r.get(2)?,
                    seed: seed as u64,
                    exam: r.get(4)?,
                    score: score.clamp(0, 100) as u8,
                    parts: Vec::new(),
                    finished_at: parse_ts(&finished),
                },
                parts,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut row, parts) = row?;
            row.parts = serde_json::from_str::<Vec<Part>>(&parts).map_err(|e| {
                StoreError::Invalid(format!("a training session's parts are damaged: {e}"))
            })?;
            out.push(row);
        }
        Ok(out)
    }
}

impl TrainingPort for Store {
    fn record_training(&mut self, score: &SessionScore) -> BackendResult<i64> {
        Ok(Store::record_training(self, score)?)
    }

    fn training_sessions(&mut self, staff_code: Option<&str>) -> BackendResult<Vec<SessionRow>> {
        Ok(Store::training_sessions(self, staff_code)?)
    }
}
