//! The demo shop: the CSV files under `assets/`, compiled into the binary so that `xsell`
//! works anywhere on first run, and loaded through the same importers a shop uses.

pub mod generate;

use std::path::Path;

use anyhow::Context;

use crate::import;
use crate::progress::{Progress, Reading, Silent, Unit};
use crate::store::Store;

pub const CATALOG: &str = include_str!("../../assets/catalog.csv");
pub const CUSTOMERS: &str = include_str!("../../assets/customers.csv");
pub const STAFF: &str = include_str!("../../assets/staff.csv");
pub const ORDERS: &str = include_str!("../../assets/orders.csv");
pub const COMPLEMENTS: &str = include_str!("../../assets/complements.csv");
pub const BUNDLES: &str = include_str!("../../assets/bundles.csv");
pub const ORDER_CONTEXT: &str = include_str!("../../assets/order_context.csv");
pub const SUGGESTIONS: &str = include_str!("../../assets/suggestions.csv");
pub const SHOP: &str = include_str!("../../assets/shop.toml");

/// What the demo load put in the store, for its one-line report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoCounts {
    pub products: u64,
    pub customers: u64,
    pub orders: u64,
}

/// Loads the demo shop into an empty store, all files or none.
pub fn load(store: &mut Store, at: &str) -> anyhow::Result<DemoCounts> {
    load_with(store, at, &Silent)
}

/// [`load`], telling `progress` about the bytes of the files imported, then the mining.
pub fn load_with(
    store: &mut Store,
    at: &str,
    progress: &dyn Progress,
) -> anyhow::Result<DemoCounts> {
    let by = crate::store::staff::ChangedBy {
        till: "demo".into(),
        at: crate::store::parse_ts(at),
        manager: None,
    };
    let shop = crate::domain::settings::ShopFile::parse(SHOP, "assets/shop.toml")
        .map_err(anyhow::Error::msg)?;
    let mut settings = shop.apply(store.settings()?);
    // The demo catalog names three tax classes; food and services are taxed like the rest.
    for class in ["food", "services"] {
        let rate = settings.tax.default_bp;
        settings.tax.by_class.entry(class.into()).or_insert(rate);
    }
    store.save_settings(&settings)?;
    let files = [
        STAFF,
        CATALOG,
        CUSTOMERS,
        ORDERS,
        ORDER_CONTEXT,
        SUGGESTIONS,
        COMPLEMENTS,
        BUNDLES,
    ];
    let bytes = files.iter().map(|f| f.len() as u64).sum();
    progress.begin("creating the demo shop", Some(bytes), Unit::Bytes);
    let read = |text: &'static str| Reading::new(text.as_bytes(), progress);
    let staff = import::staff::import(store, read(STAFF), "assets/staff.csv", &by)?;
    let catalog = import::catalog::import(store, read(CATALOG), "assets/catalog.csv", at)?;
    let customers = import::customers::import(store, read(CUSTOMERS), "assets/customers.csv", at)?;
    let orders =
        import::history::import(store, read(ORDERS), "assets/orders.csv", at, &mut |_| {})?;
    // Who served each order and the control group first: offers are checked against them.
    import::offer_log::import_context(store, read(ORDER_CONTEXT), "assets/order_context.csv")?;
    import::offer_log::import(store, read(SUGGESTIONS), "assets/suggestions.csv")?;
    import::complements::import(store, read(COMPLEMENTS), "assets/complements.csv")?;
    import::bundles::import(store, read(BUNDLES), "assets/bundles.csv")?;
    // Mined from the start: the first scan already gets rules and repurchase reminders.
    // The demo keeps the built-in parameters: its offers stay the same from run to run of the
    // generator and its tests, and `xsell mine` on it tunes them as on any shop.
    let options = crate::store::mining::MineOptions {
        tune: false,
        ..Default::default()
    };
    store.mine(options, at, progress)?;
    progress.end();
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
    create_with(path, at, &Silent)
}

/// [`create`], with its progress.
pub fn create_with(path: &Path, at: &str, progress: &dyn Progress) -> anyhow::Result<DemoCounts> {
    let result = Store::open(path)
        .map_err(anyhow::Error::from)
        .and_then(|mut store| load_with(&mut store, at, progress));
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
