//! `xsell mine` on the store: a mining run (`Store::mine`) and its one-line report.

use std::path::Path;

use crate::recommend::fpgrowth::Threshold;
use crate::store::Store;
use crate::store::mine::MineOptions;

use super::mine::MineArgs;

pub fn run(db: &Path, args: &MineArgs) -> anyhow::Result<()> {
    let mut store = Store::open(db)?;
    let defaults = MineOptions::default();
    let options = MineOptions {
        threshold: match (args.min_count, args.min_support) {
            (Some(c), _) => Threshold::Count(c),
            (None, Some(f)) => Threshold::Support(f),
            (None, None) => defaults.threshold,
        },
        min_confidence: args.min_confidence.unwrap_or(defaults.min_confidence),
        max_len: args.max_len.unwrap_or(defaults.max_len),
        max_antecedent: args.max_antecedent,
    };
    let started = std::time::Instant::now();
    let bars = super::progress::Bars::stderr();
    let outcome = store.mine(options, &super::now_local(), &bars)?;
    drop(bars);
    if let Some(path) = &args.itemsets_out {
        super::mine::write_itemsets(path, &outcome.itemsets, &outcome.baskets)?;
    }
    let r = outcome.report;
    tracing::info!(
        orders = r.orders,
        itemsets = r.itemsets,
        rules = r.rules,
        mining_ms = r.millis,
        took = %super::log::took(started),
        "mined the sales"
    );
    println!(
        "{}: {} orders, {} itemsets (min count {}), {} rules stored (confidence ≥ {}, lift > 1); mining took {} ms",
        db.display(),
        r.orders,
        r.itemsets,
        r.min_count,
        r.rules,
        options.min_confidence,
        r.millis
    );
    Ok(())
}
