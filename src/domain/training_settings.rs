//! What the shop decides about training: which trainees may make real sales. A trainee's
//! PIN opens the register in training mode unless a manager has named them here (in the
//! shop file's `[training]` table, loaded by `xsell settings FILE` with a manager's PIN).

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrainingSettings {
    /// Staff codes of trainees who sell for real: their sign-in opens the ordinary register.
    pub sell_for_real: Vec<String>,
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
            };
            let e = s.check("shop.toml").unwrap_err();
            assert!(e.starts_with("shop.toml: training.sell_for_real"), "{e}");
        }
    }
}
