//! Shop settings the register needs, with the defaults a new shop starts from.

use crate::domain::pricing::TaxRates;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub shop_name: String,
    /// Printed under the shop's name on every receipt, one line each.
    pub address: Vec<String>,
    /// The shop's tax registration, printed on receipts when set.
    pub tax_number: String,
    /// The cash a till starts each day with, counted into the cash expected at the close.
    pub cash_float: crate::domain::money::Money,
    pub tax: TaxRates,
    /// A discount above this share of the line or order (basis points) needs a manager.
    pub manager_discount_bp: i64,
    /// Wrong PINs in a row before that staff member (or the till's PIN pad) is locked.
    pub pin_max_failures: u32,
    /// How long a PIN lock lasts.
    pub pin_lock_minutes: i64,
    /// With a headquarters, the register warns once a sale has waited this long unsent.
    pub unsent_warn_hours: i64,
    /// Which trainees sell for real (`[training]` in the shop file).
    pub training: crate::domain::training_settings::TrainingSettings,
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
            address: Vec::new(),
            tax_number: String::new(),
            cash_float: crate::domain::money::Money::ZERO,
            tax: TaxRates::default(),
            manager_discount_bp: 1_000,
            pin_max_failures: 5,
            pin_lock_minutes: 5,
            unsent_warn_hours: 24,
            training: Default::default(),
        }
    }
}

/// The shop's file of settings (`xsell settings FILE`, and `assets/shop.toml` for the demo
/// shop): what it names replaces the stored value, the rest stays. Money is written as on a
/// price tag (`cash_float = "200.00"`).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShopFile {
    shop_name: Option<String>,
    address: Option<Vec<String>>,
    tax_number: Option<String>,
    cash_float: Option<String>,
    unsent_warn_hours: Option<i64>,
    training: Option<crate::domain::training_settings::TrainingSettings>,
}

impl ShopFile {
    /// Parses the text of a shop file; `path` names it in messages.
    pub fn parse(text: &str, path: &str) -> Result<ShopFile, String> {
        let file: ShopFile = toml::from_str(text).map_err(|e| format!("{path}: {e}"))?;
        if let Some(name) = &file.shop_name
            && name.trim().is_empty()
        {
            return Err(format!("{path}: shop_name is empty"));
        }
        let texts = file
            .shop_name
            .iter()
            .chain(file.tax_number.iter())
            .chain(file.address.iter().flatten());
        for t in texts {
            if t.chars().any(char::is_control) {
                return Err(format!("{path}: {t:?} holds a control character"));
            }
        }
        if let Some(t) = &file.training {
            t.check(path)?;
        }
        if file.unsent_warn_hours.is_some_and(|h| h < 1) {
            return Err(format!("{path}: unsent_warn_hours must be at least 1"));
        }
        if let Some(f) = &file.cash_float {
            let m = crate::domain::money::Money::parse(f)
                .map_err(|e| format!("{path}: cash_float {f:?}: {e}"))?;
            if m < crate::domain::money::Money::ZERO {
                return Err(format!("{path}: cash_float cannot be negative"));
            }
        }
        Ok(file)
    }

    /// `settings` with what this file names replaced.
    pub fn apply(&self, mut settings: Settings) -> Settings {
        if let Some(v) = &self.shop_name {
            settings.shop_name = v.trim().to_string();
        }
        if let Some(v) = &self.address {
            settings.address = v.clone();
        }
        if let Some(v) = &self.tax_number {
            settings.tax_number = v.trim().to_string();
        }
        if let Some(v) = &self.cash_float {
            settings.cash_float = crate::domain::money::Money::parse(v).unwrap_or_default();
        }
        if let Some(h) = self.unsent_warn_hours {
            settings.unsent_warn_hours = h;
        }
        if let Some(t) = &self.training {
            settings.training = t.clone();
        }
        settings
    }
}

/// The shop's part of the settings as a shop file says it.
pub fn shop_file_text(s: &Settings) -> String {
    let quote = |t: &str| toml::Value::String(t.to_string()).to_string();
    let address = s
        .address
        .iter()
        .map(|a| quote(a))
        .collect::<Vec<_>>()
        .join(", ");
    let trainees = s
        .training
        .sell_for_real
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(", ");
    let exam = s
        .training
        .exam_scenarios
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "shop_name = {}\naddress = [{address}]\ntax_number = {}\ncash_float = {}\n\n[training]\nsell_for_real = [{trainees}]\nexam_pass_mark = {}\nexam_scenarios = [{exam}]\nexam_seed = {}\n",
        quote(&s.shop_name),
        quote(&s.tax_number),
        quote(&s.cash_float.to_decimal_string()),
        s.training.exam_pass_mark,
        s.training.exam_seed,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shop_file_replaces_what_it_names_and_round_trips() {
        let file = ShopFile::parse(
            "shop_name = \"Corner Tech\"\naddress = [\"1 High St\", \"Leeds\"]\ncash_float = \"150.00\"\n",
            "shop.toml",
        )
        .unwrap();
        let s = file.apply(Settings::default());
        assert_eq!(s.shop_name, "Corner Tech");
        assert_eq!(s.address, ["1 High St", "Leeds"]);
        assert_eq!(s.cash_float.minor(), 15_000);
        assert_eq!(
            s.manager_discount_bp,
            Settings::default().manager_discount_bp
        );
        let again = ShopFile::parse(&shop_file_text(&s), "x")
            .unwrap()
            .apply(Settings::default());
        assert_eq!(again, s);
    }

    #[test]
    fn mistakes_in_a_shop_file_are_named() {
        for (text, says) in [
            ("shop_nme = \"x\"", "shop_nme"),
            ("cash_float = \"1.555\"", "cash_float"),
            ("cash_float = \"-5.00\"", "negative"),
            ("shop_name = \"a\\u001b]0;x\"", "control"),
        ] {
            let e = ShopFile::parse(text, "shop.toml").unwrap_err();
            assert!(e.contains("shop.toml") && e.contains(says), "{text}: {e}");
        }
    }
}
