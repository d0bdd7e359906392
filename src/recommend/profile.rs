//! What a customer's history says about today's offer: what they already own (no second
//! laptop bag), what they like (brands, categories), and which consumables are due again.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::domain::catalog::{Catalog, Product};
use crate::recommend::baskets::{Basket, Baskets};

/// One line of a customer's past purchases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Purchase {
    /// Index of the product in the catalog.
    pub product: u32,
    pub at: NaiveDateTime,
    pub qty: i64,
}

/// A consumable whose usual interval has (nearly) passed since it was last bought.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    pub product: u32,
    pub days_since: i64,
    pub interval_days: i64,
}

/// Everything the engine uses about one customer, computed from their purchases.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Lower-cased categories in which the customer owns a durable product.
    pub owned_durable_categories: Vec<String>,
    /// Share of purchased units by lower-cased category and by brand.
    pub category_share: HashMap<String, f64>,
    pub brand_share: HashMap<String, f64>,
    pub due: Vec<Due>,
    pub orders: u32,
}

impl Profile {
    pub fn owns_durable_like(&self, p: &Product) -> bool {
        p.durable
            && self
                .owned_durable_categories
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&p.category))
    }

    /// 0 to 1: how much this product fits what the customer buys.
    pub fn fit(&self, p: &Product) -> f64 {
        let cat = self
            .category_share
            .get(&p.category.to_lowercase())
            .copied()
            .unwrap_or(0.0);
        let brand = p
            .brand
            .as_ref()
            .and_then(|b| self.brand_share.get(b))
            .copied()
            .unwrap_or(0.0);
        (0.6 * cat + 0.4 * brand).min(1.0)
    }
}

/// Typical days between two purchases of a consumable category by the same customer,
/// learned from everybody's history; used when one customer has bought only once.
pub type Intervals = HashMap<String, i64>;

/// Purchases earlier than this share of the usual interval are not yet due; later than
/// `STALE` times the interval, the customer has likely moved on.
const DUE_AT: f64 = 0.85;
const STALE: f64 = 3.0;

pub fn profile(
    purchases: &[Purchase],
    catalog: &Catalog,
    intervals: &Intervals,
    now: NaiveDateTime,
) -> Profile {
    let products = catalog.products();
    // Each product once: a regular's history names the same products visit after visit, and
    // a wholesale customer's runs to thousands of lines.
    let mut by_product: HashMap<u32, (f64, Vec<NaiveDateTime>)> = HashMap::new();
    let mut visits: Vec<NaiveDateTime> = Vec::new();
    for pu in purchases.iter().filter(|p| p.at <= now) {
        if products.get(pu.product as usize).is_none() {
            continue;
        }
        let (units, at) = by_product.entry(pu.product).or_default();
        *units += pu.qty.max(1) as f64;
        at.push(pu.at);
        visits.push(pu.at);
    }
    let mut units_by_cat: HashMap<String, f64> = HashMap::new();
    let mut units_by_brand: HashMap<String, f64> = HashMap::new();
    let mut owned: Vec<String> = Vec::new();
    let mut times: Vec<(u32, Vec<NaiveDateTime>)> = Vec::new();
    // Whole units: the sums are exact in any order.
    let mut total = 0.0;
    for (product, (units, at)) in by_product {
        let p = &products[product as usize];
        let cat = p.category.to_lowercase();
        total += units;
        if let Some(b) = &p.brand {
            *units_by_brand.entry(b.clone()).or_default() += units;
        }
        if p.durable && !owned.contains(&cat) {
            owned.push(cat.clone());
        } else if !p.durable {
            times.push((product, at));
        }
        *units_by_cat.entry(cat).or_default() += units;
    }
    visits.sort_unstable();
    visits.dedup();
    let share = |m: HashMap<String, f64>| {
        m.into_iter()
            .map(|(k, v)| (k, v / total.max(1.0)))
            .collect()
    };
    let mut due = Vec::new();
    for (product, mut at) in times {
        at.sort_unstable();
        at.dedup_by_key(|t| t.date());
        let last = *at.last().expect("at least one purchase");
        let own_interval =
            (at.len() >= 2).then(|| (last - at[0]).num_days() / (at.len() as i64 - 1));
        let p = &products[product as usize];
        let category = p.category.to_lowercase();
        // A reminder needs evidence that it is used up: the catalog says so, or the shop's
        // customers buy its kind again at a usual interval. Never a service.
        let consumed = match p.consumable {
            Some(flag) => flag,
            None => intervals.contains_key(&category),
        };
        if !consumed || p.is_service() {
            continue;
        }
        let Some(interval) = own_interval
            .or_else(|| intervals.get(&category).copied())
            .filter(|d| *d > 0)
        else {
            continue;
        };
        let days_since = (now - last).num_days();
        if days_since as f64 >= DUE_AT * interval as f64
            && (days_since as f64) <= STALE * interval as f64
        {
            due.push(Due {
                product,
                days_since,
                interval_days: interval,
            });
        }
    }
    due.sort_by_key(|d| {
        (
            std::cmp::Reverse(d.days_since * 100 / d.interval_days.max(1)),
            d.product,
        )
    });
    Profile {
        owned_durable_categories: owned,
        category_share: share(units_by_cat),
        brand_share: share(units_by_brand),
        due,
        orders: visits.len() as u32,
    }
}

