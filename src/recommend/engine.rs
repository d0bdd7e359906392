//! The recommendation engine: candidates from four sources (curated pairings, mined
//! co-purchases, upsell ladders, bundles) plus consumables due again, filtered by the
//! guardrails, personalized, scored and explained.
//!
//! Built once from the store's data; a query only touches in-memory indexes, so it costs
//! microseconds. Time is an argument: curated windows and repurchase intervals use it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::domain::bundle::Bundle;
use crate::domain::cart::{Cart, LineOrigin};
use crate::domain::catalog::{Catalog, Product};
use crate::domain::money::Money;
use crate::domain::target::Target;
use crate::recommend::baskets::{Baskets, ItemIndex};
use crate::recommend::curated::Complement;
use crate::recommend::explain;
use crate::recommend::mined::{MinedRule, RuleIndex};
use crate::recommend::model::{self, Evidence, History, Model, Params};
use crate::recommend::profile::{self, Intervals, Profile, Purchase};

/// Cross-sell and upsell are different offers and are never mixed up on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A complementary product: phone → case.
    CrossSell,
    /// A higher tier of a product in the cart: 16GB → 32GB.
    Upsell,
    /// The missing part of a bundle the cart has started.
    Bundle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The shop's own pairings.
    Curated,
    /// Mined from the shop's sales.
    Mined,
    /// From the customer's own history (a consumable due again).
    History,
    /// The next tier of a product family.
    Ladder,
    /// A bundle the cart has started.
    Bundle,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::CrossSell => "cross-sell",
            Kind::Upsell => "upsell",
            Kind::Bundle => "bundle",
        }
    }
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Curated => "curated",
            Source::Mined => "mined",
            Source::History => "history",
            Source::Ladder => "ladder",
            Source::Bundle => "bundle",
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Recommendation {
    pub sku: String,
    pub name: String,
    pub price: Money,
    pub kind: Kind,
    pub source: Source,
    pub score: f64,
    /// Why it helps the customer, in words a person reads.
    pub reason: String,
    /// A line the salesperson can say.
    pub script: String,
    /// Upsell: the SKU in the cart it would replace, and the price difference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_difference: Option<Money>,
    /// Bundle: which one, and what completing it saves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bundle_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saving: Option<Money>,
    /// The mined rule behind the offer, so reports can judge each rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<i64>,
}

/// What the engine is built from.
pub struct EngineInput {
    pub catalog: Arc<Catalog>,
    pub complements: Vec<Complement>,
    pub bundles: Vec<Bundle>,
    /// Association rules mined from the sales (`xsell mine`).
    pub rules: Vec<MinedRule>,
    /// Paid orders: what the model learns co-purchases from.
    pub baskets: Baskets,
    /// Each known customer's past purchases.
    pub purchases: HashMap<String, Vec<Purchase>>,
    pub opted_out: HashSet<String>,
    pub params: Params,
}

/// One question to the engine.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    pub cart: &'a [String],
    pub customer: Option<&'a str>,
    /// Looked at in search this visit but not added: interest.
    pub viewed: &'a [String],
    /// Removed from the cart this visit: not offered again.
    pub removed: &'a [String],
    /// Declined in this order: not offered again.
    pub declined: &'a [String],
    pub now: NaiveDateTime,
    /// A self-service kiosk: no age-restricted products.
    pub kiosk: bool,
    pub k: usize,
}

/// Share of the candidates taken from the model before the guardrails filter them.
const MODEL_CANDIDATES: usize = 48;
/// Products of one category at most among the offers, so three mice never crowd a laptop's offers.
const PER_CATEGORY: usize = 2;
/// Products a category target expands to.
const PER_TARGET: usize = 3;
/// Best sellers kept per category, enough to find one in stock.
const BEST_SELLERS: usize = 16;

