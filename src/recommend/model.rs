//! The engine's item-to-item relevance model: given a cart (and, when known, the customer's
//! past purchases and the time of day), which other items is this order most likely to hold?
//!
//! One score blends what the peers found to work, none of it alone:
//! - a shrunk association score: the log of the lift of j given each cart item, pulled
//!   towards 1 by `shrink` pseudo-orders so that rare pairs do not over-promote rare items
//!   (naive Bayes over the cart, with the cart's vote damped by `cart_norm`);
//! - conditional probability C_ij/n_i and cosine co-occurrence, counted with each order
//!   weighted down by its size;
//! - a popularity prior: how often the item is the one missing from an order;
//! - time of day and day of week (shrunk lift of the item in that slot), when orders have times;
//! - the customer's own purchase share, when the customer is known.
//!
//! Everything that depends on a pair is precomputed at training time into a short list of
//! neighbours per item, so a query costs a few hundred additions. The weights are tuned on
//! validation slices of the training orders (`model::tune`), never on the test orders.

mod counts;
mod history;
mod train;
pub mod tune;

pub use counts::Counts;
pub use history::{History, histories};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::recommend::baskets::Baskets;
use crate::recommend::split;

/// 24 hours of the day, then 7 days of the week.
const SLOTS: usize = 24 + 7;

/// Knobs of the blend. `Params::default()` is where tuning starts and what `--no-tune` runs
/// with: a middle ground between the values tuning chose on the two reference data sets
/// (docs/eval.md). `tune::tune` picks them per data set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Params {
    /// Neighbours kept per item (and per time slot).
    pub neighbours: usize,
    /// Most popular items always considered, so a sparse cart still gets k suggestions.
    pub fill: usize,
    /// Exponent of the basket-size down-weighting of pair counts: 1/(|B|-1)^size_weight.
    pub size_weight: f64,
    /// Pseudo-orders that shrink each pair's lift towards 1.
    pub shrink: f64,
    pub w_prior: f64,
    /// Weight of the order-size lift: how much more often the item completes orders of
    /// the cart's size.
    pub w_size: f64,
    pub w_assoc: f64,
    pub w_cond: f64,
    pub w_cosine: f64,
    /// Weight of the absent-item evidence: items that rarely come alone lose ground when the
    /// cart is short.
    pub w_absent: f64,
    /// The cart's summed pair evidence is divided by |cart|^cart_norm.
    pub cart_norm: f64,
    /// Weight of the hour-of-day lift.
    pub w_time: f64,
    /// Weight of the day-of-week lift.
    pub w_weekday: f64,
    pub time_shrink: f64,
    pub w_history: f64,
    /// Orders count half as much every this many days back from the newest (0: all equal).
    pub half_life_days: f64,
    /// How much a stored association rule's own relevance counts at the till. The engine's
    /// knob, not the model's (the model already weighs every pair a rule comes from); kept
    /// here so that it travels with the run `xsell mine` chose it in (`recommend::rule_weight`).
    pub w_rules: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            neighbours: 64,
            fill: 32,
            size_weight: 1.0,
            shrink: 16.0,
            w_prior: 1.0,
            w_size: 0.5,
            w_assoc: 0.75,
            w_cond: 1.0,
            w_cosine: 0.0,
            w_absent: 0.0,
            cart_norm: 0.5,
            w_time: 0.5,
            w_weekday: 0.25,
            time_shrink: 8.0,
            w_history: 1.0,
            half_life_days: 0.0,
            w_rules: 1.0,
        }
    }
}

/// One neighbour of an item (or of a time slot) and how much it counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Neighbour {
    pub item: u32,
    /// Training orders holding both.
    pub together: u32,
    /// The blended pair weight (already multiplied by the blend weights).
    pub weight: f32,
}

/// What a request knows: the cart, the customer's history if any, the time if any.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<'a> {
    pub cart: &'a [u32],
    pub history: Option<&'a History>,
    pub at: Option<NaiveDateTime>,
}

