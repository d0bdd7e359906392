//! A practice scenario: who walks in, what they came for, what a great salesperson would
//! offer them and why, and what would be irrelevant or pushy. Written by the shop as TOML
//! (`assets/scenarios/`), checked against the catalog, and every error names the file and
//! the line.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use crate::domain::catalog::Catalog;
use crate::domain::money::Money;

/// How hard a scenario is: the order the list shows them in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Easy,
    Medium,
    Hard,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Easy => "easy",
            Level::Medium => "medium",
            Level::Hard => "hard",
        }
    }
}

/// How much a price puts the customer off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sensitivity {
    Low,
    Medium,
    High,
}

/// What the simulated card terminal answers in this scenario.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Card {
    #[default]
    Approved,
    Declined,
}

/// A product as the scenario uses it: resolved from the catalog once, so that the customer
/// and the rubric need no catalog.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Item {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub price: Money,
}

/// An offer the scenario judges, with the reason a trainer gives.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Judged {
    pub item: Item,
    pub why: String,
}

/// What the customer does not say unless asked, and what it makes relevant.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HiddenNeed {
    pub need: String,
    /// What the customer says when asked what it is for.
    pub reveal: String,
    pub items: Vec<Item>,
}

/// A doubt the customer raises when a product is offered, and the answer that settles it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Objection {
    pub sku: String,
    pub says: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Persona {
    pub name: String,
    pub came_for: String,
    pub greeting: String,
    /// What they own already (from the catalog): offering it again is irrelevant.
    pub owns: Vec<Item>,
    /// What they usually buy here, in words.
    pub usually_buys: String,
    pub budget: Money,
    pub price_sensitivity: Sensitivity,
    /// 1 (short) to 5 (plenty): how many poor moves they put up with.
    pub patience: u8,
    /// The shop's customer id of their loyalty card, when they have one.
    pub loyalty_card: Option<String>,
    pub hidden_need: Option<HiddenNeed>,
    pub objections: Vec<Objection>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Scenario {
    pub id: String,
    pub level: Level,
    pub title: String,
    pub persona: Persona,
    /// What they came to buy, scanned by the trainee.
    pub buys: Vec<Item>,
    pub good_offers: Vec<Judged>,
    pub bad_offers: Vec<Judged>,
    pub card: Card,
    /// Where it was read from (a file name, or `history` for a generated one).
    pub source: String,
}

impl Scenario {
    /// A good offer or a hidden need's product: what the customer would welcome.
    pub fn is_good(&self, sku: &str) -> bool {
        self.good_offers.iter().any(|g| g.item.sku == sku) || self.hidden_sku(sku)
    }

    pub fn hidden_sku(&self, sku: &str) -> bool {
        self.persona
            .hidden_need
            .as_ref()
            .is_some_and(|h| h.items.iter().any(|i| i.sku == sku))
    }

    pub fn bad(&self, sku: &str) -> Option<&Judged> {
        self.bad_offers.iter().find(|b| b.item.sku == sku)
    }

    pub fn owns(&self, sku: &str) -> bool {
        self.persona.owns.iter().any(|i| i.sku == sku)
    }

    pub fn objection(&self, sku: &str) -> Option<&Objection> {
        self.persona.objections.iter().find(|o| o.sku == sku)
    }

    /// Every product worth offering: the good offers, then the hidden need's.
    pub fn opportunities(&self) -> Vec<&Item> {
        let mut out: Vec<&Item> = self.good_offers.iter().map(|g| &g.item).collect();
        if let Some(h) = &self.persona.hidden_need {
            for i in &h.items {
                if !out.iter().any(|o| o.sku == i.sku) {
                    out.push(i);
                }
            }
        }
        out
    }
}

/// A scenario file that cannot be used, with where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ScenarioError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The file as written, with the position of every SKU so that an unknown one is named
/// with its line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    id: Spanned<String>,
    level: Level,
    title: String,
    buys: Vec<Spanned<String>>,
    #[serde(default)]
    card: Card,
    persona: Spanned<RawPersona>,
    #[serde(default)]
    good_offers: Vec<RawJudged>,
    #[serde(default)]
    bad_offers: Vec<RawJudged>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPersona {
    name: String,
    came_for: String,
    greeting: String,
    #[serde(default)]
    owns: Vec<Spanned<String>>,
    #[serde(default)]
    usually_buys: String,
    budget: Spanned<String>,
    price_sensitivity: Sensitivity,
    patience: Spanned<i64>,
    #[serde(default)]
    loyalty_card: Option<String>,
    #[serde(default)]
    hidden_need: Option<RawHiddenNeed>,
    #[serde(default)]
    objections: Vec<RawObjection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHiddenNeed {
    need: String,
    reveal: String,
    skus: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObjection {
    sku: Spanned<String>,
    says: String,
    answer: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJudged {
    sku: Spanned<String>,
    why: String,
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    catalog: &'a Catalog,
}

impl Reader<'_> {
    fn err(&self, offset: usize, message: impl Into<String>) -> ScenarioError {
        ScenarioError {
            file: self.file.to_string(),
            line: line_of(self.text, offset),
            message: message.into(),
        }
    }

    fn item(&self, sku: &Spanned<String>) -> Result<Item, ScenarioError> {
        let p = self.catalog.by_sku(sku.get_ref()).ok_or_else(|| {
            self.err(
                sku.span().start,
                format!("unknown SKU '{}': not in the catalog", sku.get_ref()),
            )
        })?;
        Ok(Item {
            sku: p.sku.clone(),
            name: p.name.clone(),
            category: p.category.clone(),
            price: p.price,
        })
    }

    fn items(&self, skus: &[Spanned<String>]) -> Result<Vec<Item>, ScenarioError> {
        skus.iter().map(|s| self.item(s)).collect()
    }

    fn judged(&self, raw: &[RawJudged]) -> Result<Vec<Judged>, ScenarioError> {
        raw.iter()
            .map(|j| {
                Ok(Judged {
                    item: self.item(&j.sku)?,
                    why: j.why.clone(),
                })
            })
            .collect()
    }
}

/// Reads one scenario file and checks it against the catalog.
pub fn parse(text: &str, file: &str, catalog: &Catalog) -> Result<Scenario, ScenarioError> {
    let reader = Reader {
        file,
        text,
        catalog,
    };
    let raw: RawScenario = toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| s.start).unwrap_or(0);
        reader.err(at, e.message().trim().to_string())
    })?;
    let id = raw.id.get_ref().trim();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(reader.err(
            raw.id.span().start,
            format!("id '{id}' must be letters, digits and dashes"),
        ));
    }
    let persona_at = raw.persona.span().start;
    let p = raw.persona.into_inner();
    let budget = Money::parse(p.budget.get_ref())
        .map_err(|e| reader.err(p.budget.span().start, format!("budget: {e}")))?;
    if budget <= Money::default() {
        return Err(reader.err(p.budget.span().start, "budget must be more than zero"));
    }
    let patience = *p.patience.get_ref();
    if !(1..=5).contains(&patience) {
        return Err(reader.err(
            p.patience.span().start,
            format!("patience {patience} is not from 1 (short) to 5 (plenty)"),
        ));
    }
    if raw.buys.is_empty() {
        return Err(reader.err(
            persona_at,
            "buys is empty: the customer must come for something",
        ));
    }
    let buys = reader.items(&raw.buys)?;
    let good_offers = reader.judged(&raw.good_offers)?;
    let bad_offers = reader.judged(&raw.bad_offers)?;
    for bad in &raw.bad_offers {
        if raw
            .good_offers
            .iter()
            .any(|g| g.sku.get_ref() == bad.sku.get_ref())
        {
            return Err(reader.err(
                bad.sku.span().start,
                format!("'{}' is both a good and a bad offer", bad.sku.get_ref()),
            ));
        }
    }
    for judged in raw.good_offers.iter().chain(&raw.bad_offers) {
        if raw.buys.iter().any(|b| b.get_ref() == judged.sku.get_ref()) {
            return Err(reader.err(
                judged.sku.span().start,
                format!(
                    "'{}' is what they buy anyway, not an offer",
                    judged.sku.get_ref()
                ),
            ));
        }
    }
    let hidden_need = match &p.hidden_need {
        None => None,
        Some(h) => Some(HiddenNeed {
            need: h.need.clone(),
            reveal: h.reveal.clone(),
            items: reader.items(&h.skus)?,
        }),
    };
    let mut objections = Vec::new();
    for o in &p.objections {
        reader.item(&o.sku)?;
        objections.push(Objection {
            sku: o.sku.get_ref().clone(),
            says: o.says.clone(),
            answer: o.answer.clone(),
        });
    }
    Ok(Scenario {
        id: id.to_string(),
        level: raw.level,
        title: raw.title,
        persona: Persona {
            name: p.name,
            came_for: p.came_for,
            greeting: p.greeting,
            owns: reader.items(&p.owns)?,
            usually_buys: p.usually_buys,
            budget,
            price_sensitivity: p.price_sensitivity,
            patience: patience as u8,
            loyalty_card: p.loyalty_card,
            hidden_need,
            objections,
        },
        buys,
        good_offers,
        bad_offers,
        card: raw.card,
        source: file.to_string(),
    })
}

/// Reads a set of files; two scenarios with one id are an error naming the second.
pub fn parse_all<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    catalog: &Catalog,
) -> Result<Vec<Scenario>, Vec<ScenarioError>> {
    let mut out: Vec<Scenario> = Vec::new();
    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    for (file, text) in files {
        match parse(text, file, catalog) {
            Ok(s) if !ids.insert(s.id.clone()) => errors.push(ScenarioError {
                file: file.to_string(),
                line: text
                    .lines()
                    .position(|l| l.trim_start().starts_with("id"))
                    .map_or(1, |i| i + 1),
                message: format!("id '{}' is used by another scenario", s.id),
            }),
            Ok(s) => out.push(s),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        out.sort_by(|a, b| (a.level, &a.id).cmp(&(b.level, &b.id)));
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
#[path = "scenario_tests.rs"]
pub(crate) mod tests;
