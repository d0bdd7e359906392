//! What to offer, to whom, and why. Pure: no SQL, no terminal, no clock reads.

pub mod baselines;
pub mod baskets;
pub mod curated;
pub mod eval;
pub mod model;
pub mod split;
