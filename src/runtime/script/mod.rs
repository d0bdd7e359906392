//! Register scripts (`xsell sell --script FILE`): one action per line, read into steps
//! before anything runs, so that a typo on line 90 stops the script before the first sale
//! rather than after the 89th; then replayed on a `Till` as the keys a cashier would press
//! (`replay`).

mod replay;

pub use replay::{Outcome, Replay, Sold};

use crate::domain::tender::TenderKind;

/// One register action, as the cashier would do it with the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Login {
        pin: String,
    },
    Logout,
    /// Attaches the customer with this id (code).
    Customer {
        id: String,
    },
    /// Takes the customer off the order (F2, Ctrl+D).
    Detach,
    /// A SKU or barcode, with how many.
    Scan {
        code: String,
        qty: i64,
    },
    /// Pays with `kind`; no amount means what is still due. Typed as the cashier types it,
    /// so the register's own parsing and limits apply.
    Pay {
        kind: TenderKind,
        amount: Option<String>,
    },
    /// Voids the open order (the first reason on the list).
    Void,
    /// Removes the selected line: the one scanned last.
    Remove,
    Hold,
    /// Recalls the oldest held order of this till.
    Recall,
    /// A discount on the selected line (`10%` or `5.00`), with a manager's PIN when the
    /// register asks for one.
    Discount {
        value: String,
        manager_pin: Option<String>,
    },
    /// Lets this long pass on the till's clock, in milliseconds, without sleeping: offers
    /// wait for a pause in the keys, and expire.
    Wait {
        ms: i64,
    },
    /// Adds offer 1, 2 or 3 of the panel to the order.
    Accept {
        n: u8,
    },
    /// "No thanks" to the selected offer (the first one).
    Decline,
}

impl Step {
    /// Whether the step deals with the offers panel: a script with none needs no recommender.
    pub fn answers_offers(&self) -> bool {
        matches!(
            self,
            Step::Wait { .. } | Step::Accept { .. } | Step::Decline
        )
    }
}

/// A step and the line of the script it came from (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptLine {
    pub line: usize,
    pub step: Step,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}: {reason}")]
pub struct ScriptError {
    pub line: usize,
    pub reason: String,
}

/// Reads a whole script; the first line that is not an action is the error.
pub fn parse(text: &str) -> Result<Vec<ScriptLine>, ScriptError> {
    let mut steps = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        match parse_line(raw) {
            Ok(Some(step)) => steps.push(ScriptLine { line, step }),
            Ok(None) => {}
            Err(reason) => return Err(ScriptError { line, reason }),
        }
    }
    Ok(steps)
}

