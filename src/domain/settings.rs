//! Shop settings the register needs, with the defaults a new shop starts from.

use crate::domain::pricing::TaxRates;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub shop_name: String,
    pub tax: TaxRates,
    /// A discount above this share of the line or order (basis points) needs a manager.
    pub manager_discount_bp: i64,
    /// Wrong PINs in a row before that staff member (or the till's PIN pad) is locked.
    pub pin_max_failures: u32,
    /// How long a PIN lock lasts.
    pub pin_lock_minutes: i64,
}

impl Settings {
    pub fn lockout(&self) -> crate::domain::lockout::LockoutPolicy {
        crate::domain::lockout::LockoutPolicy {
            max_failures: self.pin_max_failures,
            lock_minutes: self.pin_lock_minutes,
        }
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            shop_name: "TechGear".into(),
            tax: TaxRates::default(),
            manager_discount_bp: 1_000,
            pin_max_failures: 5,
            pin_lock_minutes: 5,
        }
    }
}
