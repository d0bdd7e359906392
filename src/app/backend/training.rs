//! The shop's record of practice: how each training session ended, and trainees' progress.
//! This port always reaches the shop's own store, even while sales go to a sandbox.

use super::BackendResult;
use crate::report::training::{SessionRow, SessionScore};

pub trait TrainingPort {
    /// Records a finished session's score; returns its row id.
    fn record_training(&mut self, score: &SessionScore) -> BackendResult<i64>;
    /// The finished sessions, of one staff member (by code) or of everyone.
    fn training_sessions(&mut self, staff_code: Option<&str>) -> BackendResult<Vec<SessionRow>>;
}
