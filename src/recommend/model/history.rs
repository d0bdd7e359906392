//! A customer's own past purchases, the one signal that sets a known customer apart from
//! an anonymous cart. The peers found that adding the customer's purchase share to a
//! co-occurrence score raised hit@5 by about a quarter for known customers.

use std::collections::HashMap;

use crate::recommend::baskets::Basket;

/// How often a customer bought each item: the number of their past orders holding it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Number of past orders.
    pub orders: u32,
    /// (item, orders holding it), sorted by item.
    pub items: Vec<(u32, u32)>,
}

impl History {
    /// A history from item ids, one entry per past order holding the item (repeats count).
    pub fn from_items(orders: u32, items: &[u32]) -> History {
        let mut sorted = items.to_vec();
        sorted.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::new();
        for item in sorted {
            match out.last_mut() {
                Some((last, n)) if *last == item => *n += 1,
                _ => out.push((item, 1)),
            }
        }
        History { orders, items: out }
    }

    /// Share of the customer's orders that held `item`.
    pub fn share(&self, item: u32) -> f64 {
        match self.items.binary_search_by_key(&item, |&(i, _)| i) {
            Ok(at) if self.orders > 0 => f64::from(self.items[at].1) / f64::from(self.orders),
            _ => 0.0,
        }
    }
}

/// Histories of every customer named in `baskets`; anonymous orders are skipped.
pub fn histories<'a>(baskets: impl IntoIterator<Item = &'a Basket>) -> HashMap<String, History> {
    let mut raw: HashMap<String, (u32, Vec<u32>)> = HashMap::new();
    for b in baskets {
        if let Some(c) = &b.customer {
            // Look up before inserting: cloning the id for every order would cost more than the rest.
            let entry = match raw.get_mut(c) {
                Some(e) => e,
                None => raw.entry(c.clone()).or_default(),
            };
            entry.0 += 1;
            entry.1.extend_from_slice(&b.items);
        }
    }
    raw.into_iter()
        .map(|(c, (orders, items))| (c, History::from_items(orders, &items)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_counts_orders_holding_the_item() {
        let h = History::from_items(4, &[3, 1, 3, 3]);
        assert_eq!(h.items, [(1, 1), (3, 3)]);
        assert_eq!(h.share(3), 0.75);
        assert_eq!(h.share(1), 0.25);
        assert_eq!(h.share(2), 0.0);
    }

    #[test]
    fn histories_skip_anonymous_orders() {
        let b = |c: Option<&str>, items: &[u32]| Basket {
            order_id: "x".into(),
            customer: c.map(str::to_string),
            ts: None,
            items: items.to_vec(),
        };
        let all = [b(Some("ann"), &[1, 2]), b(None, &[1]), b(Some("ann"), &[2])];
        let h = histories(&all);
        assert_eq!(h.len(), 1);
        assert_eq!(h["ann"].orders, 2);
        assert_eq!(h["ann"].share(2), 1.0);
    }
}
