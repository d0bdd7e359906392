//! `xsell recommend`: ask the engine from a shell or a script.
//!
//! `--stdin` serves many queries from one loaded engine: one JSON object per input line,
//! one per output line, in order, flushed after each, so another program can drive it.

use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDateTime;
use clap::Args;
use serde::Deserialize;

use crate::domain::receipt::fit;
use crate::domain::safe_text::terminal;
use crate::domain::timestamp::parse_timestamp;
use crate::recommend::engine::{Engine, Explained, Recommendation, Request};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// SKUs in the cart, separated by commas.
    #[arg(
        long,
        value_delimiter = ',',
        required_unless_present = "stdin",
        conflicts_with = "stdin"
    )]
    pub cart: Vec<String>,
    /// The customer's id, for personal suggestions.
    #[arg(long)]
    pub customer: Option<String>,
    /// How many suggestions.
    #[arg(short, default_value_t = 5)]
    pub k: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Serve JSON-lines queries from standard input.
    #[arg(long)]
    pub stdin: bool,
    /// The moment to recommend for (ISO 8601; default: now).
    #[arg(long, value_parser = parse_at)]
    pub at: Option<NaiveDateTime>,
    /// Recommend as a self-service kiosk would (no age-restricted products).
    #[arg(long)]
    pub kiosk: bool,
    /// Also say which rules kept products off the list (always in --json).
    #[arg(long, conflicts_with = "stdin")]
    pub explain: bool,
}

fn parse_at(s: &str) -> Result<NaiveDateTime, String> {
    parse_timestamp(s).ok_or_else(|| format!("'{s}' is not an ISO 8601 date or date-time"))
}

/// The longest query line `--stdin` reads; a longer one is answered with an error and
/// skipped without being held in memory.
pub const MAX_LINE: usize = 64 * 1024;
/// The most different SKUs a cart may hold (the same SKU twice counts once).
pub const MAX_CART: usize = 100;

/// A value quoted in an error, cut short: an error never echoes a huge input back.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

enum Line {
    Text(String),
    TooLong,
    NotUtf8,
}

/// The next line of `input`, reading at most `MAX_LINE` bytes of it into memory.
fn next_line<R: BufRead>(input: &mut R) -> std::io::Result<Option<Line>> {
    let mut buf = Vec::new();
    let n = std::io::Read::take(&mut *input, MAX_LINE as u64 + 1).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() != Some(&b'\n') && buf.len() > MAX_LINE {
        // Skip the rest of the line a buffer at a time.
        loop {
            let chunk = input.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    input.consume(i + 1);
                    break;
                }
                None => {
                    let len = chunk.len();
                    input.consume(len);
                }
            }
        }
        return Ok(Some(Line::TooLong));
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(Some(match String::from_utf8(buf) {
        Ok(text) => Line::Text(text),
        Err(_) => Line::NotUtf8,
    }))
}

/// One query of the `--stdin` protocol.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Query {
    cart: Vec<String>,
    #[serde(default)]
    customer: Option<String>,
    #[serde(default = "default_k")]
    k: usize,
    /// The moment of the sale (ISO 8601), for replaying a history; default: the command's.
    #[serde(default)]
    at: Option<String>,
}

fn default_k() -> usize {
    5
}

/// The fields the protocol promises, in its order.
#[derive(Debug, serde::Serialize)]
struct Item<'a> {
    sku: &'a str,
    kind: &'a str,
    source: &'a str,
    score: f64,
    reason: &'a str,
    script: &'a str,
}

#[derive(Debug, serde::Serialize)]
struct Answer<'a> {
    items: Vec<Item<'a>>,
}

/// One loaded engine answering many queries; a known customer's purchases are read from
/// the store for each query (an indexed look-up), so loading never reads every customer's.
pub struct Service {
    engine: Engine,
    store: Store,
    customers: HashSet<String>,
    kiosk: bool,
}

impl Service {
    pub fn load(store: Store, kiosk: bool) -> anyhow::Result<Service> {
        let started = std::time::Instant::now();
        let engine = Engine::build(store.engine_input_per_request(store.engine_params()?)?);
        tracing::info!(took = %super::log::took(started), "recommender built");
        let customers = store.customer_codes()?;
        Ok(Service {
            engine,
            store,
            customers,
            kiosk,
        })
    }

    /// The catalog the engine offers from.
    pub fn catalog(&self) -> &std::sync::Arc<crate::domain::catalog::Catalog> {
        self.engine.catalog()
    }

