//! The audit trail on screen, for the manager who opened the reports: the sensitive
//! actions of the period the reports show, newest first. Read only, as the trail itself is.

use chrono::{NaiveDate, NaiveDateTime};

use crate::app::action::Effect;
use crate::app::backend::BackendResult;
use crate::app::keymap::Command;
use crate::app::model::Model;
use crate::app::overlay::Overlay;
use crate::domain::audit::AuditRow;
use crate::report::Period;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditState {
    /// What the period is called on the reports screen ("last 7 days").
    pub period: String,
    /// Newest first; `None` while loading.
    pub rows: Option<Vec<AuditRow>>,
    pub error: Option<String>,
    /// The first row on screen.
    pub scroll: usize,
}

/// Whole days of the period, as times.
fn bounds(period: Period) -> (Option<NaiveDateTime>, Option<NaiveDateTime>) {
    let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight exists");
    let end = |d: NaiveDate| {
        d.and_hms_opt(23, 59, 59)
            .expect("a second before midnight exists")
    };
    (period.from.map(start), period.to.map(end))
}

/// Opens the trail for `period` on top of the reports.
pub fn open(model: &mut Model, period: Period, label: &str) -> Vec<Effect> {
    model.overlays.push(Overlay::Audit(AuditState {
        period: label.to_string(),
        rows: None,
        error: None,
        scroll: 0,
    }));
    let (from, to) = bounds(period);
    vec![Effect::LoadAudit { from, to }]
}

pub fn loaded(model: &mut Model, result: BackendResult<Vec<AuditRow>>) -> Vec<Effect> {
    let Some(Overlay::Audit(state)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match result {
        Ok(mut rows) => {
            rows.reverse();
            state.rows = Some(rows);
        }
        Err(e) => state.error = Some(format!("Audit trail not loaded: {e}")),
    }
    Vec::new()
}

pub fn key(model: &mut Model, command: Command) -> Vec<Effect> {
    let Some(Overlay::Audit(state)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    let len = state.rows.as_ref().map_or(0, Vec::len);
    let step = |delta| crate::app::update::step(state.scroll, len, delta);
    state.scroll = match command {
        Command::Close => {
            model.overlays.pop();
            return Vec::new();
        }
        Command::Up => step(-1),
        Command::Down => step(1),
        Command::PageUp => step(-10),
        Command::PageDown => step(10),
        _ => state.scroll,
    };
    Vec::new()
}
