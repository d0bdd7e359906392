//! A small shop in an in-memory store for the store's tests: three products, a customer and
//! a cashier, and a way to pay an order in full.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use xsell::domain::money::Money;
use xsell::domain::order::OrderDraft;
use xsell::domain::people::Role;
use xsell::domain::pricing::{TaxRates, price};
use xsell::domain::tender::Tendering;
use xsell::import;
use xsell::store::Store;

pub const CATALOG: &str = "\
sku,name,category,price,stock
LAP,UltraBook 15,Laptops,1199.00,5
BAG,Laptop bag,Laptop Bags,49.00,20
MOUSE,Mouse,Mice,25.00,10
";

pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
}

pub fn setup() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    import::catalog::import(
        &mut store,
        CATALOG.as_bytes(),
        "c.csv",
        "2026-01-01T00:00:00",
    )
    .unwrap();
    import::customers::import(
        &mut store,
        "customer_id,name\nC1,Jordan\n".as_bytes(),
        "c.csv",
        "2026-01-01T00:00:00",
    )
    .unwrap();
    let staff = store
        .upsert_staff("S1", "Ana", Role::Cashier, "1111")
        .unwrap();
    (store, staff)
}

pub fn pay_all(d: &mut OrderDraft) {
    let total = price(&d.cart, &TaxRates::default()).total;
    let mut t = Tendering::new(total);
    t.pay_cash(total + Money::from_minor(1_000)).unwrap();
    d.tender = Some(t);
}
