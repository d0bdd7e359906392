//! The kiosk's basket screen: what its few keys do for a shopper. The register's own
//! handlers do the work (adding, removing, offers, paying); this module only decides what
//! a key means here, where Enter and Esc also stand for keys a shopper does not have:
//!
//! - Enter adds the code scanned or typed; a loyalty card attaches its customer; a name
//!   typed, or nothing, opens the finder (departments, or the name searched).
//! - Esc clears what is typed; with nothing typed it answers "no thanks" to the offer on
//!   screen, and with no offer it asks whether to empty the basket.
//! - ← and → take one of the chosen item away or add one more; one fewer than one removes it.
//! - F11 takes the offer on screen; at a kiosk there is only ever one (`ONE_OFFER`).

use crate::app::action::Effect;
use crate::app::keymap::Command;
use crate::app::model::Model;
use crate::app::overlay::Overlay;
use crate::app::register::{self, LOCKED, order_changed, sentence};
use crate::app::{kiosk_finder, kiosk_loyalty, offers, order_life};
use crate::domain::cart::MAX_LINE_QTY;
use crate::domain::catalog::Lookup;
use crate::domain::stock;

/// Offers on a kiosk's screen at once: a shopper answers one, then sees the next.
pub const ONE_OFFER: usize = 1;

/// Why a basket emptied by its shopper is voided (the record keeps it apart from staff voids).
pub const STARTED_OVER: &str = "shopper started over at the kiosk";

/// What Esc does now on the basket screen, for its hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    Clear,
    NoThanks,
    StartOver,
    Nothing,
}

pub fn escape(model: &Model) -> Escape {
    if !model.input.is_empty() {
        Escape::Clear
    } else if model.offers.panel.visible().next().is_some() {
        Escape::NoThanks
    } else if !model.cart().is_empty() {
        Escape::StartOver
    } else {
        Escape::Nothing
    }
}

pub fn main_key(model: &mut Model, command: Command) -> Vec<Effect> {
    match command {
        Command::Submit => enter(model),
        Command::ClearInput => match escape(model) {
            Escape::Clear => {
                model.input.clear();
                Vec::new()
            }
            Escape::NoThanks => answer_offer(model, Command::DeclineOffer),
            Escape::StartOver => {
                model.overlays.push(Overlay::StartOver);
                Vec::new()
            }
            Escape::Nothing => Vec::new(),
        },
        Command::More => change_quantity(model, 1),
        Command::Less => change_quantity(model, -1),
        Command::AcceptOffer => answer_offer(model, Command::AcceptOffer),
        Command::Search => kiosk_finder::open(model),
        _ => register::main_key(model, command),
    }
}

/// Whether Enter now opens the finder (nothing typed, or a name) rather than add a code.
pub fn enter_finds(model: &Model) -> bool {
    let typed = model.input.text().trim();
    if typed.is_empty() {
        return true;
    }
    let code = typed.rsplit('*').next().unwrap_or(typed).trim();
    matches!(model.catalog.lookup(code), Lookup::Unknown)
        && kiosk_loyalty::card(&model.customers, typed).is_none()
        && typed.chars().any(char::is_alphabetic)
        && !typed.contains('*')
}

/// Enter on the scan line: a product's code, a loyalty card, a name, or nothing.
fn enter(model: &mut Model) -> Vec<Effect> {
    let typed = model.input.text().trim().to_string();
    if typed.is_empty() {
        return kiosk_finder::open(model);
    }
    let catalog = model.catalog.clone();
    let code = typed.rsplit('*').next().unwrap_or(&typed).trim();
    if !matches!(catalog.lookup(code), Lookup::Unknown) {
        return register::main_key(model, Command::Submit);
    }
    if let Some(customer) = kiosk_loyalty::card(&model.customers, &typed).cloned() {
        model.input.clear();
        return kiosk_loyalty::welcome(model, customer);
    }
    if typed.chars().any(char::is_alphabetic) && !typed.contains('*') {
        // A shopper typing a name: the finder searches it.
        return kiosk_finder::open(model);
    }
    model.input.clear();
    model.error(format!(
        "We do not know the code {typed}: scan it again, or press Enter to find it by name"
    ));
    Vec::new()
}

/// The one offer on screen: taken, or declined with "no thanks".
fn answer_offer(model: &mut Model, command: Command) -> Vec<Effect> {
    model.offers.selected = 0;
    let effects = offers::key(model, command);
    if command == Command::DeclineOffer && !effects.is_empty() {
        model.info("No problem: we will not offer it again");
    }
    effects
}

/// One more or one fewer of the chosen item; one fewer than one takes it off the basket.
fn change_quantity(model: &mut Model, delta: i64) -> Vec<Effect> {
    if model.payments_taken() {
        model.error(LOCKED);
        return Vec::new();
    }
    let Some(index) = model.selected.filter(|&i| i < model.cart().lines().len()) else {
        model.error("Choose an item with ↑↓ first");
        return Vec::new();
    };
    let line = &model.cart().lines()[index];
    let qty = line.qty + delta;
    if qty < 1 {
        return register::main_key(model, Command::RemoveLine);
    }
    if qty > MAX_LINE_QTY {
        model.error(format!("At most {MAX_LINE_QTY} of one item"));
        return Vec::new();
    }
    if let Err(e) = model.order.cart.set_qty(index, qty) {
        model.error(sentence(&e));
        return Vec::new();
    }
    let line = &model.cart().lines()[index];
    let said = format!("{} × {}", qty, line.name);
    let short = model
        .catalog
        .by_sku(&line.sku)
        .and_then(|p| stock::shortfall(p, model.cart().qty_of(&p.sku)));
    match short {
        Some(short) => model.warn(format!("{said} — {short}: please ask at the counter")),
        None => model.success(said),
    }
    order_changed(model)
}

/// The "start over?" question: Enter empties the basket (the order is voided, its offers
/// closed with it), Esc keeps it.
pub fn start_over_key(model: &mut Model, command: Command) -> Vec<Effect> {
    match command {
        Command::Submit => {
            model.overlays.pop();
            if model.cart().is_empty() && model.customer.is_none() {
                return Vec::new();
            }
            order_life::void(model, STARTED_OVER.into(), None)
        }
        Command::Close => {
            model.overlays.pop();
            Vec::new()
        }
        _ => Vec::new(),
    }
}
