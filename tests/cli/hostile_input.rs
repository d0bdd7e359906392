//! Hostile and broken input, one test each: values at the limits in the CSV importers and at
//! the register, names no column was drawn for, a misread barcode, and a store that is not a
//! database, from a newer xsell, read-only, damaged or on a full disk. Each gets a clear
//! message and a non-zero exit (or an error on screen), never a panic, and the data is left
//! as it was.

use crate::register_support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use register_support::*;
use xsell::app::Key;
use xsell::app::overlay::Overlay;
use xsell::domain::catalog::Catalog;
use xsell::store::Store;

fn xsell_env(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = crate::run_support::xsell();
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"").unwrap();
    child.wait_with_output().unwrap()
}

fn xsell(db: &Path, args: &[&str]) -> Output {
    xsell_env(db, args, &[])
}

fn said(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A failure as a user should meet it: exit 1 (not a panic's 101), words on stderr.
fn refused(o: &Output) -> String {
    let text = said(o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(!text.contains("panicked"), "{text}");
    text
}

fn write(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path.to_str().unwrap().to_string()
}

/// A small store with one product, made through the importer.
fn small_store(dir: &Path) -> PathBuf {
    let db = dir.join("shop.db");
    let file = write(
        dir,
        "one.csv",
        "sku,name,category,price,stock\nA1,Thing,,1.00,5\n",
    );
    assert!(xsell(&db, &["import", "catalog", &file]).status.success());
    db
}

fn count(db: &Path, table: &str) -> i64 {
    Store::open(db)
        .unwrap()
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

// --- CSV values at the limits ------------------------------------------------------------

#[test]
fn catalog_prices_and_barcodes_at_the_limits_are_refused_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_store(dir.path());
    let file = write(
        dir.path(),
        "catalog.csv",
        "sku,name,category,price,barcode,stock\n\
         Z0,Free sample,,0,,1\n\
         N1,Negative,,-1.00,,1\n\
         B1,Too dear,,1000000000000,,1\n\
         D1,Three decimals,,1.234,,1\n\
         E1,Misprinted barcode,,1.00,4006381333932,1\n\
         S2,Too many,,1.00,,1000000000000\n",
    );
    let text = refused(&xsell(&db, &["import", "catalog", &file]));
    for expected in [
        ":3: price '-1.00' is negative",
        ":4: price: '1000000000000' is too large",
        ":5: price: '1.234' has more than 2 decimals",
        ":6: barcode '4006381333932': wrong check digit",
        ":7: stock 1000000000000 is out of range",
        "nothing was imported",
    ] {
        assert!(text.contains(expected), "{expected} not in {text}");
    }
    // A free sample at 0 is a price; it is not reported.
    assert!(!text.contains(":2:"), "{text}");
    assert_eq!(count(&db, "products"), 1);
}

#[test]
fn order_quantities_and_prices_at_the_limits_are_refused_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_store(dir.path());
    let file = write(
        dir.path(),
        "orders.csv",
        "order_id,customer_id,sku,qty,unit_price,ts\n\
         1,,A1,0,,2026-01-01\n\
         2,,A1,-1,,2026-01-01\n\
         3,,A1,1000000000000,,2026-01-01\n\
         4,,A1,1.5,,2026-01-01\n\
         5,,A1,1,1.234,2026-01-01\n\
         6,,A1,1,-2.00,2026-01-01\n\
         7,,A1,1,1000000000000,2026-01-01\n\
         8,,A1,1,1.00,2026-01-01\n",
    );
    let text = refused(&xsell(&db, &["import", "orders", &file]));
    for line in 2..=8 {
        assert!(text.contains(&format!(":{line}: ")), "line {line}: {text}");
    }
    assert!(!text.contains(":9: "));
    assert_eq!(count(&db, "orders"), 0);
}

// --- stores that cannot be used ----------------------------------------------------------

#[test]
fn a_store_from_a_newer_xsell_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_store(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA user_version = 999").unwrap();
    drop(conn);
    let file = write(
        dir.path(),
        "c.csv",
        "sku,name,category,price\nB1,Other,,2.00\n",
    );
    for args in [vec!["import", "catalog", file.as_str()], vec!["audit"]] {
        let text = refused(&xsell(&db, &args));
        assert!(text.contains("newer xsell"), "{text}");
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (version, products): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), count(*) FROM products",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((version, products), (999, 1));
}

#[test]
fn a_damaged_store_is_reported_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_store(dir.path());
    // Keep the header (it still looks like SQLite) and scramble every page after the first.
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 4096);
    for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&db, &bytes).unwrap();
    let text = refused(&xsell(&db, &["audit"]));
    assert!(
        text.contains("not an xsell database") || text.contains("malformed"),
        "{text}"
    );
}

