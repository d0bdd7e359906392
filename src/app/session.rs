//! Signing in and out. A PIN is checked against every staff member's hash; the PIN itself
//! is never kept once checked.

use crate::app::action::Effect;
use crate::app::keymap::Command;
use crate::app::model::{Busy, Model, Session, blank_order};
use crate::domain::pin;

pub fn sign_in_key(model: &mut Model, command: Command) -> Vec<Effect> {
    let Session::SignedOut { pin } = &mut model.session else {
        return Vec::new();
    };
    match command {
        Command::Type(c) if c.is_ascii_digit() => {
            pin.push(c);
        }
        Command::Type(_) => model.error("A PIN has digits only"),
        Command::Erase => {
            pin.pop();
        }
        Command::ClearInput => pin.clear(),
        Command::Quit => {
            model.quit = true;
            return vec![Effect::Quit];
        }
        Command::Submit => return submit(model),
        _ => {}
    }
    Vec::new()
}

fn submit(model: &mut Model) -> Vec<Effect> {
    let Session::SignedOut { pin: input } = &mut model.session else {
        return Vec::new();
    };
    let typed = input.take();
    if !pin::is_well_formed(&typed) {
        model.error("A PIN is 4 to 8 digits");
        return Vec::new();
    }
    let Some(record) = model
        .staff
        .iter()
        .find(|r| pin::verify(&typed, &r.pin_hash))
    else {
        model.error("Wrong PIN");
        return Vec::new();
    };
    let staff = record.staff.clone();
    model.success(format!("Welcome, {}", staff.name));
    model.order = blank_order(&model.till, staff.id, model.now);
    model.reprice();
    model.session = Session::SignedIn { staff };
    model.busy = Some(Busy::OpeningDraft);
    vec![Effect::OpenDraft {
        till: model.till.clone(),
    }]
}

/// Leaves the till. The order stays saved as the till's open draft and comes back at the
/// next sign-in.
pub fn sign_out(model: &mut Model) -> Vec<Effect> {
    if model.busy.is_some() {
        model.error("Still working — try again in a moment");
        return Vec::new();
    }
    let name = model
        .signed_in()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    model.session = Session::SignedOut {
        pin: crate::app::input::TextInput::new(8),
    };
    model.order = blank_order(&model.till, 0, model.now);
    model.reprice();
    model.customer = None;
    model.selected = None;
    model.overlays.clear();
    model.input.clear();
    model.info(format!("{name} signed out"));
    Vec::new()
}
