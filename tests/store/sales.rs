//! Sales through the store: drafts, hold and recall, void, completion with stock and
//! receipt numbers, refunds.

use crate::store_support;

use store_support::{now, pay_all, setup};
use xsell::domain::cart::{Cart, LineOrigin};
use xsell::domain::order::{OrderDraft, Refund};
use xsell::domain::people::Role;
use xsell::domain::pricing::TaxRates;
use xsell::domain::tender::TenderKind;
use xsell::store::Store;

fn draft(store: &Store, till: &str, staff: i64, items: &[(&str, i64)]) -> OrderDraft {
    let catalog = store.load_catalog().unwrap();
    let mut cart = Cart::new();
    for (sku, qty) in items {
        cart.add(catalog.by_sku(sku).unwrap(), *qty, LineOrigin::Manual)
            .unwrap();
    }
    OrderDraft {
        id: uuid::Uuid::new_v4().to_string(),
        till: till.into(),
        staff_id: staff,
        customer: Some("C1".into()),
        cart,
        tender: None,
        started_at: now(),
        approvals: Vec::new(),
        holdout: false,
        offers: None,
    }
}

fn stock(store: &Store, sku: &str) -> i64 {
    store
        .conn()
        .query_row("SELECT stock FROM products WHERE sku = ?1", [sku], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn a_draft_comes_back_exactly() {
    let (mut store, staff) = setup();
    let mut d = draft(&store, "Till 1", staff, &[("LAP", 1), ("BAG", 2)]);
    d.cart
        .set_line_discount(1, Some(xsell::domain::cart::Discount::Percent(500)))
        .unwrap();
    store.save_draft(&d, now()).unwrap();
    d.cart
        .add(
            store.load_catalog().unwrap().by_sku("MOUSE").unwrap(),
            1,
            LineOrigin::Manual,
        )
        .unwrap();
    store.save_draft(&d, now()).unwrap();
    assert_eq!(store.open_draft("Till 1").unwrap(), Some(d.clone()));
    assert_eq!(store.open_draft("Till 2").unwrap(), None);
    let mut emptied = d.clone();
    emptied.cart = xsell::domain::cart::Cart::new();
    store.discard_draft(&emptied, now()).unwrap();
    assert_eq!(store.open_draft("Till 1").unwrap(), None);
}

#[test]
fn completing_a_sale_commits_lines_payments_stock_and_a_receipt_number() {
    let (mut store, staff) = setup();
    let mut d = draft(&store, "Till 1", staff, &[("LAP", 1), ("MOUSE", 2)]);
    store.save_draft(&d, now()).unwrap();
    pay_all(&mut d);
    let c = store
        .complete_sale(&d, &TaxRates::default(), now())
        .unwrap();
    assert_eq!(c.receipt_no, "TILL1-000001");
    assert_eq!((stock(&store, "LAP"), stock(&store, "MOUSE")), (4, 8));
    let (status, total): (String, i64) = store
        .conn()
        .query_row(
            "SELECT status, total_minor FROM orders WHERE id = ?1",
            [&d.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), total),
        ("paid", (119_900 + 5_000) * 108 / 100)
    );
    let paid: i64 = store
        .conn()
        .query_row(
            "SELECT sum(amount_minor) FROM payments WHERE order_id = ?1",
            [&d.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(paid, total);
    assert_eq!(store.open_draft("Till 1").unwrap(), None);

    // The same order cannot be completed twice, and nothing moves when it is tried.
    assert!(
        store
            .complete_sale(&d, &TaxRates::default(), now())
            .is_err()
    );
    assert_eq!(stock(&store, "LAP"), 4);

    let mut second = draft(&store, "Till 1", staff, &[("BAG", 1)]);
    pay_all(&mut second);
    assert_eq!(
        store
            .complete_sale(&second, &TaxRates::default(), now())
            .unwrap()
            .receipt_no,
        "TILL1-000002"
    );
    let mut other_till = draft(&store, "till-2", staff, &[("BAG", 1)]);
    pay_all(&mut other_till);
    assert_eq!(
        store
            .complete_sale(&other_till, &TaxRates::default(), now())
            .unwrap()
            .receipt_no,
        "TILL2-000001"
    );
    assert_eq!(store.customer_summary("C1").unwrap().visits, 3);
}

#[test]
fn an_unpaid_sale_is_refused() {
    let (mut store, staff) = setup();
    let d = draft(&store, "T", staff, &[("LAP", 1)]);
    let err = store
        .complete_sale(&d, &TaxRates::default(), now())
        .unwrap_err();
    assert!(err.to_string().contains("not settled"), "{err}");
    assert_eq!(stock(&store, "LAP"), 5);
}

#[test]
fn hold_recall_and_void() {
    let (mut store, staff) = setup();
    let d = draft(&store, "T", staff, &[("LAP", 1)]);
    store.save_draft(&d, now()).unwrap();
    store.hold(&d, now()).unwrap();
    assert_eq!(store.open_draft("T").unwrap(), None);
    let held = store.held_orders("T", &TaxRates::default()).unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(
        (
            held[0].items,
            held[0].total.minor(),
            held[0].customer_name.as_deref()
        ),
        (1, 129_492, Some("Jordan"))
    );
    let back = store.recall(&d.id, "T", now()).unwrap();
    assert_eq!(back, d);
    assert!(
        store.recall(&d.id, "T", now()).is_err(),
        "a recalled order is no longer held"
    );
    store
        .void(&back, "customer changed their mind", None, now())
        .unwrap();
    assert_eq!(store.open_draft("T").unwrap(), None);
    let audit: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'void order'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audit, 1);
    assert!(
        store.save_draft(&back, now()).is_err(),
        "a voided order cannot be edited"
    );
}

#[test]
fn partial_refunds_return_exactly_what_was_paid() {
    let (mut store, staff) = setup();
    let manager = store
        .upsert_staff("M1", "Maria", Role::Manager, "9999")
        .unwrap();
    let mut d = draft(&store, "T", staff, &[("MOUSE", 3)]);
    pay_all(&mut d);
    let sale = store
        .complete_sale(&d, &TaxRates::default(), now())
        .unwrap();
    let past = store
        .find_receipt(&sale.receipt_no.to_lowercase())
        .unwrap()
        .unwrap();
    assert_eq!(past.lines[0].paid.minor(), 8_100);
    let refund = |qty| Refund {
        original_order_id: sale.order_id.clone(),
        till: "T".into(),
        staff_id: staff,
        approved_by: manager,
        lines: vec![(1, qty)],
        tender: xsell::domain::order::RefundTo::Only(TenderKind::Cash),
        at: now(),
    };
    let r1 = store.refund(&refund(2)).unwrap();
    assert_eq!(r1.receipt_no, "T-000002");
    assert_eq!(stock(&store, "MOUSE"), 9);
    assert!(
        store.refund(&refund(2)).is_err(),
        "only one unit is left to return"
    );
    store.refund(&refund(1)).unwrap();
    let refunded: i64 = store
        .conn()
        .query_row(
            "SELECT sum(total_minor) FROM orders WHERE refund_of = ?1",
            [&sale.order_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(refunded, -8_100);
    assert_eq!(stock(&store, "MOUSE"), 10);
    let past = store.find_receipt(&sale.receipt_no).unwrap().unwrap();
    assert_eq!(past.lines[0].returned, 3);
}
