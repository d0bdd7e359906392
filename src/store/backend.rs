//! The store as the register's backend: every port lands in SQLite, and every store error
//! reaches the register as the kind of failure it is.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::app::backend::{
    BackendError, BackendResult, Bought, CustomersPort, OffersPort, ReportsPort, Sale, SalesPort,
    SecurityPort, Unsent,
};
use crate::domain::audit::{AuditEntry, AuditRow};
use crate::domain::lockout::{PinAttempt, PinGuard, PinSubject};
use crate::domain::money::Money;
use crate::domain::offer::OfferId;
use crate::domain::order::{Committed, Feedback, HeldOrder, OrderDraft, PastOrder, Refund};
use crate::domain::people::{Customer, CustomerSummary};
use crate::report::day::{DayClose, DayReport};
use crate::report::{Breakdown, Period, Report};
use crate::store::{Store, StoreError, ts};
use crate::timing::{Outcome, Prompt};

impl From<StoreError> for BackendError {
    fn from(e: StoreError) -> BackendError {
        // A raw SQLite error from a read (writes are explained already) is classified by
        // its code, so a locked or full store is told apart from a damaged one.
        let e = match e {
            StoreError::Sql(inner) => StoreError::from_sql(inner),
            other => other,
        };
        let code = match &e {
            StoreError::Sql(inner) => inner.sqlite_error_code(),
            _ => None,
        };
        let text = e.to_string();
        match e {
            StoreError::Busy => BackendError::Busy(text),
            StoreError::Full { .. } => BackendError::Full(text),
            StoreError::ReadOnly { .. } => BackendError::ReadOnly(text),
            StoreError::Invalid(_) => BackendError::Invalid(text),
            StoreError::NotFound(_) => BackendError::NotFound(text),
            StoreError::Sql(rusqlite::Error::QueryReturnedNoRows) => BackendError::NotFound(text),
            StoreError::Sql(_) => match code {
                Some(rusqlite::ErrorCode::DiskFull) => BackendError::Full(text),
                Some(rusqlite::ErrorCode::ReadOnly) => BackendError::ReadOnly(text),
                _ => BackendError::Other(text),
            },
            StoreError::NotADatabase { .. }
            | StoreError::TooNew { .. }
            | StoreError::Migration(_) => BackendError::Other(text),
        }
    }
}

impl SalesPort for Store {
    fn save_draft(&mut self, draft: &OrderDraft, at: NaiveDateTime) -> BackendResult<()> {
        Ok(Store::save_draft(self, draft, at)?)
    }

    fn open_draft(&mut self, till: &str) -> BackendResult<Option<OrderDraft>> {
        Ok(Store::open_draft(self, till)?)
    }

    fn discard_draft(&mut self, draft: &OrderDraft, at: NaiveDateTime) -> BackendResult<()> {
        Ok(Store::discard_draft(self, draft, at)?)
    }

    fn abandon_draft(&mut self, order_id: &str, at: NaiveDateTime) -> BackendResult<()> {
        Ok(Store::abandon_draft(self, order_id, at)?)
    }

    fn hold(&mut self, draft: &OrderDraft, at: NaiveDateTime) -> BackendResult<()> {
        Ok(Store::hold(self, draft, at)?)
    }

    fn held_orders(&mut self, till: &str) -> BackendResult<Vec<HeldOrder>> {
        let rates = self.settings()?.tax;
        Ok(Store::held_orders(self, till, &rates)?)
    }

    fn recall(
        &mut self,
        order_id: &str,
        till: &str,
        at: NaiveDateTime,
    ) -> BackendResult<OrderDraft> {
        Ok(Store::recall(self, order_id, till, at)?)
    }

    fn park(&mut self, draft: &OrderDraft, at: NaiveDateTime) -> BackendResult<u32> {
        Ok(Store::park(self, draft, at)?)
    }

    fn recall_parked(
        &mut self,
        number: u32,
        till: &str,
        staff_id: Option<i64>,
        at: NaiveDateTime,
    ) -> BackendResult<OrderDraft> {
        Ok(Store::recall_parked(self, number, till, staff_id, at)?)
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
        Ok(Store::complete_priced_sale(
            self,
            sale.draft,
            sale.totals,
            &rates,
            sale.at,
        )?)
    }

    fn find_receipt(&mut self, receipt_no: &str) -> BackendResult<Option<PastOrder>> {
        Ok(Store::find_receipt(self, receipt_no)?)
    }

    fn refund(&mut self, refund: &Refund) -> BackendResult<Committed> {
        Ok(Store::refund(self, refund)?)
    }

    fn unsent(&mut self) -> BackendResult<Unsent> {
        Ok(Store::unsent(self)?)
    }
}

