//! The order's life outside a sale: restoring the till's open draft, holding (parking) it,
//! recalling a held one, voiding it. The order on screen changes only once the store has
//! confirmed, so a failed hold or void leaves it exactly as it was.

use crate::app::action::Effect;
use crate::app::backend::BackendResult;
use crate::app::keymap::Command;
use crate::app::model::{Busy, Model};
use crate::app::overlay::{HeldOverlay, Overlay, Request, VOID_REASONS};
use crate::app::register::LOCKED;
use crate::app::update::step;
use crate::app::{customer, edit};
use crate::domain::order::{HeldOrder, OrderDraft};

/// Starts a fresh order for the signed-in staff member.
pub fn start_new_order(model: &mut Model) {
    let staff_id = model.signed_in().map_or(0, |s| s.id);
    model.order = model.new_order(staff_id);
    model.reprice();
    model.customer = None;
    model.selected = None;
}

/// Makes `draft` the order on screen, exactly as it was saved: lines, customer, payments.
fn restore(model: &mut Model, mut draft: OrderDraft) -> Vec<Effect> {
    let mut effects = Vec::new();
    if let Some(staff) = model.signed_in()
        && draft.staff_id != staff.id
    {
        // Whoever carries the order on serves it; the store learns it now, not at the
        // next change.
        draft.staff_id = staff.id;
        effects.push(Effect::SaveDraft(draft.clone()));
    }
    model.order = draft;
    model.reprice();
    let len = model.cart().lines().len();
    model.selected = len.checked_sub(1);
    // Payments taken are kept, but the payment window is not reopened by itself: the
    // scanner may already be typing, and its digits must never land in a cash field.
    effects.extend(customer::restore(model));
    effects
}

pub fn draft_opened(model: &mut Model, result: BackendResult<Option<OrderDraft>>) -> Vec<Effect> {
    if model.busy == Some(Busy::OpeningDraft) {
        model.busy = None;
    }
    match result {
        Ok(Some(draft)) if draft.cart.is_empty() && draft.customer.is_none() => {
            // An order emptied after offers were made on it: it carries on, with nothing to say.
            restore(model, draft)
        }
        Ok(Some(draft)) => {
            let items = draft.cart.item_count();
            let effects = restore(model, draft);
            let paying = if model.payments_taken() {
                " — payment under way, F12 to finish"
            } else {
                ""
            };
            let s = if items == 1 { "" } else { "s" };
            if model.mode == crate::app::model::Mode::Kiosk {
                // A kiosk restarted with a basket on it: said to whoever stands there.
                model.info(format!(
                    "This basket was left with {items} item{s}: carry on, or start over"
                ));
            } else {
                model.info(format!("Open order restored: {items} item{s}{paying}"));
            }
            effects
        }
        Ok(None) => Vec::new(),
        Err(e) => {
            model.error(format!("The saved order could not be opened: {e}"));
            Vec::new()
        }
    }
}

pub fn hold_or_recall(model: &mut Model) -> Vec<Effect> {
    if model.busy.is_some() {
        model.error("Still working — try again in a moment");
        return Vec::new();
    }
    if model.payments_taken() {
        model.error(LOCKED);
        return Vec::new();
    }
    if let Some(effects) = crate::app::kiosk_park::recall_typed(model) {
        return effects;
    }
    if model.cart().is_empty() {
        return vec![Effect::ListHeld {
            till: model.till.clone(),
        }];
    }
    model.busy = Some(Busy::Holding);
    vec![Effect::Hold {
        draft: model.order.clone(),
        at: model.now,
    }]
}

pub fn held(model: &mut Model, result: BackendResult<()>) -> Vec<Effect> {
    if model.busy != Some(Busy::Holding) {
        return Vec::new();
    }
    model.busy = None;
    match result {
        Ok(()) => {
            start_new_order(model);
            model.success("Order held — F4 on an empty order recalls it");
        }
        Err(e) => model.error(format!("Order not held: {e}")),
    }
    Vec::new()
}

pub fn held_listed(model: &mut Model, result: BackendResult<Vec<HeldOrder>>) -> Vec<Effect> {
    match result {
        Ok(orders) if orders.is_empty() => model.info(
            "No held orders on this till — for a kiosk's order, type its counter number, then F4",
        ),
        Ok(orders) => model.overlays.push(Overlay::Held(HeldOverlay {
            orders,
            selected: 0,
        })),
        Err(e) => model.error(format!("Held orders not available: {e}")),
    }
    Vec::new()
}

