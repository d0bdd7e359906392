//! The simulated customer: greets, answers questions, and takes or declines each offer.
//!
//! An offer's chance starts from the acceptance model (what this shop's customers did with
//! such an offer) and is moved by what this customer is like: a product they would welcome
//! (the scenario's good offers, their hidden need once they have told it), one they already
//! own or have no use for, its price against their budget, whether its value was explained,
//! and how much patience they have left. Patience falls with every irrelevant, repeated or
//! pushy offer; at zero they leave. Every draw comes from the seeded dice, in the order the
//! trainee acts, so a seed and the same moves give the same customer.

use crate::domain::money::Money;
use crate::domain::offer::Kind;
use crate::training::dice::Dice;
use crate::training::scenario::{Scenario, Sensitivity};

/// Patience points per step of the scenario's 1–5 scale.
pub const PATIENCE_STEP: i32 = 20;
/// What any offer costs in attention, however good.
const OFFER_COST: i32 = 5;
const NEUTRAL_COST: i32 = 10;
const IRRELEVANT_COST: i32 = 25;
const REPEAT_COST: i32 = 30;
const OWNED_COST: i32 = 20;
const AFTER_STOP_COST: i32 = 30;
/// Each offer beyond this many is pressure.
pub const OFFERS_BEFORE_PRESSURE: usize = 3;
const PRESSURE_COST: i32 = 15;
const NAG_COST: i32 = 5;

/// The conversation moves a trainee has besides the register's own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Move {
    /// "What is it for?"
    AskNeed,
    /// Say in your own words what the next offer does for them.
    ExplainValue,
    /// Say the shop's script line for the next offer.
    ScriptLine,
    /// Answer the doubt the customer just raised.
    HandleObjection,
    /// "That's all from me": no more offers.
    StopOffering,
}

impl Move {
    pub const ALL: [Move; 5] = [
        Move::AskNeed,
        Move::ExplainValue,
        Move::ScriptLine,
        Move::HandleObjection,
        Move::StopOffering,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Move::AskNeed => "ask what it is for",
            Move::ExplainValue => "explain the value",
            Move::ScriptLine => "say the script line",
            Move::HandleObjection => "handle the objection",
            Move::StopOffering => "stop offering",
        }
    }

    /// The word a script uses for it.
    pub fn word(self) -> &'static str {
        match self {
            Move::AskNeed => "ask",
            Move::ExplainValue => "explain",
            Move::ScriptLine => "script",
            Move::HandleObjection => "objection",
            Move::StopOffering => "stop",
        }
    }

    pub fn parse(word: &str) -> Option<Move> {
        Move::ALL.into_iter().find(|m| m.word() == word)
    }
}

/// An offer put to the customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub sku: String,
    pub name: String,
    pub kind: Kind,
    pub price: Money,
    /// The cart's total before it.
    pub cart: Money,
    /// The acceptance model's chance for it.
    pub chance: f64,
}

/// What the customer does with an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Takes,
    Declines,
    /// Raises a doubt: the offer waits for an answer to it.
    Objects,
    /// Gone: patience ran out.
    Leaves,
}

/// Why an offer went the way it did, for the rubric's feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fit {
    Good,
    /// A hidden need's product, offered after the customer told of the need.
    NeedRevealed,
    /// A hidden need's product, offered before asking: they do not see why.
    NeedUnasked,
    Neutral,
    Irrelevant,
    Owned,
    Repeated,
    AfterStop,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reaction {
    pub said: Vec<String>,
    pub answer: Answer,
    pub fit: Fit,
    /// The chance the draw was made with (0 when no draw was made).
    pub chance: f64,
}

#[derive(Debug, Clone)]
pub struct Customer {
    scenario: Scenario,
    dice: Dice,
    start_patience: i32,
    patience: i32,
    asked: bool,
    revealed: bool,
    stopped: bool,
    gone: bool,
    /// The boost the next offer gets from an explanation (odds multiplier).
    primed: Option<f64>,
    offered: Vec<String>,
    /// An offer waiting on an answer to the doubt it raised.
    objection: Option<(Offer, Fit, f64)>,
}

fn odds(p: f64) -> f64 {
    let p = p.clamp(0.001, 0.999);
    p / (1.0 - p)
}

