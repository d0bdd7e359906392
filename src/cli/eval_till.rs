//! `xsell eval`'s till rows: the path a shop takes, run in memory. The training orders go
//! into a store with a catalog (`import catalog`, `import orders`), `mine` runs with its
//! defaults (tuning included), and every case is asked of the service `recommend --stdin`
//! builds from that store: the same sources, guardrails, scoring and diversity. So these
//! rows are what `scripts/till-path.py` measures through the real binary, and it checks so.

use std::collections::{BTreeSet, HashSet};

use anyhow::{Context, bail};
use chrono::NaiveDateTime;
use serde::Serialize;

use crate::domain::history_rows::{self, OrderRow};
use crate::domain::money::Money;
use crate::domain::timestamp::parse_timestamp;
use crate::progress::{Progress, Unit};
use crate::recommend::baskets::Baskets;
use crate::recommend::engine::Kind;
use crate::recommend::eval::{Row, Tally};
use crate::recommend::split::{self, Case};
use crate::store::Store;
use crate::store::mining::{MineOptions, MineReport};

use super::recommend::{MAX_CART, Service};

/// The day given to orders and cases without a time, as `scripts/till-path.py` gives them:
/// a till needs a moment for every sale and every question.
pub const NO_DATE: &str = "2026-01-01T12:00:00";

/// A mined add-on priced above this many times the item that brought it is not an add-on.
const CEILING: i64 = 5;

/// What the till rows add to the report.
#[derive(Debug, Clone, Serialize)]
pub struct TillRows {
    pub rows: Vec<Row>,
    /// The mining run the till engine was built from.
    pub min_count: u32,
    pub itemsets: usize,
    pub rules: usize,
    /// The parameters `mine` tuned: validation hit@3 with them and with the built-in ones.
    pub tuned_hit3: Option<f64>,
    pub builtin_hit3: Option<f64>,
    pub tune_ms: Option<u64>,
    /// The rules' own weight `mine` chose on the newest orders, when it could tell.
    pub rule_weight: Option<f64>,
    /// With a catalog: over every product as a one-item cart, the top-3 add-ons (upgrades
    /// aside) priced above five times the item, and all top-3 add-ons.
    pub above_ceiling: Option<(usize, usize)>,
}

/// A basket label as a till's SKU: SKUs hold no spaces, so a label's become underscores.
pub fn sku_of(label: &str) -> String {
    label.replace(char::is_whitespace, "_")
}

