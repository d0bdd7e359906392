//! The panel's settings, read from the shop's settings file (`xsell.toml`), every one with a
//! default, so a shop tunes the panel without a new build.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The `[prompts]` table of the settings file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PromptSettings {
    /// Seconds a prompt stays on screen when nobody answers it.
    pub lifetime_secs: u32,
    /// Seconds after a "no thanks" before the next new prompt: the customer has just said no.
    pub cooldown_secs: u32,
    /// Seconds a prompt put off with "later" stays out of sight.
    pub snooze_secs: u32,
    /// The cashier is scanning or typing while keys come closer together than this; new
    /// prompts wait until the input has been quiet this long, so they never appear under
    /// the cashier's hands.
    pub quiet_ms: u32,
    /// Prompts on screen at once.
    pub max_visible: usize,
    /// Prompts shown in total on one order.
    pub per_order: usize,
    /// New prompts one moment (an item added, a customer attached) may bring.
    pub per_trigger: usize,
    /// Offers the engine scores below this are never shown: silence is better than noise.
    pub relevance_floor: f64,
    /// Share of orders, in percent, in the control group that sees no prompts.
    pub holdout_percent: u8,
}

impl Default for PromptSettings {
    fn default() -> Self {
        PromptSettings {
            lifetime_secs: 30,
            cooldown_secs: 10,
            snooze_secs: 45,
            quiet_ms: 600,
            max_visible: 3,
            per_order: 3,
            per_trigger: 2,
            relevance_floor: 0.45,
            holdout_percent: 10,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("reading {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

/// The `[kiosk]` table: when a self-service till left alone warns, then starts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KioskSettings {
    /// Seconds without a key before the countdown appears.
    pub idle_secs: u32,
    /// Seconds the countdown lasts; any key keeps the basket, its end clears it.
    pub warning_secs: u32,
}

impl Default for KioskSettings {
    fn default() -> Self {
        KioskSettings {
            idle_secs: 60,
            warning_secs: 10,
        }
    }
}

/// A day: longer than any shopper pauses, short enough that a forgotten basket goes.
const KIOSK_MAX_SECS: u32 = 86_400;

impl KioskSettings {
    fn validate(&self) -> Result<(), String> {
        if self.idle_secs == 0 || self.idle_secs > KIOSK_MAX_SECS {
            return Err(format!(
                "kiosk.idle_secs is {}: use 1 to {KIOSK_MAX_SECS} seconds without a key before the countdown",
                self.idle_secs
            ));
        }
        // Under 3 seconds nobody reads the countdown in time to keep their basket.
        if !(3..=600).contains(&self.warning_secs) {
            return Err(format!(
                "kiosk.warning_secs is {}: the countdown lasts 3 to 600 seconds",
                self.warning_secs
            ));
        }
        Ok(())
    }

    /// Parses the text of a settings file for its `[kiosk]` table (every other table is
    /// checked too: one mistake anywhere is named, whoever reads the file).
    pub fn parse(text: &str, path: &str) -> Result<KioskSettings, SettingsError> {
        Ok(File::parse(text, path)?.kiosk)
    }

    /// Reads `path` if it exists; the defaults otherwise.
    pub fn load(path: &Path) -> Result<KioskSettings, SettingsError> {
        Ok(File::load(path)?.kiosk)
    }
}

/// The whole settings file.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct File {
    prompts: PromptSettings,
    kiosk: KioskSettings,
}

impl File {
    fn parse(text: &str, path: &str) -> Result<File, SettingsError> {
        let invalid = |message: String| SettingsError::Invalid {
            path: path.to_string(),
            message,
        };
        let file: File = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        file.prompts.validate().map_err(invalid)?;
        file.kiosk.validate().map_err(invalid)?;
        Ok(file)
    }

    fn load(path: &Path) -> Result<File, SettingsError> {
        match std::fs::read_to_string(path) {
            Ok(text) => File::parse(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(File::default()),
            Err(source) => Err(SettingsError::Read {
                path: path.display().to_string(),
                source,
            }),
        }
    }
}

impl PromptSettings {
    /// Parses the text of a settings file; `path` only names it in messages.
    pub fn parse(text: &str, path: &str) -> Result<PromptSettings, SettingsError> {
        Ok(File::parse(text, path)?.prompts)
    }

    /// Reads `path` if it exists; the defaults otherwise.
    pub fn load(path: &Path) -> Result<PromptSettings, SettingsError> {
        Ok(File::load(path)?.prompts)
    }

    fn validate(&self) -> Result<(), String> {
        if self.holdout_percent > 100 {
            return Err(format!(
                "prompts.holdout_percent is {}: a share is 0 to 100",
                self.holdout_percent
            ));
        }
        if !(0.0..=10.0).contains(&self.relevance_floor) {
            return Err(format!(
                "prompts.relevance_floor is {}: use 0 to 10 (scores are about 0 to 1.5)",
                self.relevance_floor
            ));
        }
        if self.lifetime_secs == 0 {
            return Err("prompts.lifetime_secs must be at least 1".into());
        }
        Ok(())
    }
}

/// Whether an order is in the control group. Decided once, when the order starts, from its
/// random UUID: a fair draw that the order carries with it (a draft restored after a crash
/// stays in its group).
pub fn holdout_for(order_id: &str, percent: u8) -> bool {
    let draw = order_id
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(8)
        .collect::<String>();
    let draw = u32::from_str_radix(&draw, 16).unwrap_or(0);
    draw % 100 < u32::from(percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_means_the_defaults() {
        assert_eq!(
            PromptSettings::parse("", "x.toml").unwrap(),
            PromptSettings::default()
        );
    }

    #[test]
    fn a_file_overrides_what_it_names() {
        let s = PromptSettings::parse(
            "[prompts]\nlifetime_secs = 12\nholdout_percent = 0\n",
            "x.toml",
        )
        .unwrap();
        assert_eq!(s.lifetime_secs, 12);
        assert_eq!(s.holdout_percent, 0);
        assert_eq!(s.per_order, PromptSettings::default().per_order);
    }

    #[test]
    fn mistakes_are_named() {
        let e = PromptSettings::parse("[prompts]\nlifetime = 12\n", "shop.toml").unwrap_err();
        assert!(e.to_string().contains("shop.toml"), "{e}");
        assert!(e.to_string().contains("lifetime"), "{e}");
        let e = PromptSettings::parse("[prompts]\nholdout_percent = 140\n", "s").unwrap_err();
        assert!(e.to_string().contains("0 to 100"), "{e}");
    }

    #[test]
    fn the_readme_lists_the_defaults() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("```toml\n[prompts]")
            .expect("a settings example")
            + 8;
        let end = start + readme[start..].find("```").unwrap();
        let listed = PromptSettings::parse(&readme[start..end], "README.md").unwrap();
        assert_eq!(listed, PromptSettings::default());
    }

    #[test]
    fn the_kiosk_table_has_defaults_and_overrides() {
        assert_eq!(
            KioskSettings::parse("", "x.toml").unwrap(),
            KioskSettings {
                idle_secs: 60,
                warning_secs: 10
            }
        );
        let s = KioskSettings::parse("[kiosk]\nidle_secs = 2\nwarning_secs = 4\n", "x").unwrap();
        assert_eq!((s.idle_secs, s.warning_secs), (2, 4));
        // A file with both tables still gives the panel its settings.
        let p = PromptSettings::parse(
            "[prompts]\ncooldown_secs = 3\n[kiosk]\nidle_secs = 90\n",
            "x",
        )
        .unwrap();
        assert_eq!(p.cooldown_secs, 3);
    }

    #[test]
    fn kiosk_mistakes_are_named() {
        let e = KioskSettings::parse("[kiosk]\nidle = 5\n", "shop.toml").unwrap_err();
        assert!(
            e.to_string().contains("shop.toml") && e.to_string().contains("idle"),
            "{e}"
        );
        let e = KioskSettings::parse("[kiosk]\nidle_secs = 0\n", "s").unwrap_err();
        assert!(e.to_string().contains("kiosk.idle_secs is 0"), "{e}");
        let e = KioskSettings::parse("[kiosk]\nwarning_secs = 1\n", "s").unwrap_err();
        assert!(e.to_string().contains("3 to 600"), "{e}");
        let e = KioskSettings::parse("[kiosk]\nidle_secs = -4\n", "s").unwrap_err();
        assert!(e.to_string().contains("idle_secs"), "{e}");
        // A mistake in the kiosk table stops the panel's reader too: the file is one.
        assert!(PromptSettings::parse("[kiosk]\nwarning_secs = 0\n", "s").is_err());
    }

    #[test]
    fn the_readme_lists_the_kiosk_defaults() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("```toml\n[kiosk]")
            .expect("a kiosk settings example")
            + 8;
        let end = start + readme[start..].find("```").unwrap();
        let listed = KioskSettings::parse(&readme[start..end], "README.md").unwrap();
        assert_eq!(listed, KioskSettings::default());
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let s = PromptSettings::load(&dir.path().join("none.toml")).unwrap();
        assert_eq!(s, PromptSettings::default());
    }

    #[test]
    fn the_holdout_draw_is_near_its_share() {
        let n = 20_000;
        let held = (0..n)
            .filter(|_| holdout_for(&uuid::Uuid::new_v4().to_string(), 10))
            .count();
        // 10% of 20,000 is 2,000 with a standard deviation of about 42.
        assert!((1_750..2_250).contains(&held), "{held}");
        assert!(!holdout_for(&uuid::Uuid::new_v4().to_string(), 0));
        assert!(holdout_for(&uuid::Uuid::new_v4().to_string(), 100));
    }
}
