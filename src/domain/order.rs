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
    /// panel writes and reads it (`prompts::PanelMemory`); here it is opaque, so that the
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastOrder {
    pub order_id: String,
    pub receipt_no: String,
    pub paid_at: NaiveDateTime,
    pub customer: Option<String>,
    pub lines: Vec<PastLine>,
    pub payments: Vec<Payment>,
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
    pub tender: TenderKind,
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
        };
        assert_eq!(line.refund_for(1), Money::from_minor(333));
        line.returned = 1;
        assert_eq!(line.refund_for(1), Money::from_minor(333));
        line.returned = 2;
        assert_eq!(line.refund_for(1), Money::from_minor(334));
        line.returned = 3;
        assert_eq!(line.refund_for(1), Money::ZERO);
    }
}
