//! Shared by the tests that run real `xsell` processes against one store file: the demo
//! shop in a temporary directory, sale scripts, and reading the store back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::Connection;

pub const CASHIER_PIN: &str = "1357";

pub fn xsell(db: &Path) -> Command {
    let mut c = crate::run_support::xsell();
    c.arg("--db").arg(db);
    c
}

pub fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A fresh demo shop at `dir/store.db`.
pub fn demo_store(dir: &Path) -> PathBuf {
    let db = dir.join("store.db");
    run_ok(xsell(&db).arg("demo"));
    db
}

/// A product the scripts sell: its SKU, barcode and stock now.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: i64,
    pub sku: String,
    pub barcode: String,
    pub stock: i64,
}

/// Products with a barcode, so that scripts scan both ways.
pub fn items(db: &Path, n: usize) -> Vec<Item> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT id, sku, barcode, stock FROM products WHERE barcode IS NOT NULL AND active = 1
             AND price_minor BETWEEN 500 AND 20000 ORDER BY id LIMIT ?1",
        )
        .unwrap();
    stmt.query_map([n as i64], |r| {
        Ok(Item {
            id: r.get(0)?,
            sku: r.get(1)?,
            barcode: r.get(2)?,
            stock: r.get(3)?,
        })
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

pub fn stock_of(db: &Path, product_id: i64) -> i64 {
    let conn = Connection::open(db).unwrap();
    conn.query_row(
        "SELECT stock FROM products WHERE id = ?1",
        [product_id],
        |r| r.get(0),
    )
    .unwrap()
}

/// `RECEIPT_NO TOTAL` lines as printed by `xsell sell`, the total in cents.
pub fn receipts(stdout: &[u8]) -> Vec<(String, i64)> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            let (no, total) = l
                .split_once(' ')
                .unwrap_or_else(|| panic!("bad line {l:?}"));
            let (whole, cents) = total.split_once('.').unwrap();
            let minor = whole.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap();
            (no.to_string(), minor)
        })
        .collect()
}

/// `xsell check` on a store: its output and whether it passed.
pub fn check(db: &Path) -> (bool, String) {
    let out = xsell(db).arg("check").output().unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// A small shop at `dir/NAME`: the demo staff and the first products of the demo catalog,
/// through the importers; no history, so that checking it is quick.
pub fn small_store(dir: &Path, name: &str, products: usize) -> PathBuf {
    let db = dir.join(name);
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let catalog: Vec<&str> = include_str!("../../assets/catalog.csv")
        .lines()
        .take(products + 1)
        .collect();
    let file = dir.join(format!("{name}.catalog.csv"));
    std::fs::write(&file, catalog.join("\n") + "\n").unwrap();
    run_ok(
        xsell(&db)
            .args(["import", "staff"])
            .arg(assets.join("staff.csv")),
    );
    run_ok(xsell(&db).args(["import", "catalog"]).arg(&file));
    db
}

/// A consistent copy of a store (SQLite's backup API, so a WAL is taken along).
pub fn copy_store(from: &Path, to: &Path) {
    let source = Connection::open(from).unwrap();
    source.backup(rusqlite::MAIN_DB, to, None).unwrap();
}

/// Runs a command that must succeed, with `input` on its standard input (a manager's PIN).
pub fn run_with_stdin(cmd: &mut Command, input: &str) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A command may refuse before reading its input: a closed pipe is then its answer.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
