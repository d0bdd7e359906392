//! The back-office commands of a careful shop, run as the real binary: staff managed with
//! PINs that never reach argv or the database in clear, the audit trail exported and
//! impossible to rewrite, and a customer forgotten without changing a single sale.

use crate::cli_support;

use std::path::Path;
use std::process::Output;

use cli_support::{text, xsell};

use xsell::store::Store;

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", text(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const CATALOG: &str = "\
sku,name,category,price,stock
LAP-1,UltraBook 15,Laptops,1199.00,5
INK-BK,Black ink,Ink,19.99,100
";

const CUSTOMERS: &str = "\
customer_id,name,phone,email
C1,Jordan Lee,555-0142,jordan.lee@example.com
C2,Mia Wong,555-0177,
";

const ORDERS: &str = "\
order_id,customer_id,sku,qty,unit_price,ts
1001,C1,LAP-1,1,1199.00,2026-03-01T10:00:00
1001,C1,INK-BK,2,19.99,2026-03-01T10:00:00
1002,C1,INK-BK,1,19.99,2026-04-01T10:00:00
1003,C2,INK-BK,3,,2026-04-02T10:00:00
";

fn shop(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("shop.db");
    for (kind, body) in [
        ("catalog", CATALOG),
        ("customers", CUSTOMERS),
        ("orders", ORDERS),
    ] {
        let file = dir.join(format!("{kind}.csv"));
        std::fs::write(&file, body).unwrap();
        ok(xsell(&db, &["import", kind, file.to_str().unwrap()], ""));
    }
    db
}

fn order_totals(db: &Path) -> Vec<(String, i64, Option<i64>)> {
    let store = Store::open(db).unwrap();
    let mut stmt = store
        .conn()
        .prepare("SELECT id, total_minor, customer_id FROM orders ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn staff_are_added_with_a_pin_from_stdin_and_every_change_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let out = ok(xsell(
        &db,
        &[
            "staff", "add", "S7", "--name", "Lee Park", "--role", "manager",
        ],
        "2580\n",
    ));
    assert!(out.contains("S7"), "{out}");
    // From now on the store has a manager, and every change needs one.
    let refused = xsell(&db, &["staff", "set-pin", "S7", "--pin", "8520"], "");
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused).contains("needs a manager"),
        "{}",
        text(&refused)
    );
    ok(xsell(
        &db,
        &["staff", "set-pin", "S7", "--pin", "8520", "--manager", "S7"],
        "2580\n",
    ));
    let store = Store::open(&db).unwrap();
    let staff = store.load_staff().unwrap();
    assert_eq!(staff.len(), 1);
    assert!(!staff[0].pin_hash.contains("8520") && !staff[0].pin_hash.contains("2580"));
    assert!(xsell::domain::pin::verify("8520", &staff[0].pin_hash));
    drop(store);
    // The manager's PIN first, then the new staff member's.
    ok(xsell(
        &db,
        &[
            "staff",
            "add",
            "S8",
            "--name",
            "Ana",
            "--role",
            "cashier",
            "--manager",
            "S7",
        ],
        "8520\n1357\n",
    ));
    ok(xsell(
        &db,
        &["staff", "disable", "S8", "--manager", "S7"],
        "8520\n",
    ));
    assert_eq!(Store::open(&db).unwrap().load_staff().unwrap().len(), 1);

    let csv = ok(xsell(&db, &["audit", "--format", "csv"], ""));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,at,till,staff,action,detail,approved_by");
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(lines[1].contains("staff added") && lines[1].contains("first set-up"));
    assert!(lines[2].contains("staff pin set") && lines[2].ends_with("S7 Lee Park"));
    assert!(lines[3].contains("staff added") && lines[3].ends_with("S7 Lee Park"));
    assert!(lines[4].contains("staff disabled") && lines[4].ends_with("S7 Lee Park"));
    assert!(
        !csv.contains("backoffice"),
        "the shell's user is not a witness: {csv}"
    );
    assert!(!csv.contains("8520") && !csv.contains("2580") && !csv.contains("1357"));
}

