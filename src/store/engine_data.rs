//! Everything the recommendation engine learns from, read in one pass over the paid sales.

use chrono::NaiveDateTime;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::domain::catalog::Catalog;
use crate::recommend::baskets::{Basket, Baskets};
use crate::recommend::engine::EngineInput;
use crate::recommend::model::{Model, Params};
use crate::recommend::profile::Purchase;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::store::{Store, StoreError, StoreResult, catalog, parse_ts};

impl Store {
    /// The engine's input: catalog, curated knowledge, and the paid sales as baskets and as
    /// each customer's purchases. Training orders and refunds are left out.
    pub fn engine_input(&self, params: Params) -> StoreResult<EngineInput> {
        self.engine_input_for(params, Customers::Preload)
    }

    /// The engine's input without any customer's purchases: each request then brings its
    /// customer's own (`customer_purchases`), and the shop's repurchase intervals come from
    /// the last `xsell mine`. Starts faster on a long history.
    pub fn engine_input_per_request(&self, params: Params) -> StoreResult<EngineInput> {
        self.engine_input_for(params, Customers::PerRequest)
    }

    fn engine_input_for(&self, params: Params, customers: Customers) -> StoreResult<EngineInput> {
        let with_customers = customers == Customers::Preload;
        // The catalog loads on its own connection while the history is read: the history
        // needs only each product's rank by row id, which is its place in the catalog.
        let (catalog, history) = match &self.path {
            Some(path) => std::thread::scope(|scope| {
                let catalog = scope.spawn(|| -> StoreResult<Catalog> {
                    let conn = Connection::open_with_flags(
                        path,
                        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )?;
                    conn.busy_timeout(std::time::Duration::from_secs(10))?;
                    Ok(catalog::load(&conn)?)
                });
                let history = self.history(with_customers, &params);
                (
                    catalog.join().expect("loading the catalog does not panic"),
                    history,
                )
            }),
            None => (self.load_catalog(), self.history(with_customers, &params)),
        };
        let catalog = Arc::new(catalog?);
        let (baskets, purchases, trained) = history?;
        let intervals = if with_customers {
            None
        } else {
            self.load_intervals()?
        };
        debug_assert!(
            baskets.index.len() == catalog.len(),
            "one item per product, in the same order"
        );
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
            trained,
            purchases,
            intervals,
            opted_out,
            params,
        })
    }

    /// What the engine learns from: the model `xsell mine` kept, while it is current and
    /// no customer's purchases are wanted up front; otherwise the paid sales themselves.
    fn history(&self, with_customers: bool, params: &Params) -> StoreResult<History> {
        let skus = self.product_skus()?;
        if !with_customers && let Some(model) = self.current_model(params, skus.len())? {
            // No baskets, only every product as an item, numbered as `sales_of` numbers them.
            let mut items = Baskets::default();
            for (_, sku) in &skus {
                items.index.intern(sku);
            }
            return Ok((items, HashMap::new(), Some(model)));
        }
        let read = if with_customers {
            Read::WithPurchases
        } else {
            Read::Baskets
        };
        let (baskets, purchases) = self.sales_of(read, skus)?;
        Ok((baskets, purchases, None))
    }

    /// The paid sales as baskets (what mining and the model learn from).
    pub fn sale_baskets(&self) -> StoreResult<Baskets> {
        Ok(self.sales(Read::Baskets)?.0)
    }

    /// The paid sales as baskets that name their customer (what a mining run learns from).
    pub fn sales_with_customers(&self) -> StoreResult<Baskets> {
        Ok(self.sales(Read::WithCustomers)?.0)
    }

    /// One customer's past purchases (paid sales, not training), for one request.
    pub fn customer_purchases(&self, code: &str, catalog: &Catalog) -> StoreResult<Vec<Purchase>> {
        Ok(self
            .purchases_by_sku(code)?
            .into_iter()
            .filter_map(|(sku, qty, at)| {
                catalog.index_of(&sku).map(|product| Purchase {
                    product: product as u32,
                    at,
                    qty,
                })
            })
            .collect())
    }

    /// The same purchases by SKU, for a caller with its own catalog.
    pub fn purchases_by_sku(&self, code: &str) -> StoreResult<Vec<(String, i64, NaiveDateTime)>> {
        let mut stmt = self.conn.prepare_cached(CUSTOMER_PURCHASES)?;
        let rows = stmt.query_map([code], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (sku, qty, at) = row?;
            out.push((sku, qty, parse_ts(&at)));
        }
        Ok(out)
    }

    /// Paid sales, in order-id order (each basket carries its time; nothing here needs
    /// them sorted by it), as baskets and as each customer's purchases.
    fn sales(&self, read: Read) -> StoreResult<(Baskets, HashMap<String, Vec<Purchase>>)> {
        self.sales_of(read, self.product_skus()?)
    }

    /// [`Store::sales`] with the products (`product_skus`) already read.
    fn sales_of(
        &self,
        read: Read,
        skus: Vec<(i64, String)>,
    ) -> StoreResult<(Baskets, HashMap<String, Vec<Purchase>>)> {
        let codes: HashMap<i64, String> = self
            .conn
            .prepare("SELECT id, code FROM customers")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        // Lines are read by product row id: dense vectors instead of millions of string
        // hash look-ups (each one a cache miss on a SKU somewhere in the heap). Every product
        // gets its item id up front, so that parts of the history read apart agree on them.
        let slots = skus
            .iter()
            .map(|(id, _)| *id as usize + 1)
            .max()
            .unwrap_or(0);
        let mut baskets = Baskets::default();
        let mut item_of = vec![u32::MAX; slots];
        let mut product_of: Vec<Option<u32>> = vec![None; slots];
        for (rank, (id, sku)) in skus.iter().enumerate() {
            item_of[*id as usize] = baskets.index.intern(sku);
            // The catalog holds products in row-id order (`catalog::load`).
            product_of[*id as usize] = Some(rank as u32);
        }
        let ids = Ids {
            read,
            item_of: &item_of,
            product_of: &product_of,
            codes: &codes,
        };
        let orders: usize = self
            .conn
            .query_row("SELECT count(*) FROM orders", [], |r| r.get::<_, i64>(0))?
            as usize;
        // A long history is read in two halves at once, the second on its own connection.
        let middle: Option<String> = match &self.path {
            Some(_) if orders >= PARALLEL_FROM => self
                .conn
                .query_row(
                    "SELECT id FROM orders ORDER BY id LIMIT 1 OFFSET ?1",
                    [orders as i64 / 2],
                    |r| r.get(0),
                )
                .optional()?,
            _ => None,
        };
        let (mut first, second) = match (&middle, &self.path) {
            (Some(mid), Some(path)) => std::thread::scope(|scope| {
                let other = scope.spawn(|| -> StoreResult<Part> {
                    let conn = Connection::open_with_flags(
                        path,
                        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )?;
                    conn.busy_timeout(std::time::Duration::from_secs(10))?;
                    Ok(read_part(&conn, Some(mid), None, &ids)?)
                });
                let first = read_part(&self.conn, None, Some(mid), &ids);
                let second = other
                    .join()
                    .expect("reading a part of the history does not panic");
                Ok::<_, StoreError>((first?, Some(second?)))
            })?,
            _ => (read_part(&self.conn, None, None, &ids)?, None),
        };
        if let Some(second) = second {
            first.baskets.extend(second.baskets);
            for (c, list) in second.by_customer {
                first.by_customer.entry(c).or_default().extend(list);
            }
        }
        baskets.baskets = first.baskets;
        let purchases: HashMap<String, Vec<Purchase>> = first
            .by_customer
            .into_iter()
            .filter_map(|(c, list)| codes.get(&c).map(|code| (code.clone(), list)))
            .collect();
        for b in &mut baskets.baskets {
            b.items.sort_unstable();
            b.items.dedup();
        }
        Ok((baskets, purchases))
    }
}

