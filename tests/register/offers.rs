//! The suggestion panel inside the register, with a real recommender over a small shop and
//! the in-memory backend: what appears when, what the keys do to the order, and what is
//! recorded. The clock is the test's: nothing sleeps.

use crate::register_support;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{Duration, NaiveDateTime};
use register_support::*;
use xsell::app::offers::Offers;
use xsell::app::overlay::Overlay;
use xsell::app::{Action, Key};
use xsell::domain::cart::LineOrigin;
use xsell::domain::catalog::Catalog;
use xsell::domain::order::Feedback;
use xsell::domain::target::{Target, TimeWindow};
use xsell::recommend::baskets::Baskets;
use xsell::recommend::curated::Complement;
use xsell::recommend::engine::{Engine, EngineInput};
use xsell::recommend::model::Params;
use xsell::timing::{Outcome, PromptSettings};

fn shop() -> Catalog {
    let mut products = catalog().products().to_vec();
    let laptop = products.iter_mut().find(|p| p.sku == "LAP-15").unwrap();
    laptop.family = Some("UB15".into());
    laptop.tier = Some(1);
    let mut bigger = product("LAP-15-32", "UltraBook 15 (32GB)", 139_900, None, 3);
    bigger.category = "Laptops".into();
    bigger.family = Some("UB15".into());
    bigger.tier = Some(2);
    let mut sleeve = product("SLV-15", "Laptop sleeve 15\"", 2_900, None, 10);
    sleeve.category = "Bags".into();
    let mut wrap = product("WRAP", "Gift wrap", 500, None, 100);
    wrap.category = "Services".into();
    wrap.durable = false;
    products.extend([bigger, sleeve, wrap]);
    Catalog::new(products)
}

fn pairing(from: &str, to: &str, weight: f64, window: TimeWindow) -> Complement {
    Complement {
        from: Target::Sku(from.into()),
        to: Target::Sku(to.into()),
        reason: format!("{to} goes with {from}"),
        script: format!("Would you like {to} with it?"),
        weight,
        window,
    }
}

fn engine(catalog: Arc<Catalog>) -> Engine {
    let morning = TimeWindow {
        hours: Some((9, 12)),
        ..TimeWindow::default()
    };
    Engine::build(EngineInput {
        catalog,
        complements: vec![
            pairing("LAP-15", "SLV-15", 1.0, TimeWindow::default()),
            pairing("LAP-15", "MOU-1", 0.8, TimeWindow::default()),
            pairing("CAB-2", "WRAP", 1.0, morning),
        ],
        bundles: Vec::new(),
        rules: Vec::new(),
        baskets: Baskets::default(),
        trained: None,
        purchases: HashMap::new(),
        intervals: None,
        opted_out: HashSet::new(),
        params: Params::default(),
    })
}

fn till_with(settings: PromptSettings) -> Till {
    till_on(shop(), settings)
}

fn till_on(shop: Catalog, settings: PromptSettings) -> Till {
    let mut till = Till::signed_in();
    let catalog = Arc::new(shop);
    till.model.install(catalog.clone(), customers(), Vec::new());
    let mut suggest = Offers::new(settings);
    suggest.engine = Some(Arc::new(engine(catalog)));
    till.model.offers = suggest;
    till
}

fn till() -> Till {
    till_with(PromptSettings {
        holdout_percent: 0,
        ..PromptSettings::default()
    })
}

fn later(till: &mut Till, ms: i64) {
    till.now += Duration::milliseconds(ms);
    till.act(Action::Tick);
}

fn on_screen(till: &Till) -> Vec<String> {
    till.model
        .offers
        .panel
        .visible()
        .map(|p| p.offer.sku.clone())
        .collect()
}

fn recorded(till: &Till) -> Vec<(String, Option<Outcome>)> {
    till.backend
        .offers
        .iter()
        .map(|o| (o.sku.clone(), o.outcome))
        .collect()
}

fn origins(till: &Till) -> Vec<(String, LineOrigin)> {
    till.model
        .cart()
        .lines()
        .iter()
        .map(|l| (l.sku.clone(), l.origin))
        .collect()
}

/// The id of the `n`th offer of the order on screen.
fn offer(till: &Till, n: u32) -> LineOrigin {
    LineOrigin::Suggestion(xsell::domain::offer::offer_id(&till.model.order.id, n))
}

fn set_clock(till: &mut Till, at: NaiveDateTime) {
    till.now = at;
}

