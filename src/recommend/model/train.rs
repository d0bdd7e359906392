//! Training: count items, pairs and time slots once, then keep for each item only its
//! strongest neighbours with their blended weight, so that a query touches a few hundred
//! numbers whatever the size of the history.
//!
//! Pairs are counted item by item from an inverted index into a dense accumulator (no hash
//! map, no pair list): the work is Σ|basket|², spread over the available cores.

use chrono::{Datelike, Timelike};

use super::{Neighbour, Params, SLOTS};
use crate::recommend::baskets::Basket;

mod bounds;
pub(super) use bounds::{Bounding, contenders};

/// Per-item totals over the training orders.
#[derive(Clone)]
pub(super) struct Totals {
    pub orders: u32,
    /// Orders holding the item.
    pub count: Vec<u32>,
    /// Orders holding the item, each weighted by the basket-size weight.
    pub weighted: Vec<f64>,
    /// Expected number of times the item is the hidden one of a two-or-more item order:
    /// Σ 1/|B| over such orders. This is the prior of exactly the question a case asks.
    pub hidden: Vec<f64>,
    /// `hidden` split by order size (see `size_bucket`), with the number of such orders.
    pub hidden_by_size: Vec<(f64, Vec<f64>)>,
    /// Each order's recency weight (1 without a half-life or without times).
    pub recency: Vec<f64>,
    /// Orders holding the item, each weighted by recency; and the sum over all orders.
    pub recent: Vec<f64>,
    pub recent_orders: f64,
}

/// Weights that halve every `half_life_days` before the newest order, so that what sells
/// now outweighs what sold last season. All 1 when off or when an order has no time.
fn recency(baskets: &[&Basket], half_life_days: f64) -> Vec<f64> {
    let newest = baskets.iter().filter_map(|b| b.ts).max();
    match newest {
        Some(newest) if half_life_days > 0.0 && baskets.iter().all(|b| b.ts.is_some()) => baskets
            .iter()
            .map(|b| {
                let age = (newest - b.ts.unwrap_or(newest)).num_seconds() as f64 / 86_400.0;
                0.5f64.powf(age / half_life_days)
            })
            .collect(),
        _ => vec![1.0; baskets.len()],
    }
}

/// Order sizes 2, 3, 4, 5, 6 and more: big orders hold the staples more often.
pub(super) const SIZE_BUCKETS: usize = 5;

/// The bucket of an order of `len` items (`len` ≥ 2).
pub(super) fn size_bucket(len: usize) -> usize {
    len.clamp(2, SIZE_BUCKETS + 1) - 2
}

/// The weight of one order in pair counts: an order of many items says less about any
/// one pair than an order of two (the same idea as BM25's length normalisation).
pub(super) fn basket_weight(len: usize, size_weight: f64) -> f64 {
    if len < 2 {
        return 0.0;
    }
    ((len - 1) as f64).powf(-size_weight)
}

pub(super) fn totals(baskets: &[&Basket], n_items: usize, p: &Params) -> Totals {
    let mut t = Totals {
        orders: u32::try_from(baskets.len()).expect("fewer than 4 billion orders"),
        count: vec![0; n_items],
        weighted: vec![0.0; n_items],
        hidden: vec![0.0; n_items],
        hidden_by_size: vec![(0.0, vec![0.0; n_items]); SIZE_BUCKETS],
        recency: recency(baskets, p.half_life_days),
        recent: vec![0.0; n_items],
        recent_orders: 0.0,
    };
    for (b, &r) in baskets.iter().zip(&t.recency) {
        let w = r * basket_weight(b.items.len(), p.size_weight);
        let h = if b.items.len() >= 2 {
            r / b.items.len() as f64
        } else {
            0.0
        };
        t.recent_orders += r;
        for &i in &b.items {
            t.count[i as usize] += 1;
            t.recent[i as usize] += r;
            t.weighted[i as usize] += w;
            t.hidden[i as usize] += h;
        }
        if b.items.len() >= 2 {
            let (orders, hidden) = &mut t.hidden_by_size[size_bucket(b.items.len())];
            *orders += r;
            for &i in &b.items {
                hidden[i as usize] += h;
            }
        }
    }
    t
}

/// Per size bucket, the log of how much more often the item is the missing one in orders of
/// that size than in all orders, smoothed by one pseudo-count.
pub(super) fn size_terms(t: &Totals, p: &Params) -> Vec<Vec<f32>> {
    let all_orders: f64 = t.hidden_by_size.iter().map(|(n, _)| n).sum();
    t.hidden_by_size
        .iter()
        .map(|(orders, hidden)| {
            if p.w_size == 0.0 || all_orders == 0.0 {
                return Vec::new();
            }
            hidden
                .iter()
                .zip(&t.hidden)
                .map(|(&hb, &h)| {
                    let expected = h * orders / all_orders;
                    (p.w_size * ((hb + 1.0) / (expected + 1.0)).ln()) as f32
                })
                .collect()
        })
        .collect()
}

