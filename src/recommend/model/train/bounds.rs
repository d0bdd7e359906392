//! Bounds on a pair's blended weight that need no logarithm: a training weighs exactly only
//! the pairs of a row that can be among the neighbours it keeps.

use super::{Totals, recent_rate};
use crate::recommend::model::Params;

/// Per item, what bounding a pair's weight needs and does not depend on the row: worked out
/// once per blend rather than once per pair.
pub(in crate::recommend::model) struct Bounding {
    /// 1 / (shrink · recent rate of j): the shrunk lift's argument is 1 + weighted · this.
    inv_rate: Vec<f64>,
}

impl Bounding {
    /// `None` when the weights have a term [`contenders`] does not bound.
    pub(in crate::recommend::model) fn new(t: &Totals, p: &Params) -> Option<Bounding> {
        if p.neighbours == 0
            || p.w_absent != 0.0
            || p.w_assoc < 0.0
            || p.shrink.is_nan()
            || p.shrink <= 0.0
        {
            return None;
        }
        let inv_rate = (0..t.count.len())
            .map(|j| 1.0 / (p.shrink * recent_rate(t, j)))
            .collect();
        Some(Bounding { inv_rate })
    }
}

/// The pairs of a long row that may be among its `p.neighbours` heaviest, found without
/// taking a logarithm: each pair's weight is bounded from the binary exponent of its
/// shrunk lift's argument, and a pair whose upper bound, as the `f32` it is kept as, falls
/// below the lower bounds of as many other pairs as are kept can never be kept. The exact
/// weights of the others then give the same neighbours as weighing every pair: a full
/// training took a logarithm of every pair of a row of thousands to keep 64, and on a
/// wholesale history about 3% of the pairs are left to weigh. `None` for a short row.
pub(in crate::recommend::model) fn contenders(
    t: &Totals,
    p: &Params,
    i: usize,
    raw: &[(u32, u32, f64)],
    b: &Bounding,
) -> Option<Vec<usize>> {
    let n = p.neighbours;
    if raw.len() <= n {
        return None;
    }
    use std::f64::consts::LN_2;
    let inv_weighted = if t.weighted[i] > 0.0 {
        1.0 / t.weighted[i]
    } else {
        0.0
    };
    let count_i = f64::from(t.count[i]);
    let mut lows: Vec<f64> = Vec::with_capacity(raw.len());
    let mut highs: Vec<f32> = Vec::with_capacity(raw.len());
    for &(j, together, weighted) in raw {
        // ln y with y ≥ 1 written as 2^e · m, m in [1, 2): e·ln 2 + ln m, and
        // (m − 1)·ln 2 ≤ ln m ≤ m − 1 (chord and tangent).
        let y = 1.0 + weighted * b.inv_rate[j as usize];
        if !(y.is_finite() && y >= 1.0) {
            return None;
        }
        let bits = y.to_bits();
        let e = ((bits >> 52) & 0x7ff) as f64 - 1023.0;
        let m = f64::from_bits((bits & ((1u64 << 52) - 1)) | (1023u64 << 52));
        let (lo, hi) = (e * LN_2 + (m - 1.0) * LN_2, e * LN_2 + (m - 1.0));
        // The other terms of `pair_weight`, up to rounding.
        let mut rest = p.w_cond * weighted * inv_weighted;
        if p.w_cosine != 0.0 {
            rest += p.w_cosine * f64::from(together)
                / (count_i * f64::from(t.count[j as usize])).sqrt();
        }
        // A margin far above any rounding of either side, far below any gap that matters.
        let slack = 1e-9 * (1.0 + rest.abs() + p.w_assoc * hi);
        lows.push(rest + p.w_assoc * lo - slack);
        highs.push((rest + p.w_assoc * hi + slack) as f32);
    }
    let (_, &mut floor, _) = lows.select_nth_unstable_by(n - 1, |a, b| b.total_cmp(a));
    let floor = floor as f32;
    Some(
        highs
            .iter()
            .enumerate()
            .filter(|&(_, &h)| h >= floor)
            .map(|(at, _)| at)
            .collect(),
    )
}
