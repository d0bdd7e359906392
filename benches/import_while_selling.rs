//! A till selling from a script while a 1,000,000-order history import runs on the same
//! store: how long each sale takes (from one printed receipt to the next: a scan, its saved
//! draft, the payment and the sale's commit), against the same sales with no import, and
//! whether any sale met "the database is busy". The target: p99 under 250 ms, no busy error.
//!   cargo bench --bench import_while_selling
//! XSELL_BENCH_ORDERS sets the history's size (default 1,000,000); XSELL_BENCH_DIR where
//! the generated shop is kept between runs (default /tmp/xsell-import-bench).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const EXE: &str = env!("CARGO_BIN_EXE_xsell");
const SALES_PER_SCRIPT: usize = 400;

fn xsell(db: &Path) -> Command {
    let mut c = Command::new(EXE);
    c.arg("--db").arg(db).env_remove("XSELL_DB");
    c
}

fn ok(c: &mut Command) {
    let out = c.output().expect("xsell runs");
    assert!(
        out.status.success(),
        "{c:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The generated shop and a store holding everything but its history, made once.
fn prepare(dir: &Path, orders: u64) -> (PathBuf, PathBuf) {
    let base = dir.join("base.db");
    let history = dir.join("orders.csv");
    if base.exists() && history.exists() {
        return (base, history);
    }
    std::fs::create_dir_all(dir).unwrap();
    eprintln!(
        "generating a shop with {orders} orders in {}",
        dir.display()
    );
    ok(Command::new(EXE)
        .args(["demo", "generate", "--out"])
        .arg(dir)
        .args([
            "--products",
            "100000",
            "--customers",
            "100000",
            "--orders",
            &orders.to_string(),
        ]));
    let building = dir.join("building.db");
    let _ = std::fs::remove_file(&building);
    for class in ["food", "services"] {
        ok(xsell(&building).args(["tax-class", class, "8"]));
    }
    for kind in ["staff", "catalog", "customers"] {
        ok(xsell(&building)
            .args(["import", kind])
            .arg(dir.join(format!("{kind}.csv"))));
    }
    std::fs::rename(&building, &base).unwrap();
    (base, history)
}

/// A login and `SALES_PER_SCRIPT` one-item cash sales of the first product.
fn script(dir: &Path, db: &Path) -> PathBuf {
    let conn = rusqlite::Connection::open(db).unwrap();
    let sku: String = conn
        .query_row(
            "SELECT sku FROM products WHERE price_minor > 0 ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let code: String = conn
        .query_row("SELECT code FROM staff ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    drop(conn);
    let path = dir.join("sales.txt");
    let mut text = format!("login {code} {}\n", staff_pin(dir, &code));
    for _ in 0..SALES_PER_SCRIPT {
        text += &format!("scan {sku}\npay cash\n");
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// The PIN of a staff member, from the generated staff file.
fn staff_pin(dir: &Path, code: &str) -> String {
    let staff = std::fs::read_to_string(dir.join("staff.csv")).unwrap();
    staff
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|f| f[0] == code)
        .map(|f| f[3].to_string())
        .expect("the staff member is in staff.csv")
}

/// Runs sale scripts one after another until `until` says stop; each sale's time is the gap
/// between two printed receipts. Returns the times and any error output.
fn sell(db: &Path, script: &Path, mut until: impl FnMut() -> bool) -> (Vec<Duration>, String) {
    let mut times = Vec::new();
    let mut errors = String::new();
    loop {
        let mut child: Child = xsell(db)
            .args(["--till", "Bench", "--holdout", "0", "sell", "--script"])
            .arg(script)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = BufReader::new(child.stdout.take().unwrap());
        let mut last: Option<Instant> = None;
        for line in out.lines() {
            line.unwrap();
            let now = Instant::now();
            // The first receipt of a script also carries its start and sign-in.
            if let Some(prev) = last {
                times.push(now - prev);
            }
            last = Some(now);
        }
        let status = child.wait().unwrap();
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        if !status.success() {
            errors += &err;
        }
        if until() {
            return (times, errors);
        }
    }
}

fn summary(label: &str, times: &mut [Duration]) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{label}: {} sales, median {:.1} ms, p99 {:.1} ms, slowest {:.1} ms",
        times.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );
}

fn main() {
    let orders: u64 = std::env::var("XSELL_BENCH_ORDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = PathBuf::from(
        std::env::var_os("XSELL_BENCH_DIR").unwrap_or("/tmp/xsell-import-bench".into()),
    );
    let (base, history) = prepare(&dir, orders);
    let db = dir.join("run.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    std::fs::copy(&base, &db).unwrap();
    let script = script(&dir, &db);

    // The same sales with nothing else running, for comparison.
    let mut rounds = 0;
    let (mut quiet, errors) = sell(&db, &script, || {
        rounds += 1;
        rounds == 2
    });
    assert!(errors.is_empty(), "{errors}");
    summary("sales alone", &mut quiet);

    let started = Instant::now();
    let mut import = xsell(&db)
        .args(["import", "orders"])
        .arg(&history)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut finished = None;
    let (mut busy, errors) = sell(&db, &script, || {
        if let Some(status) = import.try_wait().unwrap() {
            finished = Some((status, started.elapsed()));
        }
        finished.is_some()
    });
    let (status, took) = finished.unwrap();
    let out = import.wait_with_output().unwrap();
    assert!(
        status.success(),
        "the import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "import of {orders} orders: {:.1} s while the till sold; {}",
        took.as_secs_f64(),
        String::from_utf8_lossy(&out.stdout).trim()
    );
    summary("sales during the import", &mut busy);
    let busy_errors = errors.matches("busy").count();
    println!(
        "errors during the import: {}",
        if errors.is_empty() { "none" } else { &errors }
    );
    assert_eq!(busy_errors, 0, "a sale met a busy database");
}
