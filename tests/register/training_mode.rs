//! Training mode at the register: a trainee's PIN trains (unless the shop lets them sell),
//! a till opened for practice trains everyone, practice sales reach the sandbox and never
//! the shop, receipts are marked and never printed, and the card terminal is simulated,
//! declining when a scenario asks.

use crate::register_support::*;

use std::sync::{Arc, OnceLock};

use xsell::app::memory::MemoryBackend;
use xsell::app::model::Mode;
use xsell::app::{Key, SeededIds, StaffRecord};
use xsell::domain::people::{Role, Staff};
use xsell::domain::settings::Settings;
use xsell::runtime::sandbox::Sandboxed;
use xsell::runtime::{Outputs, TillMode, TillSpec};

pub const TRAINEE_PIN: &str = "5555";

pub fn trainee() -> StaffRecord {
    static HASH: OnceLock<String> = OnceLock::new();
    StaffRecord {
        staff: Staff {
            id: 3,
            code: "PRI".into(),
            name: "Priya".into(),
            role: Role::Trainee,
        },
        pin_hash: HASH
            .get_or_init(|| xsell::domain::pin::hash(TRAINEE_PIN, &[3; 16]))
            .clone(),
    }
}

/// A till with a receipt printer, selling into the shop's (in-memory) backend with a
/// sandbox beside it, as the register is put together.
pub struct Practice {
    pub till: xsell::runtime::Till<Sandboxed<MemoryBackend>>,
    pub dir: tempfile::TempDir,
}

