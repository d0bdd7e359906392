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
use crate::domain::catalog::{Catalog, Product};
use crate::domain::money::Money;
use crate::domain::target::Target;
use crate::recommend::baskets::{Baskets, ItemIndex};
use crate::recommend::curated::Complement;
use crate::recommend::mined::{MinedRule, RuleIndex};
use crate::recommend::model::{self, History, Model, Params};
use crate::recommend::profile::{self, Intervals, Profile, Purchase};

mod guardrails;
mod sources;

pub use guardrails::{Guardrail, Removals};

// The offer's words live in `domain::offer`, so the timing and the screen need not know the engine.
pub use crate::domain::offer::{Kind, Recommendation, Source};

/// A list of offers and why it is not longer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Explained {
    pub items: Vec<Recommendation>,
    pub removals: Removals,
    /// The customer asked for no offers.
    pub opted_out: bool,
}

/// What the engine is built from.
pub struct EngineInput {
    pub catalog: Arc<Catalog>,
    pub complements: Vec<Complement>,
    pub bundles: Vec<Bundle>,
    /// Association rules mined from the sales (`xsell mine`).
    pub rules: Vec<MinedRule>,
    /// Paid orders: what the model learns co-purchases from (only their item index when
    /// `trained` stands for them).
    pub baskets: Baskets,
    /// A model already trained on these baskets with `params` (kept by `xsell mine`): the
    /// engine starts from it instead of training.
    pub trained: Option<Model>,
    /// Each known customer's past purchases; may be empty when every request brings its
    /// customer's own (`Request::purchases`).
    pub purchases: HashMap<String, Vec<Purchase>>,
    /// The shop's usual repurchase intervals, when already worked out (by `xsell mine`);
    /// otherwise they are worked out from `purchases`.
    pub intervals: Option<Intervals>,
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
    /// The customer's past purchases, fetched for this request. Without them the engine uses
    /// those it loaded, if any.
    pub purchases: Option<&'a [Purchase]>,
    pub now: NaiveDateTime,
    /// A self-service kiosk: no age-restricted products.
    pub kiosk: bool,
    pub k: usize,
    /// The item just added, when its moment asks: its next tier keeps a place among the `k`
    /// if the cart fits it (the step up costs no more than the cart so far), so the panel
    /// can give the upgrade one place in that moment.
    pub upgrade_of: Option<&'a str>,
}

/// Share of the candidates taken from the model before the guardrails filter them.
const MODEL_CANDIDATES: usize = 48;
/// Products of one category at most among the offers, so three mice never crowd a laptop's offers.
const PER_CATEGORY: usize = 2;
/// Products a category target expands to.
const PER_TARGET: usize = 3;
/// Best sellers kept per category, enough to find one in stock.
const BEST_SELLERS: usize = 16;
/// Consumables due again offered at most, the most overdue first.
const MAX_DUE: usize = 2;

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
    /// `Params::w_rules`: what a stored rule's own relevance counts for.
    rule_weight: f64,
}

/// What one request found before ranking: its cart as products, its customer's profile and
/// every source's candidates.
struct Gathered {
    cart: Vec<u32>,
    profile: Option<Profile>,
    candidates: Vec<Candidate>,
}

/// An offer as ranked: its score, the candidate that words it (its place among those
/// gathered) and the mined rule behind it.
type Offer = (f64, usize, Option<i64>);

#[derive(Clone)]
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
    label: String,
    /// A mined offer's evidence: (orders with both, orders with what brought it).
    evidence: Option<(u32, u32)>,
}

