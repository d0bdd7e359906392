//! What to offer, to whom, and why. Pure: no SQL, no terminal, no clock reads.
pub mod baskets;
pub mod fpgrowth;
pub mod rules;
