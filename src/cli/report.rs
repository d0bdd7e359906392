//! `xsell report`: the cross-selling figures for a period, as a table, CSV or JSON.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;

use crate::domain::safe_text::{csv_cell, terminal_lines};
use crate::report::expected_attach::{self, Baseline};
use crate::report::{Breakdown, Group, MIN_RULE_OFFERS, Period, Preset, Report, text};
use crate::store::Store;

#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// First day, included (YYYY-MM-DD, the shop's calendar).
    #[arg(long, value_name = "DATE", conflicts_with = "period")]
    pub from: Option<NaiveDate>,
    /// Last day, included.
    #[arg(long, value_name = "DATE", conflicts_with = "period")]
    pub to: Option<NaiveDate>,
    /// A period ending today: today, week (7 days), month (30 days) or all (the default).
    #[arg(long, value_parser = ["today", "week", "month", "all"])]
    pub period: Option<String>,
    /// What the offers are broken down by.
    #[arg(long, default_value = "category", value_parser = ["staff", "category", "source", "kind", "rule"])]
    pub by: String,
    #[arg(long, default_value = "table", value_parser = ["table", "csv", "json"])]
    pub format: String,
}

pub fn run(db: &Path, args: ReportArgs) -> anyhow::Result<()> {
    let today = chrono::Local::now().date_naive();
    let period = match (&args.period, args.from, args.to) {
        (Some(p), _, _) => Preset::parse(p).expect("clap checked it").period(today),
        (None, from, to) => Period { from, to },
    };
    if let (Some(f), Some(t)) = (period.from, period.to) {
        anyhow::ensure!(f <= t, "--from {f} is after --to {t}");
    }
    let by = Breakdown::parse(&args.by).expect("clap checked it");
    anyhow::ensure!(db.exists(), "no store at {}", db.display());
    let store = Store::open(db)?;
    let report = store.report(period, by)?;
    // By staff, each person's attach rate has its fair baseline beside it.
    let baselines = match by {
        Breakdown::Staff => Some(super::report_baseline::baselines(&store, period)?),
        _ => None,
    };
    let out = render(&report, &args.format, baselines.as_deref())?;
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .context("writing the report")?;
    Ok(())
}

/// The report, with each person's fair baseline when there are baselines (`--by staff`).
pub fn render(
    report: &Report,
    format: &str,
    baselines: Option<&[Baseline]>,
) -> anyhow::Result<String> {
    Ok(match format {
        "json" => {
            #[derive(serde::Serialize)]
            struct WithBaselines<'a> {
                #[serde(flatten)]
                report: &'a Report,
                #[serde(skip_serializing_if = "Option::is_none")]
                baselines: Option<&'a [Baseline]>,
            }
            serde_json::to_string_pretty(&WithBaselines { report, baselines })? + "\n"
        }
        "csv" => csv(report, baselines)?,
        _ => {
            let mut text = table(report);
            if let Some(b) = baselines {
                text.push('\n');
                text.push_str(&expected_attach::table(b));
            }
            terminal_lines(&text).into_owned()
        }
    })
}

/// One row per group of the breakdown, the whole shop first: what a spreadsheet wants.
/// With baselines, each person's real and expected attach rates close the row.
fn csv(report: &Report, baselines: Option<&[Baseline]>) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        report.breakdown.name(),
        "shown",
        "accepted",
        "dismissed",
        "expired",
        "ignored",
        "open",
        "held_out",
        "conversion",
        "revenue_added",
    ];
    if baselines.is_some() {
        header.extend(["attach_rate", "expected_attach_rate"]);
    }
    w.write_record(header)?;
    let rate = |r: Option<f64>| r.map_or(String::new(), |r| format!("{r:.4}"));
    let total = Group {
        key: "(all)".into(),
        counts: report.offers,
        conversion: report.conversion,
        revenue_added: report.revenue_added,
        switch_off: false,
    };
    for g in std::iter::once(&total).chain(&report.groups) {
        let c = &g.counts;
        let mut row = vec![
            csv_cell(&g.key).into_owned(),
            c.shown.to_string(),
            c.accepted.to_string(),
            c.dismissed.to_string(),
            c.expired.to_string(),
            c.ignored.to_string(),
            c.open.to_string(),
            c.held_out.to_string(),
            g.conversion.map_or(String::new(), |r| format!("{r:.4}")),
            g.revenue_added.to_decimal_string(),
        ];
        if let Some(baselines) = baselines {
            let b = baselines.iter().find(|b| b.staff == g.key);
            row.push(rate(b.and_then(|b| b.attach_rate)));
            row.push(rate(b.and_then(|b| b.expected_attach_rate)));
        }
        w.write_record(row)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn groups_table(out: &mut String, title: &str, groups: &[Group]) {
    let width = groups
        .iter()
        .map(|g| g.key.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(title.len(), 60);
    out.push_str(&format!(
        "{title:<width$}  {:>6}  {:>8}  {:>10}  {:>8}  {:>13}\n",
        "shown", "accepted", "conversion", "held out", "revenue added"
    ));
    for g in groups {
        let key: String = g.key.chars().take(width).collect();
        out.push_str(&format!(
            "{key:<width$}  {:>6}  {:>8}  {:>10}  {:>8}  {:>13}{}\n",
            g.counts.shown,
            g.counts.accepted,
            text::pct(g.conversion),
            g.counts.held_out,
            g.revenue_added.to_string(),
            if g.switch_off {
                "  ← consider switching off"
            } else {
                ""
            }
        ));
    }
}

fn table(report: &Report) -> String {
    let mut out = format!("Cross-selling, {}\n\n", report.period.label());
    for (label, value) in text::summary(report) {
        out.push_str(&format!("{label:<17} {value}\n"));
    }
    out.push('\n');
    groups_table(
        &mut out,
        &format!("by {}", report.breakdown.name()),
        &report.groups,
    );
    if report.breakdown != Breakdown::Rule {
        // Rarely offered rules say little; CSV and JSON list them all.
        let (often, rare): (Vec<Group>, Vec<Group>) = report
            .rules
            .iter()
            .cloned()
            .partition(|g| g.counts.shown >= MIN_RULE_OFFERS);
        out.push('\n');
        groups_table(&mut out, "rule", &often);
        if !rare.is_empty() {
            out.push_str(&format!(
                "… and {} rules offered fewer than {MIN_RULE_OFFERS} times (--by rule lists them)\n",
                rare.len()
            ));
        }
    }
    out
}