#[test]
fn a_laptop_brings_its_best_add_on_and_its_upgrade_once_the_scanner_pauses() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    assert!(on_screen(&till).is_empty(), "not under the cashier's hands");
    later(&mut till, 250);
    assert!(on_screen(&till).is_empty());
    later(&mut till, 500);
    // The next tier fits the cart (the step up costs less than the laptop): the moment gives
    // it one of its two places, after the best add-on, ahead of the mouse.
    assert_eq!(on_screen(&till), ["SLV-15", "LAP-15-32"]);
    assert_eq!(
        recorded(&till),
        [("SLV-15".into(), None), ("LAP-15-32".into(), None)]
    );
    assert!(till.backend.offers.iter().all(|o| o.trigger == "item"));
}

#[test]
fn accepting_adds_a_line_marked_with_its_offer_and_the_sale_settles_the_rest() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    till.key(Key::Alt('1'));
    assert_eq!(
        origins(&till),
        [
            ("LAP-15".into(), LineOrigin::Manual),
            ("SLV-15".into(), offer(&till, 1))
        ]
    );
    assert_eq!(till.backend.offers[0].outcome, Some(Outcome::Accepted));
    // Pay exactly in cash.
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1, "{}", till.message());
    assert_eq!(
        recorded(&till),
        [
            ("SLV-15".into(), Some(Outcome::Accepted)),
            ("LAP-15-32".into(), Some(Outcome::Ignored))
        ]
    );
    // The customer's answer, in one chord on the receipt screen.
    till.key(Key::Alt('y'));
    let order_id = till.backend.sales[0].order_id.clone();
    assert_eq!(till.backend.feedback, [(order_id, Feedback::Helpful)]);
    assert!(
        on_screen(&till).is_empty(),
        "a new order starts with an empty panel"
    );
}

#[test]
fn the_receipt_asked_about_an_offer_whose_line_was_taken_off_again() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    till.key(Key::Alt('1'));
    assert_eq!(origins(&till).len(), 2, "the sleeve is on the order");
    // The customer changes their mind: the sleeve's line goes (it is the one selected).
    till.key(Key::Delete);
    assert_eq!(origins(&till).len(), 1, "{}", till.message());
    till.key(Key::F(12));
    till.key(Key::Enter);
    assert_eq!(till.backend.sales.len(), 1, "{}", till.message());
    // The store records that offer as declined: no question about it, no answer counted.
    let Some(Overlay::Receipt(receipt)) = till.model.top() else {
        panic!("no receipt on screen: {}", till.message())
    };
    assert_eq!(receipt.feedback_for, None);
    till.key(Key::Alt('y'));
    assert!(till.backend.feedback.is_empty());
}

#[test]
fn a_declined_product_does_not_come_back_and_the_panel_cools_down() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    till.key(Key::Alt('n'));
    assert_eq!(on_screen(&till), ["LAP-15-32"]);
    assert_eq!(till.backend.offers[0].outcome, Some(Outcome::Dismissed));
    // Remove the laptop and scan it again: the sleeve is still declined.
    till.key(Key::Up);
    till.key(Key::Delete);
    till.scan(&barcode(LAPTOP));
    later(&mut till, 60_000);
    assert!(!on_screen(&till).contains(&"SLV-15".to_string()));
    assert_eq!(
        till.backend
            .offers
            .iter()
            .filter(|o| o.sku == "SLV-15")
            .count(),
        1
    );
}

#[test]
fn an_upgrade_takes_the_place_of_what_it_upgrades() {
    let mut till = till_with(PromptSettings {
        holdout_percent: 0,
        per_trigger: 3,
        ..PromptSettings::default()
    });
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    let upgrade = on_screen(&till)
        .iter()
        .position(|s| s == "LAP-15-32")
        .expect("the next tier is offered");
    till.key(Key::Alt(char::from(b'1' + upgrade as u8)));
    assert_eq!(
        origins(&till),
        [("LAP-15-32".into(), offer(&till, upgrade as u32 + 1))]
    );
    assert!(till.message().contains("Upgraded"), "{}", till.message());
}

#[test]
fn prompts_expire_after_their_lifetime() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    later(&mut till, 29_000);
    assert_eq!(on_screen(&till).len(), 2);
    later(&mut till, 1_000);
    assert!(on_screen(&till).is_empty());
    assert!(
        till.backend
            .offers
            .iter()
            .all(|o| o.outcome == Some(Outcome::Expired))
    );
}

#[test]
fn scanning_never_waits_for_the_panel() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    // Digits typed with offers on screen are a barcode, not an answer.
    till.scan(&barcode(HUB));
    assert_eq!(till.lines().len(), 2);
    assert_eq!(till.lines()[1].0, "HUB-7");
    assert_eq!(on_screen(&till), ["SLV-15", "LAP-15-32"]);
}

