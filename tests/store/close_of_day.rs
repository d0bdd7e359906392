//! The close of day through the store and the command line: a day worked by hand (split
//! tenders, a bundle, a price override, a refund to a card, a void after a payment, a
//! payout), its X report line by line, the Z report against the store's own sums, a second
//! close refused, and the CSV and JSON exports.

use crate::till_support;

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use xsell::domain::cart::{Cart, Discount, LineOrigin};
use xsell::domain::money::Money;
use xsell::domain::order::{OrderDraft, Refund, RefundTo};
use xsell::domain::people::Role;
use xsell::domain::pricing::price_with_bundles;
use xsell::domain::tender::{TenderKind, Tendering};
use xsell::store::Store;

const DAY: &str = "2026-11-23";

fn m(minor: i64) -> Money {
    Money::from_minor(minor)
}

fn day() -> NaiveDate {
    NaiveDate::parse_from_str(DAY, "%Y-%m-%d").unwrap()
}

fn at(h: u32, min: u32) -> NaiveDateTime {
    day().and_hms_opt(h, min, 0).unwrap()
}

struct Shop {
    store: Store,
    ana: i64,
    maria: i64,
}

fn shop(store: Store) -> Shop {
    let mut store = store;
    // The food rate is given before the catalog names it.
    let mut settings = store.settings().unwrap();
    settings.tax.by_class.insert("food".into(), 500);
    settings.cash_float = m(20_000);
    store.save_settings(&settings).unwrap();
    xsell::import::catalog::import(
        &mut store,
        "sku,name,category,price,stock,tax_class\nLAP,UltraBook 15,Laptops,1199.00,5,standard\nBAG,Laptop bag,Laptop Bags,49.00,20,standard\nMOUSE,Mouse,Mice,25.00,10,standard\nBREW,Cold brew,Drinks,3.00,50,food\n".as_bytes(),
        "c.csv",
        "2026-01-01T00:00:00",
    )
    .unwrap();
    xsell::import::bundles::import(
        &mut store,
        "bundle_id,name,items,price,discount\nB1,Bag and mouse,BAG|MOUSE,,5.00\n".as_bytes(),
        "b.csv",
    )
    .unwrap();
    let ana = store
        .upsert_staff("S2", "Ana Kovacs", Role::Cashier, "1357")
        .unwrap();
    let maria = store
        .upsert_staff("M1", "Maria Lopez", Role::Manager, "9999")
        .unwrap();
    Shop { store, ana, maria }
}

impl Shop {
    fn draft(&self, items: &[(&str, i64)], when: NaiveDateTime) -> OrderDraft {
        let catalog = self.store.load_catalog().unwrap();
        let mut cart = Cart::new();
        for (sku, qty) in items {
            cart.add(catalog.by_sku(sku).unwrap(), *qty, LineOrigin::Manual)
                .unwrap();
        }
        OrderDraft {
            id: uuid::Uuid::new_v4().to_string(),
            till: "Till 1".into(),
            staff_id: self.ana,
            customer: None,
            cart,
            tender: None,
            started_at: when,
            approvals: Vec::new(),
            holdout: false,
            offers: None,
        }
    }

    fn due(&self, d: &OrderDraft) -> Money {
        let rates = self.store.settings().unwrap().tax;
        price_with_bundles(&d.cart, &rates, &self.store.load_bundles().unwrap()).total
    }

    /// Pays `cash` in cash (all of it when `None`) and the rest by card, and sells.
    fn sell(&mut self, mut d: OrderDraft, cash: Option<i64>, when: NaiveDateTime) -> String {
        let due = self.due(&d);
        let mut t = Tendering::new(due);
        t.pay_cash(cash.map_or(due, m)).unwrap();
        if !t.is_settled() {
            t.pay_card(None, "AUTH".into()).unwrap();
        }
        d.tender = Some(t);
        let rates = self.store.settings().unwrap().tax;
        self.store
            .complete_sale(&d, &rates, when)
            .unwrap()
            .receipt_no
    }

    fn sell_by_card(&mut self, mut d: OrderDraft, when: NaiveDateTime) -> String {
        let mut t = Tendering::new(self.due(&d));
        t.pay_card(None, "AUTH".into()).unwrap();
        d.tender = Some(t);
        let rates = self.store.settings().unwrap().tax;
        self.store
            .complete_sale(&d, &rates, when)
            .unwrap()
            .receipt_no
    }
}

