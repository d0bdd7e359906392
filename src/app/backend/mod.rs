//! What the register asks of the world outside the pure model, split by role into ports:
//! sales and drafts, offers, customers, security and audit, reports. The runtime executes
//! the app's effects through a `Backend`, which hands out one implementation per port; the
//! SQLite store implements every port, and a mode can put a different one behind a single
//! port (training: sales into a sandbox while the audit trail stays in the real store).
//!
//! Every write is given its time by the caller: no implementation reads the clock.

mod error;
mod sandbox;
mod training;

pub use error::{BackendError, BackendResult};
pub use sandbox::SandboxSource;
pub use training::TrainingPort;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::audit::{AuditEntry, AuditRow};
use crate::domain::lockout::{PinAttempt, PinGuard, PinSubject};
use crate::domain::money::Money;
use crate::domain::offer::OfferId;
use crate::domain::order::{Committed, Feedback, HeldOrder, OrderDraft, PastOrder, Refund};
use crate::domain::people::{Customer, CustomerSummary};
use crate::domain::pricing::Totals;
use crate::report::day::{DayClose, DayReport};
use crate::report::{Breakdown, Period, Report};
use crate::timing::{Outcome, Prompt};

/// One product a customer bought, as the recommender reads their history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bought {
    pub sku: String,
    pub qty: i64,
    pub at: NaiveDateTime,
}

/// A sale ready to commit: the draft with its payments settled, and the totals the
/// register priced it at. Every implementation prices the lines itself and refuses the
/// sale (`BackendError::Invalid`) when its totals differ from these: what the customer
/// was shown and paid is what is recorded, or nothing is.
#[derive(Debug, Clone)]
pub struct Sale<'a> {
    pub draft: &'a OrderDraft,
    pub totals: &'a Totals,
    pub at: NaiveDateTime,
}

/// Orders from draft to paid: the till's open order, held orders, voids, sales, refunds.
/// What of the store's sales headquarters has not confirmed yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unsent {
    /// Whether a headquarters is configured (the store has pushed to one): without one,
    /// nothing is ever waiting.
    pub tracked: bool,
    /// Sales waiting to be sent.
    pub sales: u64,
    /// When the oldest of them was made.
    pub oldest: Option<NaiveDateTime>,
}

