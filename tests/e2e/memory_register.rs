//! The register in a real pseudo-terminal: the test runs this test binary again as its child
//! (only itself, with `XSELL_PTY_CHILD` set, which makes it the register), types into it like
//! a cashier and a scanner would and reads the screen through a terminal emulator, waiting
//! for text instead of sleeping.

use crate::pty_support;
use crate::register_support;

use register_support::*;
use xsell::app::memory::MemoryBackend;
use xsell::runtime::{Background, Outputs, TillSpec, run_register};

const CHILD: &str = "XSELL_PTY_CHILD";

/// The child side: a register over the in-memory store; on exit it reports what the store
/// holds, printed on the restored (main) screen.
fn child_register(receipts: std::ffi::OsString) {
    let outputs = Outputs {
        receipts_dir: receipts.into(),
        escpos_device: None,
        card: Default::default(),
    };
    let mut spec = TillSpec::new(
        std::sync::Arc::new(catalog()),
        staff(),
        Default::default(),
        "Till 1",
        outputs,
    );
    spec.customers = customers();
    let mut till = spec.assemble(
        MemoryBackend::new(),
        Box::new(xsell::app::SeededIds::new(SEED)),
        at(14, 5),
    );
    run_register(&mut till, Background::default()).unwrap();
    let backend = &till.backend;
    println!(
        "STORE sales={} lines={}",
        backend.sales.len(),
        backend.sales.first().map_or(0, |s| s.lines.len())
    );
}

#[test]
fn register_runs_in_a_real_terminal() {
    if let Some(receipts) = pty_support::child_part(CHILD) {
        return child_register(receipts);
    }
    let dir = tempfile::tempdir().unwrap();
    let mut keys = pty_support::this_test_in_pty(
        concat!(module_path!(), "::register_runs_in_a_real_terminal"),
        (CHILD, dir.path().join("receipts").as_os_str()),
        24,
        80,
    );

    keys.wait_for("Type your staff PIN");
    keys.send(b"1234\r");
    keys.wait_for("Welcome, Ana");
    // A scanner's burst: two codes back to back in one write.
    let burst = format!("{}\rMOU-1\r", barcode(HUB));
    keys.send(burst.as_bytes());
    keys.wait_for("Wireless mouse");
    // The key hints are drawn last: once pay is offered, the frame is complete.
    let order = keys.wait_for("F12 pay");
    assert!(order.contains("USB-C hub"), "{order}");
    assert!(order.contains("Order · 2 items"), "{order}");
    // A pasted code arrives as one bracketed paste and is typed in order.
    keys.send(b"\x1b[200~CAB-2\r\x1b[201~");
    keys.wait_for("USB-C cable");
    keys.send(b"\x1b[24~"); // F12
    keys.wait_for("Cash given");
    keys.send(b"150\r");
    let receipt = keys.wait_for("Change due");
    assert!(receipt.contains("Sale complete"), "{receipt}");
    keys.send(b"\r\x11"); // close the receipt, Ctrl+Q
    let after = keys.wait_for("STORE sales=1 lines=3");
    assert!(!keys.alternate_screen(), "terminal restored:\n{after}");
    assert!(keys.wait_exit());
    let written: Vec<_> = std::fs::read_dir(dir.path().join("receipts"))
        .unwrap()
        .collect();
    assert_eq!(written.len(), 1);
}