/// One line: `None` for a blank line or a `#` comment.
pub fn parse_line(raw: &str) -> Result<Option<Step>, String> {
    let text = raw.trim();
    if text.is_empty() || text.starts_with('#') {
        return Ok(None);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let verb = words[0].to_ascii_lowercase();
    let args = &words[1..];
    let step = match (verb.as_str(), args) {
        ("login", [pin]) => Step::Login {
            pin: pin.to_string(),
        },
        ("login", [code, pin]) => Step::Login {
            pin: format!("{code} {pin}"),
        },
        ("login", _) => return Err("usage: login [CODE] PIN".into()),
        ("logout", []) => Step::Logout,
        ("detach", []) => Step::Detach,
        ("customer", [id]) => Step::Customer { id: id.to_string() },
        ("customer", _) => return Err("usage: customer ID".into()),
        ("scan", [code]) => Step::Scan {
            code: code.to_string(),
            qty: 1,
        },
        ("scan", [code, qty]) => Step::Scan {
            code: code.to_string(),
            qty: qty
                .parse()
                .map_err(|_| format!("'{qty}' is not a quantity (scan CODE [QTY])"))?,
        },
        ("scan", _) => return Err("usage: scan CODE [QTY]".into()),
        ("pay", [kind, rest @ ..]) if rest.len() <= 1 => {
            let kind = match kind.to_ascii_lowercase().as_str() {
                "cash" => TenderKind::Cash,
                "card" => TenderKind::Card,
                other => return Err(format!("'{other}' is not a tender: pay cash|card [AMOUNT]")),
            };
            Step::Pay {
                kind,
                amount: rest.first().map(|a| a.to_string()),
            }
        }
        ("pay", _) => return Err("usage: pay cash|card [AMOUNT]".into()),
        ("void", []) => Step::Void,
        ("remove", []) => Step::Remove,
        ("hold", []) => Step::Hold,
        ("recall", []) => Step::Recall,
        ("discount", [value]) => Step::Discount {
            value: value.to_string(),
            manager_pin: None,
        },
        ("discount", [value, pin]) => Step::Discount {
            value: value.to_string(),
            manager_pin: Some(pin.to_string()),
        },
        ("discount", [value, code, pin]) => Step::Discount {
            value: value.to_string(),
            manager_pin: Some(format!("{code} {pin}")),
        },
        ("discount", _) => return Err("usage: discount VALUE [[CODE] MANAGER_PIN]".into()),
        ("wait", [secs]) => Step::Wait {
            ms: secs
                .parse::<f64>()
                .ok()
                .filter(|s| s.is_finite() && (0.0..=3600.0).contains(s))
                .map(|s| (s * 1000.0).round() as i64)
                .ok_or_else(|| format!("'{secs}' is not a number of seconds (0 to 3600)"))?,
        },
        ("wait", _) => return Err("usage: wait SECONDS".into()),
        ("accept", [n]) => Step::Accept {
            n: n.parse()
                .ok()
                .filter(|n| (1..=3).contains(n))
                .ok_or_else(|| format!("'{n}' is not an offer on screen (accept 1, 2 or 3)"))?,
        },
        ("accept", _) => return Err("usage: accept 1|2|3".into()),
        ("decline", []) => Step::Decline,
        ("logout" | "detach" | "void" | "remove" | "hold" | "recall" | "decline", _) => {
            return Err(format!("{verb} takes nothing after it"));
        }
        _ => {
            return Err(format!(
                "unknown action '{}' (login, logout, customer, detach, scan, pay, void, remove, hold, recall, discount, wait, accept, decline)",
                words[0]
            ));
        }
    };
    Ok(Some(step))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_action() {
        let text = "# a sale\n\nlogin 1357\ncustomer C0042\nscan UB15-16\n  scan 8802037000013 3 \
                    \ndiscount 10%\ndiscount 25% 4826\nremove\nhold\nrecall\npay card 10.00\nPAY Cash\nvoid\nlogout\n";
        let steps = parse(text).unwrap();
        let lines: Vec<usize> = steps.iter().map(|s| s.line).collect();
        assert_eq!(lines, (3..=15).collect::<Vec<_>>());
        let steps: Vec<Step> = steps.into_iter().map(|s| s.step).collect();
        assert_eq!(
            steps,
            vec![
                Step::Login { pin: "1357".into() },
                Step::Customer { id: "C0042".into() },
                Step::Scan {
                    code: "UB15-16".into(),
                    qty: 1
                },
                Step::Scan {
                    code: "8802037000013".into(),
                    qty: 3
                },
                Step::Discount {
                    value: "10%".into(),
                    manager_pin: None
                },
                Step::Discount {
                    value: "25%".into(),
                    manager_pin: Some("4826".into())
                },
                Step::Remove,
                Step::Hold,
                Step::Recall,
                Step::Pay {
                    kind: TenderKind::Card,
                    amount: Some("10.00".into())
                },
                Step::Pay {
                    kind: TenderKind::Cash,
                    amount: None
                },
                Step::Void,
                Step::Logout,
            ]
        );
    }

    #[test]
    fn reads_the_offers_actions() {
        let steps: Vec<Step> = parse("wait 0.7\naccept 2\ndecline\nwait 30\n")
            .unwrap()
            .into_iter()
            .map(|s| s.step)
            .collect();
        assert_eq!(
            steps,
            vec![
                Step::Wait { ms: 700 },
                Step::Accept { n: 2 },
                Step::Decline,
                Step::Wait { ms: 30_000 }
            ]
        );
        assert!(steps.iter().all(Step::answers_offers));
    }

    #[test]
    fn the_first_bad_line_is_the_error() {
        let cases = [
            ("login\n", 1, "usage: login [CODE] PIN"),
            ("\n# x\nscan A two\n", 3, "'two' is not a quantity"),
            ("scan A\npay cheque 5\n", 2, "'cheque' is not a tender"),
            ("pay cash 1 2\n", 1, "usage: pay"),
            ("void now\n", 1, "takes nothing"),
            ("sell A\nlogin\n", 1, "unknown action 'sell'"),
            ("scan\n", 1, "usage: scan"),
            ("wait soon\n", 1, "not a number of seconds"),
            ("wait -1\n", 1, "not a number of seconds"),
            ("accept 4\n", 1, "accept 1, 2 or 3"),
            ("decline 2\n", 1, "takes nothing"),
        ];
        for (text, line, reason) in cases {
            let e = parse(text).unwrap_err();
            assert_eq!(e.line, line, "{text:?}");
            assert!(e.reason.contains(reason), "{text:?}: {}", e.reason);
        }
    }

    #[test]
    fn an_empty_script_has_no_steps() {
        assert_eq!(parse("\n  \n# only a comment\n").unwrap(), vec![]);
    }
}
