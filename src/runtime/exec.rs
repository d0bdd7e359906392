//! Executing the register's effects: storage through the backend's ports, receipts into
//! their folder and onto the printer device. Each result goes back into `update` as an
//! action, until the model asks for nothing more.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDateTime;

use crate::app::backend::{Backend, Sale};
use crate::app::{Action, Effect, IdSource, Model, update};

/// Where receipts go.
#[derive(Debug, Clone)]
pub struct Outputs {
    pub receipts_dir: PathBuf,
    /// A raw ESC/POS device (`/dev/usb/lp0`) or file; receipts are also printed there.
    pub escpos_device: Option<PathBuf>,
    /// The card terminal a kiosk charges through.
    pub card: crate::runtime::card::Card,
}

/// Feeds `action` to the model and executes every effect that follows, feeding each result
/// back in, in order. Returns once the model has nothing left to ask.
pub fn dispatch(
    model: &mut Model,
    backend: &mut dyn Backend,
    outputs: &Outputs,
    ids: &mut dyn IdSource,
    action: Action,
    now: NaiveDateTime,
) {
    if matches!(action, Action::Key(crate::app::Key::Enter)) && model.awaits_pin() {
        // The PIN is judged on the locks as stored now, not as this till last saw them:
        // another till, a script or a restart may have counted wrong PINs meanwhile. If the
        // store cannot answer, the copy stands and the store still counts the attempt.
        if let Ok(guards) = backend.security().pin_guards() {
            update(model, Action::PinGuardsRead(guards), now, ids);
        }
    }
    let mut pending = std::collections::VecDeque::from([action]);
    while let Some(action) = pending.pop_front() {
        let shown = model.message.clone();
        let effects = update(model, action, now, ids);
        super::journal::message(shown.as_ref(), model.message.as_ref());
        for effect in effects {
            backend.practise(model.mode == crate::app::model::Mode::Training);
            super::journal::effect(&effect);
            if let Some(result) = execute(effect, backend, outputs, now) {
                super::journal::outcome(&result);
                pending.push_back(result);
            }
        }
    }
}

/// Runs one effect; the action it returns (if any) carries its result. `now` is the time
/// of the action that asked for it: the time every write without one of its own is given.
pub fn execute(
    effect: Effect,
    backend: &mut dyn Backend,
    outputs: &Outputs,
    now: NaiveDateTime,
) -> Option<Action> {
    Some(match effect {
        Effect::SaveDraft(draft) => Action::DraftSaved(backend.sales().save_draft(&draft, now)),
        Effect::OpenDraft { till } => Action::DraftOpened(backend.sales().open_draft(&till)),
        Effect::DiscardDraft(draft) => {
            Action::DraftSaved(backend.sales().discard_draft(&draft, now))
        }
        Effect::AbandonDraft { order_id } => {
            Action::DraftLeft(backend.sales().abandon_draft(&order_id, now))
        }
        Effect::Hold { draft, at } => Action::Held(backend.sales().hold(&draft, at)),
        Effect::ListHeld { till } => Action::HeldListed(backend.sales().held_orders(&till)),
        Effect::Recall { order_id, till } => {
            Action::Recalled(backend.sales().recall(&order_id, &till, now))
        }
        Effect::Void {
            draft,
            reason,
            approved_by,
            at,
        } => Action::Voided(backend.sales().void(&draft, &reason, approved_by, at)),
        Effect::CompleteSale { draft, totals, at } => {
            Action::SaleCompleted(backend.sales().complete_sale(&Sale {
                draft: &draft,
                totals: &totals,
                at,
            }))
        }
        Effect::LoadSummary { code } => {
            let result = backend.customers().customer_summary(&code);
            Action::SummaryLoaded { code, result }
        }
        Effect::CreateCustomer { name, phone, email } => Action::CustomerCreated(
            backend
                .customers()
                .create_customer(&name, phone.as_deref(), email.as_deref(), now),
        ),
        Effect::FindReceipt { receipt_no } => {
            Action::ReceiptFound(backend.sales().find_receipt(&receipt_no))
        }
        Effect::Refund(refund) => Action::Refunded(backend.sales().refund(&refund)),
        Effect::WriteReceipt { number, text } => Action::ReceiptWritten(
            write_receipt(&outputs.receipts_dir, &number, &text)
                .map(|p| p.display().to_string())
                .map_err(|e| format!("{e:#}")),
        ),
        Effect::PrintEscPos { bytes } => match &outputs.escpos_device {
            Some(device) => Action::Printed(print(device, &bytes).map_err(|e| format!("{e:#}"))),
            None => return None,
        },
        Effect::RecordOffer { draft, prompt } => {
            Action::OfferRecorded(backend.offers().record_offer(&draft, &prompt))
        }
        Effect::AnswerOffer { offer, outcome, at } => {
            Action::OfferAnswered(backend.offers().answer_offer(offer, outcome, at))
        }
        Effect::LoadPurchases { code } => {
            let result = backend.customers().customer_purchases(&code);
            Action::PurchasesLoaded { code, result }
        }
        Effect::RecordFeedback { order_id, feedback } => {
            Action::FeedbackRecorded(backend.offers().record_feedback(&order_id, feedback))
        }
        Effect::RecordTraining(score) => {
            Action::TrainingRecorded(backend.training().record_training(&score))
        }
        Effect::LoadTrainingProgress => {
            Action::TrainingLoaded(backend.training().training_sessions(None))
        }
        Effect::LoadAudit { from, to } => {
            Action::AuditLoaded(backend.security().audit_trail(from, to))
        }
        Effect::LoadReport { period, by } => {
            Action::ReportLoaded(backend.reports().report(period, by).map(Box::new))
        }
        Effect::LoadDay { till, day } => {
            Action::DayLoaded(backend.reports().day_report(&till, day).map(Box::new))
        }
        Effect::CloseDay {
            till,
            day,
            counted,
            manager,
            at,
        } => Action::DayClosed(
            backend
                .reports()
                .close_day(&till, day, counted, manager, at)
                .map(Box::new),
        ),
        Effect::RecordPin(attempt) => Action::PinRecorded {
            subject: attempt.subject.clone(),
            ok: attempt.ok,
            result: backend.security().record_pin(&attempt),
        },
        Effect::Audit(entry) => Action::Audited(backend.security().audit(&entry)),
        Effect::CheckUnsent => Action::UnsentRead(backend.sales().unsent()),
        Effect::ChargeCard { order_id, amount } => {
            Action::CardCharged(outputs.card.0.charge(&order_id, amount))
        }
        Effect::Park { draft, at } => Action::Parked(backend.sales().park(&draft, at)),
        Effect::RecallParked {
            number,
            till,
            staff_id,
        } => Action::Recalled(backend.sales().recall_parked(number, &till, staff_id, now)),
        Effect::Quit => return None,
    })
}

