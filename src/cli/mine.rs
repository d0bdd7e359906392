//! `xsell mine`: frequent itemsets and association rules from an order history.
//!
//! With `--from-csv` it mines an orders file without any store, and writes the itemsets
//! in a form that compares line by line with other miners' output: that is how the miner
//! is checked against the reference data. The store-backed source is another `Source`.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::progress::{Progress, Reading, Unit};
use crate::recommend::baskets::Baskets;

use super::progress::Bars;
use crate::recommend::fpgrowth::{self, Itemsets, Threshold};
use crate::recommend::rules::{self, Rule, RuleParams};

#[derive(clap::Args, Debug, Clone)]
#[command(group(clap::ArgGroup::new("threshold").args(["min_count", "min_support"])))]
pub struct MineArgs {
    /// Mine this orders CSV (order_id,customer_id,sku,qty,unit_price,ts) instead of the store.
    #[arg(long, value_name = "ORDERS.csv")]
    pub from_csv: Option<PathBuf>,
    /// An itemset is frequent when at least this many orders hold it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub min_count: Option<u32>,
    /// An itemset is frequent when at least this share of the orders hold it (0 < F <= 1).
    #[arg(long, value_name = "F")]
    pub min_support: Option<f64>,
    /// Longest itemset mined.
    #[arg(long, value_name = "N")]
    pub max_len: Option<usize>,
    /// Write every frequent itemset here, one JSON object a line: {"items":[SKU,…],"count":N}.
    #[arg(long, value_name = "FILE")]
    pub itemsets_out: Option<PathBuf>,
    /// Also derive rules "antecedent → one SKU" with at least this confidence.
    #[arg(long, value_name = "F")]
    pub min_confidence: Option<f64>,
    /// Longest rule antecedent (with --min-confidence).
    #[arg(long, value_name = "N", requires = "min_confidence")]
    pub max_antecedent: Option<usize>,
    /// Write the rules here, one JSON object a line (with --min-confidence).
    #[arg(long, value_name = "FILE", requires = "min_confidence")]
    pub rules_out: Option<PathBuf>,
    /// Keep the engine's built-in parameters instead of tuning them on the history (a
    /// store-backed run tunes them by default and the till uses what it found).
    #[arg(long, conflicts_with = "from_csv")]
    pub no_tune: bool,
    /// Stop tuning after this many seconds, keeping the best parameters found by then (tuning
    /// also ends with its budget of settings, the same on every machine: 360 for a history
    /// of at most 10,000 orders and 8 million ordered item pairs, else 120; this is the
    /// safety net).
    #[arg(long, value_name = "S", default_value_t = crate::store::mining::TUNE_SECONDS,
          value_parser = clap::value_parser!(u64).range(1..), conflicts_with = "no_tune")]
    pub tune_seconds: u64,
    /// Mine the loaded orders this many times and report the median mining time.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
}

/// Where the order history comes from.
#[derive(Debug, Clone)]
pub enum Source {
    Csv(PathBuf),
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::Csv(path) => path.display().to_string(),
        }
    }

    fn load(&self, progress: &dyn Progress) -> anyhow::Result<Baskets> {
        match self {
            Source::Csv(path) => {
                let file =
                    File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
                let size = file.metadata().map(|m| m.len()).ok();
                progress.begin("reading the orders", size, Unit::Bytes);
                Baskets::from_orders_csv(BufReader::new(Reading::new(file, progress)))
                    .map_err(|e| anyhow::anyhow!(e.in_file(&path.display().to_string())))
            }
        }
    }
}

