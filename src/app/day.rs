//! The close of day on the till, for the manager who opened the reports: the X report of
//! this till's day, and closing it with the cash counted. The figures and the close come
//! from the backend (`Effect::LoadDay`, `Effect::CloseDay`); this file decides what to ask.

use chrono::NaiveDate;

use crate::app::action::Effect;
use crate::app::backend::BackendResult;
use crate::app::input::TextInput;
use crate::app::keymap::Command;
use crate::app::model::Model;
use crate::app::overlay::Overlay;
use crate::domain::money::Money;
use crate::report::day::{DayClose, DayReport, over_short_label};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayState {
    pub day: NaiveDate,
    /// The manager whose PIN opened the reports: they close the day.
    pub manager: Option<i64>,
    /// `None` while loading.
    pub report: Option<DayReport>,
    pub error: Option<String>,
    /// The first line on screen.
    pub scroll: usize,
    /// The cash counted, while the manager types it to close the day.
    pub counted: Option<TextInput>,
    /// A close is on its way to the store: Enter does not send a second.
    pub closing: bool,
}

impl DayState {
    pub fn is_counting(&self) -> bool {
        self.counted.is_some()
    }
}

/// Opens the X report of today on top of the reports.
pub fn open(model: &mut Model, manager: Option<i64>) -> Vec<Effect> {
    let day = model.now.date();
    model.overlays.push(Overlay::Day(Box::new(DayState {
        day,
        manager,
        report: None,
        error: None,
        scroll: 0,
        counted: None,
        closing: false,
    })));
    vec![Effect::LoadDay {
        till: model.till.clone(),
        day,
    }]
}

pub fn loaded(model: &mut Model, result: BackendResult<Box<DayReport>>) -> Vec<Effect> {
    let Some(Overlay::Day(state)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match result {
        Ok(report) if report.day == state.day => state.report = Some(*report),
        Ok(_) => {}
        Err(e) => state.error = Some(format!("Day report not loaded: {e}")),
    }
    Vec::new()
}

pub fn closed(model: &mut Model, result: BackendResult<Box<DayClose>>) -> Vec<Effect> {
    let Some(Overlay::Day(state)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    state.closing = false;
    match result {
        Ok(close) => {
            state.counted = None;
            state.report = Some(close.report);
            state.scroll = 0;
            model.success(format!(
                "Day closed: Z {} · counted {} · {} {}",
                close.z_no,
                close.counted,
                over_short_label(close.over_short),
                close.over_short
            ));
        }
        Err(e) => model.error(format!("Day not closed: {e}")),
    }
    Vec::new()
}

pub fn key(model: &mut Model, command: Command) -> Vec<Effect> {
    let till = model.till.clone();
    let now = model.now;
    let Some(Overlay::Day(state)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    if let Some(counted) = state.counted.as_mut() {
        match command {
            Command::Type(c) if c.is_ascii_digit() || matches!(c, '.' | ',' | '$') => {
                counted.push(c);
            }
            Command::Type(c) => {
                model.error(format!(
                    "'{c}' is not part of an amount: type the cash counted, e.g. 712.27"
                ));
            }
            Command::Erase => {
                counted.pop();
            }
            Command::Close => {
                state.counted = None;
                model.info("Day not closed: nothing changed");
            }
            Command::Submit if state.closing => {}
            Command::Submit => {
                let text = counted.text().trim().to_string();
                if text.is_empty() {
                    model.error("Type the cash counted in the drawer first");
                    return Vec::new();
                }
                let counted = match Money::parse(&text) {
                    Ok(m) => m,
                    Err(e) => {
                        model.error(format!("{e}: type the cash counted, e.g. 712.27"));
                        return Vec::new();
                    }
                };
                let Some(manager) = state.manager else {
                    model.error("Only the manager who opened the reports closes the day");
                    return Vec::new();
                };
                state.closing = true;
                let day = state.day;
                model.info("Closing the day…");
                return vec![Effect::CloseDay {
                    till,
                    day,
                    counted,
                    manager,
                    at: now,
                }];
            }
            _ => {}
        }
        return Vec::new();
    }
    let len = state
        .report
        .as_ref()
        .map_or(0, |r| crate::report::day_text::lines(r, 80).len());
    let step = |delta| crate::app::update::step(state.scroll, len, delta);
    state.scroll = match command {
        Command::Close => {
            model.overlays.pop();
            return Vec::new();
        }
        Command::CloseDay => {
            match &state.report {
                None => model.error("The day's figures are still loading"),
                Some(r) if r.closed.is_some() => {
                    let day = r.day;
                    model.error(format!("{till} is already closed for {day}"));
                }
                Some(r) => {
                    let expected = r.cash.expected;
                    state.counted = Some(TextInput::new(16));
                    model.info(format!(
                        "Count the drawer and type the cash in it ({expected} expected)"
                    ));
                }
            }
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
