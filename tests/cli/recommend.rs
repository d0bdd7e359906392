//! `xsell recommend` as a script uses it: the table, JSON, and the JSON-lines service with
//! bad lines in the middle of a stream.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn xsell(db: &Path) -> Command {
    let mut c = crate::run_support::xsell();
    c.arg("--db").arg(db);
    c
}

fn shop(dir: &Path) -> PathBuf {
    let db = dir.join("shop.db");
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let catalog = write(
        "catalog.csv",
        "sku,name,category,price,stock,durable\nLAP,UltraBook 15,Laptops,1199.00,5,true\nBAG,Laptop bag,Laptop Bags,49.00,9,true\nMOUSE,Mouse,Mice,25.00,9,true\nINK,Ink,Ink,19.99,50,false\n",
    );
    let mut orders = String::from("order_id,customer_id,sku,qty,unit_price,ts\n");
    for i in 0..30 {
        let d = 1 + i % 28;
        orders += &format!(
            "{i},C{},LAP,1,,2026-03-{d:02}\n{i},C{},BAG,1,,2026-03-{d:02}\n",
            i % 3,
            i % 3
        );
        if i % 2 == 0 {
            orders += &format!("{i},C{},MOUSE,1,,2026-03-{d:02}\n", i % 3);
        }
    }
    let orders = write("orders.csv", &orders);
    let customers = write(
        "customers.csv",
        "customer_id,name\nC0,Ana\nC1,Bo\nC2,Cy\nC9,New\n",
    );
    for (kind, file) in [
        ("catalog", &catalog),
        ("customers", &customers),
        ("orders", &orders),
    ] {
        let out = xsell(&db)
            .args(["import", kind])
            .arg(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    db
}

#[test]
fn stdin_protocol_answers_every_line_in_order_and_survives_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(dir.path());
    let mut child = xsell(&db)
        .args(["recommend", "--stdin", "--at", "2026-11-23T12:00:00"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut raw = |line: &str| -> String {
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        // The answer arrives before the next query is sent: the service flushes each line.
        let mut answer = String::new();
        stdout.read_line(&mut answer).unwrap();
        answer
    };
    let first_line = raw(r#"{"cart":["LAP"],"customer":null,"k":5}"#);
    assert!(
        first_line.starts_with(r#"{"items":[{"sku":"BAG","kind":"cross-sell","source":"#),
        "{first_line}"
    );
    let mut ask = |line: &str| -> serde_json::Value { serde_json::from_str(&raw(line)).unwrap() };
    let first: serde_json::Value = serde_json::from_str(&first_line).unwrap();
    let items = first["items"].as_array().unwrap();
    let keys: Vec<&str> = items[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 6);
    assert_eq!(items[0]["kind"], "cross-sell");
    assert!(items.iter().all(|i| i["sku"] != "LAP"));

    assert_eq!(
        ask("this is not json")["error"]
            .as_str()
            .unwrap()
            .split(':')
            .next(),
        Some("bad query")
    );
    assert_eq!(ask(r#"{"cart":["NOPE"]}"#)["error"], "unknown sku 'NOPE'");
    assert_eq!(
        ask(r#"{"cart":["LAP"],"customer":"C77"}"#)["error"],
        "unknown customer 'C77'"
    );
    assert!(
        ask(r#"{"cart":"LAP"}"#)["error"]
            .as_str()
            .unwrap()
            .starts_with("bad query")
    );
    // After bad lines the stream goes on, and a known customer who owns a bag gets none.
    let c0 = ask(r#"{"cart":["LAP"],"customer":"C0","k":5}"#);
    assert!(
        c0["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["sku"] != "BAG"),
        "{c0}"
    );
    let k1 = ask(r#"{"cart":["LAP"],"k":1}"#);
    assert_eq!(k1["items"].as_array().unwrap().len(), 1);
    // A replayed history gives each query its own moment; a bad one is refused alone.
    let at = ask(r#"{"cart":["LAP"],"k":1,"at":"2026-03-10T09:00:00"}"#);
    assert_eq!(at["items"].as_array().unwrap().len(), 1, "{at}");
    assert!(
        ask(r#"{"cart":["LAP"],"at":"last tuesday"}"#)["error"]
            .as_str()
            .unwrap()
            .contains("'last tuesday' is not an ISO 8601"),
    );
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn table_and_json_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = shop(dir.path());
    let out = xsell(&db)
        .args([
            "recommend",
            "--cart",
            "LAP",
            "-k",
            "3",
            "--at",
            "2026-11-23",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(text.starts_with("#  kind"), "{text}");
    assert!(text.contains("why: ") && text.contains("say: "), "{text}");
    let out = xsell(&db)
        .args(["recommend", "--cart", "LAP,MOUSE", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["items"][0]["sku"], "BAG");
    let out = xsell(&db)
        .args(["recommend", "--cart", "NOPE"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown sku 'NOPE'"));
}

#[test]
fn explain_says_which_rule_kept_products_off_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    // An empty stock cell: not counted, never out of stock. A zero: counted, and none left.
    let catalog = dir.path().join("catalog.csv");
    std::fs::write(
        &catalog,
        "sku,name,category,price,stock\nA,Apples,,1.00,\nB,Bread,,2.00,0\nC,Cheese,,3.00,\n",
    )
    .unwrap();
    let mut orders = String::from("order_id,customer_id,sku,qty,unit_price,ts\n");
    for i in 0..20 {
        orders += &format!("{i},,A,1,,2026-03-01\n{i},,B,1,,2026-03-01\n{i},,C,1,,2026-03-01\n");
    }
    let orders_file = dir.path().join("orders.csv");
    std::fs::write(&orders_file, orders).unwrap();
    for (kind, file) in [("catalog", &catalog), ("orders", &orders_file)] {
        let out = xsell(&db)
            .args(["import", kind])
            .arg(file)
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let out = xsell(&db)
        .args([
            "recommend",
            "--cart",
            "A",
            "--explain",
            "--at",
            "2026-03-02",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(text.contains("Cheese") && !text.contains("Bread"), "{text}");
    assert!(text.contains("kept off the list:"), "{text}");
    assert!(text.contains("out-of-stock         1"), "{text}");
    let out = xsell(&db)
        .args(["recommend", "--cart", "A", "--json", "--at", "2026-03-02"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["removed"]["out-of-stock"], 1, "{v}");
    assert_eq!(v["items"][0]["sku"], "C");
}
