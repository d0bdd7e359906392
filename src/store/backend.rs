//! The store as the register's backend: every effect of a real sale lands in SQLite.

use chrono::NaiveDateTime;

use crate::app::backend::{Backend, BackendError, BackendResult, Bought, Sale};
use crate::domain::audit::AuditEntry;
use crate::domain::lockout::{PinAttempt, PinGuard, PinSubject};
use crate::domain::order::{Committed, Feedback, HeldOrder, OrderDraft, PastOrder, Refund};
use crate::domain::people::{Customer, CustomerSummary};
use crate::store::{Store, StoreError, ts};
use crate::timing::{Outcome, Prompt};

impl From<StoreError> for BackendError {
    fn from(e: StoreError) -> BackendError {
        BackendError(e.to_string())
    }
}

impl Backend for Store {
    fn save_draft(&mut self, draft: &OrderDraft) -> BackendResult<()> {
        Ok(Store::save_draft(self, draft)?)
    }

    fn open_draft(&mut self, till: &str) -> BackendResult<Option<OrderDraft>> {
        Ok(Store::open_draft(self, till)?)
    }

    fn discard_draft(&mut self, draft: &OrderDraft) -> BackendResult<()> {
        Ok(Store::discard_draft(self, draft)?)
    }

    fn abandon_draft(&mut self, order_id: &str) -> BackendResult<()> {
        Ok(Store::abandon_draft(self, order_id)?)
    }

    fn hold(&mut self, draft: &OrderDraft, _at: NaiveDateTime) -> BackendResult<()> {
        Ok(Store::hold(self, draft)?)
    }

    fn held_orders(&mut self, till: &str) -> BackendResult<Vec<HeldOrder>> {
        let rates = self.settings()?.tax;
        Ok(Store::held_orders(self, till, &rates)?)
    }

    fn recall(&mut self, order_id: &str, till: &str) -> BackendResult<OrderDraft> {
        Ok(Store::recall(self, order_id, till)?)
    }

    fn void(
        &mut self,
        draft: &OrderDraft,
        reason: &str,
        approved_by: Option<i64>,
        at: NaiveDateTime,
    ) -> BackendResult<()> {
        Ok(Store::void(self, draft, reason, approved_by, at)?)
    }

    fn complete_sale(&mut self, sale: &Sale<'_>) -> BackendResult<Committed> {
        let rates = self.settings()?.tax;
        Ok(Store::complete_sale(self, sale.draft, &rates, sale.at)?)
    }

    fn customer_summary(&mut self, code: &str) -> BackendResult<CustomerSummary> {
        Ok(Store::customer_summary(self, code)?)
    }

    fn create_customer(
        &mut self,
        name: &str,
        phone: Option<&str>,
        email: Option<&str>,
    ) -> BackendResult<Customer> {
        let at = ts(chrono::Local::now().naive_local());
        Ok(Store::create_customer(self, name, phone, email, &at)?)
    }

    fn find_receipt(&mut self, receipt_no: &str) -> BackendResult<Option<PastOrder>> {
        Ok(Store::find_receipt(self, receipt_no)?)
    }

    fn refund(&mut self, refund: &Refund) -> BackendResult<Committed> {
        Ok(Store::refund(self, refund)?)
    }

    fn customer_purchases(&mut self, code: &str) -> BackendResult<Vec<Bought>> {
        Ok(self
            .purchases_by_sku(code)?
            .into_iter()
            .map(|(sku, qty, at)| Bought { sku, qty, at })
            .collect())
    }

    fn record_offer(&mut self, draft: &OrderDraft, prompt: &Prompt) -> BackendResult<()> {
        Ok(Store::record_offer(self, draft, prompt)?)
    }

    fn answer_offer(
        &mut self,
        offer: crate::domain::offer::OfferId,
        outcome: Outcome,
        at: NaiveDateTime,
    ) -> BackendResult<()> {
        Ok(Store::answer_offer(self, offer, outcome, at)?)
    }

    fn record_feedback(&mut self, order_id: &str, feedback: Feedback) -> BackendResult<()> {
        Ok(Store::record_feedback(self, order_id, feedback)?)
    }

    fn report(
        &mut self,
        period: crate::report::Period,
        by: crate::report::Breakdown,
    ) -> BackendResult<crate::report::Report> {
        Ok(Store::report(self, period, by)?)
    }

    fn record_pin(&mut self, attempt: &PinAttempt) -> BackendResult<PinGuard> {
        Ok(Store::record_pin(self, attempt)?)
    }

    fn pin_guards(&mut self) -> BackendResult<std::collections::BTreeMap<PinSubject, PinGuard>> {
        Ok(Store::pin_guards(self)?)
    }

    fn audit_trail(
        &mut self,
        from: Option<NaiveDateTime>,
        to: Option<NaiveDateTime>,
    ) -> BackendResult<Vec<crate::domain::audit::AuditRow>> {
        Ok(Store::audit_rows(self, from, to)?)
    }

    fn day_report(
        &mut self,
        till: &str,
        day: chrono::NaiveDate,
    ) -> BackendResult<crate::report::day::DayReport> {
        Ok(Store::day_report(self, till, day)?)
    }

    fn close_day(
        &mut self,
        till: &str,
        day: chrono::NaiveDate,
        counted: crate::domain::money::Money,
        manager: i64,
        at: NaiveDateTime,
    ) -> BackendResult<crate::report::day::DayClose> {
        Ok(Store::close_day(
            self,
            till,
            day,
            counted,
            Some(manager),
            "the manager at the till",
            at,
        )?)
    }

    fn audit(&mut self, entry: &AuditEntry) -> BackendResult<()> {
        Ok(Store::audit(self, entry)?)
    }
}
