//! A kiosk's own desk: it starts over when left alone (a countdown any key dismisses, then
//! the basket voided as abandoned), it parks an order for the counter under a number that
//! a staffed till recalls, it pauses for staff on an age-restricted item, and PINs typed
//! at it lock only the kiosk.

use std::sync::Arc;

use chrono::TimeDelta;

use crate::register_support;

use register_support::*;
use xsell::app::Key;
use xsell::app::backend::SalesPort;
use xsell::app::idle::{self, Idle};
use xsell::app::model::Busy;
use xsell::app::overlay::Overlay;
use xsell::domain::catalog::Catalog;
use xsell::domain::lockout::PinSubject;
use xsell::domain::people::{Role, Staff};
use xsell::domain::tender::TenderKind;
use xsell::runtime::TillMode;
use xsell::timing::KioskSettings;

pub(crate) const DRINK: &str = "NRG-1";

fn kiosk_staff() -> Staff {
    Staff {
        id: 99,
        code: "KIOSK".into(),
        name: "Self-service".into(),
        role: Role::SelfService,
    }
}

/// The fixture shop with an energy drink sold only to adults.
pub(crate) fn catalog_with_a_drink() -> Catalog {
    let mut products = catalog().products().to_vec();
    let mut drink = product(DRINK, "Energy drink 500 ml", 299, None, 40);
    drink.age_restricted = true;
    drink.category = "Drinks".into();
    products.push(drink);
    Catalog::new(products)
}

/// A kiosk over that shop, waiting `idle` seconds then counting down `warning`.
pub(crate) fn kiosk(idle: u32, warning: u32) -> Till {
    Till::new_with(|spec, _| {
        spec.catalog = Arc::new(catalog_with_a_drink());
        spec.mode = TillMode::Kiosk(kiosk_staff());
        spec.kiosk = KioskSettings {
            idle_secs: idle,
            warning_secs: warning,
        };
    })
}

fn later(till: &mut Till, secs: i64) {
    till.now += TimeDelta::seconds(secs);
    till.act(xsell::app::Action::Tick);
}

#[test]
fn a_kiosk_left_alone_warns_then_voids_the_basket_as_abandoned() {
    let mut till = kiosk(60, 10);
    till.scan("HUB-7");
    later(&mut till, 59);
    assert_eq!(idle::state(&till.model), Idle::Active);
    later(&mut till, 1);
    assert_eq!(idle::state(&till.model), Idle::Warning { secs_left: 10 });
    later(&mut till, 9);
    assert_eq!(idle::state(&till.model), Idle::Warning { secs_left: 1 });
    assert!(till.backend.voids.is_empty());
    later(&mut till, 1);
    assert_eq!(till.backend.voids.len(), 1, "{}", till.message());
    assert!(
        till.backend.voids[0].1.contains("abandoned"),
        "{:?}",
        till.backend.voids
    );
    assert!(till.lines().is_empty());
    assert!(till.model.overlays.is_empty());
    assert!(till.model.customer.is_none());
    assert!(
        till.message().contains("Scan an item to start"),
        "{}",
        till.message()
    );
    assert_eq!(idle::state(&till.model), Idle::Active);
    // The next shopper starts on a fresh order.
    till.scan("CAB-2");
    assert_eq!(till.lines(), vec![("CAB-2".to_string(), 1)]);
}

#[test]
fn any_key_during_the_countdown_keeps_the_basket_and_does_nothing_else() {
    let mut till = kiosk(60, 10);
    till.scan("HUB-7");
    later(&mut till, 65);
    assert!(matches!(idle::state(&till.model), Idle::Warning { .. }));
    // Delete would take the line off: here it only says "still here".
    till.key(Key::Delete);
    assert_eq!(till.lines().len(), 1);
    assert_eq!(idle::state(&till.model), Idle::Active);
    assert!(
        till.message().contains("basket is kept"),
        "{}",
        till.message()
    );
    later(&mut till, 59);
    assert_eq!(idle::state(&till.model), Idle::Active);
    assert!(till.backend.voids.is_empty());
}

