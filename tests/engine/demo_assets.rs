//! The committed demo shop (`assets/`) against what the product promises about it: big
//! enough to feel real, internally consistent, importable, with the co-purchase
//! structure behind the headline suggestions — and exactly what the generator writes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use xsell::demo::generate::{self, Config};
use xsell::domain::ean;
use xsell::domain::history_rows as order_rows;

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

fn rows(file: &str) -> Vec<HashMap<String, String>> {
    rows_in(&assets(), file)
}

fn rows_in(dir: &Path, file: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(dir.join(file)).expect(file);
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed row");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

struct Product {
    category: String,
    durable: bool,
}

fn catalog() -> HashMap<String, Product> {
    catalog_in(&assets())
}

fn catalog_in(dir: &Path) -> HashMap<String, Product> {
    rows_in(dir, "catalog.csv")
        .into_iter()
        .map(|r| {
            (
                r["sku"].clone(),
                Product {
                    category: r["category"].clone(),
                    durable: r["durable"] == "true",
                },
            )
        })
        .collect()
}

struct Order {
    customer: Option<String>,
    ts: NaiveDateTime,
    skus: Vec<String>,
}

/// Orders read through the same parser the store import uses.
fn orders() -> Vec<Order> {
    orders_in(&assets())
}

fn orders_in(dir: &Path) -> Vec<Order> {
    let file = std::fs::File::open(dir.join("orders.csv")).expect("orders.csv");
    let mut by_id: BTreeMap<String, Order> = BTreeMap::new();
    for row in order_rows::read(file).expect("header") {
        let row = row.unwrap_or_else(|e| panic!("orders.csv: {e}"));
        let order = by_id.entry(row.order_id.clone()).or_insert_with(|| Order {
            customer: row.customer_id.clone(),
            ts: row.ts.expect("every order has a time"),
            skus: Vec::new(),
        });
        assert!(row.unit_price.is_some(), "line {} has no price", row.line);
        order.skus.push(row.sku);
    }
    by_id.into_values().collect()
}

#[test]
fn the_shop_is_big_enough_to_feel_real() {
    assert!(catalog().len() >= 250);
    assert!(rows("customers.csv").len() >= 60);
    assert!(rows("complements.csv").len() >= 40);
    assert!(rows("bundles.csv").len() >= 8);
    let staff = rows("staff.csv");
    let roles: Vec<&str> = staff.iter().map(|s| s["role"].as_str()).collect();
    assert_eq!(roles, ["manager", "cashier", "cashier", "trainee"]);
    assert!(
        staff
            .iter()
            .all(|s| s["pin"].len() == 4 && s["pin"].bytes().all(|b| b.is_ascii_digit()))
    );

    let orders = orders();
    assert!(orders.len() >= 5000, "{} orders", orders.len());
    let first = orders.iter().map(|o| o.ts).min().unwrap();
    let last = orders.iter().map(|o| o.ts).max().unwrap();
    assert!((last - first).num_days() >= 365, "{first} to {last}");
    assert!(last.date() <= NaiveDate::from_ymd_opt(2026, 10, 31).unwrap());
    let anonymous = orders.iter().filter(|o| o.customer.is_none()).count() as f64;
    let share = anonymous / orders.len() as f64;
    assert!((0.35..0.45).contains(&share), "anonymous share {share}");
}

#[test]
fn every_barcode_is_valid_and_unique_and_every_sku_is_unique() {
    let rows = rows("catalog.csv");
    let mut barcodes = HashSet::new();
    let mut skus = HashSet::new();
    for r in &rows {
        ean::validate(&r["barcode"]).unwrap_or_else(|e| panic!("{}: {e}", r["sku"]));
        assert!(
            barcodes.insert(r["barcode"].clone()),
            "duplicate barcode {}",
            r["barcode"]
        );
        assert!(skus.insert(r["sku"].clone()), "duplicate sku {}", r["sku"]);
        let tier = &r["tier"];
        assert_eq!(r["family"].is_empty(), tier.is_empty(), "{}", r["sku"]);
        assert!(tier.is_empty() || ["1", "2", "3"].contains(&tier.as_str()));
    }
    assert!(rows.iter().filter(|r| r["stock"] == "0").count() >= 3);
    assert!(rows.iter().any(|r| r["age_restricted"] == "true"));
}

#[test]
fn every_reference_points_into_the_catalog() {
    let catalog = catalog();
    let categories: HashSet<&str> = catalog.values().map(|p| p.category.as_str()).collect();
    let known = |item: &str| match item.strip_prefix("category:") {
        Some(c) => categories.contains(c),
        None => catalog.contains_key(item),
    };
    for o in orders() {
        for sku in &o.skus {
            assert!(catalog.contains_key(sku), "order sku {sku}");
        }
    }
    for c in rows("complements.csv") {
        assert!(
            known(&c["from"]) && known(&c["to"]),
            "{} -> {}",
            c["from"],
            c["to"]
        );
        let w: f64 = c["weight"].parse().unwrap();
        assert!((0.0..=1.0).contains(&w));
        assert!(!c["reason"].is_empty() && !c["script"].is_empty());
    }
    for b in rows("bundles.csv") {
        assert!(b["items"].split('|').all(known), "{}", b["items"]);
        assert!(
            b["price"].is_empty() != b["discount"].is_empty(),
            "{}",
            b["bundle_id"]
        );
    }
    let windows = rows("complements.csv")
        .iter()
        .filter(|c| !(c["starts"].is_empty() && c["days"].is_empty() && c["hours"].is_empty()))
        .count();
    assert!(windows >= 2);
}

/// Share of orders holding `anchor` that also hold one of `with`.
fn attach_rate(
    orders: &[Order],
    catalog: &HashMap<String, Product>,
    anchor: &str,
    with: &[&str],
) -> f64 {
    let cats = |o: &Order| -> HashSet<&str> {
        o.skus
            .iter()
            .map(|s| catalog[s].category.as_str())
            .collect()
    };
    let holding: Vec<HashSet<&str>> = orders
        .iter()
        .map(cats)
        .filter(|c| c.contains(anchor))
        .collect();
    let both = holding
        .iter()
        .filter(|c| with.iter().any(|w| c.contains(w)))
        .count();
    both as f64 / holding.len() as f64
}

/// Categories bought with `anchor`, most frequent first.
fn companions(orders: &[Order], catalog: &HashMap<String, Product>, anchor: &str) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for o in orders {
        let cats: HashSet<&str> = o
            .skus
            .iter()
            .map(|s| catalog[s].category.as_str())
            .collect();
        if cats.contains(anchor) {
            for c in cats.into_iter().filter(|c| *c != anchor) {
                *counts.entry(c).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.into_iter().map(|(c, _)| c.to_string()).collect()
}

#[test]
fn a_laptop_pulls_a_bag_a_mouse_and_a_stand() {
    let (orders, catalog) = (orders(), catalog());
    let bag = attach_rate(
        &orders,
        &catalog,
        "Laptops",
        &["Laptop Bags", "Laptop Sleeves"],
    );
    let mouse = attach_rate(&orders, &catalog, "Laptops", &["Mice"]);
    let stand = attach_rate(&orders, &catalog, "Laptops", &["Laptop Stands"]);
    assert!(
        bag > 0.5 && mouse > 0.45 && stand > 0.3,
        "bag {bag} mouse {mouse} stand {stand}"
    );
    let top: Vec<String> = companions(&orders, &catalog, "Laptops")
        .into_iter()
        .take(5)
        .collect();
    for c in ["Mice", "Laptop Stands", "Laptop Bags"] {
        assert!(top.iter().any(|t| t == c), "{c} not in {top:?}");
    }
}

#[test]
fn a_phone_pulls_a_case_and_a_screen_protector() {
    let (orders, catalog) = (orders(), catalog());
    let case = attach_rate(&orders, &catalog, "Phones", &["Phone Cases"]);
    let glass = attach_rate(&orders, &catalog, "Phones", &["Screen Protectors"]);
    assert!(case > 0.6 && glass > 0.5, "case {case} glass {glass}");
    let top: Vec<String> = companions(&orders, &catalog, "Phones")
        .into_iter()
        .take(2)
        .collect();
    assert_eq!(top, ["Phone Cases", "Screen Protectors"]);
}

#[test]
fn printer_owners_come_back_for_ink_every_two_months() {
    let (orders, catalog) = (orders(), catalog());
    let mut visits: BTreeMap<&str, Vec<NaiveDateTime>> = BTreeMap::new();
    for o in &orders {
        let ink = o
            .skus
            .iter()
            .any(|s| ["Ink", "Toner"].contains(&catalog[s].category.as_str()));
        if let (true, Some(c)) = (ink, &o.customer) {
            visits.entry(c).or_default().push(o.ts);
        }
    }
    let intervals: Vec<i64> = visits
        .values()
        .flat_map(|v| v.windows(2).map(|w| (w[1] - w[0]).num_days()))
        .collect();
    let cycle = intervals.iter().filter(|d| (45..=75).contains(*d)).count();
    assert!(cycle >= 200, "{cycle} refills 45-75 days apart");
    assert!(
        cycle * 10 >= intervals.len() * 7,
        "{cycle} of {}",
        intervals.len()
    );
}

#[test]
fn customers_do_not_rebuy_a_durable_they_own() {
    let (orders, catalog) = (orders(), catalog());
    let mut owned: HashSet<(&str, &str)> = HashSet::new();
    for o in &orders {
        let Some(c) = &o.customer else { continue };
        for sku in o.skus.iter().filter(|s| catalog[*s].durable) {
            assert!(owned.insert((c, sku)), "{c} bought {sku} twice");
        }
    }
}

#[test]
fn orders_follow_the_shop_hours_and_the_season() {
    let orders = orders();
    let mut by_month: BTreeMap<String, usize> = BTreeMap::new();
    for o in &orders {
        let hour = o.ts.format("%H").to_string().parse::<u32>().unwrap();
        assert!((7..22).contains(&hour), "{}", o.ts);
        *by_month
            .entry(o.ts.format("%Y-%m").to_string())
            .or_default() += 1;
    }
    assert!(by_month.len() >= 12);
    assert!(
        by_month["2025-12"] > by_month["2026-02"] * 2,
        "{by_month:?}"
    );
}

#[test]
fn the_generator_reproduces_the_committed_assets() {
    let dir = tempfile::tempdir().expect("a temp dir");
    generate::generate(dir.path(), &Config::default()).expect("generated");
    for name in generate::FILES {
        let fresh = std::fs::read(dir.path().join(name)).expect(name);
        let committed = std::fs::read(assets().join(name)).expect(name);
        assert!(
            fresh == committed,
            "assets/{name} differs from the generator's output: run `cargo run -- demo generate --out assets`"
        );
    }
}

#[test]
fn a_benchmark_shop_keeps_the_structure() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let config = Config {
        products: Some(2_000),
        customers: 1_000,
        orders: 10_000,
        ..Config::default()
    };
    let summary = generate::generate(dir.path(), &config).expect("generated");
    assert_eq!(summary.products, 2_000);
    assert_eq!(summary.orders.orders, 10_000);
    let catalog = catalog_in(dir.path());
    assert_eq!(catalog.len(), 2_000);
    assert_eq!(rows_in(dir.path(), "customers.csv").len(), 1_000);
    let barcodes: HashSet<String> = rows_in(dir.path(), "catalog.csv")
        .into_iter()
        .map(|r| {
            ean::validate(&r["barcode"]).expect("a valid barcode");
            r["barcode"].clone()
        })
        .collect();
    assert_eq!(barcodes.len(), 2_000);
    let orders = orders_in(dir.path());
    assert_eq!(orders.len(), 10_000);
    for o in &orders {
        assert!(o.skus.iter().all(|s| catalog.contains_key(s)));
    }
    let case = attach_rate(&orders, &catalog, "Phones", &["Phone Cases"]);
    let bag = attach_rate(
        &orders,
        &catalog,
        "Laptops",
        &["Laptop Bags", "Laptop Sleeves"],
    );
    assert!(case > 0.6 && bag > 0.5, "case {case} bag {bag}");
}

#[test]
fn a_catalog_smaller_than_the_shop_is_refused() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let config = Config {
        products: Some(10),
        ..Config::default()
    };
    let e = generate::generate(dir.path(), &config).unwrap_err();
    assert!(e.to_string().contains("at least 276"), "{e}");
}
