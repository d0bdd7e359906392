//! `xsell audit`: the audit trail for a manager, as a table, CSV or JSON.

use std::io::Write;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use clap::{Args, ValueEnum};

use crate::domain::safe_text::{csv_cell, terminal};
use crate::store::Store;
use crate::store::audit::AuditRow;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// From this date or date-time (YYYY-MM-DD[THH:MM[:SS]]), inclusive.
    #[arg(long, value_parser = parse_from)]
    from: Option<NaiveDateTime>,
    /// Up to this date (the whole day) or date-time, inclusive.
    #[arg(long, value_parser = parse_to)]
    to: Option<NaiveDateTime>,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

fn parse_when(s: &str, end_of_day: bool) -> Result<NaiveDateTime, String> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let t = if end_of_day {
            NaiveTime::from_hms_opt(23, 59, 59).expect("valid time")
        } else {
            NaiveTime::MIN
        };
        return Ok(d.and_time(t));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Ok(t);
        }
    }
    Err(format!(
        "'{s}' is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)"
    ))
}

fn parse_from(s: &str) -> Result<NaiveDateTime, String> {
    parse_when(s, false)
}

fn parse_to(s: &str) -> Result<NaiveDateTime, String> {
    parse_when(s, true)
}

pub fn run(db: &Path, args: AuditArgs) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!("no store at {}", db.display());
    }
    let store = Store::open(db)?;
    let rows = store.audit_rows(args.from, args.to)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "id",
                "at",
                "till",
                "staff",
                "action",
                "detail",
                "approved_by",
            ])?;
            for r in &rows {
                w.write_record(fields(r).iter().map(|c| csv_cell(c).into_owned()))?;
            }
            w.flush()?;
        }
        Format::Table => table(&mut out, &rows)?,
    }
    Ok(())
}

fn fields(r: &AuditRow) -> [String; 7] {
    [
        r.id.to_string(),
        r.at.format("%Y-%m-%d %H:%M:%S").to_string(),
        r.till.clone().unwrap_or_default(),
        r.staff.clone().unwrap_or_default(),
        r.action.clone(),
        r.detail.clone(),
        r.approved_by.clone().unwrap_or_default(),
    ]
}

fn table(out: &mut impl Write, rows: &[AuditRow]) -> anyhow::Result<()> {
    use unicode_width::UnicodeWidthStr;
    let head = [
        "#",
        "at",
        "till",
        "staff",
        "action",
        "detail",
        "approved by",
    ];
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| fields(r).map(|c| terminal(&c).into_owned()))
        .collect();
    let mut widths = head.map(UnicodeWidthStr::width);
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &[String]| -> String {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(w - c.width()));
            }
        }
        s
    };
    writeln!(out, "{}", line(&head.map(String::from)))?;
    for row in &cells {
        writeln!(out, "{}", line(row))?;
    }
    if rows.is_empty() {
        writeln!(out, "(no audit entries in that period)")?;
    }
    Ok(())
}
