//! Training mode in the register: who trains, and what practice changes at the till.
//!
//! A till opened for practice (`xsell train`) trains everyone who signs in; an ordinary
//! till trains a trainee, unless the shop's settings let that trainee sell for real. In
//! training the runtime sends sales, offers, customers and reports to a sandbox (see
//! `runtime::sandbox`); here the register itself marks receipts TRAINING, never prints
//! them, and answers card payments with a simulated terminal that a scenario can make
//! decline.

use crate::app::model::{Mode, Model};
use crate::domain::people::{Role, Staff};

/// The training state a till carries beside its mode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Training {
    /// The till was opened for practice: every sign-in trains, whatever the role.
    pub till_trains: bool,
    /// The next simulated card payment is declined for this reason (a scenario asks for
    /// it); taken by that payment, so the one after is approved unless set again.
    pub decline_card: Option<String>,
}

/// Whether `staff` signing in on this till trains rather than sells.
pub fn trains(model: &Model, staff: &Staff) -> bool {
    model.training.till_trains
        || (staff.role == Role::Trainee && !model.settings.training.sells_for_real(&staff.code))
}

/// Puts the till in the mode its new user works in, before their order is opened (the
/// opening goes to the sandbox or to the shop by this mode). A kiosk keeps its own mode.
pub fn on_sign_in(model: &mut Model, staff: &Staff) {
    if model.mode == Mode::Kiosk {
        return;
    }
    model.mode = if trains(model, staff) {
        Mode::Training
    } else {
        Mode::Staffed
    };
}

/// After a sign-out, a till that trains only because of who was signed in sells again.
pub fn on_sign_out(model: &mut Model) {
    if model.mode == Mode::Training && !model.training.till_trains {
        model.mode = Mode::Staffed;
    }
}

pub fn is_training(model: &Model) -> bool {
    model.mode == Mode::Training
}

/// The number a receipt shows and its file is named by. A practice sale's is marked, and
/// made unique by its order id: the sandbox numbers receipts from the shop's own counters,
/// so a real sale, or the next sandbox, will take the same number.
pub fn receipt_name(model: &Model, receipt_no: &str, order_id: &str) -> String {
    if !is_training(model) {
        return receipt_no.to_string();
    }
    let short: String = order_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    format!("TRAINING-{receipt_no}-{}", short.to_uppercase())
}

/// A practice receipt says so at its top and bottom, where nobody can miss it.
pub fn mark_receipt(model: &Model, text: String) -> String {
    if !is_training(model) {
        return text;
    }
    let band = format!(
        "{:^width$}",
        "*** TRAINING - NOT A RECEIPT ***",
        width = crate::domain::receipt::WIDTH
    );
    format!(
        "{band}\n{text}{}{band}\n",
        if text.ends_with('\n') { "" } else { "\n" }
    )
}

/// Whether a receipt goes to the printer: never for practice.
pub fn prints(model: &Model) -> bool {
    model.printer && !is_training(model)
}

/// The simulated card terminal's answer in training (`None` outside it, where the cashier
/// types the real terminal's reference): approved with a reference made from the order,
/// or declined for the reason a scenario set, once.
pub fn card_answer(model: &mut Model) -> Option<Result<String, String>> {
    if !is_training(model) {
        return None;
    }
    if let Some(why) = model.training.decline_card.take() {
        return Some(Err(why));
    }
    let short: String = model
        .order
        .id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    Some(Ok(format!("TRAINING-{}", short.to_uppercase())))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn model() -> Model {
        Model::new(
            Arc::new(Default::default()),
            Vec::new(),
            Vec::new(),
            Default::default(),
            "T1",
            chrono::NaiveDateTime::default(),
        )
    }

    fn staff(code: &str, role: Role) -> Staff {
        Staff {
            id: 1,
            code: code.into(),
            name: code.into(),
            role,
        }
    }

    #[test]
    fn a_trainee_trains_unless_the_shop_lets_them_sell_and_others_sell() {
        let mut m = model();
        on_sign_in(&mut m, &staff("PRIYA", Role::Trainee));
        assert_eq!(m.mode, Mode::Training);
        on_sign_out(&mut m);
        assert_eq!(m.mode, Mode::Staffed);
        on_sign_in(&mut m, &staff("ANA", Role::Cashier));
        assert_eq!(m.mode, Mode::Staffed);
        m.settings.training.sell_for_real = vec!["priya".into()];
        on_sign_in(&mut m, &staff("PRIYA", Role::Trainee));
        assert_eq!(m.mode, Mode::Staffed);
    }

    #[test]
    fn a_till_opened_for_practice_trains_everyone_and_stays_so() {
        let mut m = model();
        m.mode = Mode::Training;
        m.training.till_trains = true;
        on_sign_in(&mut m, &staff("BOSS", Role::Manager));
        assert_eq!(m.mode, Mode::Training);
        on_sign_out(&mut m);
        assert_eq!(m.mode, Mode::Training);
    }

    #[test]
    fn a_kiosk_keeps_its_mode() {
        let mut m = model();
        m.mode = Mode::Kiosk;
        on_sign_in(&mut m, &staff("PRIYA", Role::Trainee));
        assert_eq!(m.mode, Mode::Kiosk);
    }

    #[test]
    fn a_practice_receipt_is_marked_named_apart_and_never_printed() {
        let mut m = model();
        m.printer = true;
        assert!(prints(&m));
        assert_eq!(receipt_name(&m, "S1-T1-000007", "abc"), "S1-T1-000007");
        assert_eq!(mark_receipt(&m, "x\n".into()), "x\n");
        m.mode = Mode::Training;
        assert!(!prints(&m));
        assert_eq!(
            receipt_name(&m, "S1-T1-000007", "3f2a91bc-77"),
            "TRAINING-S1-T1-000007-3F2A91BC"
        );
        let marked = mark_receipt(&m, "Receipt S1-T1-000007\n".into());
        let lines: Vec<&str> = marked.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].contains("TRAINING") && lines[2].contains("TRAINING"));
    }

    #[test]
    fn the_simulated_card_approves_and_declines_once_when_asked() {
        let mut m = model();
        assert_eq!(card_answer(&mut m), None);
        m.mode = Mode::Training;
        m.order.id = "3f2a91bc-77".into();
        assert_eq!(card_answer(&mut m), Some(Ok("TRAINING-3F2A91BC".into())));
        m.training.decline_card = Some("insufficient funds".into());
        assert_eq!(card_answer(&mut m), Some(Err("insufficient funds".into())));
        assert!(card_answer(&mut m).unwrap().is_ok());
    }
}
