//! The offers the register made on the simulated orders, and the control group, written
//! after `orders.csv` and read back from it, so the history itself does not change.
//!
//! For each order the would-be offers are worked out from its first item (the anchor):
//! the curated pairings of that product or its category (pairings that hold only in a time
//! window are left out), the next tier of its family (an upgrade), and "mined" offers of
//! what earlier orders with an anchor of that shelf took along. An anchor of tier 2 or
//! more was, now and then, the upgrade itself. The three best by score are shown.
//!
//! The prompts' effect is simulated by who lands in the control group: every offer the
//! order took (a shown product that is in the order) is one the prompt caused with
//! probability [`CAUSED`], so an order that took `k` would have been in the control group,
//! where nothing is shown, with a weight of (1 − CAUSED)^k. Orders are drawn into the
//! control group with probability proportional to that weight, scaled to about
//! [`CONTROL_SHARE`] overall: control orders take fewer offers, and the difference is the
//! lift the reports measure. The staff member on an order is drawn the same way, with
//! each one's knack for offers, so conversion differs by staff.

use std::collections::HashMap;
use std::io::{Read, Write};

use chrono::{Duration, NaiveDateTime};

use super::catalog::Catalog;
use super::complements::ROWS;
use super::dice::Dice;
use crate::domain::history_rows as order_rows;

/// Share of the orders in the control group.
pub const CONTROL_SHARE: f64 = 0.10;
/// Chance that an offer an order took was caused by the prompt.
pub const CAUSED: f64 = 0.5;
/// Offers shown per order at most.
const SHOWN: usize = 3;
/// Chance that a tier 2+ anchor was an accepted upgrade from the tier below.
const UPGRADED: f64 = 0.3;

/// Staff code, share of orders served, and knack: how much likelier each accepted offer
/// makes it that this person served the order.
const STAFF: [(&str, f64, f64); 4] = [
    ("S01", 0.10, 1.2),
    ("S02", 0.40, 1.4),
    ("S03", 0.35, 1.0),
    ("S04", 0.15, 0.5),
];

#[derive(Debug, Default, Clone, Copy)]
pub struct OfferStats {
    pub orders: u64,
    pub control: u64,
    pub offers: u64,
    pub accepted: u64,
}

struct Offer {
    product: usize,
    kind: &'static str,
    source: &'static str,
    rule: String,
    score: f64,
    difference: Option<i64>,
    bought: bool,
}

struct Pairing {
    to: String,
    weight: f64,
    rule: String,
}

struct Model<'a> {
    catalog: &'a Catalog,
    by_sku: HashMap<&'a str, usize>,
    /// In-stock products of each category, by name, best sellers first.
    shelves: HashMap<&'static str, Vec<usize>>,
    /// By `from` as written (`SKU` or `category:NAME`).
    pairings: HashMap<String, Vec<Pairing>>,
    /// (family, tier) → product.
    ladder: HashMap<(&'a str, u8), usize>,
    /// What earlier orders with an anchor of a shelf took along.
    seen_with: HashMap<&'static str, Vec<usize>>,
}

impl<'a> Model<'a> {
    fn new(catalog: &'a Catalog, extra: &[[String; 9]]) -> Model<'a> {
        let mut by_sku = HashMap::new();
        let mut shelves: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut ladder = HashMap::new();
        for (i, p) in catalog.products.iter().enumerate() {
            by_sku.insert(p.sku.as_str(), i);
            if p.stock > 0 {
                shelves.entry(catalog.shelf_of(p).name).or_default().push(i);
            }
            if !p.family.is_empty() {
                ladder.insert((p.family.as_str(), p.tier), i);
            }
        }
        for list in shelves.values_mut() {
            // Stable: equal popularity keeps catalog order.
            list.sort_by(|&x, &y| {
                catalog.products[y]
                    .popularity
                    .total_cmp(&catalog.products[x].popularity)
            });
        }
        let mut pairings: HashMap<String, Vec<Pairing>> = HashMap::new();
        let rows = ROWS
            .iter()
            .map(|r| r.map(str::to_string))
            .chain(extra.iter().cloned());
        for r in rows {
            if r[5..].iter().any(|w| !w.is_empty()) {
                continue;
            }
            pairings.entry(r[0].clone()).or_default().push(Pairing {
                rule: format!("curated:{}>{}", r[0], r[1]),
                to: r[1].clone(),
                weight: r[4].parse().unwrap_or(1.0),
            });
        }
        Model {
            catalog,
            by_sku,
            shelves,
            pairings,
            ladder,
            seen_with: HashMap::new(),
        }
    }

    fn shelf(&self, i: usize) -> &'static str {
        self.catalog.shelf_of(&self.catalog.products[i]).name
    }