fn prob(o: f64) -> f64 {
    o / (1.0 + o)
}

impl Customer {
    pub fn new(scenario: &Scenario, seed: u64) -> Customer {
        let start = i32::from(scenario.persona.patience) * PATIENCE_STEP;
        Customer {
            scenario: scenario.clone(),
            dice: Dice::new(seed),
            start_patience: start,
            patience: start,
            asked: false,
            revealed: false,
            stopped: false,
            gone: false,
            primed: None,
            offered: Vec::new(),
            objection: None,
        }
    }

    pub fn greeting(&self) -> String {
        self.scenario.persona.greeting.clone()
    }

    pub fn patience(&self) -> i32 {
        self.patience
    }

    pub fn start_patience(&self) -> i32 {
        self.start_patience
    }

    pub fn gone(&self) -> bool {
        self.gone
    }

    pub fn revealed(&self) -> bool {
        self.revealed
    }

    pub fn asked(&self) -> bool {
        self.asked
    }

    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// Whether an offer waits on the trainee's answer to a doubt.
    pub fn objecting(&self) -> bool {
        self.objection.is_some()
    }

    /// The answer the scenario gives to the doubt now raised, for the trainee to say.
    pub fn answer_to_doubt(&self) -> Option<String> {
        let (offer, _, _) = self.objection.as_ref()?;
        self.scenario
            .objection(&offer.sku)
            .map(|o| o.answer.clone())
    }

    /// A cost in patience; at zero they leave, and say so.
    fn lose(&mut self, points: i32, said: &mut Vec<String>) {
        self.patience -= points;
        if self.patience <= 0 && !self.gone {
            self.gone = true;
            said.push("That's enough, I'm going. I'll get it somewhere else.".into());
        }
    }

    fn fit(&self, sku: &str) -> Fit {
        let s = &self.scenario;
        if self.offered.iter().any(|o| o == sku) {
            Fit::Repeated
        } else if self.stopped {
            Fit::AfterStop
        } else if s.owns(sku) {
            Fit::Owned
        } else if s.bad(sku).is_some() {
            Fit::Irrelevant
        } else if s.hidden_sku(sku) {
            if self.revealed {
                Fit::NeedRevealed
            } else {
                Fit::NeedUnasked
            }
        } else if s.is_good(sku) {
            Fit::Good
        } else {
            Fit::Neutral
        }
    }

    /// The trainee proposes a product.
    pub fn offer(&mut self, offer: &Offer) -> Reaction {
        let mut said = Vec::new();
        if self.gone {
            return Reaction {
                said,
                answer: Answer::Leaves,
                fit: Fit::Neutral,
                chance: 0.0,
            };
        }
        // A doubt left unanswered counts as a no to that offer.
        self.objection = None;
        let fit = self.fit(&offer.sku);
        let primed = self.primed.take();
        let mut cost = OFFER_COST;
        let declined: Option<&str> = match fit {
            Fit::Repeated => {
                cost = REPEAT_COST;
                Some("You asked me that already. Still no.")
            }
            Fit::AfterStop => {
                cost = AFTER_STOP_COST;
                Some("I thought you were done? No, thank you.")
            }
            Fit::Owned => {
                cost = OWNED_COST;
                Some("I already have one of those.")
            }
            Fit::Irrelevant => {
                cost = IRRELEVANT_COST;
                Some("Why would I need that? No.")
            }
            _ => None,
        };
        if fit == Fit::Neutral {
            cost += NEUTRAL_COST;
        }
        if self.offered.len() >= OFFERS_BEFORE_PRESSURE {
            cost += PRESSURE_COST;
            said.push("That's a lot of extras...".into());
        }
        self.offered.push(offer.sku.clone());
        self.lose(cost, &mut said);
        if self.gone {
            return Reaction {
                said,
                answer: Answer::Leaves,
                fit,
                chance: 0.0,
            };
        }
        if let Some(line) = declined {
            said.push(line.into());
            return Reaction {
                said,
                answer: Answer::Declines,
                fit,
                chance: 0.0,
            };
        }
        if let Some(o) = self.scenario.objection(&offer.sku) {
            said.push(o.says.clone());
            let boost = primed.unwrap_or(1.0);
            self.objection = Some((offer.clone(), fit, boost));
            return Reaction {
                said,
                answer: Answer::Objects,
                fit,
                chance: 0.0,
            };
        }
        self.decide(offer, fit, primed.unwrap_or(1.0), said)
    }

