//! Test kit (the `testkit` feature, on for the tests and benchmarks only): every port of
//! the backend kept in memory. It keeps the contract the store keeps, checked by
//! `tests/backend_contract.rs` (drafts, held orders, receipt numbers, refunds limited to
//! what was sold, totals priced again), records every call, and can be told to fail with a
//! given kind of error, so that every error path of the register is exercised.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::app::backend::{
    BackendError, BackendResult, Bought, CustomersPort, OffersPort, ReportsPort, Sale, SalesPort,
    SecurityPort, Unsent,
};
use crate::domain::audit::AuditEntry;
use crate::domain::bundle::Bundle;
use crate::domain::lockout::{PinAttempt, PinGuard, PinSubject};
use crate::domain::order::{
    Committed, Feedback, HeldOrder, OrderDraft, PastLine, PastOrder, Refund,
};
use crate::domain::people::{Customer, CustomerSummary};
use crate::domain::pricing::price_with_bundles;
use crate::domain::settings::Settings;
use crate::timing::{Outcome, Prompt};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DraftState {
    Open,
    /// When, and a sequence number so that orders held in the same minute keep their order.
    Held(NaiveDateTime, u64),
}

/// An offer as recorded, with its answer (None while open).
#[derive(Debug, Clone, PartialEq)]
pub struct OfferRecord {
    pub uid: crate::domain::offer::OfferId,
    pub order_id: String,
    pub sku: String,
    pub trigger: &'static str,
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Default)]
pub struct MemoryBackend {
    drafts: BTreeMap<String, (OrderDraft, DraftState)>,
    /// Orders that ended (paid, voided, or emptied with offers on record), by id: like the
    /// store, no later save may reopen them.
    pub closed: BTreeMap<String, &'static str>,
    pub customers: Vec<Customer>,
    pub summaries: BTreeMap<String, CustomerSummary>,
    pub sales: Vec<PastOrder>,
    pub refunds: Vec<Refund>,
    pub voids: Vec<(String, String)>,
    /// The audit trail, as the store would hold it (voids, refunds, PINs, approvals).
    pub audit_log: Vec<AuditEntry>,
    pub pin_guards: BTreeMap<PinSubject, PinGuard>,
    next_receipt: u32,
    next_hold: u64,
    /// Orders parked for the counter, by id, with their number (kept until paid or voided).
    pub parked: BTreeMap<String, u32>,
    /// Each customer's past purchases, by code.
    pub purchases: BTreeMap<String, Vec<Bought>>,
    /// The record of offers: event ids are positions + 1.
    pub offers: Vec<OfferRecord>,
    pub feedback: Vec<(String, Feedback)>,
    /// Every call by method name, in order.
    pub calls: Vec<&'static str>,
    /// When set, every call fails with this error (and changes nothing).
    pub fail_with: Option<BackendError>,
    settings: Settings,
    /// The shop's bundles, which the pricing of a sale takes into account as the store's does.
    pub bundles: Vec<Bundle>,
    /// The history the reports read besides the sales made here (offers, past orders).
    pub report_rows: crate::report::Rows,
    /// What headquarters has not confirmed: untracked until a test gives it a headquarters
    /// (`tracked`); then every sale waits here, as the store's journal does.
    pub unsent: Unsent,
    /// Finished practice sessions recorded, and the progress rows the reads give back.
    pub training: training::Training,
}

mod sales;
mod training;

impl MemoryBackend {
    pub fn new() -> MemoryBackend {
        MemoryBackend::default()
    }

    pub fn with_settings(settings: Settings) -> MemoryBackend {
        MemoryBackend {
            settings,
            ..MemoryBackend::default()
        }
    }

    pub fn count(&self, call: &str) -> usize {
        self.calls.iter().filter(|c| **c == call).count()
    }

    pub fn open_draft_of(&self, till: &str) -> Option<&OrderDraft> {
        self.drafts
            .values()
            .find(|(d, s)| d.till == till && *s == DraftState::Open)
            .map(|(d, _)| d)
    }