pub struct Engine {
    catalog: Arc<Catalog>,
    model: Model,
    index: ItemIndex,
    product_of_item: Vec<Option<u32>>,
    item_of_product: Vec<Option<u32>>,
    /// Lower-cased category name → dense id, and each product's category id.
    category_ids: HashMap<String, u32>,
    category_of: Vec<u32>,
    /// Per category, its best sellers first (a category target's fallback).
    best_sellers: Vec<Vec<u32>>,
    /// Per product family, its members by tier: the upsell ladders.
    families: HashMap<String, Vec<u32>>,
    complements: Vec<Complement>,
    curated_from: HashMap<String, Vec<usize>>,
    bundles: Vec<Bundle>,
    rules: RuleIndex,
    purchases: HashMap<String, Vec<Purchase>>,
    histories: HashMap<String, History>,
    intervals: Intervals,
    opted_out: HashSet<String>,
}

struct Candidate {
    product: u32,
    relevance: f64,
    kind: Kind,
    source: Source,
    reason: String,
    script: String,
    replaces: Option<String>,
    bundle: Option<(String, Money)>,
    rule: Option<i64>,
}

impl Engine {
    pub fn build(input: EngineInput) -> Engine {
        let catalog = input.catalog;
        let all: Vec<usize> = (0..input.baskets.len()).collect();
        // The model trains while the customers' histories and repurchase intervals are
        // worked out on another core: together they are most of the load time.
        let (model, (histories, intervals)) = std::thread::scope(|scope| {
            let side = scope.spawn(|| {
                let histories = model::histories(input.baskets.baskets.iter());
                let intervals =
                    profile::intervals(input.purchases.values().map(Vec::as_slice), &catalog);
                (histories, intervals)
            });
            let model = Model::train(&input.baskets, &all, &input.params);
            (
                model,
                side.join()
                    .expect("the side of the engine build does not panic"),
            )
        });
        let index = input.baskets.index.clone();
        let products = catalog.products();
        let mut item_of_product = vec![None; products.len()];
        let product_of_item: Vec<Option<u32>> = (0..index.len() as u32)
            .map(|item| {
                let p = product_index(&catalog, index.label(item));
                if let Some(p) = p {
                    item_of_product[p as usize] = Some(item);
                }
                p
            })
            .collect();
        let popularity = |p: u32| item_of_product[p as usize].map_or(0, |i| model.orders_with(i));
        let mut category_ids: HashMap<String, u32> = HashMap::new();
        let category_of: Vec<u32> = products
            .iter()
            .map(|p| {
                let next = category_ids.len() as u32;
                *category_ids
                    .entry(p.category.to_lowercase())
                    .or_insert(next)
            })
            .collect();
        let mut best_sellers: Vec<Vec<u32>> = vec![Vec::new(); category_ids.len()];
        for (i, &c) in category_of.iter().enumerate() {
            best_sellers[c as usize].push(i as u32);
        }
        for list in &mut best_sellers {
            list.sort_by_key(|&p| (std::cmp::Reverse(popularity(p)), p));
            list.truncate(BEST_SELLERS);
        }
        let mut families: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, p) in products.iter().enumerate() {
            if let (Some(f), Some(_)) = (&p.family, p.tier) {
                families.entry(f.clone()).or_default().push(i as u32);
            }
        }
        for members in families.values_mut() {
            members.sort_by_key(|&m| (products[m as usize].tier, products[m as usize].price));
        }
        let mut curated_from: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in input.complements.iter().enumerate() {
            curated_from.entry(target_key(&c.from)).or_default().push(i);
        }
        Engine {
            catalog,
            model,
            index,
            product_of_item,
            item_of_product,
            category_ids,
            category_of,
            best_sellers,
            families,
            complements: input.complements,
            curated_from,
            bundles: input.bundles,
            rules: RuleIndex::new(input.rules),
            purchases: input.purchases,
            histories,
            intervals,
            opted_out: input.opted_out,
        }
    }

    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    pub fn knows_customer(&self, code: &str) -> bool {
        self.purchases.contains_key(code)
            || self.opted_out.contains(code)
            || self.histories.contains_key(code)
    }

    /// The customer's profile as of `now`.
    pub fn profile(&self, customer: &str, now: NaiveDateTime) -> Profile {
        let purchases = self.purchases.get(customer).map_or(&[][..], Vec::as_slice);
        profile::profile(purchases, &self.catalog, &self.intervals, now)
    }

    /// The best `k` offers for a request, best first.
    pub fn recommend(&self, req: &Request<'_>) -> Vec<Recommendation> {
        if req.customer.is_some_and(|c| self.opted_out.contains(c)) || req.k == 0 {
            return Vec::new();
        }
        let products = self.catalog.products();
        let cart: Vec<u32> = req
            .cart
            .iter()
            .filter_map(|s| product_index(&self.catalog, s))
            .collect();
        let profile = req.customer.map(|c| self.profile(c, req.now));
        let mut blocked: HashSet<&str> = req.cart.iter().map(String::as_str).collect();
        blocked.extend(req.declined.iter().map(String::as_str));
        blocked.extend(req.removed.iter().map(String::as_str));

        let mut candidates: Vec<Candidate> = Vec::new();
        self.mined(req, &cart, &mut candidates);
        self.rules(req, &mut candidates);
        self.curated(req, &cart, &mut candidates);
        self.bundle_offers(req, &mut candidates);
        if let Some(p) = &profile {
            self.due_again(p, &mut candidates);
        }
        self.upsells(&cart, profile.as_ref(), &mut candidates);

        let cart_value: Money = cart.iter().map(|&p| products[p as usize].price).sum();
        let cart_durable_categories: HashSet<String> = cart
            .iter()
            .map(|&p| &products[p as usize])
            .filter(|p| p.durable)
            .map(|p| p.category.to_lowercase())
            .collect();
        let mut best: HashMap<(u32, Kind), (f64, Candidate)> = HashMap::new();
        for c in candidates {
            let p = &products[c.product as usize];
            if !p.active
                || p.stock <= 0
                || blocked.contains(p.sku.as_str())
                || (req.kiosk && p.age_restricted)
            {
                continue;
            }
            if c.kind != Kind::Upsell {
                // An alternative to a durable in the cart is not a complement of it.
                if p.durable && cart_durable_categories.contains(&p.category.to_lowercase()) {
                    continue;
                }
                if profile.as_ref().is_some_and(|pr| pr.owns_durable_like(p)) {
                    continue;
                }
            }
            let fit = profile.as_ref().map_or(0.0, |pr| pr.fit(p))
                + if req.viewed.iter().any(|v| v == &p.sku) {
                    0.3
                } else {
                    0.0
                };
            let score = c.relevance * (1.0 + 0.5 * fit.min(1.0)) + value(p, cart_value);
            match best.get_mut(&(c.product, c.kind)) {
                Some((s, existing)) => {
                    // Two sources agreeing is itself evidence.
                    let agreed = score.max(*s) + 0.1 * score.min(*s);
                    // The rule behind an offer is kept whichever source words it.
                    let rule = existing.rule.or(c.rule);
                    if score > *s {
                        *existing = c;
                    }
                    existing.rule = rule;
                    *s = agreed;
                }
                None => {
                    best.insert((c.product, c.kind), (score, c));
                }
            }
        }
        let mut ranked: Vec<(f64, Candidate)> = best.into_values().collect();
        ranked.sort_by(|a, b| {
            b.0.total_cmp(&a.0).then_with(|| {
                products[a.1.product as usize]
                    .sku
                    .cmp(&products[b.1.product as usize].sku)
            })
        });
        let mut per_category: HashMap<String, usize> = HashMap::new();
        let mut seen_products: HashSet<u32> = HashSet::new();
        let mut out = Vec::new();
        for (score, c) in ranked {
            let p = &products[c.product as usize];
            let n = per_category.entry(p.category.to_lowercase()).or_default();
            if *n >= PER_CATEGORY || !seen_products.insert(c.product) {
                continue;
            }
            *n += 1;
            out.push(self.finish(c, score));
            if out.len() == req.k {
                break;
            }
        }
        out
    }

    fn finish(&self, c: Candidate, score: f64) -> Recommendation {
        let p = &self.catalog.products()[c.product as usize];
        let price_difference = c
            .replaces
            .as_ref()
            .and_then(|sku| self.catalog.by_sku(sku))
            .map(|old| p.price - old.price);
        Recommendation {
            sku: p.sku.clone(),
            name: p.name.clone(),
            price: p.price,
            kind: c.kind,
            source: c.source,
            score: (score * 1000.0).round() / 1000.0,
            reason: c.reason,
            script: c.script,
            replaces: c.replaces,
            price_difference,
            bundle_id: c.bundle.as_ref().map(|b| b.0.clone()),
            saving: c.bundle.map(|b| b.1),
            rule_id: c.rule,
        }
    }

    /// Co-purchases learned from the shop's sales (and the customer's own purchase shares).
    fn mined(&self, req: &Request<'_>, cart: &[u32], out: &mut Vec<Candidate>) {
        let items: Vec<u32> = cart
            .iter()
            .filter_map(|&p| self.item_of_product[p as usize])
            .collect();
        let history = req.customer.and_then(|c| self.histories.get(c));
        let q = model::Query {
            cart: &items,
            history,
            at: Some(req.now),
        };
        let suggestions = self.model.query(&q, MODEL_CANDIDATES);
        let Some(top) = suggestions.first().map(|s| s.score) else {
            return;
        };
        for s in suggestions {
            let Some(product) = self.product_of_item.get(s.item as usize).copied().flatten() else {
                continue;
            };
            // The model's scores are log-likelihood sums: their difference is a likelihood ratio.
            // Mere popularity says nothing about this cart, so it only fills in.
            let popular_only = matches!(s.evidence, Evidence::Popular { .. });
            let relevance = 0.9 * (s.score - top).exp() * if popular_only { 0.3 } else { 1.0 };
            let p = &self.catalog.products()[product as usize];
            let (reason, script, source) = match s.evidence {
                Evidence::Pair {
                    antecedent,
                    together,
                    antecedent_orders,
                } => {
                    let ante = self.product_name(antecedent);
                    (
                        explain::pair(together, antecedent_orders, &ante, p),
                        explain::pair_script(&ante, p),
                        Source::Mined,
                    )
                }
                Evidence::History {
                    orders_with,
                    orders,
                } => (
                    explain::history(orders_with, orders, p),
                    explain::history_script(p),
                    Source::History,
                ),
                Evidence::Popular {
                    orders_with,
                    orders,
                } => (
                    explain::popular(orders_with, orders, p),
                    explain::popular_script(p),
                    Source::Mined,
                ),
            };
            out.push(Candidate {
                product,
                relevance,
                kind: Kind::CrossSell,
                source,
                reason,
                script,
                replaces: None,
                bundle: None,
                rule: None,
            });
        }
    }

    /// Stored association rules whose whole antecedent is in the cart.
    fn rules(&self, req: &Request<'_>, out: &mut Vec<Candidate>) {
        for r in self.rules.matching(req.cart) {
            let Some(product) = product_index(&self.catalog, &r.consequent) else {
                continue;
            };
            let p = &self.catalog.products()[product as usize];
            let names: Vec<String> = r
                .antecedent
                .iter()
                .map(|s| {
                    self.catalog
                        .by_sku(s)
                        .map_or_else(|| s.clone(), |p| p.name.clone())
                })
                .collect();
            let ante = names.join(" + ");
            // Confidence shrunk towards zero by a few pseudo-orders: 3 of 4 is less sure than 30 of 40.
            let shrunk = f64::from(r.count) / (f64::from(r.antecedent_count) + 4.0);
            out.push(Candidate {
                product,
                relevance: 0.4 + 0.5 * shrunk,
                kind: Kind::CrossSell,
                source: Source::Mined,
                reason: explain::pair(r.count, r.antecedent_count, &ante, p),
                script: explain::pair_script(&ante, p),
                replaces: None,
                bundle: None,
                rule: Some(r.id),
            });
        }
    }

    /// The shop's pairings for what is in the cart, in their time windows.
    fn curated(&self, req: &Request<'_>, cart: &[u32], out: &mut Vec<Candidate>) {
        let products = self.catalog.products();
        for &c in cart {
            let from = &products[c as usize];
            let keys = [
                target_key(&Target::Sku(from.sku.clone())),
                target_key(&Target::Category(from.category.clone())),
            ];
            for key in keys {
                for &i in self.curated_from.get(&key).into_iter().flatten() {
                    let pairing = &self.complements[i];
                    if !pairing.window.contains(req.now) {
                        continue;
                    }
                    for product in self.expand(&pairing.to, Some(c)) {
                        out.push(Candidate {
                            product,
                            relevance: 0.55 + 0.35 * pairing.weight,
                            kind: Kind::CrossSell,
                            source: Source::Curated,
                            reason: pairing.reason.clone(),
                            script: pairing.script.clone(),
                            replaces: None,
                            bundle: None,
                            rule: None,
                        });
                    }
                }
            }
        }
    }

    /// "Add X to complete the bundle and save $N", for bundles the cart has started.
    fn bundle_offers(&self, req: &Request<'_>, out: &mut Vec<Candidate>) {
        if self.bundles.is_empty() || req.cart.is_empty() {
            return;
        }
        let mut cart = Cart::new();
        for sku in req.cart {
            if let Some(p) = self.catalog.by_sku(sku) {
                let _ = cart.add(p, 1, LineOrigin::Manual);
            }
        }
        for bundle in &self.bundles {
            let m = bundle.match_cart(&cart);
            // One missing part is an offer; more would be a shopping list.
            if m.missing.len() != 1 {
                continue;
            }
            for product in self.expand(&m.missing[0], None).into_iter().take(1) {
                let p = &self.catalog.products()[product as usize];
                let mut with = cart.clone();
                if with.add(p, 1, LineOrigin::Manual).is_err() {
                    continue;
                }
                let saving = bundle.match_cart(&with).saving - m.saving;
                if saving <= Money::ZERO {
                    continue;
                }
                let share = saving.minor() as f64 / p.price.minor().max(1) as f64;
                out.push(Candidate {
                    product,
                    relevance: 0.6 + 0.3 * share.min(1.0),
                    kind: Kind::Bundle,
                    source: Source::Bundle,
                    reason: explain::bundle(&bundle.name, p, saving),
                    script: explain::bundle_script(&bundle.name, p, saving),
                    replaces: None,
                    bundle: Some((bundle.id.clone(), saving)),
                    rule: None,
                });
            }
        }
    }

    /// Consumables whose usual interval has passed since the customer last bought them.
    fn due_again(&self, profile: &Profile, out: &mut Vec<Candidate>) {
        for due in &profile.due {
            let p = &self.catalog.products()[due.product as usize];
            let overdue = due.days_since as f64 / due.interval_days as f64;
            out.push(Candidate {
                product: due.product,
                relevance: 0.65 + 0.2 * (overdue - 0.85).clamp(0.0, 1.0),
                kind: Kind::CrossSell,
                source: Source::History,
                reason: explain::due(p, due.days_since, due.interval_days),
                script: explain::due_script(p),
                replaces: None,
                bundle: None,
                rule: None,
            });
        }
    }

    /// The next tier of each product family in the cart.
    fn upsells(&self, cart: &[u32], profile: Option<&Profile>, out: &mut Vec<Candidate>) {
        let products = self.catalog.products();
        for &c in cart {
            let from = &products[c as usize];
            let Some(tier) = from.tier else { continue };
            let Some(members) = from.family.as_ref().and_then(|f| self.families.get(f)) else {
                continue;
            };
            // Members are in tier order: the first one above this tier is the next rung.
            let next = members.iter().copied().find(|&m| {
                let p = &products[m as usize];
                p.tier.is_some_and(|t| t > tier) && p.price > from.price && p.stock > 0 && p.active
            });
            if let Some(product) = next {
                let up = &products[product as usize];
                let fit = profile.map_or(0.0, |pr| pr.fit(up));
                out.push(Candidate {
                    product,
                    relevance: 0.45 + 0.2 * fit,
                    kind: Kind::Upsell,
                    source: Source::Ladder,
                    reason: explain::upsell(from, up),
                    script: explain::upsell_script(from, up),
                    replaces: Some(from.sku.clone()),
                    bundle: None,
                    rule: None,
                });
            }
        }
    }

    /// The products a target names: the SKU itself, or the best few of a category — those
    /// bought most often with `with`, then the most popular.
    fn expand(&self, target: &Target, with: Option<u32>) -> Vec<u32> {
        match target {
            Target::Sku(s) => product_index(&self.catalog, s).into_iter().collect(),
            Target::Category(c) => {
                let Some(&category) = self.category_ids.get(&c.to_lowercase()) else {
                    return Vec::new();
                };
                let products = self.catalog.products();
                let sellable =
                    |p: u32| products[p as usize].stock > 0 && products[p as usize].active;
                // Products bought with this very item fit it (the 15" sleeve for the 15"
                // laptop): its neighbour list, heaviest first, holds them, and is short.
                let mut fitting: Vec<(u32, u32)> = with
                    .and_then(|w| self.item_of_product[w as usize])
                    .map(|w| {
                        self.model
                            .neighbours_of(w)
                            .iter()
                            .filter_map(|nb| {
                                self.product_of_item
                                    .get(nb.item as usize)
                                    .copied()
                                    .flatten()
                                    .map(|p| (p, nb.together))
                            })
                            .filter(|&(p, together)| {
                                together > 0
                                    && self.category_of[p as usize] == category
                                    && sellable(p)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                if fitting.is_empty() {
                    // When none was bought with it, only the category's best seller is a fair guess.
                    return self.best_sellers[category as usize]
                        .iter()
                        .copied()
                        .find(|&p| sellable(p))
                        .into_iter()
                        .collect();
                }
                fitting.sort_by_key(|&(p, together)| (std::cmp::Reverse(together), p));
                fitting
                    .into_iter()
                    .take(PER_TARGET)
                    .map(|(p, _)| p)
                    .collect()
            }
        }
    }

    fn product_name(&self, item: u32) -> String {
        match self.product_of_item.get(item as usize).copied().flatten() {
            Some(p) => self.catalog.products()[p as usize].name.clone(),
            None => self.index.label(item).to_string(),
        }
    }
}

/// A tie-breaker, never above relevance: a healthy margin, and an add-on that is small next
/// to the cart (a $30 case on an $800 phone reads as help, an $800 add-on does not).
fn value(p: &Product, cart_value: Money) -> f64 {
    let margin = p
        .cost
        .filter(|c| p.price.minor() > 0 && *c <= p.price)
        .map_or(0.0, |c| 1.0 - c.minor() as f64 / p.price.minor() as f64);
    let smallness = if cart_value.minor() > 0 {
        1.0 - (p.price.minor() as f64 / cart_value.minor() as f64).min(1.0)
    } else {
        0.0
    };
    0.01 * margin + 0.005 * smallness
}

fn product_index(catalog: &Catalog, sku: &str) -> Option<u32> {
    catalog.index_of(sku).map(|i| i as u32)
}

fn target_key(t: &Target) -> String {
    match t {
        Target::Sku(s) => format!("sku:{s}"),
        Target::Category(c) => format!("category:{}", c.to_lowercase()),
    }
}
