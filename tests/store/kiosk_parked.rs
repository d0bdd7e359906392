//! Orders a kiosk parks for the counter, in the store: one number per open order, the same
//! number when parked again, recalled once (the same till asking twice gets it again,
//! another till is told where it went), and free again once the order is paid.

use crate::store_support::*;
use xsell::domain::cart::{Cart, LineOrigin};
use xsell::domain::order::OrderDraft;
use xsell::domain::pricing::TaxRates;
use xsell::store::{Store, StoreError};

fn kiosk_order(store: &Store, staff: i64, id: &str) -> OrderDraft {
    let catalog = store.load_catalog().unwrap();
    let mut cart = Cart::new();
    cart.add(catalog.by_sku("BAG").unwrap(), 1, LineOrigin::Manual)
        .unwrap();
    OrderDraft {
        id: id.into(),
        till: "Kiosk".into(),
        staff_id: staff,
        customer: None,
        cart,
        tender: None,
        started_at: now(),
        approvals: Vec::new(),
        holdout: false,
        offers: None,
    }
}

/// Two order ids whose own draws are the same counter number.
fn colliding_ids() -> (String, String) {
    let draw = |id: &str| xsell::domain::park::number_for(id, |_| false).unwrap();
    let first = "order-0".to_string();
    let n = draw(&first);
    let second = (1..100_000)
        .map(|i| format!("order-{i}"))
        .find(|id| draw(id) == n)
        .expect("9,000 numbers: a second id with the same draw comes soon");
    (first, second)
}

#[test]
fn two_open_orders_never_share_a_number_even_when_their_draws_collide() {
    let (mut store, staff) = setup();
    let (a, b) = colliding_ids();
    let na = store.park(&kiosk_order(&store, staff, &a), now()).unwrap();
    let nb = store.park(&kiosk_order(&store, staff, &b), now()).unwrap();
    assert_ne!(na, nb);
    // Parked again (a retry after a lost answer): the same number.
    assert_eq!(
        store.park(&kiosk_order(&store, staff, &a), now()).unwrap(),
        na
    );
}

#[test]
fn a_parked_order_is_recalled_once_and_its_number_is_free_again_once_paid() {
    let (mut store, staff) = setup();
    let order = kiosk_order(&store, staff, "kiosk-order-1");
    let n = store.park(&order, now()).unwrap();
    let got = store
        .recall_parked(n, "Till 1", Some(staff), now())
        .unwrap();
    assert_eq!(got.id, order.id);
    assert_eq!(got.till, "Till 1");
    assert_eq!(got.cart.lines().len(), 1);
    // The same till asking again (its answer lost): the same order, still one draft.
    assert_eq!(
        store
            .recall_parked(n, "Till 1", Some(staff), now())
            .unwrap()
            .id,
        order.id
    );
    // Another till is told which till has it.
    match store.recall_parked(n, "Till 2", Some(staff), now()) {
        Err(StoreError::Invalid(why)) => assert!(why.contains("Till 1"), "{why}"),
        other => panic!("{other:?}"),
    }
    let mut paying = got.clone();
    pay_all(&mut paying);
    store
        .complete_sale(&paying, &TaxRates::default(), now())
        .unwrap();
    assert!(matches!(
        store.recall_parked(n, "Till 1", Some(staff), now()),
        Err(StoreError::NotFound(_))
    ));
    let audit: Vec<String> = store
        .audit_rows(None, None)
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert!(audit.contains(&"park order".to_string()), "{audit:?}");
    assert!(
        audit.contains(&"recall parked order".to_string()),
        "{audit:?}"
    );
}

#[test]
fn no_order_under_a_number_is_not_found() {
    let (mut store, staff) = setup();
    match store.recall_parked(4821, "Till 1", Some(staff), now()) {
        Err(StoreError::NotFound(why)) => assert!(why.contains("4821"), "{why}"),
        other => panic!("{other:?}"),
    }
}