/// The strongest reason behind a suggestion, in numbers a person can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Evidence {
    /// "`together` of the `antecedent_orders` orders with `antecedent` also held it."
    Pair {
        antecedent: u32,
        together: u32,
        antecedent_orders: u32,
    },
    /// "Bought in `orders_with` of the customer's `orders` visits."
    History { orders_with: u32, orders: u32 },
    /// "In `orders_with` of `orders` orders."
    Popular { orders_with: u32, orders: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Suggestion {
    pub item: u32,
    pub score: f64,
    pub evidence: Evidence,
}

/// The layout of [`Model::to_bytes`]: raised whenever a field of the model changes, so a
/// model kept by another version is trained again rather than misread.
pub const FORMAT: u32 = 2;

/// Basket lines the model a shop runs with learns from: its newest orders holding at most
/// this many items. Past that, older orders teach it nothing more: on a million wholesale
/// orders, trained on the newest 4 million of their 19.7 million learning lines rather than
/// all of them, hit@3 on the newest 3,000 cases read .180 against .176 (8 million: .177,
/// 2 million: .181), and training took 0.85 s against 5.2.
pub const LEARN_LINES: usize = 4_000_000;

/// The orders of `baskets` the shop's model learns from ([`LEARN_LINES`]): all of them,
/// in their own order, unless they hold more lines.
pub fn learned_from(baskets: &Baskets) -> Vec<usize> {
    newest_lines(baskets, LEARN_LINES, None)
}

/// [`learned_from`] for a caller that already has the history in split order.
pub fn learned_from_ordered(baskets: &Baskets, ordered: &[usize]) -> Vec<usize> {
    newest_lines(baskets, LEARN_LINES, Some(ordered))
}

fn newest_lines(baskets: &Baskets, max_lines: usize, ordered: Option<&[usize]>) -> Vec<usize> {
    let all: Vec<usize> = (0..baskets.len()).collect();
    let lines: usize = baskets.baskets.iter().map(|b| b.items.len()).sum();
    if lines <= max_lines {
        return all;
    }
    let sorted;
    let ordered = match ordered {
        Some(o) => o,
        None => {
            sorted = split::in_split_order(&baskets.baskets, &all);
            &sorted
        }
    };
    split::newest_within(&baskets.baskets, ordered, usize::MAX, max_lines).to_vec()
}

/// A trained model. Immutable: scoring takes `&self` and may run on many threads.
/// It serializes whole, so that the model `xsell mine` trained can be kept with the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    params: Params,
    orders: u32,
    count: Vec<u32>,
    /// The per-item part of the score: weighted log prior and absence penalty.
    prior: Vec<f32>,
    /// Per order-size bucket, a per-item term (empty when unused).
    size_terms: Vec<Vec<f32>>,
    /// Items by prior, best first: the fill candidates.
    popular: Vec<u32>,
    /// Position of each item's SKU in code-point order: the final tie-break.
    label_rank: Vec<u32>,
    neighbours: Vec<Vec<Neighbour>>,
    slots: train::SlotTerms,
}

impl Model {
    /// Trains on the baskets at positions `subset` of `all`.
    pub fn train(all: &Baskets, subset: &[usize], params: &Params) -> Model {
        let baskets: Vec<_> = subset.iter().map(|&i| &all.baskets[i]).collect();
        let totals = train::totals(&baskets, all.index.len(), params);
        let pairs = train::neighbours(&baskets, &totals, params, threads());
        let slots = train::slot_counts(&baskets, all.index.len());
        Model::assemble(totals, pairs, &slots, label_ranks(all), params)
    }

    /// The pair counts of `subset` under `params`' order weights, for [`Model::train_counted`]:
    /// of every item, or only of the items `wanted` (a model blended from them then has
    /// neighbours for those items only, which is all that questions about carts of them
    /// read; the rest of the model is whole).
    pub fn count(
        all: &Baskets,
        subset: &[usize],
        params: &Params,
        wanted: Option<&[bool]>,
    ) -> Counts {
        Counts::new(all, subset, params, wanted)
    }

    /// The model [`Model::train`] gives, from counts made on the same baskets: only the
    /// blend is redone. `None` when the counts were made with other order weights.
    pub fn train_counted(params: &Params, counts: &Counts) -> Option<Model> {
        if !counts.fits(params) {
            return None;
        }
        Some(Model::assemble(
            counts.totals.clone(),
            counts.pairs(params),
            &counts.slots,
            counts.label_rank.clone(),
            params,
        ))
    }

    fn assemble(
        totals: train::Totals,
        pairs: train::Pairs,
        slots: &train::SlotCounts,
        label_rank: Vec<u32>,
        params: &Params,
    ) -> Model {
        let n = label_rank.len();
        let size_terms = train::size_terms(&totals, params);
        let slots = train::slot_terms(slots, &totals, params);
        let prior: Vec<f32> = totals
            .hidden
            .iter()
            .zip(&pairs.absent)
            .map(|(&h, &a)| (params.w_prior * h.ln_1p() + params.w_absent * a) as f32)
            .collect();
        let mut popular: Vec<u32> = (0..n as u32)
            .filter(|&i| totals.count[i as usize] > 0)
            .collect();
        popular.sort_by(|&a, &b| {
            prior[b as usize]
                .total_cmp(&prior[a as usize])
                .then(totals.count[b as usize].cmp(&totals.count[a as usize]))
                .then(label_rank[a as usize].cmp(&label_rank[b as usize]))
        });
        popular.truncate(params.fill.max(1));
        Model {
            params: params.clone(),
            orders: totals.orders,
            count: totals.count,
            prior,
            size_terms,
            popular,
            label_rank,
            neighbours: pairs.rows,
            slots,
        }
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The model as bytes, for [`Model::from_bytes`] of the same [`Model::FORMAT`].
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a model always serializes")
    }

