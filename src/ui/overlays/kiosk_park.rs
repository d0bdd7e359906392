//! "Pay at the counter" on a kiosk: the choice beside the card on the payment screen, and
//! the number the shopper gives at the counter, in big figures.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::window;
use crate::app::kiosk_park::ParkSlip;
use crate::app::overlay::TenderOverlay;
use crate::ui::bigtext;
use crate::ui::kiosk::dialogs::chip;
use crate::ui::theme;

/// The two ways to pay, the chosen one marked, and what Enter does with it.
pub fn choices(tender: &TenderOverlay) -> Vec<Line<'static>> {
    let choice = |chosen: bool, text: &'static str| {
        if chosen {
            Line::styled(format!("▸ {text}"), theme::selected())
        } else {
            Line::styled(format!("  {text}"), theme::bold())
        }
    };
    let what = if tender.at_counter {
        " get your number for the counter"
    } else {
        " pay with your card on the terminal"
    };
    vec![
        choice(!tender.at_counter, "Pay by card here"),
        choice(tender.at_counter, "Pay at the counter"),
        Line::default(),
        Line::from(vec![chip("↑↓"), Span::styled(" choose", theme::bold())]),
        Line::from(vec![chip("Enter"), Span::styled(what, theme::bold())]),
        Line::from(vec![
            chip("Esc"),
            Span::styled(" back to your basket", theme::bold()),
        ]),
    ]
}

pub fn draw(slip: &ParkSlip, top: bool, buf: &mut Buffer, area: Rect) {
    let inner = window(
        buf,
        area,
        52,
        bigtext::HEIGHT + 10,
        "Pay at the counter",
        top,
    );
    let rest = super::kiosk_big::heading_and_figure(
        Line::styled("Your number", theme::bold()),
        &slip.number.to_string(),
        inner,
        buf,
    );
    let items = format!(
        "{} item{} · {}",
        slip.items,
        if slip.items == 1 { "" } else { "s" },
        slip.total
    );
    Paragraph::new(vec![
        Line::raw(items),
        Line::raw("Give this number at any till and pay there."),
        Line::default(),
        Line::from(vec![
            Span::styled("Enter", theme::key()),
            Span::raw(" when you have it"),
        ]),
    ])
    .centered()
    .wrap(Wrap { trim: true })
    .render(rest, buf);
}
