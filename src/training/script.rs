//! A practice sale played from a script, without a terminal: the register's words (`scan`,
//! `customer`, `wait`, `accept N`, `decline`, `pay …`) plus the conversation moves (`ask`,
//! `explain`, `script`, `objection`, `stop`). For tests, and for a trainer who wants to see
//! how a scenario scores when played one way or another. The offers panel is whatever the
//! caller's `panel` answers for the cart (the shop's engine, at the command line).

use crate::domain::money::Money;
use crate::domain::offer::Kind;
use crate::training::acceptance::Moment;
use crate::training::customer::Move;
use crate::training::scenario::Card;
use crate::training::session::{Change, Input, Session};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Scan(String),
    Customer(String),
    /// Time passing: the panel's own business, nothing to the customer.
    Wait,
    /// Propose offer 1, 2 or 3 of the panel.
    Accept(usize),
    /// Leave the first offer of the panel unspoken.
    Decline,
    Pay {
        card: bool,
    },
    Move(Move),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct ScriptError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

/// An offer on the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelOffer {
    pub sku: String,
    pub name: String,
    pub kind: Kind,
    pub price: Money,
    pub score: f64,
}

fn action(words: &[&str]) -> Result<Action, String> {
    let verb = words[0].to_ascii_lowercase();
    Ok(match (verb.as_str(), &words[1..]) {
        ("scan", [code] | [code, _]) => Action::Scan(code.to_string()),
        ("scan", _) => return Err("usage: scan CODE".into()),
        ("customer", [id]) => Action::Customer(id.to_string()),
        ("customer", _) => return Err("usage: customer ID".into()),
        ("wait", [_]) => Action::Wait,
        ("wait", _) => return Err("usage: wait SECONDS".into()),
        ("accept", [n]) => match n.parse::<usize>() {
            Ok(n @ 1..=3) => Action::Accept(n),
            _ => {
                return Err(format!(
                    "'{n}' is not an offer on screen (accept 1, 2 or 3)"
                ));
            }
        },
        ("accept", _) => return Err("usage: accept 1|2|3".into()),
        ("decline", []) => Action::Decline,
        ("pay", [kind, ..]) => match kind.to_ascii_lowercase().as_str() {
            "card" => Action::Pay { card: true },
            "cash" => Action::Pay { card: false },
            other => return Err(format!("'{other}' is not a tender: pay cash|card [AMOUNT]")),
        },
        ("pay", _) => return Err("usage: pay cash|card [AMOUNT]".into()),
        (word, rest) => match Move::parse(word) {
            Some(m) if rest.is_empty() => Action::Move(m),
            Some(_) => return Err(format!("{word} takes nothing after it")),
            None => {
                return Err(format!(
                    "unknown action '{}' (scan, customer, wait, accept, decline, pay, ask, explain, script, objection, stop)",
                    words[0]
                ));
            }
        },
    })
}

/// Reads a whole script; every line that is not an action is an error.
pub fn parse(text: &str, file: &str) -> Result<Vec<(usize, Action)>, Vec<ScriptError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let t = raw.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = t.split_whitespace().collect();
        match action(&words) {
            Ok(a) => out.push((i + 1, a)),
            Err(reason) => errors.push(ScriptError {
                file: file.to_string(),
                line: i + 1,
                reason,
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// What the caller knows of the shop: prices, and the offers panel for a cart.
pub trait Shop {
    /// A product's name and price.
    fn product(&self, code: &str) -> Option<(String, String, Money)>;
    /// The panel's offers for this cart, leaving out what was already offered or declined.
    fn panel(
        &self,
        cart: &[String],
        customer: Option<&str>,
        leave_out: &[String],
    ) -> Vec<PanelOffer>;
}

/// Plays the script on a session; returns the conversation as lines.
pub fn play(
    session: &mut Session,
    steps: &[(usize, Action)],
    shop: &dyn Shop,
    file: &str,
) -> Result<Vec<String>, ScriptError> {
    let name = session.scenario().persona.name.clone();
    let mut transcript = vec![format!("{name}: {}", session.greeting())];
    let mut cart: Vec<String> = Vec::new();
    let mut customer: Option<String> = None;
    let mut leave_out: Vec<String> = Vec::new();
    let card_declines = session.scenario().card == Card::Declined;
    for (line, action) in steps {
        if session.finished() {
            break;
        }
        let err = |reason: String| ScriptError {
            file: file.to_string(),
            line: *line,
            reason,
        };
        let input = match action {
            Action::Scan(code) => {
                let (sku, _, price) = shop
                    .product(code)
                    .ok_or_else(|| err(format!("'{code}' is not in the catalog")))?;
                cart.push(sku.clone());
                Some(Input::Scan { sku, price })
            }
            Action::Customer(id) => {
                customer = Some(id.clone());
                Some(Input::Attach {
                    customer: id.clone(),
                })
            }
            Action::Wait => None,
            Action::Accept(n) => {
                let panel = shop.panel(&cart, customer.as_deref(), &leave_out);
                let o = panel
                    .get(n - 1)
                    .ok_or_else(|| {
                        err(format!(
                            "there is no offer {n} on the panel ({} shown)",
                            panel.len()
                        ))
                    })?
                    .clone();
                leave_out.push(o.sku.clone());
                transcript.push(format!("> offer {} ({})", o.name, o.price));
                Some(Input::Offer {
                    sku: o.sku,
                    name: o.name,
                    kind: o.kind,
                    price: o.price,
                    evidence: o.score,
                    moment: Moment::Item,
                })
            }
            Action::Decline => {
                if let Some(o) = shop.panel(&cart, customer.as_deref(), &leave_out).first() {
                    leave_out.push(o.sku.clone());
                }
                None
            }
            Action::Pay { card } if *card && card_declines => {
                transcript.push("(The card terminal says: declined.)".into());
                transcript.push(format!("{name}: Oh no. Can I pay cash instead?"));
                None
            }
            Action::Pay { .. } => Some(Input::Pay),
            Action::Move(m) => {
                transcript.push(format!("> {}", m.label()));
                Some(Input::Move(*m))
            }
        };
        let Some(input) = input else { continue };
        let step = session.step(input);
        transcript.extend(step.said.iter().map(|s| format!("{name}: {s}")));
        for change in &step.changes {
            match change {
                Change::Add { sku } => cart.push(sku.clone()),
                Change::Remove { sku } => {
                    if let Some(i) = cart.iter().rposition(|c| c == sku) {
                        cart.remove(i);
                    }
                }
                Change::Leave => transcript.push(format!("({name} leaves.)")),
            }
        }
    }
    Ok(transcript)
}

#[cfg(test)]
#[path = "script_tests.rs"]
mod tests;
