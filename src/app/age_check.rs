//! Age-restricted items at a kiosk. Nobody checks a shopper's age at a kiosk but a member
//! of staff: adding such an item there puts it in the basket and pauses the sale until a
//! cashier or a manager types their PIN at the kiosk (an approval on the order and a line
//! in the audit trail), or the shopper takes it off, or sends the order to the counter
//! where the age is checked with the payment. Nothing with an unchecked item is paid at
//! the kiosk, however the item got into the basket (a basket restored after a restart).

use crate::app::action::Effect;
use crate::app::input::TextInput;
use crate::app::keymap::Command;
use crate::app::model::{Mode, Model};
use crate::app::overlay::Overlay;
use crate::app::register::order_changed;
use crate::app::{kiosk_park, pins};
use crate::domain::audit::AuditEntry;
use crate::domain::catalog::Product;
use crate::domain::order::Approval;
use crate::domain::pin_check::Purpose;

/// How an age check's approval starts on the order (and in the audit trail).
const APPROVED: &str = "Age check";

/// The pause: which items wait for staff, and the PIN field staff type into.
#[derive(Debug)]
pub struct AgeCheck {
    /// The names of the age-restricted items in the basket.
    pub items: Vec<String>,
    pub pin: TextInput,
}

/// Whether staff have already checked the age on this order (once covers the order).
pub fn approved(model: &Model) -> bool {
    model
        .order
        .approvals
        .iter()
        .any(|a| a.what.starts_with(APPROVED))
}

/// The basket's age-restricted items, while no member of staff has checked.
fn unchecked(model: &Model) -> Vec<String> {
    if model.mode != Mode::Kiosk || approved(model) {
        return Vec::new();
    }
    restricted_names(model)
}

/// The names of the basket's age-restricted lines.
fn restricted_names(model: &Model) -> Vec<String> {
    model
        .cart()
        .lines()
        .iter()
        .filter(|l| {
            model
                .catalog
                .by_sku(&l.sku)
                .is_some_and(|p| p.age_restricted)
        })
        .map(|l| l.name.clone())
        .collect()
}

fn pause(model: &mut Model, items: Vec<String>) {
    if matches!(model.top(), Some(Overlay::AgeCheck(_))) {
        model.overlays.pop();
    }
    model.overlays.push(Overlay::AgeCheck(AgeCheck {
        items,
        pin: TextInput::new(pins::PIN_INPUT_MAX),
    }));
    model.info("This item needs a member of staff: please wait, one is on the way");
}

/// An order came to a staffed till (a kiosk's, by its counter number): if it holds an
/// age-restricted item nobody has checked, the cashier is told to check before taking the
/// payment, since the kiosk sent it here for that.
pub fn arrived_at_the_counter(model: &mut Model) {
    if model.mode == Mode::Kiosk || approved(model) {
        return;
    }
    let items = restricted_names(model);
    if !items.is_empty() {
        model.warn(format!(
            "Check the customer's age before taking the payment: {}",
            items.join(", ")
        ));
    }
}

/// `product` was just added at the register. True when it paused the sale (a kiosk, an
/// age-restricted item, nobody has checked yet): the caller says nothing more.
pub fn added(model: &mut Model, product: &Product) -> bool {
    if model.mode != Mode::Kiosk || !product.age_restricted || approved(model) {
        return false;
    }
    let items = unchecked(model);
    pause(model, items);
    true
}

/// Asked before a kiosk's payment opens: true when an item still waits for staff, whose
/// pause is now on screen instead.
pub fn before_paying(model: &mut Model) -> bool {
    let items = unchecked(model);
    if items.is_empty() {
        return false;
    }
    pause(model, items);
    true
}

/// Keys of the pause: staff type their PIN and Enter; the shopper takes the items off
/// (Esc) or sends the order to the counter (Tab).
pub fn key(model: &mut Model, command: Command) -> Vec<Effect> {
    let Some(Overlay::AgeCheck(check)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match command {
        Command::Type(c) if pins::takes(c) => {
            check.pin.push(c);
            Vec::new()
        }
        Command::Erase => {
            check.pin.pop();
            Vec::new()
        }
        Command::Close => take_off(model),
        Command::NextField => {
            model.overlays.pop();
            kiosk_park::park(model)
        }
        Command::Submit => {
            let typed = check.pin.take();
            let items = check.items.join(", ");
            approve(model, &typed, &items)
        }
        _ => Vec::new(),
    }
}

fn approve(model: &mut Model, typed: &str, items: &str) -> Vec<Effect> {
    let mut recorded = Vec::new();
    let Some(staff) = pins::check(model, typed, Purpose::Attendant, &mut recorded) else {
        return recorded;
    };
    model.overlays.pop();
    let what = format!("{APPROVED}: {items}");
    model.order.approvals.push(Approval {
        manager_id: staff.id,
        what: what.clone(),
        at: model.now,
    });
    let kiosk = model.signed_in().map(|s| s.id);
    let audit = AuditEntry::new(model.now, &model.till, kiosk, "age check", what)
        .approved_by(Some(staff.id))
        .order(&model.order.id);
    model.success(format!(
        "Thank you, {}: the shopper can carry on",
        staff.name
    ));
    let mut effects = order_changed(model);
    effects.push(Effect::Audit(audit));
    effects.extend(recorded);
    effects
}

/// The shopper would rather not wait: the age-restricted items leave the basket.
fn take_off(model: &mut Model) -> Vec<Effect> {
    model.overlays.pop();
    let restricted: Vec<usize> = model
        .cart()
        .lines()
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            model
                .catalog
                .by_sku(&l.sku)
                .is_some_and(|p| p.age_restricted)
        })
        .map(|(i, _)| i)
        .collect();
    for &i in restricted.iter().rev() {
        if let Err(e) = model.order.cart.remove(i) {
            model.error(crate::app::register::sentence(&e));
            return Vec::new();
        }
    }
    let len = model.cart().lines().len();
    model.selected = len.checked_sub(1);
    model.info("Taken off your basket: a member of staff can sell it to you at the counter");
    order_changed(model)
}