pub fn recalled(model: &mut Model, result: BackendResult<OrderDraft>) -> Vec<Effect> {
    if model.busy != Some(Busy::Recalling) {
        return Vec::new();
    }
    model.busy = None;
    match result {
        Ok(draft) => {
            // The empty order left behind (saved if it had a customer or offers) must not
            // linger as the till's open draft; it is let go only now, so that a failed
            // recall leaves the till on an order it can still save.
            let left = model.order.id.clone();
            // Asked twice, a parked order's recall answers with the order already on screen.
            let mut effects = if left == draft.id {
                Vec::new()
            } else {
                vec![Effect::AbandonDraft { order_id: left }]
            };
            effects.extend(restore(model, draft));
            model.success("Held order recalled");
            effects
        }
        Err(e) => {
            model.error(format!("Order not recalled: {e}"));
            Vec::new()
        }
    }
}

pub fn voided(model: &mut Model, result: BackendResult<()>) -> Vec<Effect> {
    if model.busy != Some(Busy::Voiding) {
        return Vec::new();
    }
    model.busy = None;
    match result {
        Ok(()) => {
            let paid = model.order.tender.as_ref().map(|t| t.paid());
            start_new_order(model);
            model.overlays.clear();
            match paid.filter(|p| *p > crate::domain::money::Money::ZERO) {
                Some(paid) => model.error(format!("Order voided — give back the {paid} taken")),
                None if model.mode == crate::app::model::Mode::Kiosk => {
                    model.info("Your basket is empty: scan an item to start again")
                }
                None => model.info("Order voided"),
            }
        }
        Err(e) => model.error(format!("Order not voided: {e}")),
    }
    Vec::new()
}

/// Voids the order once the store confirms; `approved_by` names the manager who allowed it.
pub fn void(model: &mut Model, reason: String, approved_by: Option<i64>) -> Vec<Effect> {
    if model.busy.is_some() {
        return Vec::new();
    }
    model.busy = Some(Busy::Voiding);
    vec![Effect::Void {
        draft: model.order.clone(),
        reason,
        approved_by,
        at: model.now,
    }]
}

/// Keys of the void-reason and held-orders overlays.
pub fn key(model: &mut Model, command: Command) -> Vec<Effect> {
    match model.overlays.last_mut() {
        Some(Overlay::Void(void)) => match command {
            Command::Up => void.selected = step(void.selected, VOID_REASONS.len(), -1),
            Command::Down => void.selected = step(void.selected, VOID_REASONS.len(), 1),
            Command::Type(c) => {
                void.typed.push(c);
            }
            Command::Erase => {
                void.typed.pop();
            }
            Command::Close => {
                model.overlays.pop();
            }
            Command::Submit => {
                if model.busy.is_some() {
                    return Vec::new();
                }
                let reason = void.reason();
                model.overlays.pop();
                if model.payments_taken() {
                    let paid = model
                        .order
                        .tender
                        .as_ref()
                        .map(|t| t.paid())
                        .unwrap_or_default();
                    let why = format!("Void an order on which {paid} was paid");
                    edit::ask_manager(model, Request::Void { reason }, why);
                    return Vec::new();
                }
                model.busy = Some(Busy::Voiding);
                return vec![Effect::Void {
                    draft: model.order.clone(),
                    reason,
                    approved_by: None,
                    at: model.now,
                }];
            }
            _ => {}
        },
        Some(Overlay::Held(list)) => match command {
            Command::Up => list.selected = step(list.selected, list.orders.len(), -1),
            Command::Down => list.selected = step(list.selected, list.orders.len(), 1),
            Command::Close => {
                model.overlays.pop();
            }
            Command::Submit => {
                let Some(order) = list.orders.get(list.selected) else {
                    return Vec::new();
                };
                let order_id = order.id.clone();
                model.overlays.pop();
                if model.busy.is_some() || !model.cart().is_empty() {
                    model.error("Hold or finish the current order first");
                    return Vec::new();
                }
                model.busy = Some(Busy::Recalling);
                return vec![Effect::Recall {
                    order_id,
                    till: model.till.clone(),
                }];
            }
            _ => {}
        },
        _ => {}
    }
    Vec::new()
}
