//! The close-of-day report as a table for a terminal and as CSV for a spreadsheet. Names in
//! it (staff, void reasons) are shop data: control characters are printed as spaces, and a
//! CSV cell that a spreadsheet would run as a formula is neutralised (`day::csv_cell`).

use unicode_width::UnicodeWidthStr;

use crate::report::day::{DayReport, DayRow, csv_cell};

const ITEM: usize = 38;
const COUNT: usize = 6;
const AMOUNT: usize = 14;

fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// "X report · Till 1 · 2026-12-02", or the Z report's number once the day is closed.
pub fn title(report: &DayReport) -> String {
    match &report.closed {
        Some(z) => format!(
            "Z report {} · {} · {} · closed {}",
            z.z_no,
            clean(&report.till),
            report.day,
            z.closed_at.format("%H:%M")
        ),
        None => format!("X report · {} · {}", clean(&report.till), report.day),
    }
}

/// One row as columns: item, count, amount, in `width` columns at most. A narrow screen
/// cuts the item's words, never a figure.
pub fn columns(row: &DayRow, width: usize) -> String {
    let count = row.count.map_or(String::new(), |c| c.to_string());
    let amount = row.amount.map_or(String::new(), |a| a.to_string());
    // The count column lines up whenever there is room for it; a narrow screen drops it
    // from the lines that have no count.
    let count_w = if count.is_empty() && width < ITEM + COUNT + AMOUNT {
        0
    } else {
        COUNT.max(count.len() + 1)
    };
    let amount_w = if amount.is_empty() {
        0
    } else {
        AMOUNT.max(amount.len() + 1)
    };
    let room = width.saturating_sub(count_w + amount_w);
    let item = crate::domain::receipt::fit(&row.item, room.min(ITEM));
    let pad = room.min(ITEM).saturating_sub(item.width());
    format!(
        "{item}{}{count:>count_w$}{amount:>amount_w$}",
        " ".repeat(pad)
    )
}

/// The report as lines of at most `width` columns (the figures always whole), the title
/// left out: a section per paragraph, then the voids and payouts one a line.
pub fn lines(report: &DayReport, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut section = "";
    for row in report.rows() {
        if row.section != section {
            if !section.is_empty() {
                out.push(String::new());
            }
            section = row.section;
        }
        out.push(columns(&row, width).trim_end().to_string());
    }
    if !report.voids.list.is_empty() {
        out.push(String::new());
        out.push("Voids".into());
        for v in &report.voids.list {
            out.push(clean(&format!(
                "  {}  {} item{} {}{}  {}  by {}{}",
                v.at.format("%H:%M"),
                v.items,
                if v.items == 1 { "" } else { "s" },
                v.value,
                if v.paid.minor() > 0 {
                    format!(" ({} paid back)", v.paid)
                } else {
                    String::new()
                },
                v.reason,
                v.staff.as_deref().unwrap_or("?"),
                v.approved_by
                    .as_deref()
                    .map_or(String::new(), |m| format!(", approved by {m}")),
            )));
        }
    }
    if !report.payouts.is_empty() {
        out.push(String::new());
        out.push("Payouts".into());
        for p in &report.payouts {
            out.push(clean(&format!(
                "  {}  {}  {}",
                p.at.format("%H:%M"),
                p.amount,
                p.reason
            )));
        }
    }
    out
}

pub fn table(report: &DayReport) -> String {
    let mut out = format!("{}\n\n", title(report));
    for line in lines(report, ITEM + COUNT + AMOUNT) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

pub fn csv(report: &DayReport) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["till", "day", "section", "item", "count", "amount"])?;
    let till = csv_cell(&report.till);
    let day = report.day.to_string();
    for row in report.rows() {
        w.write_record([
            till.clone(),
            day.clone(),
            row.section.to_string(),
            csv_cell(row.item.trim_start()),
            row.count.map_or(String::new(), |c| c.to_string()),
            row.amount.map_or(String::new(), |a| a.to_decimal_string()),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
