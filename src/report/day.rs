//! The close of day. The X report is a till's figures for a day so far (it changes
//! nothing); the Z report is the same figures closed once with the cash counted in the
//! drawer. Pure: the store reads the day's rows, this adds them up, and the command line and
//! the till print the same lines (`DayReport::rows`).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::money::Money;
use crate::domain::pricing::TaxRates;
use crate::domain::tender::TenderKind;

/// A completed sale or refund of the day, as the store recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOrder {
    pub receipt_no: String,
    pub refund: bool,
    /// What the customer paid (negative on a refund).
    pub total: Money,
    /// Each tender's settled part (change excluded; negative on a refund).
    pub payments: Vec<(TenderKind, Money)>,
    pub lines: Vec<DayLine>,
    /// Line, bundle and order discounts together.
    pub discounts: Money,
    pub bundle_savings: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayLine {
    pub tax_class: String,
    pub qty: i64,
    pub unit_price: Money,
    /// The catalog price; differs from `unit_price` after a price override.
    pub list_price: Money,
    pub line_discount: Money,
    /// After discounts, before exclusive tax (negative on a refund).
    pub net: Money,
    pub tax: Money,
}

/// An order voided by the cashier (an order emptied line by line is not a void).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayVoid {
    pub at: NaiveDateTime,
    pub items: i64,
    pub value: Money,
    /// Payments taken before the void (handed back to the customer).
    pub paid: Money,
    pub reason: String,
    pub staff: Option<String>,
    pub approved_by: Option<String>,
}

/// Cash taken out of the drawer during the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPayout {
    pub at: NaiveDateTime,
    pub amount: Money,
    pub reason: String,
}

/// A Z report already recorded for the till and day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closed {
    pub z_no: i64,
    pub closed_at: NaiveDateTime,
    pub closed_by: Option<String>,
    pub counted: Money,
    pub over_short: Money,
}

/// Everything the report is made from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DayRows {
    pub orders: Vec<DayOrder>,
    pub voids: Vec<DayVoid>,
    pub payouts: Vec<DayPayout>,
    /// The till's offers of the day, for the cross-selling line.
    pub offers: crate::report::Rows,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    pub count: u64,
    pub amount: Money,
}