/// The day of `report::day`'s hand-worked test, through the store.
fn work_the_day(shop: &mut Shop) {
    // 1. A laptop, 1,294.92: 500.00 cash, 794.92 card.
    let d = shop.draft(&[("LAP", 1)], at(9, 5));
    shop.sell(d, Some(50_000), at(9, 10));
    // 2. Bag and mouse, the bundle takes 5.00: 74.52 by card.
    let d = shop.draft(&[("BAG", 1), ("MOUSE", 1)], at(10, 0));
    let bundle_sale = shop.sell_by_card(d, at(10, 2));
    // 3. A mouse overridden to 20.00, two cold brews less 10%: 27.27 cash.
    let mut d = shop.draft(&[("MOUSE", 1), ("BREW", 2)], at(11, 0));
    d.cart.override_price(0, m(2_000)).unwrap();
    d.cart
        .set_line_discount(1, Some(Discount::Percent(1_000)))
        .unwrap();
    shop.sell(d, None, at(11, 3));
    // 4. The bag comes back, to the card: 49.35.
    let past = shop.store.find_receipt(&bundle_sale).unwrap().unwrap();
    shop.store
        .refund(&Refund {
            original_order_id: past.order_id,
            till: "Till 1".into(),
            staff_id: shop.ana,
            approved_by: shop.maria,
            lines: vec![(1, 1)],
            tender: RefundTo::Only(TenderKind::Card),
            at: at(14, 0),
        })
        .unwrap();
    // 5. A laptop voided after 100.00 cash was taken (and handed back).
    let mut d = shop.draft(&[("LAP", 1)], at(15, 0));
    let mut t = Tendering::new(shop.due(&d));
    t.pay_cash(m(10_000)).unwrap();
    d.tender = Some(t);
    shop.store
        .void(
            &d,
            "customer changed their mind",
            Some(shop.maria),
            at(15, 5),
        )
        .unwrap();
    // 6. The window cleaner is paid from the drawer.
    shop.store
        .record_payout(
            "Till 1",
            m(1_500),
            "window cleaner",
            Some(shop.maria),
            "M1 Maria Lopez",
            at(16, 0),
        )
        .unwrap();
    // Another till's sale is not this till's day.
    let mut d = shop.draft(&[("MOUSE", 1)], at(12, 0));
    d.till = "Till 2".into();
    shop.sell(d, None, at(12, 1));
}

fn lines(report: &xsell::report::day::DayReport) -> Vec<(String, Option<u64>, Option<i64>)> {
    report
        .rows()
        .into_iter()
        .map(|r| (r.item, r.count, r.amount.map(Money::minor)))
        .collect()
}

#[test]
fn a_hand_worked_day_reads_line_by_line() {
    let mut shop = shop(Store::open_in_memory().unwrap());
    work_the_day(&mut shop);
    let report = shop.store.day_report("Till 1", day()).unwrap();
    let want: Vec<(&str, Option<u64>, Option<i64>)> = vec![
        ("sales", Some(3), Some(139_671)),
        ("  cash", None, Some(52_727)),
        ("  card", None, Some(86_944)),
        ("refunds", Some(1), Some(4_935)),
        ("  cash", None, Some(0)),
        ("  card", None, Some(4_935)),
        ("net takings", None, Some(134_736)),
        ("voids", Some(1), Some(129_492)),
        ("  after a payment (paid back)", Some(1), Some(10_000)),
        ("  approved by M1 Maria Lopez", Some(1), Some(129_492)),
        ("discounts", None, Some(560)),
        ("  on lines", None, Some(60)),
        ("  bundles", None, Some(500)),
        ("  on orders", None, Some(0)),
        ("price overrides (below list)", Some(1), Some(500)),
        ("tax 5% on $5.40", None, Some(27)),
        ("tax 8% on $1,242.31", None, Some(9_938)),
        ("float", None, Some(20_000)),
        ("plus cash sales", None, Some(52_727)),
        ("less cash refunds", None, Some(0)),
        ("less payouts", Some(1), Some(1_500)),
        ("cash expected in the drawer", None, Some(71_227)),
        ("offers shown", Some(0), None),
        ("offers accepted", Some(0), None),
        ("value added by offers", None, Some(0)),
    ];
    let want: Vec<_> = want
        .into_iter()
        .map(|(a, b, c)| (a.to_string(), b, c))
        .collect();
    assert_eq!(lines(&report), want);
    // The X report changes nothing: asked twice, it says the same.
    assert_eq!(shop.store.day_report("Till 1", day()).unwrap(), report);
}

fn sum(store: &Store, sql: &str) -> i64 {
    store
        .conn()
        .query_row(sql, [], |r| r.get::<_, Option<i64>>(0))
        .unwrap()
        .unwrap_or(0)
}

