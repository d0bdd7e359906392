//! Frequent itemsets by FP-growth: every set of items bought together in at least
//! `min_count` baskets, with its exact count. Mined rules and cross-sell prompts rest on
//! these counts, so they must equal what the reference miners (mlxtend, Borgelt's fpgrowth)
//! report on the same baskets, set for set and count for count.
//!
//! Pure: baskets in, itemsets out through a callback; no IO and no clock.

mod tree;

use std::fmt;

use crate::recommend::baskets::Baskets;
use std::sync::atomic::{AtomicUsize, Ordering};

use tree::{Scratch, Tree};

/// How often an itemset must occur to be frequent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Threshold {
    /// In at least this many baskets.
    Count(u32),
    /// In at least this share of the baskets, as mlxtend's `min_support`.
    Support(f64),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ThresholdError {
    #[error("minimum support {0} is not in (0, 1]")]
    SupportOutOfRange(f64),
    #[error("minimum count must be at least 1")]
    ZeroCount,
}

impl Threshold {
    /// The minimum absolute count this threshold means for `baskets` baskets.
    pub fn min_count(self, baskets: usize) -> Result<u32, ThresholdError> {
        match self {
            Threshold::Count(0) => Err(ThresholdError::ZeroCount),
            Threshold::Count(c) => Ok(c),
            Threshold::Support(f) => min_count_for_support(f, baskets),
        }
    }
}

/// `ceil(fraction × baskets)`, the count mlxtend derives from `min_support`, computed so
/// that a product that is a whole number in decimal stays that number: 0.07 × 100 is
/// 7.000000000000001 in binary floating point, and a plain `ceil` would demand 8 baskets.
/// The result is at least 1: an itemset found in no basket is never frequent.
///
/// mlxtend takes `ceil` of the binary product, and so at such thresholds drops some sets
/// whose support equals `fraction` exactly (at 0.07 over 100 baskets it keeps single items
/// and path-shaped sets with count 7, but not the others). Here the decimal meaning wins;
/// wherever the product is not such an artefact (0.001 × 9835 = 9.835 → 10) the two agree.
pub fn min_count_for_support(fraction: f64, baskets: usize) -> Result<u32, ThresholdError> {
    if !(fraction > 0.0 && fraction <= 1.0) {
        return Err(ThresholdError::SupportOutOfRange(fraction));
    }
    let exact = fraction * baskets as f64;
    let nearest = exact.round();
    // Decimal inputs carry at most ~15 significant digits, so a product within a few ulps
    // of a whole number is that whole number, not a hair above it.
    let count = if (exact - nearest).abs() <= nearest.max(1.0) * 1e-12 {
        nearest
    } else {
        exact.ceil()
    };
    Ok((count as u32).max(1))
}

/// Frequent itemsets, stored flat: one allocation for all items rather than one per set.
/// Items of each set are sorted ascending.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Itemsets {
    items: Vec<u32>,
    ends: Vec<usize>,
    counts: Vec<u32>,
}

impl Itemsets {
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The `i`-th itemset (items sorted ascending) and its count.
    pub fn get(&self, i: usize) -> (&[u32], u32) {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        (&self.items[start..self.ends[i]], self.counts[i])
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&[u32], u32)> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    pub fn push(&mut self, items: &[u32], count: u32) {
        let start = self.items.len();
        self.items.extend_from_slice(items);
        self.items[start..].sort_unstable();
        self.ends.push(self.items.len());
        self.counts.push(count);
    }
}

impl fmt::Display for Itemsets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (items, count) in self.iter() {
            writeln!(f, "{items:?} {count}")?;
        }
        Ok(())
    }
}

/// Every itemset of at most `max_len` items (no limit when `None`) found in at least
/// `min_count` of `baskets`, collected.
///
/// Item ids index a table, so they should be dense, as `ItemIndex` gives them. A basket
/// may list an item twice; it still counts once.
pub fn mine<B: AsRef<[u32]>>(baskets: &[B], min_count: u32, max_len: Option<usize>) -> Itemsets {
    let mut out = Itemsets::default();
    mine_with(baskets, min_count, max_len, |items, count| {
        out.push(items, count)
    });
    out
}

/// [`mine`] over the baskets of an orders file.
pub fn mine_baskets(baskets: &Baskets, min_count: u32, max_len: Option<usize>) -> Itemsets {
    let tx: Vec<&[u32]> = baskets.baskets.iter().map(|b| b.items.as_slice()).collect();
    mine(&tx, min_count, max_len)
}

/// [`mine`], but each itemset is handed to `emit` (items in no particular order) instead
/// of being stored: counting or streaming out needs no allocation per itemset.
/// A `min_count` of 0 is taken as 1.
pub fn mine_with<B, F>(baskets: &[B], min_count: u32, max_len: Option<usize>, emit: F)
where
    B: AsRef<[u32]>,
    F: FnMut(&[u32], u32),
{
    mine_capped(baskets, min_count, max_len, usize::MAX, emit);
}

