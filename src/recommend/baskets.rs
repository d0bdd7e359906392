//! Baskets: orders reduced to the set of distinct items they hold, items interned as
//! dense `u32` ids so that mining and scoring work on small integers, not strings.

use std::collections::HashMap;
use std::io::Read;

use chrono::NaiveDateTime;

use crate::domain::history_rows as order_rows;
use crate::domain::input_rows::RowError;

/// Dense ids for item labels (SKUs), in first-seen order.
#[derive(Debug, Default, Clone)]
pub struct ItemIndex {
    labels: Vec<String>,
    ids: HashMap<String, u32>,
}

impl ItemIndex {
    pub fn intern(&mut self, label: &str) -> u32 {
        if let Some(&id) = self.ids.get(label) {
            return id;
        }
        let id = u32::try_from(self.labels.len()).expect("fewer than 4 billion items");
        self.labels.push(label.to_string());
        self.ids.insert(label.to_string(), id);
        id
    }

    pub fn id(&self, label: &str) -> Option<u32> {
        self.ids.get(label).copied()
    }

    pub fn label(&self, id: u32) -> &str {
        &self.labels[id as usize]
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

/// One order as a set of items.
#[derive(Debug, Clone, PartialEq)]
pub struct Basket {
    pub order_id: String,
    pub customer: Option<String>,
    /// The earliest timestamp among the order's rows.
    pub ts: Option<NaiveDateTime>,
    /// Distinct item ids, sorted ascending.
    pub items: Vec<u32>,
}

/// Baskets in the order their `order_id` first appears, with the item index they refer to.
#[derive(Debug, Default, Clone)]
pub struct Baskets {
    pub index: ItemIndex,
    pub baskets: Vec<Basket>,
}

impl Baskets {
    /// Groups an orders CSV into baskets. Rows of one order need not be adjacent.
    /// Stops at the first bad row: an analysis on a half-read file would mislead.
    pub fn from_orders_csv<R: Read>(input: R) -> Result<Baskets, RowError> {
        let mut out = Baskets::default();
        let mut by_order: HashMap<String, usize> = HashMap::new();
        for row in order_rows::read(input)? {
            let row = row?;
            let item = out.index.intern(&row.sku);
            let slot = *by_order.entry(row.order_id.clone()).or_insert_with(|| {
                out.baskets.push(Basket {
                    order_id: row.order_id.clone(),
                    customer: None,
                    ts: None,
                    items: Vec::new(),
                });
                out.baskets.len() - 1
            });
            let basket = &mut out.baskets[slot];
            basket.items.push(item);
            if basket.customer.is_none() {
                basket.customer = row.customer_id;
            }
            basket.ts = match (basket.ts, row.ts) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        for basket in &mut out.baskets {
            basket.items.sort_unstable();
            basket.items.dedup();
        }
        Ok(out)
    }

    /// Builds baskets from item labels directly (tests, generators).
    pub fn from_label_sets<S: AsRef<str>>(sets: &[Vec<S>]) -> Baskets {
        let mut out = Baskets::default();
        for (i, set) in sets.iter().enumerate() {
            let mut items: Vec<u32> = set.iter().map(|s| out.index.intern(s.as_ref())).collect();
            items.sort_unstable();
            items.dedup();
            out.baskets.push(Basket {
                order_id: (i + 1).to_string(),
                customer: None,
                ts: None,
                items,
            });
        }
        out
    }

    pub fn len(&self) -> usize {
        self.baskets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.baskets.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_rows_into_distinct_sorted_items() {
        let csv = "order_id,customer_id,sku,qty,unit_price,ts\n\
                   1,C1,B,1,,2024-01-02T10:00:00\n\
                   2,,A,1,,\n\
                   1,,A,2,,2024-01-02T09:00:00\n\
                   1,,B,1,,\n";
        let b = Baskets::from_orders_csv(csv.as_bytes()).unwrap();
        assert_eq!(b.len(), 2);
        let first = &b.baskets[0];
        assert_eq!(first.order_id, "1");
        assert_eq!(first.customer.as_deref(), Some("C1"));
        assert_eq!(first.ts.unwrap().to_string(), "2024-01-02 09:00:00");
        let labels: Vec<&str> = first.items.iter().map(|&i| b.index.label(i)).collect();
        assert_eq!(labels, ["B", "A"]); // ids in first-seen order: B=0, A=1
        assert_eq!(b.baskets[1].items, vec![b.index.id("A").unwrap()]);
    }

    #[test]
    fn a_bad_row_stops_the_read_with_its_line() {
        let csv = "order_id,customer_id,sku,qty,unit_price,ts\n1,,A,1,,\n2,,B,-1,,\n";
        let e = Baskets::from_orders_csv(csv.as_bytes()).unwrap_err();
        assert_eq!(e.line, 3);
    }
}