/// The median days between consecutive purchases of each consumable category by the same
/// customer, over all customers. `histories` yields each customer's purchases.
pub fn intervals<'a>(
    histories: impl Iterator<Item = &'a [Purchase]>,
    catalog: &Catalog,
) -> Intervals {
    intervals_of(
        histories.map(|h| h.iter().map(|pu| (pu.product, pu.at.date()))),
        catalog,
    )
}

/// [`intervals`] from the orders themselves: each customer's baskets are their purchases.
/// A mining run reads the sales this way, without gathering every customer's purchase lines.
pub fn intervals_of_baskets(baskets: &Baskets, catalog: &Catalog) -> Intervals {
    let product_of: Vec<Option<u32>> = (0..baskets.index.len() as u32)
        .map(|i| catalog.index_of(baskets.index.label(i)).map(|p| p as u32))
        .collect();
    let mut by_customer: HashMap<&str, Vec<&Basket>> = HashMap::new();
    for b in &baskets.baskets {
        if let (Some(c), Some(_)) = (&b.customer, b.ts) {
            by_customer.entry(c.as_str()).or_default().push(b);
        }
    }
    let product_of = &product_of;
    intervals_of(
        by_customer.into_values().map(|orders| {
            orders.into_iter().flat_map(move |b| {
                let day = b.ts.map(|t| t.date()).unwrap_or_default();
                b.items
                    .iter()
                    .filter_map(move |&i| Some((product_of[i as usize]?, day)))
            })
        }),
        catalog,
    )
}

