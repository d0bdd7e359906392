//! The rubric: how a practice sale is scored, in parts the trainee can read before playing
//! and sees again with every score, with feedback lines tied to what happened.
//!
//! Out of 100: relevant offers made (35), value added (20), timing (15), use of the
//! customer's history and hidden needs (15) and restraint (15, which irrelevant, repeated and
//! excessive offers take away, down to −30: cross-selling must never pressure). Missed
//! opportunities are listed; each costs its share of the relevant-offer points.

use crate::domain::money::Money;
use crate::domain::offer::Kind;
use crate::training::acceptance::Moment;
use crate::training::customer::{Answer, Fit, OFFERS_BEFORE_PRESSURE};
use crate::training::scenario::Scenario;

pub const RELEVANT_MAX: i32 = 35;
pub const VALUE_MAX: i32 = 20;
pub const TIMING_MAX: i32 = 15;
pub const NEEDS_MAX: i32 = 15;
pub const RESTRAINT_MAX: i32 = 15;
/// Restraint can cost more than its 15 points: pressure is worse than doing nothing.
pub const RESTRAINT_MIN: i32 = -30;
const BAD_OFFER_PENALTY: i32 = 8;
const EXCESS_PENALTY: i32 = 5;
const LEFT_PENALTY: i32 = 15;
const PUT_BACK_PENALTY: i32 = 5;

/// The rubric as the trainee reads it before the first scenario.
pub const TEXT: &str = "How you are scored (out of 100)
  Relevant offers  35  offer what this customer would welcome; each one you miss costs its share
  Value added      20  what the extras they keep are worth, against what was there to sell
  Timing           15  offer after the item it goes with; small extras may wait for payment
  History & needs  15  attach their loyalty card, ask what it is for, offer for the need they tell
  Restraint        15  irrelevant, repeated or a fourth offer cost points, down to -30
Missed opportunities are listed with what a customer like this takes here.";

/// One offer as it went.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OfferMade {
    pub sku: String,
    pub name: String,
    pub kind: Kind,
    pub price: Money,
    pub moment: Moment,
    /// The cart's total when it was made.
    pub cart: Money,
    pub fit: Fit,
    pub answer: Answer,
    /// The acceptance model's chance for it.
    pub base_chance: f64,
    /// Its value was explained, or the script line said, before it.
    pub explained: bool,
}

