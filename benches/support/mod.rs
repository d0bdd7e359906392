//! What the register benchmarks share: a till assembled the one way every till is
//! (`TillSpec::assemble`), over the in-memory backend, with a cashier signed in by typing
//! her PIN, at a fixed moment.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use xsell::app::memory::MemoryBackend;
use xsell::app::{Key, SeededIds, StaffRecord};
use xsell::domain::catalog::Catalog;
use xsell::domain::people::{Role, Staff};
use xsell::domain::settings::Settings;
use xsell::runtime::{Outputs, Till, TillSpec};

const PIN: &str = "1234";

/// The benchmarks' clock: a Monday afternoon.
pub fn bench_now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(14, 5, 0)
        .unwrap()
}

/// A till over `catalog` with one cashier; the caller sets the rest (offers, an index).
pub fn spec(catalog: Arc<Catalog>) -> TillSpec {
    let cashier = StaffRecord {
        staff: Staff {
            id: 1,
            code: "ANA".into(),
            name: "Ana".into(),
            role: Role::Cashier,
        },
        pin_hash: xsell::domain::pin::hash(PIN, &[7; 16]),
    };
    let outputs = Outputs {
        receipts_dir: std::env::temp_dir().join("xsell-bench-receipts"),
        escpos_device: None,
        card: Default::default(),
    };
    TillSpec::new(
        catalog,
        vec![cashier],
        Settings::default(),
        "Till 1",
        outputs,
    )
}

/// The till `spec` describes, with the cashier signed in.
pub fn signed_in(spec: TillSpec) -> Till<MemoryBackend> {
    let now = bench_now();
    let mut till = spec.assemble(MemoryBackend::new(), Box::new(SeededIds::new(1)), now);
    for c in PIN.chars() {
        till.press(Key::Char(c), now);
    }
    till.press(Key::Enter, now);
    assert!(
        till.model.signed_in().is_some(),
        "the bench's cashier could not sign in"
    );
    till
}