    /// The model [`Model::to_bytes`] gave, if `bytes` hold one over `items` items; `None`
    /// for anything else (damaged, or for another catalog), so the caller trains instead.
    pub fn from_bytes(bytes: &[u8], items: usize) -> Option<Model> {
        let model: Model = postcard::from_bytes(bytes).ok()?;
        let n = model.label_rank.len();
        let fits = n == items
            && model.count.len() == n
            && model.prior.len() == n
            && model.neighbours.len() == n
            && model.size_terms.len() == train::SIZE_BUCKETS
            && model
                .size_terms
                .iter()
                .all(|t| t.is_empty() || t.len() == n)
            && model.slots.terms.len() == SLOTS
            && model.slots.lifted.len() == SLOTS
            && model
                .slots
                .terms
                .iter()
                .all(|t| t.is_empty() || t.len() == n)
            && model.popular.iter().all(|&i| (i as usize) < n)
            && model
                .neighbours
                .iter()
                .chain(&model.slots.lifted)
                .flatten()
                .all(|nb| (nb.item as usize) < n);
        fits.then_some(model)
    }

    /// The items the prior ranks first (`Params::fill` of them), best first.
    pub fn popular(&self) -> &[u32] {
        &self.popular
    }

    /// Training orders.
    pub fn orders(&self) -> u32 {
        self.orders
    }

    /// Training orders holding `item`.
    pub fn orders_with(&self, item: u32) -> u32 {
        self.count.get(item as usize).copied().unwrap_or(0)
    }