    /// The best seller of a shelf that fits `anchor` (or fits anything), else its best seller.
    fn best_fit(&self, shelf: &str, anchor: usize) -> Option<usize> {
        let list = self.shelves.get(shelf)?;
        let fits = &self.catalog.products[anchor].fits;
        list.iter()
            .copied()
            .find(|&p| {
                let f = &self.catalog.products[p].fits;
                f.is_empty() || f.iter().any(|t| fits.contains(t))
            })
            .or_else(|| list.first().copied())
    }

    fn in_stock(&self, i: usize) -> bool {
        self.catalog.products[i].stock > 0
    }

    /// The would-be offers of an order, best first, at most `SHOWN`.
    fn offers(&self, dice: &mut Dice, lines: &[usize]) -> Vec<Offer> {
        let anchor = lines[0];
        let a = &self.catalog.products[anchor];
        let mut offers: Vec<Offer> = Vec::new();
        let taken = |offers: &[Offer], p: usize| offers.iter().any(|o| o.product == p);
        let from_category = format!("category:{}", self.shelf(anchor));
        for from in [a.sku.as_str(), from_category.as_str()] {
            for pairing in self.pairings.get(from).into_iter().flatten() {
                let product = match pairing.to.strip_prefix("category:") {
                    // The product of that shelf the order holds, else the best one that fits.
                    Some(cat) => lines[1..]
                        .iter()
                        .copied()
                        .find(|&l| self.shelf(l) == cat)
                        .or_else(|| self.best_fit(cat, anchor)),
                    None => self.by_sku.get(pairing.to.as_str()).copied(),
                };
                let Some(product) = product.filter(|&p| self.in_stock(p) && p != anchor) else {
                    continue;
                };
                if taken(&offers, product) {
                    continue;
                }
                offers.push(Offer {
                    product,
                    kind: "cross-sell",
                    source: "curated",
                    rule: pairing.rule.clone(),
                    score: pairing.weight,
                    difference: None,
                    bought: lines.contains(&product),
                });
            }
        }
        if !a.family.is_empty() {
            let lower = self
                .ladder
                .get(&(a.family.as_str(), a.tier.wrapping_sub(1)));
            let upper = self.ladder.get(&(a.family.as_str(), a.tier + 1));
            let rule = format!("ladder:{}", a.family);
            match (lower, upper) {
                (Some(&lower), _) if dice.chance(UPGRADED) => offers.push(Offer {
                    product: anchor,
                    kind: "upsell",
                    source: "ladder",
                    rule,
                    score: 0.95,
                    difference: Some(a.price.minor() - self.catalog.products[lower].price.minor()),
                    bought: true,
                }),
                (_, Some(&upper)) if self.in_stock(upper) => offers.push(Offer {
                    product: upper,
                    kind: "upsell",
                    source: "ladder",
                    rule,
                    score: 0.7,
                    difference: Some(self.catalog.products[upper].price.minor() - a.price.minor()),
                    bought: false,
                }),
                _ => {}
            }
        }
        let seen = self.seen_with.get(self.shelf(anchor));
        let mut mined: Vec<usize> = lines[1..]
            .iter()
            .copied()
            .filter(|_| dice.chance(0.5))
            .collect();
        if let Some(seen) = seen.filter(|s| !s.is_empty() && dice.chance(0.6)) {
            mined.push(seen[dice.index(seen.len())]);
        }
        for product in mined {
            if product == anchor || taken(&offers, product) || !self.in_stock(product) {
                continue;
            }
            offers.push(Offer {
                product,
                kind: "cross-sell",
                source: "mined",
                rule: format!("mined:{}>{}", a.sku, self.catalog.products[product].sku),
                score: 0.4 + 0.4 * dice.unit(),
                difference: None,
                bought: lines.contains(&product),
            });
        }
        // Highest score first; the sort is stable, so ties keep the order above.
        offers.sort_by(|x, y| y.score.total_cmp(&x.score));
        offers.truncate(SHOWN);
        offers
    }

    fn remember(&mut self, lines: &[usize]) {
        let shelf = self.shelf(lines[0]);
        let seen = self.seen_with.entry(shelf).or_default();
        seen.extend(lines[1..].iter().copied());
        // A short memory: the latest sixty attachments of each shelf.
        if seen.len() > 60 {
            seen.drain(..seen.len() - 60);
        }
    }
}

struct Writers<C: Write, S: Write> {
    context: csv::Writer<C>,
    offers: csv::Writer<S>,
}

