//! A mining run over the store's sales: FP-growth, rules with lift > 1, and the shop's usual
//! repurchase intervals, stored for the engine in place of the previous run's.

use std::time::Instant;

use crate::progress::{Progress, Unit};
use crate::recommend::baskets::Baskets;
use crate::recommend::budget;
use crate::recommend::fpgrowth::{self, Itemsets, Threshold};
use crate::recommend::mined::MinedRule;
use crate::recommend::profile;
use crate::recommend::rules::{self, RuleParams};
use crate::store::mining::MiningRun;
use crate::store::{Store, StoreError, StoreResult};

/// What a run is asked. The defaults suit a shop's own history: an itemset seen in one
/// order in a thousand, raised until at most `budget::ITEMSET_BUDGET` itemsets are found,
/// rules right at least one time in ten, up to three items.
#[derive(Debug, Clone, Copy)]
pub struct MineOptions {
    pub threshold: Threshold,
    /// With a budget, `threshold` is the lowest count tried and the count is raised until
    /// the itemsets fit; without one (a threshold the shop gave), it is exact.
    pub budget: Option<usize>,
    pub min_confidence: f64,
    pub max_len: usize,
    pub max_antecedent: Option<usize>,
}

impl Default for MineOptions {
    fn default() -> MineOptions {
        MineOptions {
            threshold: Threshold::Support(0.001),
            budget: Some(budget::ITEMSET_BUDGET),
            min_confidence: 0.1,
            max_len: 3,
            max_antecedent: None,
        }
    }
}

/// What a run found, with the itemsets themselves for whoever wants to write them out.
pub struct MineOutcome {
    pub report: MineReport,
    pub itemsets: Itemsets,
    /// The baskets mined, whose item index names the itemsets' items.
    pub baskets: Baskets,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MineReport {
    pub orders: usize,
    pub min_count: u32,
    pub itemsets: usize,
    pub rules: usize,
    pub millis: u64,
}

impl Store {
    /// `progress` hears each stage: reading the sales, mining, storing.
    pub fn mine(
        &mut self,
        options: MineOptions,
        at: &str,
        progress: &dyn Progress,
    ) -> StoreResult<MineOutcome> {
        if !(0.0..=1.0).contains(&options.min_confidence) {
            return Err(StoreError::Invalid(format!(
                "minimum confidence {} is not in [0, 1]",
                options.min_confidence
            )));
        }
        progress.begin("reading the sales", None, Unit::Items("orders"));
        let (baskets, purchases) = self.sales_with_purchases()?;
        let catalog = self.load_catalog()?;
        let intervals = profile::intervals(purchases.values().map(Vec::as_slice), &catalog);
        let floor = options
            .threshold
            .min_count(baskets.len())
            .map_err(|e| StoreError::Invalid(e.to_string()))?
            .max(2);
        progress.begin("mining itemsets and rules", None, Unit::Items("itemsets"));
        let start = Instant::now();
        let tx: Vec<&[u32]> = baskets.baskets.iter().map(|b| b.items.as_slice()).collect();
        let min_count = match options.budget {
            Some(b) => budget::min_count_for_budget(&tx, floor, Some(options.max_len), b).0,
            None => floor,
        };
        let itemsets = fpgrowth::mine(&tx, min_count, Some(options.max_len));
        let params = RuleParams {
            min_confidence: options.min_confidence,
            max_antecedent_len: options.max_antecedent,
        };
        let found = rules::rules(&itemsets, baskets.len(), params)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let found: Vec<_> = found.into_iter().filter(|r| r.lift > 1.0).collect();
        let found = budget::best_per_antecedent(found, budget::RULES_PER_ANTECEDENT);
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
            mined_at: at.to_string(),
            orders: baskets.len(),
            min_count,
            min_confidence: options.min_confidence,
            max_len: Some(options.max_len),
            millis,
            intervals,
        };
        let sets = itemsets.iter().map(|(items, count)| {
            let mut labels: Vec<&str> = items.iter().map(|&i| baskets.index.label(i)).collect();
            labels.sort_unstable();
            (labels, count)
        });
        progress.begin("storing the rules", None, Unit::Items("rules"));
        self.save_mining_run(&run, sets, &mined)?;
        progress.end();
        let report = MineReport {
            orders: baskets.len(),
            min_count,
            itemsets: itemsets.len(),
            rules: mined.len(),
            millis,
        };
        Ok(MineOutcome {
            report,
            itemsets,
            baskets,
        })
    }
}