impl OffersPort for Store {
    fn record_offer(&mut self, draft: &OrderDraft, prompt: &Prompt) -> BackendResult<()> {
        Ok(Store::record_offer(self, draft, prompt)?)
    }

    fn answer_offer(
        &mut self,
        offer: OfferId,
        outcome: Outcome,
        at: NaiveDateTime,
    ) -> BackendResult<()> {
        Ok(Store::answer_offer(self, offer, outcome, at)?)
    }

    fn record_feedback(&mut self, order_id: &str, feedback: Feedback) -> BackendResult<()> {
        Ok(Store::record_feedback(self, order_id, feedback)?)
    }
}

impl CustomersPort for Store {
    fn customer_summary(&mut self, code: &str) -> BackendResult<CustomerSummary> {
        Ok(Store::customer_summary(self, code)?)
    }

    fn create_customer(
        &mut self,
        name: &str,
        phone: Option<&str>,
        email: Option<&str>,
        at: NaiveDateTime,
    ) -> BackendResult<Customer> {
        Ok(Store::create_customer(self, name, phone, email, &ts(at))?)
    }

    fn customer_purchases(&mut self, code: &str) -> BackendResult<Vec<Bought>> {
        Ok(self
            .purchases_by_sku(code)?
            .into_iter()
            .map(|(sku, qty, at)| Bought { sku, qty, at })
            .collect())
    }
}

impl SecurityPort for Store {
    fn record_pin(&mut self, attempt: &PinAttempt) -> BackendResult<PinGuard> {
        Ok(Store::record_pin(self, attempt)?)
    }

    fn pin_guards(&mut self) -> BackendResult<BTreeMap<PinSubject, PinGuard>> {
        Ok(Store::pin_guards(self)?)
    }

    fn audit(&mut self, entry: &AuditEntry) -> BackendResult<()> {
        Ok(Store::audit(self, entry)?)
    }

    fn audit_trail(
        &mut self,
        from: Option<NaiveDateTime>,
        to: Option<NaiveDateTime>,
    ) -> BackendResult<Vec<AuditRow>> {
        Ok(Store::audit_rows(self, from, to)?)
    }
}

impl ReportsPort for Store {
    fn report(&mut self, period: Period, by: Breakdown) -> BackendResult<Report> {
        Ok(Store::report(self, period, by)?)
    }

    fn day_report(&mut self, till: &str, day: NaiveDate) -> BackendResult<DayReport> {
        Ok(Store::day_report(self, till, day)?)
    }

    fn close_day(
        &mut self,
        till: &str,
        day: NaiveDate,
        counted: Money,
        manager: i64,
        at: NaiveDateTime,
    ) -> BackendResult<DayClose> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite_error(code: i32) -> StoreError {
        StoreError::Sql(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    }

    #[test]
    fn each_store_failure_reaches_the_register_as_its_kind() {
        let path = || "shop.db".to_string();
        let kind = |e: StoreError| match BackendError::from(e) {
            BackendError::Busy(_) => "busy",
            BackendError::Full(_) => "full",
            BackendError::ReadOnly(_) => "read-only",
            BackendError::Invalid(_) => "invalid",
            BackendError::NotFound(_) => "not found",
            BackendError::Other(_) => "other",
        };
        assert_eq!(kind(StoreError::Busy), "busy");
        assert_eq!(kind(sqlite_error(rusqlite::ffi::SQLITE_BUSY)), "busy");
        assert_eq!(kind(sqlite_error(rusqlite::ffi::SQLITE_LOCKED)), "busy");
        assert_eq!(kind(StoreError::Full { path: path() }), "full");
        assert_eq!(kind(sqlite_error(rusqlite::ffi::SQLITE_FULL)), "full");
        assert_eq!(kind(StoreError::ReadOnly { path: path() }), "read-only");
        assert_eq!(
            kind(sqlite_error(rusqlite::ffi::SQLITE_READONLY)),
            "read-only"
        );
        assert_eq!(kind(StoreError::Invalid("no".into())), "invalid");
        assert_eq!(kind(StoreError::NotFound("gone".into())), "not found");
        assert_eq!(
            kind(StoreError::Sql(rusqlite::Error::QueryReturnedNoRows)),
            "not found"
        );
        assert_eq!(kind(sqlite_error(rusqlite::ffi::SQLITE_CORRUPT)), "other");
        assert_eq!(kind(StoreError::Migration("bad".into())), "other");
    }

    #[test]
    fn the_text_shown_is_the_store_s_own() {
        let e = BackendError::from(StoreError::Full {
            path: "shop.db".into(),
        });
        assert_eq!(
            e.to_string(),
            StoreError::Full {
                path: "shop.db".into()
            }
            .to_string()
        );
    }
}