/// The receipts folder a store gets when none is given: beside the store and named after
/// it (`shop.db` → `shop-receipts/`), so two stores in one folder never share one.
pub fn receipts_dir_for(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map_or_else(|| "store".into(), |s| s.to_string_lossy().into_owned());
    db.parent()
        .unwrap_or(Path::new("."))
        .join(format!("{stem}-receipts"))
}

/// Writes `NUMBER.txt`; the number is made safe as a file name first. A file of that name
/// is never replaced: a clash is an error and both receipts stay as they are.
pub fn write_receipt(dir: &Path, number: &str, text: &str) -> anyhow::Result<PathBuf> {
    write_receipt_with(dir, number, text, |file, bytes| {
        file.write_all(bytes)?;
        file.sync_all()
    })
}

/// `write_receipt` with the writing itself passed in, so that a full disk can be tested.
/// A receipt that cannot be written whole leaves no file behind (a later reprint into the
/// folder would otherwise clash with a 0-byte one), and the error says how to reprint it.
pub fn write_receipt_with(
    dir: &Path,
    number: &str,
    text: &str,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> anyhow::Result<PathBuf> {
    let name: String = number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let reprint = format!("the sale is saved: `xsell receipt {name}` prints it again");
    std::fs::create_dir_all(dir)
        .with_context(|| format!("creating {} ({reprint})", dir.display()))?;
    let path = dir.join(format!("{name}.txt"));
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => anyhow::bail!(
            "{} already exists and was left as it is ({reprint})",
            path.display()
        ),
        Err(e) => {
            return Err(e).with_context(|| format!("creating {} ({reprint})", path.display()));
        }
    };
    if let Err(e) = write(&mut file, text.as_bytes()) {
        drop(file);
        let _ = std::fs::remove_file(&path);
        return Err(e).with_context(|| format!("writing {} ({reprint})", path.display()));
    }
    Ok(path)
}

fn print(device: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(device)
        .with_context(|| format!("opening {}", device.display()))?;
    out.write_all(bytes)
        .with_context(|| format!("writing to {}", device.display()))?;
    Ok(())
}