    /// The chance this customer takes the offer, all things considered.
    pub fn chance(&self, offer: &Offer, fit: Fit, boost: f64) -> f64 {
        let persona = &self.scenario.persona;
        let mut o = odds(offer.chance) * boost;
        o *= match fit {
            Fit::Good => 2.0,
            Fit::NeedRevealed => 3.0,
            Fit::NeedUnasked => 0.5,
            _ => 0.3,
        };
        let total = offer.cart.minor().saturating_add(offer.price.minor());
        if total > persona.budget.minor() {
            o *= match persona.price_sensitivity {
                Sensitivity::High => 0.15,
                Sensitivity::Medium => 0.4,
                Sensitivity::Low => 0.8,
            };
        } else if persona.price_sensitivity == Sensitivity::High
            && offer.price.minor().saturating_mul(5) > offer.cart.minor()
        {
            o *= 0.6;
        }
        o *= f64::from(self.patience.max(0)) / f64::from(self.start_patience.max(1));
        prob(o)
    }

    fn decide(&mut self, offer: &Offer, fit: Fit, boost: f64, mut said: Vec<String>) -> Reaction {
        let chance = self.chance(offer, fit, boost);
        let takes = self.dice.chance(chance);
        let over_budget = offer.cart.minor().saturating_add(offer.price.minor())
            > self.scenario.persona.budget.minor();
        said.push(if takes {
            format!("Yes, go on then: add the {}.", offer.name)
        } else if over_budget {
            "That's more than I meant to spend, sorry.".into()
        } else if fit == Fit::NeedUnasked {
            "Hmm, I don't see why I'd need that.".into()
        } else {
            "No, thanks.".into()
        });
        Reaction {
            said,
            answer: if takes {
                Answer::Takes
            } else {
                Answer::Declines
            },
            fit,
            chance,
        }
    }

    /// A conversation move. An answered doubt returns the offer's reaction as well.
    pub fn converse(&mut self, m: Move) -> (Vec<String>, Option<(Offer, Reaction)>) {
        let mut said = Vec::new();
        if self.gone {
            return (said, None);
        }
        match m {
            Move::AskNeed => {
                if self.asked {
                    said.push("I told you already.".into());
                    self.lose(NAG_COST * 2, &mut said);
                } else {
                    self.asked = true;
                    match &self.scenario.persona.hidden_need {
                        Some(h) => {
                            self.revealed = true;
                            said.push(h.reveal.clone());
                        }
                        None => said.push(format!("It's {}.", self.scenario.persona.came_for)),
                    }
                }
            }
            Move::ExplainValue | Move::ScriptLine => {
                if self.primed.is_some() {
                    said.push("Yes, you said.".into());
                    self.lose(NAG_COST, &mut said);
                } else {
                    said.push("Go on...".into());
                }
                // Their own words for this customer beat the shop's general line.
                self.primed = Some(if m == Move::ExplainValue { 2.2 } else { 1.8 });
            }
            Move::HandleObjection => match self.objection.take() {
                Some((offer, fit, boost)) => {
                    let reaction = self.decide(&offer, fit, boost * 2.0, Vec::new());
                    return (said, Some((offer, reaction)));
                }
                None => {
                    said.push("What do you mean?".into());
                    self.lose(NAG_COST, &mut said);
                }
            },
            Move::StopOffering => {
                self.objection = None;
                if !self.stopped {
                    self.stopped = true;
                    self.patience = (self.patience + 10).min(self.start_patience);
                }
                said.push("Great, thanks.".into());
            }
        }
        (said, None)
    }

    /// At payment, an annoyed customer puts back the last add-on they took. Returns its
    /// SKU when they do, with what they say.
    pub fn second_thoughts(&self, taken: &[String]) -> Option<(String, String)> {
        let annoyed = self.patience * 100 < self.start_patience * 35;
        match taken.last() {
            Some(sku) if annoyed && !self.gone => Some((
                sku.clone(),
                "Actually, leave the last extra out. I've had enough of this.".into(),
            )),
            _ => None,
        }
    }
}

#[cfg(test)]
#[path = "customer_tests.rs"]
mod tests;