/// The number of frequent itemsets, counted up to `cap`: past it the mining stops and
/// `cap + 1` is returned, so asking whether a count is within a budget never costs more
/// than the budget.
pub fn count_up_to<B: AsRef<[u32]>>(
    baskets: &[B],
    min_count: u32,
    max_len: Option<usize>,
    cap: usize,
) -> usize {
    let mut n = 0usize;
    mine_capped(baskets, min_count, max_len, cap, |_, _| n += 1);
    n.min(cap.saturating_add(1))
}

/// [`mine`], unless more than `cap` itemsets are frequent: then `None`, found at the cost
/// of `cap` itemsets as in [`count_up_to`].
pub fn mine_up_to<B: AsRef<[u32]>>(
    baskets: &[B],
    min_count: u32,
    max_len: Option<usize>,
    cap: usize,
) -> Option<Itemsets> {
    let mut out = Itemsets::default();
    mine_capped(baskets, min_count, max_len, cap, |items, count| {
        out.push(items, count)
    });
    (out.len() <= cap).then_some(out)
}

fn mine_capped<B, F>(baskets: &[B], min_count: u32, max_len: Option<usize>, cap: usize, emit: F)
where
    B: AsRef<[u32]>,
    F: FnMut(&[u32], u32),
{
    mine_on(baskets, min_count, max_len, cap, None, emit);
}

/// [`mine_capped`] on `threads` threads, or as many as the first tree's size is worth.
fn mine_on<B, F>(
    baskets: &[B],
    min_count: u32,
    max_len: Option<usize>,
    cap: usize,
    threads: Option<usize>,
    emit: F,
) where
    B: AsRef<[u32]>,
    F: FnMut(&[u32], u32),
{
    let min_count = min_count.max(1);
    let max_len = max_len.unwrap_or(usize::MAX);
    if max_len == 0 {
        return;
    }

    // Item frequencies, each basket counting an item once.
    let universe = baskets
        .iter()
        .flat_map(|b| b.as_ref().iter().copied())
        .max()
        .map_or(0, |m| m as usize + 1);
    let mut freq = vec![0u32; universe];
    let mut seen_in = vec![u32::MAX; universe];
    for (t, basket) in baskets.iter().enumerate() {
        for &i in basket.as_ref() {
            if seen_in[i as usize] != t as u32 {
                seen_in[i as usize] = t as u32;
                freq[i as usize] += 1;
            }
        }
    }

    // Rank frequent items by descending frequency, so that the most shared items sit near
    // the root and the tree stays small. Ties by id keep the result reproducible.
    let mut frequent: Vec<u32> = (0..universe as u32)
        .filter(|&i| freq[i as usize] >= min_count)
        .collect();
    if frequent.is_empty() {
        return;
    }
    frequent.sort_unstable_by_key(|&i| (std::cmp::Reverse(freq[i as usize]), i));
    let mut rank = vec![u32::MAX; universe];
    for (r, &i) in frequent.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    let totals: Vec<u32> = frequent.iter().map(|&i| freq[i as usize]).collect();

    let mut tx: Vec<u32> = Vec::new();
    let mut bounds: Vec<(u32, u32)> = Vec::with_capacity(baskets.len());
    for basket in baskets {
        let start = tx.len();
        tx.extend(
            basket
                .as_ref()
                .iter()
                .map(|&i| rank[i as usize])
                .filter(|&r| r != u32::MAX),
        );
        if tx.len() == start {
            continue;
        }
        tx[start..].sort_unstable();
        let mut w = start + 1;
        for k in start + 1..tx.len() {
            if tx[k] != tx[w - 1] {
                tx[w] = tx[k];
                w += 1;
            }
        }
        tx.truncate(w);
        bounds.push((start as u32, tx.len() as u32));
    }
    let mut order: Vec<u32> = (0..bounds.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let (sa, ea) = bounds[a as usize];
        let (sb, eb) = bounds[b as usize];
        tx[sa as usize..ea as usize].cmp(&tx[sb as usize..eb as usize])
    });

    // One tree per recursion depth, reused across siblings; depth never exceeds the
    // number of items nor the length limit.
    let depth = frequent.len().min(max_len) + 1;
    let mut trees: Vec<Tree> = (0..depth).map(|_| Tree::default()).collect();
    trees[0].build(&frequent, &totals, &tx, &bounds, &order);

    let mut out = Emitter {
        buf: Vec::new(),
        perfect: Vec::new(),
        max_len,
        emit,
        left: cap,
        stopped: false,
    };
    let threads = threads.unwrap_or_else(|| {
        if trees[0].nodes() < SHARED_NODES {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    });
    grow_first(&mut trees, &mut out, min_count, threads);
}

struct Emitter<F> {
    /// The itemset being extended, deepest item last.
    buf: Vec<u32>,
    /// Perfect extensions of `buf`: items in every basket that holds `buf`.
    perfect: Vec<u32>,
    max_len: usize,
    emit: F,
    /// Itemsets still to emit before the mining stops (`count_up_to`).
    left: usize,
    stopped: bool,
}

