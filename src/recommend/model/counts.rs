//! Pair counts kept while tuning tries settings: counting pairs is most of training, and
//! only the order weights change the counts; every other setting is a new blend of them.

use super::{Params, label_ranks, threads, train};
use crate::recommend::baskets::Baskets;

/// Pair counts of one training subset under one setting of the order weights, with what
/// else no blend weight changes: what tuning reuses while it tries blend weights.
pub struct Counts {
    weights: (u64, u64),
    pub(super) totals: train::Totals,
    counted: train::Counted,
    pub(super) slots: train::SlotCounts,
    pub(super) label_rank: Vec<u32>,
    /// The neighbours of one blend (see [`Counts::keep_blend`]), by the knobs that made it.
    blended: Option<(BlendKey, train::Pairs)>,
    /// Every raw pair's shrunk lift at the kept blend's shrink (its bits): what the moves
    /// of the other blend weights from that blend reuse.
    lifts: Option<(u64, Vec<Vec<f64>>)>,
}

impl Counts {
    /// See [`super::Model::count`].
    pub(super) fn new(
        all: &Baskets,
        subset: &[usize],
        params: &Params,
        wanted: Option<&[bool]>,
    ) -> Counts {
        let baskets: Vec<_> = subset.iter().map(|&i| &all.baskets[i]).collect();
        let totals = train::totals(&baskets, all.index.len(), params);
        let counted = train::count(&baskets, &totals, params, threads(), wanted);
        Counts {
            weights: order_weights(params),
            slots: train::slot_counts(&baskets, all.index.len()),
            label_rank: label_ranks(all),
            totals,
            counted,
            blended: None,
            lifts: None,
        }
    }

    /// Whether these counts were made with `params`' order weights.
    pub(super) fn fits(&self, params: &Params) -> bool {
        self.weights == order_weights(params)
    }

    /// The neighbour lists `params` blends from these counts: the kept blend when it is
    /// the same, else blended anew (from the kept shrunk lifts when the shrink is theirs).
    pub(super) fn pairs(&self, params: &Params) -> train::Pairs {
        match &self.blended {
            Some((key, pairs)) if *key == blend_key(params) => pairs.clone(),
            _ => train::blend(&self.counted, &self.totals, params, self.lifts_at(params)),
        }
    }

    fn lifts_at(&self, params: &Params) -> Option<&[Vec<f64>]> {
        self.lifts
            .as_ref()
            .filter(|(shrink, _)| *shrink == params.shrink.to_bits())
            .map(|(_, lifts)| lifts.as_slice())
    }

    /// Blends the counts once for `params` and keeps the result: every setting that differs
    /// from `params` only in knobs read after the blend (time, order size, cart damping, …)
    /// then reuses it. Tuning calls this for its best setting before trying moves from it.
    pub fn keep_blend(&mut self, params: &Params) {
        if !self.fits(params) {
            return;
        }
        if self.lifts_at(params).is_none() {
            let lifts = train::shrunk_lifts(&self.counted, &self.totals, params.shrink);
            self.lifts = Some((params.shrink.to_bits(), lifts));
        }
        let pairs = train::blend(&self.counted, &self.totals, params, self.lifts_at(params));
        self.blended = Some((blend_key(params), pairs));
    }
}

/// The knobs the neighbour lists depend on, besides the order weights.
type BlendKey = [u64; 6];

fn blend_key(p: &Params) -> BlendKey {
    [
        p.shrink.to_bits(),
        p.w_assoc.to_bits(),
        p.w_cond.to_bits(),
        p.w_cosine.to_bits(),
        p.w_absent.to_bits(),
        p.neighbours as u64,
    ]
}

/// The knobs that change how much each order counts, and so the counts themselves.
fn order_weights(p: &Params) -> (u64, u64) {
    (p.size_weight.to_bits(), p.half_life_days.to_bits())
}