/// Reads the orders back from `orders` (rows of one order adjacent) and writes
/// `order_context.csv` and `suggestions.csv`.
pub fn write<R: Read, C: Write, S: Write>(
    orders: R,
    seed: u64,
    catalog: &Catalog,
    extra: &[[String; 9]],
    context: C,
    offers: S,
) -> anyhow::Result<OfferStats> {
    let mut dice = Dice::fork(seed, 7);
    let mut model = Model::new(catalog, extra);
    let mut w = Writers {
        context: csv::Writer::from_writer(context),
        offers: csv::Writer::from_writer(offers),
    };
    w.context
        .write_record(["order_id", "staff_id", "holdout", "feedback"])?;
    w.offers.write_record([
        "order_id",
        "sku",
        "kind",
        "source",
        "rule",
        "trigger",
        "score",
        "shown_at",
        "outcome",
        "answered_at",
        "difference",
    ])?;
    // Scaled so that orders taking no offer (weight 1) and those taking some average out
    // near CONTROL_SHARE; measured on the demo shop, about 0.6 of orders weigh 1.
    let scale = CONTROL_SHARE / 0.75;
    let mut stats = OfferStats::default();
    let mut current: Option<(String, NaiveDateTime, Vec<usize>)> = None;
    let mut rows = order_rows::read(orders).map_err(|e| anyhow::anyhow!("orders.csv: {e}"))?;
    loop {
        let row = rows
            .next()
            .transpose()
            .map_err(|e| anyhow::anyhow!("orders.csv: {e}"))?;
        let same = matches!((&row, &current), (Some(r), Some((id, _, _))) if &r.order_id == id);
        if !same && let Some((id, at, lines)) = current.take() {
            order(
                &mut model, &mut dice, &mut w, &mut stats, scale, &id, at, &lines,
            )?;
        }
        let Some(row) = row else { break };
        let product = *model
            .by_sku
            .get(row.sku.as_str())
            .ok_or_else(|| anyhow::anyhow!("orders.csv: unknown sku {}", row.sku))?;
        let c = current
            .get_or_insert_with(|| (row.order_id.clone(), row.ts.unwrap_or_default(), Vec::new()));
        c.2.push(product);
    }
    w.context.flush()?;
    w.offers.flush()?;
    Ok(stats)
}

#[allow(clippy::too_many_arguments)]
fn order<C: Write, S: Write>(
    model: &mut Model<'_>,
    dice: &mut Dice,
    w: &mut Writers<C, S>,
    stats: &mut OfferStats,
    scale: f64,
    id: &str,
    at: NaiveDateTime,
    lines: &[usize],
) -> anyhow::Result<()> {
    let offers = model.offers(dice, lines);
    model.remember(lines);
    let took = offers.iter().filter(|o| o.bought).count() as i32;
    let control = dice.chance(scale * (1.0 - CAUSED).powi(took));
    let accepted = if control { 0 } else { took };
    let weights: Vec<f64> = STAFF
        .iter()
        .map(|(_, share, knack)| share * knack.powi(accepted))
        .collect();
    let staff = STAFF[dice.weighted(&weights)].0;
    let feedback = if accepted == 0 {
        ""
    } else {
        ["helpful", "helpful", "helpful", "not_helpful", "skipped"][dice.index(5)]
    };
    w.context
        .write_record([id, staff, if control { "true" } else { "false" }, feedback])?;
    stats.orders += 1;
    stats.control += u64::from(control);
    for (i, o) in offers.iter().enumerate() {
        let shown = at + Duration::seconds(15 * (i as i64 + 1));
        let (outcome, wait) = match (control, o.bought) {
            (true, _) => ("held_out", None),
            (false, true) => ("accepted", Some(dice.between(4, 25))),
            (false, false) => match dice.weighted(&[0.45, 0.35, 0.20]) {
                0 => ("dismissed", Some(dice.between(2, 20))),
                1 => ("expired", Some(30)),
                _ => ("ignored", None),
            },
        };
        let answered = wait.map_or(String::new(), |s| {
            crate::store::ts(shown + Duration::seconds(s))
        });
        w.offers.write_record([
            id,
            &model.catalog.products[o.product].sku,
            o.kind,
            o.source,
            &o.rule,
            "item",
            &format!("{:.2}", o.score),
            &crate::store::ts(shown),
            outcome,
            &answered,
            &o.difference.map_or(String::new(), |d| {
                crate::domain::money::Money::from_minor(d).to_decimal_string()
            }),
        ])?;
        stats.offers += 1;
        stats.accepted += u64::from(outcome == "accepted");
    }
    Ok(())
}
