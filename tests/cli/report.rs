//! `xsell import order-context|suggestions` and `xsell report` on a small shop built here:
//! 40 prompted orders (half of them took an offer) and 30 control orders (a fifth bought
//! the bag they would have been offered), over two days.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;

fn xsell(db: &Path, args: &[&str]) -> Output {
    crate::run_support::xsell()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

struct Shop {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    db: PathBuf,
}

fn when(i: usize) -> String {
    format!("2026-10-0{}T10:{:02}:00", 1 + i % 2, i)
}

fn answered(i: usize) -> String {
    format!("2026-10-0{}T10:{:02}:20", 1 + i % 2, i)
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let db = path.join("s.db");
    let catalog = "sku,name,category,price,family,tier\n\
        LAP,Laptop 13,Laptops,1000.00,lap,1\nLAP2,Laptop 13 Pro,Laptops,1200.00,lap,2\n\
        BAG,Sleeve 13,Bags,50.00,,\nMOUSE,Mouse,Mice,20.00,,\n";
    let staff =
        "staff_id,name,role,pin\nS01,Dana Whitfield,manager,4826\nS02,Ana Kovacs,cashier,1357\n";
    let mut orders = String::from("order_id,customer_id,sku,qty,unit_price,ts\n");
    let mut context = String::from("order_id,staff_id,holdout,feedback\n");
    let mut offers = String::from(
        "order_id,sku,kind,source,rule,trigger,score,shown_at,outcome,answered_at,difference\n",
    );
    for i in 0..40 {
        let (id, t, a) = (format!("P{i:02}"), when(i), answered(i));
        let laptop = if i % 4 == 2 { "LAP2" } else { "LAP" };
        writeln!(orders, "{id},,{laptop},1,,{t}").unwrap();
        let feedback = match i % 8 {
            0 | 4 => "helpful",
            2 => "not_helpful",
            6 => "skipped",
            _ => "",
        };
        writeln!(context, "{id},S0{},false,{feedback}", 1 + i % 2).unwrap();
        let bag = "cross-sell,curated,curated:category:Laptops>BAG,item,0.9";
        let mouse = "cross-sell,mined,mined:LAP>MOUSE,item,0.6";
        match i % 4 {
            0 => {
                writeln!(orders, "{id},,BAG,1,,{t}").unwrap();
                writeln!(offers, "{id},BAG,{bag},{t},accepted,{a},").unwrap();
            }
            1 => {
                writeln!(offers, "{id},BAG,{bag},{t},dismissed,{a},").unwrap();
                writeln!(offers, "{id},MOUSE,{mouse},{t},expired,{a},").unwrap();
            }
            2 => writeln!(
                offers,
                "{id},LAP2,upsell,ladder,ladder:lap,item,0.8,{t},accepted,{a},200.00"
            )
            .unwrap(),
            _ => writeln!(offers, "{id},MOUSE,{mouse},{t},ignored,,").unwrap(),
        }
    }
    for i in 0..30 {
        let (id, t) = (format!("C{i:02}"), when(i));
        writeln!(orders, "{id},,LAP,1,,{t}").unwrap();
        if i % 5 == 0 {
            writeln!(orders, "{id},,BAG,1,,{t}").unwrap();
        }
        writeln!(context, "{id},S0{},true,", 1 + i % 2).unwrap();
        writeln!(
            offers,
            "{id},BAG,cross-sell,curated,curated:category:Laptops>BAG,item,0.9,{t},held_out,,"
        )
        .unwrap();
    }
    for (kind, name, text) in [
        ("staff", "staff.csv", staff),
        ("catalog", "catalog.csv", catalog),
        ("orders", "orders.csv", &orders),
        ("order-context", "context.csv", &context),
        ("suggestions", "suggestions.csv", &offers),
    ] {
        let file = write(&path, name, text);
        ok(xsell(&db, &["import", kind, &file]));
    }
    Shop {
        _dir: dir,
        dir: path,
        db,
    }
}

fn report(shop: &Shop, args: &[&str]) -> String {
    let mut all = vec!["report", "--from", "2026-10-01"];
    if !args.contains(&"--to") {
        all.extend(["--to", "2026-10-02"]);
    }
    all.extend(args);
    ok(xsell(&shop.db, &all))
}

#[test]
fn report_in_each_format() {
    let shop = shop();
    insta::assert_snapshot!("table_by_staff", report(&shop, &["--by", "staff"]));
    insta::assert_snapshot!(
        "csv_by_category",
        report(&shop, &["--format", "csv", "--by", "category"])
    );
    insta::assert_snapshot!(
        "json_by_kind",
        report(&shop, &["--format", "json", "--by", "kind"])
    );
}

#[test]
fn accepted_offers_are_linked_to_their_lines() {
    let shop = shop();
    let conn = rusqlite::Connection::open(&shop.db).unwrap();
    let linked: Vec<(String, String)> = conn
        .prepare(
            "SELECT l.sku, e.outcome FROM order_lines l JOIN suggestion_events e ON e.id = l.suggestion_id
             WHERE l.source = 'suggestion' ORDER BY l.order_id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(linked.len(), 20);
    assert!(linked.iter().all(|(_, o)| o == "accepted"));
    assert_eq!(linked.iter().filter(|(s, _)| s == "LAP2").count(), 10);
    let (holdout, staffed): (i64, i64) = conn
        .query_row(
            "SELECT sum(holdout), count(staff_id) FROM orders",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((holdout, staffed), (30, 70));
}

#[test]
fn days_are_whole_and_training_orders_are_left_out() {
    let shop = shop();
    let first = report(&shop, &["--to", "2026-10-01", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&first).unwrap();
    // Even-numbered orders fall on the first day: 20 prompted, 15 control.
    assert_eq!(
        (v["prompted_orders"].as_u64(), v["control_orders"].as_u64()),
        (Some(20), Some(15))
    );
    let conn = rusqlite::Connection::open(&shop.db).unwrap();
    conn.execute(
        "UPDATE orders SET training = 1 WHERE external_id = 'P00'",
        [],
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&report(&shop, &["--format", "json"])).unwrap();
    assert_eq!(v["prompted_orders"].as_u64(), Some(39));
    assert_eq!(v["offers"]["shown"].as_u64(), Some(49));
}

#[test]
fn bad_offers_are_all_reported_and_nothing_is_written() {
    let shop = shop();
    let file = write(
        &shop.dir,
        "bad.csv",
        "order_id,sku,kind,source,rule,trigger,score,shown_at,outcome\n\
         P01,MOUSE,cross-sell,mined,r,item,0.5,2026-10-02T10:01:00,accepted\n\
         C01,BAG,cross-sell,curated,r,item,0.5,2026-10-02T10:01:00,dismissed\n\
         P99,BAG,cross-sell,curated,r,item,0.5,2026-10-02T10:01:00,dismissed\n\
         P03,BAG,gift,curated,r,item,high,2026-10-02T10:01:00,dismissed\n\
         P05,BAG,cross-sell,curated,r,item,0.5,2026-10-02T10:05:00,dismissed\n",
    );
    let out = xsell(&shop.db, &["import", "suggestions", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "bad.csv:3: the order is in the control group",
        "bad.csv:4: no paid order 'P99'",
        "bad.csv:5: score 'high' is not a number",
    ] {
        assert!(err.contains(expected), "{err}");
    }
    // Rows 2 and 6 are well formed, but P01 and P05 already have their offers.
    let fixed = write(
        &shop.dir,
        "again.csv",
        "order_id,sku,kind,source,rule,trigger,score,shown_at,outcome\n\
         P01,MOUSE,cross-sell,mined,r,item,0.5,2026-10-02T10:01:00,accepted\n",
    );
    let err =
        String::from_utf8(xsell(&shop.db, &["import", "suggestions", &fixed]).stderr).unwrap();
    assert!(
        err.contains("again.csv:2: this order's offers are already in the store"),
        "{err}"
    );
    let conn = rusqlite::Connection::open(&shop.db).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM suggestion_events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 80);
}

#[test]
fn the_demo_shop_shows_a_measured_positive_lift() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(xsell(&db, &["demo"]));
    let v: serde_json::Value =
        serde_json::from_str(&ok(xsell(&db, &["report", "--format", "json"]))).unwrap();
    let control = v["control_orders"].as_f64().unwrap() / v["orders"].as_f64().unwrap();
    assert!((0.08..0.12).contains(&control), "{control}");
    for lift in ["attach_rate", "order_value"] {
        let l = &v["lift"][lift];
        assert_eq!(l["status"], "measured", "{l}");
        assert!(l["low"].as_f64().unwrap() > 0.0, "{lift}: {l}");
    }
    assert!(!v["worst_rules"].as_array().unwrap().is_empty());
    assert!(
        v["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["switch_off"] == true)
    );
    // Every accepted offer's product is a line of its order, linked on import.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let unlinked: i64 = conn
        .query_row(
            "SELECT count(*) FROM suggestion_events e WHERE e.outcome = 'accepted'
             AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.suggestion_id = e.id AND l.product_id = e.product_id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unlinked, 0);
}