/// Runs the till path on `orders_csv` (the whole file; the test orders are held out here)
/// with `catalog_csv` when given, else a catalog of every SKU at its first price (1.00
/// without one), without categories or stock. `k` answers per case.
pub fn run(
    orders_csv: &[u8],
    catalog_csv: Option<&[u8]>,
    baskets: &Baskets,
    k: usize,
    progress: &dyn Progress,
) -> anyhow::Result<TillRows> {
    let s = split::split(baskets);
    let test: HashSet<&str> = s
        .test
        .iter()
        .map(|&i| baskets.baskets[i].order_id.as_str())
        .collect();
    let cases = split::cases(baskets, &s.test);

    progress.begin("the till path: importing", None, Unit::Items("orders"));
    let rows: Vec<OrderRow> = history_rows::read(orders_csv)
        .map_err(|e| anyhow::anyhow!(e.to_string()))?
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let mut store = Store::open_in_memory()?;
    let catalog = match catalog_csv {
        Some(bytes) => {
            give_rates(&mut store, bytes)?;
            bytes.to_vec()
        }
        None => catalog_of(&rows)?,
    };
    let at = super::now_local();
    crate::import::catalog::import(&mut store, &catalog[..], "catalog", &at)
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let mut known: HashSet<String> = HashSet::new();
    let train = training_csv(&rows, &test, &mut known)?;
    crate::import::history::import(&mut store, &train[..], "training orders", &at, &mut |_| {})
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;

    progress.begin("the till path: mining", None, Unit::Items("itemsets"));
    let mined: MineReport = store.mine(MineOptions::default(), &at, progress)?.report;
    progress.begin(
        "the till path: asking the engine",
        Some(cases.len() as u64),
        Unit::Items("cases"),
    );
    let service = Service::load(store, false)?;
    let no_date = parse_timestamp(NO_DATE).expect("a valid time");
    let mut all = Tally::default();
    let mut known_tally = Tally::default();
    let mut without_history = Tally::default();
    for case in &cases {
        let customer = case.customer.as_deref().filter(|c| known.contains(*c));
        let now = case.ts.unwrap_or(no_date);
        let rank = ask(&service, baskets, case, customer, k, now)?;
        all.add(rank);
        if customer.is_some() {
            known_tally.add(rank);
            without_history.add(ask(&service, baskets, case, None, k, now)?);
        }
        progress.advance(1);
    }
    progress.end();
    let name = "engine at the till";
    let mut out = vec![Row {
        name: name.into(),
        metrics: all.metrics(k),
    }];
    if known_tally.metrics(k).cases > 0 {
        out.push(Row {
            name: format!("{name}, known customers only"),
            metrics: known_tally.metrics(k),
        });
        out.push(Row {
            name: format!("{name}, known customers without their history"),
            metrics: without_history.metrics(k),
        });
    }
    let above_ceiling = catalog_csv
        .is_some()
        .then(|| above_ceiling(&service, no_date))
        .transpose()?;
    Ok(TillRows {
        rows: out,
        min_count: mined.min_count,
        itemsets: mined.itemsets,
        rules: mined.rules,
        tuned_hit3: mined.tuning.as_ref().map(|t| t.hit3),
        builtin_hit3: mined.tuning.as_ref().map(|t| t.hit3_builtin),
        tune_ms: mined.tuning.as_ref().map(|t| t.millis),
        rule_weight: mined
            .tuning
            .as_ref()
            .and_then(|t| t.rules.as_ref())
            .map(|c| c.weight),
        above_ceiling,
    })
}

/// The hidden item's rank in what the till answers for this case.
fn ask(
    service: &Service,
    baskets: &Baskets,
    case: &Case,
    customer: Option<&str>,
    k: usize,
    now: NaiveDateTime,
) -> anyhow::Result<Option<usize>> {
    let label = |i: u32| sku_of(baskets.index.label(i));
    let mut cart: Vec<String> = case.cart.iter().map(|&i| label(i)).collect();
    // A till asks with at most MAX_CART different SKUs: the largest wholesale baskets are
    // asked with their first ones by SKU, as scripts/till-path.py does.
    if cart.len() > MAX_CART {
        cart.sort();
        cart.truncate(MAX_CART);
    }
    let answer = service
        .ask(&cart, customer, k, now)
        .map_err(|e| anyhow::anyhow!("order {}: {e}", case.order_id))?;
    let skus: Vec<&str> = answer.items.iter().map(|r| r.sku.as_str()).collect();
    let hidden = label(case.hidden);
    let position = skus.iter().take(k).position(|s| *s == hidden);
    Ok(position.map(|p| p + 1))
}

/// Over every active product as a one-item cart: (top-3 add-ons, upgrades aside, priced
/// above `CEILING` times the item; all such add-ons).
fn above_ceiling(service: &Service, now: NaiveDateTime) -> anyhow::Result<(usize, usize)> {
    let catalog = service.catalog().clone();
    let (mut above, mut all) = (0, 0);
    for p in catalog.products().iter().filter(|p| p.active) {
        let answer = service
            .ask(std::slice::from_ref(&p.sku), None, 3, now)
            .map_err(|e| anyhow::anyhow!("{}: {e}", p.sku))?;
        for offer in answer.items.iter().filter(|o| o.kind != Kind::Upsell) {
            all += 1;
            if offer.price.minor() > CEILING * p.price.minor() {
                above += 1;
            }
        }
    }
    Ok((above, all))
}

