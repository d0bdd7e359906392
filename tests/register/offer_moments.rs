//! Offers last as long as their moment: a customer's personal offers leave with the
//! customer, an item's offers with the item (giving their place in the order back); an
//! offer on screen can always be answered, even before the store has recorded it; and a
//! hold, a recall or a restart brings the offers back exactly.

use crate::register_support;

use std::sync::Arc;

use chrono::Duration;
use register_support::*;
use xsell::app::offers::Offers;
use xsell::app::overlay::Overlay;
use xsell::app::{Action, Key};
use xsell::domain::cart::LineOrigin;
use xsell::domain::money::Money;
use xsell::recommend::engine::{Kind, Recommendation, Source};
use xsell::timing::{Outcome, PromptSettings};

fn till() -> Till {
    till_with(PromptSettings {
        holdout_percent: 0,
        ..PromptSettings::default()
    })
}

fn till_with(settings: PromptSettings) -> Till {
    let mut till = Till::signed_in();
    let mut suggest = Offers::new(settings);
    suggest.engine = Some(Arc::new(offers_engine(till.model.catalog.clone())));
    till.model.offers = suggest;
    till
}

fn later(till: &mut Till, ms: i64) {
    till.now += Duration::milliseconds(ms);
    till.act(Action::Tick);
}

fn on_screen(till: &Till) -> Vec<String> {
    let mut skus: Vec<String> = till
        .model
        .offers
        .panel
        .visible()
        .map(|p| p.offer.sku.clone())
        .collect();
    skus.sort();
    skus
}

fn outcome(till: &Till, sku: &str) -> Option<Outcome> {
    till.backend
        .offers
        .iter()
        .rev()
        .find(|o| o.sku == sku)
        .and_then(|o| o.outcome)
}

#[test]
fn detaching_the_customer_takes_their_history_offers_off_the_screen() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    let items = on_screen(&till);
    assert_eq!(items.len(), 2);
    till.key(Key::F(2));
    till.type_text("jordan\n");
    // What the recommender draws from Jordan's purchases at that moment.
    let due = Recommendation {
        sku: "HP-1".into(),
        name: "Headphones".into(),
        price: Money::from_minor(24_900),
        kind: Kind::CrossSell,
        source: Source::History,
        score: 0.9,
        reason: "You bought Headphones 294 days ago; it usually lasts about 300 days".into(),
        script: "Time for new ones?".into(),
        replaces: None,
        price_difference: None,
        bundle_id: None,
        saving: None,
        rule_id: None,
        rule: "due:audio".into(),
    };
    let now = till.now;
    till.model
        .offers
        .panel
        .offer(xsell::timing::Trigger::Customer, vec![due], now);
    later(&mut till, 1_000);
    assert_eq!(on_screen(&till).len(), 3);

    till.key(Key::F(2));
    till.key(Key::Ctrl('d'));
    till.key(Key::Esc);
    assert!(till.model.order.customer.is_none());
    assert_eq!(
        on_screen(&till),
        items,
        "the next customer never sees the last one's purchases"
    );
    assert_eq!(outcome(&till, "HP-1"), Some(Outcome::Expired));
    assert_eq!(
        till.model.offers.panel.shown(),
        2,
        "a withdrawn offer gives its place in the order back"
    );
}

#[test]
fn removing_an_item_takes_off_the_offers_it_brought_and_frees_their_places() {
    let mut till = till_with(PromptSettings {
        holdout_percent: 0,
        per_order: 2,
        ..PromptSettings::default()
    });
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    let items = on_screen(&till);
    assert_eq!(items.len(), 2, "the order's two places are taken");
    till.key(Key::Delete);
    assert!(till.model.cart().is_empty());
    assert!(on_screen(&till).is_empty(), "{:?}", on_screen(&till));
    assert_eq!(outcome(&till, &items[0]), Some(Outcome::Expired));
    assert_eq!(till.model.offers.panel.shown(), 0);

    // Their places are free again: the laptop scanned again brings its offers back.
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    assert_eq!(on_screen(&till), items);
}

