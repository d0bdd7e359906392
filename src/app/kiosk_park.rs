//! "Pay at the counter": a kiosk's second way to pay. The order is parked in the store
//! under a four-digit number (`domain::park`), shown big to the shopper and printed on a
//! slip when there is a printer; any staffed till types that number and F4 to take the
//! order, with its lines and the offers answered at the kiosk, and takes the payment as
//! for any order of its own: one sale.

use crate::app::action::Effect;
use crate::app::backend::BackendResult;
use crate::app::keymap::Command;
use crate::app::model::{Busy, Mode, Model};
use crate::app::order_life::start_new_order;
use crate::app::overlay::Overlay;
use crate::domain::money::Money;
use crate::domain::park;

/// What the shopper takes to the counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkSlip {
    pub number: u32,
    pub items: i64,
    pub total: Money,
}

/// The kiosk's payment choices (card, or the counter): arrows choose, Enter on the
/// counter parks. None for the keys the card payment handles itself.
pub fn tender_key(model: &mut Model, command: Command) -> Option<Vec<Effect>> {
    let Some(Overlay::Tender(tender)) = model.overlays.last_mut() else {
        return None;
    };
    match command {
        Command::Up | Command::Down | Command::NextField => {
            tender.at_counter = !tender.at_counter;
            Some(Vec::new())
        }
        Command::Submit if tender.at_counter => Some(park(model)),
        _ => None,
    }
}

/// Sends the kiosk's order to the counter.
pub fn park(model: &mut Model) -> Vec<Effect> {
    if model.mode != Mode::Kiosk || model.busy.is_some() {
        return Vec::new();
    }
    if model.cart().is_empty() {
        model.error("Nothing to pay: scan an item first");
        return Vec::new();
    }
    if crate::app::store_health::refuse_payment(model) {
        return Vec::new();
    }
    model.busy = Some(Busy::Parking);
    model.info("Sending your order to the counter…");
    vec![Effect::Park {
        draft: model.order.clone(),
        at: model.now,
    }]
}

/// The store's answer: the number for the counter, or why the basket is still here.
pub fn parked(model: &mut Model, result: BackendResult<u32>) -> Vec<Effect> {
    if model.busy != Some(Busy::Parking) {
        return Vec::new();
    }
    model.busy = None;
    let number = match result {
        Ok(number) => number,
        Err(e) => {
            model.error(format!(
                "Your order could not be sent to the counter ({e}). Your basket is kept: pay by card, or ask a member of staff"
            ));
            return Vec::new();
        }
    };
    let slip = ParkSlip {
        number,
        items: model.cart().item_count(),
        total: model.totals.total,
    };
    let mut effects = Vec::new();
    if model.printer {
        effects.push(Effect::PrintEscPos {
            bytes: park::slip_escpos(&model.settings.shop_name, number, slip.items, slip.total),
        });
    }
    start_new_order(model);
    model.overlays.clear();
    model.overlays.push(Overlay::Parked(slip));
    model.success(format!(
        "Your order is waiting at the counter: give the number {number} and pay there"
    ));
    effects
}

/// The slip on screen: Enter or Esc puts it away (a scan starts the next basket).
pub fn slip_key(model: &mut Model, command: Command) -> Vec<Effect> {
    if command == Command::Close && matches!(model.top(), Some(Overlay::Parked(_))) {
        model.overlays.pop();
    }
    Vec::new()
}

/// F4 at a staffed till with a counter number on the scan line: take that order. None
/// when the line holds no such number (F4 then holds or lists as before).
pub fn recall_typed(model: &mut Model) -> Option<Vec<Effect>> {
    if model.mode == Mode::Kiosk {
        return None;
    }
    let number = park::parse(model.input.text())?;
    if !model.cart().is_empty() {
        model.error(format!(
            "Finish or hold the order on screen first, then recall order {number}"
        ));
        return Some(Vec::new());
    }
    model.input.clear();
    model.busy = Some(Busy::Recalling);
    model.info(format!("Fetching order {number}…"));
    Some(vec![Effect::RecallParked {
        number,
        till: model.till.clone(),
        staff_id: model.signed_in().map(|s| s.id),
    }])
}
