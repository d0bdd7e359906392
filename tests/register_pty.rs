//! The register in a real pseudo-terminal: the test binary runs itself as the child (with
//! `XSELL_PTY_CHILD` set), the parent types into it like a cashier and a scanner would and
//! reads the screen through a terminal emulator, waiting for text instead of sleeping.

mod register_support;

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use register_support::*;
use xsell::app::memory::MemoryBackend;
use xsell::runtime::{RegisterSetup, run_register};

const CHILD: &str = "XSELL_PTY_CHILD";

/// The child side: a register over the in-memory store; on exit it reports what the store
/// holds, printed on the restored (main) screen.
#[test]
fn child_register() {
    let Ok(receipts) = std::env::var(CHILD) else {
        return;
    };
    let mut backend = MemoryBackend::new();
    let setup = RegisterSetup {
        catalog: std::sync::Arc::new(catalog()),
        customers: customers(),
        staff: staff(),
        settings: Default::default(),
        bundles: Vec::new(),
        till: "Till 1".into(),
        receipts_dir: receipts.into(),
        escpos_device: None,
    };
    run_register(&mut backend, setup).unwrap();
    println!(
        "STORE sales={} lines={}",
        backend.sales.len(),
        backend.sales.first().map_or(0, |s| s.lines.len())
    );
}

struct Screen {
    parser: vt100::Parser,
    bytes: mpsc::Receiver<Vec<u8>>,
}

impl Screen {
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let contents = self.parser.screen().contents();
            if contents.contains(text) {
                return contents;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {text:?}; screen:\n{contents}"
            );
            if let Ok(chunk) = self
                .bytes
                .recv_timeout(left.min(Duration::from_millis(100)))
            {
                self.parser.process(&chunk);
            }
        }
    }
}

#[test]
fn register_runs_in_a_real_terminal() {
    if std::env::var(CHILD).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(std::env::current_exe().unwrap());
    cmd.args([
        "child_register",
        "--exact",
        "--nocapture",
        "--test-threads=1",
    ]);
    cmd.env(CHILD, dir.path().join("receipts"));
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut keys = pair.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = Screen {
        parser: vt100::Parser::new(
            std::num::NonZero::new(24).unwrap(),
            std::num::NonZero::new(80).unwrap(),
            0,
        ),
        bytes: rx,
    };

    screen.wait_for("Type your staff PIN");
    keys.write_all(b"1234\r").unwrap();
    screen.wait_for("Welcome, Ana");
    // A scanner's burst: two codes back to back in one write.
    let burst = format!("{}\rMOU-1\r", barcode(HUB));
    keys.write_all(burst.as_bytes()).unwrap();
    screen.wait_for("Wireless mouse");
    // The key hints are drawn last: once pay is offered, the frame is complete.
    let order = screen.wait_for("F12 pay");
    assert!(order.contains("USB-C hub"), "{order}");
    assert!(order.contains("Order · 2 items"), "{order}");
    // A pasted code arrives as one bracketed paste and is typed in order.
    keys.write_all(b"\x1b[200~CAB-2\r\x1b[201~").unwrap();
    screen.wait_for("USB-C cable");
    keys.write_all(b"\x1b[24~").unwrap(); // F12
    screen.wait_for("Cash given");
    keys.write_all(b"150\r").unwrap();
    let receipt = screen.wait_for("Change due");
    assert!(receipt.contains("Sale complete"), "{receipt}");
    keys.write_all(b"\r\x11").unwrap(); // close the receipt, Ctrl+Q
    let after = screen.wait_for("STORE sales=1 lines=3");
    assert!(
        !screen.parser.screen().alternate_screen(),
        "terminal restored:\n{after}"
    );

    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        assert!(Instant::now() < deadline, "the register did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
    let written: Vec<_> = std::fs::read_dir(dir.path().join("receipts"))
        .unwrap()
        .collect();
    assert_eq!(written.len(), 1);
}
