//! Training: practice customers for the register. Scenarios written by the shop (TOML) or
//! drawn from its own history, a simulated customer whose choices start from what this
//! shop's customers actually accepted (the acceptance model fitted on the offer log), and a
//! rubric the trainee can read before playing and sees again with every score.
//!
//! Pure like `domain`: no terminal, no SQL, no clock; chance only from a seed passed in, so
//! a seed replays a session exactly.

pub mod acceptance;
pub mod builtin;
pub mod customer;
mod dice;
pub mod from_history;
pub mod rubric;
pub mod scenario;
pub mod script;
pub mod session;
