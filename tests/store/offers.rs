//! The record of every offer in the store: a row when a prompt appears, its answer, and
//! the loose ends tied by the sale's own transaction (an accepted offer points at its line,
//! what nobody answered was ignored) or by a void.

use crate::store_support;

use chrono::Duration;
use store_support::{now, pay_all, setup};
use xsell::domain::cart::{Cart, LineOrigin};
use xsell::domain::money::Money;
use xsell::domain::offer::OfferId;
use xsell::domain::order::{Feedback, OrderDraft};
use xsell::domain::pricing::TaxRates;
use xsell::recommend::engine::{Kind, Recommendation, Source};
use xsell::store::Store;
use xsell::timing::{Outcome, Prompt, Trigger};

fn draft(store: &Store, staff: i64, holdout: bool) -> OrderDraft {
    let catalog = store.load_catalog().unwrap();
    let mut cart = Cart::new();
    cart.add(catalog.by_sku("LAP").unwrap(), 1, LineOrigin::Manual)
        .unwrap();
    OrderDraft {
        id: uuid::Uuid::new_v4().to_string(),
        till: "Till 1".into(),
        staff_id: staff,
        customer: None,
        cart,
        tender: None,
        started_at: now(),
        approvals: Vec::new(),
        holdout,
        offers: None,
    }
}

fn prompt(id: u32, sku: &str, held_out: bool) -> Prompt {
    Prompt {
        id,
        offer: Recommendation {
            sku: sku.into(),
            name: sku.into(),
            price: Money::from_minor(4_900),
            kind: Kind::CrossSell,
            source: Source::Curated,
            score: 0.91,
            reason: "fits".into(),
            script: "say".into(),
            replaces: None,
            price_difference: None,
            bundle_id: None,
            saving: None,
            rule_id: None,
            rule: format!("curated:LAP>{sku}"),
        },
        trigger: Trigger::Item,
        shown_at: now(),
        expires_at: now() + Duration::seconds(30),
        hidden_until: None,
        uid: uuid::Uuid::new_v4(),
        because: None,
        held_out,
    }
}

/// Records `p` and returns its id.
fn record(store: &mut Store, d: &OrderDraft, p: Prompt) -> OfferId {
    store.record_offer(d, &p).unwrap();
    p.uid
}

fn add(store: &Store, d: &mut OrderDraft, sku: &str, origin: LineOrigin) {
    let catalog = store.load_catalog().unwrap();
    d.cart.add(catalog.by_sku(sku).unwrap(), 1, origin).unwrap();
}

