//! One contract, two backends: every scenario here runs against the in-memory backend the
//! register's tests use and against the SQLite store, and both must answer alike (results,
//! and the kind of every refusal). A behaviour the register relies on belongs here, so
//! that the tests driven through the memory backend say something about the real store.

use crate::store_support;

use chrono::{Duration, NaiveDateTime};
use store_support::{now, setup};
use xsell::app::backend::{Backend, BackendError, Sale};
use xsell::app::memory::MemoryBackend;
use xsell::domain::audit::AuditEntry;
use xsell::domain::cart::{Cart, LineOrigin};
use xsell::domain::catalog::Catalog;
use xsell::domain::lockout::{LockoutPolicy, PinAttempt, PinSubject};
use xsell::domain::money::Money;
use xsell::domain::order::{OrderDraft, Refund, RefundTo};
use xsell::domain::pricing::{TaxRates, Totals, price};
use xsell::domain::tender::Tendering;
use xsell::recommend::engine::{Kind, Recommendation, Source};
use xsell::store::Store;
use xsell::timing::{Prompt, Trigger};

/// A backend under test with the shop it sells from: the catalog of `store_support` and a
/// cashier (who also approves, as a manager would).
struct Shop<B> {
    backend: B,
    catalog: Catalog,
    staff: i64,
}

fn sqlite() -> Shop<Store> {
    let (store, staff) = setup();
    let catalog = store.load_catalog().unwrap();
    Shop {
        backend: store,
        catalog,
        staff,
    }
}

fn memory() -> Shop<MemoryBackend> {
    let (store, staff) = setup();
    Shop {
        backend: MemoryBackend::new(),
        catalog: store.load_catalog().unwrap(),
        staff,
    }
}

fn t(minutes: i64) -> NaiveDateTime {
    now() + Duration::minutes(minutes)
}

impl<B: Backend> Shop<B> {
    fn draft(&self, till: &str, items: &[(&str, i64)]) -> OrderDraft {
        let mut cart = Cart::new();
        for (sku, qty) in items {
            cart.add(self.catalog.by_sku(sku).unwrap(), *qty, LineOrigin::Manual)
                .unwrap();
        }
        OrderDraft {
            id: uuid::Uuid::new_v4().to_string(),
            till: till.into(),
            staff_id: self.staff,
            customer: None,
            cart,
            tender: None,
            started_at: now(),
            approvals: Vec::new(),
            holdout: false,
            offers: None,
        }
    }

    /// Pays `d` in full in cash and commits it at the totals the register would show.
    fn sell(&mut self, d: &mut OrderDraft) -> Result<String, BackendError> {
        let totals = pay(d);
        self.commit(d, &totals)
    }

    fn commit(&mut self, d: &OrderDraft, totals: &Totals) -> Result<String, BackendError> {
        let sale = Sale {
            draft: d,
            totals,
            at: t(30),
        };
        self.backend
            .sales()
            .complete_sale(&sale)
            .map(|c| c.receipt_no)
    }

    fn refund(&mut self, d: &OrderDraft, lines: Vec<(i64, i64)>) -> Result<(), BackendError> {
        let refund = Refund {
            original_order_id: d.id.clone(),
            till: "Till 1".into(),
            staff_id: self.staff,
            approved_by: self.staff,
            lines,
            tender: RefundTo::Original,
            at: t(60),
        };
        self.backend.sales().refund(&refund).map(|_| ())
    }

    fn actions(&mut self) -> Vec<String> {
        self.backend
            .security()
            .audit_trail(None, None)
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect()
    }
}

/// Settles `d` in cash and returns its totals as the register prices them (no bundles,
/// the default tax).
fn pay(d: &mut OrderDraft) -> Totals {
    let totals = price(&d.cart, &TaxRates::default());
    let mut tender = Tendering::new(totals.total);
    tender.pay_cash(totals.total).unwrap();
    d.tender = Some(tender);
    totals
}

fn is_invalid<T: std::fmt::Debug>(r: Result<T, BackendError>) -> bool {
    matches!(r, Err(BackendError::Invalid(_)))
}