#[test]
fn nothing_is_cleared_while_the_card_terminal_works_nor_on_an_empty_welcome() {
    let mut till = kiosk(60, 10);
    later(&mut till, 600);
    assert_eq!(idle::state(&till.model), Idle::Active, "nothing to clear");
    till.scan("HUB-7");
    till.key(Key::F(12));
    // The terminal's answer has not come: the kiosk waits for it, however long.
    let _ = till.update_only(xsell::app::Action::Key(Key::Enter));
    assert_eq!(till.model.busy, Some(Busy::Charging));
    later(&mut till, 600);
    assert_eq!(idle::state(&till.model), Idle::Active);
    assert!(till.backend.voids.is_empty());
    assert_eq!(till.lines().len(), 1);
}

#[test]
fn a_kiosk_parks_its_order_and_a_staff_till_recalls_it_by_number_and_sells_it() {
    let mut kiosk = kiosk(60, 10);
    kiosk.scan("HUB-7");
    kiosk.scan("CAB-2");
    kiosk.key(Key::F(12));
    kiosk.key(Key::Down);
    kiosk.key(Key::Enter);
    let Some(Overlay::Parked(slip)) = kiosk.model.top() else {
        panic!("the number is shown: {}", kiosk.message());
    };
    let number = slip.number;
    assert!((1000..=9999).contains(&number));
    assert_eq!(slip.items, 2);
    assert!(
        kiosk.lines().is_empty(),
        "the kiosk is ready for the next shopper"
    );
    assert!(kiosk.message().contains(&number.to_string()));
    // Parked: nothing paid, nothing voided.
    assert!(kiosk.backend.sales.is_empty() && kiosk.backend.voids.is_empty());
    let parked = kiosk
        .backend
        .parked
        .iter()
        .find(|(_, n)| **n == number)
        .map(|(id, _)| id.clone())
        .unwrap();

    // The same order at a staffed till of the same shop.
    let draft = kiosk.model.order.clone();
    let mut counter = Till::signed_in();
    let mut held = draft.clone();
    held.id = parked.clone();
    held.cart = xsell::domain::cart::Cart::new();
    for sku in ["HUB-7", "CAB-2"] {
        let p = catalog().by_sku(sku).unwrap().clone();
        held.cart
            .add(&p, 1, xsell::domain::cart::LineOrigin::Manual)
            .unwrap();
    }
    held.till = "Kiosk".into();
    let n = counter.backend.park(&held, at(14, 0)).unwrap();
    // F4 with nothing typed lists this till's held orders (none) and says how to recall.
    counter.key(Key::F(4));
    assert!(
        counter.message().contains("counter number"),
        "{}",
        counter.message()
    );
    counter.type_text(&n.to_string());
    counter.key(Key::F(4));
    assert_eq!(counter.model.order.id, parked, "{}", counter.message());
    assert_eq!(counter.lines().len(), 2);
    counter.key(Key::F(12));
    counter.key(Key::Enter);
    assert_eq!(counter.backend.sales.len(), 1, "{}", counter.message());
    assert_eq!(counter.backend.sales[0].order_id, parked);
    assert_eq!(counter.backend.sales[0].payments[0].kind, TenderKind::Cash);
    // Recalled again once sold: nothing waits under that number any more.
    counter.type_text(&n.to_string());
    counter.key(Key::F(4));
    assert!(counter.is_error(), "{}", counter.message());
    assert!(
        counter.message().contains(&n.to_string()),
        "{}",
        counter.message()
    );
}