/// The baskets (none, when a kept model stands for them), each customer's purchases, and
/// the kept model.
type History = (Baskets, HashMap<String, Vec<Purchase>>, Option<Model>);

impl Store {
    /// Every product's row id and SKU, in row-id order: the order of the model's items.
    fn product_skus(&self) -> StoreResult<Vec<(i64, String)>> {
        Ok(self
            .conn
            .prepare("SELECT id, sku FROM products ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?)
    }
}

/// Whether the engine gets every customer's purchases up front or one customer's per request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Customers {
    Preload,
    PerRequest,
}

/// One customer's paid sales, line by line: asked once per request with a known customer.
const CUSTOMER_PURCHASES: &str = concat!(
    "SELECT l.sku, l.qty, o.completed_at FROM orders o
     JOIN order_lines l ON l.order_id = o.id
     WHERE o.customer_id = (SELECT id FROM customers WHERE code = ?1)
       AND o.status = 'paid' AND o.kind = 'sale' AND o.training = 0 AND ",
    crate::store::visible!("o")
);

/// Below this many orders one connection reads the history faster than two.
const PARALLEL_FROM: usize = 100_000;

/// What a reading of the sales collects besides the baskets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    Baskets,
    /// Each basket names its customer.
    WithCustomers,
    /// And each customer's purchases are collected too.
    WithPurchases,
}

