//! Mining runs over the store's sales: FP-growth, rules with lift > 1, and the shop's usual
//! repurchase intervals (`Store::mine`), kept per run so a shop can see when its rules were
//! last refreshed. Only the latest run's rows are kept.

use std::sync::Arc;
use std::time::Instant;

use rusqlite::{OptionalExtension, params};

use crate::progress::{Progress, Unit};
use crate::recommend::baskets::Baskets;
use crate::recommend::budget;
use crate::recommend::fpgrowth::{Itemsets, Threshold};
use crate::recommend::mined::MinedRule;
use crate::recommend::model::tune::{self, Budget};
use crate::recommend::model::{self, Model, Params};
use crate::recommend::profile::{self, Intervals};
use crate::recommend::rule_weight;
use crate::recommend::rules::RuleParams;
use crate::recommend::split;
use crate::store::{Store, StoreError, StoreResult};

/// What a run was asked and what it found.
#[derive(Debug, Clone, PartialEq)]
pub struct MiningRun {
    pub mined_at: String,
    pub orders: usize,
    pub min_count: u32,
    pub min_confidence: f64,
    pub max_len: Option<usize>,
    pub millis: u64,
    /// The shop's usual repurchase intervals, by lower-cased consumable category.
    pub intervals: Intervals,
    /// The engine's parameters tuned on this history; `None`: the built-in ones.
    pub params: Option<Params>,
}

impl Store {
    /// Replaces the stored itemsets and rules with a new run's, in one transaction.
    pub fn save_mining_run<'a>(
        &mut self,
        run: &MiningRun,
        itemsets: impl Iterator<Item = (Vec<&'a str>, u32)>,
        rules: &[MinedRule],
    ) -> StoreResult<i64> {
        self.write(|tx| {
            tx.execute("DELETE FROM mined_rules", [])?;
            tx.execute("DELETE FROM itemsets", [])?;
            tx.execute(
                "INSERT INTO mining_runs (mined_at, orders, min_count, min_confidence, max_len, itemsets, rules, millis, intervals, params)
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?9)",
                params![
                    run.mined_at,
                    run.orders as i64,
                    run.min_count,
                    run.min_confidence,
                    run.max_len.map(|m| m as i64),
                    rules.len() as i64,
                    run.millis as i64,
                    serde_json::to_string(&run.intervals).expect("intervals serialize"),
                    run.params.as_ref().map(|p| serde_json::to_string(p).expect("parameters serialize"))
                ],
            )?;
            let id = tx.last_insert_rowid();
            let mut n = 0i64;
            {
                let mut stmt = tx.prepare("INSERT INTO itemsets (run_id, items, count) VALUES (?1, ?2, ?3)")?;
                for (items, count) in itemsets {
                    stmt.execute(params![id, serde_json::to_string(&items).expect("labels serialize"), count])?;
                    n += 1;
                }
                let mut stmt = tx.prepare(
                    "INSERT INTO mined_rules (run_id, antecedent, consequent, antecedent_count, pair_count, support, confidence, lift)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?;
                for r in rules {
                    let support = r.count as f64 / run.orders.max(1) as f64;
                    stmt.execute(params![
                        id,
                        serde_json::to_string(&r.antecedent).expect("labels serialize"),
                        r.consequent,
                        r.antecedent_count,
                        r.count,
                        support,
                        r.confidence,
                        r.lift
                    ])?;
                }
            }
            tx.execute("UPDATE mining_runs SET itemsets = ?2 WHERE id = ?1", params![id, n])?;
            Ok(id)
        })
    }

