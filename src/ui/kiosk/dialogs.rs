//! The kiosk's small question: empty the basket and start over?

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::model::Model;
use crate::ui::overlays::window;
use crate::ui::theme;

pub(crate) fn chip(key: &str) -> Span<'static> {
    Span::styled(
        format!(" {key} "),
        Style::new()
            .fg(Color::Black)
            .bg(Color::White)
            .add_modifier(Modifier::BOLD),
    )
}

pub fn start_over(model: &Model, top: bool, buf: &mut Buffer, area: Rect) {
    let inner = window(buf, area, 50, 9, "Start over?", top);
    let items = model.cart().item_count();
    let lines = vec![
        Line::styled(
            format!(
                "Take the {items} item{} out of your basket and start again?",
                if items == 1 { "" } else { "s" }
            ),
            theme::total(),
        ),
        Line::default(),
        Line::from(vec![
            chip("Enter"),
            Span::styled(" yes, empty my basket", theme::bold()),
        ]),
        Line::default(),
        Line::from(vec![
            chip("Esc"),
            Span::styled(" no, keep my basket", theme::bold()),
        ]),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}