/// Row ids to item ids, catalog positions and customer codes.
struct Ids<'a> {
    read: Read,
    item_of: &'a [u32],
    product_of: &'a [Option<u32>],
    codes: &'a HashMap<i64, String>,
}

/// The baskets and purchases of one range of order ids.
struct Part {
    baskets: Vec<Basket>,
    by_customer: HashMap<i64, Vec<Purchase>>,
}

/// Reads the paid sales with order ids in [from, to). Orders and their lines are both
/// clustered by order id: two sequential scans merged here, instead of a lookup per line.
fn read_part(
    conn: &Connection,
    from: Option<&str>,
    to: Option<&str>,
    ids: &Ids<'_>,
) -> rusqlite::Result<Part> {
    let bound = |column: &str| match (from, to) {
        (Some(_), Some(_)) => format!("{column} >= ?1 AND {column} < ?2"),
        (Some(_), None) => format!("{column} >= ?1"),
        (None, Some(_)) => format!("{column} < ?1"),
        (None, None) => "1".to_string(),
    };
    let params: Vec<&str> = from.into_iter().chain(to).collect();
    let mut heads = conn.prepare(&format!(
        "SELECT id, customer_id, completed_at FROM orders o
         WHERE status = 'paid' AND kind = 'sale' AND training = 0 AND {} AND {} ORDER BY id",
        bound("id"),
        crate::store::visible!("o")
    ))?;
    let mut heads = heads.query(rusqlite::params_from_iter(&params))?;
    let mut lines = conn.prepare(&format!(
        "SELECT order_id, product_id, qty FROM order_lines WHERE {} ORDER BY order_id, line_no",
        bound("order_id")
    ))?;
    let mut lines = lines.query(rusqlite::params_from_iter(&params))?;
    let mut line = lines.next()?;
    let mut part = Part {
        baskets: Vec::new(),
        by_customer: HashMap::new(),
    };
    let mut bought: Vec<Purchase> = Vec::new();
    let purchases = ids.read == Read::WithPurchases;
    while let Some(h) = heads.next()? {
        let id = h.get_ref(0)?.as_str()?;
        let customer: Option<i64> = if ids.read == Read::Baskets {
            None
        } else {
            h.get(1)?
        };
        let at = parse_ts(h.get_ref(2)?.as_str()?);
        let mut basket = Basket {
            order_id: id.to_string(),
            customer: customer.and_then(|c| ids.codes.get(&c)).cloned(),
            ts: Some(at),
            items: Vec::new(),
        };
        bought.clear();
        while let Some(l) = line {
            match l.get_ref(0)?.as_str()?.cmp(id) {
                // Lines of orders that are not paid sales (drafts, refunds) are passed over.
                std::cmp::Ordering::Less => {}
                std::cmp::Ordering::Greater => break,
                std::cmp::Ordering::Equal => {
                    let pid = l.get::<_, i64>(1)? as usize;
                    basket.items.push(ids.item_of[pid]);
                    if let (true, Some(_), Some(product)) =
                        (purchases, customer, ids.product_of[pid])
                    {
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
            part.by_customer
                .entry(c)
                .or_default()
                .extend_from_slice(&bought);
        }
        if !basket.items.is_empty() {
            part.baskets.push(basket);
        }
    }
    Ok(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A regular's orders are many: finding them must not read each order's row.
    #[test]
    fn a_customers_sales_are_found_in_the_index_alone() {
        let store = Store::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {CUSTOMER_PURCHASES}"))
            .unwrap()
            .query_map(["C1"], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("SEARCH o USING COVERING INDEX orders_customer")),
            "{plan:?}"
        );
    }
}
