//! Trainees' progress over the reports: the trainees on the left, and for the selected one
//! their scores over time as bars (out of 100, the latest on the right) with a row per
//! scenario and per skill: first, last and best.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Widget};

use super::window;
use crate::app::training_progress::ProgressState;
use crate::domain::safe_text::terminal;
use crate::report::training::{MAX_SCORE, Series, TraineeProgress};
use crate::ui::text::{fit_middle, left, right};
use crate::ui::theme;

/// Width of the trainee list.
const LIST: u16 = 30;

pub fn draw(state: &ProgressState, top: bool, buf: &mut Buffer, area: Rect) {
    let inner = window(buf, area, area.width, area.height, "Training progress", top);
    if inner.width < 10 || inner.height < 3 {
        return;
    }
    let Some(trainees) = super::loaded(&state.trainees, &state.error, buf, inner) else {
        return;
    };
    if trainees.is_empty() {
        Paragraph::new(vec![
            Line::styled("No training sessions recorded yet.", theme::muted()),
            Line::styled(
                "Trainees practise with `xsell train`; each finished session shows here.",
                theme::muted(),
            ),
        ])
        .render(inner, buf);
        return;
    }
    let list_width = LIST.min(inner.width / 3);
    let [list, detail] = Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)])
        .spacing(1)
        .areas(inner);
    trainee_list(state, trainees, buf, list);
    if let Some(t) = state.selected() {
        trainee(t, buf, detail);
    }
}

fn trainee_list(state: &ProgressState, trainees: &[TraineeProgress], buf: &mut Buffer, area: Rect) {
    let width = usize::from(area.width);
    let mut lines = vec![Line::styled(
        format!(
            "{}{}",
            left("trainee", width.saturating_sub(9)),
            right("best", 9)
        ),
        theme::bold(),
    )];
    // The selected trainee stays in view on a short screen.
    let shown = usize::from(area.height).saturating_sub(1).max(1);
    let first = state.selected.saturating_sub(shown - 1);
    for (i, t) in trainees.iter().enumerate().skip(first).take(shown) {
        let name = fit_middle(&terminal(&t.staff_name), width.saturating_sub(9));
        let text = format!(
            "{}{}",
            left(&name, width.saturating_sub(9)),
            right(&format!("{} ×{}", t.best, t.sessions), 9)
        );
        let style = if i == state.selected {
            theme::selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    Paragraph::new(lines).render(area, buf);
}

fn trainee(t: &TraineeProgress, buf: &mut Buffer, area: Rect) {
    let rows: Vec<&Series> = t.scenarios.iter().chain(&t.skills).collect();
    // Two rows of words, the rest split between the chart and the table.
    let table_rows = (rows.len() as u16 + 1).min(area.height.saturating_sub(8) / 2 + 1);
    let [head, chart, table] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(table_rows),
    ])
    .areas(area);
    Paragraph::new(vec![
        Line::styled(
            format!("{} ({})", terminal(&t.staff_name), terminal(&t.staff_code)),
            theme::title(),
        ),
        Line::styled(
            format!(
                "{} session{} · best {} · latest {}",
                t.sessions,
                if t.sessions == 1 { "" } else { "s" },
                t.best,
                t.scores.last().unwrap_or(0)
            ),
            theme::muted(),
        ),
    ])
    .render(head, buf);
    scores_chart(&t.scores, buf, chart);
    series_table(t, &rows, buf, table);
}

/// Each session's score as a bar, as many of the latest as fit.
fn scores_chart(scores: &Series, buf: &mut Buffer, area: Rect) {
    if area.height < 4 || area.width < 6 {
        return;
    }
    let block = Block::bordered()
        .border_style(theme::border())
        .title(Line::styled(
            " scores over time (out of 100) ",
            theme::muted(),
        ));
    let inside = block.inner(area);
    block.render(area, buf);
    let fit = usize::from(inside.width / 4).max(1);
    let skipped = scores.points.len().saturating_sub(fit);
    let bars: Vec<Bar> = scores.points[skipped..]
        .iter()
        .map(|p| {
            let v = p.value.clamp(0, i64::from(MAX_SCORE)) as u64;
            Bar::default()
                .value(v)
                .label(Line::from(p.at.format("%d").to_string()))
                .style(Style::new().fg(if v >= 80 { theme::GOOD } else { theme::ACCENT }))
        })
        .collect();
    BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(3)
        .bar_gap(1)
        .max(u64::from(MAX_SCORE))
        .render(inside, buf);
}

/// A row per scenario and skill: first, last and best.
fn series_table(t: &TraineeProgress, rows: &[&Series], buf: &mut Buffer, area: Rect) {
    let width = usize::from(area.width);
    let name_width = width.saturating_sub(19);
    let mut lines = vec![Line::styled(
        format!(
            "{}{}{}{}",
            left("scenario / skill", name_width),
            right("first", 6),
            right("last", 6),
            right("best", 6)
        ),
        theme::bold(),
    )];
    for (i, s) in rows.iter().enumerate() {
        let kind = if i < t.scenarios.len() { "" } else { "· " };
        let best = s.points.iter().map(|p| p.value).max().unwrap_or(0);
        lines.push(Line::raw(format!(
            "{}{}{}{}",
            left(
                &fit_middle(&format!("{kind}{}", terminal(&s.name)), name_width),
                name_width
            ),
            right(&s.first().unwrap_or(0).to_string(), 6),
            right(&s.last().unwrap_or(0).to_string(), 6),
            right(&best.to_string(), 6)
        )));
    }
    Paragraph::new(lines).render(area, buf);
}
