//! The CSV importers against random bytes and against valid files with random damage: no
//! panic, and an import that fails leaves the store exactly as it was (all or nothing).
//! The normal run is short; for a long one:
//! `PROPTEST_CASES=100000 cargo test --release --test store fuzz_import::`.

use proptest::prelude::*;
use xsell::import;
use xsell::store::Store;

const AT: &str = "2026-11-23T10:00:00";

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const KINDS: [&str; 6] = [
    "catalog",
    "customers",
    "orders",
    "complements",
    "bundles",
    "staff",
];

fn valid(kind: &str) -> &'static str {
    match kind {
        "catalog" => {
            "sku,name,category,price,barcode,stock\nA3,Thing,Cat,1.00,4006381333931,5\nA4,\"Quoted, name\",Cat,2.50,,1\n"
        }
        "customers" => "customer_id,name,phone,email\nC7,Jo,555-0101,jo@example.com\n",
        "orders" => {
            "order_id,customer_id,sku,qty,unit_price,ts\n1,C1,A1,1,1.00,2026-01-01T09:58\n1,C1,A2,2,,2026-01-01T10:00:00\n"
        }
        "complements" => "from,to,reason,script,weight\nA1,A2,goes with it,Say this,0.5\n",
        "bundles" => "bundle_id,name,items,price\nK1,Kit,A1|A2,3.00\n",
        _ => "staff_id,name,role,pin\nS1,Ana,cashier,1357\n",
    }
}

fn base() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let catalog =
        "sku,name,category,price,stock\nA1,Laptop,Laptops,999.00,4\nA2,Bag,Bags,49.00,9\n";
    import::catalog::import(&mut store, catalog.as_bytes(), "base.csv", AT).unwrap();
    let customers = "customer_id,name\nC1,Sam\n";
    import::customers::import(&mut store, customers.as_bytes(), "base.csv", AT).unwrap();
    store
}

/// Every row of every table, as text: equal dumps mean an unchanged store.
fn dump(store: &Store) -> String {
    let conn = store.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        out.push_str(&t);
        out.push('\n');
        while let Some(row) = rows.next().unwrap() {
            for i in 0..n {
                out.push_str(&format!("{:?}|", row.get_ref(i).unwrap()));
            }
            out.push('\n');
        }
    }
    out
}

fn run(store: &mut Store, kind: &str, input: &[u8]) -> Result<(), String> {
    let file = "fuzz.csv";
    let result = match kind {
        "catalog" => import::catalog::import(store, input, file, AT),
        "customers" => import::customers::import(store, input, file, AT),
        "orders" => import::history::import(store, input, file, AT, &mut |_| {}),
        "complements" => import::complements::import(store, input, file),
        "bundles" => import::bundles::import(store, input, file),
        _ => {
            let by = xsell::store::staff::ChangedBy {
                till: "fuzz".into(),
                at: xsell::store::parse_ts(AT),
                manager: None,
            };
            import::staff::import(store, input, file, &by)
        }
    };
    result.map(|_| ()).map_err(|e| e.to_string())
}

#[derive(Debug, Clone)]
enum Damage {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
    DuplicateLine(usize),
    Truncate(usize),
}

fn arb_damage() -> impl Strategy<Value = Damage> {
    let special = prop_oneof![
        any::<u8>(),
        proptest::sample::select(b",\"\n\r-.0912|%: ".to_vec()),
    ];
    prop_oneof![
        (any::<usize>(), 1usize..6).prop_map(|(at, n)| Damage::Delete(at, n)),
        (
            any::<usize>(),
            proptest::collection::vec(special.clone(), 1..8)
        )
            .prop_map(|(at, b)| Damage::Insert(at, b)),
        (any::<usize>(), special).prop_map(|(at, b)| Damage::Replace(at, b)),
        any::<usize>().prop_map(Damage::DuplicateLine),
        any::<usize>().prop_map(Damage::Truncate),
    ]
}

fn damage(input: &str, damages: &[Damage]) -> Vec<u8> {
    let mut b = input.as_bytes().to_vec();
    for d in damages {
        let len = b.len().max(1);
        match d {
            Damage::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(b.len());
                if at < end {
                    b.drain(at..end);
                }
            }
            Damage::Insert(at, bytes) => {
                let at = at % (b.len() + 1);
                b.splice(at..at, bytes.iter().copied());
            }
            Damage::Replace(at, byte) => {
                if !b.is_empty() {
                    let at = at % b.len();
                    b[at] = *byte;
                }
            }
            Damage::DuplicateLine(i) => {
                let text = String::from_utf8_lossy(&b).into_owned();
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                if !lines.is_empty() {
                    let line = lines[i % lines.len()].to_string();
                    b.extend_from_slice(line.as_bytes());
                }
            }
            Damage::Truncate(at) => b.truncate(at % len),
        }
    }
    b
}

fn check_all_or_nothing(kind: &str, input: &[u8]) -> Result<(), TestCaseError> {
    let mut store = base();
    let before = dump(&store);
    match run(&mut store, kind, input) {
        Ok(()) => {}
        Err(message) => {
            prop_assert!(!message.trim().is_empty());
            prop_assert_eq!(
                dump(&store),
                before,
                "a failed {} import changed the store: {}",
                kind,
                message
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn random_bytes_never_panic_nor_half_import(
        kind in proptest::sample::select(KINDS.to_vec()),
        header in any::<bool>(),
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        // With the right header the rows get past the first check and into validation.
        let mut input = if header {
            valid(kind).lines().next().unwrap().as_bytes().to_vec()
        } else {
            Vec::new()
        };
        input.push(b'\n');
        input.extend(bytes);
        check_all_or_nothing(kind, &input)?;
    }

    #[test]
    fn damaged_valid_files_never_panic_nor_half_import(
        kind in proptest::sample::select(KINDS.to_vec()),
        damages in proptest::collection::vec(arb_damage(), 0..5),
    ) {
        let input = damage(valid(kind), &damages);
        check_all_or_nothing(kind, &input)?;
    }
}

#[test]
fn every_valid_fixture_imports() {
    for kind in KINDS {
        let mut store = base();
        run(&mut store, kind, valid(kind).as_bytes()).unwrap_or_else(|e| panic!("{kind}: {e}"));
    }
}
