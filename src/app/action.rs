//! The closed set of things that can happen to the register (`Action`) and the closed set
//! of things it asks the world to do (`Effect`). Results of effects come back as actions,
//! so the model never waits on IO and every path is testable without a store or terminal.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::domain::offer::OfferId;

use crate::app::backend::BackendResult;
use crate::app::backend::{Bought, Unsent};
use crate::app::key::Key;
use crate::domain::audit::AuditEntry;
use crate::domain::bundle::Bundle;
use crate::domain::catalog::Catalog;
use crate::domain::lockout::{PinAttempt, PinGuard, PinSubject};
use crate::domain::order::{Committed, Feedback, HeldOrder, OrderDraft, PastOrder, Refund};
use crate::domain::people::{Customer, CustomerSummary, Staff};
use crate::domain::pricing::Totals;
use crate::recommend::engine::Engine;
use crate::timing::{Outcome, Prompt};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Key(Key),
    /// Time passes (the clock in the header, messages that fade).
    Tick,
    /// The catalog, customers and bundles, loaded after the first screen.
    CatalogLoaded(Loaded),
    /// The recommender, built on its own thread (or why it could not be).
    EngineReady(Result<EngineHandle, String>),
    /// Wrong-PIN counts and locks as the store holds them now, read before a PIN is judged.
    PinGuardsRead(BTreeMap<PinSubject, PinGuard>),
    /// Opens a self-service till, signed in as the kiosk's pseudo staff member.
    OpenKiosk(Staff),
    DraftOpened(BackendResult<Option<OrderDraft>>),
    DraftSaved(BackendResult<()>),
    /// An empty order the till moved away from was let go (or not).
    DraftLeft(BackendResult<()>),
    Held(BackendResult<()>),
    HeldListed(BackendResult<Vec<HeldOrder>>),
    Recalled(BackendResult<OrderDraft>),
    Voided(BackendResult<()>),
    SaleCompleted(BackendResult<Committed>),
    SummaryLoaded {
        code: String,
        result: BackendResult<CustomerSummary>,
    },
    CustomerCreated(BackendResult<Customer>),
    ReceiptFound(BackendResult<Option<PastOrder>>),
    Refunded(BackendResult<Committed>),
    /// The receipt text reached its folder (the path written) or did not.
    ReceiptWritten(Result<String, String>),
    Printed(Result<(), String>),
    /// A prompt's row in the record of offers is written (the app made its id).
    OfferRecorded(BackendResult<()>),
    OfferAnswered(BackendResult<()>),
    PurchasesLoaded {
        code: String,
        result: BackendResult<Vec<Bought>>,
    },
    FeedbackRecorded(BackendResult<()>),
    ReportLoaded(BackendResult<Box<crate::report::Report>>),
    AuditLoaded(BackendResult<Vec<crate::domain::audit::AuditRow>>),
    TrainingLoaded(BackendResult<Vec<crate::report::training::SessionRow>>),
    /// A finished practice session's score was recorded (its row id), or why not.
    TrainingRecorded(BackendResult<i64>),
    /// The X report of the till's day, for the close-of-day screen.
    DayLoaded(BackendResult<Box<crate::report::day::DayReport>>),
    /// The Z report recorded (or why not).
    DayClosed(BackendResult<Box<crate::report::day::DayClose>>),
    /// The store's count for a PIN subject after an attempt.
    PinRecorded {
        subject: PinSubject,
        ok: bool,
        result: BackendResult<PinGuard>,
    },
    Audited(BackendResult<()>),
    /// What of the store's sales headquarters has not confirmed, as the store says now.
    UnsentRead(BackendResult<Unsent>),
    /// The card terminal's answer: the approval's reference, or why the card was declined.
    CardCharged(Result<String, String>),
    /// A kiosk's order parked for the counter, under this number (or why not).
    Parked(BackendResult<u32>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    SaveDraft(OrderDraft),
    OpenDraft {
        till: String,
    },
    /// The order on screen became empty (see `Backend::discard_draft`).
    DiscardDraft(OrderDraft),
    /// The till moved on to another order, leaving this empty one behind.
    AbandonDraft {
        order_id: String,
    },
    Hold {
        draft: OrderDraft,
        at: NaiveDateTime,
    },
    ListHeld {
        till: String,
    },
    Recall {
        order_id: String,
        till: String,
    },
    Void {
        draft: OrderDraft,
        reason: String,
        approved_by: Option<i64>,
        at: NaiveDateTime,
    },
    CompleteSale {
        draft: OrderDraft,
        totals: Totals,
        at: NaiveDateTime,
    },
    LoadSummary {
        code: String,
    },
    CreateCustomer {
        name: String,
        phone: Option<String>,
        email: Option<String>,
    },
    FindReceipt {
        receipt_no: String,
    },
    Refund(Refund),
    /// Writes `RECEIPT_NO.txt` into the receipts folder.
    WriteReceipt {
        number: String,
        text: String,
    },
    /// Sends raw ESC/POS bytes to the configured printer device.
    PrintEscPos {
        bytes: Vec<u8>,
    },
    /// Records a prompt as it appears (saving the draft it belongs to with it).
    RecordOffer {
        draft: Box<OrderDraft>,
        prompt: Box<Prompt>,
    },
    AnswerOffer {
        offer: OfferId,
        outcome: Outcome,
        at: NaiveDateTime,
    },
    LoadPurchases {
        code: String,
    },
    RecordFeedback {
        order_id: String,
        feedback: Feedback,
    },
    /// The audit trail between two times (either open), for the manager's screen.
    /// Every trainee's finished sessions, for the training screen.
    LoadTrainingProgress,
    /// Records how a practice session ended, in the shop's own store (never the sandbox).
    RecordTraining(Box<crate::report::training::SessionScore>),
    LoadAudit {
        from: Option<NaiveDateTime>,
        to: Option<NaiveDateTime>,
    },
    /// The cross-selling figures for the reports screen.
    LoadReport {
        period: crate::report::Period,
        by: crate::report::Breakdown,
    },
    /// The X report of a till's day.
    LoadDay {
        till: String,
        day: chrono::NaiveDate,
    },
    /// Closes a till's day with the cash counted (the Z report), once.
    CloseDay {
        till: String,
        day: chrono::NaiveDate,
        counted: crate::domain::money::Money,
        manager: i64,
        at: NaiveDateTime,
    },
    /// Counts a PIN typed (right or wrong) in the store, which audits a wrong one.
    RecordPin(PinAttempt),
    /// Appends a line to the audit trail.
    Audit(AuditEntry),
    Quit,
    /// Asks the store what headquarters has not confirmed yet (`Action::UnsentRead`).
    CheckUnsent,
    /// Charges the customer's card on the card terminal (`Action::CardCharged`).
    ChargeCard {
        order_id: String,
        amount: crate::domain::money::Money,
    },
    /// Parks a kiosk's order for the counter (`Action::Parked`).
    Park {
        draft: OrderDraft,
        at: NaiveDateTime,
    },
    /// Takes the order parked under `number` to this till (`Action::Recalled`).
    RecallParked {
        number: u32,
        till: String,
        staff_id: Option<i64>,
    },
}

/// What the register loads after its first screen.
#[derive(Clone)]
pub struct Loaded {
    pub catalog: Arc<Catalog>,
    pub customers: Vec<Customer>,
    pub bundles: Vec<Bundle>,
}

/// A catalog is compared by identity: two loads are the same load only if they share it.
impl PartialEq for Loaded {
    fn eq(&self, other: &Loaded) -> bool {
        Arc::ptr_eq(&self.catalog, &other.catalog)
            && self.customers == other.customers
            && self.bundles == other.bundles
    }
}

impl Eq for Loaded {}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("products", &self.catalog.products().len())
            .field("customers", &self.customers.len())
            .field("bundles", &self.bundles.len())
            .finish()
    }
}

/// A built recommender, compared by identity (an engine is too large to compare).
#[derive(Clone)]
pub struct EngineHandle(pub Arc<Engine>);

impl PartialEq for EngineHandle {
    fn eq(&self, other: &EngineHandle) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for EngineHandle {}

impl std::fmt::Debug for EngineHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EngineHandle")
    }
}
