//! `update`: the one place where the model changes. A key goes to the topmost layer (the
//! sign-in screen, an overlay, or the main screen); results of effects come back here too.

use chrono::NaiveDateTime;

use crate::app::action::{Action, Effect};
use crate::app::ids::IdSource;
use crate::app::key::Key;
use crate::app::keymap::{Command, Context};
use crate::app::model::Model;
use crate::app::overlay::Overlay;
use crate::app::{
    customer, edit, idle, offers, order_life, payment, pins, register, returns, session, unsent,
};

/// Applies one action at time `now` and returns what the world must do next. New ids come
/// from `ids` only, so the same actions from the same source give the same model.
pub fn update(
    model: &mut Model,
    action: Action,
    now: NaiveDateTime,
    ids: &mut dyn IdSource,
) -> Vec<Effect> {
    if let Action::PinGuardsRead(guards) = action {
        // A fact from the store for the PIN about to be judged: nothing on screen changes,
        // so the panel is not told of it.
        model.pin_guards = guards;
        return Vec::new();
    }
    model.now = now;
    if matches!(action, Action::Key(_))
        && model.mode == crate::app::model::Mode::Kiosk
        && idle::key(model)
    {
        return Vec::new();
    }
    crate::app::store_health::observe(model, &action);
    if model.next_order_id.is_none() {
        model.next_order_id = Some(ids.order_id());
    }
    let before = offers::before(model);
    let practice = crate::app::training_session::before(model);
    let key = matches!(action, Action::Key(_));
    let recheck = unsent::observe(model, &action);
    let mut effects = handle(model, action, now);
    effects.extend(recheck);
    effects.extend(offers::observe(model, &before, key, now));
    effects.extend(crate::app::training_session::observe(model, &practice));
    offers::stamp(model, &mut effects);
    effects
}

fn handle(model: &mut Model, action: Action, now: NaiveDateTime) -> Vec<Effect> {
    match action {
        Action::Key(key) => on_key(model, key),
        Action::Tick => {
            let mut effects = offers::tick(model, now);
            effects.extend(idle::tick(model));
            effects
        }
        Action::CatalogLoaded(loaded) => {
            model.install(loaded.catalog, loaded.customers, loaded.bundles);
            Vec::new()
        }
        Action::EngineReady(result) => offers::engine_ready(model, result, now),
        Action::PinGuardsRead(guards) => {
            model.pin_guards = guards;
            Vec::new()
        }
        Action::OpenKiosk(staff) => session::start_kiosk(model, staff),
        Action::CardCharged(result) => payment::card_charged(model, result),
        Action::Parked(result) => crate::app::kiosk_park::parked(model, result),
        Action::UnsentRead(result) => {
            unsent::read(model, result);
            Vec::new()
        }
        Action::OfferRecorded(result) => {
            if let Err(e) = result {
                // The offer stays answerable: its id is the register's own, and the order's
                // saved memory of offers lets the sale record it.
                model.error(format!("Offer not recorded yet: {e}"));
            }
            Vec::new()
        }
        Action::OfferAnswered(result) => {
            if let Err(e) = result {
                model.error(format!("Answer to the offer not recorded: {e}"));
            }
            Vec::new()
        }
        Action::PurchasesLoaded { code, result } => {
            offers::purchases_loaded(model, &code, result, now)
        }
        Action::FeedbackRecorded(result) => {
            match result {
                Ok(()) => model.success("Thank you — the customer's answer is noted"),
                Err(e) => model.error(format!("Answer not recorded: {e}")),
            }
            Vec::new()
        }
        Action::DraftOpened(result) => order_life::draft_opened(model, result),
        Action::DraftSaved(result) => {
            match result {
                Err(e) => {
                    model.error(format!("Order not saved: {e}. It is still on screen."));
                    model.unsaved = Some(e.to_string());
                }
                Ok(()) => {
                    if model.unsaved.take().is_some() {
                        model.success("Order saved");
                    }
                }
            }
            Vec::new()
        }
        Action::DraftLeft(result) => {
            if let Err(e) = result {
                model.error(format!("The empty order left behind was not closed: {e}"));
            }
            Vec::new()
        }
        Action::Held(result) => order_life::held(model, result),
        Action::HeldListed(result) => order_life::held_listed(model, result),
        Action::Recalled(result) => {
            let effects = order_life::recalled(model, result);
            crate::app::age_check::arrived_at_the_counter(model);
            effects
        }
        Action::Voided(result) => {
            let effects = order_life::voided(model, result);
            idle::voided(model);
            effects
        }
        Action::SaleCompleted(result) => payment::sale_completed(model, result),
        Action::SummaryLoaded { code, result } => customer::summary_loaded(model, &code, result),
        Action::CustomerCreated(result) => customer::created(model, result),
        Action::ReceiptFound(result) => returns::receipt_found(model, result),
        Action::Refunded(result) => returns::refunded(model, result),
        Action::ReceiptWritten(result) => {
            if let Err(e) = result {
                model.error(format!("Receipt file not written: {e}"));
            }
            Vec::new()
        }
        Action::ReportLoaded(result) => crate::app::reports::loaded(model, result),
        Action::AuditLoaded(result) => crate::app::audit::loaded(model, result),
        Action::TrainingLoaded(result) => crate::app::training_progress::loaded(model, result),
        Action::TrainingRecorded(result) => crate::app::training_progress::recorded(model, result),
        Action::DayLoaded(result) => crate::app::day::loaded(model, result),
        Action::DayClosed(result) => crate::app::day::closed(model, result),
        Action::PinRecorded {
            subject,
            ok,
            result,
        } => pins::recorded(model, subject, ok, result),
        Action::Audited(result) => {
            if let Err(e) = result {
                model.error(format!("Audit trail not written: {e}"));
            }
            Vec::new()
        }
        Action::Printed(result) => {
            if let Err(e) = result {
                model.error(format!("Printer: {e}"));
            }
            Vec::new()
        }
    }
}

