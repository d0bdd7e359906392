//! An order in progress and a completed one, as they cross between the register and the store.

use chrono::NaiveDateTime;

use crate::domain::cart::Cart;
use crate::domain::money::Money;
pub use crate::domain::offer::Feedback;
use crate::domain::tender::{Payment, TenderKind, Tendering};

/// The order being built at a till. Saved as a draft on every change, so that a killed
/// process brings it back exactly.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrderDraft {
    /// A UUID: unique across tills without coordination.
    pub id: String,
    pub till: String,
    pub staff_id: i64,
    /// The attached customer's code.
    pub customer: Option<String>,
    pub cart: Cart,
    /// Payments taken so far on a split tender.
    pub tender: Option<Tendering>,
    pub started_at: NaiveDateTime,
    /// Manager approvals given on this order (large discounts, price overrides), so that
    /// the store can record who allowed what. Absent in drafts saved before approvals existed.
    #[serde(default)]
    pub approvals: Vec<Approval>,
    /// In the control group: the panel shows no prompts on this order, and what it would have
    /// shown is only recorded, so that reports can measure what the prompts change.
    #[serde(default)]
    pub holdout: bool,
    /// The offers panel's memory of this order (offers open and accepted, products
    /// declined), so that a hold, a recall or a restart brings the offers back exactly. The
    /// panel writes and reads it (`timing::PanelMemory`); here it is opaque, so that the
    /// order does not depend on the recommender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offers: Option<serde_json::Value>,
}

/// A manager's PIN typed at the till to allow something a cashier may not do alone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Approval {
    pub manager_id: i64,
    /// What was allowed, as a person reads it: "discount 25% on line 2 (Mouse)".
    pub what: String,
    pub at: NaiveDateTime,
}

/// A draft the cashier parked to serve someone else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldOrder {
    pub id: String,
    pub customer_name: Option<String>,
    pub items: i64,
    pub total: Money,
    pub held_at: NaiveDateTime,
}

/// What the store answers once a sale or refund is committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    pub order_id: String,
    /// Unique per till, never reused: `TILL-000042`.
    pub receipt_no: String,
}

/// A line of a past paid order, for returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastLine {
    pub line_no: i64,
    pub sku: String,
    pub name: String,
    pub qty: i64,
    /// Units already returned on earlier refunds.
    pub returned: i64,
    /// What the customer paid for the whole line, tax included, after all discounts.
    pub paid: Money,
    /// The tax held in `paid`.
    pub tax: Money,
}

impl PastLine {
    /// The refund for `qty` units: the paid amount shared per unit, the last unit taking the
    /// rounding remainder, so returning a line in parts refunds exactly what it cost.
    pub fn refund_for(&self, qty: i64) -> Money {
        let qty = qty.clamp(0, self.qty - self.returned);
        let per_unit = self.paid.minor() / self.qty;
        let after = self.returned + qty;
        // Units before `after` get per_unit each; the final unit also carries the remainder.
        let cumulative = |n: i64| {
            if n == self.qty {
                self.paid.minor()
            } else {
                per_unit * n
            }
        };
        Money::from_minor(cumulative(after) - cumulative(self.returned))
    }

    /// The tax held in the refund for `qty` units, shared the same way as the amount.
    pub fn tax_for(&self, qty: i64) -> Money {
        let qty = qty.clamp(0, self.qty - self.returned);
        let per_unit = self.tax.minor() / self.qty;
        let cumulative = |n: i64| {
            if n == self.qty {
                self.tax.minor()
            } else {
                per_unit * n
            }
        };
        Money::from_minor(cumulative(self.returned + qty) - cumulative(self.returned))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastOrder {
    pub order_id: String,
    pub receipt_no: String,
    pub paid_at: NaiveDateTime,
    pub customer: Option<String>,
    pub lines: Vec<PastLine>,
    pub payments: Vec<Payment>,
    /// What earlier refunds of this sale paid back, per tender (positive amounts).
    pub refunded: Vec<(TenderKind, Money)>,
}

impl PastOrder {
    /// How a refund of `amount` goes back: to the tenders the customer paid with unless the
    /// cashier chose one. A card is refunded first, up to what it paid and has not had back
    /// (money returns where it came from, and the drawer keeps its cash), then cash; a
    /// rounding remainder beyond both goes to cash.
    pub fn refund_split(&self, amount: Money, to: RefundTo) -> Vec<(TenderKind, Money)> {
        if amount <= Money::ZERO {
            return Vec::new();
        }
        if let RefundTo::Only(kind) = to {
            return vec![(kind, amount)];
        }
        let room = |kind: TenderKind| {
            let paid: Money = self
                .payments
                .iter()
                .filter(|p| p.kind == kind)
                .map(|p| p.amount)
                .sum();
            let back: Money = self
                .refunded
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, m)| *m)
                .sum();
            (paid - back).max(Money::ZERO)
        };
        let card = amount.min(room(TenderKind::Card));
        let cash = amount - card;
        [(TenderKind::Card, card), (TenderKind::Cash, cash)]
            .into_iter()
            .filter(|(_, m)| *m > Money::ZERO)
            .collect()
    }
}

