//! What each kind of entry carries. A sale or refund carries everything another store needs
//! to apply it (its lines, payments and bundles, named by SKU and codes, never by a row id
//! that only means something in the store that made it).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaleBody {
    pub order_id: String,
    pub receipt_no: String,
    pub till: String,
    /// Staff and customers by their codes.
    pub staff: Option<String>,
    pub customer: Option<String>,
    pub approved_by: Option<String>,
    /// A refund names the sale it refunds (its order id).
    pub refund_of: Option<String>,
    pub started_at: String,
    pub completed_at: String,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub holdout: bool,
    pub lines: Vec<SaleLine>,
    pub payments: Vec<SalePayment>,
    pub bundles: Vec<SaleBundle>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaleLine {
    pub line_no: i64,
    pub sku: String,
    pub name: String,
    pub category: String,
    pub qty: i64,
    pub unit_price_minor: i64,
    pub list_price_minor: i64,
    pub tax_class: String,
    pub discount: Option<String>,
    pub discount_minor: i64,
    pub net_minor: i64,
    pub tax_minor: i64,
    pub paid_minor: i64,
    pub source: String,
    /// The offer the line came from (its global id).
    pub offer: Option<String>,
    pub refund_of_line: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SalePayment {
    pub tender: String,
    pub amount_minor: i64,
    pub tendered_minor: i64,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaleBundle {
    pub bundle_id: String,
    pub name: String,
    pub sets: i64,
    pub saving_minor: i64,
}

/// An offer as its order ended (paid or voided): its answer is final then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferBody {
    pub uid: String,
    pub order_id: String,
    pub till: String,
    pub staff: Option<String>,
    pub customer: Option<String>,
    pub sku: String,
    pub category: String,
    pub kind: String,
    pub source: String,
    pub rule: String,
    pub trigger: String,
    pub score: f64,
    pub price_minor: i64,
    pub difference_minor: Option<i64>,
    pub saving_minor: Option<i64>,
    pub shown_at: String,
    pub outcome: String,
    pub answered_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoidBody {
    pub order_id: String,
    pub reason: String,
    pub staff: Option<String>,
    pub approved_by: Option<String>,
    pub items: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CloseBody {
    pub day: String,
    pub z_no: i64,
    pub staff: Option<String>,
    pub float_minor: i64,
    pub expected_cash_minor: i64,
    pub counted_minor: i64,
    pub over_short_minor: i64,
    pub report: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackBody {
    pub order_id: String,
    pub feedback: String,
}
