//! Everything the recommendation engine learns from, read in one pass over the paid sales.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::domain::catalog::Catalog;
use crate::recommend::baskets::{Basket, Baskets};
use crate::recommend::engine::EngineInput;
use crate::recommend::model::Params;
use crate::recommend::profile::Purchase;
use crate::store::{Store, StoreResult, parse_ts};

impl Store {
    /// The engine's input: catalog, curated knowledge, and the paid sales as baskets and as
    /// each customer's purchases. Training orders and refunds are left out.
    pub fn engine_input(&self, params: Params) -> StoreResult<EngineInput> {
        let catalog = Arc::new(self.load_catalog()?);
        let (baskets, purchases) = self.sales(&catalog)?;
        let opted_out: HashSet<String> = self
            .conn
            .prepare("SELECT code FROM customers WHERE opted_out = 1")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(EngineInput {
            catalog,
            complements: self.load_complements()?,
            bundles: self.load_bundles()?,
            rules: self.load_rules()?,
            baskets,
            purchases,
            opted_out,
            params,
        })
    }

    /// The paid sales as baskets (what mining and the model learn from).
    pub fn sale_baskets(&self) -> StoreResult<Baskets> {
        Ok(self.sales(&self.load_catalog()?)?.0)
    }

    /// Paid sales, in time order, as baskets and as each customer's purchases.
    fn sales(&self, catalog: &Catalog) -> StoreResult<(Baskets, HashMap<String, Vec<Purchase>>)> {
        let codes: HashMap<i64, String> = self
            .conn
            .prepare("SELECT id, code FROM customers")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        // Lines are read by product row id: dense vectors instead of millions of string
        // hash look-ups (each one a cache miss on a SKU somewhere in the heap).
        let skus: Vec<(i64, String)> = self
            .conn
            .prepare("SELECT id, sku FROM products")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let slots = skus
            .iter()
            .map(|(id, _)| *id as usize + 1)
            .max()
            .unwrap_or(0);
        let mut sku_of: Vec<&str> = vec![""; slots];
        let mut product_of: Vec<Option<u32>> = vec![None; slots];
        for (id, sku) in &skus {
            sku_of[*id as usize] = sku;
            product_of[*id as usize] = catalog.index_of(sku).map(|i| i as u32);
        }
        let mut item_of: Vec<Option<u32>> = vec![None; slots];
        let mut baskets = Baskets::default();
        let orders: usize = self
            .conn
            .query_row("SELECT count(*) FROM orders", [], |r| r.get::<_, i64>(0))?
            as usize;
        baskets.baskets.reserve(orders);
        let mut by_customer: HashMap<i64, Vec<Purchase>> = HashMap::new();
        // Orders and their lines are both clustered by order id: two sequential scans merged
        // here, instead of a lookup per line. Baskets are put in time order afterwards.
        let mut heads = self.conn.prepare(
            "SELECT id, customer_id, completed_at FROM orders
             WHERE status = 'paid' AND kind = 'sale' AND training = 0 ORDER BY id",
        )?;
        let mut heads = heads.query([])?;
        let mut lines = self.conn.prepare(
            "SELECT order_id, product_id, qty FROM order_lines ORDER BY order_id, line_no",
        )?;
        let mut lines = lines.query([])?;
        let mut line = lines.next()?;
        let mut bought: Vec<Purchase> = Vec::new();
        while let Some(h) = heads.next()? {
            let id = h.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            let customer: Option<i64> = h.get(1)?;
            let at = parse_ts(h.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?);
            let mut basket = Basket {
                order_id: id.to_string(),
                customer: customer.and_then(|c| codes.get(&c)).cloned(),
                ts: Some(at),
                items: Vec::new(),
            };
            bought.clear();
            while let Some(l) = line {
                let order = l.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
                match order.cmp(id) {
                    // Lines of orders that are not paid sales (drafts, refunds) are passed over.
                    std::cmp::Ordering::Less => {}
                    std::cmp::Ordering::Greater => break,
                    std::cmp::Ordering::Equal => {
                        let pid = l.get::<_, i64>(1)? as usize;
                        let item =
                            *item_of[pid].get_or_insert_with(|| baskets.index.intern(sku_of[pid]));
                        basket.items.push(item);
                        if let (Some(_), Some(product)) = (customer, product_of[pid]) {
                            bought.push(Purchase {
                                product,
                                at,
                                qty: l.get(2)?,
                            });
                        }
                    }
                }
                line = lines.next()?;
            }
            if let Some(c) = customer.filter(|_| !bought.is_empty()) {
                by_customer.entry(c).or_default().extend_from_slice(&bought);
            }
            if !basket.items.is_empty() {
                baskets.baskets.push(basket);
            }
        }
        let purchases: HashMap<String, Vec<Purchase>> = by_customer
            .into_iter()
            .filter_map(|(c, list)| codes.get(&c).map(|code| (code.clone(), list)))
            .collect();
        baskets
            .baskets
            .sort_by(|a, b| a.ts.cmp(&b.ts).then_with(|| a.order_id.cmp(&b.order_id)));
        for b in &mut baskets.baskets {
            b.items.sort_unstable();
            b.items.dedup();
        }
        Ok((baskets, purchases))
    }
}
