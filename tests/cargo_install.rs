//! `cargo install --locked --path .` gives a working `xsell`: the binary installed into an
//! empty root, run from an empty folder, creates the demo shop from the assets compiled
//! into it and prints its version with the store's schema.
//!
//! The install is the real one (release profile) built in the target folder the tests were
//! built in: it leaves `target/release/xsell` up to date, which is the build `.ci/run`'s
//! checks on the shared market-basket data use next, so CI compiles the release build once.
//! A release build takes minutes, more than `cargo test` should cost on every change: the
//! test is ignored by default and `.ci/run` runs it after the suite:
//! `cargo test --locked --test cargo_install -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The target folder the tests were built in (`target/debug/xsell` → `target`).
fn target_dir() -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_xsell"));
    bin.parent()
        .and_then(Path::parent)
        .expect("the binary is in target/PROFILE/")
        .to_path_buf()
}

#[test]
#[ignore = "a release build (minutes); .ci/run runs it after the suite"]
fn cargo_install_gives_a_binary_that_creates_the_demo_shop_and_prints_its_version() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let root = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let o = Command::new(cargo)
        .args(["install", "--locked", "--quiet", "--path"])
        .arg(manifest)
        .arg("--root")
        .arg(root.path())
        .arg("--target-dir")
        .arg(target_dir())
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "cargo install failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    eprintln!("cargo install took {:.1?}", started.elapsed());

    let bin = root.path().join("bin").join("xsell");
    assert!(bin.is_file(), "{} is missing", bin.display());
    let shop = tempfile::tempdir().unwrap();
    let db = shop.path().join("store.db");
    let run = |args: &[&str]| {
        Command::new(&bin)
            .arg("--db")
            .arg(&db)
            .args(args)
            .current_dir(shop.path())
            .env_remove("XSELL_DB")
            .output()
            .unwrap()
    };
    let created = run(&["demo"]);
    let said = String::from_utf8_lossy(&created.stdout);
    assert!(
        created.status.success() && said.contains("Demo shop created: 276 products"),
        "{said}{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let version = run(&["--version"]);
    let said = String::from_utf8_lossy(&version.stdout);
    assert!(version.status.success());
    assert!(
        said.starts_with(&format!("xsell {} (schema ", env!("CARGO_PKG_VERSION"))),
        "{said}"
    );
    assert!(said.contains("up to date"), "{said}");
}
