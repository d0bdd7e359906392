//! `xsell eval`: measures the engine against the baselines on an orders file, on the split
//! the peers used, so that the figures compare with theirs (see docs/eval.md).

use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::progress::{Progress, Reading, Unit};
use crate::recommend::baskets::Baskets;

use super::eval_till;
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
    /// The shop's catalog CSV for the till rows (as `import catalog` takes it); without it,
    /// every SKU of the orders at its first price, with no category and no stock.
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    /// Leave out the till rows (the engine as `recommend --stdin` serves it, after an
    /// import and a `mine` of the training orders in memory).
    #[arg(long)]
    pub no_till: bool,
}

/// The report with the till's own figures beside it.
#[derive(serde::Serialize)]
struct WithTill<'a> {
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    till: Option<&'a eval_till::TillRows>,
}

pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    if args.k == 0 {
        bail!("--k must be at least 1");
    }
    let name = args.orders.display().to_string();
    // Read whole: the till rows import the same bytes into a store.
    let bytes = std::fs::read(&args.orders).with_context(|| format!("cannot open {name}"))?;
    let catalog = match &args.catalog {
        Some(path) => {
            Some(std::fs::read(path).with_context(|| format!("cannot open {}", path.display()))?)
        }
        None => None,
    };
    let bars = Bars::stderr();
    bars.begin("reading the orders", Some(bytes.len() as u64), Unit::Bytes);
    let baskets = Baskets::from_orders_csv(Reading::new(&bytes[..], &bars))
        .map_err(|e| anyhow::anyhow!(e.in_file(&name)))?;
    if baskets.is_empty() {
        bail!("{name}: no orders");
    }
    let params: Params = match &args.params {
        Some(json) => serde_json::from_str(json).context("--params")?,
        None => Params::default(),
    };
    let mut report = eval::run_with(&baskets, args.k, &params, !args.no_tune, &bars);
    let till = if args.no_till {
        None
    } else {
        let till = eval_till::run(&bytes, catalog.as_deref(), &baskets, args.k, &bars)
            .with_context(|| format!("the till path on {name}"))?;
        eval_till::rows_first(&till, &mut report.rows);
        Some(till)
    };
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
        let out = WithTill {
            report: &report,
            till: till.as_ref(),
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print!("{}", table(&report));
        if let Some(till) = &till {
            print!("{}", eval_till::summary(till));
        }
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
        "model on the validation folds ({} cases): hit@1 {:.3} · hit@3 {:.3} · hit@{k} {:.3} · MRR@{k} {:.3}\n",
        v.cases, v.hit1, v.hit3, v.hitk, v.mrr
    );
    out += &format!(
        "tuning {:.0} ms · training {:.1} ms · query mean {:.1} µs, p99 {:.1} µs\n",
        r.tune_ms, r.train_ms, r.query_mean_us, r.query_p99_us
    );
    out
}
