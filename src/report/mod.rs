//! What the cross-selling did: conversion of offers, attach rate, order value, revenue
//! added, and the lift over the control group with its 95% interval. Pure arithmetic on
//! plain rows the store reads (`store::report`); no SQL and no terminal here.
//!
//! Definitions (they are the README's too):
//! - **shown** counts every prompt the register showed. `held_out` rows (what a control
//!   order would have been offered) are not shown: they only measure the control group.
//! - **conversion** = accepted / shown.
//! - **orders** are paid sales. **Prompted** orders are those not in the control group,
//!   whether or not a prompt came up (the comparison is by assignment, as the control group
//!   is drawn at random when an order starts).
//! - **attach rate** = prompted orders with at least one accepted suggestion / prompted orders.
//! - **revenue added** = what was paid for the lines that came from accepted suggestions;
//!   for an accepted upgrade only the price difference over the product it replaced
//!   counts, since the customer was buying the lower tier anyway.
//! - **lift**: a control order "took an offer" when it bought a product it would have been
//!   offered; its attach rate and order value are compared with the prompted orders'
//!   (see [`stats`] for the intervals).

pub mod day;
pub mod day_text;
pub mod expected_attach;
pub mod period;
pub mod stats;
pub mod text;
pub mod training;
pub mod training_text;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::money::Money;
pub use period::{Period, Preset};
pub use stats::Estimate;

/// Rules need this many offers before they are ranked best or worst.
pub const MIN_RULE_OFFERS: u64 = 20;
/// How many rules the best and worst lists hold.
pub const RANKED_RULES: usize = 3;

pub use crate::domain::offer::{Feedback, Outcome};

/// A paid sale of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderRow {
    pub id: String,
    pub day: NaiveDate,
    pub total: Money,
    pub holdout: bool,
    pub feedback: Option<Feedback>,
    /// The staff member's name.
    pub staff: Option<String>,
}

/// A prompt shown (or held out) in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub id: i64,
    pub order_id: String,
    pub staff: Option<String>,
    pub sku: String,
    pub category: String,
    /// `cross-sell`, `upsell`, `bundle`.
    pub kind: String,
    /// `curated`, `mined`, `history`, `ladder`, `bundle`.
    pub source: String,
    pub rule: String,
    pub outcome: Outcome,
    /// The offered product is among the order's lines (how a control order "takes" an offer).
    pub bought: bool,
    /// An upgrade's price difference over the product it replaces.
    pub difference: Option<Money>,
}

/// A paid order line that came from an accepted suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionLine {
    pub suggestion_id: i64,
    pub paid: Money,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    pub orders: Vec<OrderRow>,
    pub events: Vec<EventRow>,
    pub lines: Vec<SuggestionLine>,
}

/// What the figures are broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Breakdown {
    Staff,
    #[default]
    Category,
    Source,
    Kind,
    Rule,
}

impl Breakdown {
    pub const ALL: [Breakdown; 5] = [
        Breakdown::Category,
        Breakdown::Staff,
        Breakdown::Source,
        Breakdown::Kind,
        Breakdown::Rule,
    ];

    pub fn parse(s: &str) -> Option<Breakdown> {
        Breakdown::ALL.into_iter().find(|b| b.name() == s)
    }

    pub fn name(self) -> &'static str {
        match self {
            Breakdown::Staff => "staff",
            Breakdown::Category => "category",
            Breakdown::Source => "source",
            Breakdown::Kind => "kind",
            Breakdown::Rule => "rule",
        }
    }

    fn key(self, e: &EventRow) -> String {
        match self {
            Breakdown::Staff => e.staff.clone().unwrap_or_else(|| "(nobody)".into()),
            Breakdown::Category => e.category.clone(),
            Breakdown::Source => e.source.clone(),
            Breakdown::Kind => e.kind.clone(),
            Breakdown::Rule => e.rule.clone(),
        }
    }
}

/// Offers by outcome. `shown` excludes held-out ones, counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub shown: u64,
    pub accepted: u64,
    pub dismissed: u64,
    pub expired: u64,
    pub ignored: u64,
    pub open: u64,
    pub held_out: u64,
}

impl Counts {
    fn add(&mut self, o: Outcome) {
        match o {
            Outcome::HeldOut => {
                self.held_out += 1;
                return;
            }
            Outcome::Accepted => self.accepted += 1,
            Outcome::Dismissed => self.dismissed += 1,
            Outcome::Expired => self.expired += 1,
            Outcome::Ignored => self.ignored += 1,
            Outcome::Open => self.open += 1,
        }
        self.shown += 1;
    }

    /// accepted / shown; `None` when nothing was shown.
    pub fn conversion(&self) -> Option<f64> {
        ratio(self.accepted, self.shown)
    }
}

fn ratio(k: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| k as f64 / n as f64)
}

