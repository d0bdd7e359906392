//! Shop data that attacks its reader: escape sequences that would retitle a terminal or
//! clear it, and formulas that a spreadsheet would run. They are planted straight in the
//! store (an older version imported them; a typed name could carry them), then every
//! output is read back.

use std::path::Path;

use crate::cli_support::{text, xsell};

/// Sets the window title, rings the bell, clears the screen, and a C1 CSI.
const ESCAPES: &str = "\x1b]0;pwned\x07\x1b[2J\u{9b}31m";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"click\")";

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("store.db");
    let out = xsell(&db, &["demo"], "");
    assert!(out.status.success(), "{}", text(&out));
    db
}

/// Puts `payload` where every export reads shop data: product and category names, offer
/// categories and rules, curated reasons and scripts, a staff name, an audit detail.
fn plant(db: &Path, payload: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(&format!(
        "UPDATE products SET name = name || '{p}', category = category || '{p}';
         UPDATE suggestion_events SET category = '{p}' || category, rule = '{p}' || rule;
         UPDATE complements SET reason = '{p}' || reason, script = '{p}' || script;
         UPDATE staff SET name = '{p}' || name WHERE code = 'S02';",
        p = payload.replace('\'', "''")
    ))
    .unwrap();
    let mut store = xsell::store::Store::open(db).unwrap();
    let at = chrono::Local::now().naive_local();
    let staff = store.load_staff().unwrap();
    let ana = staff
        .iter()
        .find(|r| r.staff.code == "S02")
        .unwrap()
        .staff
        .id;
    store
        .audit(&xsell::domain::audit::AuditEntry::new(
            at,
            "Till 1",
            Some(ana),
            "price override",
            format!("{payload} was here"),
        ))
        .unwrap();
}

fn outputs(db: &Path, format: &str) -> Vec<(String, String)> {
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["audit", "--format", format],
        vec!["report", "--by", "category", "--format", format],
        vec!["report", "--by", "rule", "--format", format],
        vec!["report", "--by", "staff", "--format", format],
    ];
    if format == "table" {
        runs.push(vec!["report"]);
        runs.push(vec!["recommend", "--cart", "UB15-16"]);
        runs.push(vec!["check"]);
    }
    runs.into_iter()
        .map(|args| {
            let out = xsell(db, &args, "");
            assert!(out.status.success(), "{args:?}: {}", text(&out));
            (args.join(" "), text(&out))
        })
        .collect()
}

#[test]
fn escape_sequences_in_shop_data_never_reach_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    plant(&db, ESCAPES);
    for (what, out) in outputs(&db, "table").into_iter().chain(outputs(&db, "csv")) {
        assert!(
            !out.contains(['\x1b', '\x07', '\u{9b}']),
            "{what} printed a raw escape:\n{out:?}"
        );
    }
    // The payload is still visible, defused, where a person looks for it.
    let audit = text(&xsell(&db, &["audit"], ""));
    assert!(audit.contains("�]0;pwned�"), "{audit}");
}

#[test]
fn escape_sequences_in_an_import_error_never_reach_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    for (kind, body) in [
        (
            "staff",
            format!("staff_id,name,role,pin\nS1,Ana,{ESCAPES},1234\n"),
        ),
        (
            "catalog",
            format!("sku,name,category,price\nA1,Pen,Office,{ESCAPES}\n"),
        ),
    ] {
        let file = dir.path().join(format!("{kind}.csv"));
        std::fs::write(&file, body).unwrap();
        let out = xsell(&db, &["import", kind, file.to_str().unwrap()], "");
        assert_eq!(out.status.code(), Some(1), "{kind}");
        assert!(
            !text(&out).contains(['\x1b', '\x07']),
            "{kind}: {:?}",
            text(&out)
        );
    }
}

#[test]
fn formulas_in_shop_data_are_neutralised_in_every_csv_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    plant(&db, FORMULA);
    for (what, out) in outputs(&db, "csv") {
        let mut rows = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(out.as_bytes());
        let mut planted = 0;
        for row in rows.records() {
            for cell in row.unwrap().iter() {
                let formula = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!formula, "{what}: a cell a spreadsheet would run: {cell:?}");
                planted += usize::from(cell.contains("HYPERLINK"));
            }
        }
        assert!(planted > 0, "{what} did not show the planted data:\n{out}");
    }
}