fn prompt(sku: &str) -> Prompt {
    Prompt {
        id: 1,
        offer: Recommendation {
            sku: sku.into(),
            name: sku.into(),
            price: Money::from_minor(4_900),
            kind: Kind::CrossSell,
            source: Source::Curated,
            score: 0.9,
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
        shown_at: t(1),
        expires_at: t(2),
        hidden_until: None,
        uid: uuid::Uuid::new_v4(),
        because: None,
        held_out: false,
    }
}

// --- the scenarios ------------------------------------------------------------------------

fn a_saved_draft_is_the_tills_open_order<B: Backend>(mut shop: Shop<B>) {
    let d = shop.draft("Till 1", &[("LAP", 1), ("BAG", 2)]);
    shop.backend.sales().save_draft(&d, t(1)).unwrap();
    assert_eq!(
        shop.backend.sales().open_draft("Till 1").unwrap(),
        Some(d.clone())
    );
    assert_eq!(shop.backend.sales().open_draft("Till 2").unwrap(), None);
    let mut emptied = d.clone();
    emptied.cart = Cart::new();
    shop.backend.sales().discard_draft(&emptied, t(2)).unwrap();
    assert_eq!(shop.backend.sales().open_draft("Till 1").unwrap(), None);
}

fn held_orders_are_listed_as_held_and_recalled_once<B: Backend>(mut shop: Shop<B>) {
    let first = shop.draft("Till 1", &[("LAP", 1)]);
    let second = shop.draft("Till 1", &[("BAG", 3)]);
    shop.backend.sales().hold(&first, t(5)).unwrap();
    shop.backend.sales().hold(&second, t(7)).unwrap();
    let held = shop.backend.sales().held_orders("Till 1").unwrap();
    let seen: Vec<_> = held
        .iter()
        .map(|h| (h.id.clone(), h.items, h.held_at))
        .collect();
    assert_eq!(
        seen,
        vec![(first.id.clone(), 1, t(5)), (second.id.clone(), 3, t(7))],
        "oldest first, at the time each was held"
    );
    assert!(
        shop.backend
            .sales()
            .held_orders("Till 2")
            .unwrap()
            .is_empty()
    );
    let back = shop
        .backend
        .sales()
        .recall(&first.id, "Till 1", t(9))
        .unwrap();
    assert_eq!(back, first);
    assert_eq!(
        shop.backend.sales().open_draft("Till 1").unwrap(),
        Some(first.clone())
    );
    assert!(matches!(
        shop.backend.sales().recall(&first.id, "Till 1", t(10)),
        Err(BackendError::NotFound(_))
    ));
}

fn a_paid_sale_gets_the_next_receipt_number_and_is_found_by_it<B: Backend>(mut shop: Shop<B>) {
    let mut d = shop.draft("Till 1", &[("LAP", 1), ("MOUSE", 2)]);
    shop.backend.sales().save_draft(&d, t(1)).unwrap();
    let receipt = shop.sell(&mut d).unwrap();
    assert_eq!(receipt, "TILL1-000001");
    let mut other = shop.draft("Till 1", &[("BAG", 1)]);
    assert_eq!(shop.sell(&mut other).unwrap(), "TILL1-000002");
    let past = shop
        .backend
        .sales()
        .find_receipt("till1-000001")
        .unwrap()
        .expect("found by its number, in any case");
    assert_eq!(past.order_id, d.id);
    let lines: Vec<_> = past.lines.iter().map(|l| (l.sku.as_str(), l.qty)).collect();
    assert_eq!(lines, vec![("LAP", 1), ("MOUSE", 2)]);
    let paid: Money = past.lines.iter().map(|l| l.paid).sum();
    assert_eq!(paid, price(&d.cart, &TaxRates::default()).total);
    assert_eq!(shop.backend.sales().open_draft("Till 1").unwrap(), None);
    assert_eq!(
        shop.backend.sales().find_receipt("TILL1-000009").unwrap(),
        None
    );
}

fn an_order_that_ended_cannot_change_again<B: Backend>(mut shop: Shop<B>) {
    let mut sold = shop.draft("Till 1", &[("LAP", 1)]);
    let totals = pay(&mut sold);
    shop.commit(&sold, &totals).unwrap();
    assert!(is_invalid(shop.commit(&sold, &totals)), "sold twice");
    assert!(is_invalid(shop.backend.sales().save_draft(&sold, t(40))));
    assert!(is_invalid(shop.backend.sales().hold(&sold, t(40))));
    let voided = shop.draft("Till 1", &[("BAG", 1)]);
    shop.backend
        .sales()
        .void(&voided, "changed their mind", None, t(41))
        .unwrap();
    assert!(is_invalid(shop.backend.sales().save_draft(&voided, t(42))));
}

fn the_store_prices_a_sale_again_and_refuses_other_totals<B: Backend>(mut shop: Shop<B>) {
    let mut d = shop.draft("Till 1", &[("LAP", 1), ("MOUSE", 1)]);
    let right = pay(&mut d);
    let mut wrong = right.clone();
    wrong.total -= Money::from_minor(100);
    assert!(is_invalid(shop.commit(&d, &wrong)));
    assert_eq!(
        shop.backend.sales().find_receipt("TILL1-000001").unwrap(),
        None
    );
    assert_eq!(
        shop.commit(&d, &right).unwrap(),
        "TILL1-000001",
        "a refused sale uses no receipt number"
    );
}

fn an_unpaid_or_empty_sale_is_refused<B: Backend>(mut shop: Shop<B>) {
    let d = shop.draft("Till 1", &[("LAP", 1)]);
    let totals = price(&d.cart, &TaxRates::default());
    assert!(is_invalid(shop.commit(&d, &totals)), "nothing paid");
    let empty = shop.draft("Till 1", &[]);
    let totals = price(&empty.cart, &TaxRates::default());
    assert!(is_invalid(shop.commit(&empty, &totals)), "nothing sold");
}

fn refunds_are_limited_to_what_was_sold<B: Backend>(mut shop: Shop<B>) {
    let mut d = shop.draft("Till 1", &[("LAP", 1), ("MOUSE", 2)]);
    shop.sell(&mut d).unwrap();
    assert!(is_invalid(shop.refund(&d, vec![(2, 3)])), "more than sold");
    assert!(is_invalid(shop.refund(&d, vec![(7, 1)])), "no such line");
    assert!(is_invalid(shop.refund(&d, Vec::new())), "nothing chosen");
    shop.refund(&d, vec![(2, 2)]).unwrap();
    assert!(
        is_invalid(shop.refund(&d, vec![(2, 1)])),
        "already returned"
    );
    let past = shop
        .backend
        .sales()
        .find_receipt("TILL1-000001")
        .unwrap()
        .unwrap();
    let returned: Vec<_> = past.lines.iter().map(|l| l.returned).collect();
    assert_eq!(returned, vec![0, 2]);
    let never_sold = shop.draft("Till 1", &[("BAG", 1)]);
    assert!(matches!(
        shop.refund(&never_sold, vec![(1, 1)]),
        Err(BackendError::NotFound(_))
    ));
    assert!(shop.actions().contains(&"refund".to_string()));
}

fn voids_refunds_and_wrong_pins_are_on_the_audit_trail<B: Backend>(mut shop: Shop<B>) {
    let d = shop.draft("Till 1", &[("BAG", 1)]);
    shop.backend.sales().void(&d, "test", None, t(3)).unwrap();
    let attempt = PinAttempt {
        subject: PinSubject::Staff(shop.staff),
        ok: false,
        till: "Till 1".into(),
        purpose: "sign-in".into(),
        at: t(4),
        policy: LockoutPolicy::default(),
    };
    let guard = shop.backend.security().record_pin(&attempt).unwrap();
    assert_eq!(guard.failures, 1);
    let guards = shop.backend.security().pin_guards().unwrap();
    assert_eq!(guards.get(&PinSubject::Staff(shop.staff)), Some(&guard));
    let right = PinAttempt {
        ok: true,
        at: t(5),
        ..attempt
    };
    assert_eq!(
        shop.backend.security().record_pin(&right).unwrap().failures,
        0
    );
    assert_eq!(shop.actions(), vec!["void order", "pin failed"]);
}

fn the_audit_trail_is_read_between_two_times<B: Backend>(mut shop: Shop<B>) {
    for (minute, action) in [
        (1, "drawer opened"),
        (2, "price override"),
        (3, "drawer closed"),
    ] {
        let entry = AuditEntry::new(t(minute), "Till 1", Some(shop.staff), action, "by hand");
        shop.backend.security().audit(&entry).unwrap();
    }
    let rows = shop
        .backend
        .security()
        .audit_trail(Some(t(2)), Some(t(3)))
        .unwrap();
    let seen: Vec<_> = rows.iter().map(|r| (r.at, r.action.as_str())).collect();
    assert_eq!(
        seen,
        vec![(t(2), "price override"), (t(3), "drawer closed")]
    );
    assert_eq!(
        shop.backend
            .security()
            .audit_trail(None, Some(t(1)))
            .unwrap()
            .len(),
        1
    );
}

fn a_customer_created_at_the_till_has_a_code_and_no_history<B: Backend>(mut shop: Shop<B>) {
    let made = shop
        .backend
        .customers()
        .create_customer("Priya Shah", Some("555-0199"), None, t(1))
        .unwrap();
    assert_eq!(made.name, "Priya Shah");
    assert_eq!(made.phone.as_deref(), Some("555-0199"));
    assert!(!made.code.is_empty());
    let summary = shop
        .backend
        .customers()
        .customer_summary(&made.code)
        .unwrap();
    assert_eq!(summary.visits, 0);
    assert!(
        shop.backend
            .customers()
            .customer_purchases(&made.code)
            .unwrap()
            .is_empty()
    );
}

fn an_order_with_an_offer_on_record_is_kept_then_closed_when_left<B: Backend>(mut shop: Shop<B>) {
    let d = shop.draft("Till 1", &[("LAP", 1)]);
    let offer = prompt("BAG");
    shop.backend.offers().record_offer(&d, &offer).unwrap();
    shop.backend.offers().record_offer(&d, &offer).unwrap();
    let mut emptied = d.clone();
    emptied.cart = Cart::new();
    shop.backend.sales().discard_draft(&emptied, t(3)).unwrap();
    assert_eq!(
        shop.backend.sales().open_draft("Till 1").unwrap(),
        Some(emptied.clone()),
        "kept, empty, as the till's open order"
    );
    shop.backend.sales().abandon_draft(&d.id, t(4)).unwrap();
    assert_eq!(shop.backend.sales().open_draft("Till 1").unwrap(), None);
    assert!(is_invalid(shop.backend.sales().save_draft(&emptied, t(5))));
}

fn feedback_is_taken_for_a_paid_order_only<B: Backend>(mut shop: Shop<B>) {
    let mut d = shop.draft("Till 1", &[("MOUSE", 1)]);
    let open = d.clone();
    shop.backend.sales().save_draft(&open, t(1)).unwrap();
    let feedback = xsell::domain::order::Feedback::Helpful;
    assert!(is_invalid(
        shop.backend.offers().record_feedback(&open.id, feedback)
    ));
    shop.sell(&mut d).unwrap();
    shop.backend
        .offers()
        .record_feedback(&d.id, feedback)
        .unwrap();
}

/// Each scenario, once per backend.
macro_rules! contract {
    ($($scenario:ident),* $(,)?) => {
        mod memory_backend {
            $(#[test] fn $scenario() { super::$scenario(super::memory()) })*
        }
        mod sqlite_store {
            $(#[test] fn $scenario() { super::$scenario(super::sqlite()) })*
        }
    };
}

contract!(
    a_saved_draft_is_the_tills_open_order,
    held_orders_are_listed_as_held_and_recalled_once,
    a_paid_sale_gets_the_next_receipt_number_and_is_found_by_it,
    an_order_that_ended_cannot_change_again,
    the_store_prices_a_sale_again_and_refuses_other_totals,
    an_unpaid_or_empty_sale_is_refused,
    refunds_are_limited_to_what_was_sold,
    voids_refunds_and_wrong_pins_are_on_the_audit_trail,
    the_audit_trail_is_read_between_two_times,
    a_customer_created_at_the_till_has_a_code_and_no_history,
    an_order_with_an_offer_on_record_is_kept_then_closed_when_left,
    feedback_is_taken_for_a_paid_order_only,
);

// --- one port elsewhere ------------------------------------------------------------------

/// A mode that keeps its sales apart (as training will) while the audit trail stays in the
/// shop's store: the runtime reaches each port through the backend, never around it.
struct SalesApart {
    sandbox: MemoryBackend,
    shop: Store,
}

impl Backend for SalesApart {
    fn sales(&mut self) -> &mut dyn xsell::app::backend::SalesPort {
        &mut self.sandbox
    }
    fn offers(&mut self) -> &mut dyn xsell::app::backend::OffersPort {
        &mut self.sandbox
    }
    fn customers(&mut self) -> &mut dyn xsell::app::backend::CustomersPort {
        &mut self.shop
    }
    fn security(&mut self) -> &mut dyn xsell::app::backend::SecurityPort {
        &mut self.shop
    }
    fn reports(&mut self) -> &mut dyn xsell::app::backend::ReportsPort {
        &mut self.shop
    }
    fn training(&mut self) -> &mut dyn xsell::app::backend::TrainingPort {
        &mut self.shop
    }
}

#[test]
fn a_mode_can_put_another_implementation_behind_one_port() {
    use xsell::app::Effect;
    use xsell::runtime::exec::execute;
    let shop = sqlite();
    let d = shop.draft("Till 1", &[("LAP", 1)]);
    let mut split = SalesApart {
        sandbox: MemoryBackend::new(),
        shop: shop.backend,
    };
    let outputs = xsell::runtime::Outputs {
        receipts_dir: std::env::temp_dir().join("xsell-contract-unused"),
        escpos_device: None,
        card: Default::default(),
    };
    let entry = AuditEntry::new(
        t(2),
        "Till 1",
        Some(shop.staff),
        "drawer opened",
        "training",
    );
    execute(Effect::SaveDraft(d.clone()), &mut split, &outputs, t(1)).unwrap();
    execute(Effect::Audit(entry), &mut split, &outputs, t(2)).unwrap();
    assert_eq!(split.sandbox.open_draft_of("Till 1"), Some(&d));
    assert_eq!(
        split.shop.open_draft("Till 1").unwrap(),
        None,
        "no sale in the shop"
    );
    let trail = split.shop.audit_rows(None, None).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].action, "drawer opened");
    assert!(split.sandbox.audit_log.is_empty());
}

// --- the store's own kinds of failure ------------------------------------------------------

/// A store that reaches its size limit says so as `Full`, and the sale is not half written.
#[test]
fn a_full_store_refuses_with_full() {
    let mut shop = sqlite();
    let pages: i64 = shop
        .backend
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    let _: i64 = shop
        .backend
        .conn()
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut failure = None;
    for i in 0..2_000 {
        let mut d = shop.draft("Till 1", &[("LAP", 1), ("BAG", 2), ("MOUSE", 3)]);
        d.id = format!("{i:04}-{}", "x".repeat(200));
        if let Err(e) = shop.backend.sales().save_draft(&d, t(1)) {
            failure = Some(e);
            break;
        }
    }
    assert!(
        matches!(failure, Some(BackendError::Full(_))),
        "{failure:?}"
    );
}

/// A store that cannot be written (here: a connection told to only read) says so as
/// `ReadOnly`, and stays readable.
#[test]
fn a_read_only_store_refuses_with_read_only() {
    let mut shop = sqlite();
    shop.backend
        .conn()
        .execute_batch("PRAGMA query_only = 1")
        .unwrap();
    let d = shop.draft("Till 1", &[("LAP", 1)]);
    assert!(matches!(
        shop.backend.sales().save_draft(&d, t(1)),
        Err(BackendError::ReadOnly(_))
    ));
    assert_eq!(shop.backend.sales().open_draft("Till 1").unwrap(), None);
}