/// Share of orders holding the item, with one pseudo-order so that no share is zero.
fn base_rate(t: &Totals, j: usize) -> f64 {
    (f64::from(t.count[j]) + 0.5) / (f64::from(t.orders) + 1.0)
}

/// The same share with orders weighted by recency, to match recency-weighted pair counts.
pub(super) fn recent_rate(t: &Totals, j: usize) -> f64 {
    (t.recent[j] + 0.5) / (t.recent_orders + 1.0)
}

/// Lift shrunk towards 1 by `shrink` pseudo-orders; the j-independent part of its log is
/// dropped, so a pair never seen adds exactly 0 and truncating the list loses nothing.
fn shrunk_lift(t: &Totals, shrink: f64, j: usize, weighted: f64) -> f64 {
    (1.0 + weighted / (shrink * recent_rate(t, j))).ln()
}

/// Every raw pair's [`shrunk_lift`] at one `shrink`, row by row as in `c`: tuning tries the
/// other blend weights at the best setting's shrink, and these logs were most of a blend.
pub(super) fn shrunk_lifts(c: &Counted, t: &Totals, shrink: f64) -> Vec<Vec<f64>> {
    c.rows
        .iter()
        .map(|raw| {
            raw.iter()
                .map(|&(j, _, weighted)| shrunk_lift(t, shrink, j as usize, weighted))
                .collect()
        })
        .collect()
}

/// The blended weight of "cart holds i" as evidence for j, its shrunk lift `nb` given.
fn pair_weight(
    t: &Totals,
    p: &Params,
    i: usize,
    j: usize,
    together: u32,
    weighted: f64,
    nb: f64,
) -> f64 {
    let cp = if t.weighted[i] > 0.0 {
        weighted / t.weighted[i]
    } else {
        0.0
    };
    // A term whose weight is 0 adds exactly 0 (every term is finite), so it is not worked
    // out: tuning blends millions of pairs per setting, and logs are most of that.
    let cos = if p.w_cosine == 0.0 {
        0.0
    } else {
        f64::from(together) / (f64::from(t.count[i]) * f64::from(t.count[j])).sqrt()
    };
    // Takes back the absence penalty of j (see `Pairs::absent`) for an item that is present.
    let present = if p.w_absent == 0.0 {
        0.0
    } else {
        -(1.0 - absence_rate(together, t.count[j])).ln()
    };
    p.w_assoc * nb + p.w_cond * cp + p.w_cosine * cos + p.w_absent * present
}

/// P(i | j) for the absence terms, with one pseudo-order so that it stays below 1.
fn absence_rate(together: u32, count_j: u32) -> f64 {
    f64::from(together) / (f64::from(count_j) + 1.0)
}

/// The kept neighbours of every item, and each item's absence penalty.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Pairs {
    pub rows: Vec<Vec<Neighbour>>,
    /// Σ_k ln(1 − P(k | j)) over the items k seen with j: how much an order holding j
    /// usually holds besides. A short cart is evidence against items that rarely come alone
    /// (the absent-item factors of a Bernoulli naive Bayes); items of the cart take their
    /// factor back in `pair_weight`.
    pub absent: Vec<f64>,
}

/// Every item seen with one item in the training orders: (item, orders holding both, the
/// same orders weighted by size and recency). What the blend weights act on.
pub(super) type RawRow = Vec<(u32, u32, f64)>;

/// The pair counts of every item before any blend weight, and each item's absence penalty:
/// tuning counts them once and blends them anew for every setting that keeps the order
/// weights (`size_weight`, `half_life_days`).
pub(super) struct Counted {
    pub rows: Vec<RawRow>,
    pub absent: Vec<f64>,
}

/// The top neighbours of every item.
pub(super) fn neighbours(baskets: &[&Basket], t: &Totals, p: &Params, threads: usize) -> Pairs {
    // Without an absence weight the penalties are never read: a log per pair spared.
    let penalties = p.w_absent != 0.0;
    let bounding = Bounding::new(t, p);
    let (rows, absent) = each_row(baskets, t, p, threads, penalties, |i, raw| {
        blend_row(t, p, i, raw, None, bounding.as_ref())
    });
    Pairs { rows, absent }
}

/// The pair counts of every item `wanted` (all when `None`), kept whole for [`blend`]; the
/// other items' rows are left empty.
pub(super) fn count(
    baskets: &[&Basket],
    t: &Totals,
    p: &Params,
    threads: usize,
    wanted: Option<&[bool]>,
) -> Counted {
    let (rows, absent) = each_row(baskets, t, p, threads, true, |i, raw| {
        if wanted.is_none_or(|w| w.get(i).copied().unwrap_or(false)) {
            raw.to_vec()
        } else {
            Vec::new()
        }
    });
    Counted { rows, absent }
}