#[test]
fn a_read_only_store_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_store(dir.path());
    let file = write(
        dir.path(),
        "c.csv",
        "sku,name,category,price\nB1,Other,,2.00\n",
    );
    // The permission bits stop everyone but root; the fault hook opens the file read-only
    // the way SQLite does on its own when it cannot write, so the test means the same as root.
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms.clone()).unwrap();
    let text = refused(&xsell_env(
        &db,
        &["import", "catalog", &file],
        &[("XSELL_TEST_READ_ONLY", "1")],
    ));
    assert!(text.contains("read-only"), "{text}");
    let text = refused(&xsell_env(
        &db,
        &[
            "staff", "add", "S1", "--name", "A", "--role", "cashier", "--pin", "1234",
        ],
        &[("XSELL_TEST_READ_ONLY", "1")],
    ));
    assert!(text.contains("read-only"), "{text}");
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&db, perms).unwrap();
    assert_eq!(count(&db, "products"), 1);
    assert_eq!(count(&db, "staff"), 0);
}

#[test]
fn a_full_disk_aborts_the_import_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_store(dir.path());
    let mut body = String::from("sku,name,category,price\n");
    for i in 0..5_000 {
        body.push_str(&format!(
            "P{i},Product {i} with a name long enough to fill pages,Cat,{}.99\n",
            i % 90
        ));
    }
    let file = write(dir.path(), "big.csv", &body);
    let pages: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    let limit = (pages + 5).to_string();
    let text = refused(&xsell_env(
        &db,
        &["import", "catalog", &file],
        &[("XSELL_TEST_MAX_PAGES", &limit)],
    ));
    assert!(
        text.contains("is full") && text.contains("nothing"),
        "{text}"
    );
    assert_eq!(count(&db, "products"), 1);
    // With room again, the same file goes in whole.
    assert!(xsell(&db, &["import", "catalog", &file]).status.success());
    assert_eq!(count(&db, "products"), 5_001);
}

// --- the register ------------------------------------------------------------------------

#[test]
fn scanned_quantities_at_the_limits_add_nothing() {
    let mut till = Till::signed_in();
    for code in [
        "0*HUB-7",
        "-1*HUB-7",
        "1000000000000*HUB-7",
        "99999999999999999999999*HUB-7",
        "1.5*HUB-7",
    ] {
        till.scan(code);
        assert!(till.is_error(), "{code}: {}", till.message());
        assert!(till.model.cart().is_empty(), "{code}");
    }
    till.scan("9999*HUB-7");
    assert_eq!(till.lines(), vec![("HUB-7".to_string(), 9999)]);
}

#[test]
fn typed_quantities_at_the_limits_change_nothing() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    for qty in ["0", "-1", "1000000000000", "1.5", "", "١٢"] {
        till.key(Key::F(5));
        till.type_text(&format!("{qty}\n"));
        assert!(till.is_error(), "{qty}: {}", till.message());
        till.key(Key::Esc);
        assert_eq!(till.lines(), vec![("HUB-7".to_string(), 1)], "{qty}");
    }
}

