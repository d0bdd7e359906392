//! The managers' reports screen: the summary, conversion by group as bars, the attach rate
//! per day as a sparkline, and the rules table.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Paragraph, Sparkline, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::window;
use crate::app::reports::ReportsState;
use crate::report::{DayPoint, Preset, Report, text};
use crate::ui::text::{fit_middle, left, right};
use crate::ui::theme;

pub fn draw(state: &ReportsState, top: bool, buf: &mut Buffer, area: Rect) {
    let inner = window(buf, area, area.width, area.height, "Reports", top);
    if inner.width < 10 || inner.height < 3 {
        return;
    }
    // The period and sorting keys wrap between words onto a second row at 80 columns.
    let controls = controls(state);
    let bar_rows = if controls.width() > usize::from(inner.width) {
        2
    } else {
        1
    };
    let [bar, body] =
        Layout::vertical([Constraint::Length(bar_rows), Constraint::Min(0)]).areas(inner);
    Paragraph::new(controls)
        .wrap(Wrap { trim: true })
        .render(bar, buf);
    let Some(report) = super::loaded(&state.report, &state.error, buf, body) else {
        return;
    };
    let summary_lines = summary(report, body.width as usize);
    let summary_height = summary_lines.len() as u16 + 1;
    // On a short screen the charts give way: the rules, which a manager acts on, keep rows.
    let charts_fit = body.height.saturating_sub(summary_height) >= 14;
    let [summary, charts, rules] = Layout::vertical([
        Constraint::Length(summary_height),
        if charts_fit {
            Constraint::Fill(1)
        } else {
            Constraint::Length(0)
        },
        Constraint::Fill(1),
    ])
    .areas(body);
    Paragraph::new(summary_lines).render(summary, buf);
    rules_table(state, buf, rules);
    if !charts_fit {
        return;
    }
    let [bars, line] = Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)])
        .spacing(1)
        .areas(charts);
    conversion_bars(report, buf, bars);
    attach_sparkline(report, buf, line);
}

fn controls(state: &ReportsState) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, p) in Preset::ALL.iter().enumerate() {
        let style = if *p == state.preset {
            theme::selected()
        } else {
            theme::muted()
        };
        spans.push(Span::styled(format!(" {} {} ", i + 1, p.label()), style));
    }
    spans.push(Span::styled("  by ", theme::muted()));
    spans.push(Span::styled(state.breakdown.name(), theme::bold()));
    spans.push(Span::styled(" (Tab)  rules ", theme::muted()));
    spans.push(Span::styled(state.sort.label(), theme::bold()));
    spans.push(Span::styled(" (s)", theme::muted()));
    Line::from(spans)
}

/// The summary's rows, each value wrapped between words under its own column, so that at 80
/// columns nothing is cut.
fn summary(r: &Report, width: usize) -> Vec<Line<'static>> {
    let good = |e: &crate::report::Estimate| match e {
        crate::report::Estimate::Measured { low, .. } if *low > 0.0 => Style::new().fg(theme::GOOD),
        _ => Style::default(),
    };
    let o = &r.offers;
    let f = &r.feedback;
    let room = width.saturating_sub(LABEL).max(10);
    let row = |label: &str, value: String, style: Style| -> Vec<Line<'static>> {
        textwrap::wrap(&value, room)
            .into_iter()
            .enumerate()
            .map(|(i, part)| {
                let label = if i == 0 { label } else { "" };
                Line::from(vec![
                    Span::styled(left(label, LABEL), theme::muted()),
                    Span::styled(part.into_owned(), style),
                ])
            })
            .collect()
    };
    let rows = vec![
        vec![Line::styled(r.period.label(), theme::bold())],
        row(
            "Offers",
            format!(
                "{} shown · {} accepted · {} dismissed · {} expired · {} ignored · conversion {}",
                o.shown,
                o.accepted,
                o.dismissed,
                o.expired,
                o.ignored,
                text::pct(r.conversion)
            ),
            Style::default(),
        ),
        row(
            "Attach rate",
            format!(
                "{} of {} orders · control {} of {}",
                text::pct(r.attach_rate),
                r.prompted_orders,
                text::pct(r.control_attach_rate),
                r.control_orders
            ),
            theme::bold(),
        ),
        row(
            "  lift",
            text::attach_lift(&r.lift.attach_rate),
            good(&r.lift.attach_rate),
        ),
        row(
            "Order value",
            format!(
                "{} with an accepted suggestion · {} without · added {}",
                text::money(r.aov_with_accepted),
                text::money(r.aov_without_accepted),
                r.revenue_added
            ),
            Style::default(),
        ),
        row(
            "  lift",
            text::value_lift(&r.lift.order_value),
            good(&r.lift.order_value),
        ),
        row(
            "Feedback",
            format!(
                "{} helpful ({} of {} answers)",
                text::pct(f.helpful_share),
                f.helpful,
                f.helpful + f.not_helpful
            ),
            Style::default(),
        ),
    ];
    rows.into_iter().flatten().collect()
}

