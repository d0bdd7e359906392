//! The main screen: the scan line, the order's lines, and the product finder that adds to it.

use crate::app::action::Effect;
use crate::app::input::TextInput;
use crate::app::keymap::Command;
use crate::app::model::{Mode, Model};
use crate::app::overlay::{DiscountTarget, Entry, EntryKind, Overlay, Request, VoidOverlay};
use crate::app::search::SearchState;
use crate::app::update::step;
use crate::app::{customer, edit, offers, order_life, payment, returns, session};
use crate::domain::cart::{LineOrigin, MAX_LINE_QTY};
use crate::domain::catalog::Lookup;
use crate::domain::stock;

pub const LOCKED: &str = "A payment has been taken: finish paying (F12) or void the order (F8)";

/// What a self-service customer may not do; the kiosk keymap does not bind these, and
/// they are refused here too whatever path a command comes by.
fn staff_only(command: Command) -> bool {
    matches!(
        command,
        Command::Discount
            | Command::PriceOverride
            | Command::Returns
            | Command::Customer
            | Command::HoldRecall
    )
}

pub fn main_key(model: &mut Model, command: Command) -> Vec<Effect> {
    if model.mode == Mode::Kiosk && staff_only(command) {
        model.error("Please ask a member of staff");
        return Vec::new();
    }
    match command {
        Command::Type(c) => {
            if !model.input.push(c) {
                model.error("That code is too long");
            }
            Vec::new()
        }
        Command::Erase => {
            model.input.pop();
            Vec::new()
        }
        Command::ClearInput => {
            model.input.clear();
            Vec::new()
        }
        Command::Submit => scan(model),
        Command::Up | Command::Down => {
            let len = model.cart().lines().len();
            if len > 0 {
                let delta = if command == Command::Up { -1 } else { 1 };
                model.selected = Some(match model.selected {
                    Some(s) => step(s, len, delta),
                    None => len - 1,
                });
            }
            Vec::new()
        }
        Command::RemoveLine => remove_selected(model),
        Command::Quantity => open_line_entry(model, EntryKind::Quantity),
        Command::PriceOverride => open_line_entry(model, EntryKind::Price),
        Command::Discount => open_discount(model),
        Command::Search => {
            let mut search = SearchState::new();
            // A name typed on the scan line before F3 becomes the query.
            let typed = model.input.take();
            search.query = TextInput::with_text(60, &typed);
            search.refresh(&model.search_index);
            model.overlays.push(Overlay::Search(search));
            Vec::new()
        }
        Command::Customer => customer::open(model),
        Command::HoldRecall => order_life::hold_or_recall(model),
        Command::Void => {
            if model.cart().is_empty() && model.customer.is_none() && !model.payments_taken() {
                model.error("Nothing to void");
            } else {
                model.overlays.push(Overlay::Void(VoidOverlay {
                    selected: 0,
                    typed: TextInput::new(60),
                }));
            }
            Vec::new()
        }
        Command::Returns => returns::open(model),
        Command::Reports => {
            crate::app::edit::ask_manager(
                model,
                crate::app::overlay::Request::Reports,
                "Open the cross-selling reports".into(),
            );
            Vec::new()
        }
        Command::Pay => payment::open(model),
        Command::AcceptOffer
        | Command::AcceptNth(_)
        | Command::DeclineOffer
        | Command::LaterOffer
        | Command::NextOffer => offers::key(model, command),
        Command::Help => {
            model.overlays.push(Overlay::Help);
            Vec::new()
        }
        Command::SignOut | Command::Quit if model.mode == Mode::Kiosk => {
            let quit = command == Command::Quit;
            let reason = if quit {
                "Close the self-service till"
            } else {
                "Leave self-service mode"
            };
            if let Some(reason) = crate::app::unsent::leave_kiosk(model, reason) {
                edit::ask_manager(model, Request::LeaveKiosk { quit }, reason);
            }
            Vec::new()
        }
        Command::Converse(m) => crate::app::training_session::converse(model, m),
        Command::SignOut => session::sign_out(model),
        Command::Quit => {
            if let Some(retry) = refuse_to_leave_unsaved(model) {
                return retry;
            }
            model.quit = true;
            vec![Effect::Quit]
        }
        _ => Vec::new(),
    }
}

