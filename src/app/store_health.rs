//! What the register does about the kind of a storage failure. A full disk or a read-only
//! store cannot record a sale: the till stops taking payments, with one message saying
//! why, until a write goes through again (the order on screen is saved on every change,
//! so the first change after space is freed clears it). Other kinds are said for what
//! they are where they happen; see `sale_failure`.

use crate::app::action::Action;
use crate::app::backend::BackendError;
use crate::app::model::Model;

/// Notes, before the action is handled, whether a write it reports stopped or restarted
/// the store.
pub fn observe(model: &mut Model, action: &Action) {
    match write_outcome(action) {
        Some(Err(e)) if e.stops_writing() => model.store_down = Some(e.to_string()),
        Some(Ok(())) => model.store_down = None,
        _ => {}
    }
}

/// Refuses to start taking payment while the store cannot record the sale: money taken
/// for a sale that cannot be saved would have to be handed back. An order already paid
/// into is let through, so that its payment can be finished or retried. True when refused.
pub fn refuse_payment(model: &mut Model) -> bool {
    let Some(why) = model.store_down.clone() else {
        return false;
    };
    if model.payments_taken() {
        return false;
    }
    model.error(format!(
        "Selling is stopped: {why}. Free space on the disk (or make the store writable); \
         selling resumes as soon as the order saves"
    ));
    true
}

/// The message for a sale the store did not commit, by what can be done about it. The
/// payments stay on the order in every case.
pub fn sale_failure(e: &BackendError) -> String {
    match e {
        BackendError::Busy(_) => format!(
            "Sale not completed: {e}. Nothing was lost and payments are kept — Enter tries again"
        ),
        BackendError::Full(_) | BackendError::ReadOnly(_) => format!(
            "Sale not completed: {e}. Payments are kept — free space (or make the store \
             writable), then Enter retries"
        ),
        BackendError::Invalid(_) | BackendError::NotFound(_) => {
            format!("Sale refused: {e}. Payments are kept — void the order to hand them back")
        }
        BackendError::Other(_) => {
            format!("Sale not completed: {e}. Payments are kept — Enter retries")
        }
    }
}

/// The outcome of the store write an action reports, if it reports one.
fn write_outcome(action: &Action) -> Option<Result<(), &BackendError>> {
    fn done<T>(result: &Result<T, BackendError>) -> Option<Result<(), &BackendError>> {
        Some(result.as_ref().map(|_| ()))
    }
    match action {
        Action::DraftSaved(r)
        | Action::DraftLeft(r)
        | Action::Held(r)
        | Action::Voided(r)
        | Action::OfferRecorded(r)
        | Action::OfferAnswered(r)
        | Action::FeedbackRecorded(r)
        | Action::Audited(r) => done(r),
        Action::Recalled(r) => done(r),
        Action::Parked(r) => done(r),
        Action::SaleCompleted(r) | Action::Refunded(r) => done(r),
        Action::CustomerCreated(r) => done(r),
        Action::DayClosed(r) => done(r),
        Action::PinRecorded { result, .. } => done(result),
        Action::Key(_)
        | Action::Tick
        | Action::DraftOpened(_)
        | Action::HeldListed(_)
        | Action::SummaryLoaded { .. }
        | Action::ReceiptFound(_)
        | Action::ReceiptWritten(_)
        | Action::Printed(_)
        | Action::PurchasesLoaded { .. }
        | Action::ReportLoaded(_)
        | Action::AuditLoaded(_)
        | Action::TrainingRecorded(_)
        | Action::TrainingLoaded(_)
        | Action::DayLoaded(_)
        | Action::CatalogLoaded(_)
        | Action::EngineReady(_)
        | Action::PinGuardsRead(_)
        | Action::OpenKiosk(_)
        | Action::UnsentRead(_)
        | Action::CardCharged(_) => None,
    }
}
