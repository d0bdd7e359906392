//! The shop's own knowledge of what goes with what: "phone → case", with the reason it
//! helps the customer and a line the salesperson can say, valid in a time window.

use crate::domain::target::{Target, TimeWindow};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Complement {
    pub from: Target,
    pub to: Target,
    pub reason: String,
    pub script: String,
    /// How strongly the shop stands behind the pairing, 0 to 1.
    pub weight: f64,
    pub window: TimeWindow,
}
