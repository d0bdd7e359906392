//! Taking payment and completing the sale. Cash (change shown big), card (a reference from
//! the card terminal), split across tenders. The sale completes only when fully paid, and
//! is committed through the backend before the screen says it is done; while the commit is
//! in flight no key can start it again.
//!
//! A kiosk takes no cash and nothing typed: Enter asks the card terminal for the whole
//! amount (`Effect::ChargeCard`); an approval pays and completes the sale, a decline
//! returns the shopper to the basket, kept, with the reason.

use crate::app::action::Effect;
use crate::app::backend::BackendResult;
use crate::app::keymap::Command;
use crate::app::model::{Busy, Mode, Model};
use crate::app::order_life::start_new_order;
use crate::app::overlay::{Overlay, ReceiptOverlay, TenderField, TenderOverlay};
use crate::app::register::order_changed;
use crate::domain::cart::LineOrigin;
use crate::domain::money::Money;
use crate::domain::order::{Committed, Feedback};
use crate::domain::receipt::Receipt;
use crate::domain::tender::{TenderKind, Tendering};

/// More change than this means a mistyped amount (or a barcode in the cash field), not a
/// customer with big notes.
const MAX_CHANGE: Money = Money::from_minor(100_000);

pub fn open(model: &mut Model) -> Vec<Effect> {
    if model.cart().is_empty() {
        model.error("Nothing to pay: scan an item first");
        return Vec::new();
    }
    if crate::app::store_health::refuse_payment(model) {
        return Vec::new();
    }
    if crate::app::age_check::before_paying(model) {
        return Vec::new();
    }
    let total = model.totals.total;
    let stale = model
        .order
        .tender
        .as_ref()
        .is_none_or(|t| t.payments().is_empty() && t.due() != total);
    if stale {
        model.order.tender = Some(Tendering::new(total));
    }
    let mut overlay = TenderOverlay::new();
    if model.mode == Mode::Kiosk {
        overlay.kind = TenderKind::Card;
    }
    model.overlays.push(Overlay::Tender(overlay));
    // A fully discounted order has nothing to take.
    if model
        .order
        .tender
        .as_ref()
        .is_some_and(Tendering::is_settled)
    {
        return complete(model);
    }
    Vec::new()
}

fn tender_mut(model: &mut Model) -> Option<&mut TenderOverlay> {
    match model.overlays.last_mut() {
        Some(Overlay::Tender(t)) => Some(t),
        _ => None,
    }
}

pub fn key(model: &mut Model, command: Command) -> Vec<Effect> {
    if matches!(
        command,
        Command::AcceptOffer | Command::AcceptNth(_) | Command::DeclineOffer
    ) {
        return crate::app::offers::key(model, command);
    }
    if model.mode == Mode::Kiosk {
        return kiosk_key(model, command);
    }
    let completing = model.busy == Some(Busy::Completing);
    let Some(tender) = tender_mut(model) else {
        return Vec::new();
    };
    match command {
        Command::Type(c) => match tender.field {
            // Whatever is typed shows, and Enter refuses what is not an amount: a letter
            // dropped silently once turned "2o" into $2.00.
            TenderField::Amount => {
                tender.amount.push(c);
            }
            TenderField::Reference if c.is_ascii_alphanumeric() || c == '-' => {
                tender.reference.push(c);
            }
            _ => {}
        },
        Command::Erase => {
            match tender.field {
                TenderField::Amount => tender.amount.pop(),
                TenderField::Reference => tender.reference.pop(),
            };
        }
        Command::NextField => {
            tender.kind = match tender.kind {
                TenderKind::Cash => TenderKind::Card,
                TenderKind::Card => TenderKind::Cash,
            };
            tender.field = TenderField::Amount;
            tender.reference.clear();
        }
        Command::Close if completing => {}
        Command::Close => {
            if tender.field == TenderField::Reference {
                tender.field = TenderField::Amount;
            } else {
                model.overlays.pop();
            }
        }
        Command::Submit if completing => {}
        Command::Submit => return submit(model),
        _ => {}
    }
    Vec::new()
}

