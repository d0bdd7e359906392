//! Headquarters measured on a local PostgreSQL server: push throughput (journal entries per
//! second) for several batch sizes, and the time to pull a 100,000-product catalog into a
//! store (new, and again when the store already has it). Needs a server:
//!   scripts/pg-throwaway.sh init /tmp/pg && XSELL_TEST_PG_URL=$(scripts/pg-throwaway.sh start /tmp/pg) \
//!     cargo bench --bench hq
//! XSELL_BENCH_SALES sets the number of sales pushed (default 20,000).

use std::path::Path;
use std::time::Instant;

use xsell::domain::cart::{Cart, LineOrigin};
use xsell::domain::money::Money;
use xsell::domain::order::OrderDraft;
use xsell::domain::people::Role;
use xsell::domain::pricing::{TaxRates, price};
use xsell::domain::tender::Tendering;
use xsell::hq;
use xsell::store::Store;

fn fresh_hq(base: &str, name: &str) -> String {
    let mut c = postgres::Client::connect(base, postgres::NoTls).unwrap();
    // Two statements, not one batch: neither may run inside a transaction.
    c.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    let (head, _) = base.rsplit_once('/').unwrap();
    format!("{head}/{name}")
}

/// A store with `sales` paid sales of one to three lines.
fn store_with_sales(path: &Path, sales: usize) -> Store {
    let mut store = Store::open(path).unwrap();
    store.set_store_code("B1").unwrap();
    let mut csv = String::from("sku,name,category,price,stock\n");
    for i in 0..200 {
        csv.push_str(&format!(
            "P{i:03},Product {i},Cat {},{}.50,1000000\n",
            i % 20,
            5 + i % 90
        ));
    }
    xsell::import::catalog::import(&mut store, csv.as_bytes(), "c.csv", "2026-01-01T00:00:00")
        .unwrap();
    let staff = store
        .upsert_staff("S1", "Ana", Role::Cashier, "1111")
        .unwrap();
    // Building the history is not what is measured: no fsync per sale.
    store
        .conn()
        .execute_batch("PRAGMA synchronous = OFF")
        .unwrap();
    let catalog = store.load_catalog().unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    for n in 0..sales {
        let mut cart = Cart::new();
        for k in 0..(1 + n % 3) {
            let sku = format!("P{:03}", (n * 7 + k * 13) % 200);
            cart.add(catalog.by_sku(&sku).unwrap(), 1, LineOrigin::Manual)
                .unwrap();
        }
        let mut d = OrderDraft {
            id: uuid::Uuid::new_v4().to_string(),
            till: format!("Till {}", 1 + n % 4),
            staff_id: staff,
            customer: None,
            cart,
            tender: None,
            started_at: at,
            approvals: Vec::new(),
            holdout: false,
            offers: None,
        };
        let total = price(&d.cart, &TaxRates::default()).total;
        let mut t = Tendering::new(total);
        t.pay_cash(total + Money::from_minor(100)).unwrap();
        d.tender = Some(t);
        store.complete_sale(&d, &TaxRates::default(), at).unwrap();
    }
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    store
}

fn main() {
    let Some(base) = std::env::var("XSELL_TEST_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!(
            "hq: set XSELL_TEST_PG_URL to a PostgreSQL server (scripts/pg-throwaway.sh); skipped"
        );
        return;
    };
    let sales: usize = std::env::var("XSELL_BENCH_SALES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let dir = tempfile::tempdir().unwrap();
    let base_db = dir.path().join("base.db");
    let started = Instant::now();
    drop(store_with_sales(&base_db, sales));
    eprintln!(
        "{sales} sales made in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    println!("push of {sales} journal entries into a local PostgreSQL, by batch size:");
    for batch in [100usize, 500, 1_000, 2_000, 5_000] {
        let db = dir.path().join(format!("push-{batch}.db"));
        std::fs::copy(&base_db, &db).unwrap();
        let mut store = Store::open(&db).unwrap();
        let url = fresh_hq(&base, &format!("xsell_bench_push_{batch}"));
        let mut client = hq::connect(&url).unwrap();
        let t = Instant::now();
        let done =
            hq::push::push(&mut store, &mut client, &url, batch, "2026-11-23T12:00:00").unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(done.sent, sales);
        println!(
            "  batch {batch:>5}: {:>6.2} s, {:>7.0} entries/s ({} batches)",
            secs,
            sales as f64 / secs,
            done.batches
        );
    }

    let products = 100_000;
    let head = dir.path().join("head.db");
    let mut store = Store::open(&head).unwrap();
    let mut csv = String::from("sku,name,category,price,stock\n");
    for i in 0..products {
        csv.push_str(&format!(
            "SKU{i:06},Product number {i},Category {},{}.99,{}\n",
            i % 300,
            1 + i % 500,
            i % 50
        ));
    }
    xsell::import::catalog::import(&mut store, csv.as_bytes(), "c.csv", "2026-01-01T00:00:00")
        .unwrap();
    let url = fresh_hq(&base, "xsell_bench_pull");
    let mut client = hq::connect(&url).unwrap();
    let t = Instant::now();
    hq::catalog::publish(&store, &mut client).unwrap();
    println!(
        "publish of a {products}-product catalog: {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let target = dir.path().join("pull.db");
    let mut into = Store::open(&target).unwrap();
    for what in ["into an empty store", "again (every product known)"] {
        let t = Instant::now();
        let pulled = hq::catalog::pull(&mut into, &mut client).unwrap();
        assert_eq!(pulled.products, products);
        println!(
            "pull of a {products}-product catalog {what}: {:.2} s",
            t.elapsed().as_secs_f64()
        );
    }
}