/// What the scan line holds: `CODE` or `QTY*CODE`.
fn parse_scan(text: &str) -> Result<(i64, &str), String> {
    let Some((qty, code)) = text.split_once('*') else {
        return Ok((1, text));
    };
    let qty = qty.trim();
    let code = code.trim();
    if code.is_empty() {
        return Err("Type or scan a code after the *".into());
    }
    match qty.parse::<i64>() {
        Ok(q) if (1..=MAX_LINE_QTY).contains(&q) => Ok((q, code)),
        Ok(q) => Err(format!(
            "Quantity {q} is not possible (1 to {MAX_LINE_QTY})"
        )),
        // Too many digits for a number is still a quantity, just an impossible one.
        Err(_)
            if !qty.is_empty()
                && qty
                    .trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit()) =>
        {
            Err(format!(
                "Quantity {qty} is not possible (1 to {MAX_LINE_QTY})"
            ))
        }
        Err(_) => Err(format!(
            "'{qty}' is not a quantity: type 3*CODE to add three"
        )),
    }
}

/// Enter on the scan line: add what the code names. The line is cleared whatever
/// happens, so that a scanner's next code never lands behind a bad one.
fn scan(model: &mut Model) -> Vec<Effect> {
    let text = model.input.take();
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let (qty, code) = match parse_scan(text) {
        Ok(parsed) => parsed,
        Err(e) => {
            model.error(e);
            return Vec::new();
        }
    };
    let catalog = model.catalog.clone();
    match catalog.lookup(code) {
        Lookup::Found(product) => add_product(model, product, qty),
        Lookup::Misread(e) => {
            model.error(format!("Misread barcode {code} ({e}) — scan it again"));
            Vec::new()
        }
        Lookup::Unknown => {
            model.error(format!("Unknown code {code} — nothing added"));
            Vec::new()
        }
    }
}

pub fn add_product(
    model: &mut Model,
    product: &crate::domain::catalog::Product,
    qty: i64,
) -> Vec<Effect> {
    if model.payments_taken() {
        model.error(LOCKED);
        return Vec::new();
    }
    match model.order.cart.add(product, qty, LineOrigin::Manual) {
        Ok(index) => {
            model.selected = Some(index);
            if crate::app::age_check::added(model, product) {
                return order_changed(model);
            }
            let qty_note = if qty > 1 {
                format!("{qty} × ")
            } else {
                String::new()
            };
            let added = format!("Added {qty_note}{}", product.name);
            match stock::shortfall(product, model.cart().qty_of(&product.sku)) {
                Some(short) => model.warn(format!("{added} — {short}: check the shelf")),
                None => model.success(added),
            }
            order_changed(model)
        }
        Err(e) => {
            model.error(sentence(&e));
            Vec::new()
        }
    }
}

