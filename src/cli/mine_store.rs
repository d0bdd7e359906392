//! `xsell mine` on the store: a mining run (`Store::mine`) and its one-line report.

use std::path::Path;

use crate::recommend::fpgrowth::Threshold;
use crate::store::Store;
use crate::store::mining::MineOptions;

use super::mine::MineArgs;

pub fn run(db: &Path, args: &MineArgs) -> anyhow::Result<()> {
    let mut store = Store::open(db)?;
    let defaults = MineOptions::default();
    let given = match (args.min_count, args.min_support) {
        (Some(c), _) => Some(Threshold::Count(c)),
        (None, Some(f)) => Some(Threshold::Support(f)),
        (None, None) => None,
    };
    let options = MineOptions {
        threshold: given.unwrap_or(defaults.threshold),
        // A threshold the shop gives means exactly what it says.
        budget: given.map_or(defaults.budget, |_| None),
        max_lines: given.map_or(defaults.max_lines, |_| None),
        min_confidence: args.min_confidence.unwrap_or(defaults.min_confidence),
        max_len: args.max_len.unwrap_or(defaults.max_len),
        max_antecedent: args.max_antecedent,
        tune: !args.no_tune,
        tune_seconds: args.tune_seconds,
    };
    let started = std::time::Instant::now();
    let bars = super::progress::Bars::stderr();
    let outcome = store.mine(options, &super::now_local(), &bars)?;
    drop(bars);
    if let Some(path) = &args.itemsets_out {
        super::mine::write_itemsets(path, &outcome.itemsets, &outcome.baskets)?;
    }
    let r = &outcome.report;
    tracing::info!(
        orders = r.orders,
        itemsets = r.itemsets,
        rules = r.rules,
        mining_ms = r.millis,
        took = %super::log::took(started),
        "mined the sales"
    );
    let chosen = match options.budget {
        Some(b) => format!("min count {}, chosen for at most {b} itemsets", r.min_count),
        None => format!("min count {}", r.min_count),
    };
    let orders = match r.mined {
        Some(n) => format!(
            "{} orders (the newest {n} mined: at most {} lines)",
            r.orders,
            options.max_lines.unwrap_or_default()
        ),
        None => format!("{} orders", r.orders),
    };
    println!(
        "{}: {orders}, {} itemsets ({chosen}), {} rules stored (confidence ≥ {}, lift > 1, the best {} per antecedent); mining took {} ms",
        db.display(),
        r.itemsets,
        r.rules,
        options.min_confidence,
        crate::recommend::budget::RULES_PER_ANTECEDENT,
        r.millis
    );
    if let Some(t) = &r.tuning {
        println!(
            "the engine's parameters tuned on {} cases of this history ({} settings, {} ms{}): hit@3 {:.3}, built-in {:.3}",
            t.cases,
            t.trials,
            t.millis,
            if t.stopped {
                ", stopped at the time limit"
            } else {
                ""
            },
            t.hit3,
            t.hit3_builtin
        );
        if let Some(choice) = &t.rules {
            let tried: Vec<String> = choice
                .tried
                .iter()
                .map(|(w, m)| format!("{w} → {:.3}", m.hit3))
                .collect();
            println!(
                "the rules' own weight at the till: {} (hit@3 of the engine on {} recent cases: {})",
                choice.weight,
                choice.tried.first().map_or(0, |(_, m)| m.cases),
                tried.join(", ")
            );
        }
    }
    Ok(())
}
