//! `xsell demo generate`: writes the demo shop's CSV files (or a benchmark-sized shop).

use std::path::PathBuf;
use std::time::Instant;

use crate::demo::generate::{self, Config};

#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// Directory to write catalog.csv, customers.csv, staff.csv, orders.csv,
    /// complements.csv, bundles.csv, order_context.csv and suggestions.csv into.
    #[arg(long)]
    pub out: PathBuf,
    /// Seed; the default reproduces the committed assets/ byte for byte.
    #[arg(long, default_value_t = generate::DEFAULT_SEED)]
    pub seed: u64,
    /// Catalog size, at least the 276 hand-written products; more adds synthesized
    /// product lines (devices in tiers with the accessories that fit them).
    #[arg(long)]
    pub products: Option<usize>,
    /// Loyalty customers.
    #[arg(long, default_value_t = generate::DEFAULT_CUSTOMERS)]
    pub customers: usize,
    /// Number of orders over the thirteen months ending 2026-10-31.
    #[arg(long, default_value_t = generate::DEFAULT_ORDERS)]
    pub orders: u64,
}

pub fn run(args: GenerateArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let config = Config {
        seed: args.seed,
        products: args.products,
        customers: args.customers,
        orders: args.orders,
    };
    let bars = super::progress::Bars::stderr();
    let s = generate::generate_with(&args.out, &config, &bars)?;
    drop(bars);
    println!(
        "wrote {}: {} products, {} customers, {} staff, {} orders ({} lines, {} anonymous, {} ink refills), {} complements, {} bundles, {} offers ({} accepted, {} orders in the control group) in {:.1?}",
        args.out.display(),
        s.products,
        s.customers,
        s.staff,
        s.orders.orders,
        s.orders.lines,
        s.orders.anonymous,
        s.orders.ink_visits,
        s.complements,
        s.bundles,
        s.offers.offers,
        s.offers.accepted,
        s.offers.control,
        started.elapsed()
    );
    Ok(())
}
