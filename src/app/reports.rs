//! The managers' reports screen as state: which period and breakdown are shown, how the
//! rules are sorted and which one is selected. The figures come from the backend
//! (`Effect::LoadReport`); this file only decides what to ask for and what to show.

use crate::app::action::Effect;
use crate::app::backend::BackendResult;
use crate::app::keymap::Command;
use crate::app::model::Model;
use crate::app::overlay::Overlay;
use crate::report::{Breakdown, Group, Preset, Report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RuleSort {
    #[default]
    Offers,
    Conversion,
}

impl RuleSort {
    pub fn label(self) -> &'static str {
        match self {
            RuleSort::Offers => "most offered",
            RuleSort::Conversion => "best converting",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportsState {
    /// The manager whose PIN opened the screen.
    pub manager: Option<i64>,
    pub preset: Preset,
    pub breakdown: Breakdown,
    pub sort: RuleSort,
    /// Index into `sorted_rules()`.
    pub selected: usize,
    /// `None` while loading.
    pub report: Option<Report>,
    pub error: Option<String>,
}

impl ReportsState {
    /// The rules in the chosen order. By conversion, rules never shown come last and ties
    /// go to the rule offered more.
    pub fn sorted_rules(&self) -> Vec<&Group> {
        let Some(r) = &self.report else {
            return Vec::new();
        };
        let mut rules: Vec<&Group> = r.rules.iter().collect();
        if self.sort == RuleSort::Conversion {
            rules.sort_by(|a, b| {
                let (x, y) = (a.conversion.unwrap_or(-1.0), b.conversion.unwrap_or(-1.0));
                y.total_cmp(&x)
                    .then(b.counts.shown.cmp(&a.counts.shown))
                    .then(a.key.cmp(&b.key))
            });
        }
        rules
    }

    fn load(&mut self, model_now: chrono::NaiveDateTime) -> Vec<Effect> {
        self.report = None;
        self.error = None;
        self.selected = 0;
        vec![Effect::LoadReport {
            period: self.preset.period(model_now.date()),
            by: self.breakdown,
        }]
    }
}

fn cycle<T: Copy + PartialEq>(all: &[T], current: T, delta: isize) -> T {
    let i = all.iter().position(|x| *x == current).unwrap_or(0) as isize;
    all[(i + delta).rem_euclid(all.len() as isize) as usize]
}

/// Opens the screen (once a manager's PIN allowed it) and asks for its figures.
pub fn open(model: &mut Model, manager: i64) -> Vec<Effect> {
    let mut state = ReportsState {
        manager: Some(manager),
        ..ReportsState::default()
    };
    let effects = state.load(model.now);
    model.overlays.push(Overlay::Reports(Box::new(state)));
    model.info("Reports: 1-4 period, Tab breakdown, s sort, Esc back");
    effects
}

pub fn key(model: &mut Model, command: Command) -> Vec<Effect> {
    let now = model.now;
    let Some(Overlay::Reports(state)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    let len = state.sorted_rules().len();
    match command {
        Command::Close => {
            model.overlays.pop();
            return Vec::new();
        }
        Command::More => {
            state.preset = cycle(&Preset::ALL, state.preset, 1);
            return state.load(now);
        }
        Command::Less => {
            state.preset = cycle(&Preset::ALL, state.preset, -1);
            return state.load(now);
        }
        Command::Type(c @ '1'..='4') => {
            state.preset = Preset::ALL[c as usize - '1' as usize];
            return state.load(now);
        }
        Command::NextField => {
            state.breakdown = cycle(&Breakdown::ALL, state.breakdown, 1);
            return state.load(now);
        }
        Command::PrevField => {
            state.breakdown = cycle(&Breakdown::ALL, state.breakdown, -1);
            return state.load(now);
        }
        Command::Sort => {
            state.sort = match state.sort {
                RuleSort::Offers => RuleSort::Conversion,
                RuleSort::Conversion => RuleSort::Offers,
            };
            state.selected = 0;
        }
        Command::DayReport => {
            let manager = state.manager;
            return crate::app::day::open(model, manager);
        }
        Command::TrainingProgress => return crate::app::training_progress::open(model),
        Command::AuditTrail => {
            let (period, label) = (state.preset.period(now.date()), state.preset.label());
            return crate::app::audit::open(model, period, label);
        }
        Command::Up => state.selected = crate::app::update::step(state.selected, len, -1),
        Command::Down => state.selected = crate::app::update::step(state.selected, len, 1),
        Command::PageUp => state.selected = crate::app::update::step(state.selected, len, -10),
        Command::PageDown => state.selected = crate::app::update::step(state.selected, len, 10),
        _ => {}
    }
    Vec::new()
}

/// The figures arrived. A late answer for a period or breakdown no longer on screen is
/// dropped: another request is on its way.
pub fn loaded(model: &mut Model, result: BackendResult<Box<Report>>) -> Vec<Effect> {
    let today = model.now.date();
    let Some(Overlay::Reports(state)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match result {
        Ok(r) if r.period == state.preset.period(today) && r.breakdown == state.breakdown => {
            state.report = Some(*r);
        }
        Ok(_) => {}
        Err(e) => state.error = Some(format!("Reports not loaded: {e}")),
    }
    Vec::new()
}
