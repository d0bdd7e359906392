//! What the register tells the support log: sales and refunds by receipt number, sign-ins
//! by staff id, customers by code, and every failure of the store, the receipt folder or
//! the printer, which on screen last only until the next message. The log is a file; the
//! register never writes to the terminal it draws on.
//!
//! Never a PIN, a phone number or an e-mail address: PIN attempts are logged by whose they
//! were and whether they were right, customers by their code, and the screen's own messages
//! (which may quote what was typed) go through `domain::redact::typed_numbers`.

use crate::app::model::{Message, Tone};
use crate::app::{Action, Effect};
use crate::domain::lockout::PinSubject;
use crate::domain::redact::typed_numbers;

/// Logs what an effect came back with.
pub fn outcome(action: &Action) {
    match action {
        Action::SaleCompleted(Ok(c)) => {
            tracing::info!(receipt = %c.receipt_no, order = %c.order_id, "sale completed");
        }
        Action::Refunded(Ok(c)) => {
            tracing::info!(receipt = %c.receipt_no, order = %c.order_id, "refund completed");
        }
        Action::ReceiptWritten(Ok(path)) => tracing::debug!(%path, "receipt written"),
        Action::ReceiptWritten(Err(e)) => tracing::warn!("receipt not written: {e}"),
        Action::Printed(Err(e)) => tracing::warn!("receipt printer not answering: {e}"),
        Action::PinRecorded { subject, ok, .. } => {
            let whose = match subject {
                PinSubject::Staff(id) => format!("staff #{id}"),
                PinSubject::Till(till) => format!("till {till}"),
                PinSubject::Shop => "the whole shop".to_string(),
                PinSubject::Kiosk(till) => format!("kiosk {till}"),
            };
            if *ok {
                tracing::info!("PIN accepted for {whose}");
            } else {
                tracing::warn!("wrong PIN for {whose}");
            }
        }
        Action::SummaryLoaded {
            code,
            result: Ok(_),
        } => tracing::info!(customer = %code, "customer attached"),
        Action::CustomerCreated(Ok(c)) => {
            tracing::info!(customer = %c.code, "customer created");
        }
        _ => {}
    }
    if let Some(e) = failure(action) {
        tracing::warn!("{e}");
    }
}

/// The failure an action carries, said with what failed.
fn failure(action: &Action) -> Option<String> {
    let (what, e) = match action {
        Action::DraftOpened(Err(e)) => ("opening the saved order", e),
        Action::DraftSaved(Err(e)) => ("saving the order", e),
        Action::Held(Err(e)) => ("holding the order", e),
        Action::HeldListed(Err(e)) => ("listing held orders", e),
        Action::Recalled(Err(e)) => ("recalling an order", e),
        Action::Voided(Err(e)) => ("voiding the order", e),
        Action::SaleCompleted(Err(e)) => ("completing the sale", e),
        Action::SummaryLoaded { result: Err(e), .. } => ("loading the customer", e),
        Action::CustomerCreated(Err(e)) => ("creating a customer", e),
        Action::ReceiptFound(Err(e)) => ("finding a receipt", e),
        Action::Refunded(Err(e)) => ("refunding", e),
        Action::OfferRecorded(Err(e)) => ("recording an offer", e),
        Action::OfferAnswered(Err(e)) => ("recording an offer's answer", e),
        Action::PurchasesLoaded { result: Err(e), .. } => ("loading purchases", e),
        Action::FeedbackRecorded(Err(e)) => ("recording feedback", e),
        Action::ReportLoaded(Err(e)) => ("loading the report", e),
        Action::AuditLoaded(Err(e)) => ("loading the audit trail", e),
        Action::TrainingLoaded(Err(e)) => ("loading training progress", e),
        Action::TrainingRecorded(Err(e)) => ("recording a training score", e),
        Action::PinRecorded { result: Err(e), .. } => ("recording a PIN attempt", e),
        Action::Audited(Err(e)) => ("writing the audit trail", e),
        _ => return None,
    };
    Some(format!("{what} failed: {}", e))
}

/// Logs a sale's start at debug level: which effect the register asked for.
pub fn effect(effect: &Effect) {
    let name = match effect {
        Effect::CompleteSale { .. } => "completing a sale",
        Effect::Void { .. } => "voiding an order",
        Effect::Refund(_) => "refunding",
        Effect::Hold { .. } => "holding an order",
        _ => return,
    };
    tracing::debug!("{name}");
}

/// Logs an error message the screen shows, once, when it appears.
pub fn message(before: Option<&Message>, after: Option<&Message>) {
    let Some(now) = after else {
        return;
    };
    if now.tone == Tone::Error && before != Some(now) {
        tracing::warn!(target: "xsell::register", "on screen: {}", typed_numbers(&now.text));
    }
}
