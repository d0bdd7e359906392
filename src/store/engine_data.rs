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
        let mut baskets = Baskets::default();
        let mut purchases: HashMap<String, Vec<Purchase>> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT o.id, c.code, o.completed_at, l.sku, l.qty FROM orders o
             JOIN order_lines l ON l.order_id = o.id
             LEFT JOIN customers c ON c.id = o.customer_id
             WHERE o.status = 'paid' AND o.kind = 'sale' AND o.training = 0
             ORDER BY o.completed_at, o.id",
        )?;
        let mut rows = stmt.query([])?;
        let mut current: Option<String> = None;
        while let Some(r) = rows.next()? {
            let order: String = r.get(0)?;
            let customer: Option<String> = r.get(1)?;
            let at = parse_ts(&r.get::<_, String>(2)?);
            let sku: String = r.get(3)?;
            let qty: i64 = r.get(4)?;
            if current.as_deref() != Some(order.as_str()) {
                baskets.baskets.push(Basket {
                    order_id: order.clone(),
                    customer: customer.clone(),
                    ts: Some(at),
                    items: Vec::new(),
                });
                current = Some(order);
            }
            let item = baskets.index.intern(&sku);
            baskets
                .baskets
                .last_mut()
                .expect("a basket is open")
                .items
                .push(item);
            if let (Some(code), Some(product)) = (customer, catalog.index_of(&sku)) {
                purchases.entry(code).or_default().push(Purchase {
                    product: product as u32,
                    at,
                    qty,
                });
            }
        }
        for b in &mut baskets.baskets {
            b.items.sort_unstable();
            b.items.dedup();
        }
        Ok((baskets, purchases))
    }
}
