//! Recommendation latency as a client sees it: the real `xsell recommend --stdin` process on
//! a store, one query at a time (send a line, wait for its answer), timed round trip.
//!
//! Run on the scaled shop (see README "Speed"):
//!   XSELL_BENCH_DB=/tmp/xsell-scale/store.db cargo bench --bench recommend_stdin
//! Prints the engine's load time, median / p99 / max round trip over 10,000 queries with a
//! five-item cart and a known customer, and the process's peak resident memory.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use xsell::store::Store;

const QUERIES: usize = 10_000;

fn main() {
    let Some(db) = std::env::var_os("XSELL_BENCH_DB") else {
        eprintln!("recommend_stdin: set XSELL_BENCH_DB to a store (see README, Speed); skipped");
        return;
    };
    let exe = std::env::var_os("XSELL_BIN")
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/xsell").into());
    let store = Store::open(std::path::Path::new(&db)).expect("open the bench store");
    let skus: Vec<String> = store
        .load_catalog()
        .unwrap()
        .products()
        .iter()
        .filter(|p| p.in_stock())
        .map(|p| p.sku.clone())
        .collect();
    let customers = store
        .customers_with_orders(50_000)
        .expect("customers with orders");
    drop(store);
    // Carts drawn from real baskets would be kinder; random products are the worst case for
    // the neighbour lists (nothing in common), and what a benchmark should show.
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut pick = |n: usize| (rng.next_u64() % n as u64) as usize;
    let queries: Vec<String> = (0..QUERIES)
        .map(|_| {
            let cart: Vec<&str> = (0..5).map(|_| skus[pick(skus.len())].as_str()).collect();
            let customer = &customers[pick(customers.len())];
            serde_json::json!({ "cart": cart, "customer": customer, "k": 5 }).to_string()
        })
        .collect();

    let start = Instant::now();
    let mut child = Command::new(&exe)
        .arg("--db")
        .arg(&db)
        .args(["recommend", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start xsell recommend --stdin (build with cargo build --release first)");
    let pid = child.id();
    let mut input = child.stdin.take().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let mut ask = |q: &str, line: &mut String| {
        writeln!(input, "{q}").unwrap();
        input.flush().unwrap();
        line.clear();
        output.read_line(line).unwrap();
        assert!(line.starts_with("{\"items\":"), "unexpected answer: {line}");
    };
    ask(&queries[0], &mut line);
    let load = start.elapsed();
    let mut times: Vec<Duration> = Vec::with_capacity(QUERIES);
    for q in &queries {
        let t = Instant::now();
        ask(q, &mut line);
        times.push(t.elapsed());
    }
    let peak_kb = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0);
    child.kill().ok();
    child.wait().ok();
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "engine load (start to first answer): {:.2} s",
        load.as_secs_f64()
    );
    println!(
        "round trip over {QUERIES} queries (5-item cart, known customer, k=5): median {} us, p99 {} us, max {} us",
        pct(0.5).as_micros(),
        pct(0.99).as_micros(),
        times.last().unwrap().as_micros()
    );
    println!("peak resident memory: {} MB", peak_kb / 1024);
}
