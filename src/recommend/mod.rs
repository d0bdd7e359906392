//! What to offer, to whom, and why. Pure: no SQL, no terminal, no clock reads.

pub mod baselines;
pub mod baskets;
pub mod budget;
pub mod curated;
pub mod engine;
pub mod eval;
pub mod explain;
pub mod fpgrowth;
pub mod mined;
pub mod model;
pub mod profile;
pub mod rule_weight;
pub mod rules;
pub mod split;

/// Numbers below a bound from a fixed seed (a linear congruential generator): tests that
/// need many varied baskets, the same on every run.
#[cfg(test)]
pub(crate) fn seeded(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut state = seed;
    move |below| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % below
    }
}