/// The same neighbours as [`neighbours`] from counts made with the same order weights;
/// `lifts`, when given, are [`shrunk_lifts`] of `c` at `p.shrink`.
pub(super) fn blend(c: &Counted, t: &Totals, p: &Params, lifts: Option<&[Vec<f64>]>) -> Pairs {
    let bounding = lifts.is_none().then(|| Bounding::new(t, p)).flatten();
    Pairs {
        rows: c
            .rows
            .iter()
            .enumerate()
            .map(|(i, raw)| match lifts {
                Some(lifts) => blend_row(t, p, i, raw, Some(&lifts[i]), None),
                None => blend_row(t, p, i, raw, None, bounding.as_ref()),
            })
            .collect(),
        absent: c.absent.clone(),
    }
}

/// One item's kept neighbours from its raw pair counts (and their shrunk lifts, if known).
fn blend_row(
    t: &Totals,
    p: &Params,
    i: usize,
    raw: &[(u32, u32, f64)],
    lifts: Option<&[f64]>,
    bounding: Option<&Bounding>,
) -> Vec<Neighbour> {
    let weigh = |at: usize, &(j, together, weighted): &(u32, u32, f64)| {
        let nb = match lifts {
            Some(l) => l[at],
            None => shrunk_lift(t, p.shrink, j as usize, weighted),
        };
        Neighbour {
            item: j,
            together,
            weight: pair_weight(t, p, i, j as usize, together, weighted, nb) as f32,
        }
    };
    let kept = match (lifts, bounding) {
        (None, Some(b)) => contenders(t, p, i, raw, b),
        _ => None,
    };
    let mut row: Vec<Neighbour> = match kept {
        Some(kept) => kept.into_iter().map(|at| weigh(at, &raw[at])).collect(),
        None => raw.iter().enumerate().map(|(at, r)| weigh(at, r)).collect(),
    };
    top(row.as_mut_slice(), p.neighbours)
}

/// Counts every item's pairs and hands each raw row to `make`; returns what it made per
/// item, with each item's absence penalty (0 unless `penalties`).
fn each_row<T: Send>(
    baskets: &[&Basket],
    t: &Totals,
    p: &Params,
    threads: usize,
    penalties: bool,
    make: impl Fn(usize, &[(u32, u32, f64)]) -> T + Sync,
) -> (Vec<T>, Vec<f64>) {
    let n = t.count.len();
    // Inverted index in compressed rows: the orders of item i are postings[start[i]..start[i+1]].
    let mut start = vec![0usize; n + 1];
    for b in baskets {
        for &i in &b.items {
            start[i as usize + 1] += 1;
        }
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut postings = vec![0u32; start[n]];
    for (at, b) in baskets.iter().enumerate() {
        for &i in &b.items {
            postings[fill[i as usize]] = at as u32;
            fill[i as usize] += 1;
        }
    }
    // Every order's items in one array: the workers visit each order once per item in it,
    // and following each order's own allocation there was a cache miss every time.
    let mut ends: Vec<usize> = Vec::with_capacity(baskets.len());
    let mut flat: Vec<u32> = Vec::with_capacity(start[n]);
    for b in baskets {
        flat.extend_from_slice(&b.items);
        ends.push(flat.len());
    }
    let items_of = |at: usize| -> &[u32] {
        let from = if at == 0 { 0 } else { ends[at - 1] };
        &flat[from..ends[at]]
    };
    let weights: Vec<f64> = baskets
        .iter()
        .zip(&t.recency)
        .map(|(b, r)| r * basket_weight(b.items.len(), p.size_weight))
        .collect();

    let threads = threads.clamp(1, 16);
    let mut out: Vec<Option<T>> = (0..n).map(|_| None).collect();
    let mut absent = vec![0.0; n];
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|w| {
                let (start, postings, weights, make) = (&start, &postings, &weights, &make);
                let items_of = &items_of;
                s.spawn(move || {
                    let mut together = vec![0u32; n];
                    let mut weighted = vec![0f64; n];
                    let mut touched: Vec<u32> = Vec::new();
                    let mut raw: RawRow = Vec::new();
                    let mut rows = Vec::new();
                    // Interleaved so that both workers get a share of the popular items.
                    for i in (w..n).step_by(threads) {
                        for &at in &postings[start[i]..start[i + 1]] {
                            for &j in items_of(at as usize) {
                                if j as usize == i {
                                    continue;
                                }
                                if together[j as usize] == 0 {
                                    touched.push(j);
                                }
                                together[j as usize] += 1;
                                weighted[j as usize] += weights[at as usize];
                            }
                        }
                        raw.clear();
                        raw.extend(
                            touched
                                .iter()
                                .map(|&j| (j, together[j as usize], weighted[j as usize])),
                        );
                        let penalty: f64 = if penalties {
                            touched
                                .iter()
                                .map(|&j| {
                                    (1.0 - absence_rate(together[j as usize], t.count[i])).ln()
                                })
                                .sum()
                        } else {
                            0.0
                        };
                        for &j in &touched {
                            together[j as usize] = 0;
                            weighted[j as usize] = 0.0;
                        }
                        touched.clear();
                        rows.push((i, make(i, &raw), penalty));
                    }
                    rows
                })
            })
            .collect();
        for worker in workers {
            for (i, row, penalty) in worker.join().expect("training worker panicked") {
                out[i] = Some(row);
                absent[i] = penalty;
            }
        }
    });
    let made = out
        .into_iter()
        .map(|row| row.expect("every item has a worker"))
        .collect();
    (made, absent)
}

