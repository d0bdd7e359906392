//! What a chain shares, read from and written into a store as JSON objects: the catalog
//! (without stock, which is each store's own), curated pairings, bundles. Headquarters
//! keeps them as it receives them; a pull writes them back without touching any sale.

use rusqlite::params;

use crate::recommend::mined::MinedRule;
use crate::store::mining::MiningRun;
use crate::store::{Store, StoreResult};

/// The chain's shared rows, each a JSON object keyed by column name.
#[derive(Debug, Default, Clone)]
pub struct ChainData {
    pub products: Vec<String>,
    pub pairings: Vec<String>,
    pub bundles: Vec<String>,
}

const PRODUCT_JSON: &str = "json_object('sku', sku, 'barcode', barcode, 'name', name, 'category', category,
    'brand', brand, 'price_minor', price_minor, 'cost_minor', cost_minor, 'tax_class', tax_class,
    'family', family, 'tier', tier, 'durable', durable, 'age_restricted', age_restricted, 'active', active,
    'stock_tracked', stock_tracked, 'consumable', consumable)";

const PAIRING_JSON: &str = "json_object('from_target', from_target, 'to_target', to_target, 'reason', reason,
    'script', script, 'weight', weight, 'starts', starts, 'ends', ends, 'days', days, 'hour_from', hour_from,
    'hour_to', hour_to, 'window_key', window_key, 'active', active)";

const BUNDLE_JSON: &str = "json_object('id', b.id, 'name', b.name, 'price_minor', b.price_minor,
    'discount_minor', b.discount_minor, 'active', b.active, 'items',
    (SELECT json_group_array(target) FROM (SELECT target FROM bundle_items WHERE bundle_id = b.id ORDER BY position)))";

/// What a pull changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pulled {
    pub products_new: usize,
    pub products: usize,
    pub pairings: usize,
    pub bundles: usize,
    pub rules: usize,
}

fn column(conn: &rusqlite::Connection, sql: &str) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Store {
    /// The rows this store would publish as the chain's.
    pub fn chain_data(&self) -> StoreResult<ChainData> {
        let conn = self.conn();
        Ok(ChainData {
            products: column(
                conn,
                &format!("SELECT {PRODUCT_JSON} FROM products ORDER BY sku"),
            )?,
            pairings: column(
                conn,
                &format!("SELECT {PAIRING_JSON} FROM complements ORDER BY id"),
            )?,
            bundles: column(
                conn,
                &format!("SELECT {BUNDLE_JSON} FROM bundles b ORDER BY b.id"),
            )?,
        })
    }

    /// Writes the chain's rows into this store in one transaction: products by SKU (a new
    /// one starts at stock 0 with no move; a known one keeps its stock), pairings by
    /// (from, to, window), bundles by id. Then, in a second one, the chain's mined rules,
    /// if given, replace the store's (as a mining run does). Orders, the journal and its
    /// marks are not touched.
    pub fn apply_chain_data(
        &mut self,
        data: &ChainData,
        rules: Option<(&MiningRun, &[MinedRule])>,
    ) -> StoreResult<Pulled> {
        let mut done = self.write(|tx| {
            let mut done = Pulled::default();
            let mut upsert = tx.prepare(
                "INSERT INTO products (sku, barcode, name, category, brand, price_minor, cost_minor, tax_class, family,
                    tier, durable, age_restricted, active, stock_tracked, consumable, stock)
                 SELECT j ->> 'sku', j ->> 'barcode', j ->> 'name', j ->> 'category', j ->> 'brand', j ->> 'price_minor',
                    j ->> 'cost_minor', j ->> 'tax_class', j ->> 'family', j ->> 'tier', j ->> 'durable',
                    j ->> 'age_restricted', j ->> 'active', j ->> 'stock_tracked', j ->> 'consumable', 0
                 FROM (SELECT json(?1) AS j)
                 WHERE true
                 ON CONFLICT (sku) DO UPDATE SET barcode = excluded.barcode, name = excluded.name,
                    category = excluded.category, brand = excluded.brand, price_minor = excluded.price_minor,
                    cost_minor = excluded.cost_minor, tax_class = excluded.tax_class, family = excluded.family,
                    tier = excluded.tier, durable = excluded.durable, age_restricted = excluded.age_restricted,
                    active = excluded.active, stock_tracked = excluded.stock_tracked, consumable = excluded.consumable",
            )?;
            let before: i64 = tx.query_row("SELECT count(*) FROM products", [], |r| r.get(0))?;
            for p in &data.products {
                upsert.execute([p])?;
                done.products += 1;
            }
            let after: i64 = tx.query_row("SELECT count(*) FROM products", [], |r| r.get(0))?;
            done.products_new = (after - before) as usize;
            let mut pairing = tx.prepare(
                "INSERT INTO complements (from_target, to_target, reason, script, weight, starts, ends, days, hour_from,
                    hour_to, window_key, active)
                 SELECT j ->> 'from_target', j ->> 'to_target', j ->> 'reason', j ->> 'script', j ->> 'weight',
                    j ->> 'starts', j ->> 'ends', j ->> 'days', j ->> 'hour_from', j ->> 'hour_to', j ->> 'window_key',
                    j ->> 'active'
                 FROM (SELECT json(?1) AS j)
                 WHERE true
                 ON CONFLICT (from_target, to_target, window_key) DO UPDATE SET reason = excluded.reason,
                    script = excluded.script, weight = excluded.weight, starts = excluded.starts, ends = excluded.ends,
                    days = excluded.days, hour_from = excluded.hour_from, hour_to = excluded.hour_to,
                    active = excluded.active",
            )?;
            for p in &data.pairings {
                pairing.execute([p])?;
                done.pairings += 1;
            }
            for b in &data.bundles {
                tx.execute(
                    "INSERT INTO bundles (id, name, price_minor, discount_minor, active)
                     SELECT j ->> 'id', j ->> 'name', j ->> 'price_minor', j ->> 'discount_minor', j ->> 'active'
                     FROM (SELECT json(?1) AS j)
                     WHERE true
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name, price_minor = excluded.price_minor,
                        discount_minor = excluded.discount_minor, active = excluded.active",
                    [b],
                )?;
                tx.execute(
                    "DELETE FROM bundle_items WHERE bundle_id = json_extract(?1, '$.id')",
                    [b],
                )?;
                tx.execute(
                    "INSERT INTO bundle_items (bundle_id, position, target)
                     SELECT json_extract(?1, '$.id'), CAST(i.key AS INTEGER), i.value FROM json_each(?1, '$.items') i",
                    params![b],
                )?;
                done.bundles += 1;
            }
            Ok(done)
        })?;
        if let Some((run, rules)) = rules {
            self.save_mining_run(run, std::iter::empty(), rules)?;
            done.rules = rules.len();
        }
        Ok(done)
    }
}
