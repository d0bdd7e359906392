//! What the shop decides about training: which trainees may make real sales (a trainee's
//! PIN opens the register in training mode unless a manager has named them here), and the
//! exam: its customers, their seed and the pass mark. In the shop file's `[training]`
//! table, loaded by `xsell settings FILE` with a manager's PIN.

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrainingSettings {
    /// Staff codes of trainees who sell for real: their sign-in opens the ordinary register.
    pub sell_for_real: Vec<String>,
    /// The mean score out of 100 an exam needs to pass.
    pub exam_pass_mark: u8,
    /// The exam's scenarios, in the order they are served (ids from `xsell train --list`);
    /// empty: the first two of each level.
    pub exam_scenarios: Vec<String>,
    /// Every trainee sitting the exam meets the same customers: one seed for all.
    pub exam_seed: u64,
}

impl Default for TrainingSettings {
    fn default() -> Self {
        TrainingSettings {
            sell_for_real: Vec::new(),
            exam_pass_mark: 80,
            exam_scenarios: Vec::new(),
            exam_seed: 1,
        }
    }
}

impl TrainingSettings {
    /// Whether this trainee (by staff code, compared without case) makes real sales.
    pub fn sells_for_real(&self, code: &str) -> bool {
        self.sell_for_real
            .iter()
            .any(|c| c.trim().eq_ignore_ascii_case(code.trim()))
    }

    /// Refuses codes a staff code could never be (empty, or with control characters).
    pub fn check(&self, path: &str) -> Result<(), String> {
        if !(1..=100).contains(&self.exam_pass_mark) {
            return Err(format!(
                "{path}: training.exam_pass_mark must be 1 to 100, not {}",
                self.exam_pass_mark
            ));
        }
        for code in &self.sell_for_real {
            if code.trim().is_empty() {
                return Err(format!(
                    "{path}: training.sell_for_real holds an empty code"
                ));
            }
            if code.chars().any(char::is_control) {
                return Err(format!(
                    "{path}: training.sell_for_real: {code:?} holds a control character"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_named_trainees_sell_for_real() {
        let s = TrainingSettings {
            sell_for_real: vec!["PRIYA".into()],
            ..Default::default()
        };
        assert!(s.sells_for_real("priya"));
        assert!(!s.sells_for_real("TOM"));
        assert!(!TrainingSettings::default().sells_for_real("PRIYA"));
    }

    #[test]
    fn an_empty_or_hostile_code_is_refused_with_the_file_named() {
        for bad in ["", "  ", "A\u{1b}[2J"] {
            let s = TrainingSettings {
                sell_for_real: vec![bad.into()],
                ..Default::default()
            };
            let e = s.check("shop.toml").unwrap_err();
            assert!(e.starts_with("shop.toml: training.sell_for_real"), "{e}");
        }
    }

    #[test]
    fn the_exam_passes_at_80_unless_the_shop_says_and_a_mark_outside_1_to_100_is_refused() {
        let s: TrainingSettings = toml::from_str("").unwrap();
        assert_eq!((s.exam_pass_mark, s.exam_seed), (80, 1));
        assert!(s.exam_scenarios.is_empty());
        let s: TrainingSettings =
            toml::from_str("exam_pass_mark = 70\nexam_scenarios = [\"phone-first-case\"]").unwrap();
        assert_eq!(s.exam_pass_mark, 70);
        assert!(s.check("shop.toml").is_ok());
        for bad in [0, 101] {
            let s = TrainingSettings {
                exam_pass_mark: bad,
                ..Default::default()
            };
            let e = s.check("shop.toml").unwrap_err();
            assert!(e.starts_with("shop.toml: training.exam_pass_mark"), "{e}");
        }
    }
}
