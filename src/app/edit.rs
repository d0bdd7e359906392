//! Changing a line or the order: quantity, discounts, price overrides, and the manager
//! override prompt that large discounts and every price change need. The manager types a
//! PIN at that moment; no manager session is opened.

use crate::app::action::Effect;
use crate::app::input::TextInput;
use crate::app::keymap::Command;
use crate::app::model::Model;
use crate::app::overlay::{Approve, DiscountTarget, EntryKind, Overlay, Request};
use crate::app::register::{order_changed, sentence};
use crate::app::{order_life, pins, returns, session};
use crate::domain::audit::AuditEntry;
use crate::domain::cart::{Discount, MAX_LINE_QTY};
use crate::domain::money::Money;
use crate::domain::order::Approval;
use crate::domain::pin_check::Purpose;
use crate::domain::stock;

pub fn entry_key(model: &mut Model, command: Command) -> Vec<Effect> {
    let Some(Overlay::Entry(entry)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match command {
        Command::Type(c) => {
            entry.input.push(c);
        }
        Command::Erase => {
            entry.input.pop();
        }
        Command::NextField => {
            if let EntryKind::Discount(target) = entry.kind {
                entry.kind = EntryKind::Discount(match (target, model.selected) {
                    (DiscountTarget::Order, Some(i)) => DiscountTarget::Line(i),
                    _ => DiscountTarget::Order,
                });
            }
        }
        Command::Close => {
            model.overlays.pop();
        }
        Command::Submit => {
            let kind = entry.kind;
            // Kept until it is taken: a refused entry stays to be corrected, and a second
            // Enter refuses it again rather than acting on an empty field.
            let text = entry.input.text().to_string();
            return match kind {
                EntryKind::Quantity(line) => set_quantity(model, line, &text),
                EntryKind::Discount(target) => discount(model, target, &text),
                EntryKind::Price(line) => price(model, line, &text),
            };
        }
        _ => {}
    }
    Vec::new()
}

fn set_quantity(model: &mut Model, line: usize, text: &str) -> Vec<Effect> {
    let Ok(qty) = text.trim().parse::<i64>() else {
        model.error(format!(
            "'{}' is not a quantity: type a whole number, 1 to {MAX_LINE_QTY}",
            text.trim()
        ));
        return Vec::new();
    };
    match model.order.cart.set_qty(line, qty) {
        Ok(()) => {
            model.overlays.pop();
            let l = &model.cart().lines()[line];
            let said = format!("{}: quantity {qty}", l.name);
            let on_order = model.cart().qty_of(&l.sku);
            match model
                .catalog
                .by_sku(&l.sku)
                .and_then(|p| stock::shortfall(p, on_order))
            {
                Some(short) => model.warn(format!("{said} — {short}: check the shelf")),
                None => model.info(said),
            }
            order_changed(model)
        }
        Err(e) => {
            model.error(sentence(&e));
            Vec::new()
        }
    }
}

/// The base a discount is measured against for the manager threshold.
fn discount_base(model: &Model, target: DiscountTarget) -> Money {
    match target {
        DiscountTarget::Line(i) => model
            .cart()
            .lines()
            .get(i)
            .map_or(Money::ZERO, |l| l.gross()),
        DiscountTarget::Order => model
            .totals
            .lines
            .iter()
            .map(|l| l.gross - l.line_discount)
            .sum(),
    }
}

fn describe(model: &Model, target: DiscountTarget) -> String {
    match target {
        DiscountTarget::Line(i) => model
            .cart()
            .lines()
            .get(i)
            .map_or_else(|| "line".into(), |l| l.name.clone()),
        DiscountTarget::Order => "the order".into(),
    }
}

fn discount(model: &mut Model, target: DiscountTarget, text: &str) -> Vec<Effect> {
    let text = text.trim();
    if text.is_empty() || text == "0" || text == "0%" {
        return apply(
            model,
            Request::Discount {
                target,
                discount: Discount::Percent(0),
            },
            None,
        );
    }
    let discount = match Discount::parse(text) {
        Ok(d) => d,
        Err(e) => {
            model.error(sentence(&e));
            return Vec::new();
        }
    };
    let share = discount.share_bp(discount_base(model, target));
    let limit = model.settings.manager_discount_bp;
    let request = Request::Discount { target, discount };
    if share > limit {
        let reason = format!(
            "A discount of {discount} on {} is over the {} limit",
            describe(model, target),
            Discount::Percent(limit)
        );
        ask_manager(model, request, reason);
        Vec::new()
    } else {
        apply(model, request, None)
    }
}

fn price(model: &mut Model, line: usize, text: &str) -> Vec<Effect> {
    let price = match Money::parse(text) {
        Ok(p) if !p.is_negative() => p,
        _ => {
            model.error(format!("'{}' is not a price", text.trim()));
            return Vec::new();
        }
    };
    let Some(current) = model.cart().lines().get(line) else {
        return Vec::new();
    };
    if current.unit_price == price {
        model.overlays.pop();
        return Vec::new();
    }
    let reason = format!(
        "Price of {} from {} to {price}",
        current.name, current.unit_price
    );
    ask_manager(model, Request::Price { line, price }, reason);
    Vec::new()
}

/// Replaces the entry on top with the manager's PIN prompt.
pub fn ask_manager(model: &mut Model, request: Request, reason: String) {
    if matches!(model.overlays.last(), Some(Overlay::Entry(_))) {
        model.overlays.pop();
    }
    model.info("Manager approval needed");
    model.overlays.push(Overlay::Approve(Approve {
        request,
        reason,
        pin: TextInput::new(pins::PIN_INPUT_MAX),
    }));
}

pub fn approve_key(model: &mut Model, command: Command) -> Vec<Effect> {
    let Some(Overlay::Approve(approve)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match command {
        Command::Type(c) if pins::takes(c) => {
            approve.pin.push(c);
        }
        Command::Erase => {
            approve.pin.pop();
        }
        Command::Close => {
            model.overlays.pop();
            model.info("Not approved: nothing changed");
        }
        Command::Submit => {
            let typed = approve.pin.take();
            let request = approve.request.clone();
            let what = approve.reason.clone();
            let mut recorded = Vec::new();
            let Some(manager) = pins::check(model, &typed, Purpose::ManagerApproval, &mut recorded)
            else {
                return recorded;
            };
            model.overlays.pop();
            let approval = Approval {
                manager_id: manager.id,
                what: what.clone(),
                at: model.now,
            };
            // Written before the change: leaving the kiosk signs its pseudo staff member out.
            let audit = audit_approval(model, &request, &what, manager.id);
            let leaving = matches!(request, Request::LeaveKiosk { .. });
            let mut effects = apply(model, request, Some(approval));
            if !effects.is_empty() || leaving {
                if !leaving {
                    model.success(format!("Approved by {}", manager.name));
                }
                effects.extend(audit);
            }
            effects.extend(recorded);
            return effects;
        }
        _ => {}
    }
    Vec::new()
}

/// The audit line of an approval. Voids and refunds are audited by the store with the
/// change itself; the rest are written here, at the moment the manager allowed them.
fn audit_approval(model: &Model, request: &Request, what: &str, manager: i64) -> Option<Effect> {
    let action = match request {
        Request::Discount { .. } => "large discount",
        Request::Price { .. } => "price override",
        Request::LeaveKiosk { quit: false } => "leave kiosk",
        Request::LeaveKiosk { quit: true } => "close kiosk",
        Request::Reports => "open reports",
        Request::Refund(_) | Request::Void { .. } => return None,
    };
    let staff = model.signed_in().map(|s| s.id);
    let entry =
        AuditEntry::new(model.now, &model.till, staff, action, what).approved_by(Some(manager));
    Some(Effect::Audit(match request {
        Request::LeaveKiosk { .. } | Request::Reports => entry,
        _ => entry.order(&model.order.id),
    }))
}

/// Makes the change; an approval is recorded on the order only once the change holds.
fn apply(model: &mut Model, request: Request, approval: Option<Approval>) -> Vec<Effect> {
    let result = match &request {
        Request::Discount { target, discount } => {
            let d = (*discount != Discount::Percent(0)).then_some(*discount);
            match target {
                DiscountTarget::Line(i) => model.order.cart.set_line_discount(*i, d),
                DiscountTarget::Order => model.order.cart.set_order_discount(d),
            }
        }
        Request::Price { line, price } => model.order.cart.override_price(*line, *price),
        Request::Refund(plan) => {
            return match approval {
                Some(a) => returns::submit(model, plan.clone(), a.manager_id),
                None => Vec::new(),
            };
        }
        Request::Reports => {
            return match approval {
                Some(a) => crate::app::reports::open(model, a.manager_id),
                None => Vec::new(),
            };
        }
        Request::Void { reason } => {
            return order_life::void(model, reason.clone(), approval.map(|a| a.manager_id));
        }
        Request::LeaveKiosk { quit } => {
            if approval.is_none() {
                return Vec::new();
            }
            if let Some(retry) = crate::app::register::refuse_to_leave_unsaved(model) {
                return retry;
            }
            if *quit {
                model.quit = true;
                return vec![Effect::Quit];
            }
            // A shopper's unfinished basket is theirs, not the next cashier's: it is voided
            // as abandoned (its offers closed with it) rather than left as the till's draft,
            // which the next sign-in would restore. A kiosk takes only whole card payments,
            // so nothing has been paid on it.
            let mut effects = Vec::new();
            if !model.cart().is_empty() && !model.payments_taken() {
                effects.push(Effect::Void {
                    draft: model.order.clone(),
                    reason: "abandoned at the kiosk".into(),
                    approved_by: approval.map(|a| a.manager_id),
                    at: model.now,
                });
            }
            model.mode = crate::app::model::Mode::Staffed;
            effects.extend(session::sign_out(model));
            model.info("Self-service mode ended: staff sign in with their PIN");
            return effects;
        }
    };
    match result {
        Ok(()) => {
            if matches!(model.overlays.last(), Some(Overlay::Entry(_))) {
                model.overlays.pop();
            }
            model.info(match &request {
                Request::Discount { target, discount } if *discount == Discount::Percent(0) => {
                    format!("Discount removed from {}", describe(model, *target))
                }
                Request::Discount { target, discount } => {
                    format!("Discount {discount} on {}", describe(model, *target))
                }
                Request::Price { line, price } => {
                    format!(
                        "Price of {} set to {price}",
                        describe(model, DiscountTarget::Line(*line))
                    )
                }
                Request::Refund(_)
                | Request::Reports
                | Request::Void { .. }
                | Request::LeaveKiosk { .. } => String::new(),
            });
            model.order.approvals.extend(approval);
            order_changed(model)
        }
        Err(e) => {
            model.error(sentence(&e));
            Vec::new()
        }
    }
}