/// The kiosk's payment: Enter charges the card for what is due, Esc goes back to the
/// basket; nothing can be typed and there is no cash. While the terminal is charging,
/// no key does anything (the terminal's own timeout applies).
fn kiosk_key(model: &mut Model, command: Command) -> Vec<Effect> {
    if model.busy.is_some() {
        return Vec::new();
    }
    if let Some(effects) = crate::app::kiosk_park::tender_key(model, command) {
        return effects;
    }
    let Some(tendering) = model.order.tender.clone() else {
        return Vec::new();
    };
    match command {
        Command::Close => {
            model.overlays.pop();
            Vec::new()
        }
        Command::Submit if tendering.is_settled() => complete(model),
        Command::Submit => {
            model.busy = Some(Busy::Charging);
            model.info("Follow the instructions on the card terminal…");
            vec![Effect::ChargeCard {
                order_id: model.order.id.clone(),
                amount: tendering.remaining(),
            }]
        }
        _ => Vec::new(),
    }
}

/// The card terminal's answer for a kiosk's charge.
pub fn card_charged(model: &mut Model, result: Result<String, String>) -> Vec<Effect> {
    if model.busy != Some(Busy::Charging) {
        return Vec::new();
    }
    model.busy = None;
    let Some(tendering) = model.order.tender.clone() else {
        return Vec::new();
    };
    match result {
        Ok(reference) => {
            let mut next = tendering.clone();
            let charged = tendering.remaining();
            if let Err(e) = next.pay_card(None, reference) {
                model.error(crate::app::register::sentence(&e));
                return Vec::new();
            }
            model.order.tender = Some(next);
            model.success(format!("Card approved: {charged} paid"));
            let mut effects = order_changed(model);
            effects.extend(complete(model));
            effects
        }
        Err(reason) => {
            if matches!(model.overlays.last(), Some(Overlay::Tender(_))) {
                model.overlays.pop();
            }
            model.error(format!(
                "Card declined ({reason}). Your basket is kept: try again, or ask at the counter"
            ));
            Vec::new()
        }
    }
}

fn submit(model: &mut Model) -> Vec<Effect> {
    let Some(tendering) = model.order.tender.clone() else {
        return Vec::new();
    };
    if tendering.is_settled() {
        // Paid, but the commit failed before: Enter tries again.
        return complete(model);
    }
    let card_in_training = match tender_mut(model) {
        Some(o) if o.kind == TenderKind::Card && o.field == TenderField::Amount => {
            crate::app::training_mode::card_answer(model)
        }
        _ => None,
    };
    let Some(overlay) = tender_mut(model) else {
        return Vec::new();
    };
    let amount_text = overlay.amount.text().trim().to_string();
    let amount = if amount_text.is_empty() {
        None
    } else {
        match Money::parse(&amount_text) {
            Ok(a) => Some(a),
            Err(e) => {
                // The text stays, so that a second Enter refuses it again instead of taking
                // the exact amount.
                let why = match e {
                    crate::domain::money::MoneyError::Malformed(text) => {
                        format!("'{text}' is not an amount")
                    }
                    other => crate::app::register::sentence(&other),
                };
                model.error(format!("{why} — nothing taken"));
                return Vec::new();
            }
        }
    };
    if overlay.kind == TenderKind::Cash
        && let Some(given) = amount
        && given - tendering.remaining() > MAX_CHANGE
    {
        model.error(format!(
            "{given} for {} due? Check the amount given",
            tendering.remaining()
        ));
        return Vec::new();
    }
    let mut next = tendering.clone();
    let result = match (overlay.kind, overlay.field) {
        (TenderKind::Cash, _) => {
            // Nothing typed means the exact amount.
            let given = amount.unwrap_or(tendering.remaining());
            next.pay_cash(given)
                .map(|change| format!("Cash {given} taken, change {change}"))
        }
        (TenderKind::Card, TenderField::Amount) if card_in_training.is_some() => {
            let charged = amount.unwrap_or(tendering.remaining());
            match card_in_training.expect("checked") {
                Ok(reference) => next
                    .pay_card(amount, reference)
                    .map(|()| format!("Card {charged} approved (simulated: training)")),
                Err(why) => {
                    model.error(format!(
                        "Card declined ({why}). Training: ask for another card, or cash"
                    ));
                    return Vec::new();
                }
            }
        }
        (TenderKind::Card, TenderField::Amount) => {
            // Check the amount now, before asking for the card terminal's reference.
            match next.pay_card(amount, "check".into()) {
                Ok(()) => {
                    overlay.field = TenderField::Reference;
                    return Vec::new();
                }
                Err(e) => Err(e),
            }
        }
        (TenderKind::Card, TenderField::Reference) => {
            let reference = overlay.reference.text().trim().to_string();
            if reference.is_empty() {
                model.error("Type the reference the card terminal printed");
                return Vec::new();
            }
            let charged = amount.unwrap_or(tendering.remaining());
            next.pay_card(amount, reference)
                .map(|()| format!("Card {charged} taken"))
        }
    };
    match result {
        Ok(note) => {
            overlay.amount.clear();
            overlay.reference.clear();
            overlay.field = TenderField::Amount;
            model.order.tender = Some(next);
            model.success(note);
            let mut effects = order_changed(model);
            if model
                .order
                .tender
                .as_ref()
                .is_some_and(Tendering::is_settled)
            {
                effects.extend(complete(model));
            }
            effects
        }
        Err(e) => {
            if let Some(overlay) = tender_mut(model) {
                overlay.field = TenderField::Amount;
            }
            model.error(crate::app::register::sentence(&e));
            Vec::new()
        }
    }
}

