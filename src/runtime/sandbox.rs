//! A till's backend with a sandbox beside it: while the register is in training mode,
//! sales, offers, customers and reports go to a private copy of the shop, made when
//! training first starts and kept while the till runs (a trainee who signs out finds
//! their order again). The security port (PIN counts, the audit trail) always stays with
//! the shop: a trainee's wrong PINs lock them as anyone's do; so does the training port,
//! the shop's record of how practice sessions ended.
//!
//! If the copy cannot be made, training refuses every write with the reason, and nothing
//! reaches the shop in its place.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::app::backend::{
    Backend, BackendError, BackendResult, Bought, CustomersPort, OffersPort, ReportsPort, Sale,
    SalesPort, SandboxSource, SecurityPort, TrainingPort, Unsent,
};
use crate::domain::audit::{AuditEntry, AuditRow};
use crate::domain::lockout::{PinAttempt, PinGuard, PinSubject};
use crate::domain::money::Money;
use crate::domain::offer::OfferId;
use crate::domain::order::{Committed, Feedback, HeldOrder, OrderDraft, PastOrder, Refund};
use crate::domain::people::{Customer, CustomerSummary};
use crate::report::day::{DayClose, DayReport};
use crate::report::training::{SessionRow, SessionScore};
use crate::report::{Breakdown, Period, Report};
use crate::timing::{Outcome, Prompt};

/// The shop's backend, and the sandbox practice goes to once training starts.
pub struct Sandboxed<B> {
    pub real: B,
    sandbox: Option<Box<dyn Backend + Send>>,
    training: bool,
}

impl<B: Backend + SandboxSource> Sandboxed<B> {
    pub fn new(real: B) -> Sandboxed<B> {
        Sandboxed {
            real,
            sandbox: None,
            training: false,
        }
    }

    /// The sandbox, once training has made it.
    pub fn sandbox(&mut self) -> Option<&mut (dyn Backend + Send + 'static)> {
        self.sandbox.as_deref_mut()
    }

    /// Where practice goes: the sandbox, made now if this is the first time.
    fn practice(&mut self) -> &mut dyn Backend {
        if self.sandbox.is_none() {
            self.sandbox = Some(match self.real.sandbox() {
                Ok(sandbox) => sandbox,
                Err(e) => Box::new(Closed(format!(
                    "Training cannot start: the shop could not be copied to practise in ({e})"
                ))),
            });
        }
        &mut **self.sandbox.as_mut().expect("made above")
    }

    fn route(&mut self) -> &mut dyn Backend {
        if self.training {
            self.practice()
        } else {
            &mut self.real
        }
    }
}

impl<B: Backend + SandboxSource> Backend for Sandboxed<B> {
    fn sales(&mut self) -> &mut dyn SalesPort {
        self.route().sales()
    }
    fn offers(&mut self) -> &mut dyn OffersPort {
        self.route().offers()
    }
    fn customers(&mut self) -> &mut dyn CustomersPort {
        self.route().customers()
    }
    fn security(&mut self) -> &mut dyn SecurityPort {
        self.real.security()
    }
    fn reports(&mut self) -> &mut dyn ReportsPort {
        self.route().reports()
    }
    fn training(&mut self) -> &mut dyn TrainingPort {
        self.real.training()
    }
    fn practise(&mut self, training: bool) {
        self.training = training;
    }
}

/// Stands in for a sandbox that could not be made: every call is refused with why.
struct Closed(String);

impl Closed {
    fn no<T>(&self) -> BackendResult<T> {
        Err(BackendError::Other(self.0.clone()))
    }
}

impl SalesPort for Closed {
    fn save_draft(&mut self, _: &OrderDraft, _: NaiveDateTime) -> BackendResult<()> {
        self.no()
    }
    fn open_draft(&mut self, _: &str) -> BackendResult<Option<OrderDraft>> {
        self.no()
    }
    fn discard_draft(&mut self, _: &OrderDraft, _: NaiveDateTime) -> BackendResult<()> {
        self.no()
    }
    fn abandon_draft(&mut self, _: &str, _: NaiveDateTime) -> BackendResult<()> {
        self.no()
    }
    fn hold(&mut self, _: &OrderDraft, _: NaiveDateTime) -> BackendResult<()> {
        self.no()
    }
    fn held_orders(&mut self, _: &str) -> BackendResult<Vec<HeldOrder>> {
        self.no()
    }
    fn recall(&mut self, _: &str, _: &str, _: NaiveDateTime) -> BackendResult<OrderDraft> {
        self.no()
    }
    fn void(
        &mut self,
        _: &OrderDraft,
        _: &str,
        _: Option<i64>,
        _: NaiveDateTime,
    ) -> BackendResult<()> {
        self.no()
    }
    fn complete_sale(&mut self, _: &Sale<'_>) -> BackendResult<Committed> {
        self.no()
    }
    fn find_receipt(&mut self, _: &str) -> BackendResult<Option<PastOrder>> {
        self.no()
    }
    fn refund(&mut self, _: &Refund) -> BackendResult<Committed> {
        self.no()
    }
    fn park(&mut self, _: &OrderDraft, _: NaiveDateTime) -> BackendResult<u32> {
        self.no()
    }
    fn recall_parked(
        &mut self,
        _: u32,
        _: &str,
        _: Option<i64>,
        _: NaiveDateTime,
    ) -> BackendResult<OrderDraft> {
        self.no()
    }
    fn unsent(&mut self) -> BackendResult<Unsent> {
        // Practice is never sent anywhere.
        Ok(Unsent::default())
    }
}