#[test]
fn a_second_till_asking_for_a_number_already_taken_is_told_where_it_went() {
    let mut backend = xsell::app::memory::MemoryBackend::new();
    let till = Till::signed_in();
    let mut draft = till.model.order.clone();
    let p = catalog().by_sku("HUB-7").unwrap().clone();
    draft
        .cart
        .add(&p, 1, xsell::domain::cart::LineOrigin::Manual)
        .unwrap();
    draft.till = "Kiosk".into();
    let n = backend.park(&draft, at(14, 0)).unwrap();
    assert_eq!(
        backend.park(&draft, at(14, 1)).unwrap(),
        n,
        "parking twice: one number"
    );
    let first = backend
        .recall_parked(n, "Till 1", Some(1), at(14, 2))
        .unwrap();
    let again = backend
        .recall_parked(n, "Till 1", Some(1), at(14, 2))
        .unwrap();
    assert_eq!(
        first.id, again.id,
        "the same till asking twice gets the same order"
    );
    let other = backend
        .recall_parked(n, "Till 2", Some(2), at(14, 3))
        .unwrap_err();
    assert!(other.to_string().contains("Till 1"), "{other}");
}

#[test]
fn an_age_restricted_item_waits_for_a_staff_pin_which_is_audited() {
    let mut till = kiosk(60, 10);
    till.scan(DRINK);
    assert!(matches!(till.model.top(), Some(Overlay::AgeCheck(_))));
    assert_eq!(till.lines().len(), 1, "in the basket, waiting");
    // Paying is out of reach until staff have checked.
    till.key(Key::F(12));
    assert!(matches!(till.model.top(), Some(Overlay::AgeCheck(_))));
    till.type_text(CASHIER_PIN);
    till.key(Key::Enter);
    assert!(till.model.top().is_none(), "{}", till.message());
    assert!(till.message().contains("Ana"), "{}", till.message());
    let audited = till
        .backend
        .audit_log
        .iter()
        .find(|e| e.action == "age check")
        .expect("the approval is on the audit trail");
    assert_eq!(audited.approved_by, Some(1));
    assert!(
        audited.detail.contains("Energy drink"),
        "{}",
        audited.detail
    );
    // A second one on the same order needs no second check.
    till.scan(DRINK);
    assert!(till.model.top().is_none());
    till.key(Key::F(12));
    assert!(matches!(till.model.top(), Some(Overlay::Tender(_))));
}

#[test]
fn a_shopper_can_take_the_item_off_or_finish_at_the_counter() {
    let mut till = kiosk(60, 10);
    till.scan("HUB-7");
    till.scan(DRINK);
    till.key(Key::Esc);
    assert_eq!(till.lines(), vec![("HUB-7".to_string(), 1)]);
    assert!(till.model.top().is_none());
    till.scan(DRINK);
    till.key(Key::Tab);
    assert!(
        matches!(till.model.top(), Some(Overlay::Parked(_))),
        "{}",
        till.message()
    );
    assert_eq!(till.backend.parked.len(), 1);
}

#[test]
fn five_wrong_pins_at_a_kiosk_lock_the_kiosk_and_nobody_else() {
    let mut till = kiosk(60, 10);
    till.scan(DRINK);
    for _ in 0..5 {
        till.type_text("0000");
        till.key(Key::Enter);
    }
    assert!(
        till.message().contains("PIN locked until"),
        "{}",
        till.message()
    );
    let subjects: Vec<_> = till.backend.pin_guards.keys().cloned().collect();
    assert_eq!(subjects, vec![PinSubject::Kiosk("Till 1".into())]);
    // The right PIN is refused while the kiosk is locked, unchecked and uncounted.
    till.type_text(CASHIER_PIN);
    till.key(Key::Enter);
    assert!(
        till.message().contains("this kiosk takes none"),
        "{}",
        till.message()
    );
    // The same shop's cashier signs in at a staffed till at once.
    let mut staffed = Till::new_with(|spec, _| {
        spec.pin_guards = till.backend.pin_guards.clone();
    });
    staffed.sign_in(CASHIER_PIN);
    assert!(staffed.is_signed_in(), "{}", staffed.message());
}