impl Tally {
    fn add(&mut self, amount: Money) {
        self.count += 1;
        self.amount += amount;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ByTender {
    pub cash: Money,
    pub card: Money,
}

impl ByTender {
    fn add(&mut self, kind: TenderKind, amount: Money) {
        match kind {
            TenderKind::Cash => self.cash += amount,
            TenderKind::Card => self.card += amount,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Discounts {
    pub line: Money,
    pub bundle: Money,
    pub order: Money,
    pub total: Money,
    /// Lines sold at a price other than the catalog's.
    pub overrides: u64,
    /// What the overrides took off the catalog prices (negative if they raised them).
    pub override_value: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxLine {
    /// Basis points: 800 = 8%.
    pub rate_bp: i64,
    /// Sales less refunds, before tax.
    pub taxable: Money,
    pub tax: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Approver {
    pub name: String,
    pub voids: u64,
    pub value: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Voids {
    pub count: u64,
    pub value: Money,
    /// Voids of orders on which a payment had been taken, and what had been paid.
    pub after_payment: Tally,
    pub by_approver: Vec<Approver>,
    pub list: Vec<DayVoid>,
}

/// The drawer: float + cash sales − cash refunds − payouts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cash {
    pub float: Money,
    pub sales: Money,
    pub refunds: Money,
    pub payouts: Money,
    pub expected: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CrossSelling {
    pub offers: u64,
    pub accepted: u64,
    pub value_added: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayReport {
    pub till: String,
    pub day: NaiveDate,
    pub sales: Tally,
    pub sales_by_tender: ByTender,
    /// Amounts given back, as positive figures.
    pub refunds: Tally,
    pub refunds_by_tender: ByTender,
    /// Sales less refunds.
    pub net: Money,
    pub voids: Voids,
    pub discounts: Discounts,
    pub tax: Vec<TaxLine>,
    pub cash: Cash,
    pub cross_selling: CrossSelling,
    pub payouts: Vec<DayPayout>,
    /// Set once the day is closed (a Z report exists).
    pub closed: Option<Closed>,
    /// What the till took on that day after its close, which no Z report holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_close: Option<AfterClose>,
}

/// Sales and refunds recorded on a closed day after its close.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AfterClose {
    pub sales: Tally,
    pub refunds: Tally,
}

impl DayReport {
    /// A closed day as its Z report recorded it, with what `now` (the same day's figures
    /// read again) holds beyond it.
    pub fn as_closed(mut self, closed: Closed, now: &DayReport) -> DayReport {
        let sales = Tally {
            count: now.sales.count.saturating_sub(self.sales.count),
            amount: now.sales.amount - self.sales.amount,
        };
        let refunds = Tally {
            count: now.refunds.count.saturating_sub(self.refunds.count),
            amount: now.refunds.amount - self.refunds.amount,
        };
        self.after_close = (sales != Tally::default() || refunds != Tally::default())
            .then_some(AfterClose { sales, refunds });
        self.closed = Some(closed);
        self
    }
}

/// Adds up a till's day.
pub fn compute(
    till: &str,
    day: NaiveDate,
    rows: &DayRows,
    rates: &TaxRates,
    float: Money,
) -> DayReport {
    let mut sales = Tally::default();
    let mut refunds = Tally::default();
    let mut sales_by_tender = ByTender::default();
    let mut refunds_by_tender = ByTender::default();
    let mut discounts = Discounts::default();
    let mut tax: BTreeMap<i64, (Money, Money)> = BTreeMap::new();
    for order in &rows.orders {
        if order.refund {
            refunds.add(-order.total);
            for &(kind, amount) in &order.payments {
                refunds_by_tender.add(kind, -amount);
            }
        } else {
            sales.add(order.total);
            for &(kind, amount) in &order.payments {
                sales_by_tender.add(kind, amount);
            }
            let line: Money = order.lines.iter().map(|l| l.line_discount).sum();
            discounts.line += line;
            discounts.bundle += order.bundle_savings;
            discounts.order += order.discounts - line - order.bundle_savings;
            discounts.total += order.discounts;
            for l in &order.lines {
                if l.unit_price != l.list_price {
                    discounts.overrides += 1;
                    discounts.override_value +=
                        Money::from_minor((l.list_price.minor() - l.unit_price.minor()) * l.qty);
                }
            }
        }
        for l in &order.lines {
            let entry = tax.entry(rates.rate_bp(&l.tax_class)).or_default();
            entry.0 += l.net;
            entry.1 += l.tax;
        }
    }
    let mut voids = Voids::default();
    let mut approvers: BTreeMap<String, Approver> = BTreeMap::new();
    for v in &rows.voids {
        voids.count += 1;
        voids.value += v.value;
        if v.paid > Money::ZERO {
            voids.after_payment.add(v.paid);
        }
        let name = v
            .approved_by
            .clone()
            .unwrap_or_else(|| "(no approval needed)".into());
        let a = approvers.entry(name.clone()).or_insert_with(|| Approver {
            name,
            ..Approver::default()
        });
        a.voids += 1;
        a.value += v.value;
        voids.list.push(v.clone());
    }
    voids.by_approver = approvers.into_values().collect();
    let payouts: Money = rows.payouts.iter().map(|p| p.amount).sum();
    let cash = Cash {
        float,
        sales: sales_by_tender.cash,
        refunds: refunds_by_tender.cash,
        payouts,
        expected: float + sales_by_tender.cash - refunds_by_tender.cash - payouts,
    };
    let offers = crate::report::compute(
        &rows.offers,
        crate::report::Period {
            from: Some(day),
            to: Some(day),
        },
        crate::report::Breakdown::Kind,
    );
    DayReport {
        till: till.to_string(),
        day,
        net: sales.amount - refunds.amount,
        sales,
        sales_by_tender,
        refunds,
        refunds_by_tender,
        voids,
        discounts,
        tax: tax
            .into_iter()
            .filter(|(_, (net, tax))| *net != Money::ZERO || *tax != Money::ZERO)
            .map(|(rate_bp, (taxable, tax))| TaxLine {
                rate_bp,
                taxable,
                tax,
            })
            .collect(),
        cash,
        cross_selling: CrossSelling {
            offers: offers.offers.shown,
            accepted: offers.offers.accepted,
            value_added: offers.revenue_added,
        },
        payouts: rows.payouts.clone(),
        closed: None,
        after_close: None,
    }
}

/// A Z report: the day's figures with the cash counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayClose {
    pub z_no: i64,
    pub closed_at: NaiveDateTime,
    pub counted: Money,
    /// Counted − expected: positive over, negative short.
    pub over_short: Money,
    pub report: DayReport,
}

/// One printed line of the report: where it belongs, what it is, and its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayRow {
    pub section: &'static str,
    pub item: String,
    pub count: Option<u64>,
    pub amount: Option<Money>,
}

fn row(
    section: &'static str,
    item: impl Into<String>,
    count: Option<u64>,
    amount: Money,
) -> DayRow {
    DayRow {
        section,
        item: item.into(),
        count,
        amount: Some(amount),
    }
}

/// 800 → "8%", 850 → "8.5%", 825 → "8.25%".
pub fn percent(bp: i64) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    if frac == 0 {
        format!("{whole}%")
    } else if frac % 10 == 0 {
        format!("{whole}.{}%", frac / 10)
    } else {
        format!("{whole}.{frac:02}%")
    }
}

impl DayReport {
    /// The report as lines, in the order a manager reads it at the close.
    pub fn rows(&self) -> Vec<DayRow> {
        let mut out = vec![
            row("sales", "sales", Some(self.sales.count), self.sales.amount),
            row("sales", "  cash", None, self.sales_by_tender.cash),
            row("sales", "  card", None, self.sales_by_tender.card),
            row(
                "refunds",
                "refunds",
                Some(self.refunds.count),
                self.refunds.amount,
            ),
            row("refunds", "  cash", None, self.refunds_by_tender.cash),
            row("refunds", "  card", None, self.refunds_by_tender.card),
            row("net", "net takings", None, self.net),
            row("voids", "voids", Some(self.voids.count), self.voids.value),
            row(
                "voids",
                "  after a payment (paid back)",
                Some(self.voids.after_payment.count),
                self.voids.after_payment.amount,
            ),
        ];
        for a in &self.voids.by_approver {
            out.push(row(
                "voids",
                format!("  approved by {}", a.name),
                Some(a.voids),
                a.value,
            ));
        }
        let d = &self.discounts;
        out.extend([
            row("discounts", "discounts", None, d.total),
            row("discounts", "  on lines", None, d.line),
            row("discounts", "  bundles", None, d.bundle),
            row("discounts", "  on orders", None, d.order),
            row(
                "discounts",
                "price overrides (below list)",
                Some(d.overrides),
                d.override_value,
            ),
        ]);
        for t in &self.tax {
            out.push(row(
                "tax",
                format!("tax {} on {}", percent(t.rate_bp), t.taxable),
                None,
                t.tax,
            ));
        }
        let c = &self.cash;
        out.extend([
            row("cash", "float", None, c.float),
            row("cash", "plus cash sales", None, c.sales),
            row("cash", "less cash refunds", None, c.refunds),
            row(
                "cash",
                "less payouts",
                Some(self.payouts.len() as u64),
                c.payouts,
            ),
            row("cash", "cash expected in the drawer", None, c.expected),
        ]);
        let x = &self.cross_selling;
        out.extend([
            DayRow {
                section: "cross-selling",
                item: "offers shown".into(),
                count: Some(x.offers),
                amount: None,
            },
            DayRow {
                section: "cross-selling",
                item: "offers accepted".into(),
                count: Some(x.accepted),
                amount: None,
            },
            row(
                "cross-selling",
                "value added by offers",
                None,
                x.value_added,
            ),
        ]);
        if let Some(z) = &self.closed {
            out.extend([
                DayRow {
                    section: "close",
                    item: format!("closed: Z {} at {}", z.z_no, z.closed_at.format("%H:%M")),
                    count: None,
                    amount: None,
                },
                row("close", "counted", None, z.counted),
                row("close", over_short_label(z.over_short), None, z.over_short),
            ]);
        }
        if let Some(after) = &self.after_close {
            out.extend([
                row(
                    "after the close",
                    "sales after the close (in no Z)",
                    Some(after.sales.count),
                    after.sales.amount,
                ),
                row(
                    "after the close",
                    "refunds after the close (in no Z)",
                    Some(after.refunds.count),
                    after.refunds.amount,
                ),
            ]);
        }
        out
    }
}

pub fn over_short_label(over_short: Money) -> &'static str {
    if over_short > Money::ZERO {
        "over"
    } else if over_short < Money::ZERO {
        "short"
    } else {
        "over/short"
    }
}

/// A cell that a spreadsheet would run as a formula gets a leading `'`; the one rule for
/// every CSV export lives in `domain::safe_text`.
pub fn csv_cell(value: &str) -> String {
    crate::domain::safe_text::csv_cell(value).into_owned()
}

#[cfg(test)]
#[path = "day_tests.rs"]
mod tests;
