//! The candidate sources of the engine: mined co-purchases and rules, curated pairings,
//! bundles the cart has started, consumables due again, upsell ladders, and how a category
//! target becomes products.

use crate::domain::cart::{Cart, LineOrigin};
use crate::domain::money::Money;
use crate::domain::target::Target;
use crate::recommend::budget;
use crate::recommend::explain;
use crate::recommend::model::{self, Evidence, History};
use crate::recommend::profile::Profile;

use super::{
    Candidate, Engine, Kind, MAX_DUE, MODEL_CANDIDATES, PER_TARGET, Request, Source, product_index,
    target_key,
};

/// A reminder's relevance before it is overdue: low, so a reminder leads only where the model
/// (which already weighs the customer's own purchases) agrees, and otherwise fills places
/// nothing else would. At 0.65 reminders took 49% of the first three places on Ta-Feng; at
/// 0.2 they still cost its till path .007 of hit@3 (0.0786 against 0.0821 at 0.05).
const DUE_RELEVANCE: f64 = 0.05;

/// How far below the model's last candidate the best sellers that fill a short list start,
/// in log-likelihood: e⁻⁵ of the top's relevance, under the value tie-breaker's reach.
const FILL_BELOW: f64 = 5.0;

impl Engine {
    /// Co-purchases learned from the shop's sales (and the customer's own purchase shares).
    pub(super) fn mined(
        &self,
        req: &Request<'_>,
        cart: &[u32],
        history: Option<&History>,
        out: &mut Vec<Candidate>,
    ) {
        let items: Vec<u32> = cart
            .iter()
            .filter_map(|&p| self.item_of_product[p as usize])
            .collect();
        let q = model::Query {
            cart: &items,
            history,
            at: Some(req.now),
        };
        let mut suggestions = self.model.query(&q, MODEL_CANDIDATES);
        let Some(top) = suggestions.first().map(|s| s.score) else {
            return;
        };
        // A rarely bought item's neighbours can be pairs too weak to offer, all of them: the
        // best sellers after the model's own list then fill what the guardrails leave, so the
        // till still gets k. Their relevance stays below any of the model's; one the model
        // already proposed merges with it, and one whose pair was too weak is offered for
        // what is true of it, that many orders hold it.
        let bottom = suggestions.last().map_or(top, |s| s.score);
        let fill: Vec<model::Suggestion> = self
            .model
            .popular()
            .iter()
            .filter(|&&i| !items.contains(&i))
            .take(2 * req.k)
            .enumerate()
            .map(|(rank, &item)| model::Suggestion {
                item,
                score: bottom - FILL_BELOW - rank as f64 * 0.01,
                evidence: Evidence::Popular {
                    orders_with: self.model.orders_with(item),
                    orders: self.model.orders(),
                },
            })
            .collect();
        suggestions.extend(fill);
        for s in suggestions {
            let Some(product) = self.product_of_item.get(s.item as usize).copied().flatten() else {
                continue;
            };
            // The model's scores are log-likelihood sums: their difference is a likelihood ratio.
            // Mere popularity says nothing about this cart, so it only fills in.
            let popular_only = matches!(s.evidence, Evidence::Popular { .. });
            let relevance = 0.9 * (s.score - top).exp() * if popular_only { 0.3 } else { 1.0 };
            let p = &self.catalog.products()[product as usize];
            let mut evidence = None;
            let (reason, script, source, label) = match s.evidence {
                Evidence::Pair {
                    antecedent,
                    together,
                    antecedent_orders,
                } => {
                    let ante = self.product_name(antecedent);
                    evidence = Some((together, antecedent_orders));
                    (
                        explain::pair(together, antecedent_orders, &ante, p),
                        explain::pair_script(together, antecedent_orders, &ante, p),
                        Source::Mined,
                        format!("mined:{}>{}", self.item_sku(antecedent), p.sku),
                    )
                }
                Evidence::History {
                    orders_with,
                    orders,
                } => (
                    explain::history(orders_with, orders, p),
                    explain::history_script(p),
                    Source::History,
                    format!("history:{}", p.sku),
                ),
                Evidence::Popular {
                    orders_with,
                    orders,
                } => (
                    explain::popular(orders_with, orders, p),
                    explain::popular_script(p),
                    Source::Mined,
                    format!("popular:{}", p.sku),
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
                evidence,
                label,
            });
        }
    }