fn events(store: &Store, order: &str) -> Vec<(String, String, Option<String>)> {
    store
        .conn()
        .prepare("SELECT sku, outcome, answered_at FROM suggestion_events WHERE order_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([order], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .map(|(s, o, a): (String, String, Option<String>)| (s, o, a))
        .collect()
}

fn outcomes(store: &Store, order: &str) -> Vec<(String, String)> {
    events(store, order)
        .into_iter()
        .map(|(s, o, _)| (s, o))
        .collect()
}

fn pair(sku: &str, outcome: &str) -> (String, String) {
    (sku.to_string(), outcome.to_string())
}

#[test]
fn an_offer_is_recorded_with_its_order_staff_and_details() {
    let (mut store, staff) = setup();
    let d = draft(&store, staff, false);
    // The draft was never saved: recording the offer saves it in the same transaction.
    let id = record(&mut store, &d, prompt(1, "BAG", false));
    let row: (String, i64, String, String, String, String, f64, i64, String) = store
        .conn()
        .query_row(
            "SELECT e.order_id, e.staff_id, e.category, e.kind, e.source, e.rule, e.score, e.price_minor, o.status
             FROM suggestion_events e JOIN orders o ON o.id = e.order_id WHERE e.uid = ?1",
            [id.to_string()],
            |r| {
                Ok((
                    r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?,
                    r.get(7)?, r.get(8)?,
                ))
            },
        )
        .unwrap();
    assert_eq!(
        row,
        (
            d.id.clone(),
            staff,
            "Laptop Bags".into(),
            "cross-sell".into(),
            "curated".into(),
            "curated:LAP>BAG".into(),
            0.91,
            4_900,
            "draft".into()
        )
    );
    assert_eq!(outcomes(&store, &d.id), [pair("BAG", "open")]);
}

#[test]
fn the_sale_links_accepted_offers_and_closes_the_rest() {
    let (mut store, staff) = setup();
    let mut d = draft(&store, staff, false);
    let bag = record(&mut store, &d, prompt(1, "BAG", false));
    store.record_offer(&d, &prompt(2, "MOUSE", false)).unwrap();
    store
        .answer_offer(bag, Outcome::Accepted, now() + Duration::seconds(5))
        .unwrap();
    add(&store, &mut d, "BAG", LineOrigin::Suggestion(bag));
    pay_all(&mut d);
    let at = now() + Duration::minutes(2);
    store.complete_sale(&d, &TaxRates::default(), at).unwrap();
    let rows = events(&store, &d.id);
    assert_eq!(
        rows[0],
        (
            "BAG".into(),
            "accepted".into(),
            Some("2026-11-23T12:00:05".into())
        )
    );
    assert_eq!(
        rows[1],
        (
            "MOUSE".into(),
            "ignored".into(),
            Some("2026-11-23T12:02:00".into())
        )
    );
    let linked: i64 = store
        .conn()
        .query_row(
            "SELECT suggestion_id FROM order_lines WHERE order_id = ?1 AND sku = 'BAG' AND source = 'suggestion'",
            [&d.id],
            |r| r.get(0),
        )
        .unwrap();
    let bag_row: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM suggestion_events WHERE uid = ?1",
            [bag.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(linked, bag_row);
    let violations = store.check().unwrap();
    assert!(violations.is_empty(), "{violations:?}");
}

#[test]
fn an_accepted_offer_taken_off_again_counts_as_declined() {
    let (mut store, staff) = setup();
    let mut d = draft(&store, staff, false);
    let bag = record(&mut store, &d, prompt(1, "BAG", false));
    store.answer_offer(bag, Outcome::Accepted, now()).unwrap();
    // The bag line was removed before paying: the cart is back to the laptop alone.
    pay_all(&mut d);
    store
        .complete_sale(&d, &TaxRates::default(), now())
        .unwrap();
    assert_eq!(outcomes(&store, &d.id), [pair("BAG", "dismissed")]);
}

#[test]
fn a_line_from_an_offer_whose_answer_was_lost_still_makes_it_accepted() {
    let (mut store, staff) = setup();
    let mut d = draft(&store, staff, false);
    let bag = record(&mut store, &d, prompt(1, "BAG", false));
    add(&store, &mut d, "BAG", LineOrigin::Suggestion(bag));
    pay_all(&mut d);
    store
        .complete_sale(&d, &TaxRates::default(), now())
        .unwrap();
    assert_eq!(outcomes(&store, &d.id), [pair("BAG", "accepted")]);
}

#[test]
fn an_answer_is_final() {
    let (mut store, staff) = setup();
    let d = draft(&store, staff, false);
    let bag = record(&mut store, &d, prompt(1, "BAG", false));
    store.answer_offer(bag, Outcome::Dismissed, now()).unwrap();
    store.answer_offer(bag, Outcome::Expired, now()).unwrap();
    assert_eq!(outcomes(&store, &d.id), [pair("BAG", "dismissed")]);
}

#[test]
fn held_out_offers_are_recorded_as_such_and_stay_so() {
    let (mut store, staff) = setup();
    let mut d = draft(&store, staff, true);
    store.record_offer(&d, &prompt(1, "BAG", true)).unwrap();
    pay_all(&mut d);
    store
        .complete_sale(&d, &TaxRates::default(), now())
        .unwrap();
    assert_eq!(outcomes(&store, &d.id), [pair("BAG", "held_out")]);
    let holdout: i64 = store
        .conn()
        .query_row("SELECT holdout FROM orders WHERE id = ?1", [&d.id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(holdout, 1);
}

#[test]
fn a_void_closes_open_offers_and_an_emptied_order_keeps_its_record() {
    let (mut store, staff) = setup();
    let d = draft(&store, staff, false);
    store.record_offer(&d, &prompt(1, "BAG", false)).unwrap();
    store.void(&d, "customer left", None, now()).unwrap();
    assert_eq!(outcomes(&store, &d.id), [pair("BAG", "ignored")]);

    // An emptied order the till leaves behind (a recall) is kept, not deleted: its offer
    // points at it.
    let mut d = draft(&store, staff, false);
    store.record_offer(&d, &prompt(1, "MOUSE", false)).unwrap();
    d.cart = Cart::new();
    store.discard_draft(&d, now()).unwrap();
    store.abandon_draft(&d.id, now()).unwrap();
    assert_eq!(status(&store, &d.id), "voided");
    assert_eq!(outcomes(&store, &d.id), [pair("MOUSE", "ignored")]);
    let violations = store.check().unwrap();
    assert!(violations.is_empty(), "{violations:?}");
}

fn status(store: &Store, order_id: &str) -> String {
    store
        .conn()
        .query_row("SELECT status FROM orders WHERE id = ?1", [order_id], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Once the store closed an order emptied after an offer while the till went on adding to
/// it; the next line could be neither saved, paid nor voided.
#[test]
fn an_order_emptied_after_an_offer_stays_open_and_its_next_lines_are_sold() {
    let (mut store, staff) = setup();
    let mut d = draft(&store, staff, false);
    store.record_offer(&d, &prompt(1, "BAG", false)).unwrap();
    d.cart = Cart::new();
    store.discard_draft(&d, now()).unwrap();
    assert_eq!(status(&store, &d.id), "draft");
    assert_eq!(store.open_draft("Till 1").unwrap().as_ref(), Some(&d));
    assert_eq!(outcomes(&store, &d.id), [pair("BAG", "open")]);

    let catalog = store.load_catalog().unwrap();
    d.cart
        .add(catalog.by_sku("MOUSE").unwrap(), 1, LineOrigin::Manual)
        .unwrap();
    store.save_draft(&d, now()).unwrap();
    pay_all(&mut d);
    let sold = store
        .complete_sale(&d, &TaxRates::default(), now())
        .unwrap();
    assert_eq!(sold.order_id, d.id);
    assert_eq!(status(&store, &d.id), "paid");
    assert_eq!(outcomes(&store, &d.id), [pair("BAG", "ignored")]);
    let violations = store.check().unwrap();
    assert!(violations.is_empty(), "{violations:?}");
}

#[test]
fn feedback_is_kept_on_a_paid_order_only() {
    let (mut store, staff) = setup();
    let mut d = draft(&store, staff, false);
    store.save_draft(&d, now()).unwrap();
    assert!(store.record_feedback(&d.id, Feedback::Helpful).is_err());
    pay_all(&mut d);
    store
        .complete_sale(&d, &TaxRates::default(), now())
        .unwrap();
    store.record_feedback(&d.id, Feedback::NotHelpful).unwrap();
    let f: String = store
        .conn()
        .query_row("SELECT feedback FROM orders WHERE id = ?1", [&d.id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(f, "not_helpful");
}

#[test]
fn an_offer_of_a_product_not_in_the_catalog_is_refused() {
    let (mut store, staff) = setup();
    let d = draft(&store, staff, false);
    let e = store
        .record_offer(&d, &prompt(1, "GHOST", false))
        .unwrap_err();
    assert!(e.to_string().contains("GHOST"), "{e}");
}

#[test]
fn an_offer_recorded_twice_is_one_row() {
    let (mut store, staff) = setup();
    let d = draft(&store, staff, false);
    let p = prompt(1, "BAG", false);
    store.record_offer(&d, &p).unwrap();
    store.record_offer(&d, &p).unwrap();
    assert_eq!(outcomes(&store, &d.id), [pair("BAG", "open")]);
}

/// An offer on screen could once not be answered until the store had given it a row id;
/// now its id is the register's, and the sale records an offer whose recording failed
/// from the order's memory of its offers.
#[test]
fn the_sale_records_an_accepted_offer_that_never_reached_the_store() {
    let (mut store, staff) = setup();
    let mut d = draft(&store, staff, false);
    let p = prompt(1, "BAG", false);
    let memory = xsell::timing::PanelMemory {
        accepted: vec![p.clone()],
        shown: 1,
        next_id: 2,
        ..Default::default()
    };
    d.offers = Some(serde_json::to_value(&memory).unwrap());
    add(&store, &mut d, "BAG", LineOrigin::Suggestion(p.uid));
    store.save_draft(&d, now()).unwrap();
    assert_eq!(store.open_draft("Till 1").unwrap().as_ref(), Some(&d));
    pay_all(&mut d);
    store
        .complete_sale(&d, &TaxRates::default(), now())
        .unwrap();
    assert_eq!(outcomes(&store, &d.id), [pair("BAG", "accepted")]);
    let violations = store.check().unwrap();
    assert!(violations.is_empty(), "{violations:?}");
}

/// A draft saved before offers had their own ids names its offer by row id; migration 006
/// gave the old rows the id such a draft reads as.
#[test]
fn a_draft_saved_before_offer_ids_still_sells_its_offer_line() {
    let (mut store, staff) = setup();
    let mut d = draft(&store, staff, false);
    store.record_offer(&d, &prompt(1, "BAG", false)).unwrap();
    let row: i64 = store
        .conn()
        .query_row("SELECT id FROM suggestion_events", [], |r| r.get(0))
        .unwrap();
    store
        .conn()
        .execute(
            "UPDATE suggestion_events SET uid = printf('00000000-0000-0000-0000-%012x', id)",
            [],
        )
        .unwrap();
    add(&store, &mut d, "BAG", LineOrigin::Manual);
    let json = serde_json::to_string(&d)
        .unwrap()
        .replace("\"Manual\"}]", &format!("{{\"Suggestion\":{row}}}}}]"));
    let old: OrderDraft = serde_json::from_str(&json).unwrap();
    assert_eq!(
        old.cart.lines()[1].origin,
        LineOrigin::Suggestion(xsell::domain::offer::legacy_offer_id(row))
    );
    let mut old = old;
    pay_all(&mut old);
    store
        .complete_sale(&old, &TaxRates::default(), now())
        .unwrap();
    assert_eq!(outcomes(&store, &d.id), [pair("BAG", "accepted")]);
}

#[test]
fn an_offer_shown_at_the_kiosk_is_recorded_as_the_kiosks_with_the_engines_source() {
    let (mut store, staff) = setup();
    let kiosk = store.kiosk_staff().unwrap();
    let at_kiosk = draft(&store, kiosk.id, false);
    let at_till = draft(&store, staff, false);
    record(&mut store, &at_kiosk, prompt(1, "BAG", false));
    record(&mut store, &at_till, prompt(1, "BAG", false));
    let channel = |order: &str| -> (String, String) {
        store
            .conn()
            .query_row(
                "SELECT channel, source FROM suggestion_events WHERE order_id = ?1",
                [order],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    assert_eq!(channel(&at_kiosk.id), ("kiosk".into(), "curated".into()));
    assert_eq!(channel(&at_till.id), ("till".into(), "curated".into()));
}
