//! Running the real `xsell` binary on a store, with standard input, for the command-line tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

/// Runs `xsell --db DB ARGS…` with `stdin` piped in and `USER` set, so audit lines name a
/// known operating-system user.
pub fn xsell(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = crate::run_support::xsell()
        .arg("--db")
        .arg(db)
        .args(args)
        .env("USER", "backoffice")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that refuses its arguments exits before reading its input: a closed pipe
    // then is its answer, not a failure of the test.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Runs `xsell --db DB ARGS…` with no input; it must succeed. Its standard output.
pub fn succeeds(db: &Path, args: &[&str]) -> String {
    let o = xsell(db, args, "");
    assert!(o.status.success(), "{args:?}: {}", text(&o));
    String::from_utf8(o.stdout).unwrap()
}
