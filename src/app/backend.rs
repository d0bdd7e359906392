//! What the register asks of the world outside the pure model. The runtime executes the
//! app's effects through this trait; the SQLite store implements it for real sales, and a
//! training session can implement it without touching real sales.

use chrono::NaiveDateTime;

use crate::domain::audit::AuditEntry;
use std::collections::BTreeMap;

use crate::domain::lockout::{PinAttempt, PinGuard, PinSubject};
use crate::domain::order::{Committed, Feedback, HeldOrder, OrderDraft, PastOrder, Refund};
use crate::domain::people::{Customer, CustomerSummary};
use crate::domain::pricing::Totals;
use crate::timing::{Outcome, Prompt};

/// A failure the cashier must see (on screen, never as a crash).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BackendError(pub String);

pub type BackendResult<T> = Result<T, BackendError>;

/// One product a customer bought, as the recommender reads their history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bought {
    pub sku: String,
    pub qty: i64,
    pub at: NaiveDateTime,
}

/// A sale ready to commit: the draft with its payments settled.
#[derive(Debug, Clone)]
pub struct Sale<'a> {
    pub draft: &'a OrderDraft,
    pub totals: &'a Totals,
    pub at: NaiveDateTime,
}

pub trait Backend {
    /// Saves the order in progress (replacing the previous save of the same draft).
    fn save_draft(&mut self, draft: &OrderDraft) -> BackendResult<()>;
    /// The open (not held) draft of a till, if the last session left one.
    fn open_draft(&mut self, till: &str) -> BackendResult<Option<OrderDraft>>;
    /// The order on screen became empty. With no offer on record it is forgotten, so that
    /// a restart opens a clean order; with offers on record it stays the till's open draft,
    /// empty, and the till carries on with it: the order on screen is always one that can
    /// still be saved, paid and voided.
    fn discard_draft(&mut self, draft: &OrderDraft) -> BackendResult<()>;
    /// The till moved on to another order (a recall) and leaves this empty one behind:
    /// forgotten, or closed as voided ("emptied") when offers on record point at it.
    fn abandon_draft(&mut self, order_id: &str) -> BackendResult<()>;

    fn hold(&mut self, draft: &OrderDraft, at: NaiveDateTime) -> BackendResult<()>;
    fn held_orders(&mut self, till: &str) -> BackendResult<Vec<HeldOrder>>;
    /// Takes a held order back; it becomes the till's open draft.
    fn recall(&mut self, order_id: &str, till: &str) -> BackendResult<OrderDraft>;
    fn void(
        &mut self,
        draft: &OrderDraft,
        reason: &str,
        approved_by: Option<i64>,
        at: NaiveDateTime,
    ) -> BackendResult<()>;

    /// Commits a fully paid sale in one transaction: order, lines, payments, stock.
    fn complete_sale(&mut self, sale: &Sale<'_>) -> BackendResult<Committed>;

    fn customer_summary(&mut self, code: &str) -> BackendResult<CustomerSummary>;
    fn create_customer(
        &mut self,
        name: &str,
        phone: Option<&str>,
        email: Option<&str>,
    ) -> BackendResult<Customer>;

    fn find_receipt(&mut self, receipt_no: &str) -> BackendResult<Option<PastOrder>>;
    /// Commits a refund (stock back, negative payment) in one transaction.
    fn refund(&mut self, refund: &Refund) -> BackendResult<Committed>;

    /// A customer's past purchases (paid sales), for personal offers.
    fn customer_purchases(&mut self, code: &str) -> BackendResult<Vec<Bought>>;
    /// Records a prompt as it appears, with the draft it belongs to. Recording one already
    /// on record changes nothing.
    fn record_offer(&mut self, draft: &OrderDraft, prompt: &Prompt) -> BackendResult<()>;
    fn answer_offer(
        &mut self,
        offer: crate::domain::offer::OfferId,
        outcome: Outcome,
        at: NaiveDateTime,
    ) -> BackendResult<()>;
    fn record_feedback(&mut self, order_id: &str, feedback: Feedback) -> BackendResult<()>;
    /// The cross-selling figures of a period (training orders left out).
    fn report(
        &mut self,
        period: crate::report::Period,
        by: crate::report::Breakdown,
    ) -> BackendResult<crate::report::Report>;
    /// Counts a PIN attempt against the stored state (a wrong one is audited) and returns
    /// the state after it; a right PIN for a subject locked meanwhile still comes back locked.
    fn record_pin(&mut self, attempt: &PinAttempt) -> BackendResult<PinGuard>;
    /// The X report of a till's day (changes nothing).
    fn day_report(
        &mut self,
        till: &str,
        day: chrono::NaiveDate,
    ) -> BackendResult<crate::report::day::DayReport>;
    /// Records the Z report of a till's day with the cash counted, once per till and day.
    fn close_day(
        &mut self,
        till: &str,
        day: chrono::NaiveDate,
        counted: crate::domain::money::Money,
        manager: i64,
        at: NaiveDateTime,
    ) -> BackendResult<crate::report::day::DayClose>;
    /// Every wrong-PIN count and lock as stored now (other tills and processes move them).
    fn pin_guards(&mut self) -> BackendResult<BTreeMap<PinSubject, PinGuard>>;
    /// Appends a line to the append-only audit trail.
    fn audit(&mut self, entry: &AuditEntry) -> BackendResult<()>;
    /// The trail between two times (inclusive, either open), oldest first.
    fn audit_trail(
        &mut self,
        from: Option<NaiveDateTime>,
        to: Option<NaiveDateTime>,
    ) -> BackendResult<Vec<crate::domain::audit::AuditRow>>;
}
