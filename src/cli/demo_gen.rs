//! `xsell demo generate`: writes the demo shop's CSV files (or a benchmark-sized shop).

use std::path::PathBuf;
use std::time::Instant;

use crate::demo::generate::{self, Config};

/// Which kind of shop to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Profile {
    /// TechGear, the electronics shop of the demo (small baskets, curated pairings).
    Techgear,
    /// A cash-and-carry: 3,800 products without categories or stock, baskets of 25 lines
    /// on average and up to 1,000, repeat customers on four orders in five.
    Wholesale,
}

#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// The kind of shop.
    #[arg(long, value_enum, default_value_t = Profile::Techgear)]
    pub profile: Profile,
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
    /// Loyalty customers (default: 240 for techgear, one per five orders for wholesale).
    #[arg(long)]
    pub customers: Option<usize>,
    /// Number of orders over the thirteen months ending 2026-10-31.
    #[arg(long, default_value_t = generate::DEFAULT_ORDERS)]
    pub orders: u64,
}

pub fn run(args: GenerateArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    if args.profile == Profile::Wholesale {
        let w = generate::wholesale::generate(
            &args.out,
            args.seed,
            args.products
                .unwrap_or(generate::wholesale::DEFAULT_PRODUCTS),
            args.customers.unwrap_or((args.orders / 5).max(1) as usize),
            args.orders,
        )?;
        println!(
            "wrote {}: {} products, {} customers, {} orders ({} lines, {:.1} a basket, the largest {}) in {:.1?}",
            args.out.display(),
            w.products,
            w.customers,
            w.orders,
            w.lines,
            w.lines as f64 / w.orders.max(1) as f64,
            w.largest,
            started.elapsed()
        );
        return Ok(());
    }
    let config = Config {
        seed: args.seed,
        products: args.products,
        customers: args.customers.unwrap_or(generate::DEFAULT_CUSTOMERS),
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
