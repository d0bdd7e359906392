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
        let mut baskets = Baskets::default();
        let mut purchases: HashMap<String, Vec<Purchase>> = HashMap::new();
        // Lines in their stored order (clustered by order): no sort of millions of rows in
        // SQLite; the baskets are put in time order in memory afterwards.
        let mut stmt = self.conn.prepare(
            "SELECT l.order_id, o.customer_id, o.completed_at, l.sku, l.qty FROM order_lines l
             JOIN orders o ON o.id = l.order_id
             WHERE o.status = 'paid' AND o.kind = 'sale' AND o.training = 0",
        )?;
        let mut rows = stmt.query([])?;
        let mut current = String::new();
        let mut customer: Option<&String> = None;
        let mut at = chrono::NaiveDateTime::default();
        while let Some(r) = rows.next()? {
            let order = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if baskets.baskets.is_empty() || order != current {
                current.clear();
                current.push_str(order);
                customer = r.get::<_, Option<i64>>(1)?.and_then(|id| codes.get(&id));
                at = parse_ts(r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?);
                baskets.baskets.push(Basket {
                    order_id: current.clone(),
                    customer: customer.cloned(),
                    ts: Some(at),
                    items: Vec::new(),
                });
            }
            let sku = r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?;
            let item = baskets.index.intern(sku);
            baskets
                .baskets
                .last_mut()
                .expect("a basket is open")
                .items
                .push(item);
            if let (Some(code), Some(product)) = (customer, catalog.index_of(sku)) {
                let qty: i64 = r.get(4)?;
                purchases.entry(code.clone()).or_default().push(Purchase {
                    product: product as u32,
                    at,
                    qty,
                });
            }
        }
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
