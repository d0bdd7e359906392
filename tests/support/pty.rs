//! A program in a pseudo-terminal, driven like a person at the keyboard: keys go in, the
//! screen is read back through a VT100 parser, and waits poll the screen with a deadline
//! instead of sleeping.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const F2: &[u8] = b"\x1bOQ";
pub const F3: &[u8] = b"\x1bOR";
pub const F12: &[u8] = b"\x1b[24~";
pub const CTRL_Q: &[u8] = b"\x11";

pub struct Tui {
    parser: vt100::Parser,
    bytes: mpsc::Receiver<Vec<u8>>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    pub fn spawn(cmd: CommandBuilder, rows: u16, cols: u16) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let keys = pair.master.take_writer().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let parser = vt100::Parser::new(
            std::num::NonZero::new(rows).unwrap(),
            std::num::NonZero::new(cols).unwrap(),
            0,
        );
        Tui {
            parser,
            bytes: rx,
            keys,
            child,
            _master: pair.master,
        }
    }

    /// The program, arguments, environment and folder of `cmd`, in a terminal that says it
    /// is an xterm (the emulator reading it back is one) unless `cmd` says otherwise.
    pub fn spawn_process(cmd: &std::process::Command, rows: u16, cols: u16) -> Tui {
        let mut pty = CommandBuilder::new(cmd.get_program());
        pty.args(cmd.get_args());
        pty.env("TERM", "xterm-256color");
        for (name, value) in cmd.get_envs() {
            match value {
                Some(value) => pty.env(name, value),
                None => pty.env_remove(name),
            }
        }
        if let Some(dir) = cmd.get_current_dir() {
            pty.cwd(dir);
        }
        Tui::spawn(pty, rows, cols)
    }

    /// Waits until `text` is on screen (30 s at most) and returns the screen.
    pub fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits until the screen satisfies `ready` (30 s at most) and returns it.
    pub fn wait_until(&mut self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let contents = self.parser.screen().contents();
            if ready(&contents) {
                return contents;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {what}; screen:\n{contents}"
            );
            if let Ok(chunk) = self.bytes.recv_timeout(left.min(Duration::from_millis(20))) {
                self.parser.process(&chunk);
            }
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.keys.write_all(bytes).unwrap();
        self.keys.flush().unwrap();
    }

    pub fn screen(&mut self) -> String {
        while let Ok(chunk) = self.bytes.try_recv() {
            self.parser.process(&chunk);
        }
        self.parser.screen().contents()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.screen().alternate_screen()
    }

    /// SIGKILL: no destructor, no terminal restore, no chance to save anything.
    pub fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Waits for the program to exit by itself (30 s at most); true when it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            while let Ok(chunk) = self.bytes.try_recv() {
                self.parser.process(&chunk);
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            assert!(
                Instant::now() < deadline,
                "the program did not exit; screen:\n{}",
                self.parser.screen().contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// This test binary again in a pseudo-terminal, running only the test at `path` (as
/// `module_path!()` gives it, with the test's name) with `var` set: the test, seeing `var`
/// through `child_part`, then plays the child's part instead of the parent's. So the child
/// is no test of its own, which would pass without doing anything in every normal run.
pub fn this_test_in_pty(path: &str, var: (&str, &std::ffi::OsStr), rows: u16, cols: u16) -> Tui {
    // The harness names a test by its path inside the binary, without the crate's name.
    let (_crate, test) = path.split_once("::").expect("a test path");
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.args([test, "--exact", "--nocapture", "--test-threads=1"]);
    cmd.env(var.0, var.1);
    Tui::spawn_process(&cmd, rows, cols)
}

/// The value of `var` when this process is the child that `this_test_in_pty` started.
pub fn child_part(var: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(var)
}

/// The register on `db` at 120x40 with no control group, so every order can show offers.
pub fn register_without_holdout(db: &std::path::Path) -> Tui {
    let mut cmd = crate::run_support::xsell();
    cmd.arg("--db").arg(db).args(["--holdout", "0"]);
    Tui::spawn_process(&cmd, 40, 120)
}