impl<F: FnMut(&[u32], u32)> Emitter<F> {
    /// Hands one itemset on under the cap; false once the mining is to stop.
    fn pass(&mut self, items: &[u32], count: u32) -> bool {
        if self.stopped {
            return false;
        }
        if self.left == 0 {
            // One past the cap tells the caller it was exceeded; then nothing more.
            (self.emit)(items, count);
            self.stopped = true;
            return false;
        }
        self.left -= 1;
        (self.emit)(items, count);
        true
    }

    /// Reports `buf` and `buf` with every subset of its perfect extensions, all with the
    /// same count.
    fn report(&mut self, count: u32, from: usize) {
        let buf = std::mem::take(&mut self.buf);
        let more = self.pass(&buf, count);
        self.buf = buf;
        if !more {
            return;
        }
        if self.buf.len() < self.max_len {
            for i in from..self.perfect.len() {
                self.buf.push(self.perfect[i]);
                self.report(count, i + 1);
                self.buf.pop();
            }
        }
    }

    /// Every non-empty combination of the first `end` items of a single path added to
    /// `buf`. A combination occurs as often as its deepest item, so once the deepest is
    /// chosen (`count`), the shallower ones only add items.
    fn path(&mut self, path: &[(u32, u32)], end: usize, count: Option<u32>) {
        for i in (0..end).rev() {
            if self.stopped {
                return;
            }
            let (item, own) = path[i];
            let count = count.unwrap_or(own);
            self.buf.push(item);
            self.report(count, 0);
            if self.buf.len() < self.max_len {
                self.path(path, i, Some(count));
            }
            self.buf.pop();
        }
    }
}

fn grow<F: FnMut(&[u32], u32)>(
    trees: &mut [Tree],
    scratch: &mut Scratch,
    out: &mut Emitter<F>,
    min_count: u32,
) {
    let (tree, deeper) = trees
        .split_first_mut()
        .expect("a tree for every depth reached");
    if let Some(path) = tree.single_path() {
        let path: Vec<(u32, u32)> = path.collect();
        out.path(&path, path.len(), None);
        return;
    }
    for r in (0..tree.items()).rev() {
        if out.stopped {
            return;
        }
        grow_item(tree, r, deeper, scratch, out, min_count);
    }
}

/// The itemsets that end in item `r` of `tree` (with what `out.buf` already holds).
fn grow_item<F: FnMut(&[u32], u32)>(
    tree: &Tree,
    r: usize,
    deeper: &mut [Tree],
    scratch: &mut Scratch,
    out: &mut Emitter<F>,
    min_count: u32,
) {
    let count = tree.total[r];
    out.buf.push(tree.orig[r]);
    let perfect_mark = out.perfect.len();
    let mut grows = false;
    if out.buf.len() < out.max_len && r > 0 {
        let child = &mut deeper[0];
        tree.project(r as u32, min_count, count, child, scratch, &mut out.perfect);
        grows = child.items() > 0;
    }
    out.report(count, 0);
    if grows {
        grow(deeper, scratch, out, min_count);
    }
    out.perfect.truncate(perfect_mark);
    out.buf.pop();
}

/// First trees smaller than this grow on one thread: threads would cost more than they save.
const SHARED_NODES: usize = 100_000;

/// [`grow`] from the first tree, its items shared out over the cores. Projecting the first
/// tree is most of the work on long histories (25.6 of 27 s on a million wholesale orders),
/// and its items' projections only read it. Each item's itemsets are kept apart and handed
/// on in the order one thread would have found them, so the result is the same, itemset for
/// itemset; past the cap the threads stop taking items, and what is handed on still passes it.
fn grow_first<F: FnMut(&[u32], u32)>(
    trees: &mut [Tree],
    out: &mut Emitter<F>,
    min_count: u32,
    threads: usize,
) {
    if threads < 2 || trees[0].single_path().is_some() {
        grow(trees, &mut Scratch::default(), out, min_count);
        return;
    }
    let (first, rest) = trees.split_first().expect("a first tree");
    let (depth, items, cap, max_len) = (rest.len(), first.items(), out.left, out.max_len);
    let next = AtomicUsize::new(0);
    let found = AtomicUsize::new(0);
    let work = || {
        let mut deeper: Vec<Tree> = (0..depth).map(|_| Tree::default()).collect();
        let mut scratch = Scratch::default();
        let mut done: Vec<(usize, Itemsets)> = Vec::new();
        while found.load(Ordering::Relaxed) <= cap {
            let taken = next.fetch_add(1, Ordering::Relaxed);
            if taken >= items {
                break;
            }
            let r = items - 1 - taken;
            let mut sets = Itemsets::default();
            let mut own = Emitter {
                buf: Vec::new(),
                perfect: Vec::new(),
                max_len,
                emit: |items: &[u32], count| sets.push(items, count),
                left: cap,
                stopped: false,
            };
            grow_item(first, r, &mut deeper, &mut scratch, &mut own, min_count);
            found.fetch_add(sets.len(), Ordering::Relaxed);
            done.push((r, sets));
        }
        done
    };
    let mut done: Vec<(usize, Itemsets)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("mining an item does not panic"))
            .collect()
    });
    done.sort_unstable_by_key(|(r, _)| std::cmp::Reverse(*r));
    for (_, sets) in &done {
        for (items, count) in sets.iter() {
            if !out.pass(items, count) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests;
