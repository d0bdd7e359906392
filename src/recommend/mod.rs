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