#[test]
fn an_offer_the_store_has_not_recorded_yet_can_be_answered_and_sold() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    till.backend.fail_with = Some("database is locked".into());
    later(&mut till, 1_000);
    till.backend.fail_with = None;
    assert!(till.backend.offers.is_empty(), "nothing recorded");
    assert_eq!(on_screen(&till).len(), 2);

    let first = till.model.offers.panel.visible().next().unwrap().clone();
    till.key(Key::Alt('1'));
    assert!(!till.is_error(), "{}", till.message());
    assert_eq!(
        till.model.cart().lines()[1].origin,
        LineOrigin::Suggestion(first.uid)
    );
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1, "{}", till.message());
    let recorded = till.backend.offers.iter().find(|o| o.uid == first.uid);
    assert_eq!(
        recorded.map(|o| o.outcome),
        Some(Some(Outcome::Accepted)),
        "recorded with the sale"
    );
}

/// The panel as a cashier sees and uses it: what is on screen and what was accepted.
fn panel_state(till: &Till) -> (Vec<String>, Vec<String>) {
    let taken = till
        .model
        .offers
        .panel
        .taken()
        .iter()
        .map(|p| p.offer.sku.clone())
        .collect();
    (on_screen(till), taken)
}

fn accept_first_and_settle(till: &mut Till) {
    till.scan(&barcode(LAPTOP));
    later(till, 1_000);
    till.key(Key::Alt('1'));
    later(till, 1_000);
}

fn pay_and_expect_the_feedback_question(till: &mut Till) {
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1, "{}", till.message());
    let Some(Overlay::Receipt(receipt)) = till.model.top() else {
        panic!("no receipt: {}", till.message());
    };
    assert!(
        receipt.feedback_for.is_some(),
        "an accepted offer brings the question"
    );
    till.key(Key::Alt('y'));
    assert_eq!(till.backend.feedback.len(), 1);
}

#[test]
fn hold_and_recall_bring_back_the_open_and_accepted_offers() {
    let mut till = till();
    accept_first_and_settle(&mut till);
    let before = panel_state(&till);
    assert_eq!(before.1.len(), 1);
    assert!(!before.0.is_empty());

    till.key(Key::F(4));
    assert!(till.model.cart().is_empty());
    assert!(on_screen(&till).is_empty(), "a new order starts bare");
    till.key(Key::F(4));
    till.key(Key::Enter);
    assert_eq!(panel_state(&till), before, "{}", till.message());
    pay_and_expect_the_feedback_question(&mut till);
}

#[test]
fn a_restart_brings_back_the_open_and_accepted_offers() {
    let mut till = till();
    accept_first_and_settle(&mut till);
    let before = panel_state(&till);

    let mut restarted = self::till();
    restarted.now = till.now;
    restarted.backend = std::mem::take(&mut till.backend);
    restarted.key(Key::F(10));
    restarted.sign_in(CASHIER_PIN);
    assert_eq!(panel_state(&restarted), before, "{}", restarted.message());
    pay_and_expect_the_feedback_question(&mut restarted);
}

/// An offer put off with "later" comes back by itself; the saved draft once kept it hidden,
/// so a restart would have brought back a panel other than the one on screen.
#[test]
fn an_offer_put_off_comes_back_and_the_saved_draft_follows() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    let put_off = till
        .model
        .offers
        .panel
        .visible()
        .next()
        .unwrap()
        .offer
        .sku
        .clone();
    till.key(Key::Alt('l'));
    assert!(!on_screen(&till).contains(&put_off));
    later(&mut till, 46_000);
    assert!(on_screen(&till).contains(&put_off), "back after 45 s");
    assert_eq!(
        till.backend.open_draft_of("Till 1"),
        Some(&till.model.order)
    );
}
