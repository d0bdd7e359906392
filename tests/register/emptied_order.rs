//! An order that becomes empty after offers were recorded on it. The store once closed such
//! an order as voided ("emptied") while the till went on adding to it: the next line could
//! be neither saved, paid nor voided, and signing out lost the sale without a trace. These
//! tests hold the till and its store to one order, whatever the offers panel did meanwhile.

use crate::register_support;

use std::sync::Arc;

use chrono::Duration;
use register_support::*;
use xsell::app::offers::Offers;
use xsell::app::{Action, Key};
use xsell::timing::PromptSettings;

fn till() -> Till {
    let mut till = Till::signed_in();
    let mut suggest = Offers::new(PromptSettings {
        holdout_percent: 0,
        ..PromptSettings::default()
    });
    suggest.engine = Some(Arc::new(offers_engine(till.model.catalog.clone())));
    till.model.offers = suggest;
    till
}

fn later(till: &mut Till, ms: i64) {
    till.now += Duration::milliseconds(ms);
    till.act(Action::Tick);
}

fn offers_on_screen(till: &Till) -> usize {
    till.model.offers.panel.visible().count()
}

/// The order on screen is the till's open draft in the store, exactly.
fn store_agrees(till: &Till) {
    assert_eq!(
        till.backend.open_draft_of("Till 1"),
        Some(&till.model.order),
        "{}",
        till.message()
    );
}

fn pay_exact_cash(till: &mut Till) {
    till.key(Key::F(12));
    till.key(Key::Enter);
}

#[test]
fn an_order_emptied_after_its_offers_appeared_takes_new_lines_and_is_paid() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    assert!(
        offers_on_screen(&till) > 0,
        "the laptop's add-ons are offered"
    );
    let order_id = till.model.order.id.clone();

    till.key(Key::Delete);
    assert!(till.model.cart().is_empty());
    till.scan("HUB-7");
    assert!(!till.is_error(), "{}", till.message());
    assert_eq!(till.model.order.id, order_id, "the same order carries on");
    store_agrees(&till);

    pay_exact_cash(&mut till);
    assert!(!till.is_error(), "{}", till.message());
    assert_eq!(till.backend.sales.len(), 1);
    assert_eq!(till.backend.sales[0].order_id, order_id);
    assert_eq!(till.backend.sales[0].lines[0].sku, "HUB-7");
    assert!(
        till.backend
            .offers
            .iter()
            .all(|o| o.order_id == order_id && o.outcome.is_some()),
        "every offer of the order is settled with it"
    );
}

#[test]
fn an_order_emptied_after_its_offers_appeared_can_be_voided() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    till.key(Key::Delete);
    till.scan("CAB-2");
    till.key(Key::F(8));
    till.key(Key::Enter);
    assert_eq!(till.backend.voids.len(), 1, "{}", till.message());
    assert!(!till.is_error(), "{}", till.message());
    assert!(till.model.cart().is_empty());
}

#[test]
fn detaching_the_customer_after_offers_leaves_an_order_that_can_be_paid() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    till.key(Key::F(2));
    till.type_text("jordan\n");
    later(&mut till, 1_000);
    assert!(offers_on_screen(&till) > 0);
    till.key(Key::Delete);
    till.key(Key::F(2));
    till.key(Key::Ctrl('d'));
    till.key(Key::Esc);
    assert!(till.model.order.customer.is_none());
    assert!(till.model.cart().is_empty());

    till.scan("MOU-1");
    later(&mut till, 1_000);
    assert!(!till.is_error(), "{}", till.message());
    store_agrees(&till);
    pay_exact_cash(&mut till);
    assert_eq!(till.backend.sales.len(), 1, "{}", till.message());
    assert!(till.backend.offers.iter().all(|o| o.outcome.is_some()));
}

#[test]
fn an_emptied_order_with_offers_comes_back_empty_and_quiet_after_a_restart() {
    let mut till = till();
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    till.key(Key::Delete);
    let order_id = till.model.order.id.clone();

    let mut restarted = Till::new();
    restarted.backend = std::mem::take(&mut till.backend);
    restarted.sign_in(CASHIER_PIN);
    assert_eq!(restarted.model.order.id, order_id);
    assert!(restarted.model.cart().is_empty());
    assert_eq!(restarted.message(), "Welcome, Ana");
    restarted.scan("HUB-7");
    pay_exact_cash(&mut restarted);
    assert_eq!(restarted.backend.sales.len(), 1, "{}", restarted.message());
}

#[test]
fn recalling_over_an_emptied_order_closes_it_and_a_failed_recall_keeps_it() {
    let mut till = till();
    till.scan("HUB-7");
    till.key(Key::F(4));
    till.scan(&barcode(LAPTOP));
    later(&mut till, 1_000);
    till.key(Key::Delete);
    let emptied = till.model.order.id.clone();

    // The store fails the recall: the till stays on the emptied order, which still saves.
    till.key(Key::F(4));
    till.backend.fail_with = Some("disk I/O error".into());
    till.key(Key::Enter);
    till.backend.fail_with = None;
    assert!(
        till.message().contains("Order not recalled"),
        "{}",
        till.message()
    );
    assert_eq!(till.model.order.id, emptied);
    till.scan("CAB-2");
    store_agrees(&till);
    till.key(Key::Delete);

    till.key(Key::F(4));
    till.key(Key::Enter);
    assert_eq!(
        till.lines(),
        [("HUB-7".to_string(), 1)],
        "{}",
        till.message()
    );
    assert_eq!(
        till.backend.closed.get(&emptied),
        Some(&"emptied"),
        "left behind with its offers on record"
    );
    store_agrees(&till);
    pay_exact_cash(&mut till);
    assert_eq!(till.backend.sales.len(), 1, "{}", till.message());
}

#[test]
fn an_order_the_store_cannot_save_stays_on_screen_and_the_till_is_not_left_until_it_is() {
    let mut till = till();
    till.scan("HUB-7");
    till.backend.fail_with = Some("database or disk is full".into());
    till.scan("CAB-2");
    assert!(
        till.message().contains("Order not saved"),
        "{}",
        till.message()
    );

    for leave in [Key::F(10), Key::Ctrl('q')] {
        till.key(leave);
        assert!(till.is_signed_in() && !till.model.quit, "{leave:?}");
        assert_eq!(till.lines().len(), 2);
        assert!(
            till.message().contains("database or disk is full"),
            "{}",
            till.message()
        );
    }

    till.backend.fail_with = None;
    till.key(Key::F(10));
    assert_eq!(till.message(), "Order saved");
    store_agrees(&till);
    till.key(Key::F(10));
    assert!(!till.is_signed_in());
    till.sign_in(CASHIER_PIN);
    assert_eq!(till.lines().len(), 2, "the order comes back whole");
}