/// [`intervals`] of customers given as their purchases' products and days.
fn intervals_of<C: Iterator<Item = (u32, NaiveDate)>>(
    histories: impl Iterator<Item = C>,
    catalog: &Catalog,
) -> Intervals {
    // Categories by number, and each purchase as one integer (category, then day): a
    // million orders' purchases sort in a moment that way, where sorting them by category
    // name took seconds.
    let mut names: Vec<&str> = Vec::new();
    let mut number: HashMap<&str, u32> = HashMap::new();
    let category_of: Vec<Option<u32>> = catalog
        .products()
        .iter()
        .map(|p| {
            (!p.durable && !p.is_service() && p.consumable != Some(false)).then(|| {
                *number.entry(p.category.as_str()).or_insert_with(|| {
                    names.push(p.category.as_str());
                    names.len() as u32 - 1
                })
            })
        })
        .collect();
    let mut gaps: Vec<Vec<i64>> = vec![Vec::new(); names.len()];
    let mut consumed: Vec<u64> = Vec::new();
    for purchases in histories {
        consumed.clear();
        consumed.extend(purchases.filter_map(|(product, day)| {
            let category = category_of.get(product as usize).copied().flatten()?;
            let day = day.num_days_from_ce() as u32;
            Some(u64::from(category) << 32 | u64::from(day))
        }));
        consumed.sort_unstable();
        // Consecutive purchases of one category on different days are one gap each.
        for w in consumed.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a >> 32 == b >> 32 && a != b {
                gaps[(a >> 32) as usize].push(i64::from(b as u32) - i64::from(a as u32));
            }
        }
    }
    let mut out = Intervals::new();
    for (cat, mut g) in names.into_iter().zip(gaps) {
        if g.len() >= 3 {
            g.sort_unstable();
            out.insert(cat.to_lowercase(), g[g.len() / 2]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::fixtures::product;
    use chrono::NaiveDate;

    fn day(n: i64) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            + chrono::Duration::days(n)
    }

    fn catalog() -> Catalog {
        let mut bag = product("BAG", "Laptop bag", 4_900);
        bag.category = "Laptop Bags".into();
        bag.brand = Some("Nimbus".into());
        let mut ink = product("INK", "Black ink", 1_999);
        ink.category = "Ink".into();
        ink.durable = false;
        ink.consumable = Some(true);
        let mut other_bag = product("BAG2", "Backpack", 5_900);
        other_bag.category = "Laptop Bags".into();
        Catalog::new(vec![bag, ink, other_bag])
    }

    #[test]
    fn a_durable_bought_once_marks_its_category_as_owned() {
        let c = catalog();
        let p = profile(
            &[Purchase {
                product: 0,
                at: day(0),
                qty: 1,
            }],
            &c,
            &Intervals::new(),
            day(60),
        );
        assert!(
            p.owns_durable_like(&c.products()[2]),
            "a second bag is not offered"
        );
        assert!(!p.owns_durable_like(&c.products()[1]));
        assert_eq!(p.orders, 1);
    }

    #[test]
    fn consumable_due_after_its_own_interval() {
        let c = catalog();
        let buys = [
            Purchase {
                product: 1,
                at: day(0),
                qty: 1,
            },
            Purchase {
                product: 1,
                at: day(60),
                qty: 1,
            },
        ];
        assert!(
            profile(&buys, &c, &Intervals::new(), day(100))
                .due
                .is_empty(),
            "40 of 60 days: not yet"
        );
        let p = profile(&buys, &c, &Intervals::new(), day(118));
        assert_eq!(
            p.due,
            vec![Due {
                product: 1,
                days_since: 58,
                interval_days: 60
            }]
        );
        assert!(
            profile(&buys, &c, &Intervals::new(), day(60 + 200))
                .due
                .is_empty(),
            "long gone"
        );
    }

    #[test]
    fn a_reminder_needs_evidence_that_it_is_used_up() {
        // "It may be time for new Phone Setup" and a smart bulb that "usually lasts about
        // 114 days": reminders for what is not used up.
        let buys = |at: i64| Purchase {
            product: 1,
            at: day(at),
            qty: 1,
        };
        let twice = [buys(0), buys(60)];
        let mut c = catalog().products().to_vec();
        c[1].consumable = None;
        let unflagged = Catalog::new(c.clone());
        assert!(
            profile(&twice, &unflagged, &Intervals::new(), day(118))
                .due
                .is_empty(),
            "one customer's two visits are no evidence"
        );
        let shop = Intervals::from([("ink".to_string(), 60)]);
        assert_eq!(profile(&twice, &unflagged, &shop, day(118)).due.len(), 1);
        c[1].tax_class = "services".into();
        let service = Catalog::new(c.clone());
        assert!(profile(&twice, &service, &shop, day(118)).due.is_empty());
        c[1].tax_class = "standard".into();
        c[1].consumable = Some(false);
        let flagged_not = Catalog::new(c);
        assert!(
            profile(&twice, &flagged_not, &shop, day(118))
                .due
                .is_empty()
        );
    }

    #[test]
    fn a_single_purchase_uses_the_shops_usual_interval() {
        let c = catalog();
        let buys = [Purchase {
            product: 1,
            at: day(0),
            qty: 1,
        }];
        let intervals = Intervals::from([("ink".to_string(), 50)]);
        assert_eq!(profile(&buys, &c, &intervals, day(45)).due.len(), 1);
        assert!(
            profile(&buys, &c, &Intervals::new(), day(45))
                .due
                .is_empty()
        );
    }

    #[test]
    fn shop_intervals_are_medians_of_repeat_gaps() {
        let c = catalog();
        let a = [0, 50, 110, 170].map(|d| Purchase {
            product: 1,
            at: day(d),
            qty: 1,
        });
        let b = [0, 70].map(|d| Purchase {
            product: 1,
            at: day(d),
            qty: 1,
        });
        let i = intervals([&a[..], &b[..]].into_iter(), &c);
        assert_eq!(i.get("ink"), Some(&60));
    }

    #[test]
    fn baskets_give_the_intervals_their_purchases_give() {
        let c = catalog();
        let mut baskets = Baskets::default();
        // Items numbered apart from the catalog's order: the labels tie them together.
        let (ink, bag) = (baskets.index.intern("INK"), baskets.index.intern("BAG"));
        let order = |customer: Option<&str>, d: i64, items: Vec<u32>| Basket {
            order_id: format!("{customer:?}{d}"),
            customer: customer.map(str::to_string),
            ts: Some(day(d)),
            items,
        };
        for d in [0, 50, 110, 170] {
            baskets.baskets.push(order(Some("A"), d, vec![bag]));
        }
        for d in [0, 70, 140, 210] {
            baskets.baskets.push(order(Some("B"), d, vec![ink]));
        }
        // Nobody's orders are nobody's gaps.
        baskets.baskets.push(order(None, 1, vec![ink]));
        baskets.baskets.push(order(None, 2, vec![ink]));
        let from_baskets = intervals_of_baskets(&baskets, &c);
        let purchases = |product: u32, days: &[i64]| -> Vec<Purchase> {
            days.iter()
                .map(|&d| Purchase {
                    product,
                    at: day(d),
                    qty: 1,
                })
                .collect()
        };
        let (a, b) = (
            purchases(0, &[0, 50, 110, 170]),
            purchases(1, &[0, 70, 140, 210]),
        );
        assert_eq!(from_baskets, intervals([&a[..], &b[..]].into_iter(), &c));
        assert_eq!(from_baskets.get("ink"), Some(&70));
        assert_eq!(from_baskets.len(), 1, "the bag is durable");
    }

    #[test]
    fn fit_follows_categories_and_brands() {
        let c = catalog();
        let p = profile(
            &[Purchase {
                product: 0,
                at: day(0),
                qty: 1,
            }],
            &c,
            &Intervals::new(),
            day(1),
        );
        assert!(
            p.fit(&c.products()[0]) > p.fit(&c.products()[2]),
            "same brand fits better"
        );
        assert_eq!(p.fit(&c.products()[1]), 0.0);
    }
}
