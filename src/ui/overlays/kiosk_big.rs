//! Big figures centred in a box, for what a shopper reads from a step away on a kiosk's
//! own screens (a countdown, the number to give at the counter); plain bold text where
//! the box is too small for them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::ui::bigtext::{self, BigText};

pub fn centered(text: &str, area: Rect, style: Style, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    match bigtext::width(text) {
        Some(w) if w <= area.width && area.height >= bigtext::HEIGHT => {
            let x = area.x + (area.width - w) / 2;
            BigText { text, style }.render(
                Rect {
                    x,
                    width: w,
                    height: bigtext::HEIGHT,
                    ..area
                },
                buf,
            );
        }
        _ => Paragraph::new(Line::styled(text.to_string(), style))
            .centered()
            .render(area, buf),
    }
}

/// A window's inside laid out for a shopper: `heading` on the first row, `figure` big below
/// it; returns the rows left under the figure.
pub fn heading_and_figure(
    heading: Line<'static>,
    figure: &str,
    inner: Rect,
    buf: &mut Buffer,
) -> Rect {
    Paragraph::new(heading).centered().render(inner, buf);
    centered(
        figure,
        Rect {
            y: inner.y + 2,
            height: bigtext::HEIGHT.min(inner.height.saturating_sub(2)),
            ..inner
        },
        crate::ui::theme::total(),
        buf,
    );
    Rect {
        y: inner.y + 2 + bigtext::HEIGHT + 1,
        height: inner.height.saturating_sub(bigtext::HEIGHT + 3),
        ..inner
    }
}
