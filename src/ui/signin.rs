//! The sign-in screen: the till waits for a staff PIN, shown only as dots.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::input::TextInput;
use crate::app::model::Model;
use crate::ui::text::centered;
use crate::ui::{chrome, theme};

pub fn draw(model: &Model, pin: &TextInput, buf: &mut Buffer, area: Rect) {
    let [body, status] = Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(area);
    // Room for a message of two rows under the PIN: it wraps, never cut mid-word.
    let card = centered(body, 44, 10);
    let block = Block::bordered()
        .border_style(theme::focus_border())
        .title(Span::styled(
            format!(" {} ", model.settings.shop_name),
            theme::title(),
        ))
        .title_bottom(Line::styled(format!(" {} ", model.till), theme::muted()).right_aligned());
    let dots = if pin.is_empty() {
        "····".to_string()
    } else {
        pin.masked()
    };
    let dots_style = if pin.is_empty() {
        theme::muted()
    } else {
        theme::bold()
    };
    let mut lines = vec![
        Line::default(),
        Line::styled("Sign in", theme::bold()).centered(),
        Line::styled("Type your staff PIN and press Enter", theme::muted()).centered(),
        Line::default(),
        Line::from(vec![
            Span::styled("PIN  ", theme::muted()),
            Span::styled(dots, dots_style),
            Span::styled("█", Style::new().fg(theme::ACCENT)),
        ])
        .centered(),
    ];
    if let Some(m) = &model.message {
        lines.push(Line::default());
        lines.push(Line::styled(m.text.clone(), theme::tone(m.tone)).centered());
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(block)
        .render(card, buf);
    chrome::status(model, buf, status, 1);
}