    fn enter(&mut self, call: &'static str) -> BackendResult<()> {
        self.calls.push(call);
        match &self.fail_with {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    /// As the store records an offer: once, whatever the repeats.
    fn insert_offer(&mut self, order_id: &str, prompt: &Prompt) {
        if self.offers.iter().any(|o| o.uid == prompt.uid) {
            return;
        }
        self.offers.push(OfferRecord {
            uid: prompt.uid,
            order_id: order_id.to_string(),
            sku: prompt.offer.sku.clone(),
            trigger: prompt.trigger.as_str(),
            outcome: prompt.held_out.then_some(Outcome::HeldOut),
        });
    }

    /// The store's refusal to change an order that has ended.
    fn still_open(&self, order_id: &str) -> BackendResult<()> {
        match self.closed.get(order_id) {
            Some(_) => Err(BackendError::Invalid(
                "this order is already completed or voided".into(),
            )),
            None => Ok(()),
        }
    }

    fn number(&mut self, till: &str) -> String {
        self.next_receipt += 1;
        let prefix: String = till
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_uppercase();
        format!("{prefix}-{:06}", self.next_receipt)
    }
}

const NO_DAY: &str = "the close of day is kept in the shop's store, not in this session";

impl CustomersPort for MemoryBackend {
    fn customer_summary(&mut self, code: &str) -> BackendResult<CustomerSummary> {
        self.enter("customer_summary")?;
        Ok(self.summaries.get(code).cloned().unwrap_or_default())
    }

    fn create_customer(
        &mut self,
        name: &str,
        phone: Option<&str>,
        email: Option<&str>,
        _at: NaiveDateTime,
    ) -> BackendResult<Customer> {
        self.enter("create_customer")?;
        let customer = Customer {
            code: format!("C{:05}", self.customers.len() + 1),
            name: name.to_string(),
            phone: phone.map(str::to_string),
            email: email.map(str::to_string),
            opted_out: false,
        };
        self.customers.push(customer.clone());
        Ok(customer)
    }

    fn customer_purchases(&mut self, code: &str) -> BackendResult<Vec<Bought>> {
        self.enter("customer_purchases")?;
        Ok(self.purchases.get(code).cloned().unwrap_or_default())
    }
}

impl OffersPort for MemoryBackend {
    fn record_offer(&mut self, draft: &OrderDraft, prompt: &Prompt) -> BackendResult<()> {
        self.enter("record_offer")?;
        self.still_open(&draft.id)?;
        self.insert_offer(&draft.id, prompt);
        // The store saves the draft with its offer, in one transaction.
        self.drafts
            .insert(draft.id.clone(), (draft.clone(), DraftState::Open));
        Ok(())
    }

    fn answer_offer(
        &mut self,
        offer: crate::domain::offer::OfferId,
        outcome: Outcome,
        _at: NaiveDateTime,
    ) -> BackendResult<()> {
        self.enter("answer_offer")?;
        // As the store: an answer to an offer not on record changes nothing (the sale
        // records the offers its order remembers).
        if let Some(record) = self.offers.iter_mut().find(|o| o.uid == offer) {
            record.outcome.get_or_insert(outcome);
        }
        Ok(())
    }

    fn record_feedback(&mut self, order_id: &str, feedback: Feedback) -> BackendResult<()> {
        self.enter("record_feedback")?;
        if !self.sales.iter().any(|s| s.order_id == order_id) {
            return Err(BackendError::Invalid(format!("no paid order {order_id}")));
        }
        self.feedback.push((order_id.to_string(), feedback));
        Ok(())
    }
}

impl ReportsPort for MemoryBackend {
    // A day is closed on the shop's books, which a session in memory does not keep: it says
    // so rather than print figures that would not match the drawer.
    fn day_report(
        &mut self,
        _till: &str,
        _day: chrono::NaiveDate,
    ) -> BackendResult<crate::report::day::DayReport> {
        self.enter("day_report")?;
        Err(BackendError::Other(NO_DAY.into()))
    }

    fn close_day(
        &mut self,
        _till: &str,
        _day: chrono::NaiveDate,
        _counted: crate::domain::money::Money,
        _manager: i64,
        _at: NaiveDateTime,
    ) -> BackendResult<crate::report::day::DayClose> {
        self.enter("close_day")?;
        Err(BackendError::Other(NO_DAY.into()))
    }

    fn report(
        &mut self,
        period: crate::report::Period,
        by: crate::report::Breakdown,
    ) -> BackendResult<crate::report::Report> {
        use crate::report::{OrderRow, Rows};
        self.enter("report")?;
        // Rows hold no times of their own: an offer belongs to the period of its order's day.
        // Sales made here were offered nothing (the panel records its offers in the store).
        let in_period = |day| period.contains(day);
        let sales = self.sales.iter().map(|s| OrderRow {
            id: s.order_id.clone(),
            day: s.paid_at.date(),
            total: s.payments.iter().map(|p| p.amount).sum(),
            holdout: false,
            feedback: None,
            staff: None,
        });
        let orders: Vec<OrderRow> = self
            .report_rows
            .orders
            .iter()
            .cloned()
            .chain(sales)
            .filter(|o| in_period(o.day))
            .collect();
        let kept: std::collections::HashSet<&str> = orders.iter().map(|o| o.id.as_str()).collect();
        let events: Vec<_> = self
            .report_rows
            .events
            .iter()
            .filter(|e| kept.contains(e.order_id.as_str()))
            .cloned()
            .collect();
        let ids: std::collections::HashSet<i64> = events.iter().map(|e| e.id).collect();
        let lines = self
            .report_rows
            .lines
            .iter()
            .filter(|l| ids.contains(&l.suggestion_id))
            .cloned()
            .collect();
        let rows = Rows {
            orders,
            events,
            lines,
        };
        Ok(crate::report::compute(&rows, period, by))
    }
}

impl SecurityPort for MemoryBackend {
    fn record_pin(&mut self, attempt: &PinAttempt) -> BackendResult<PinGuard> {
        self.enter("record_pin")?;
        let guard = self.pin_guards.entry(attempt.subject.clone()).or_default();
        if attempt.ok {
            guard.succeed(attempt.at);
        } else {
            guard.fail_for(&attempt.subject, &attempt.policy, attempt.at);
            let staff_id = match attempt.subject {
                PinSubject::Staff(id) => Some(id),
                PinSubject::Till(_) | PinSubject::Shop | PinSubject::Kiosk(_) => None,
            };
            let action = if guard.locked_at(attempt.at).is_some() {
                "pin locked"
            } else {
                "pin failed"
            };
            // As the store: the shop's count of a PIN alone is audited only when it locks.
            if attempt.subject != PinSubject::Shop || action == "pin locked" {
                let entry =
                    AuditEntry::new(attempt.at, &attempt.till, staff_id, action, "wrong PIN");
                self.audit_log.push(entry);
            }
        }
        Ok(*self
            .pin_guards
            .get(&attempt.subject)
            .expect("just inserted"))
    }

    fn pin_guards(&mut self) -> BackendResult<BTreeMap<PinSubject, PinGuard>> {
        // Not counted among `calls`: the runtime reads it before every PIN, as a cache refresh.
        Ok(self.pin_guards.clone())
    }

    fn audit_trail(
        &mut self,
        from: Option<NaiveDateTime>,
        to: Option<NaiveDateTime>,
    ) -> BackendResult<Vec<crate::domain::audit::AuditRow>> {
        self.enter("audit_trail")?;
        // People are named by their number here: the in-memory backend keeps no staff list.
        let name = |id: Option<i64>| id.map(|id| format!("#{id}"));
        Ok(self
            .audit_log
            .iter()
            .enumerate()
            .filter(|(_, e)| from.is_none_or(|f| e.at >= f) && to.is_none_or(|t| e.at <= t))
            .map(|(i, e)| crate::domain::audit::AuditRow {
                id: i as i64 + 1,
                at: e.at,
                till: e.till.clone(),
                staff: name(e.staff_id),
                action: e.action.clone(),
                detail: e.detail.clone(),
                approved_by: name(e.approved_by),
            })
            .collect())
    }

    fn audit(&mut self, entry: &AuditEntry) -> BackendResult<()> {
        self.enter("audit")?;
        self.audit_log.push(entry.clone());
        Ok(())
    }
}