pub fn sentence(e: impl std::fmt::Display) -> String {
    let text = e.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// After any change to the order: price it again and save it (or forget it once empty, so
/// that a restart opens a clean order). A tender not yet paid into is dropped, since its
/// amount due no longer holds.
pub fn order_changed(model: &mut Model) -> Vec<Effect> {
    model.reprice();
    if !model.payments_taken() {
        model.order.tender = None;
    }
    vec![save(model)]
}

/// How the order on screen is put on disk: saved, or let go once there is nothing in it.
pub fn save(model: &Model) -> Effect {
    let empty = model.cart().is_empty() && model.order.customer.is_none();
    if empty && !model.payments_taken() && model.order.approvals.is_empty() {
        Effect::DiscardDraft(model.order.clone())
    } else {
        Effect::SaveDraft(model.order.clone())
    }
}

/// While the order on screen is its only copy, leaving the till would lose it: the save is
/// tried again instead, and the cashier told why the till stays.
pub fn refuse_to_leave_unsaved(model: &mut Model) -> Option<Vec<Effect>> {
    let reason = model.unsaved.clone()?;
    model.error(format!(
        "Order not saved yet ({reason}) — trying again; it stays on screen until it is saved"
    ));
    Some(vec![save(model)])
}

fn selected_line(model: &mut Model) -> Option<usize> {
    if model.payments_taken() {
        model.error(LOCKED);
        return None;
    }
    match model.selected {
        Some(i) if i < model.cart().lines().len() => Some(i),
        _ => {
            model.error("No line selected: scan an item or choose one with ↑↓");
            None
        }
    }
}

fn remove_selected(model: &mut Model) -> Vec<Effect> {
    let Some(index) = selected_line(model) else {
        return Vec::new();
    };
    match model.order.cart.remove(index) {
        Ok(line) => {
            let len = model.cart().lines().len();
            model.selected = (len > 0).then(|| index.min(len - 1));
            model.info(format!("Removed {}", line.name));
            let mut effects = order_changed(model);
            // A line taken off is where money leaves a till unseen: the trail keeps it.
            let staff = model.signed_in().map(|s| s.id);
            let detail = format!(
                "{} × {} ({}), {}",
                line.qty,
                line.name,
                line.sku,
                line.gross()
            );
            effects.push(Effect::Audit(
                crate::domain::audit::AuditEntry::new(
                    model.now,
                    &model.till,
                    staff,
                    "remove line",
                    detail,
                )
                .order(&model.order.id),
            ));
            effects
        }
        Err(e) => {
            model.error(sentence(&e));
            Vec::new()
        }
    }
}

fn open_line_entry(model: &mut Model, kind: fn(usize) -> EntryKind) -> Vec<Effect> {
    if let Some(index) = selected_line(model) {
        model.overlays.push(Overlay::Entry(Entry {
            kind: kind(index),
            input: TextInput::new(16),
        }));
    }
    Vec::new()
}

fn open_discount(model: &mut Model) -> Vec<Effect> {
    if model.payments_taken() {
        model.error(LOCKED);
        return Vec::new();
    }
    if model.cart().is_empty() {
        model.error("Nothing to discount yet");
        return Vec::new();
    }
    let target = match model.selected {
        Some(i) if i < model.cart().lines().len() => DiscountTarget::Line(i),
        _ => DiscountTarget::Order,
    };
    model.overlays.push(Overlay::Entry(Entry {
        kind: EntryKind::Discount(target),
        input: TextInput::new(16),
    }));
    Vec::new()
}

pub fn search_key(model: &mut Model, command: Command) -> Vec<Effect> {
    let index = model.search_index.clone();
    let Some(Overlay::Search(search)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match command {
        Command::Type(c) => {
            let typed = search.query.push(c);
            if typed {
                search.refresh(&index);
            }
        }
        Command::Erase => {
            let erased = search.query.pop().is_some();
            if erased {
                search.refresh(&index);
            }
        }
        Command::ClearInput => {
            search.query.clear();
            search.refresh(&index);
        }
        Command::Up => search.selected = step(search.selected, search.results.len(), -1),
        Command::Down => search.selected = step(search.selected, search.results.len(), 1),
        Command::PageUp => search.selected = step(search.selected, search.results.len(), -10),
        Command::PageDown => search.selected = step(search.selected, search.results.len(), 10),
        Command::Close => {
            model.overlays.pop();
        }
        Command::Submit => {
            let Some(product) = search.selected_product() else {
                model.error("No product chosen");
                return Vec::new();
            };
            let catalog = model.catalog.clone();
            let product = &catalog.products()[product];
            let effects = add_product(model, product, 1);
            if !effects.is_empty() {
                model.overlays.pop();
            }
            return effects;
        }
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::parse_scan;

    #[test]
    fn scan_line_reads_quantity_star_code() {
        assert_eq!(parse_scan("SKU-1"), Ok((1, "SKU-1")));
        assert_eq!(parse_scan("3*SKU-1"), Ok((3, "SKU-1")));
        assert_eq!(parse_scan("3 * SKU-1"), Ok((3, "SKU-1")));
        for bad in ["0*X", "-1*X", "99999999*X", "99999999999999999999999*X"] {
            let e = parse_scan(bad).unwrap_err();
            assert!(e.contains("not possible"), "{bad}: {e}");
        }
        assert!(parse_scan("x*SKU").unwrap_err().contains("not a quantity"));
        assert!(parse_scan("3*").is_err());
    }
}