fn complete(model: &mut Model) -> Vec<Effect> {
    if model.busy.is_some() {
        return Vec::new();
    }
    model.busy = Some(Busy::Completing);
    model.info("Completing the sale…");
    vec![Effect::CompleteSale {
        draft: model.order.clone(),
        totals: model.totals.clone(),
        at: model.now,
    }]
}

pub fn sale_completed(model: &mut Model, result: BackendResult<Committed>) -> Vec<Effect> {
    if model.busy != Some(Busy::Completing) {
        return Vec::new();
    }
    model.busy = None;
    let committed = match result {
        Ok(c) => c,
        Err(e) => {
            model.error(crate::app::store_health::sale_failure(&e));
            return Vec::new();
        }
    };
    let staff = model
        .signed_in()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let payments = model
        .order
        .tender
        .as_ref()
        .map(|t| t.payments().to_vec())
        .unwrap_or_default();
    let bundles = crate::domain::bundle::applied(&model.order.cart, &model.bundles);
    let number =
        crate::app::training_mode::receipt_name(model, &committed.receipt_no, &committed.order_id);
    let receipt = Receipt {
        shop: &model.settings,
        till: &model.till,
        staff: &staff,
        number: &number,
        at: model.now,
        lines: model.order.cart.lines(),
        totals: &model.totals,
        payments: &payments,
        bundles: &bundles,
        refund_of: None,
        copy: false,
    };
    let text = crate::app::training_mode::mark_receipt(model, receipt.render());
    let mut effects = vec![Effect::WriteReceipt {
        number: number.clone(),
        text: text.clone(),
    }];
    if crate::app::training_mode::prints(model) {
        effects.push(Effect::PrintEscPos {
            bytes: receipt.escpos(),
        });
    }
    effects.extend(crate::app::training_session::paid(model));
    let change = model
        .order
        .tender
        .as_ref()
        .map_or(Money::ZERO, Tendering::change);
    let total = model.totals.total;
    // Asked only when the sale holds a line from an offer: an accepted offer whose line was
    // taken off again was declined after all (the store records it so), and an answer about
    // it would count in the feedback rate.
    let from_offer = model
        .cart()
        .lines()
        .iter()
        .any(|l| matches!(l.origin, LineOrigin::Suggestion(_)));
    // A shopper at a kiosk is not asked about the offers: that question is the counter's.
    let feedback_for =
        (from_offer && model.mode != Mode::Kiosk).then(|| committed.order_id.clone());
    start_new_order(model);
    model.overlays.clear();
    model.overlays.push(Overlay::Receipt(ReceiptOverlay {
        feedback_for,
        number: number.clone(),
        text,
        total,
        change,
        refund: false,
        scroll: 0,
        payments,
    }));
    if model.mode == Mode::Kiosk {
        model.success(format!("Paid, thank you! Your receipt is {number}"));
    } else {
        model.success(format!("Sale {number} complete"));
    }
    effects
}

pub fn receipt_key(model: &mut Model, command: Command) -> Vec<Effect> {
    let Some(Overlay::Receipt(receipt)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match command {
        Command::Up => receipt.scroll = receipt.scroll.saturating_sub(1),
        Command::Down => {
            let lines = receipt.text.lines().count() as u16;
            receipt.scroll = (receipt.scroll + 1).min(lines.saturating_sub(1));
        }
        Command::Close => {
            model.overlays.pop();
        }
        Command::Helpful | Command::NotHelpful | Command::SkipFeedback => {
            let Some(order_id) = receipt.feedback_for.take() else {
                return Vec::new();
            };
            let feedback = match command {
                Command::Helpful => Feedback::Helpful,
                Command::NotHelpful => Feedback::NotHelpful,
                _ => Feedback::Skipped,
            };
            return vec![Effect::RecordFeedback { order_id, feedback }];
        }
        _ => {}
    }
    Vec::new()
}