#[test]
fn the_z_report_equals_the_sum_of_the_days_sales_and_closes_once() {
    let mut shop = shop(Store::open_in_memory().unwrap());
    work_the_day(&mut shop);
    let z = shop
        .store
        .close_day(
            "Till 1",
            day(),
            m(70_000),
            Some(shop.maria),
            "M1",
            at(18, 0),
        )
        .unwrap();
    let day_orders = format!(
        "FROM orders o WHERE o.till = 'Till 1' AND o.status = 'paid' AND o.completed_at LIKE '{DAY}%'"
    );
    let r = &z.report;
    assert_eq!(
        r.sales.amount.minor(),
        sum(
            &shop.store,
            &format!("SELECT sum(o.total_minor) {day_orders} AND o.kind = 'sale'")
        )
    );
    assert_eq!(
        r.sales.count as i64,
        sum(
            &shop.store,
            &format!("SELECT count(*) {day_orders} AND o.kind = 'sale'")
        )
    );
    assert_eq!(
        -r.refunds.amount.minor(),
        sum(
            &shop.store,
            &format!("SELECT sum(o.total_minor) {day_orders} AND o.kind = 'refund'")
        )
    );
    for (tender, got) in [
        ("cash", r.sales_by_tender.cash - r.refunds_by_tender.cash),
        ("card", r.sales_by_tender.card - r.refunds_by_tender.card),
    ] {
        let want = sum(
            &shop.store,
            &format!(
                "SELECT sum(p.amount_minor) FROM payments p WHERE p.tender = '{tender}' AND p.order_id IN (SELECT o.id {day_orders})"
            ),
        );
        assert_eq!(got.minor(), want, "{tender}");
    }
    let tax: i64 = r.tax.iter().map(|t| t.tax.minor()).sum();
    assert_eq!(
        tax,
        sum(
            &shop.store,
            &format!("SELECT sum(o.tax_minor) {day_orders}")
        )
    );
    // Counted 700.00 against 712.27 expected: 12.27 short.
    assert_eq!((z.z_no, z.over_short), (1, m(-1_227)));
    assert_eq!(r.closed.as_ref().map(|c| c.counted), Some(m(70_000)));

    let again = shop
        .store
        .close_day(
            "Till 1",
            day(),
            m(71_227),
            Some(shop.maria),
            "M1",
            at(18, 5),
        )
        .unwrap_err();
    assert!(again.to_string().contains("already closed"), "{again}");
    let closes = sum(
        &shop.store,
        "SELECT count(*) FROM audit_log WHERE action = 'close day'",
    );
    assert_eq!(closes, 1);
    // The X report of a closed day says so; another till closes on its own.
    let x = shop.store.day_report("Till 1", day()).unwrap();
    assert_eq!(x.closed.as_ref().map(|c| c.z_no), Some(1));
    assert_eq!(x.after_close, None);
    assert_eq!(x.sales, r.sales);
    let other = shop
        .store
        .close_day("Till 2", day(), m(22_700), None, "M1", at(18, 10))
        .unwrap();
    assert_eq!((other.z_no, other.report.sales.count), (2, 1));
    // A closed day cannot be rewritten in the database either.
    let e = shop
        .store
        .conn()
        .execute("UPDATE day_closes SET counted_minor = 71227", [])
        .unwrap_err();
    assert!(e.to_string().contains("cannot be changed"), "{e}");
}

#[test]
fn a_sale_after_the_close_fell_into_no_z_report_unseen() {
    let mut shop = shop(Store::open_in_memory().unwrap());
    work_the_day(&mut shop);
    let z = shop
        .store
        .close_day(
            "Till 1",
            day(),
            m(71_227),
            Some(shop.maria),
            "M1",
            at(18, 0),
        )
        .unwrap();
    let d = shop.draft(&[("MOUSE", 1)], at(18, 30));
    shop.sell(d, None, at(18, 31));
    let x = shop.store.day_report("Till 1", day()).unwrap();
    // The day still reads as it was closed…
    assert_eq!(x.sales, z.report.sales);
    assert_eq!(x.cash, z.report.cash);
    // …and says what came after, which no Z holds.
    let after = x.after_close.expect("the sale after the close is shown");
    assert_eq!((after.sales.count, after.sales.amount), (1, m(2_700)));
    let rows = lines(&x);
    assert!(rows.contains(&(
        "sales after the close (in no Z)".to_string(),
        Some(1),
        Some(2_700)
    )));
}