pub fn run(args: MineArgs, db: &Path) -> anyhow::Result<()> {
    let Some(csv) = args.from_csv.clone() else {
        return super::mine_store::run(db, &args);
    };
    let source = Source::Csv(csv);
    let threshold = match (args.min_count, args.min_support) {
        (Some(c), None) => Threshold::Count(c),
        (None, Some(f)) => Threshold::Support(f),
        _ => bail!("give exactly one of --min-count and --min-support"),
    };
    if let Some(c) = args.min_confidence
        && !(0.0..=1.0).contains(&c)
    {
        bail!("--min-confidence {c} is not in [0, 1]");
    }

    let bars = Bars::stderr();
    let baskets = source.load(&bars)?;
    let min_count = threshold.min_count(baskets.len())?;
    let tx: Vec<&[u32]> = baskets.baskets.iter().map(|b| b.items.as_slice()).collect();

    let mut times: Vec<Duration> = Vec::with_capacity(args.repeat as usize);
    let mut itemsets = Itemsets::default();
    let runs = (args.repeat > 1).then_some(u64::from(args.repeat));
    bars.begin("mining itemsets", runs, Unit::Items("runs"));
    for _ in 0..args.repeat {
        let start = Instant::now();
        itemsets = fpgrowth::mine(&tx, min_count, args.max_len);
        times.push(start.elapsed());
        bars.advance(1);
    }
    bars.end();
    drop(bars);
    times.sort();
    let median = times[times.len() / 2];

    let mut summary = format!(
        "{}: {} baskets, {} items, {} itemsets (min count {min_count}",
        source.name(),
        baskets.len(),
        baskets.index.len(),
        itemsets.len(),
    );
    if let Some(max_len) = args.max_len {
        summary.push_str(&format!(", max len {max_len}"));
    }
    summary.push(')');

    if let Some(path) = &args.itemsets_out {
        write_itemsets(path, &itemsets, &baskets)?;
    }
    if let Some(min_confidence) = args.min_confidence {
        let rules = rules::rules(
            &itemsets,
            baskets.len(),
            RuleParams {
                min_confidence,
                max_antecedent_len: args.max_antecedent,
            },
        )?;
        summary.push_str(&format!(
            ", {} rules (min confidence {min_confidence})",
            rules.len()
        ));
        if let Some(path) = &args.rules_out {
            write_rules(path, &rules, &baskets)?;
        }
    }
    let timing = if args.repeat > 1 {
        format!("median of {}", args.repeat)
    } else {
        "once".to_string()
    };
    eprintln!("{summary}, mining {:.6} s ({timing})", median.as_secs_f64());
    Ok(())
}

/// Position of each item id when items are sorted by label in code-point order (UTF-8
/// byte order is code-point order), so that label order costs integer comparisons.
fn label_ranks(baskets: &Baskets) -> (Vec<u32>, Vec<u32>) {
    let mut by_label: Vec<u32> = (0..baskets.index.len() as u32).collect();
    by_label.sort_unstable_by(|&a, &b| baskets.index.label(a).cmp(baskets.index.label(b)));
    let mut rank = vec![0u32; by_label.len()];
    for (r, &id) in by_label.iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    (rank, by_label)
}

/// Itemsets by length, then by their sorted labels: the order of the reference files.
pub(super) fn write_itemsets(
    path: &Path,
    itemsets: &Itemsets,
    baskets: &Baskets,
) -> anyhow::Result<()> {
    let (rank, by_label) = label_ranks(baskets);
    let mut ranked = Itemsets::default();
    let mut buf: Vec<u32> = Vec::new();
    for (items, count) in itemsets.iter() {
        buf.clear();
        buf.extend(items.iter().map(|&i| rank[i as usize]));
        ranked.push(&buf, count);
    }
    let mut order: Vec<usize> = (0..ranked.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (ia, _) = ranked.get(a);
        let (ib, _) = ranked.get(b);
        ia.len().cmp(&ib.len()).then_with(|| ia.cmp(ib))
    });
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut w = BufWriter::new(file);
    for i in order {
        let (items, count) = ranked.get(i);
        w.write_all(b"{\"items\":[")?;
        for (k, &r) in items.iter().enumerate() {
            if k > 0 {
                w.write_all(b",")?;
            }
            serde_json::to_writer(&mut w, baskets.index.label(by_label[r as usize]))?;
        }
        writeln!(w, "],\"count\":{count}}}")?;
    }
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}

#[derive(serde::Serialize)]
struct RuleLine<'a> {
    antecedent: Vec<&'a str>,
    consequent: &'a str,
    antecedent_count: u32,
    consequent_count: u32,
    count: u32,
    support: f64,
    confidence: f64,
    lift: f64,
}

/// Rules by descending confidence, then lift, then labels: the strongest first.
fn write_rules(path: &Path, rules: &[Rule], baskets: &Baskets) -> anyhow::Result<()> {
    let label = |i: u32| baskets.index.label(i);
    let mut lines: Vec<RuleLine> = rules
        .iter()
        .map(|r| {
            let mut antecedent: Vec<&str> = r.antecedent.iter().map(|&i| label(i)).collect();
            antecedent.sort_unstable();
            RuleLine {
                antecedent,
                consequent: label(r.consequent),
                antecedent_count: r.antecedent_count,
                consequent_count: r.consequent_count,
                count: r.count,
                support: r.support,
                confidence: r.confidence,
                lift: r.lift,
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(b.lift.total_cmp(&a.lift))
            .then_with(|| a.antecedent.cmp(&b.antecedent))
            .then_with(|| a.consequent.cmp(b.consequent))
    });
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut w = BufWriter::new(file);
    for line in &lines {
        serde_json::to_writer(&mut w, line)?;
        w.write_all(b"\n")?;
    }
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}
