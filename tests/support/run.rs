//! The one way the tests start the `xsell` binary. Its environment is the test's own: what a
//! developer's shell or a CI runner has set (a default store, a fault to inject, a log level,
//! `CI`, which hides progress bars) must not change what a test sees. A test that wants one
//! of these sets it on the command it gets here.
#![allow(dead_code)]

use std::process::Command;

/// The binary under test, with every `XSELL_…` variable and `CI` removed from its
/// environment.
pub fn xsell() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xsell"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("XSELL_") {
            cmd.env_remove(name);
        }
    }
    cmd.env_remove("CI");
    cmd
}