#[test]
fn a_close_with_money_taken_on_an_open_order_was_accepted() {
    let mut shop = shop(Store::open_in_memory().unwrap());
    let mut d = shop.draft(&[("MOUSE", 1)], at(9, 0));
    let mut t = Tendering::new(shop.due(&d));
    t.pay_cash(m(1_000)).unwrap();
    d.tender = Some(t);
    shop.store.save_draft(&d, at(9, 0)).unwrap();
    let e = shop
        .store
        .close_day("Till 1", day(), m(20_000), None, "M1", at(18, 0))
        .unwrap_err();
    assert!(e.to_string().contains("in progress with a payment"), "{e}");
    assert!(
        shop.store
            .day_report("Till 1", day())
            .unwrap()
            .closed
            .is_none()
    );
}

fn day_cli(db: &Path, args: &[&str]) -> String {
    let mut cmd = till_support::xsell(db);
    cmd.arg("day").args(args);
    let out = if args.contains(&"--close") {
        // Closing the day is a manager's act; the X report is open to all.
        till_support::run_with_stdin(cmd.args(["--manager", "M1"]), "9999\n")
    } else {
        till_support::run_ok(&mut cmd)
    };
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_day_exports_as_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let mut shop = shop(Store::open(&db).unwrap());
    work_the_day(&mut shop);
    // A till named like a formula stays text in a spreadsheet.
    let mut d = shop.draft(&[("MOUSE", 1)], at(12, 0));
    d.till = "=cmd|' /C calc'!A0".into();
    shop.sell(d, None, at(12, 1));
    drop(shop);
    insta::assert_snapshot!("day_csv", day_cli(&db, &["--date", DAY, "--format", "csv"]));
    let evil = day_cli(
        &db,
        &[
            "--till",
            "=cmd|' /C calc'!A0",
            "--date",
            DAY,
            "--format",
            "csv",
        ],
    );
    assert!(evil.contains("\n'=cmd|"), "{evil}");
    assert!(!evil.contains("\n=cmd"), "{evil}");
    insta::assert_snapshot!(
        "day_close_json",
        day_cli(
            &db,
            &[
                "--date",
                DAY,
                "--close",
                "--counted",
                "700.00",
                "--format",
                "json"
            ]
        )
    );
    let out = till_support::xsell(&db)
        .args(["day", "--date", DAY, "--close", "--counted", "712.27"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("needs a manager"),
        "a close without a manager is refused"
    );
    let mut again = till_support::xsell(&db);
    again.args([
        "day",
        "--date",
        DAY,
        "--close",
        "--counted",
        "712.27",
        "--manager",
        "M1",
    ]);
    let out = {
        use std::io::Write;
        let mut child = again
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(b"9999\n");
        child.wait_with_output().unwrap()
    };
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("already closed for 2026-11-23 (Z 1 at 23:59)")
    );
    insta::assert_snapshot!("day_closed_table", day_cli(&db, &["--date", DAY]));
}

#[test]
fn a_payout_left_the_manager_who_allowed_it_out_of_the_audit_columns() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let maria = shop(Store::open(&db).unwrap()).maria;
    let mut cmd = till_support::xsell(&db);
    cmd.args([
        "day",
        "--payout",
        "15.00",
        "--reason",
        "window cleaner",
        "--manager",
        "M1",
    ]);
    till_support::run_with_stdin(&mut cmd, "9999\n");
    let store = Store::open(&db).unwrap();
    let (by, approved): (Option<i64>, Option<i64>) = store
        .conn()
        .query_row(
            "SELECT staff_id, approved_by FROM audit_log WHERE action = 'payout'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // As for a close: `xsell audit` shows who allowed it in its columns, not only its text.
    assert_eq!((by, approved), (Some(maria), Some(maria)));
}

#[test]
fn a_payout_larger_than_the_drawer_left_the_cash_expected_below_zero() {
    let mut shop = shop(Store::open_in_memory().unwrap());
    // The float is 200.00 and nothing has been sold: 200.01 cannot leave the drawer.
    let refused = shop.store.record_payout(
        "Till 1",
        m(20_001),
        "window cleaner",
        Some(shop.maria),
        "M1 Maria Lopez",
        at(9, 0),
    );
    let message = refused.unwrap_err().to_string();
    assert!(
        message.contains("more than the $200.00 expected"),
        "{message}"
    );
    assert_eq!(
        sum(&shop.store, "SELECT count(*) FROM payouts"),
        0,
        "nothing recorded"
    );
    // The whole drawer can go.
    shop.store
        .record_payout(
            "Till 1",
            m(20_000),
            "to the bank",
            Some(shop.maria),
            "M1 Maria Lopez",
            at(9, 5),
        )
        .unwrap();
    let report = shop.store.day_report("Till 1", day()).unwrap();
    assert_eq!(report.cash.expected, Money::ZERO);
}
