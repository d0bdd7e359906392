//! The in-memory backend's record of practice sessions.

use crate::app::backend::{BackendError, BackendResult, TrainingPort};
use crate::app::memory::MemoryBackend;
use crate::report::training::{SessionRow, SessionScore};

#[derive(Debug, Default)]
pub struct Training {
    /// Every session recorded, in order.
    pub recorded: Vec<SessionScore>,
    /// What a read of progress gives back (a test puts the rows it wants here).
    pub rows: Vec<SessionRow>,
}

impl TrainingPort for MemoryBackend {
    fn record_training(&mut self, score: &SessionScore) -> BackendResult<i64> {
        self.calls.push("record_training");
        if let Some(e) = &self.fail_with {
            return Err(e.clone());
        }
        score.check().map_err(BackendError::Invalid)?;
        self.training.recorded.push(score.clone());
        Ok(self.training.recorded.len() as i64)
    }

    fn training_sessions(&mut self, staff_code: Option<&str>) -> BackendResult<Vec<SessionRow>> {
        self.calls.push("training_sessions");
        if let Some(e) = &self.fail_with {
            return Err(e.clone());
        }
        Ok(self
            .training
            .rows
            .iter()
            .filter(|r| staff_code.is_none_or(|c| r.staff_code.eq_ignore_ascii_case(c)))
            .cloned()
            .collect())
    }
}
