//! When add-on prompts appear, how long they stay and when the panel keeps quiet: a pure
//! state machine fed with what happens at the till and the time, so every rule is tested
//! with a fake clock. It never asks the recommender itself; it says when fresh offers are
//! needed (`Reaction::ask`) and the register brings them (`Panel::offer`).

mod panel;
mod settings;

pub use panel::{Change, Event, Outcome, Panel, PanelMemory, Prompt, Reaction, Trigger};
pub use settings::{KioskSettings, PromptSettings, SettingsError, holdout_for};
