//! Small shops on disk for the journal and headquarters tests: a store with a code, a
//! catalog and staff, sales made through the store, the binary run on it, and (when a
//! PostgreSQL server is given) a fresh headquarters database per test.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{NaiveDate, NaiveDateTime};
use xsell::domain::cart::{Cart, LineOrigin};
use xsell::domain::money::Money;
use xsell::domain::order::{Committed, OrderDraft};
use xsell::domain::people::Role;
use xsell::domain::pricing::{TaxRates, price};
use xsell::domain::tender::Tendering;
use xsell::store::Store;

pub const CATALOG: &str = "\
sku,name,category,price,stock
LAP,UltraBook 15,Laptops,1199.00,1000
BAG,Laptop bag,Laptop Bags,49.00,1000
MOUSE,Mouse,Mice,25.00,1000
";

pub fn at(minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9 + minute / 60, minute % 60, 0)
        .unwrap()
}

pub struct Shop {
    pub path: PathBuf,
    pub store: Store,
    pub cashier: i64,
    pub manager: i64,
}

/// A store file at `dir/NAME.db` with code `code`, the three-product catalog, a customer,
/// a cashier (S1, PIN 1111) and a manager (M1, PIN 9999).
pub fn shop(dir: &Path, code: &str, catalog: &str) -> Shop {
    let path = dir.join(format!("{}.db", code.to_lowercase()));
    let mut store = Store::open(&path).unwrap();
    store.set_store_code(code).unwrap();
    xsell::import::catalog::import(
        &mut store,
        catalog.as_bytes(),
        "c.csv",
        "2026-01-01T00:00:00",
    )
    .unwrap();
    xsell::import::customers::import(
        &mut store,
        "customer_id,name\nC1,Jordan\n".as_bytes(),
        "c.csv",
        "2026-01-01T00:00:00",
    )
    .unwrap();
    let cashier = store
        .upsert_staff("S1", "Ana", Role::Cashier, "1111")
        .unwrap();
    let manager = store
        .upsert_staff("M1", "Dana", Role::Manager, "9999")
        .unwrap();
    Shop {
        path,
        store,
        cashier,
        manager,
    }
}

impl Shop {
    /// A paid sale of `items` at `till`, paid in cash.
    pub fn sell(&mut self, till: &str, items: &[(&str, i64)], minute: u32) -> Committed {
        let catalog = self.store.load_catalog().unwrap();
        let mut cart = Cart::new();
        for (sku, qty) in items {
            cart.add(catalog.by_sku(sku).unwrap(), *qty, LineOrigin::Manual)
                .unwrap();
        }
        let mut d = OrderDraft {
            id: uuid::Uuid::new_v4().to_string(),
            till: till.into(),
            staff_id: self.cashier,
            customer: Some("C1".into()),
            cart,
            tender: None,
            started_at: at(minute),
            approvals: Vec::new(),
            holdout: false,
            offers: None,
        };
        self.store.save_draft(&d, at(minute)).unwrap();
        let total = price(&d.cart, &TaxRates::default()).total;
        let mut t = Tendering::new(total);
        t.pay_cash(total + Money::from_minor(500)).unwrap();
        d.tender = Some(t);
        self.store
            .complete_sale(&d, &TaxRates::default(), at(minute))
            .unwrap()
    }

    /// `n` sales at `till`, two kinds of basket taking turns.
    pub fn sell_many(&mut self, till: &str, n: u32) {
        for i in 0..n {
            let items: &[(&str, i64)] = if i % 2 == 0 {
                &[("LAP", 1), ("BAG", 1)]
            } else {
                &[("MOUSE", 2)]
            };
            self.sell(till, items, i % 600);
        }
    }
}

/// Runs the binary on a store, with extra environment.
pub fn xsell(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = crate::run_support::xsell();
    cmd.arg("--db").arg(db).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// Runs the binary with `stdin` piped in (a manager's PIN, an answer).
pub fn xsell_with_input(db: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = crate::run_support::xsell()
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `xsell check` is clean on the store.
pub fn assert_check_clean(db: &Path) {
    let out = xsell(db, &["check"], &[]);
    assert!(out.status.success(), "{}: {}", db.display(), text(&out));
}

/// (entries, sales, sum of sale totals) this store made itself.
pub fn own_journal(db: &Path) -> (i64, i64, i64) {
    let store = Store::open(db).unwrap();
    let me = store.identity().unwrap();
    store
        .conn()
        .query_row(
            "SELECT count(*), coalesce(sum(kind = 'sale'), 0),
                    coalesce(sum(CASE WHEN kind = 'sale' THEN json_extract(body, '$.total_minor') END), 0)
             FROM journal WHERE store_id = ?1",
            [&me.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

/// The server the tests run against: `XSELL_TEST_PG_URL`. Without it a test is skipped
/// loudly, and fails under CI (where .ci/run always provides one).
pub fn pg() -> Option<String> {
    match std::env::var("XSELL_TEST_PG_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("XSELL_TEST_PG_URL is not set: CI must run the headquarters tests (see .ci/run)")
        }
        _ => {
            eprintln!(
                "\n*** SKIPPED: no PostgreSQL server (set XSELL_TEST_PG_URL, e.g. via scripts/pg-throwaway.sh); \
                 the headquarters test did not run ***\n"
            );
            None
        }
    }
}

/// A new, empty database on the server for one test; its URL.
pub fn fresh_hq(base: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "xsell_t{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut c = postgres::Client::connect(base, postgres::NoTls).unwrap();
    c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    let (head, _) = base.rsplit_once('/').unwrap();
    format!("{head}/{name}")
}

/// At headquarters, by store id: (entries, sales, sum of sale totals).
pub fn at_hq(url: &str, store_id: &str) -> (i64, i64, i64) {
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let r = c
        .query_one(
            "SELECT count(*), count(*) FILTER (WHERE kind = 'sale'),
                    coalesce(sum((body ->> 'total_minor')::bigint) FILTER (WHERE kind = 'sale'), 0)::bigint
             FROM entries WHERE store_id = $1",
            &[&store_id],
        )
        .unwrap();
    (r.get(0), r.get(1), r.get(2))
}

/// Every entry of each store is at headquarters once, with the same sales and totals, the
/// chain's figures are their sum, and `xsell check` is clean on every store.
pub fn assert_chain_matches(url: &str, stores: &[&Path]) {
    let mut sum = (0, 0, 0);
    for db in stores {
        let id = Store::open(db).unwrap().identity().unwrap().id;
        let mine = own_journal(db);
        assert_eq!(
            at_hq(url, &id),
            mine,
            "{}: headquarters differs from the store",
            db.display()
        );
        sum = (sum.0 + mine.0, sum.1 + mine.1, sum.2 + mine.2);
        assert_check_clean(db);
    }
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let r = c
        .query_one(
            "SELECT count(*), count(*) FILTER (WHERE kind = 'sale'),
                    coalesce(sum((body ->> 'total_minor')::bigint) FILTER (WHERE kind = 'sale'), 0)::bigint FROM entries",
            &[],
        )
        .unwrap();
    assert_eq!(
        (r.get::<_, i64>(0), r.get::<_, i64>(1), r.get::<_, i64>(2)),
        sum,
        "the chain is not the sum of its stores"
    );
}
