//! `xsell eval`: measures the engine against the baselines on an orders file, on the split
//! the peers used, so that the figures compare with theirs (see docs/eval.md).

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::progress::{Progress, Reading, Unit};
use crate::recommend::baskets::Baskets;

use super::progress::Bars;
use crate::recommend::eval::{self, Report};
use crate::recommend::model::Params;

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Orders CSV (`order_id,customer_id,sku,qty,unit_price,ts`).
    #[arg(long)]
    pub orders: PathBuf,
    /// Print the report as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Suggestions asked for per case (hit@k, MRR@k).
    #[arg(long, default_value_t = 5)]
    pub k: usize,
    /// Use the built-in (or --params) parameters as they are instead of tuning them on
    /// validation folds of the training orders.
    #[arg(long)]
    pub no_tune: bool,
    /// Start from these parameters (JSON object, missing fields take the built-in values),
    /// e.g. to reproduce a run or to switch a signal off; combine with --no-tune to use as is.
    #[arg(long, value_name = "JSON")]
    pub params: Option<String>,
}

pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    if args.k == 0 {
        bail!("--k must be at least 1");
    }
    let name = args.orders.display().to_string();
    let file = File::open(&args.orders).with_context(|| format!("cannot open {name}"))?;
    let bars = Bars::stderr();
    let size = file.metadata().map(|m| m.len()).ok();
    bars.begin("reading the orders", size, Unit::Bytes);
    let baskets = Baskets::from_orders_csv(BufReader::new(Reading::new(file, &bars)))
        .map_err(|e| anyhow::anyhow!(e.in_file(&name)))?;
    if baskets.is_empty() {
        bail!("{name}: no orders");
    }
    let params: Params = match &args.params {
        Some(json) => serde_json::from_str(json).context("--params")?,
        None => Params::default(),
    };
    let report = eval::run_with(&baskets, args.k, &params, !args.no_tune, &bars);
    drop(bars);
    tracing::info!(
        orders = report.orders,
        cases = report.cases,
        tuned = report.tuned,
        tune_ms = report.tune_ms as u64,
        train_ms = report.train_ms as u64,
        "evaluated {name}"
    );
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", table(&report));
    }
    Ok(())
}

/// The report as a plain-text table.
pub fn table(r: &Report) -> String {
    let k = r.rows.first().map_or(5, |row| row.metrics.k);
    let mut out = format!(
        "{} orders, {} items; {} train, {} test orders; {} cases ({} with a known customer)\n\n",
        r.orders, r.items, r.train_orders, r.test_orders, r.cases, r.known_customer_cases
    );
    let width = r.rows.iter().map(|row| row.name.len()).max().unwrap_or(0);
    out += &format!(
        "{:width$}  {:>6}  {:>6}  {:>6}  {:>6}\n",
        "recommender",
        "hit@1",
        "hit@3",
        format!("hit@{k}"),
        format!("MRR@{k}"),
    );
    for row in &r.rows {
        let m = &row.metrics;
        out += &format!(
            "{:width$}  {:>6.3}  {:>6.3}  {:>6.3}  {:>6.3}\n",
            row.name, m.hit1, m.hit3, m.hitk, m.mrr
        );
    }
    let p = &r.params;
    out += &format!(
        "\nengine parameters ({}): shrink {} · w_assoc {} · w_cond {} · w_cosine {} · w_absent {} · w_size {} · cart_norm {} · \
         size_weight {} · w_time {} · w_weekday {} · time_shrink {} · half_life_days {} · w_history {} · neighbours {} · fill {}\n",
        if r.tuned {
            "tuned on validation folds of the training orders"
        } else {
            "built-in"
        },
        p.shrink,
        p.w_assoc,
        p.w_cond,
        p.w_cosine,
        p.w_absent,
        p.w_size,
        p.cart_norm,
        p.size_weight,
        p.w_time,
        p.w_weekday,
        p.time_shrink,
        p.half_life_days,
        p.w_history,
        p.neighbours,
        p.fill,
    );
    let v = &r.validation;
    out += &format!(
        "engine on the validation folds ({} cases): hit@1 {:.3} · hit@3 {:.3} · hit@{k} {:.3} · MRR@{k} {:.3}\n",
        v.cases, v.hit1, v.hit3, v.hitk, v.mrr
    );
    out += &format!(
        "tuning {:.0} ms · training {:.1} ms · query mean {:.1} µs, p99 {:.1} µs\n",
        r.tune_ms, r.train_ms, r.query_mean_us, r.query_p99_us
    );
    out
}