/// The `n` heaviest neighbours, heaviest first, ties by item id so training is deterministic.
pub(super) fn top(row: &mut [Neighbour], n: usize) -> Vec<Neighbour> {
    let by_weight = |a: &Neighbour, b: &Neighbour| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.item.cmp(&b.item))
    };
    if row.len() > n && n > 0 {
        row.select_nth_unstable_by(n - 1, by_weight);
    }
    let keep = row.len().min(n);
    let mut kept = row[..keep].to_vec();
    kept.sort_by(by_weight);
    kept
}

/// The slot of a time: hours of the day first, then days of the week.
pub(super) fn slots_of(at: chrono::NaiveDateTime) -> [usize; 2] {
    [
        at.hour() as usize,
        24 + at.weekday().num_days_from_monday() as usize,
    ]
}

/// What each time slot says about each item: the weighted log of its lift in the slot, and
/// the items sold most above their usual share there (the candidates the slot brings), so
/// that a breakfast till leans to pastries and away from soup. Empty when the history has
/// no times.
///
/// The lift is P(j | slot) / P(j), the slot's share shrunk towards the usual one by
/// `time_shrink` pseudo-orders, so a slot that holds every order (a history whose times are
/// all midnight) moves nothing, and an item never sold in a busy slot loses ground.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(super) struct SlotTerms {
    /// Per slot, one term per item (empty when the slot's weight is 0).
    pub terms: Vec<Vec<f32>>,
    /// Per slot, the items it lifts most, heaviest first.
    pub lifted: Vec<Vec<Neighbour>>,
}

/// How often each item sold in each time slot, and the orders of each slot: what
/// [`slot_terms`] weighs, the same for every setting of the blend.
#[derive(Clone)]
pub(super) struct SlotCounts {
    counts: Vec<Vec<u32>>,
    orders: [u32; SLOTS],
    /// Whether any order has a time.
    any: bool,
}

pub(super) fn slot_counts(baskets: &[&Basket], n: usize) -> SlotCounts {
    let mut counts = vec![vec![0u32; n]; SLOTS];
    let mut orders = [0u32; SLOTS];
    let mut any = false;
    for b in baskets {
        if let Some(at) = b.ts {
            any = true;
            for s in slots_of(at) {
                orders[s] += 1;
                for &i in &b.items {
                    counts[s][i as usize] += 1;
                }
            }
        }
    }
    SlotCounts {
        counts,
        orders,
        any,
    }
}

pub(super) fn slot_terms(c: &SlotCounts, t: &Totals, p: &Params) -> SlotTerms {
    let mut out = SlotTerms {
        terms: vec![Vec::new(); SLOTS],
        lifted: vec![Vec::new(); SLOTS],
    };
    if !c.any {
        return out;
    }
    for (slot, row) in c.counts.iter().enumerate() {
        let weight = if slot < 24 { p.w_time } else { p.w_weekday };
        if weight == 0.0 || c.orders[slot] == 0 {
            continue;
        }
        let in_slot = f64::from(c.orders[slot]);
        let terms: Vec<f32> = row
            .iter()
            .enumerate()
            .map(|(j, &c)| {
                let rate = base_rate(t, j);
                let lift =
                    (f64::from(c) + p.time_shrink * rate) / ((in_slot + p.time_shrink) * rate);
                (weight * lift.ln()) as f32
            })
            .collect();
        let mut lifted: Vec<Neighbour> = row
            .iter()
            .enumerate()
            .filter(|&(j, &c)| c > 0 && terms[j] > 0.0)
            .map(|(j, &c)| Neighbour {
                item: j as u32,
                together: c,
                weight: terms[j],
            })
            .collect();
        out.lifted[slot] = top(&mut lifted, p.neighbours);
        out.terms[slot] = terms;
    }
    out
}