/// A catalog as a shop without one would export it: each SKU once, named by its label, at
/// the first price the orders give it (1.00 when they give none), no category, no stock,
/// in label order (as `scripts/till-path.py` writes it, so ties fall alike).
fn catalog_of(rows: &[OrderRow]) -> anyhow::Result<Vec<u8>> {
    let mut first: std::collections::BTreeMap<&str, Option<Money>> = Default::default();
    for row in rows {
        first.entry(&row.sku).or_insert(row.unit_price);
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["sku", "name", "category", "price"])?;
    let mut seen: HashSet<String> = HashSet::new();
    for (label, price) in first {
        let sku = sku_of(label);
        if !seen.insert(sku.clone()) {
            bail!("two labels become the SKU '{sku}'");
        }
        let price = price.map_or_else(|| "1.00".to_string(), plain);
        w.write_record([sku.as_str(), label, "", price.as_str()])?;
    }
    w.into_inner().context("writing the catalog")
}

/// The orders that are not test orders, as an orders file the store imports.
fn training_csv(
    rows: &[OrderRow],
    test: &HashSet<&str>,
    customers: &mut HashSet<String>,
) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["order_id", "customer_id", "sku", "qty", "unit_price", "ts"])?;
    for row in rows.iter().filter(|r| !test.contains(r.order_id.as_str())) {
        if let Some(c) = &row.customer_id {
            customers.insert(c.clone());
        }
        let ts = row.ts.map_or_else(|| NO_DATE.to_string(), crate::store::ts);
        w.write_record([
            row.order_id.as_str(),
            row.customer_id.as_deref().unwrap_or(""),
            sku_of(&row.sku).as_str(),
            row.qty.to_string().as_str(),
            row.unit_price.map(plain).unwrap_or_default().as_str(),
            ts.as_str(),
        ])?;
    }
    w.into_inner().context("writing the training orders")
}

/// Every tax class a catalog names gets a rate in the in-memory store, so that its import
/// is refused for nothing but what a shop's would be.
fn give_rates(store: &mut Store, catalog: &[u8]) -> anyhow::Result<()> {
    let mut r = csv::Reader::from_reader(catalog);
    let Some(column) = r.headers()?.iter().position(|h| h.trim() == "tax_class") else {
        return Ok(());
    };
    let mut classes = BTreeSet::new();
    for record in r.records() {
        if let Some(c) = record?.get(column).map(str::trim).filter(|c| !c.is_empty()) {
            classes.insert(c.to_string());
        }
    }
    let mut settings = store.settings()?;
    for class in classes {
        settings.tax.by_class.entry(class).or_insert(0);
    }
    store.save_settings(&settings)?;
    Ok(())
}

/// Money as a CSV cell: `12.50`, no symbol, no grouping.
fn plain(m: Money) -> String {
    let minor = m.minor();
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", minor.abs() / 100, minor.abs() % 100)
}

/// The figures a report shows under the rows.
pub fn summary(t: &TillRows) -> String {
    let mut out = format!(
        "engine at the till: the training orders imported, `mine` with its defaults (min count {}, {} itemsets, {} rules)",
        t.min_count, t.itemsets, t.rules
    );
    if let (Some(tuned), Some(builtin), Some(ms)) = (t.tuned_hit3, t.builtin_hit3, t.tune_ms) {
        out += &format!(
            ", parameters tuned in {ms} ms (validation hit@3 {tuned:.3}, built-in {builtin:.3})"
        );
    }
    if let Some(w) = t.rule_weight {
        out += &format!(", the rules' own weight {w}");
    }
    out.push('\n');
    if let Some((above, all)) = t.above_ceiling {
        let share = if all == 0 {
            0.0
        } else {
            100.0 * above as f64 / all as f64
        };
        out += &format!(
            "every product as a one-item cart: {share:.1}% of the top-3 add-ons (upgrades aside) cost more than {CEILING}× the item ({above} of {all})\n"
        );
    }
    out
}

/// Rows of a report for its table, in the order shown.
pub fn rows_first(till: &TillRows, rows: &mut Vec<Row>) {
    let mut all = till.rows.clone();
    all.append(rows);
    *rows = all;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_become_skus_without_spaces() {
        assert_eq!(sku_of("whole milk"), "whole_milk");
        assert_eq!(sku_of("Bread"), "Bread");
    }

    #[test]
    fn money_cells_are_plain() {
        assert_eq!(plain(Money::from_minor(1250)), "12.50");
        assert_eq!(plain(Money::from_minor(5)), "0.05");
        assert_eq!(plain(Money::from_minor(-305)), "-3.05");
    }
}