    /// The repurchase intervals of the latest run, if any run worked them out.
    pub fn load_intervals(&self) -> StoreResult<Option<Intervals>> {
        let text: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT intervals FROM mining_runs ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(text.flatten().and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// The parameters the latest run tuned, if it tuned any. Fields a later version adds
    /// take their built-in values.
    pub fn load_params(&self) -> StoreResult<Option<Params>> {
        let text: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT params FROM mining_runs ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(text.flatten().and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// The parameters the engine at the till runs with: the latest run's, else the built-in.
    pub fn engine_params(&self) -> StoreResult<Params> {
        Ok(self.load_params()?.unwrap_or_default())
    }

    /// The rules of the latest run.
    pub fn load_rules(&self) -> StoreResult<Vec<MinedRule>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, antecedent, consequent, antecedent_count, pair_count, confidence, lift FROM mined_rules ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            let ante: String = r.get(1)?;
            Ok(MinedRule {
                id: r.get(0)?,
                antecedent: serde_json::from_str(&ante).unwrap_or_default(),
                consequent: r.get(2)?,
                antecedent_count: r.get(3)?,
                count: r.get(4)?,
                confidence: r.get(5)?,
                lift: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// What a run is asked. The defaults suit a shop's own history: an itemset seen in one
/// order in a thousand, raised until at most `budget::ITEMSET_BUDGET` itemsets are found, in
/// the newest orders that hold `budget::MINING_LINES` items, rules right at least one time in
/// ten, up to three items.
#[derive(Debug, Clone, Copy)]
pub struct MineOptions {
    pub threshold: Threshold,
    /// With a budget, `threshold` is the lowest count tried and the count is raised until
    /// the itemsets fit; without one (a threshold the shop gave), it is exact.
    pub budget: Option<usize>,
    /// Mine only the newest orders holding at most this many lines; `None`: every order
    /// (a threshold the shop gave).
    pub max_lines: Option<usize>,
    pub min_confidence: f64,
    pub max_len: usize,
    pub max_antecedent: Option<usize>,
    /// Tune the engine's parameters on the history and store them with the run.
    pub tune: bool,
    /// Tuning ends by this time and keeps the best found so far.
    pub tune_seconds: u64,
}

/// By default tuning inside `xsell mine` ends by this time even before its settings
/// (`Budget::for_window`) are all tried, so a run on a slow machine still ends within a
/// minute or so.
pub const TUNE_SECONDS: u64 = 40;

impl Default for MineOptions {
    fn default() -> MineOptions {
        MineOptions {
            threshold: Threshold::Support(0.001),
            budget: Some(budget::ITEMSET_BUDGET),
            max_lines: Some(budget::MINING_LINES),
            min_confidence: 0.1,
            max_len: 3,
            max_antecedent: None,
            tune: true,
            tune_seconds: TUNE_SECONDS,
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

#[derive(Debug, Clone, PartialEq)]
pub struct MineReport {
    pub orders: usize,
    /// The newest orders mined, when not all of them were (`MineOptions::max_lines`).
    pub mined: Option<usize>,
    pub min_count: u32,
    pub itemsets: usize,
    pub rules: usize,
    pub millis: u64,
    pub tuning: Option<TuneReport>,
}

/// How tuning went: the validation figures of the parameters kept, against the built-in.
#[derive(Debug, Clone, PartialEq)]
pub struct TuneReport {
    pub cases: usize,
    pub hit3_builtin: f64,
    pub hit3: f64,
    pub trials: usize,
    /// Ended by the time limit rather than by finding no better move.
    pub stopped: bool,
    pub millis: u64,
    /// The rules' weight chosen on the newest orders, when there were enough to tell.
    pub rules: Option<rule_weight::Choice>,
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
        // Read before the sales: a sale made while they are read makes the kept model stale,
        // never current without it.
        let generation = self.sales_generation()?;
        let baskets = self.sales_with_customers()?;
        let catalog = Arc::new(self.load_catalog()?);
        progress.begin(
            "working out the repurchase intervals",
            None,
            Unit::Items("customers"),
        );
        let intervals = profile::intervals_of_baskets(&baskets, &catalog);
        // The history in split order, found once: the mining window, tuning, the rules' weight
        // and the kept model all take its newest orders.
        let all: Vec<usize> = (0..baskets.len()).collect();
        let lines: usize = baskets.baskets.iter().map(|b| b.items.len()).sum();
        let windowed = options.max_lines.is_some_and(|m| lines > m);
        let ordered = if windowed || options.tune || lines > model::LEARN_LINES {
            split::in_split_order(&baskets.baskets, &all)
        } else {
            Vec::new()
        };
        let mined_from: &[usize] = match options.max_lines {
            Some(m) if windowed => split::newest_within(&baskets.baskets, &ordered, usize::MAX, m),
            _ => &all,
        };
        let floor = options
            .threshold
            .min_count(mined_from.len())
            .map_err(|e| StoreError::Invalid(e.to_string()))?
            .max(2);
        progress.begin("mining itemsets and rules", None, Unit::Items("itemsets"));
        let start = Instant::now();
        let tx: Vec<&[u32]> = mined_from
            .iter()
            .map(|&i| baskets.baskets[i].items.as_slice())
            .collect();
        let params_of_rules = RuleParams {
            min_confidence: options.min_confidence,
            max_antecedent_len: options.max_antecedent,
        };
        let mined =
            budget::mine_rules(&tx, floor, options.budget, options.max_len, params_of_rules)
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
        drop(tx);
        let (min_count, itemsets, found) = (mined.min_count, mined.itemsets, mined.rules);
        let millis = start.elapsed().as_millis() as u64;
        // Only rules that say more than popularity does are worth an offer.
        let mined: Vec<MinedRule> = found
            .iter()
            .filter(|r| r.lift > 1.0)
            .map(|r| MinedRule::of(r, &baskets.index))
            .collect();
        let (params, tuning) = if options.tune {
            let recent = rule_weight::window(&baskets, &ordered);
            let (mut params, mut report) =
                tune_on(&baskets, recent, options.tune_seconds, progress);
            progress.begin("weighing the rules", None, Unit::Items("weights"));
            let started = Instant::now();
            let limit = std::time::Duration::from_secs(options.tune_seconds);
            let mining = rule_weight::Mining {
                min_count,
                orders: mined_from.len(),
                max_len: options.max_len,
                rules: params_of_rules,
            };
            report.rules = rule_weight::choose(
                &baskets,
                recent,
                Arc::clone(&catalog),
                &params,
                &mining,
                &|| started.elapsed() > limit,
            );
            if let Some(choice) = &report.rules {
                params.w_rules = choice.weight;
            }
            (Some(params), Some(report))
        } else {
            (None, None)
        };
        let mined_orders = mined_from.len();
        let run = MiningRun {
            mined_at: at.to_string(),
            // The orders the itemsets were counted in: a rule's support is a share of them.
            orders: mined_orders,
            min_count,
            min_confidence: options.min_confidence,
            max_len: Some(options.max_len),
            millis,
            intervals,
            params,
        };
        let sets = itemsets.iter().map(|(items, count)| {
            let mut labels: Vec<&str> = items.iter().map(|&i| baskets.index.label(i)).collect();
            labels.sort_unstable();
            (labels, count)
        });
        progress.begin("storing the rules", None, Unit::Items("rules"));
        self.save_mining_run(&run, sets, &mined)?;
        // The model the till will run with, trained once here so that it starts from it.
        progress.begin("training the engine's model", None, Unit::Items("orders"));
        let engine_params = run.params.clone().unwrap_or_default();
        // `ordered` is only left empty for a history the model learns from whole.
        let learned = model::learned_from_ordered(&baskets, &ordered);
        let model = Model::train(&baskets, &learned, &engine_params);
        self.save_model(generation, &model, at)?;
        progress.end();
        let report = MineReport {
            orders: baskets.len(),
            mined: windowed.then_some(mined_orders),
            min_count,
            itemsets: itemsets.len(),
            rules: mined.len(),
            millis,
            tuning,
        };
        Ok(MineOutcome {
            report,
            itemsets,
            baskets,
        })
    }
}

/// Tunes the engine on `recent`, the newest orders of the history (the window the rules' weight
/// is chosen on) within the budget its size allows and the time limit.
fn tune_on(
    baskets: &Baskets,
    recent: &[usize],
    seconds: u64,
    progress: &dyn Progress,
) -> (Params, TuneReport) {
    let started = Instant::now();
    let builtin = Params::default();
    let limit = std::time::Duration::from_secs(seconds);
    let tuned = tune::tune_within(
        baskets,
        recent,
        &builtin,
        5,
        Budget::for_window(baskets, recent),
        &|| started.elapsed() > limit,
        progress,
    );
    let report = TuneReport {
        cases: tuned.validation.cases,
        hit3_builtin: tuned.start_validation.hit3,
        hit3: tuned.validation.hit3,
        trials: tuned.trials,
        stopped: tuned.stopped,
        millis: started.elapsed().as_millis() as u64,
        rules: None,
    };
    (tuned.params, report)
}
