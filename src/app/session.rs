//! Signing in and out. A PIN is checked against every staff member's hash; the PIN itself
//! is never kept once checked.

use crate::app::action::Effect;
use crate::app::keymap::Command;
use crate::app::model::{Busy, Mode, Model, Session};
use crate::app::pins;
use crate::domain::people::Staff;
use crate::domain::pin_check::Purpose;

pub fn sign_in_key(model: &mut Model, command: Command) -> Vec<Effect> {
    let Session::SignedOut { pin } = &mut model.session else {
        return Vec::new();
    };
    match command {
        Command::Type(c) if pins::takes(c) => {
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
    let mut recorded = Vec::new();
    let Some(staff) = pins::check(model, &typed, Purpose::SignIn, &mut recorded) else {
        return recorded;
    };
    model.success(format!("Welcome, {}", staff.name));
    let mut effects = enter(model, staff);
    effects.extend(recorded);
    effects
}

fn enter(model: &mut Model, staff: Staff) -> Vec<Effect> {
    crate::app::training_mode::on_sign_in(model, &staff);
    model.order = model.new_order(staff.id);
    model.reprice();
    model.session = Session::SignedIn { staff };
    model.busy = Some(Busy::OpeningDraft);
    vec![Effect::OpenDraft {
        till: model.till.clone(),
    }]
}

/// Opens a self-service till (`Action::OpenKiosk`): signed in as the kiosk's pseudo staff
/// member, no PIN asked.
pub(crate) fn start_kiosk(model: &mut Model, kiosk: Staff) -> Vec<Effect> {
    model.mode = Mode::Kiosk;
    // A shopper answers one offer at a time; the next waits its turn in the panel's queue.
    model.offers.settings.max_visible = crate::app::kiosk_basket::ONE_OFFER;
    enter(model, kiosk)
}

/// Leaves the till. The order stays saved as the till's open draft and comes back at the
/// next sign-in.
pub fn sign_out(model: &mut Model) -> Vec<Effect> {
    if model.busy.is_some() {
        model.error("Still working — try again in a moment");
        return Vec::new();
    }
    if let Some(retry) = crate::app::register::refuse_to_leave_unsaved(model) {
        return retry;
    }
    let name = model
        .signed_in()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    model.session = Session::SignedOut {
        pin: crate::app::input::TextInput::new(pins::PIN_INPUT_MAX),
    };
    model.order = model.new_order(0);
    model.reprice();
    model.customer = None;
    model.selected = None;
    model.overlays.clear();
    model.input.clear();
    crate::app::training_mode::on_sign_out(model);
    model.info(format!("{name} signed out"));
    Vec::new()
}