impl Engine {
    pub fn build(mut input: EngineInput) -> Engine {
        let trained = input.trained.take();
        let catalog = input.catalog;
        // The model trains while the customers' histories and repurchase intervals are
        // worked out on another core: together they are most of the load time.
        let known_intervals = input.intervals;
        let rule_weight = input.params.w_rules;
        let (model, (histories, intervals)) = std::thread::scope(|scope| {
            let side = scope.spawn(|| {
                if input.purchases.is_empty() {
                    // Requests bring their customer's purchases: nothing to prepare per customer.
                    return (HashMap::new(), known_intervals.unwrap_or_default());
                }
                let histories = model::histories(input.baskets.baskets.iter());
                let intervals = known_intervals.unwrap_or_else(|| {
                    profile::intervals(input.purchases.values().map(Vec::as_slice), &catalog)
                });
                (histories, intervals)
            });
            let model = trained.unwrap_or_else(|| {
                let learned = model::learned_from(&input.baskets);
                Model::train(&input.baskets, &learned, &input.params)
            });
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
            rule_weight,
        }
    }

    /// Weighs the stored rules' own relevance by `w` from now on (`Params::w_rules` at build;
    /// [`Engine::recommend_per_rule_weight`] answers as each of several weights would).
    pub fn set_rule_weight(&mut self, w: f64) {
        self.rule_weight = w;
    }

    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    /// The customer's profile as of `now`, from the purchases the engine loaded.
    pub fn profile(&self, customer: &str, now: NaiveDateTime) -> Profile {
        let purchases = self.purchases.get(customer).map_or(&[][..], Vec::as_slice);
        profile::profile(purchases, &self.catalog, &self.intervals, now)
    }

    /// A customer's history as the model reads it: per item, the number of their orders
    /// (purchases at one time) that held it.
    fn history_of(&self, purchases: &[Purchase]) -> History {
        let mut seen: Vec<(NaiveDateTime, u32)> = purchases
            .iter()
            .filter_map(|p| {
                self.item_of_product
                    .get(p.product as usize)
                    .copied()
                    .flatten()
                    .map(|item| (p.at, item))
            })
            .collect();
        seen.sort_unstable();
        seen.dedup();
        let mut orders: Vec<NaiveDateTime> = purchases.iter().map(|p| p.at).collect();
        orders.sort_unstable();
        orders.dedup();
        let items: Vec<u32> = seen.into_iter().map(|(_, item)| item).collect();
        History::from_items(orders.len() as u32, &items)
    }

    /// The best `k` offers for a request, best first.
    pub fn recommend(&self, req: &Request<'_>) -> Vec<Recommendation> {
        self.recommend_explained(req).items
    }

    /// The best `k` offers, with what each guardrail removed on the way.
    pub fn recommend_explained(&self, req: &Request<'_>) -> Explained {
        if let Some(none) = self.refused(req) {
            return none;
        }
        self.rank(req, &self.gather(req, self.rule_weight), 1.0)
    }

    /// [`Engine::recommend`] once for each rule weight, as [`Engine::set_rule_weight`] would
    /// make it answer: the sources are asked once, and only the rules' own candidates are
    /// weighed anew. What `recommend::rule_weight` compares, at a quarter of the cost.
    pub fn recommend_per_rule_weight(
        &self,
        req: &Request<'_>,
        weights: &[f64],
    ) -> Vec<Vec<Recommendation>> {
        if self.refused(req).is_some() {
            return weights.iter().map(|_| Vec::new()).collect();
        }
        let gathered = self.gather(req, 1.0);
        weights
            .iter()
            .map(|&w| self.rank(req, &gathered, w).items)
            .collect()
    }

    /// The empty answer to a customer who asked for no offers, or to a request for none.
    fn refused(&self, req: &Request<'_>) -> Option<Explained> {
        (req.customer.is_some_and(|c| self.opted_out.contains(c)) || req.k == 0).then(|| {
            Explained {
                items: Vec::new(),
                removals: Removals::default(),
                opted_out: req.k > 0,
            }
        })
    }

    /// Every source's candidates for `req`, the stored rules' weighed by `rule_weight`.
    fn gather(&self, req: &Request<'_>, rule_weight: f64) -> Gathered {
        let cart: Vec<u32> = req
            .cart
            .iter()
            .filter_map(|s| product_index(&self.catalog, s))
            .collect();
        let (profile, fetched_history) = match (req.customer, req.purchases) {
            (Some(_), Some(purchases)) => (
                Some(profile::profile(
                    purchases,
                    &self.catalog,
                    &self.intervals,
                    req.now,
                )),
                Some(self.history_of(purchases)),
            ),
            (Some(c), None) => (Some(self.profile(c, req.now)), None),
            (None, _) => (None, None),
        };
        let history = fetched_history
            .as_ref()
            .or_else(|| req.customer.and_then(|c| self.histories.get(c)));

        let mut candidates: Vec<Candidate> = Vec::new();
        self.mined(req, &cart, history, &mut candidates);
        self.rules(req, rule_weight, &mut candidates);
        self.curated(req, &cart, &mut candidates);
        self.bundle_offers(req, &mut candidates);
        if let Some(p) = &profile {
            self.due_again(p, &mut candidates);
        }
        self.upsells(&cart, profile.as_ref(), &mut candidates);
        Gathered {
            cart,
            profile,
            candidates,
        }
    }

    /// The guardrails, the scores and the diversity rule over what [`Engine::gather`] found,
    /// the relevance of candidates a stored rule brings scaled by `rule_scale` (the same
    /// product as `w * (0.4 + 0.5 * sure)` in `rules`). Candidates are read in place and only
    /// the `k` offered are copied: a long cart gathers thousands, each with its words, and
    /// the rules' weight check ranks one gathering four times.
    fn rank(&self, req: &Request<'_>, gathered: &Gathered, rule_scale: f64) -> Explained {
        let Gathered {
            cart,
            profile,
            candidates,
        } = gathered;
        let mut removals = Removals::default();
        let products = self.catalog.products();
        let cart_value: Money = cart.iter().map(|&p| products[p as usize].price).sum();
        let guard = guardrails::Context {
            req,
            profile: profile.as_ref(),
            cart_durable_categories: cart
                .iter()
                .map(|&p| &products[p as usize])
                .filter(|p| p.durable && !p.category.is_empty())
                .map(|p| p.category.to_lowercase())
                .collect(),
            cart_value,
        };
        // Per product and kind, the offer so far.
        let mut best: HashMap<(u32, Kind), Offer> = HashMap::new();
        for (at, c) in candidates.iter().enumerate() {
            let p = &products[c.product as usize];
            if let Some(rule) = guard.forbids(p, c) {
                removals.count(rule, c.product);
                continue;
            }
            let relevance = if c.rule.is_some() {
                c.relevance * rule_scale
            } else {
                c.relevance
            };
            let fit = profile.as_ref().map_or(0.0, |pr| pr.fit(p))
                + if req.viewed.iter().any(|v| v == &p.sku) {
                    0.3
                } else {
                    0.0
                };
            let score = relevance * (1.0 + 0.5 * fit.min(1.0)) + value(p, cart_value);
            match best.get_mut(&(c.product, c.kind)) {
                Some((s, wording, rule)) => {
                    // Two sources agreeing is itself evidence.
                    let agreed = score.max(*s) + 0.1 * score.min(*s);
                    // The mined rule behind an offer is kept whichever source words it; the
                    // label names the source that words it, as the offer's `source` does.
                    *rule = rule.or(c.rule);
                    if score > *s {
                        *wording = at;
                    }
                    *s = agreed;
                }
                None => {
                    best.insert((c.product, c.kind), (score, at, c.rule));
                }
            }
        }
        let mut ranked: Vec<Offer> = best.into_values().collect();
        ranked.sort_by(|a, b| {
            b.0.total_cmp(&a.0).then_with(|| {
                products[candidates[a.1].product as usize]
                    .sku
                    .cmp(&products[candidates[b.1].product as usize].sku)
            })
        });
        let upgrade = req.upgrade_of.filter(|_| req.k > 1).and_then(|sku| {
            let at = ranked.iter().position(|&(_, at, _)| {
                let c = &candidates[at];
                c.kind == Kind::Upsell
                    && c.replaces.as_deref() == Some(sku)
                    && self.upgrade_fits(c, cart_value)
            })?;
            Some(ranked.remove(at))
        });
        let room = req.k - usize::from(upgrade.is_some());
        // Diversity: at most two durables of a category while other candidates are left, so
        // three mice never crowd a laptop's offers; it never shortens the list, so what it held
        // back fills the places nothing else would (a shop without categories gets k).
        let mut per_category: HashMap<String, usize> = HashMap::new();
        let mut seen_products: HashSet<u32> = HashSet::new();
        let mut chosen: Vec<Offer> = Vec::new();
        // Held back: (place it had by score alone, the offer as ranked).
        let mut held: Vec<(usize, Offer)> = Vec::new();
        for offer in ranked {
            if chosen.len() == room {
                break;
            }
            let c = &candidates[offer.1];
            if !seen_products.insert(c.product) {
                continue;
            }
            let p = &products[c.product as usize];
            if !p.durable {
                // Consumables of one kind go together (three yoghurts are one basket).
                chosen.push(offer);
                continue;
            }
            let n = per_category.entry(p.category.to_lowercase()).or_default();
            if *n >= PER_CATEGORY {
                held.push((seen_products.len() - 1, offer));
                continue;
            }
            *n += 1;
            chosen.push(offer);
        }
        let fill = room.saturating_sub(chosen.len()).min(held.len());
        // What the rule really changed: held back from a place it had by score alone.
        removals.held_back_by_category = held[fill..]
            .iter()
            .filter(|(place, _)| *place < room)
            .count();
        chosen.extend(held.into_iter().take(fill).map(|(_, offer)| offer));
        if let Some(offer) = upgrade {
            // Where its score puts it, or last when add-ons outrank it.
            let at = chosen
                .iter()
                .position(|o| o.0 < offer.0)
                .unwrap_or(chosen.len());
            chosen.insert(at, offer);
        }
        Explained {
            items: chosen
                .into_iter()
                .map(|(score, at, rule)| {
                    let mut c = candidates[at].clone();
                    c.rule = rule;
                    self.finish(c, score)
                })
                .collect(),
            removals,
            opted_out: false,
        }
    }

    /// Whether the step up from the product an upgrade replaces costs no more than the cart.
    fn upgrade_fits(&self, c: &Candidate, cart_value: Money) -> bool {
        let up = &self.catalog.products()[c.product as usize];
        c.replaces
            .as_deref()
            .and_then(|sku| self.catalog.by_sku(sku))
            .is_some_and(|from| up.price - from.price <= cart_value)
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
            rule: c.label,
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