/// The summary's label column.
const LABEL: usize = 15;

/// Conversion (in tenths of a percent) of the most offered groups that fit.
fn conversion_bars(r: &Report, buf: &mut Buffer, area: Rect) {
    let block = Block::bordered()
        .border_style(theme::border())
        .title(Span::styled(
            format!(" Conversion by {} ", r.breakdown.name()),
            theme::title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let mut groups: Vec<_> = r.groups.iter().filter(|g| g.counts.shown > 0).collect();
    groups.sort_by(|a, b| b.counts.shown.cmp(&a.counts.shown).then(a.key.cmp(&b.key)));
    groups.truncate(inner.height as usize);
    // Labels as long as the longest shown, up to half the box: "Screen Protectors" whole.
    let longest = groups.iter().map(|g| g.key.width()).max().unwrap_or(4);
    let label_width = longest.clamp(4, usize::from(inner.width / 2).max(4)) + 1;
    let bars: Vec<Bar> = groups
        .iter()
        .map(|g| {
            let c = g.conversion.unwrap_or(0.0);
            Bar::default()
                .value((c * 1000.0).round() as u64)
                .text_value(text::pct(g.conversion))
                .label(Line::from(left(&g.key, label_width)))
                .style(Style::new().fg(if g.switch_off {
                    theme::WARN
                } else {
                    theme::ACCENT
                }))
        })
        .collect();
    BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(0)
        .max(1000)
        .value_style(theme::bold())
        .render(inner, buf);
}

/// Attach rate (per mille) per column: days are pooled into as many columns as fit, each
/// column's rate being its orders' (not an average of daily rates).
pub fn attach_columns(daily: &[DayPoint], columns: usize) -> Vec<Option<u64>> {
    if daily.is_empty() || columns == 0 {
        return Vec::new();
    }
    let per = daily.len().div_ceil(columns);
    daily
        .chunks(per)
        .map(|chunk| {
            let orders: u64 = chunk.iter().map(|d| d.orders).sum();
            let attached: u64 = chunk.iter().map(|d| d.attached).sum();
            (orders > 0).then(|| attached * 1000 / orders)
        })
        .collect()
}

fn attach_sparkline(r: &Report, buf: &mut Buffer, area: Rect) {
    let block = Block::bordered()
        .border_style(theme::border())
        .title(Span::styled(" Attach rate per day ", theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 {
        return;
    }
    let [chart, caption] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let columns = attach_columns(&r.daily, chart.width as usize);
    // Few days are drawn wide rather than crowded into the left edge.
    let repeat = (chart.width as usize / columns.len().max(1)).max(1);
    Sparkline::default()
        .data(columns.iter().flat_map(|c| std::iter::repeat_n(*c, repeat)))
        .max(1000)
        .style(Style::new().fg(theme::ACCENT))
        .render(chart, buf);
    let days = r.daily.len();
    let per = days.div_ceil(chart.width.max(1) as usize).max(1);
    let span = match (r.daily.first(), r.daily.last()) {
        (Some(a), Some(b)) => format!("{} – {}", a.day, b.day),
        _ => "no orders".into(),
    };
    let note = if per > 1 {
        format!("{span} · {per} days a column · 0–100%")
    } else {
        format!("{span} · 0–100%")
    };
    Paragraph::new(Line::styled(note, theme::muted())).render(caption, buf);
}

fn rules_table(state: &ReportsState, buf: &mut Buffer, area: Rect) {
    let rules = state.sorted_rules();
    let block = Block::bordered()
        .border_style(theme::border())
        .title(Span::styled(
            format!(" Rules · {} · {} ", rules.len(), state.sort.label()),
            theme::title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return;
    }
    // Each figure column as wide as its header or widest figure, and two to spare; the
    // rule's name takes the rest, shortened from the middle so both of its ends show.
    let widest = |header: &str, values: &mut dyn Iterator<Item = String>| {
        values
            .map(|v| v.width())
            .max()
            .unwrap_or(0)
            .max(header.width())
            + 2
    };
    let shown = widest(
        "shown",
        &mut rules.iter().map(|g| g.counts.shown.to_string()),
    );
    let accepted = widest(
        "accepted",
        &mut rules.iter().map(|g| g.counts.accepted.to_string()),
    );
    let conversion = widest(
        "conversion",
        &mut rules.iter().map(|g| text::pct(g.conversion)),
    );
    let added = widest(
        "added",
        &mut rules.iter().map(|g| g.revenue_added.to_string()),
    );
    let fixed = shown + accepted + conversion + added + 3;
    let key_width = (inner.width as usize).saturating_sub(fixed).max(8);
    let header = format!(
        "{}{}{}{}{}",
        left("rule", key_width),
        right("shown", shown),
        right("accepted", accepted),
        right("conversion", conversion),
        right("added", added)
    );
    let mut lines = vec![Line::styled(header, theme::muted())];
    let visible = (inner.height as usize).saturating_sub(1);
    let first = state.selected.saturating_sub(visible.saturating_sub(1));
    for (i, g) in rules.iter().enumerate().skip(first).take(visible) {
        let flag = if g.switch_off { "  ▼" } else { "" };
        let text = format!(
            "{}{}{}{}{}{flag}",
            left(&fit_middle(&g.key, key_width), key_width),
            right(&g.counts.shown.to_string(), shown),
            right(&g.counts.accepted.to_string(), accepted),
            right(&text::pct(g.conversion), conversion),
            right(&g.revenue_added.to_string(), added),
        );
        let style = match (i == state.selected, g.switch_off) {
            (true, _) => theme::selected(),
            (false, true) => Style::new().fg(theme::WARN),
            (false, false) => Style::default(),
        };
        lines.push(Line::styled(text, style));
    }
    Paragraph::new(lines).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn point(d: u32, orders: u64, attached: u64) -> DayPoint {
        DayPoint {
            day: NaiveDate::from_ymd_opt(2026, 10, d).unwrap(),
            orders,
            attached,
            attach_rate: None,
        }
    }

    #[test]
    fn days_pool_into_columns_by_their_orders() {
        let daily = [
            point(1, 4, 1),
            point(2, 0, 0),
            point(3, 1, 1),
            point(4, 0, 0),
        ];
        assert_eq!(
            attach_columns(&daily, 4),
            [Some(250), None, Some(1000), None]
        );
        // Two columns: (1 of 4) and (1 of 1) orders.
        assert_eq!(attach_columns(&daily, 2), [Some(250), Some(1000)]);
        assert_eq!(attach_columns(&daily, 1), [Some(400)]);
        assert!(attach_columns(&[], 5).is_empty());
    }
}
