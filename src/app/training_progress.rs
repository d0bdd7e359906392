//! The managers' training screen, opened from the reports: every trainee with their
//! sessions, and the selected one's scores over time per session and per skill. The rows
//! come from the shop's record (`Effect::LoadTrainingProgress`); this file holds what is
//! shown and which trainee is selected.

use crate::app::action::Effect;
use crate::app::backend::BackendResult;
use crate::app::keymap::Command;
use crate::app::model::Model;
use crate::app::overlay::Overlay;
use crate::report::training::{SessionRow, TraineeProgress, progress};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProgressState {
    /// By staff code; `None` while loading.
    pub trainees: Option<Vec<TraineeProgress>>,
    pub error: Option<String>,
    /// Index into `trainees`.
    pub selected: usize,
}

impl ProgressState {
    pub fn selected(&self) -> Option<&TraineeProgress> {
        self.trainees.as_ref()?.get(self.selected)
    }
}

/// Opens the screen over the reports and asks for the record.
pub fn open(model: &mut Model) -> Vec<Effect> {
    model.overlays.push(Overlay::Training(Box::default()));
    vec![Effect::LoadTrainingProgress]
}

pub fn loaded(model: &mut Model, result: BackendResult<Vec<SessionRow>>) -> Vec<Effect> {
    let Some(Overlay::Training(state)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match result {
        Ok(rows) => {
            state.trainees = Some(progress(&rows));
            state.selected = 0;
        }
        Err(e) => state.error = Some(format!("Training progress not loaded: {e}")),
    }
    Vec::new()
}

/// The shop's answer to recording a practice session's score: only a failure is said, as
/// the score itself is already on screen.
pub fn recorded(model: &mut Model, result: BackendResult<i64>) -> Vec<Effect> {
    if let Err(e) = result {
        model.error(format!("Training score not recorded: {e}"));
    }
    Vec::new()
}

pub fn key(model: &mut Model, command: Command) -> Vec<Effect> {
    let Some(Overlay::Training(state)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    let len = state.trainees.as_ref().map_or(0, Vec::len);
    let step = |delta| crate::app::update::step(state.selected, len, delta);
    state.selected = match command {
        Command::Close => {
            model.overlays.pop();
            return Vec::new();
        }
        Command::Up => step(-1),
        Command::Down => step(1),
        _ => state.selected,
    };
    Vec::new()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::report::training::Part;

    fn model() -> Model {
        Model::new(
            Arc::new(Default::default()),
            Vec::new(),
            Vec::new(),
            Default::default(),
            "T1",
            chrono::NaiveDateTime::default(),
        )
    }

    fn row(code: &str, score: u8) -> SessionRow {
        SessionRow {
            staff_code: code.into(),
            staff_name: code.into(),
            scenario: "s".into(),
            seed: 1,
            exam: false,
            score,
            parts: vec![Part {
                name: "timing".into(),
                points: 3,
            }],
            finished_at: chrono::NaiveDateTime::default(),
        }
    }

    #[test]
    fn the_screen_loads_selects_within_its_trainees_and_closes() {
        let mut m = model();
        assert_eq!(open(&mut m), [Effect::LoadTrainingProgress]);
        loaded(&mut m, Ok(vec![row("A", 40), row("B", 70)]));
        key(&mut m, Command::Down);
        key(&mut m, Command::Down);
        let Some(Overlay::Training(state)) = m.overlays.last() else {
            panic!("open");
        };
        assert_eq!(state.selected().unwrap().staff_code, "B");
        key(&mut m, Command::Close);
        assert!(m.overlays.is_empty());
    }

    #[test]
    fn a_failed_load_says_so_on_the_screen() {
        let mut m = model();
        open(&mut m);
        loaded(&mut m, Err("database is locked".into()));
        let Some(Overlay::Training(state)) = m.overlays.last() else {
            panic!("open");
        };
        assert!(
            state
                .error
                .as_deref()
                .unwrap()
                .contains("database is locked")
        );
        assert!(state.selected().is_none());
    }
}