#[test]
fn an_offered_product_scanned_by_hand_counts_as_accepted() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    till.scan("SLV-15");
    assert_eq!(origins(&till)[1], ("SLV-15".into(), offer(&till, 1)));
    assert_eq!(till.backend.offers[0].outcome, Some(Outcome::Accepted));
}

#[test]
fn a_held_out_order_records_what_it_would_have_shown_and_shows_nothing() {
    let mut till = till_with(PromptSettings {
        holdout_percent: 100,
        ..PromptSettings::default()
    });
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    assert!(on_screen(&till).is_empty());
    assert!(till.model.order.holdout, "recorded on the order");
    assert_eq!(
        recorded(&till),
        [
            ("SLV-15".into(), Some(Outcome::HeldOut)),
            ("LAP-15-32".into(), Some(Outcome::HeldOut))
        ]
    );
    till.key(Key::Alt('1'));
    assert_eq!(till.lines().len(), 1, "nothing to accept");
}

#[test]
fn curated_time_windows_follow_the_clock_passed_in() {
    let mut till = till();
    set_clock(&mut till, at(10, 0));
    till.scan(&barcode(CABLE));
    later(&mut till, 1_000);
    assert_eq!(
        on_screen(&till),
        ["WRAP"],
        "gift wrap is offered in the morning"
    );

    let mut till = self::till();
    set_clock(&mut till, at(15, 0));
    till.scan(&barcode(CABLE));
    later(&mut till, 1_000);
    assert!(on_screen(&till).is_empty(), "not in the afternoon");
}

#[test]
fn the_tender_brings_one_last_offer_when_nothing_was_accepted() {
    let mut till = till_with(PromptSettings {
        holdout_percent: 0,
        per_trigger: 1,
        ..PromptSettings::default()
    });
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    assert_eq!(on_screen(&till), ["SLV-15"]);
    till.key(Key::F(12));
    later(&mut till, 1_000);
    assert_eq!(on_screen(&till), ["SLV-15", "MOU-1"]);
    assert_eq!(till.backend.offers[1].trigger, "tender");
    // Accepted from the payment window, before any payment: the amount due follows.
    till.key(Key::Alt('2'));
    let due = till.model.order.tender.as_ref().unwrap().due();
    assert_eq!(due, till.model.totals.total);
    assert_eq!(till.lines().len(), 2);
}

#[test]
fn a_product_looked_at_in_the_finder_rises_among_the_offers() {
    let mut till = till();
    till.key(Key::F(3));
    till.type_text("wireless mouse");
    till.key(Key::Esc);
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    assert_eq!(
        on_screen(&till),
        ["MOU-1", "LAP-15-32"],
        "without the look the sleeve comes first (and the mouse is not on screen)"
    );
}

/// The shop with a third tier of the laptop, a step above the 32GB one.
fn three_tiers() -> Catalog {
    let mut products = shop().products().to_vec();
    let mut biggest = product("LAP-15-64", "UltraBook 15 (64GB)", 149_900, None, 2);
    biggest.category = "Laptops".into();
    biggest.family = Some("UB15".into());
    biggest.tier = Some(3);
    products.push(biggest);
    Catalog::new(products)
}

#[test]
fn a_step_up_taken_is_not_followed_by_the_next_one_in_the_same_order() {
    let settings = PromptSettings {
        holdout_percent: 0,
        per_trigger: 3,
        ..PromptSettings::default()
    };
    // Scanned by hand, the 32GB laptop has its own step up.
    let mut by_hand = till_on(three_tiers(), settings.clone());
    by_hand.type_text("LAP-15-32");
    by_hand.key(Key::Enter);
    later(&mut by_hand, 1_000);
    assert!(
        on_screen(&by_hand).contains(&"LAP-15-64".to_string()),
        "{:?}",
        on_screen(&by_hand)
    );
    // Taken as the 16GB laptop's upgrade, it is not upsold again.
    let mut till = till_on(three_tiers(), settings);
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    let upgrade = on_screen(&till)
        .iter()
        .position(|s| s == "LAP-15-32")
        .expect("the next tier is offered");
    till.key(Key::Alt(char::from(b'1' + upgrade as u8)));
    assert_eq!(origins(&till)[0].0, "LAP-15-32");
    for _ in 0..3 {
        later(&mut till, 1_000);
        assert!(
            !on_screen(&till).contains(&"LAP-15-64".to_string()),
            "{:?}",
            on_screen(&till)
        );
    }
    till.scan(&barcode(HUB));
    later(&mut till, 1_000);
    assert!(
        !on_screen(&till).contains(&"LAP-15-64".to_string()),
        "{:?}",
        on_screen(&till)
    );
}
