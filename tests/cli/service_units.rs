//! The systemd units shipped in `assets/systemd/`: a till that comes back when it fails and
//! a kiosk that always comes back, both on a console. Their command lines must parse with
//! this xsell's own flags, and systemd itself must accept them where it is installed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Parser;
use xsell::cli::Cli;

fn unit_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/systemd")
        .join(name)
}

/// `Key=value` settings of a unit, by key (the last one wins, as in systemd).
fn settings(name: &str) -> HashMap<String, String> {
    std::fs::read_to_string(unit_path(name))
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.starts_with('['))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// ExecStart split as systemd splits it (double quotes group words).
fn exec_start(unit: &HashMap<String, String>, instance: &str) -> Vec<String> {
    let line = unit["ExecStart"].replace("%i", instance);
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    words.push(word);
    words
}

#[test]
fn the_till_restarts_on_failure_on_its_own_console() {
    let till = settings("xsell-till@.service");
    assert_eq!(till["Restart"], "on-failure");
    assert_eq!(till["TTYPath"], "/dev/tty%i");
    assert_eq!(till["StandardInput"], "tty");
    let args = exec_start(&till, "2");
    assert_eq!(args[0], "/usr/local/bin/xsell");
    let cli = Cli::try_parse_from(&args).unwrap();
    assert_eq!(cli.till.as_deref(), Some("Till 2"));
    assert!(!cli.kiosk && cli.command.is_none(), "the register itself");
}

#[test]
fn the_kiosk_always_restarts_on_the_console() {
    let kiosk = settings("xsell-kiosk.service");
    assert_eq!(kiosk["Restart"], "always");
    assert_eq!(kiosk["StartLimitIntervalSec"], "0");
    assert_eq!(kiosk["TTYPath"], "/dev/tty1");
    assert_eq!(kiosk["Conflicts"], "getty@tty1.service");
    let cli = Cli::try_parse_from(exec_start(&kiosk, "")).unwrap();
    assert!(cli.kiosk && cli.command.is_none());
}

#[test]
fn systemd_accepts_both_units() {
    let available = Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("systemd-analyze not installed: only the command lines were checked");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["xsell-till@.service", "xsell-kiosk.service"] {
        // Pointed at the binary just built: verify checks that it exists.
        let text = std::fs::read_to_string(unit_path(name))
            .unwrap()
            .replace("/usr/local/bin/xsell", env!("CARGO_BIN_EXE_xsell"));
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    for unit in ["xsell-till@2.service", "xsell-kiosk.service"] {
        let o = Command::new("systemd-analyze")
            .args(["verify", "--man=no"])
            .arg(dir.path().join(unit))
            .output()
            .unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            o.status.success() && said.trim().is_empty(),
            "{unit}: {said}"
        );
    }
}
