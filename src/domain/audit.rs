//! One line of the audit trail: who did what sensitive thing, when, on which till, and which
//! manager allowed it. Details name orders, receipts, products and staff codes, never a
//! customer's phone or e-mail.

use chrono::NaiveDateTime;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    pub at: NaiveDateTime,
    pub till: Option<String>,
    pub staff_id: Option<i64>,
    pub action: String,
    pub detail: String,
    pub approved_by: Option<i64>,
    /// The order it is about: the trail shows it by its receipt number once it has one.
    pub order_id: Option<String>,
}

impl AuditEntry {
    pub fn new(
        at: NaiveDateTime,
        till: &str,
        staff_id: Option<i64>,
        action: &str,
        detail: impl Into<String>,
    ) -> AuditEntry {
        AuditEntry {
            at,
            till: Some(till.to_string()),
            staff_id,
            action: action.to_string(),
            detail: detail.into(),
            approved_by: None,
            order_id: None,
        }
    }

    pub fn order(mut self, order_id: &str) -> AuditEntry {
        self.order_id = Some(order_id.to_string());
        self
    }

    pub fn approved_by(mut self, manager: Option<i64>) -> AuditEntry {
        self.approved_by = manager;
        self
    }
}

/// A line of the trail as exported: people named by code and name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: NaiveDateTime,
    pub till: Option<String>,
    /// `CODE Name` of who did it.
    pub staff: Option<String>,
    pub action: String,
    pub detail: String,
    /// `CODE Name` of the manager who allowed it.
    pub approved_by: Option<String>,
}
