//! The demo shop, TechGear: a seeded generator of the CSV files a new store imports
//! on first run (catalog, customers, staff, orders, complements, bundles).
//!
//! The committed `assets/` are this generator's output for [`DEFAULT_SEED`]; a test
//! regenerates them and compares bytes, so the files and the code that explains them
//! cannot drift apart. The order history is simulated rather than sampled: customers
//! with stable tastes come in on missions (a laptop, a phone, a refill of ink) and pick
//! up what goes with them, so the co-purchase structure the recommender mines is
//! documented in [`missions`] as plain probabilities.
//!
//! The same code writes benchmark-sized shops: extra products are synthesized in
//! families with fitted accessories, and orders are streamed to disk day by day.

mod bundles;
mod calendar;
mod catalog;
mod complements;
mod dice;
mod history;
pub mod missions;
mod offers;
mod people;
mod products;
mod scale;
mod shopper;
pub mod wholesale;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;

use crate::progress::{Progress, Reading, Unit};

pub use history::OrderStats;
pub use offers::OfferStats;

/// The seed of the committed `assets/`.
pub const DEFAULT_SEED: u64 = 20_261_031;
pub const DEFAULT_CUSTOMERS: usize = 240;
pub const DEFAULT_ORDERS: u64 = 6_000;

#[derive(Debug, Clone)]
pub struct Config {
    pub seed: u64,
    /// Catalog size; `None` is TechGear's hand-written catalog alone.
    pub products: Option<usize>,
    pub customers: usize,
    pub orders: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: DEFAULT_SEED,
            products: None,
            customers: DEFAULT_CUSTOMERS,
            orders: DEFAULT_ORDERS,
        }
    }
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Summary {
    pub products: usize,
    pub customers: usize,
    pub staff: usize,
    pub orders: OrderStats,
    pub complements: usize,
    pub bundles: usize,
    pub offers: OfferStats,
}

/// The file names, in the order they are written.
pub const FILES: [&str; 8] = [
    "catalog.csv",
    "customers.csv",
    "staff.csv",
    "orders.csv",
    "complements.csv",
    "bundles.csv",
    "order_context.csv",
    "suggestions.csv",
];

/// Writes the eight CSV files into `dir` (created if missing).
pub fn generate(dir: &Path, config: &Config) -> anyhow::Result<Summary> {
    generate_with(dir, config, &crate::progress::Silent)
}

/// [`generate`], telling `progress` about the orders written, then the orders read back
/// for their offers (in bytes).
pub fn generate_with(
    dir: &Path,
    config: &Config,
    progress: &dyn Progress,
) -> anyhow::Result<Summary> {
    anyhow::ensure!(config.customers > 0, "--customers must be at least 1");
    let mut catalog = catalog::Catalog::default();
    products::list(&mut products::Builder {
        catalog: &mut catalog,
    });
    let curated = catalog.products.len();
    let extras = match config.products {
        None => scale::Extras::default(),
        Some(n) if n >= curated => scale::extend(&mut catalog, n, config.seed),
        Some(n) => anyhow::bail!(
            "--products must be at least {curated}, the hand-written catalog (got {n})"
        ),
    };
    catalog.finish(config.seed, products::OUT_OF_STOCK);
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    write(dir, "catalog.csv", |w| catalog.write_csv(w))?;

    let mut customers = people::customers(config.seed, config.customers, config.orders, &catalog);
    write(dir, "customers.csv", |w| {
        people::write_customers(w, &customers)
    })?;
    write(dir, "staff.csv", |w| people::write_staff(w))?;

    let history = history::default_history(config.orders);
    let mut stats = OrderStats::default();
    progress.begin(
        "simulating the orders",
        Some(config.orders),
        Unit::Items("orders"),
    );
    write(dir, "orders.csv", |w| {
        stats =
            history::write_orders(w, config.seed, &catalog, &mut customers, &history, progress)?;
        Ok(())
    })?;
    progress.end();

    let mut complements = 0;
    write(dir, "complements.csv", |w| {
        complements = complements::write(w, &extras.complements)?;
        Ok(())
    })?;
    let mut bundles = 0;
    write(dir, "bundles.csv", |w| {
        bundles = bundles::write(w, &extras.bundles)?;
        Ok(())
    })?;
    // Read back from disk: a million orders stream through rather than sit in memory.
    let orders_path = dir.join("orders.csv");
    let orders_file =
        File::open(&orders_path).with_context(|| format!("reading {}", orders_path.display()))?;
    progress.begin(
        "simulating the offers",
        orders_file.metadata().map(|m| m.len()).ok(),
        Unit::Bytes,
    );
    let orders_file =
        std::io::BufReader::with_capacity(1 << 16, Reading::new(orders_file, progress));
    let context_path = dir.join("order_context.csv");
    let context = BufWriter::with_capacity(
        1 << 16,
        File::create(&context_path)
            .with_context(|| format!("creating {}", context_path.display()))?,
    );
    let mut offers = OfferStats::default();
    write(dir, "suggestions.csv", |w| {
        offers = offers::write(
            orders_file,
            config.seed,
            &catalog,
            &extras.complements,
            context,
            w,
        )?;
        Ok(())
    })?;
    progress.end();
    Ok(Summary {
        offers,
        products: catalog.products.len(),
        customers: customers.len(),
        staff: people::STAFF.len(),
        orders: stats,
        complements,
        bundles,
    })
}

fn write(
    dir: &Path,
    name: &str,
    body: impl FnOnce(&mut BufWriter<File>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let path = dir.join(name);
    let file = File::create(&path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    body(&mut out).with_context(|| format!("writing {}", path.display()))?;
    out.flush()
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