pub trait SalesPort {
    /// Saves the order in progress (replacing the previous save of the same draft).
    fn save_draft(&mut self, draft: &OrderDraft, at: NaiveDateTime) -> BackendResult<()>;
    /// The open (not held) draft of a till, if the last session left one.
    fn open_draft(&mut self, till: &str) -> BackendResult<Option<OrderDraft>>;
    /// The order on screen became empty. With no offer on record it is forgotten, so that
    /// a restart opens a clean order; with offers on record it stays the till's open draft,
    /// empty, and the till carries on with it: the order on screen is always one that can
    /// still be saved, paid and voided.
    fn discard_draft(&mut self, draft: &OrderDraft, at: NaiveDateTime) -> BackendResult<()>;
    /// The till moved on to another order (a recall) and leaves this empty one behind:
    /// forgotten, or closed as voided ("emptied") when offers on record point at it.
    fn abandon_draft(&mut self, order_id: &str, at: NaiveDateTime) -> BackendResult<()>;
    fn hold(&mut self, draft: &OrderDraft, at: NaiveDateTime) -> BackendResult<()>;
    /// A till's held orders, the longest held first.
    fn held_orders(&mut self, till: &str) -> BackendResult<Vec<HeldOrder>>;
    /// Takes a held order back; it becomes the till's open draft. `NotFound` when it is no
    /// longer held (another till took it).
    fn recall(
        &mut self,
        order_id: &str,
        till: &str,
        at: NaiveDateTime,
    ) -> BackendResult<OrderDraft>;
    /// Parks a kiosk's order for the counter under a four-digit number any till recalls
    /// (`domain::park`); parking the same order again gives the same number.
    fn park(&mut self, draft: &OrderDraft, at: NaiveDateTime) -> BackendResult<u32>;
    /// Takes the order parked under `number` to `till` as its open draft: `NotFound` when
    /// no open order has it, the same order when this till already took it, `Invalid`
    /// when another till did.
    fn recall_parked(
        &mut self,
        number: u32,
        till: &str,
        staff_id: Option<i64>,
        at: NaiveDateTime,
    ) -> BackendResult<OrderDraft>;
    fn void(
        &mut self,
        draft: &OrderDraft,
        reason: &str,
        approved_by: Option<i64>,
        at: NaiveDateTime,
    ) -> BackendResult<()>;
    /// Commits a fully paid sale in one transaction: order, lines, payments, stock.
    fn complete_sale(&mut self, sale: &Sale<'_>) -> BackendResult<Committed>;
    fn find_receipt(&mut self, receipt_no: &str) -> BackendResult<Option<PastOrder>>;
    /// Commits a refund (stock back, negative payment) in one transaction.
    fn refund(&mut self, refund: &Refund) -> BackendResult<Committed>;
    /// The sales headquarters has not confirmed (`Unsent::default()` without one).
    fn unsent(&mut self) -> BackendResult<Unsent>;
}

/// The record of offers: each as it appears, its answer, the customer's word on them.
pub trait OffersPort {
    /// Records a prompt as it appears (at its `shown_at`), with the draft it belongs to.
    /// Recording one already on record changes nothing.
    fn record_offer(&mut self, draft: &OrderDraft, prompt: &Prompt) -> BackendResult<()>;
    fn answer_offer(
        &mut self,
        offer: OfferId,
        outcome: Outcome,
        at: NaiveDateTime,
    ) -> BackendResult<()>;
    /// The customer's word on the offers of a paid order.
    fn record_feedback(&mut self, order_id: &str, feedback: Feedback) -> BackendResult<()>;
}

/// The shop's customers, as the till attaches, creates and knows them.
pub trait CustomersPort {
    fn customer_summary(&mut self, code: &str) -> BackendResult<CustomerSummary>;
    fn create_customer(
        &mut self,
        name: &str,
        phone: Option<&str>,
        email: Option<&str>,
        at: NaiveDateTime,
    ) -> BackendResult<Customer>;
    /// A customer's past purchases (paid sales), for personal offers.
    fn customer_purchases(&mut self, code: &str) -> BackendResult<Vec<Bought>>;
}

/// PIN locks and the append-only audit trail.
pub trait SecurityPort {
    /// Counts a PIN attempt against the stored state (a wrong one is audited) and returns
    /// the state after it; a right PIN for a subject locked meanwhile still comes back locked.
    fn record_pin(&mut self, attempt: &PinAttempt) -> BackendResult<PinGuard>;
    /// Every wrong-PIN count and lock as stored now (other tills and processes move them).
    fn pin_guards(&mut self) -> BackendResult<BTreeMap<PinSubject, PinGuard>>;
    /// Appends a line to the append-only audit trail.
    fn audit(&mut self, entry: &AuditEntry) -> BackendResult<()>;
    /// The trail between two times (inclusive, either open), oldest first.
    fn audit_trail(
        &mut self,
        from: Option<NaiveDateTime>,
        to: Option<NaiveDateTime>,
    ) -> BackendResult<Vec<AuditRow>>;
}

/// The figures: cross-selling reports and a till's day.
pub trait ReportsPort {
    /// The cross-selling figures of a period (training orders left out).
    fn report(&mut self, period: Period, by: Breakdown) -> BackendResult<Report>;
    /// The X report of a till's day (changes nothing).
    fn day_report(&mut self, till: &str, day: NaiveDate) -> BackendResult<DayReport>;
    /// Records the Z report of a till's day with the cash counted, once per till and day.
    fn close_day(
        &mut self,
        till: &str,
        day: NaiveDate,
        counted: Money,
        manager: i64,
        at: NaiveDateTime,
    ) -> BackendResult<DayClose>;
}

/// The ports the runtime executes effects through, one implementation behind each. Anything
/// that implements all six ports is a backend by itself; a mode that splits them (one
/// port here, another there) implements this directly.
pub trait Backend {
    fn sales(&mut self) -> &mut dyn SalesPort;
    fn offers(&mut self) -> &mut dyn OffersPort;
    fn customers(&mut self) -> &mut dyn CustomersPort;
    fn security(&mut self) -> &mut dyn SecurityPort;
    fn reports(&mut self) -> &mut dyn ReportsPort;
    fn training(&mut self) -> &mut dyn TrainingPort;
    /// Told before each effect whether the register is in training mode, for a backend
    /// that sends practice elsewhere (`runtime::sandbox`); one backend alone ignores it.
    fn practise(&mut self, _training: bool) {}
}

impl<T> Backend for T
where
    T: SalesPort + OffersPort + CustomersPort + SecurityPort + ReportsPort + TrainingPort,
{
    fn sales(&mut self) -> &mut dyn SalesPort {
        self
    }
    fn offers(&mut self) -> &mut dyn OffersPort {
        self
    }
    fn customers(&mut self) -> &mut dyn CustomersPort {
        self
    }
    fn security(&mut self) -> &mut dyn SecurityPort {
        self
    }
    fn reports(&mut self) -> &mut dyn ReportsPort {
        self
    }
    fn training(&mut self) -> &mut dyn TrainingPort {
        self
    }
}
