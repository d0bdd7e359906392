//! The audit trail over the reports: when, on which till, who, what, and who allowed it,
//! newest first, one line each.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::window;
use crate::app::audit::AuditState;
use crate::ui::text::left;
use crate::ui::theme;

/// Columns before the detail, which takes what is left: time, till, who, action, allowed by.
const WIDTHS: [usize; 5] = [16, 8, 18, 16, 18];

pub fn draw(state: &AuditState, top: bool, buf: &mut Buffer, area: Rect) {
    let title = format!("Audit trail · {}", state.period);
    let inner = window(buf, area, area.width, area.height, &title, top);
    if inner.width < 10 || inner.height < 2 {
        return;
    }
    let Some(rows) = super::loaded(&state.rows, &state.error, buf, inner) else {
        return;
    };
    let width = usize::from(inner.width);
    let detail = width.saturating_sub(WIDTHS.iter().sum::<usize>() + WIDTHS.len());
    let cells = |values: [&str; 6]| -> String {
        let mut line = String::new();
        for (value, w) in values.iter().zip(WIDTHS.iter().chain([&detail])) {
            line.push_str(&left(value, *w));
            line.push(' ');
        }
        line
    };
    let mut lines = vec![Line::styled(
        cells(["when", "till", "who", "what", "allowed by", "detail"]),
        theme::bold(),
    )];
    if rows.is_empty() {
        lines.push(Line::styled("Nothing in this period.", theme::muted()));
    }
    let shown = usize::from(inner.height).saturating_sub(1);
    for row in rows.iter().skip(state.scroll).take(shown) {
        let at = row.at.format("%Y-%m-%d %H:%M").to_string();
        let line = cells([
            &at,
            row.till.as_deref().unwrap_or(""),
            row.staff.as_deref().unwrap_or(""),
            &row.action,
            row.approved_by.as_deref().unwrap_or(""),
            &row.detail,
        ]);
        lines.push(Line::from(Span::raw(line)));
    }
    Paragraph::new(lines).render(inner, buf);
}
