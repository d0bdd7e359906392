//! Mining runs: the itemsets and rules mined from the sales, kept per run so a shop can
//! see when its rules were last refreshed. Only the latest run's rows are kept.

use rusqlite::{OptionalExtension, params};

use crate::recommend::mined::MinedRule;
use crate::recommend::profile::Intervals;
use crate::store::{Store, StoreResult};

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
                "INSERT INTO mining_runs (mined_at, orders, min_count, min_confidence, max_len, itemsets, rules, millis, intervals)
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8)",
                params![run.mined_at, run.orders as i64, run.min_count, run.min_confidence, run.max_len.map(|m| m as i64), rules.len() as i64, run.millis as i64, serde_json::to_string(&run.intervals).expect("intervals serialize")],
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