/// The mean of amounts, rounded to the cent; `None` for no amounts.
fn mean_money(xs: &[Money]) -> Option<Money> {
    let n = xs.len() as i128;
    (n > 0).then(|| {
        let sum: i128 = xs.iter().map(|m| i128::from(m.minor())).sum();
        Money::from_minor(crate::domain::money::div_round_half_up(sum, n))
    })
}

/// One group of a breakdown (or one rule).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub key: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub conversion: Option<f64>,
    pub revenue_added: Money,
    /// Rules only: many offers and a conversion under half the shop's.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub switch_off: bool,
}

/// Attach rate of one day's prompted orders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayPoint {
    pub day: NaiveDate,
    pub orders: u64,
    pub attached: u64,
    pub attach_rate: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FeedbackSummary {
    pub helpful: u64,
    pub not_helpful: u64,
    pub skipped: u64,
    /// helpful / (helpful + not helpful); skips are not answers.
    pub helpful_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lift {
    /// Difference of attach rates (prompted − control), as a fraction.
    pub attach_rate: Estimate,
    /// Difference of average order values (prompted − control), in minor units.
    pub order_value: Estimate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub period: Period,
    pub breakdown: Breakdown,
    pub offers: Counts,
    pub conversion: Option<f64>,
    pub orders: u64,
    pub prompted_orders: u64,
    pub control_orders: u64,
    /// Prompted orders with at least one accepted suggestion.
    pub attached_orders: u64,
    pub attach_rate: Option<f64>,
    /// Control orders that bought a product they would have been offered.
    pub control_attached: u64,
    pub control_attach_rate: Option<f64>,
    pub aov_with_accepted: Option<Money>,
    pub aov_without_accepted: Option<Money>,
    pub revenue_added: Money,
    pub lift: Lift,
    pub feedback: FeedbackSummary,
    pub groups: Vec<Group>,
    /// Every rule, most offers first.
    pub rules: Vec<Group>,
    /// Highest conversion first, among rules with at least `MIN_RULE_OFFERS` offers.
    pub best_rules: Vec<String>,
    /// Lowest conversion first, same floor.
    pub worst_rules: Vec<String>,
    pub daily: Vec<DayPoint>,
}

// No figure is ever NaN (a ratio with nothing to divide by is `None`), so equality is total,
// which lets a report travel in the register's actions.
impl Eq for Report {}

/// What each accepted suggestion added: its lines' paid amount, or an upgrade's difference.
fn added_by(rows: &Rows) -> HashMap<i64, Money> {
    let mut paid: HashMap<i64, Money> = HashMap::new();
    for l in &rows.lines {
        *paid.entry(l.suggestion_id).or_default() += l.paid;
    }
    rows.events
        .iter()
        .filter(|e| e.outcome == Outcome::Accepted)
        .map(|e| {
            let added = match (e.kind.as_str(), e.difference) {
                // Only once the upgrade was paid for: a voided order added nothing.
                ("upsell", Some(d)) if paid.contains_key(&e.id) => d,
                _ => paid.get(&e.id).copied().unwrap_or_default(),
            };
            (e.id, added)
        })
        .collect()
}

fn groups(
    rows: &Rows,
    by: Breakdown,
    added: &HashMap<i64, Money>,
) -> BTreeMap<String, (Counts, Money)> {
    let mut out: BTreeMap<String, (Counts, Money)> = BTreeMap::new();
    for e in &rows.events {
        let g = out.entry(by.key(e)).or_default();
        g.0.add(e.outcome);
        g.1 += added.get(&e.id).copied().unwrap_or_default();
    }
    out
}

fn to_group(key: String, counts: Counts, revenue_added: Money) -> Group {
    Group {
        key,
        conversion: counts.conversion(),
        counts,
        revenue_added,
        switch_off: false,
    }
}

/// Computes every figure for `rows`, which the store has already limited to the period.
pub fn compute(rows: &Rows, period: Period, by: Breakdown) -> Report {
    let added = added_by(rows);
    let mut offers = Counts::default();
    for e in &rows.events {
        offers.add(e.outcome);
    }
    let conversion = offers.conversion();

    let accepted_orders: HashSet<&str> = rows
        .events
        .iter()
        .filter(|e| e.outcome == Outcome::Accepted)
        .map(|e| e.order_id.as_str())
        .collect();
    let control_took: HashSet<&str> = rows
        .events
        .iter()
        .filter(|e| e.outcome == Outcome::HeldOut && e.bought)
        .map(|e| e.order_id.as_str())
        .collect();

    let (control, prompted): (Vec<&OrderRow>, Vec<&OrderRow>) =
        rows.orders.iter().partition(|o| o.holdout);
    let attached = |o: &&OrderRow| accepted_orders.contains(o.id.as_str());
    let attached_orders = prompted.iter().filter(|o| attached(o)).count() as u64;
    let control_attached = control
        .iter()
        .filter(|o| control_took.contains(o.id.as_str()))
        .count() as u64;
    let (with, without): (Vec<&OrderRow>, Vec<&OrderRow>) =
        prompted.iter().copied().partition(attached);
    let totals = |os: &[&OrderRow]| os.iter().map(|o| o.total).collect::<Vec<_>>();
    let as_f64 = |os: &[&OrderRow]| {
        os.iter()
            .map(|o| o.total.minor() as f64)
            .collect::<Vec<_>>()
    };

    let (n1, n0) = (prompted.len() as u64, control.len() as u64);
    let lift = Lift {
        attach_rate: stats::proportion_difference(attached_orders, n1, control_attached, n0),
        order_value: stats::mean_difference(&as_f64(&prompted), &as_f64(&control)),
    };

    let mut feedback = FeedbackSummary::default();
    for f in rows.orders.iter().filter_map(|o| o.feedback) {
        match f {
            Feedback::Helpful => feedback.helpful += 1,
            Feedback::NotHelpful => feedback.not_helpful += 1,
            Feedback::Skipped => feedback.skipped += 1,
        }
    }
    feedback.helpful_share = ratio(feedback.helpful, feedback.helpful + feedback.not_helpful);

    let groups_out: Vec<Group> = groups(rows, by, &added)
        .into_iter()
        .map(|(k, (c, m))| to_group(k, c, m))
        .collect();
    let (rules, best_rules, worst_rules) = rules(rows, &added, conversion);

    Report {
        period,
        breakdown: by,
        offers,
        conversion,
        orders: rows.orders.len() as u64,
        prompted_orders: n1,
        control_orders: n0,
        attached_orders,
        attach_rate: ratio(attached_orders, n1),
        control_attached,
        control_attach_rate: ratio(control_attached, n0),
        aov_with_accepted: mean_money(&totals(&with)),
        aov_without_accepted: mean_money(&totals(&without)),
        revenue_added: added.values().copied().sum(),
        lift,
        feedback,
        groups: groups_out,
        rules,
        best_rules,
        worst_rules,
        daily: daily(&prompted, &accepted_orders, period),
    }
}

/// Every rule (most offers first), the best and the worst among those offered often enough.
fn rules(
    rows: &Rows,
    added: &HashMap<i64, Money>,
    overall: Option<f64>,
) -> (Vec<Group>, Vec<String>, Vec<String>) {
    let mut all: Vec<Group> = groups(rows, Breakdown::Rule, added)
        .into_iter()
        .map(|(k, (c, m))| to_group(k, c, m))
        .collect();
    for g in &mut all {
        g.switch_off = g.counts.shown >= MIN_RULE_OFFERS
            && overall.zip(g.conversion).is_some_and(|(o, c)| c < o / 2.0);
    }
    all.sort_by(|a, b| b.counts.shown.cmp(&a.counts.shown).then(a.key.cmp(&b.key)));
    let mut ranked: Vec<&Group> = all
        .iter()
        .filter(|g| g.counts.shown >= MIN_RULE_OFFERS)
        .collect();
    // Ties in conversion go to the rule offered more: it has shown it more often.
    ranked.sort_by(|a, b| {
        b.conversion
            .partial_cmp(&a.conversion)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.counts.shown.cmp(&a.counts.shown))
            .then(a.key.cmp(&b.key))
    });
    // The two lists never share a rule: with few rules, the better half is "best".
    let n = ranked.len();
    let best: Vec<String> = ranked
        .iter()
        .take(RANKED_RULES.min(n.div_ceil(2)))
        .map(|g| g.key.clone())
        .collect();
    let worst: Vec<String> = ranked
        .iter()
        .rev()
        .take(RANKED_RULES.min(n / 2))
        .map(|g| g.key.clone())
        .collect();
    (all, best, worst)
}

/// Attach rate per day, every day of the period (days without orders have no rate);
/// an open-ended period runs from the first to the last order.
fn daily(prompted: &[&OrderRow], accepted: &HashSet<&str>, period: Period) -> Vec<DayPoint> {
    let first = period.from.or_else(|| prompted.iter().map(|o| o.day).min());
    let last = period.to.or_else(|| prompted.iter().map(|o| o.day).max());
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut by_day: BTreeMap<NaiveDate, (u64, u64)> = BTreeMap::new();
    for o in prompted {
        let d = by_day.entry(o.day).or_default();
        d.0 += 1;
        d.1 += u64::from(accepted.contains(o.id.as_str()));
    }
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|day| {
            let (orders, attached) = by_day.get(&day).copied().unwrap_or_default();
            DayPoint {
                day,
                orders,
                attached,
                attach_rate: ratio(attached, orders),
            }
        })
        .collect()
}
