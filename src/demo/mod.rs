//! The demo shop: the CSV files under `assets/`, compiled into the binary so that `xsell`
//! works anywhere on first run, and loaded through the same importers a shop uses.

pub mod generate;

use std::path::Path;

use anyhow::Context;

use crate::import;
use crate::store::Store;

pub const CATALOG: &str = include_str!("../../assets/catalog.csv");
pub const CUSTOMERS: &str = include_str!("../../assets/customers.csv");
pub const STAFF: &str = include_str!("../../assets/staff.csv");
pub const ORDERS: &str = include_str!("../../assets/orders.csv");
pub const COMPLEMENTS: &str = include_str!("../../assets/complements.csv");
pub const BUNDLES: &str = include_str!("../../assets/bundles.csv");
pub const ORDER_CONTEXT: &str = include_str!("../../assets/order_context.csv");
pub const SUGGESTIONS: &str = include_str!("../../assets/suggestions.csv");

/// What the demo load put in the store, for its one-line report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoCounts {
    pub products: u64,
    pub customers: u64,
    pub orders: u64,
}

/// Loads the demo shop into an empty store, all files or none.
pub fn load(store: &mut Store, at: &str) -> anyhow::Result<DemoCounts> {
    let staff = import::staff::import(store, STAFF.as_bytes(), "assets/staff.csv")?;
    let catalog = import::catalog::import(store, CATALOG.as_bytes(), "assets/catalog.csv", at)?;
    let customers =
        import::customers::import(store, CUSTOMERS.as_bytes(), "assets/customers.csv", at)?;
    let orders = import::orders::import(
        store,
        ORDERS.as_bytes(),
        "assets/orders.csv",
        at,
        &mut |_| {},
    )?;
    // Who served each order and the control group first: offers are checked against them.
    import::suggestions::import_context(
        store,
        ORDER_CONTEXT.as_bytes(),
        "assets/order_context.csv",
    )?;
    import::suggestions::import(store, SUGGESTIONS.as_bytes(), "assets/suggestions.csv")?;
    import::complements::import(store, COMPLEMENTS.as_bytes(), "assets/complements.csv")?;
    import::bundles::import(store, BUNDLES.as_bytes(), "assets/bundles.csv")?;
    // Mined from the start: the first scan already gets rules and repurchase reminders.
    store.mine(
        crate::store::mine::MineOptions::default(),
        at,
        &crate::progress::Silent,
    )?;
    debug_assert!(staff.added > 0);
    Ok(DemoCounts {
        products: catalog.added,
        customers: customers.added + orders.customers_created,
        orders: orders.added,
    })
}

/// Creates a new store file at `path` holding the demo shop. On failure the half-made file
/// is removed, so the next start tries again instead of opening an empty shop.
pub fn create(path: &Path, at: &str) -> anyhow::Result<DemoCounts> {
    let result = Store::open(path)
        .map_err(anyhow::Error::from)
        .and_then(|mut store| load(&mut store, at));
    if result.is_err() {
        remove_store_files(path);
    }
    result.with_context(|| format!("could not create the demo shop at {}", path.display()))
}

/// Removes a store file with its WAL and shared-memory companions.
pub fn remove_store_files(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}