fn on_key(model: &mut Model, key: Key) -> Vec<Effect> {
    let context = model.context();
    let command = context.resolve(key);
    // Ctrl+Q is the till's way out on its order screen: an overlay that only shows things
    // (a receipt, help) closes on it instead of answering nothing. Not at the kiosk, where
    // Ctrl+Q is the staff's door and a shopper's screen must close only as it says.
    let way_out = key == Key::Ctrl('q') && model.mode != crate::app::model::Mode::Kiosk;
    if command.is_none()
        && (matches!(key, Key::Char(_)) || way_out)
        && model.top().is_some_and(Overlay::passes_scans)
    {
        model.overlays.pop();
        return on_key(model, key);
    }
    let Some(command) = command else {
        return Vec::new();
    };
    match context {
        Context::SignIn => session::sign_in_key(model, command),
        Context::Main => register::main_key(model, command),
        Context::KioskMain => crate::app::kiosk_basket::main_key(model, command),
        Context::KioskFinder => crate::app::kiosk_finder::key(model, command),
        Context::KioskStartOver => crate::app::kiosk_basket::start_over_key(model, command),
        Context::Help => {
            if command == Command::Close {
                model.overlays.pop();
            }
            Vec::new()
        }
        Context::Search => register::search_key(model, command),
        Context::CustomerFind | Context::CustomerNew => customer::key(model, command),
        Context::Tender | Context::KioskTender => payment::key(model, command),
        Context::AgeCheck => crate::app::age_check::key(model, command),
        Context::Parked => crate::app::kiosk_park::slip_key(model, command),
        Context::Entry | Context::DiscountEntry => edit::entry_key(model, command),
        Context::Approve => edit::approve_key(model, command),
        Context::Void | Context::Held => order_life::key(model, command),
        Context::ReturnsLookup | Context::ReturnsLines => returns::key(model, command),
        Context::Receipt => payment::receipt_key(model, command),
        Context::Reports => crate::app::reports::key(model, command),
        Context::Audit => crate::app::audit::key(model, command),
        Context::Training => crate::app::training_progress::key(model, command),
        Context::Day | Context::DayCount => crate::app::day::key(model, command),
    }
}

/// Moves a selection in a list of `len` items, staying inside it.
pub(crate) fn step(selected: usize, len: usize, delta: isize) -> usize {
    if len == 0 {
        return 0;
    }
    selected.saturating_add_signed(delta).min(len - 1)
}