impl OffersPort for Closed {
    fn record_offer(&mut self, _: &OrderDraft, _: &Prompt) -> BackendResult<()> {
        self.no()
    }
    fn answer_offer(&mut self, _: OfferId, _: Outcome, _: NaiveDateTime) -> BackendResult<()> {
        self.no()
    }
    fn record_feedback(&mut self, _: &str, _: Feedback) -> BackendResult<()> {
        self.no()
    }
}

impl CustomersPort for Closed {
    fn customer_summary(&mut self, _: &str) -> BackendResult<CustomerSummary> {
        self.no()
    }
    fn create_customer(
        &mut self,
        _: &str,
        _: Option<&str>,
        _: Option<&str>,
        _: NaiveDateTime,
    ) -> BackendResult<Customer> {
        self.no()
    }
    fn customer_purchases(&mut self, _: &str) -> BackendResult<Vec<Bought>> {
        self.no()
    }
}

/// Never asked (the security port stays with the shop), but a backend has all five.
impl SecurityPort for Closed {
    fn record_pin(&mut self, _: &PinAttempt) -> BackendResult<PinGuard> {
        self.no()
    }
    fn pin_guards(&mut self) -> BackendResult<BTreeMap<PinSubject, PinGuard>> {
        self.no()
    }
    fn audit(&mut self, _: &AuditEntry) -> BackendResult<()> {
        self.no()
    }
    fn audit_trail(
        &mut self,
        _: Option<NaiveDateTime>,
        _: Option<NaiveDateTime>,
    ) -> BackendResult<Vec<AuditRow>> {
        self.no()
    }
}

impl ReportsPort for Closed {
    fn report(&mut self, _: Period, _: Breakdown) -> BackendResult<Report> {
        self.no()
    }
    fn day_report(&mut self, _: &str, _: NaiveDate) -> BackendResult<DayReport> {
        self.no()
    }
    fn close_day(
        &mut self,
        _: &str,
        _: NaiveDate,
        _: Money,
        _: i64,
        _: NaiveDateTime,
    ) -> BackendResult<DayClose> {
        self.no()
    }
}

/// Never asked (progress is the shop's record), but a backend has every port.
impl TrainingPort for Closed {
    fn record_training(&mut self, _: &SessionScore) -> BackendResult<i64> {
        self.no()
    }
    fn training_sessions(&mut self, _: Option<&str>) -> BackendResult<Vec<SessionRow>> {
        self.no()
    }
}

/// The in-memory backend practises in a fresh one of its own (test support).
#[cfg(feature = "testkit")]
impl SandboxSource for crate::app::memory::MemoryBackend {
    fn sandbox(&mut self) -> BackendResult<Box<dyn Backend + Send>> {
        Ok(Box::new(crate::app::memory::MemoryBackend::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shop whose copy cannot be made.
    struct Uncopyable(crate::app::memory::MemoryBackend);

    impl SandboxSource for Uncopyable {
        fn sandbox(&mut self) -> BackendResult<Box<dyn Backend + Send>> {
            Err(BackendError::Full("disk full".into()))
        }
    }

    impl Backend for Uncopyable {
        fn sales(&mut self) -> &mut dyn SalesPort {
            &mut self.0
        }
        fn offers(&mut self) -> &mut dyn OffersPort {
            &mut self.0
        }
        fn customers(&mut self) -> &mut dyn CustomersPort {
            &mut self.0
        }
        fn security(&mut self) -> &mut dyn SecurityPort {
            &mut self.0
        }
        fn reports(&mut self) -> &mut dyn ReportsPort {
            &mut self.0
        }
        fn training(&mut self) -> &mut dyn TrainingPort {
            &mut self.0
        }
    }

    fn draft() -> OrderDraft {
        crate::app::model::blank_order(uuid::Uuid::from_u128(7), "T1", 1, NaiveDateTime::default())
    }

    #[test]
    fn practice_goes_to_the_sandbox_and_the_shop_gets_it_only_out_of_training() {
        let mut b = Sandboxed::new(crate::app::memory::MemoryBackend::new());
        b.practise(true);
        b.sales()
            .save_draft(&draft(), NaiveDateTime::default())
            .unwrap();
        assert!(b.real.open_draft("T1").unwrap().is_none());
        assert!(b.sales().open_draft("T1").unwrap().is_some());
        b.practise(false);
        assert!(b.sales().open_draft("T1").unwrap().is_none());
        b.sales()
            .save_draft(&draft(), NaiveDateTime::default())
            .unwrap();
        assert!(b.real.open_draft("T1").unwrap().is_some());
    }

    #[test]
    fn without_a_copy_training_refuses_and_the_shop_is_untouched() {
        let mut b = Sandboxed::new(Uncopyable(crate::app::memory::MemoryBackend::new()));
        b.practise(true);
        let e = b
            .sales()
            .save_draft(&draft(), NaiveDateTime::default())
            .unwrap_err();
        assert!(
            e.to_string().contains("Training cannot start") && e.to_string().contains("disk full")
        );
        assert!(b.real.0.open_draft("T1").unwrap().is_none());
    }
}
