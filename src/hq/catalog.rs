//! The chain's catalog, pairings and bundles: published at headquarters from one store
//! (the head office's), pulled into every store with the chain's latest mined rules.

use postgres::{Client, IsolationLevel};

use crate::hq::HqResult;
use crate::recommend::mined::MinedRule;
use crate::store::Store;
use crate::store::chain::{ChainData, Pulled};
use crate::store::mining::MiningRun;

/// Rows per statement when publishing.
const CHUNK: usize = 5_000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Published {
    pub products: usize,
    pub pairings: usize,
    pub bundles: usize,
}

/// Makes this store's catalog, pairings and bundles the chain's, in one transaction:
/// what is no longer in them is no longer the chain's.
pub fn publish(store: &Store, client: &mut Client) -> HqResult<Published> {
    let data = store.chain_data()?;
    let mut tx = client.transaction()?;
    tx.batch_execute("DELETE FROM products; DELETE FROM pairings; DELETE FROM bundles;")?;
    for chunk in data.products.chunks(CHUNK) {
        tx.execute(
            "INSERT INTO products (sku, doc) SELECT d ->> 'sku', d FROM (SELECT x::jsonb AS d FROM unnest($1::text[]) AS t (x)) j",
            &[&chunk],
        )?;
    }
    for chunk in data.pairings.chunks(CHUNK) {
        tx.execute(
            "INSERT INTO pairings (key, doc)
             SELECT concat_ws(' ', d ->> 'from_target', '>', d ->> 'to_target', '@', d ->> 'window_key'), d
             FROM (SELECT x::jsonb AS d FROM unnest($1::text[]) AS t (x)) j",
            &[&chunk],
        )?;
    }
    for chunk in data.bundles.chunks(CHUNK) {
        tx.execute(
            "INSERT INTO bundles (id, doc) SELECT d ->> 'id', d FROM (SELECT x::jsonb AS d FROM unnest($1::text[]) AS t (x)) j",
            &[&chunk],
        )?;
    }
    tx.commit()?;
    Ok(Published {
        products: data.products.len(),
        pairings: data.pairings.len(),
        bundles: data.bundles.len(),
    })
}

/// Brings the chain's shared rows and latest rules into the store, read from one snapshot
/// of headquarters. The store's sales, journal and marks are untouched.
pub fn pull(store: &mut Store, client: &mut Client) -> HqResult<Pulled> {
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    let texts = |tx: &mut postgres::Transaction<'_>, sql: &str| -> HqResult<Vec<String>> {
        Ok(tx.query(sql, &[])?.iter().map(|r| r.get(0)).collect())
    };
    let data = ChainData {
        products: texts(&mut tx, "SELECT doc::text FROM products ORDER BY sku")?,
        pairings: texts(&mut tx, "SELECT doc::text FROM pairings ORDER BY key")?,
        bundles: texts(&mut tx, "SELECT doc::text FROM bundles ORDER BY id")?,
    };
    let run = tx.query_opt(
        "SELECT id, mined_at, orders, min_count, min_confidence, max_len, millis FROM mining_runs ORDER BY id DESC LIMIT 1",
        &[],
    )?;
    let mined = match run {
        None => None,
        Some(r) => {
            let id: i64 = r.get(0);
            let rules: Vec<MinedRule> = tx
                .query(
                    "SELECT antecedent, consequent, antecedent_count, pair_count, confidence, lift FROM rules WHERE run_id = $1",
                    &[&id],
                )?
                .iter()
                .map(|r| MinedRule {
                    id: 0,
                    antecedent: r.get(0),
                    consequent: r.get(1),
                    antecedent_count: r.get::<_, i32>(2) as u32,
                    count: r.get::<_, i32>(3) as u32,
                    confidence: r.get(4),
                    lift: r.get(5),
                })
                .collect();
            let run = MiningRun {
                mined_at: r.get(1),
                orders: r.get::<_, i64>(2) as usize,
                min_count: r.get::<_, i32>(3) as u32,
                min_confidence: r.get(4),
                max_len: r.get::<_, Option<i32>>(5).map(|m| m as usize),
                millis: r.get::<_, i64>(6) as u64,
                // Repurchase intervals are the store's own customers' habits: kept.
                intervals: store.load_intervals()?.unwrap_or_default(),
                // So are the engine's parameters, tuned on this shop's history by `xsell mine`.
                params: store.load_params()?,
            };
            Some((run, rules))
        }
    };
    tx.commit()?;
    let rules = mined.as_ref().map(|(run, rules)| (run, rules.as_slice()));
    Ok(store.apply_chain_data(&data, rules)?)
}