    /// Stored association rules whose whole antecedent is in the cart.
    pub(super) fn rules(&self, req: &Request<'_>, weight: f64, out: &mut Vec<Candidate>) {
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
            // How large the share surely is: 3 of 4 is less sure than 30 of 40.
            let sure = budget::lower_bound(r.count, r.antecedent_count);
            out.push(Candidate {
                product,
                // Weighed by what rules add to the model on this shop's history: where they
                // add nothing they still word and credit the offers the model agrees with.
                relevance: weight * (0.4 + 0.5 * sure),
                kind: Kind::CrossSell,
                source: Source::Mined,
                reason: explain::pair(r.count, r.antecedent_count, &ante, p),
                script: explain::pair_script(r.count, r.antecedent_count, &ante, p),
                replaces: None,
                bundle: None,
                rule: Some(r.id),
                evidence: Some((r.count, r.antecedent_count)),
                label: format!("mined:{}>{}", r.antecedent.join("+"), r.consequent),
            });
        }
    }

    /// The shop's pairings for what is in the cart, in their time windows.
    pub(super) fn curated(&self, req: &Request<'_>, cart: &[u32], out: &mut Vec<Candidate>) {
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
                            evidence: None,
                            label: format!("curated:{}>{}", pairing.from, pairing.to),
                        });
                    }
                }
            }
        }
    }

    /// "Add X to complete the bundle and save $N", for bundles the cart has started.
    pub(super) fn bundle_offers(&self, req: &Request<'_>, out: &mut Vec<Candidate>) {
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
                    evidence: None,
                    label: format!("bundle:{}", bundle.id),
                });
            }
        }
    }

    /// Consumables whose usual interval has passed since the customer last bought them.
    pub(super) fn due_again(&self, profile: &Profile, out: &mut Vec<Candidate>) {
        // A reminder or two is a service; a list of everything running low is noise.
        for due in profile.due.iter().take(MAX_DUE) {
            let p = &self.catalog.products()[due.product as usize];
            let overdue = due.days_since as f64 / due.interval_days as f64;
            out.push(Candidate {
                product: due.product,
                relevance: DUE_RELEVANCE + 0.05 * (overdue - 0.85).clamp(0.0, 1.0),
                kind: Kind::CrossSell,
                source: Source::History,
                reason: explain::due(p, due.days_since, due.interval_days),
                script: explain::due_script(p),
                replaces: None,
                bundle: None,
                rule: None,
                evidence: None,
                label: format!("due:{}", p.category.to_lowercase()),
            });
        }
    }

    /// The next tier of each product family in the cart.
    pub(super) fn upsells(
        &self,
        cart: &[u32],
        profile: Option<&Profile>,
        out: &mut Vec<Candidate>,
    ) {
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
                p.tier.is_some_and(|t| t > tier) && p.price > from.price && p.in_stock() && p.active
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
                    evidence: None,
                    label: format!("ladder:{}", from.family.as_deref().unwrap_or_default()),
                });
            }
        }
    }

    /// The products a target names: the SKU itself, or the best few of a category — those
    /// bought most often with `with`, then the most popular.
    pub(super) fn expand(&self, target: &Target, with: Option<u32>) -> Vec<u32> {
        match target {
            Target::Sku(s) => product_index(&self.catalog, s).into_iter().collect(),
            Target::Category(c) => {
                let Some(&category) = self.category_ids.get(&c.to_lowercase()) else {
                    return Vec::new();
                };
                let products = self.catalog.products();
                let sellable =
                    |p: u32| products[p as usize].in_stock() && products[p as usize].active;
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

    pub(super) fn product_name(&self, item: u32) -> String {
        match self.product_of_item.get(item as usize).copied().flatten() {
            Some(p) => self.catalog.products()[p as usize].name.clone(),
            None => self.index.label(item).to_string(),
        }
    }

    /// The SKU the history knows an item by.
    pub(super) fn item_sku(&self, item: u32) -> &str {
        self.index.label(item)
    }
}