    /// The neighbours kept for `item`, heaviest first.
    pub fn neighbours_of(&self, item: u32) -> &[Neighbour] {
        self.neighbours
            .get(item as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// The top `k` items for a cart, none of them in it.
    pub fn score(&self, cart: &[u32], history: Option<&History>, k: usize) -> Vec<Suggestion> {
        self.query(
            &Query {
                cart,
                history,
                at: None,
            },
            k,
        )
    }

    /// The top `k` items for a full query, best first, ties broken by SKU code point.
    pub fn query(&self, q: &Query, k: usize) -> Vec<Suggestion> {
        self.query_tallied(q, k, None)
    }

    /// [`Model::query`], its votes tallied in place (`Some(true)`), by sorting
    /// (`Some(false)`), or by whichever suits their number (`None`).
    fn query_tallied(&self, q: &Query, k: usize, in_place: Option<bool>) -> Vec<Suggestion> {
        const NO_CART_ITEM: u32 = u32::MAX;
        // (item, weight, cart item it comes from) — merged by item below.
        let mut votes: Vec<(u32, f32, u32)> = Vec::with_capacity(q.cart.len() * 64 + 128);
        let damp = (q.cart.len().max(1) as f64).powf(-self.params.cart_norm) as f32;
        for &i in q.cart {
            for nb in self.neighbours_of(i) {
                votes.push((nb.item, nb.weight * damp, i));
            }
        }
        if let Some(at) = q.at {
            // The slot's most lifted items join the candidates; every candidate's slot term is
            // added below.
            for s in train::slots_of(at) {
                for nb in &self.slots.lifted[s] {
                    votes.push((nb.item, 0.0, NO_CART_ITEM));
                }
            }
        }
        for &j in &self.popular {
            votes.push((j, 0.0, NO_CART_ITEM));
        }
        if let Some(h) = q.history {
            for &(j, _) in &h.items {
                votes.push((j, 0.0, NO_CART_ITEM));
            }
        }
        let size_terms = &self.size_terms[train::size_bucket(q.cart.len() + 1)];
        let slots = q.at.map_or(Vec::new(), |at| train::slots_of(at).to_vec());
        let mut cart = q.cart.to_vec();
        cart.sort_unstable();
        let n = self.prior.len();
        let base = |j: u32| {
            let mut score = f64::from(self.prior[j as usize]);
            if let Some(&s) = size_terms.get(j as usize) {
                score += f64::from(s);
            }
            for s in &slots {
                if let Some(&t) = self.slots.terms[*s].get(j as usize) {
                    score += f64::from(t);
                }
            }
            score
        };
        // Scored in full, but the evidence is worked out for the k kept only: a long cart
        // votes for a thousand items, and each one's evidence is a search of a neighbour list.
        let finish = |j: u32, score: f64, best: Option<(f32, u32)>| {
            let share = q.history.map_or(0.0, |h| h.share(j));
            let from_history = self.params.w_history * share;
            Scored {
                item: j,
                score: score + from_history,
                best,
                from_history,
            }
        };
        let stronger = |best: Option<(f32, u32)>, w: f32, from: u32| {
            from != NO_CART_ITEM && best.is_none_or(|(bw, _)| w > bw)
        };
        let mut out: Vec<Scored> = Vec::new();
        if in_place.unwrap_or(votes.len() * 4 > n) {
            // Many votes for few items (a long cart, a small shop): tallied in place rather
            // than sorted, which on a 1,000-item cart is most of the work.
            let mut sum = vec![0f64; n];
            let mut best: Vec<Option<(f32, u32)>> = vec![None; n];
            let mut voted = vec![false; n];
            for &(j, w, from) in &votes {
                let Some(at) = voted.get_mut(j as usize) else {
                    continue;
                };
                *at = true;
                sum[j as usize] += f64::from(w);
                if stronger(best[j as usize], w, from) {
                    best[j as usize] = Some((w, from));
                }
            }
            // The cart's own items are struck off here: a search of the cart for each of a
            // thousand voted items was a fifth of the query.
            for &i in &cart {
                if let Some(at) = voted.get_mut(i as usize) {
                    *at = false;
                }
            }
            for j in 0..n as u32 {
                if voted[j as usize] {
                    let score = base(j) + sum[j as usize];
                    out.push(finish(j, score, best[j as usize]));
                }
            }
        } else {
            votes.sort_unstable_by_key(|v| v.0);
            for group in votes.chunk_by(|a, b| a.0 == b.0) {
                let j = group[0].0;
                if (j as usize) >= n || cart.binary_search(&j).is_ok() {
                    continue;
                }
                let mut score = base(j);
                let mut best: Option<(f32, u32)> = None;
                for &(_, w, from) in group {
                    score += f64::from(w);
                    if stronger(best, w, from) {
                        best = Some((w, from));
                    }
                }
                out.push(finish(j, score, best));
            }
        }
        let better = |a: &Scored, b: &Scored| {
            b.score
                .total_cmp(&a.score)
                .then(self.label_rank[a.item as usize].cmp(&self.label_rank[b.item as usize]))
        };
        if out.len() > k && k > 0 {
            out.select_nth_unstable_by(k - 1, better);
        }
        out.truncate(k);
        out.sort_by(better);
        out.into_iter()
            .map(|s| Suggestion {
                item: s.item,
                score: s.score,
                evidence: self.evidence(s.item, s.best, s.from_history, q.history),
            })
            .collect()
    }

    fn evidence(
        &self,
        j: u32,
        best_pair: Option<(f32, u32)>,
        from_history: f64,
        history: Option<&History>,
    ) -> Evidence {
        if let Some(h) = history.filter(|_| from_history > 0.0)
            && best_pair.is_none_or(|(w, _)| from_history >= f64::from(w))
        {
            let orders_with = h.items.iter().find(|e| e.0 == j).map_or(0, |e| e.1);
            return Evidence::History {
                orders_with,
                orders: h.orders,
            };
        }
        if let Some((_, i)) = best_pair.filter(|&(w, _)| w > 0.0) {
            let together = self
                .neighbours_of(i)
                .iter()
                .find(|nb| nb.item == j)
                .map_or(0, |nb| nb.together);
            return Evidence::Pair {
                antecedent: i,
                together,
                antecedent_orders: self.orders_with(i),
            };
        }
        Evidence::Popular {
            orders_with: self.orders_with(j),
            orders: self.orders,
        }
    }
}

/// A candidate of one query, scored, before its evidence is worked out.
struct Scored {
    item: u32,
    score: f64,
    /// The strongest pair vote and the cart item it came from.
    best: Option<(f32, u32)>,
    from_history: f64,
}

/// Each item's place in SKU code-point order: the final tie-break.
fn label_ranks(all: &Baskets) -> Vec<u32> {
    let n = all.index.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| all.index.label(a).cmp(all.index.label(b)));
    let mut rank = vec![0u32; n];
    for (at, &item) in order.iter().enumerate() {
        rank[item as usize] = at as u32;
    }
    rank
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |t| t.get())
}

#[cfg(test)]
mod tests;
