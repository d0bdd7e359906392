//! The kiosk's screen, for a shopper standing a step away: the basket and its total in
//! large type, few words, high contrast, and only the keys that work now, in the shopper's
//! words. With nothing in the basket it is a welcome screen that says what to do.
//!
//! The frame: a header (the shop, the customer's first name once a loyalty card is
//! scanned, the time), the welcome or the basket, the scan line, the last message and the
//! keys. Overlays (the finder, paying, the finished sale, and any other a kiosk opens)
//! draw on top of everything above the message, as at the till.

mod bars;
mod basket;
pub(crate) mod dialogs;
pub(crate) mod finder;
mod offer;
pub(crate) mod pay;
mod welcome;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::model::Model;

/// Rows the message and the keys take at most, by screen height: on a short screen the
/// basket keeps its room.
fn bottom_rows(height: u16) -> (u16, u16) {
    match height {
        20.. => (2, 2),
        12..=19 => (1, 2),
        _ => (1, 1),
    }
}

pub fn view(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let (max_message, max_hints) = bottom_rows(area.height);
    let message = bars::message_lines(model, area.width, max_message);
    let hints = bars::hint_lines(model, area.width, max_hints);
    let [header, body, scan, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(message.len() as u16 + hints.len() as u16),
    ])
    .areas(area);
    let buf = frame.buffer_mut();
    bars::header(model, buf, header);
    if model.cart().is_empty() {
        welcome::draw(model, buf, body);
    } else {
        basket::draw(model, buf, body);
    }
    bars::scan_line(model, buf, scan);
    bars::bottom(message, hints, buf, bottom);
    let above_bottom = Rect {
        height: bottom.y - area.y,
        ..area
    };
    crate::ui::overlays::draw(model, buf, above_bottom);
}
