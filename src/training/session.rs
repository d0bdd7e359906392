//! One practice sale as a state machine: fed what the trainee does at the register, it
//! answers with what the customer says and what changes in the cart (a line the customer
//! takes, one they put back, or the customer leaving), and at the end gives the score.
//! Pure: the register, a script or a test feed it the same way.

use crate::domain::money::Money;
use crate::domain::offer::Kind;
use crate::training::acceptance::{Features, Model, Moment};
use crate::training::customer::{Answer, Customer, Move, Offer, Reaction};
use crate::training::rubric::{self, OfferMade, Record, Score};
use crate::training::scenario::Scenario;

/// What the trainee did.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Scan {
        sku: String,
        price: Money,
    },
    /// A loyalty card attached, by the shop's customer id.
    Attach {
        customer: String,
    },
    /// An offer proposed from the panel.
    Offer {
        sku: String,
        name: String,
        kind: Kind,
        price: Money,
        /// The engine's score for it.
        evidence: f64,
        moment: Moment,
    },
    Move(Move),
    Pay,
}

/// What the cart must do after a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The customer takes an offered product: add its line.
    Add { sku: String },
    /// The customer puts an add-on back.
    Remove { sku: String },
    /// The customer walks out: the sale ends unpaid.
    Leave,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    /// What the customer says, line by line.
    pub said: Vec<String>,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone)]
pub struct Session {
    scenario: Scenario,
    model: Model,
    customer: Customer,
    cart: Vec<(String, Money)>,
    record: Record,
    primed: bool,
    finished: bool,
    /// Offers that raised a doubt, waiting for an answer: their index in the record.
    pending: Option<usize>,
}

impl Session {
    pub fn new(scenario: &Scenario, model: Model, seed: u64) -> Session {
        Session {
            scenario: scenario.clone(),
            model,
            customer: Customer::new(scenario, seed),
            cart: Vec::new(),
            record: Record::default(),
            primed: false,
            finished: false,
            pending: None,
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn customer(&self) -> &Customer {
        &self.customer
    }

    pub fn finished(&self) -> bool {
        self.finished
    }

    pub fn greeting(&self) -> String {
        self.customer.greeting()
    }

    fn cart_total(&self) -> Money {
        self.cart.iter().map(|(_, p)| *p).sum()
    }

    /// What the model gives an offer of this product now.
    fn features(&self, kind: Kind, price: Money, evidence: f64, moment: Moment) -> Features {
        Features {
            kind,
            evidence,
            price,
            cart: self.cart_total(),
            prior_offers: self.record.offers.len() as u32,
            moment,
        }
    }

    pub fn step(&mut self, input: Input) -> Step {
        let mut step = Step::default();
        if self.finished {
            return step;
        }
        match input {
            Input::Scan { sku, price } => {
                if !self.scenario.buys.iter().any(|i| i.sku == sku)
                    && !self.record.offers.iter().any(|o| o.sku == sku)
                {
                    step.said.push("That's not what I asked for.".into());
                }
                self.cart.push((sku, price));
            }
            Input::Attach { customer } => {
                if self.scenario.persona.loyalty_card.as_deref() == Some(customer.as_str()) {
                    self.record.loyalty_attached = true;
                    step.said.push("Oh yes, here's my card.".into());
                } else {
                    step.said.push("That's not my card.".into());
                }
            }
            Input::Offer {
                sku,
                name,
                kind,
                price,
                evidence,
                moment,
            } => {
                let f = self.features(kind, price, evidence, moment);
                let chance = self.model.predict(&f);
                let offer = Offer {
                    sku: sku.clone(),
                    name: name.clone(),
                    kind,
                    price,
                    cart: f.cart,
                    chance,
                };
                let explained = std::mem::take(&mut self.primed);
                let reaction = self.customer.offer(&offer);
                self.record.offers.push(OfferMade {
                    sku,
                    name,
                    kind,
                    price,
                    moment,
                    cart: f.cart,
                    fit: reaction.fit,
                    answer: reaction.answer,
                    base_chance: chance,
                    explained,
                });
                self.pending =
                    (reaction.answer == Answer::Objects).then_some(self.record.offers.len() - 1);
                self.react(&offer, &reaction, &mut step);
            }
            Input::Move(m) => {
                if matches!(m, Move::ExplainValue | Move::ScriptLine) {
                    self.primed = true;
                }
                if m == Move::AskNeed && !self.customer.asked() {
                    self.record.asked = true;
                }
                let (said, answered) = self.customer.converse(m);
                step.said.extend(said);
                if let Some((offer, reaction)) = answered {
                    if let Some(i) = self.pending.take() {
                        self.record.offers[i].answer = reaction.answer;
                        self.record.offers[i].explained = true;
                    }
                    self.react(&offer, &reaction, &mut step);
                }
                if self.customer.gone() {
                    self.leave(&mut step);
                }
            }
            Input::Pay => {
                let taken: Vec<String> = self
                    .record
                    .offers
                    .iter()
                    .filter(|o| o.answer == Answer::Takes)
                    .map(|o| o.sku.clone())
                    .collect();
                if let Some((sku, line)) = self.customer.second_thoughts(&taken) {
                    step.said.push(line);
                    step.changes.push(Change::Remove { sku: sku.clone() });
                    self.record.put_back = Some(sku);
                }
                self.record.paid = true;
                step.said.push("Thanks, bye!".into());
                self.finished = true;
            }
        }
        step
    }

    fn react(&mut self, offer: &Offer, reaction: &Reaction, step: &mut Step) {
        step.said.extend(reaction.said.iter().cloned());
        match reaction.answer {
            Answer::Takes => {
                self.cart.push((offer.sku.clone(), offer.price));
                step.changes.push(Change::Add {
                    sku: offer.sku.clone(),
                });
            }
            Answer::Leaves => self.leave(step),
            Answer::Declines | Answer::Objects => {}
        }
    }

    /// The order was voided or put aside: the customer is gone, unscored.
    pub fn walk_away(&mut self) {
        self.finished = true;
        self.record.left = true;
    }

    fn leave(&mut self, step: &mut Step) {
        if !self.finished {
            self.record.left = true;
            self.finished = true;
            step.changes.push(Change::Leave);
        }
    }

    /// The record so far, with the model's chance for every opportunity not offered.
    pub fn record(&self) -> Record {
        let mut record = self.record.clone();
        // An offer still waiting on its doubt was, in the end, not taken.
        for o in &mut record.offers {
            if o.answer == Answer::Objects {
                o.answer = Answer::Declines;
            }
        }
        record.missed_chances = self
            .scenario
            .opportunities()
            .into_iter()
            .filter(|i| !record.offers.iter().any(|o| o.sku == i.sku))
            .map(|i| {
                let f = Features {
                    kind: Kind::CrossSell,
                    evidence: 0.8,
                    price: i.price,
                    cart: self.scenario.buys.iter().map(|b| b.price).sum(),
                    prior_offers: 0,
                    moment: Moment::Item,
                };
                (i.sku.clone(), self.model.predict(&f))
            })
            .collect();
        record
    }

    pub fn score(&self) -> Score {
        rubric::score(&self.scenario, &self.record())
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