#[test]
fn staff_commands_refuse_bad_input_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let add = |args: &[&str], stdin: &str| xsell(&db, args, stdin);
    let bad_role = add(
        &["staff", "add", "S1", "--name", "A", "--role", "boss"],
        "1234\n",
    );
    assert_eq!(bad_role.status.code(), Some(2));
    assert!(text(&bad_role).contains("not a role"));
    let short = add(
        &["staff", "add", "S1", "--name", "A", "--role", "cashier"],
        "12\n",
    );
    assert_eq!(short.status.code(), Some(1));
    assert!(text(&short).contains("4 to 8 digits"), "{}", text(&short));
    let none = add(
        &["staff", "add", "S1", "--name", "A", "--role", "cashier"],
        "",
    );
    assert_eq!(none.status.code(), Some(1));
    assert!(text(&none).contains("no PIN"), "{}", text(&none));
    ok(add(
        &["staff", "add", "S1", "--name", "A", "--role", "cashier"],
        "1234\n",
    ));
    let twice = add(
        &["staff", "add", "S1", "--name", "A", "--role", "cashier"],
        "1234\n",
    );
    assert_eq!(twice.status.code(), Some(1));
    assert!(text(&twice).contains("already exists"));
    let unknown = add(&["staff", "set-pin", "S9"], "4321\n");
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown).contains("no staff member S9"));
}

#[test]
fn the_audit_trail_is_append_only_in_the_database_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    ok(xsell(
        &db,
        &[
            "staff", "add", "S1", "--name", "A", "--role", "cashier", "--pin", "1234",
        ],
        "",
    ));
    let conn = rusqlite::Connection::open(&db).unwrap();
    for sql in [
        "UPDATE audit_log SET action = 'nothing'",
        "DELETE FROM audit_log",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
    }
    let n: i64 = conn
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn audit_exports_filter_by_date_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    ok(xsell(
        &db,
        &[
            "staff", "add", "S1", "--name", "A", "--role", "cashier", "--pin", "1234",
        ],
        "",
    ));
    let json = ok(xsell(&db, &["audit", "--format", "json"], ""));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["action"], "staff added");
    let old = ok(xsell(&db, &["audit", "--to", "2000-01-01"], ""));
    assert!(old.contains("no audit entries"), "{old}");
    let table = ok(xsell(&db, &["audit", "--from", "2000-01-01"], ""));
    assert!(
        table.lines().nth(1).unwrap().contains("staff added"),
        "{table}"
    );
    let bad = xsell(&db, &["audit", "--from", "last week"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).contains("not a date"));
}

#[test]
fn forgetting_a_customer_erases_them_and_keeps_every_total() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(dir.path());
    let before = order_totals(&db);
    let out = ok(xsell(&db, &["customer", "forget", "C1"], ""));
    assert!(out.contains("2 orders kept"), "{out}");
    assert_eq!(order_totals(&db), before);

    let store = Store::open(&db).unwrap();
    let customers = store.load_customers().unwrap();
    let gone = customers
        .iter()
        .find(|c| c.name == "Forgotten customer")
        .unwrap();
    assert!(gone.code.starts_with('X') && gone.code != "C1");
    assert_eq!((gone.phone.as_deref(), gone.email.as_deref()), (None, None));
    assert!(gone.opted_out);
    assert!(customers.iter().any(|c| c.name == "Mia Wong"));
    let trail = ok(xsell(&db, &["audit", "--format", "csv"], ""));
    assert!(trail.contains("customer forgotten"));
    for secret in ["555-0142", "jordan", "Jordan"] {
        assert!(!trail.contains(secret), "{secret} in {trail}");
    }
    let again = xsell(&db, &["customer", "forget", "C1"], "");
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains("no customer C1"));
}
