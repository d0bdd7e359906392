//! The welcome (attract) screen, while the basket is empty: what to do, in a few short
//! lines a shopper reads in passing, the first one the largest there is room for.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::kiosk_loyalty::greeting;
use crate::app::model::Model;
use crate::ui::kiosk::dialogs::chip;
use crate::ui::theme;

pub fn draw(model: &Model, buf: &mut Buffer, area: Rect) {
    let block = Block::bordered().border_style(theme::focus_border());
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let hello = match &model.customer {
        Some(attached) => greeting(&attached.customer),
        None => format!("Welcome to {}", model.settings.shop_name),
    };
    let big = Style::new()
        .fg(Color::White)
        .add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let tall = inner.height >= 14;
    let mut lines = vec![
        Line::styled(hello, theme::title()).centered(),
        Line::default(),
        Line::styled("   SCAN AN ITEM TO START   ", big).centered(),
    ];
    if tall {
        lines.push(Line::default());
    }
    lines.extend([
        Line::default(),
        Line::styled("No barcode?", theme::bold()).centered(),
        Line::from(vec![
            Span::raw("Press "),
            chip("Enter"),
            Span::raw(" to find a product by department, or type its name"),
        ])
        .centered(),
        Line::default(),
    ]);
    if model.customer.is_none() {
        lines.extend([
            Line::styled("Have a loyalty card?", theme::bold()).centered(),
            Line::raw("Scan it for offers chosen for you").centered(),
            Line::default(),
        ]);
    }
    lines.extend([Line::from(vec![
        Span::raw("Pay by card with "),
        chip("F12"),
        Span::raw(" when you are done"),
    ])
    .centered()]);
    // Centred in the height there is; on a short screen the first lines stay.
    let top = inner.height.saturating_sub(lines.len() as u16) / 2;
    let area = Rect {
        y: inner.y + top,
        height: inner.height - top,
        ..inner
    };
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
