//! A kiosk that crashes gives its console back: the panic hook leaves the alternate screen
//! and raw mode before the message is printed, so the service's restart (the unit's
//! `Restart=always`, `tests/cli/service_units.rs`) starts on a sane terminal and the reason
//! is on screen and in the journal.

use std::sync::Arc;

use crate::pty_support;
use crate::register_support;

use register_support::*;
use xsell::app::memory::MemoryBackend;
use xsell::domain::money::Money;
use xsell::domain::people::{Role, Staff};
use xsell::runtime::card::{Card, CardTerminal};
use xsell::runtime::{Background, Outputs, TillMode, TillSpec, run_register};

const CHILD: &str = "XSELL_KIOSK_CRASH_CHILD";

/// A card terminal whose driver has a bug: the first charge panics.
#[derive(Debug)]
struct BrokenTerminal;

impl CardTerminal for BrokenTerminal {
    fn charge(&self, _order_id: &str, _amount: Money) -> Result<String, String> {
        panic!("the card terminal's driver fell over");
    }
}

fn child_kiosk(receipts: std::ffi::OsString) {
    let outputs = Outputs {
        receipts_dir: receipts.into(),
        escpos_device: None,
        card: Card(Arc::new(BrokenTerminal)),
    };
    let mut spec = TillSpec::new(
        Arc::new(catalog()),
        staff(),
        Default::default(),
        "Kiosk",
        outputs,
    );
    spec.mode = TillMode::Kiosk(Staff {
        id: 99,
        code: "KIOSK".into(),
        name: "Self-service".into(),
        role: Role::SelfService,
    });
    let mut till = spec.assemble(
        MemoryBackend::new(),
        Box::new(xsell::app::SeededIds::new(SEED)),
        at(14, 5),
    );
    let _ = run_register(&mut till, Background::default());
}

#[test]
fn a_kiosk_that_panics_gives_the_terminal_back() {
    if let Some(receipts) = pty_support::child_part(CHILD) {
        return child_kiosk(receipts);
    }
    let dir = tempfile::tempdir().unwrap();
    let mut tui = pty_support::this_test_in_pty(
        concat!(
            module_path!(),
            "::a_kiosk_that_panics_gives_the_terminal_back"
        ),
        (CHILD, dir.path().join("receipts").as_os_str()),
        // Tall enough that a backtrace (when RUST_BACKTRACE is set) leaves the message on screen.
        200,
        120,
    );
    tui.wait_for("SCAN AN ITEM TO START");
    assert!(tui.alternate_screen());
    tui.send(b"HUB-7\r");
    tui.wait_for("Your basket · 1 item");
    tui.send(pty_support::F12);
    tui.wait_for("Pay by card");
    tui.send(b"\r");
    assert!(!tui.wait_exit(), "a panic is a failure");
    assert!(
        !tui.alternate_screen(),
        "the console is back on its main screen"
    );
    let screen = tui.screen();
    assert!(
        screen.contains("driver fell over"),
        "the reason is printed where it can be read:\n{screen}"
    );
}