/// Everything the score is worked out from.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Record {
    pub offers: Vec<OfferMade>,
    pub asked: bool,
    pub loyalty_attached: bool,
    pub left: bool,
    /// An add-on the customer took and then put back at payment.
    pub put_back: Option<String>,
    pub paid: bool,
    /// The model's chance for each opportunity nobody offered, by SKU.
    pub missed_chances: Vec<(String, f64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Part {
    pub name: &'static str,
    pub points: i32,
    pub max: i32,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Score {
    pub total: u32,
    pub parts: Vec<Part>,
    /// What the extras the customer kept are worth.
    pub value_added: Money,
    pub missed: Vec<String>,
    pub feedback: Vec<String>,
}

fn share(max: i32, num: i64, den: i64) -> i32 {
    if den <= 0 {
        return 0;
    }
    // Rounded half up, in integers: max · num / den.
    ((2 * i64::from(max) * num.min(den) + den) / (2 * den)) as i32
}

fn percent(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

fn relevant(fit: Fit) -> bool {
    matches!(fit, Fit::Good | Fit::NeedRevealed | Fit::NeedUnasked)
}

fn kept(o: &OfferMade, r: &Record) -> bool {
    o.answer == Answer::Takes && !r.left && r.put_back.as_deref() != Some(o.sku.as_str())
}

/// Whether an offer came at a good moment: after something was in the cart, and at the
/// payment only when small (a tenth of the cart or less) and not a change of model.
fn well_timed(o: &OfferMade) -> bool {
    if o.cart.minor() <= 0 {
        return false;
    }
    match o.moment {
        Moment::Item => true,
        Moment::Payment => o.kind != Kind::Upsell && o.price.minor() * 10 <= o.cart.minor(),
    }
}

pub fn score(s: &Scenario, r: &Record) -> Score {
    let name = &s.persona.name;
    let mut feedback = Vec::new();
    let opportunities = s.opportunities();
    let offered = |sku: &str| r.offers.iter().any(|o| o.sku == sku);

    let made = opportunities.iter().filter(|i| offered(&i.sku)).count() as i64;
    let relevant_points = share(RELEVANT_MAX, made, opportunities.len() as i64);

    let value_added: Money = r
        .offers
        .iter()
        .filter(|o| kept(o, r) && relevant(o.fit))
        .map(|o| o.price)
        .sum();
    let possible: i64 = opportunities.iter().map(|i| i.price.minor()).sum();
    let value_points = share(VALUE_MAX, value_added.minor(), possible);

    let timed = r.offers.iter().filter(|o| well_timed(o)).count() as i64;
    let timing_points = share(TIMING_MAX, timed, r.offers.len() as i64);

    let mut earned = i64::from(r.asked);
    let mut possible_needs = 1;
    if s.persona.loyalty_card.is_some() {
        possible_needs += 1;
        earned += i64::from(r.loyalty_attached);
    }
    if s.persona.hidden_need.is_some() {
        possible_needs += 1;
        earned += i64::from(r.offers.iter().any(|o| o.fit == Fit::NeedRevealed));
    }
    let needs_points = share(NEEDS_MAX, earned, possible_needs);

    let mut restraint = RESTRAINT_MAX;
    for (i, o) in r.offers.iter().enumerate() {
        match o.fit {
            Fit::Irrelevant => {
                restraint -= BAD_OFFER_PENALTY;
                let why = s.bad(&o.sku).map(|b| b.why.as_str()).unwrap_or("");
                feedback.push(format!("The {} was the wrong offer: {why}", o.name));
            }
            Fit::Owned => {
                restraint -= BAD_OFFER_PENALTY;
                feedback.push(format!(
                    "{name} already owns the {}: their history shows it.",
                    o.name
                ));
            }
            Fit::Repeated => {
                restraint -= BAD_OFFER_PENALTY;
                feedback.push(format!(
                    "You offered the {} twice: a no is an answer.",
                    o.name
                ));
            }
            Fit::AfterStop => {
                restraint -= BAD_OFFER_PENALTY;
                feedback.push(format!(
                    "You offered the {} after saying you were done.",
                    o.name
                ));
            }
            _ => {}
        }
        if i >= OFFERS_BEFORE_PRESSURE {
            restraint -= EXCESS_PENALTY;
        }
    }
    if r.offers.len() > OFFERS_BEFORE_PRESSURE {
        feedback.push(format!(
            "{} offers in one sale: more than {OFFERS_BEFORE_PRESSURE} feels like pressure.",
            r.offers.len()
        ));
    }
    if r.left {
        restraint -= LEFT_PENALTY;
        feedback.push(format!(
            "{} offers and {name} left without buying anything: watch their patience.",
            r.offers.len()
        ));
    }
    if let Some(sku) = &r.put_back {
        restraint -= PUT_BACK_PENALTY;
        let what = r
            .offers
            .iter()
            .find(|o| &o.sku == sku)
            .map_or(sku.as_str(), |o| o.name.as_str());
        feedback.push(format!(
            "{} offers before payment: {name} put the {what} back.",
            r.offers.len()
        ));
    }
    let restraint_points = restraint.max(RESTRAINT_MIN);

    let mut missed = Vec::new();
    for item in &opportunities {
        if offered(&item.sku) {
            continue;
        }
        missed.push(item.sku.clone());
        let why = s
            .good_offers
            .iter()
            .find(|g| g.item.sku == item.sku)
            .map(|g| g.why.clone())
            .or_else(|| {
                s.persona
                    .hidden_need
                    .as_ref()
                    .map(|h| format!("{name} is {}.", h.need))
            })
            .unwrap_or_default();
        let chance = r
            .missed_chances
            .iter()
            .find(|(sku, _)| sku == &item.sku)
            .map(|(_, p)| {
                format!(
                    " (offers like it are taken {} of the time here)",
                    percent(*p)
                )
            })
            .unwrap_or_default();
        feedback.push(format!(
            "You did not offer the {}: {why}{chance}",
            item.name
        ));
    }
    if let Some(h) = &s.persona.hidden_need
        && !r.asked
    {
        feedback.push(format!(
            "You never asked what it was for: {name} is {}.",
            h.need
        ));
    }
    if s.persona.loyalty_card.is_some() && !r.loyalty_attached {
        feedback.push(format!(
            "You did not attach {name}'s loyalty card: their history says {}.",
            if s.persona.usually_buys.is_empty() {
                "what they own"
            } else {
                &s.persona.usually_buys
            }
        ));
    }
    // A declined long shot beside a better chance nobody took.
    let best_missed = r
        .missed_chances
        .iter()
        .filter(|(sku, _)| missed.contains(sku))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    for o in &r.offers {
        if o.answer == Answer::Declines
            && let Some((sku, p)) = best_missed
            && *p > o.base_chance
        {
            let other = opportunities
                .iter()
                .find(|i| &i.sku == sku)
                .map_or(sku.as_str(), |i| i.name.as_str());
            feedback.push(format!(
                "Your offer of the {} had a {} chance; the {other} had {}.",
                o.name,
                percent(o.base_chance),
                percent(*p)
            ));
        }
        if o.answer == Answer::Takes && o.explained && relevant(o.fit) {
            feedback.push(format!(
                "Good: {name} took the {} once you explained its value.",
                o.name
            ));
        }
        if !well_timed(o) {
            feedback.push(if o.cart.minor() <= 0 {
                format!("The {} came before anything was in the cart.", o.name)
            } else {
                format!(
                    "The {} came too late, at payment: offer it with the item.",
                    o.name
                )
            });
        }
    }
    if r.offers.is_empty() {
        feedback.push(
            "No offers at all: every customer here leaves with only what they came for.".into(),
        );
    }

    let parts = vec![
        Part {
            name: "relevant offers",
            points: relevant_points,
            max: RELEVANT_MAX,
        },
        Part {
            name: "value added",
            points: value_points,
            max: VALUE_MAX,
        },
        Part {
            name: "timing",
            points: timing_points,
            max: TIMING_MAX,
        },
        Part {
            name: "history and needs",
            points: needs_points,
            max: NEEDS_MAX,
        },
        Part {
            name: "restraint",
            points: restraint_points,
            max: RESTRAINT_MAX,
        },
    ];
    let total = parts.iter().map(|p| p.points).sum::<i32>().clamp(0, 100) as u32;
    Score {
        total,
        parts,
        value_added,
        missed,
        feedback,
    }
}

impl Score {
    /// The score as plain lines: total, parts, value added, feedback.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("Score: {}/100", self.total)];
        for p in &self.parts {
            out.push(format!("  {:<18} {:>3} / {}", p.name, p.points, p.max));
        }
        out.push(format!("  value added: {}", self.value_added));
        if !self.missed.is_empty() {
            out.push(format!("  missed opportunities: {}", self.missed.len()));
        }
        out.extend(self.feedback.iter().map(|f| format!("- {f}")));
        out
    }

    /// `{"score": N, "parts": {…}, "feedback": […]}`.
    pub fn json(&self) -> serde_json::Value {
        let parts: serde_json::Map<String, serde_json::Value> = self
            .parts
            .iter()
            .map(|p| (p.name.replace(' ', "_"), p.points.into()))
            .chain([
                (
                    "value_added_minor".to_string(),
                    self.value_added.minor().into(),
                ),
                (
                    "missed_opportunities".to_string(),
                    (self.missed.len() as u64).into(),
                ),
            ])
            .collect();
        serde_json::json!({
            "score": self.total,
            "parts": parts,
            "feedback": self.feedback,
        })
    }
}

#[cfg(test)]
#[path = "rubric_tests.rs"]
mod tests;