/// Where a refund goes: back to the original tenders (the default), or all to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RefundTo {
    #[default]
    Original,
    Only(TenderKind),
}

impl RefundTo {
    /// Tab at the till: as paid → cash → card → as paid.
    pub fn next(self) -> RefundTo {
        match self {
            RefundTo::Original => RefundTo::Only(TenderKind::Cash),
            RefundTo::Only(TenderKind::Cash) => RefundTo::Only(TenderKind::Card),
            RefundTo::Only(TenderKind::Card) => RefundTo::Original,
        }
    }
}

/// A return of some units of some lines of a past order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    pub original_order_id: String,
    pub till: String,
    pub staff_id: i64,
    pub approved_by: i64,
    /// (line_no, units returned)
    pub lines: Vec<(i64, i64)>,
    pub tender: RefundTo,
    pub at: NaiveDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returning_in_parts_refunds_exactly_what_was_paid() {
        let mut line = PastLine {
            line_no: 1,
            sku: "A".into(),
            name: "A".into(),
            qty: 3,
            returned: 0,
            paid: Money::from_minor(1_000),
            tax: Money::from_minor(74),
        };
        assert_eq!(line.refund_for(1), Money::from_minor(333));
        line.returned = 1;
        assert_eq!(line.refund_for(1), Money::from_minor(333));
        line.returned = 2;
        assert_eq!(line.refund_for(1), Money::from_minor(334));
        line.returned = 3;
        assert_eq!(line.refund_for(1), Money::ZERO);
        line.returned = 0;
        let first = line.tax_for(1);
        line.returned = 1;
        assert_eq!(first + line.tax_for(2), Money::from_minor(74));
    }

    fn split_sale(cash: i64, card: i64, refunded: Vec<(TenderKind, Money)>) -> PastOrder {
        let pay = |kind, minor| Payment {
            kind,
            amount: Money::from_minor(minor),
            tendered: Money::from_minor(minor),
            reference: None,
        };
        PastOrder {
            order_id: "o".into(),
            receipt_no: "TILL1-000001".into(),
            paid_at: chrono::NaiveDateTime::default(),
            customer: None,
            lines: Vec::new(),
            payments: vec![pay(TenderKind::Cash, cash), pay(TenderKind::Card, card)],
            refunded,
        }
    }

    #[test]
    fn refund_defaulted_to_cash_after_a_split_sale() {
        let m = Money::from_minor;
        let sale = split_sale(50_000, 55_680, Vec::new());
        // The whole sale goes back as it was paid.
        assert_eq!(
            sale.refund_split(m(105_680), RefundTo::Original),
            vec![(TenderKind::Card, m(55_680)), (TenderKind::Cash, m(50_000))]
        );
        // Part of it goes to the card first.
        assert_eq!(
            sale.refund_split(m(20_000), RefundTo::Original),
            vec![(TenderKind::Card, m(20_000))]
        );
        // The cashier may choose.
        assert_eq!(
            sale.refund_split(m(20_000), RefundTo::Only(TenderKind::Cash)),
            vec![(TenderKind::Cash, m(20_000))]
        );
        // What the card already had back is not refunded to it again.
        let after = split_sale(50_000, 55_680, vec![(TenderKind::Card, m(50_000))]);
        assert_eq!(
            after.refund_split(m(20_000), RefundTo::Original),
            vec![(TenderKind::Card, m(5_680)), (TenderKind::Cash, m(14_320))]
        );
    }
}
