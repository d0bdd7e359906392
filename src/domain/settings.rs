//! Shop settings the register needs, with the defaults a new shop starts from.

use crate::domain::pricing::TaxRates;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub shop_name: String,
    pub tax: TaxRates,
    /// A discount above this share of the line or order (basis points) needs a manager.
    pub manager_discount_bp: i64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            shop_name: "TechGear".into(),
            tax: TaxRates::default(),
            manager_discount_bp: 1_000,
        }
    }
}
