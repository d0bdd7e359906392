//! The close of day over the reports: the X report of this till's day, line by line as
//! `xsell day` prints it, and the cash counted being typed to close it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::window;
use crate::app::day::DayState;
use crate::report::day_text;
use crate::ui::theme;

pub fn draw(state: &DayState, top: bool, buf: &mut Buffer, area: Rect) {
    let title = match &state.report {
        Some(r) => day_text::title(r),
        None => format!("Close of day · {}", state.day),
    };
    let inner = window(buf, area, area.width, area.height, &title, top);
    if inner.width < 10 || inner.height < 2 {
        return;
    }
    let Some(report) = super::loaded(&state.report, &state.error, buf, inner) else {
        return;
    };
    // The last two lines say what happens next: the count being typed, or how to close.
    let foot = 2u16.min(inner.height.saturating_sub(1));
    let body = Rect {
        height: inner.height - foot,
        ..inner
    };
    let lines: Vec<Line> = day_text::lines(report, usize::from(body.width))
        .into_iter()
        .skip(state.scroll)
        .take(usize::from(body.height))
        .map(|l| {
            let style = if l.starts_with("cash expected")
                || l.starts_with("net takings")
                || l.starts_with("short")
                || l.starts_with("over")
            {
                theme::bold()
            } else {
                Style::new()
            };
            Line::styled(l, style)
        })
        .collect();
    Paragraph::new(lines).render(body, buf);
    let foot_area = Rect {
        y: body.bottom(),
        height: foot,
        ..inner
    };
    let foot_lines = match (&state.counted, &report.closed) {
        (Some(counted), _) => vec![
            Line::from(vec![
                Span::styled("Cash counted ▸ ", theme::title()),
                Span::styled(counted.text().to_string(), theme::bold()),
                Span::styled("█", Style::new().fg(theme::ACCENT)),
            ]),
            Line::styled(
                format!(
                    "{} expected · Enter closes the day, once",
                    report.cash.expected
                ),
                theme::muted(),
            ),
        ],
        (None, Some(z)) => vec![
            Line::default(),
            Line::styled(
                format!(
                    "Z {} closed at {} · counted {} · {} {}",
                    z.z_no,
                    z.closed_at.format("%H:%M"),
                    z.counted,
                    crate::report::day::over_short_label(z.over_short),
                    z.over_short
                ),
                theme::muted(),
            ),
        ],
        (None, None) => vec![
            Line::default(),
            Line::styled(
                format!(
                    "c closes the day: count the drawer ({} expected)",
                    report.cash.expected
                ),
                theme::muted(),
            ),
        ],
    };
    Paragraph::new(foot_lines).render(foot_area, buf);
}
