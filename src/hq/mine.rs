//! Mining every store's sales at headquarters with the shop's own miner (FP-growth, rules
//! with lift > 1, the itemset budget, the best rules per antecedent), and publishing the
//! rules for the stores to pull.

use std::time::Instant;

use postgres::Client;

use crate::hq::{HqError, HqResult};
use crate::recommend::baskets::Baskets;
use crate::recommend::budget;
use crate::recommend::rules::RuleParams;
use crate::recommend::split;
use crate::store::mining::MineOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainMined {
    /// The sales mined: the newest, when the chain's exceed `MineOptions::max_lines`.
    pub orders: usize,
    pub min_count: u32,
    pub itemsets: usize,
    pub rules: usize,
    pub millis: u64,
}

/// Mines the chain's sales (each sale entry a basket of its SKUs) and replaces the
/// published rules with the new run's.
pub fn mine(client: &mut Client, options: MineOptions, at: &str) -> HqResult<ChainMined> {
    let sets: Vec<Vec<String>> = client
        .query(
            "SELECT ARRAY(SELECT DISTINCT l ->> 'sku' FROM jsonb_array_elements(body -> 'lines') l ORDER BY 1)
             FROM entries WHERE kind = 'sale' ORDER BY id",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let baskets = Baskets::from_label_sets(&sets);
    let started = Instant::now();
    // Entries are in the order headquarters received them: the newest are the last.
    let all: Vec<usize> = (0..baskets.len()).collect();
    let mined_from = match options.max_lines {
        Some(m) => split::newest_within(&baskets.baskets, &all, usize::MAX, m),
        None => &all,
    };
    let tx: Vec<&[u32]> = mined_from
        .iter()
        .map(|&i| baskets.baskets[i].items.as_slice())
        .collect();
    let mined_orders = tx.len();
    let floor = options
        .threshold
        .min_count(mined_orders)
        .map_err(|e| HqError::Refused(e.to_string()))?
        .max(2);
    let params = RuleParams {
        min_confidence: options.min_confidence,
        max_antecedent_len: options.max_antecedent,
    };
    let mined = budget::mine_rules(&tx, floor, options.budget, options.max_len, params)
        .map_err(|e| HqError::Refused(e.to_string()))?;
    let (min_count, itemsets, found) = (mined.min_count, mined.itemsets, mined.rules);
    let millis = started.elapsed().as_millis() as u64;
    let label = |i: u32| baskets.index.label(i).to_string();
    let mut antecedents = Vec::with_capacity(found.len());
    let (mut consequents, mut a_counts, mut counts, mut confidences, mut lifts) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in &found {
        let mut a: Vec<String> = r.antecedent.iter().map(|&i| label(i)).collect();
        a.sort();
        // PostgreSQL arrays of arrays must be rectangular: the antecedent travels as JSON.
        antecedents.push(serde_json::to_string(&a).expect("labels serialize"));
        consequents.push(label(r.consequent));
        a_counts.push(r.antecedent_count as i32);
        counts.push(r.count as i32);
        confidences.push(r.confidence);
        lifts.push(r.lift);
    }
    let mut db = client.transaction()?;
    let run: i64 = db
        .query_one(
            "INSERT INTO mining_runs (mined_at, orders, min_count, min_confidence, max_len, millis)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[
                &at,
                &(mined_orders as i64),
                &(min_count as i32),
                &options.min_confidence,
                &(options.max_len as i32),
                &(millis as i64),
            ],
        )?
        .get(0);
    db.execute(
        "INSERT INTO rules (run_id, antecedent, consequent, antecedent_count, pair_count, confidence, lift)
         SELECT $1, ARRAY(SELECT jsonb_array_elements_text(a::jsonb)), c, ac, pc, cf, lf
         FROM unnest($2::text[], $3::text[], $4::int4[], $5::int4[], $6::float8[], $7::float8[]) AS t (a, c, ac, pc, cf, lf)",
        &[&run, &antecedents, &consequents, &a_counts, &counts, &confidences, &lifts],
    )?;
    db.execute("DELETE FROM mining_runs WHERE id < $1", &[&run])?;
    db.commit()?;
    Ok(ChainMined {
        orders: mined_orders,
        min_count,
        itemsets: itemsets.len(),
        rules: found.len(),
        millis,
    })
}