#[test]
fn price_overrides_at_the_limits_are_refused_before_any_manager_is_asked() {
    let mut till = Till::signed_in();
    till.scan("HUB-7");
    for price in ["1000000000000", "1.234", "-1.00", "abc", "12.3.4"] {
        till.key(Key::F(9));
        till.type_text(&format!("{price}\n"));
        assert!(till.is_error(), "{price}: {}", till.message());
        assert!(
            !matches!(till.model.top(), Some(Overlay::Approve(_))),
            "{price} reached the manager"
        );
        till.key(Key::Esc);
    }
    assert_eq!(till.model.cart().lines()[0].unit_price.minor(), 4_900);
    // The largest price the till takes still adds up without overflow.
    till.key(Key::F(9));
    till.type_text("10000000000.00\n");
    till.type_text(&format!("{MANAGER_PIN}\n"));
    assert_eq!(
        till.model.cart().lines()[0].unit_price.minor(),
        1_000_000_000_000
    );
    till.key(Key::F(5));
    till.type_text("9999\n");
    assert!(
        till.model.totals.total.minor() > 0,
        "{:?}",
        till.model.totals.total
    );
}

#[test]
fn a_barcode_with_a_wrong_check_digit_is_a_misread() {
    let mut till = Till::signed_in();
    let good = barcode(HUB);
    let last = good.chars().last().unwrap().to_digit(10).unwrap();
    let bad = format!("{}{}", &good[..good.len() - 1], (last + 1) % 10);
    till.scan(&bad);
    assert!(
        till.message().starts_with("Misread barcode"),
        "{}",
        till.message()
    );
    assert!(till.model.cart().is_empty());
    till.scan(&good);
    assert_eq!(till.lines(), vec![("HUB-7".to_string(), 1)]);
}

#[test]
fn very_long_non_latin_and_emoji_names_keep_the_total_column_aligned() {
    let names = [
        "A".repeat(300),
        "ケーブル・アダプター・充電器セット（日本語の長い商品名）".to_string(),
        "شاحن سريع للهاتف المحمول".to_string(),
        "Family pack 👨‍👩‍👧‍👦 with flags 🇯🇵🇩🇪 and e\u{301}\u{301}".to_string(),
        "Zero\u{200b}width\u{200b}spaces and a tab\there".to_string(),
    ];
    let products: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| product(&format!("N{i}"), n, 1_999 + i as i64, None, 5))
        .collect();
    let mut till = Till::new();
    till.model = xsell::app::Model::new(
        Arc::new(Catalog::new(products)),
        customers(),
        staff(),
        Default::default(),
        "Till 1",
        till.now,
    );
    till.sign_in(CASHIER_PIN);
    for i in 0..names.len() {
        till.scan(&format!("N{i}"));
    }
    assert_eq!(till.model.cart().lines().len(), names.len());
    for (w, h) in [(80u16, 24u16), (120, 40), (60, 20)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| xsell::ui::view(&till.model, f)).unwrap();
        let buffer = terminal.backend().buffer();
        let row = |y: u16| {
            (0..w)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        };
        // Each line's total is 19.99, 20.00, … : where each ends is where the column ends.
        let ends: Vec<usize> = (0..h)
            .filter_map(|y| {
                let text = row(y);
                let cells: Vec<String> = (0..w)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect();
                (0..names.len()).find_map(|i| {
                    let minor = 1_999 + i;
                    let total = format!("{}.{:02}", minor / 100, minor % 100);
                    text.contains(&total).then(|| {
                        // The cell where the last copy of the amount ends.
                        let mut end = None;
                        for x in 0..cells.len() {
                            let tail: String =
                                cells[x.saturating_sub(total.len() - 1)..=x].concat();
                            if tail == total {
                                end = Some(x);
                            }
                        }
                        end.unwrap()
                    })
                })
            })
            .collect();
        assert!(ends.len() >= 3, "{w}x{h}: only {} lines drawn", ends.len());
        let screen: Vec<String> = (0..h).map(row).collect();
        assert!(
            ends.iter().all(|e| *e == ends[0]),
            "{w}x{h}: {ends:?}\n{}",
            screen.join("\n")
        );
    }
}
