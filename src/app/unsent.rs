//! The sales headquarters has not confirmed yet, as the register sees them: the age of the
//! oldest in the header once it passes the shop's setting (`journal::unsent_note`), and a
//! kiosk that is not left while sales wait, unless a manager forces it. A kiosk is the
//! device that gets switched off or reset; its sales must have left it first.

use chrono::{Duration, NaiveDateTime};

use crate::app::action::{Action, Effect};
use crate::app::backend::{BackendResult, Unsent};
use crate::app::model::Model;

/// How often a till with a headquarters asks the store again, so that a push made from
/// elsewhere clears the note and an old sale raises it: one small query a minute.
const RECHECK: Duration = Duration::seconds(60);
/// How long "press it again to leave anyway" stands after a refusal.
const FORCE_WINDOW: Duration = Duration::seconds(30);

/// Whether `action` calls for a fresh look at what is unsent: after a sale or a refund,
/// and once a minute. A store without a headquarters is never asked.
pub(crate) fn observe(model: &mut Model, action: &Action) -> Vec<Effect> {
    if !model.unsent.tracked {
        return Vec::new();
    }
    let due = |checked: Option<NaiveDateTime>| checked.is_none_or(|t| model.now - t >= RECHECK);
    let ask = match action {
        Action::SaleCompleted(Ok(_)) | Action::Refunded(Ok(_)) => true,
        Action::Tick => due(model.unsent_checked),
        _ => false,
    };
    if !ask {
        return Vec::new();
    }
    model.unsent_checked = Some(model.now);
    vec![Effect::CheckUnsent]
}

/// The store's answer. A failed read keeps what the till knew: the next one will do.
pub(crate) fn read(model: &mut Model, result: BackendResult<Unsent>) {
    if let Ok(unsent) = result {
        model.unsent = unsent;
    }
}

/// Leaving a kiosk (`reason`: what the manager is asked to allow). With nothing waiting
/// for headquarters, the manager is asked as always. With sales waiting, the first try is
/// refused, saying what waits; a second try soon after puts it to a manager, whose PIN
/// then forces it, and the audit trail records that it was forced.
pub(crate) fn leave_kiosk(model: &mut Model, reason: &str) -> Option<String> {
    let waiting = model.unsent.sales;
    if waiting == 0 {
        model.leave_refused_at = None;
        return Some(reason.to_string());
    }
    let sales = if waiting == 1 {
        "1 sale".to_string()
    } else {
        format!("{waiting} sales")
    };
    let forcing = model
        .leave_refused_at
        .is_some_and(|at| model.now - at <= FORCE_WINDOW);
    if forcing {
        model.leave_refused_at = None;
        return Some(format!("{reason} with {sales} not sent to headquarters"));
    }
    model.leave_refused_at = Some(model.now);
    let oldest = model
        .unsent
        .oldest
        .map(|t| format!(", the oldest from {}", t.format("%a %d %b %H:%M")))
        .unwrap_or_default();
    model.error(format!(
        "Not left: {sales} not yet sent to headquarters{oldest}. Send them first \
         (xsell hq push), or press the same key again to leave anyway with a manager's PIN"
    ));
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(minute: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(10, minute, 0)
            .unwrap()
    }

    fn model(unsent: Unsent, now: NaiveDateTime) -> Model {
        let mut m = Model::new(
            Default::default(),
            Vec::new(),
            Vec::new(),
            Default::default(),
            "Till 1",
            now,
        )
        .with_unsent(unsent);
        m.now = now;
        m
    }

    fn waiting(sales: u64) -> Unsent {
        Unsent {
            tracked: true,
            sales,
            oldest: Some(t(0)),
        }
    }

    #[test]
    fn a_store_without_headquarters_is_never_asked() {
        let mut m = model(Unsent::default(), t(5));
        assert!(observe(&mut m, &Action::Tick).is_empty());
        assert_eq!(leave_kiosk(&mut m, "Leave").as_deref(), Some("Leave"));
    }

    #[test]
    fn a_till_with_headquarters_asks_once_a_minute_and_after_a_sale() {
        let mut m = model(waiting(0), t(5));
        assert_eq!(observe(&mut m, &Action::Tick), vec![Effect::CheckUnsent]);
        assert!(observe(&mut m, &Action::Tick).is_empty());
        m.now = t(6);
        assert_eq!(observe(&mut m, &Action::Tick), vec![Effect::CheckUnsent]);
        let sold = Action::SaleCompleted(Ok(crate::domain::order::Committed {
            order_id: "o".into(),
            receipt_no: "S1-TILL1-000001".into(),
        }));
        assert_eq!(observe(&mut m, &sold), vec![Effect::CheckUnsent]);
        read(&mut m, Ok(waiting(1)));
        assert_eq!(m.unsent.sales, 1);
        read(
            &mut m,
            Err(crate::app::backend::BackendError::Busy("locked".into())),
        );
        assert_eq!(m.unsent.sales, 1, "a failed read keeps what was known");
    }

    #[test]
    fn leaving_with_sales_waiting_is_refused_then_forced_by_asking_again() {
        let mut m = model(waiting(3), t(5));
        assert_eq!(leave_kiosk(&mut m, "Leave self-service mode"), None);
        let said = m
            .message
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        assert!(said.contains("3 sales not yet sent"), "{said}");
        assert!(said.contains("Tue 01 Dec 10:00"), "{said}");
        assert_eq!(
            leave_kiosk(&mut m, "Leave self-service mode").as_deref(),
            Some("Leave self-service mode with 3 sales not sent to headquarters")
        );
        // Long after a refusal, a new try is refused again.
        assert_eq!(leave_kiosk(&mut m, "Leave"), None);
        m.now = t(7);
        assert_eq!(leave_kiosk(&mut m, "Leave"), None);
    }
}