impl Practice {
    pub fn new(setup: impl FnOnce(&mut TillSpec)) -> Practice {
        let dir = tempfile::tempdir().unwrap();
        let outputs = Outputs {
            receipts_dir: dir.path().join("receipts"),
            escpos_device: Some(dir.path().join("printer")),
            card: Default::default(),
        };
        let mut staff = staff();
        staff.push(trainee());
        let mut spec = TillSpec::new(
            Arc::new(catalog()),
            staff,
            Settings::default(),
            "Till 1",
            outputs,
        );
        setup(&mut spec);
        let till = spec.assemble(
            Sandboxed::new(MemoryBackend::new()),
            Box::new(SeededIds::new(SEED)),
            at(14, 5),
        );
        Practice { till, dir }
    }

    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(if c == '\n' { Key::Enter } else { Key::Char(c) });
        }
    }

    pub fn key(&mut self, key: Key) {
        self.till.press(key, at(14, 5));
    }

    fn message(&self) -> String {
        self.till
            .model
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    /// Scans the hub and pays by card (Tab turns the window to card, Enter takes it).
    pub fn sell_by_card(&mut self) {
        self.keys("HUB-7\n");
        self.key(Key::F(12));
        self.key(Key::Tab);
        self.key(Key::Enter);
    }

    fn receipts(&self) -> Vec<(String, String)> {
        let Ok(dir) = std::fs::read_dir(self.dir.path().join("receipts")) else {
            return Vec::new();
        };
        let mut out: Vec<_> = dir
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().into_string().unwrap(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    fn printed(&self) -> bool {
        self.dir.path().join("printer").exists()
    }
}

#[test]
fn a_trainees_sale_goes_to_the_sandbox_marked_unprinted_and_paid_by_a_simulated_card() {
    let mut p = Practice::new(|_| {});
    p.keys(&format!("{TRAINEE_PIN}\n"));
    assert_eq!(p.till.model.mode, Mode::Training);
    p.sell_by_card();
    let said = p.message();
    assert!(said.starts_with("Sale TRAINING-"), "{said}");
    // Nothing reached the shop: no sale, no open order.
    assert!(p.till.backend.real.sales.is_empty());
    assert!(p.till.backend.real.open_draft_of("Till 1").is_none());
    assert!(
        p.till
            .backend
            .real
            .calls
            .iter()
            .all(|c| *c == "record_pin" || *c == "pin_guards"),
        "{:?}",
        p.till.backend.real.calls
    );
    let receipts = p.receipts();
    assert_eq!(receipts.len(), 1);
    assert!(receipts[0].0.starts_with("TRAINING-"), "{receipts:?}");
    assert!(receipts[0].1.contains("*** TRAINING - NOT A RECEIPT ***"));
    assert!(
        receipts[0].1.contains("Card TRAINING-"),
        "{}",
        receipts[0].1
    );
    assert!(!p.printed(), "a practice receipt is never printed");

    // The trainee leaves; a cashier's sale is real and printed.
    p.key(Key::Esc);
    p.key(Key::F(10));
    assert_eq!(p.till.model.mode, Mode::Staffed);
    p.keys(&format!("{CASHIER_PIN}\nHUB-7\n"));
    assert_eq!(p.till.model.mode, Mode::Staffed);
    p.key(Key::F(12));
    p.key(Key::Enter);
    assert_eq!(p.till.backend.real.sales.len(), 1, "{}", p.message());
    assert!(p.printed());
}

#[test]
fn the_practice_order_waits_in_the_sandbox_for_the_trainees_return() {
    let mut p = Practice::new(|_| {});
    p.keys(&format!("{TRAINEE_PIN}\nHUB-7\n"));
    p.key(Key::F(10));
    p.keys(&format!("{CASHIER_PIN}\n"));
    assert!(
        p.till.model.cart().is_empty(),
        "the cashier never sees practice"
    );
    p.key(Key::F(10));
    p.keys(&format!("{TRAINEE_PIN}\n"));
    assert_eq!(p.till.model.cart().lines().len(), 1, "{}", p.message());
}

#[test]
fn a_scenario_can_make_the_card_decline_once() {
    let mut p = Practice::new(|_| {});
    p.keys(&format!("{TRAINEE_PIN}\n"));
    p.till.model.training.decline_card = Some("insufficient funds".into());
    p.sell_by_card();
    let said = p.message();
    assert!(
        said.contains("Card declined (insufficient funds)"),
        "{said}"
    );
    assert!(
        !p.till.model.cart().is_empty(),
        "the order stays to be paid"
    );
    p.key(Key::Enter);
    assert!(p.message().starts_with("Sale TRAINING-"), "{}", p.message());
}

#[test]
fn the_shop_can_let_a_trainee_sell_for_real() {
    let mut p = Practice::new(|spec| spec.settings.training.sell_for_real = vec!["pri".into()]);
    p.keys(&format!("{TRAINEE_PIN}\n"));
    assert_eq!(p.till.model.mode, Mode::Staffed);
    p.keys("HUB-7\n");
    p.key(Key::F(12));
    p.key(Key::Enter);
    assert_eq!(p.till.backend.real.sales.len(), 1, "{}", p.message());
    assert!(p.printed());
}

#[test]
fn a_till_opened_for_practice_trains_a_cashier_too() {
    let mut p = Practice::new(|spec| spec.mode = TillMode::Training);
    assert_eq!(p.till.model.mode, Mode::Training);
    p.keys(&format!("{CASHIER_PIN}\n"));
    p.sell_by_card();
    assert!(p.till.backend.real.sales.is_empty());
    assert!(!p.printed());
    p.key(Key::Esc);
    p.key(Key::F(10));
    assert_eq!(
        p.till.model.mode,
        Mode::Training,
        "it stays a practice till"
    );
}

/// The effects a cash sale of the hub asks for once its commit answers, signed in by `pin`.
fn effects_after_sale(pin: &str) -> Vec<xsell::app::Effect> {
    let mut p = Practice::new(|_| {});
    p.keys(&format!("{pin}\nHUB-7\n"));
    p.key(Key::F(12));
    let asked = p
        .till
        .update_only(xsell::app::Action::Key(Key::Enter), at(14, 6));
    assert!(
        asked
            .iter()
            .any(|e| matches!(e, xsell::app::Effect::CompleteSale { .. })),
        "{asked:?}"
    );
    p.till.update_only(
        xsell::app::Action::SaleCompleted(Ok(xsell::domain::order::Committed {
            order_id: "3f2a91bc-0000".into(),
            receipt_no: "TILL1-000009".into(),
        })),
        at(14, 6),
    )
}

#[test]
fn no_print_effect_is_asked_in_training_and_one_is_for_a_cashier() {
    use xsell::app::Effect;
    let prints = |effects: &[Effect]| {
        effects
            .iter()
            .any(|e| matches!(e, Effect::PrintEscPos { .. }))
    };
    let practice = effects_after_sale(TRAINEE_PIN);
    let written: Vec<&str> = practice
        .iter()
        .filter_map(|e| match e {
            Effect::WriteReceipt { number, .. } => Some(number.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(written, ["TRAINING-TILL1-000009-3F2A91BC"]);
    assert!(!prints(&practice), "{practice:?}");
    assert!(prints(&effects_after_sale(CASHIER_PIN)));
}

#[test]
fn a_finished_sessions_score_goes_to_the_shop_even_in_training() {
    use xsell::app::Effect;
    use xsell::app::backend::Backend;
    use xsell::report::training::SessionScore;
    let mut p = Practice::new(|_| {});
    p.keys(&format!("{TRAINEE_PIN}\n"));
    let score = SessionScore {
        staff_id: 3,
        scenario: "hub".into(),
        seed: 9,
        exam: false,
        total: 64,
        parts: Vec::new(),
        feedback: Vec::new(),
        started_at: at(14, 0),
        finished_at: at(14, 5),
    };
    let outputs = p.till.outputs.clone();
    p.till.backend.practise(true);
    let answer = xsell::runtime::exec::execute(
        Effect::RecordTraining(Box::new(score.clone())),
        &mut p.till.backend,
        &outputs,
        at(14, 5),
    );
    assert!(
        matches!(answer, Some(xsell::app::Action::TrainingRecorded(Ok(1)))),
        "{answer:?}"
    );
    assert_eq!(p.till.backend.real.training.recorded.len(), 1);
    assert_eq!(p.till.backend.real.training.recorded[0], score);
    // A score that is not one is refused, and the register says so.
    let bad = SessionScore {
        total: 120,
        ..score
    };
    p.till.backend.real.training.recorded.clear();
    let answer = xsell::runtime::exec::execute(
        Effect::RecordTraining(Box::new(bad)),
        &mut p.till.backend,
        &outputs,
        at(14, 5),
    )
    .unwrap();
    p.till.act(answer, at(14, 5));
    assert!(
        p.message().contains("Training score not recorded"),
        "{}",
        p.message()
    );
    assert!(p.till.backend.real.training.recorded.is_empty());
}
