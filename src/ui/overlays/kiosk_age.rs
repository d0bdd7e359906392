//! A kiosk's pause for an age-restricted item: what waits, where staff type their PIN,
//! and the shopper's two other ways on (take it off, pay at the counter).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::window;
use crate::app::age_check::AgeCheck;
use crate::ui::theme;

pub fn draw(check: &AgeCheck, top: bool, buf: &mut Buffer, area: Rect) {
    let inner = window(buf, area, 60, 10, "A member of staff is needed", top);
    let items = check.items.join(", ");
    // The PIN shows as dots: the shopper is standing right there.
    let dots = "•".repeat(check.pin.text().chars().count());
    let lines = vec![
        Line::from(vec![
            Span::styled(items, theme::bold()),
            Span::raw(" is sold only to adults."),
        ]),
        Line::raw("Please wait: a member of staff will check and allow it."),
        Line::default(),
        Line::from(vec![
            Span::styled("Staff PIN: ", theme::muted()),
            Span::styled(dots, theme::bold()),
            Span::styled(if top { "▏" } else { "" }, theme::key()),
        ]),
        Line::default(),
        Line::from(vec![
            Span::styled("Tab", theme::key()),
            Span::raw(" pay at the counter instead"),
        ]),
        Line::from(vec![
            Span::styled("Esc", theme::key()),
            Span::raw(" take it off my basket"),
        ]),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}