    pub fn ask(
        &self,
        cart: &[String],
        customer: Option<&str>,
        k: usize,
        now: NaiveDateTime,
    ) -> Result<Explained, String> {
        if k > 100 {
            return Err(format!("k {k} is too large (at most 100)"));
        }
        // The same SKU twice says nothing more about the cart, and scoring grows with its length.
        let mut seen = HashSet::new();
        let cart: Vec<String> = cart.iter().filter(|s| seen.insert(*s)).cloned().collect();
        if cart.len() > MAX_CART {
            return Err(format!(
                "the cart has {} different SKUs (at most {MAX_CART})",
                cart.len()
            ));
        }
        for sku in &cart {
            if self.engine.catalog().by_sku(sku).is_none() {
                return Err(format!("unknown sku '{}'", short(sku)));
            }
        }
        let cart = &cart[..];
        if let Some(c) = customer.filter(|c| !self.customers.contains(*c)) {
            return Err(format!("unknown customer '{}'", short(c)));
        }
        let purchases = match customer {
            Some(c) => Some(
                self.store
                    .customer_purchases(c, self.engine.catalog())
                    .map_err(|e| e.to_string())?,
            ),
            None => None,
        };
        Ok(self.engine.recommend_explained(&Request {
            cart,
            customer,
            purchases: purchases.as_deref(),
            now,
            kiosk: self.kiosk,
            k,
            ..Request::default()
        }))
    }

    /// Answers one protocol line with one JSON line (an error object for a bad line).
    pub fn answer_line(&self, line: &str, now: NaiveDateTime) -> String {
        let result = serde_json::from_str::<Query>(line)
            .map_err(|e| format!("bad query: {}", short(&e.to_string())))
            .and_then(|q| {
                let at = match q.at.as_deref() {
                    Some(text) => parse_at(text)?,
                    None => now,
                };
                self.ask(&q.cart, q.customer.as_deref(), q.k, at)
            });
        match result {
            Ok(explained) => {
                let items: Vec<Item<'_>> = explained
                    .items
                    .iter()
                    .map(|r| Item {
                        sku: &r.sku,
                        kind: r.kind.as_str(),
                        source: r.source.as_str(),
                        score: r.score,
                        reason: &r.reason,
                        script: &r.script,
                    })
                    .collect();
                serde_json::to_string(&Answer { items }).expect("answers serialize")
            }
            Err(e) => serde_json::json!({ "error": e }).to_string(),
        }
    }
}

pub fn run(db: &Path, args: RecommendArgs) -> anyhow::Result<()> {
    let store = Store::open(db)?;
    let service = Service::load(store, args.kiosk)?;
    let now = || {
        args.at
            .unwrap_or_else(|| chrono::Local::now().naive_local())
    };
    if args.stdin {
        let stdin = std::io::stdin();
        let mut out = std::io::stdout().lock();
        let mut input = stdin.lock();
        while let Some(line) = next_line(&mut input).context("reading standard input")? {
            let answer = match line {
                Line::Text(line) if line.trim().is_empty() => continue,
                Line::Text(line) => service.answer_line(&line, now()),
                Line::TooLong => serde_json::json!({
                    "error": format!("line longer than {MAX_LINE} bytes: skipped")
                })
                .to_string(),
                Line::NotUtf8 => serde_json::json!({ "error": "line is not UTF-8" }).to_string(),
            };
            writeln!(out, "{answer}")?;
            out.flush()?;
        }
        return Ok(());
    }
    let explained = service
        .ask(&args.cart, args.customer.as_deref(), args.k, now())
        .map_err(anyhow::Error::msg)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "items": explained.items,
                "removed": explained.removals.removed,
                "held_back_by_category": explained.removals.held_back_by_category,
                "opted_out": explained.opted_out,
            }))?
        );
    } else {
        print!("{}", table(&explained.items));
        if args.explain {
            print!("{}", removals(&explained));
        }
    }
    Ok(())
}

/// Why the list is not longer, in one line per rule that removed something.
pub fn removals(e: &Explained) -> String {
    let mut out = String::new();
    if e.opted_out {
        out += "the customer opted out of offers\n";
    }
    if e.removals.removed.is_empty() && e.removals.held_back_by_category == 0 {
        return out + "no product was kept off the list\n";
    }
    out += "kept off the list:\n";
    for (rule, n) in &e.removals.removed {
        out += &format!("  {:<20} {n}\n", rule.as_str());
    }
    if e.removals.held_back_by_category > 0 {
        out += &format!(
            "  {:<20} {} (more than two of one category)\n",
            "moved-down", e.removals.held_back_by_category
        );
    }
    out
}

/// The suggestions as a table a person reads in a terminal.
pub fn table(items: &[Recommendation]) -> String {
    if items.is_empty() {
        return "no suggestions\n".into();
    }
    let mut out = format!(
        "{:<2} {:<10} {:<8} {:>5}  {:<12} {:<30} {:>10}\n",
        "#", "kind", "source", "score", "sku", "product", "price"
    );
    for (i, r) in items.iter().enumerate() {
        let price = match (r.price_difference, r.saving) {
            (Some(d), _) => format!("+{d}"),
            (_, Some(s)) => format!("save {s}"),
            _ => r.price.to_string(),
        };
        out += &format!(
            "{:<2} {:<10} {:<8} {:>5.2}  {:<12} {:<30} {:>10}\n   why: {}\n   say: \"{}\"\n",
            i + 1,
            r.kind.as_str(),
            r.source.as_str(),
            r.score,
            fit(&r.sku, 12),
            fit(&r.name, 30),
            price,
            terminal(&r.reason),
            terminal(&r.script)
        );
    }
    out
}