#[test]
fn an_age_restricted_item_is_never_offered_at_a_kiosk() {
    use xsell::domain::target::{Target, TimeWindow};
    use xsell::recommend::curated::Complement;
    use xsell::recommend::engine::{Engine, EngineInput, Request};
    // The shop pairs the drink with the hub: a staffed till offers it, a kiosk never does.
    let engine = Engine::build(EngineInput {
        catalog: Arc::new(catalog_with_a_drink()),
        complements: vec![Complement {
            from: Target::Sku("HUB-7".into()),
            to: Target::Sku(DRINK.into()),
            reason: "for the long evenings".into(),
            script: "A drink with it?".into(),
            weight: 1.0,
            window: TimeWindow::default(),
        }],
        bundles: Vec::new(),
        rules: Vec::new(),
        baskets: Default::default(),
        trained: None,
        purchases: Default::default(),
        intervals: None,
        opted_out: Default::default(),
        params: Default::default(),
    });
    let cart = ["HUB-7".to_string()];
    let offered = |kiosk| -> Vec<String> {
        engine
            .recommend(&Request {
                cart: &cart,
                customer: None,
                viewed: &[],
                removed: &[],
                declined: &[],
                purchases: None,
                now: at(14, 0),
                kiosk,
                upgrade_of: None,
                k: 5,
            })
            .into_iter()
            .map(|r| r.sku)
            .collect()
    };
    assert!(
        offered(false).iter().any(|s| s == DRINK),
        "{:?}",
        offered(false)
    );
    assert!(
        !offered(true).iter().any(|s| s == DRINK),
        "{:?}",
        offered(true)
    );
}

#[test]
fn a_counter_number_left_on_screen_goes_without_a_countdown() {
    let mut till = kiosk(60, 10);
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.key(Key::Down);
    till.key(Key::Enter);
    assert!(matches!(till.model.top(), Some(Overlay::Parked(_))));
    later(&mut till, 65);
    // No basket to keep: no "keep your basket" countdown over the number.
    assert_eq!(idle::state(&till.model), Idle::Active);
    later(&mut till, 5);
    assert!(till.model.overlays.is_empty());
    assert!(
        till.backend.voids.is_empty(),
        "the parked order is not touched"
    );
    assert_eq!(till.backend.parked.len(), 1);
}

#[test]
fn with_a_printer_the_counter_number_is_printed_on_a_slip() {
    let dir = tempfile::tempdir().unwrap();
    let printer = dir.path().join("printer");
    let mut till = Till::new_with(|spec, _| {
        spec.catalog = Arc::new(catalog_with_a_drink());
        spec.mode = TillMode::Kiosk(kiosk_staff());
        spec.outputs.escpos_device = Some(printer.clone());
    });
    till.scan("HUB-7");
    till.key(Key::F(12));
    till.key(Key::Down);
    till.key(Key::Enter);
    let Some(Overlay::Parked(slip)) = till.model.top() else {
        panic!("{}", till.message());
    };
    let printed = String::from_utf8_lossy(&std::fs::read(&printer).unwrap()).to_string();
    assert!(printed.contains(&slip.number.to_string()), "{printed}");
    assert!(printed.contains("Pay at the counter"), "{printed}");
}

#[test]
fn an_unchecked_age_restricted_item_sent_to_the_counter_reminds_the_cashier() {
    let mut counter = Till::new_with(|spec, _| {
        spec.catalog = Arc::new(catalog_with_a_drink());
    });
    counter.sign_in(CASHIER_PIN);
    let mut draft = counter.model.order.clone();
    draft.id = "kiosk-order-with-a-drink".into();
    draft.till = "Kiosk".into();
    let drink = catalog_with_a_drink().by_sku(DRINK).unwrap().clone();
    draft
        .cart
        .add(&drink, 1, xsell::domain::cart::LineOrigin::Manual)
        .unwrap();
    let n = counter.backend.park(&draft, at(14, 0)).unwrap();
    counter.type_text(&n.to_string());
    counter.key(Key::F(4));
    assert_eq!(counter.lines().len(), 1);
    assert!(
        counter.message().contains("Check the customer's age"),
        "{}",
        counter.message()
    );
}
