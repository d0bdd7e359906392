//! `xsell mine` on the store: FP-growth over the paid sales, rules derived and stored for
//! the engine, replacing the previous run's.

use std::path::Path;
use std::time::Instant;

use crate::recommend::fpgrowth::{self, Threshold};
use crate::recommend::mined::MinedRule;
use crate::recommend::rules::{self, RuleParams};
use crate::store::Store;
use crate::store::mining::MiningRun;

use super::mine::MineArgs;

/// Defaults for a shop's own history: an itemset seen in one order in a thousand, rules
/// right at least one time in ten, up to three items.
const DEFAULT_SUPPORT: f64 = 0.001;
const DEFAULT_CONFIDENCE: f64 = 0.1;
const DEFAULT_MAX_LEN: usize = 3;

pub fn run(db: &Path, args: &MineArgs) -> anyhow::Result<()> {
    let mut store = Store::open(db)?;
    let baskets = store.sale_baskets()?;
    let threshold = match (args.min_count, args.min_support) {
        (Some(c), _) => Threshold::Count(c),
        (None, Some(f)) => Threshold::Support(f),
        (None, None) => Threshold::Support(DEFAULT_SUPPORT),
    };
    let min_count = threshold.min_count(baskets.len())?.max(2);
    let min_confidence = args.min_confidence.unwrap_or(DEFAULT_CONFIDENCE);
    if !(0.0..=1.0).contains(&min_confidence) {
        anyhow::bail!("--min-confidence {min_confidence} is not in [0, 1]");
    }
    let max_len = Some(args.max_len.unwrap_or(DEFAULT_MAX_LEN));
    let start = Instant::now();
    let tx: Vec<&[u32]> = baskets.baskets.iter().map(|b| b.items.as_slice()).collect();
    let itemsets = fpgrowth::mine(&tx, min_count, max_len);
    let found = rules::rules(
        &itemsets,
        baskets.len(),
        RuleParams {
            min_confidence,
            max_antecedent_len: args.max_antecedent,
        },
    )?;
    let millis = start.elapsed().as_millis() as u64;
    let label = |i: u32| baskets.index.label(i).to_string();
    // Only rules that say more than popularity does are worth an offer.
    let mined: Vec<MinedRule> = found
        .iter()
        .filter(|r| r.lift > 1.0)
        .map(|r| {
            let mut antecedent: Vec<String> = r.antecedent.iter().map(|&i| label(i)).collect();
            antecedent.sort();
            MinedRule {
                id: 0,
                antecedent,
                consequent: label(r.consequent),
                antecedent_count: r.antecedent_count,
                count: r.count,
                confidence: r.confidence,
                lift: r.lift,
            }
        })
        .collect();
    let run = MiningRun {
        mined_at: super::now_local(),
        orders: baskets.len(),
        min_count,
        min_confidence,
        max_len,
        millis,
    };
    let sets = itemsets.iter().map(|(items, count)| {
        let mut labels: Vec<&str> = items.iter().map(|&i| baskets.index.label(i)).collect();
        labels.sort_unstable();
        (labels, count)
    });
    store.save_mining_run(&run, sets, &mined)?;
    println!(
        "{}: {} orders, {} itemsets (min count {min_count}), {} rules stored (confidence ≥ {min_confidence}, lift > 1); mining took {} ms",
        db.display(),
        baskets.len(),
        itemsets.len(),
        mined.len(),
        millis
    );
    Ok(())
}
