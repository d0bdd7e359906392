//! Drawing the register: `view` reads the model and paints a frame, nothing else. It never
//! changes the model and never panics, whatever the terminal size (down to 1×1).
//!
//! The screen: a header (shop, clock), the order on the left, the side panel on the right
//! (the customer now, suggestions later), the scan line, and a status bar with the till,
//! the staff member, the last message and the keys that work now. Overlays draw on top in
//! stack order.

mod bigtext;
mod chrome;
mod conversation;
mod kiosk;
mod offers;
mod order;
mod overlays;
mod side;
mod signin;
pub mod text;
pub mod theme;
mod training;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::model::{Model, Session};

pub use side::SidePanel;

/// The side panel's width on a wide screen, and below which screen width it is dropped so
/// that the order keeps readable columns.
const SIDE_WIDTH: u16 = 34;
const SIDE_MIN_SCREEN: u16 = 72;

/// The width of the side panel (offers, customer) on a screen this wide, if it has one.
pub(crate) fn side_width(width: u16) -> Option<u16> {
    match width {
        100.. => Some(40),
        SIDE_MIN_SCREEN.. => Some(SIDE_WIDTH.min(width / 2)),
        _ => None,
    }
}

pub fn view(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    if let Session::SignedOut { pin } = &model.session {
        signin::draw(model, pin, frame.buffer_mut(), area);
        training::band(model, frame.buffer_mut(), area);
        return;
    }
    if model.mode == crate::app::model::Mode::Kiosk {
        kiosk::view(model, frame);
        return;
    }
    // On a short screen the order keeps its room and fewer key hints are shown.
    let max_hint_rows = match area.height {
        20.. => 3,
        14..=19 => 2,
        _ => 1,
    };
    let hint_rows = chrome::hint_rows(model, area.width)
        .len()
        .clamp(1, max_hint_rows) as u16;
    // A long message takes a second row (a third on a tall screen) rather than be cut.
    let max_message_rows = if area.height >= 30 {
        3
    } else if area.height >= 16 {
        2
    } else {
        1
    };
    let message_rows = chrome::message_lines(model, area.width, max_message_rows).len() as u16;
    let [header, band, body, scan, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(training::band_rows(model, area.height)),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(message_rows + hint_rows),
    ])
    .areas(area);
    let buf = frame.buffer_mut();
    chrome::header(model, buf, header);
    // A training till talks with its practice customer in a pane under everything else.
    let body = match &model.practice {
        Some(practice) if conversation::height(body.height, practice.serving()) >= 3 => {
            let [body, talk] = Layout::vertical([
                Constraint::Min(0),
                Constraint::Length(conversation::height(body.height, practice.serving())),
            ])
            .areas(body);
            ratatui::widgets::Widget::render(conversation::Conversation { practice }, talk, buf);
            body
        }
        _ => body,
    };
    if let Some(side_width) = side_width(body.width) {
        let [left, right] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(side_width)]).areas(body);
        order::draw(model, buf, left);
        ratatui::widgets::Widget::render(SidePanel { model }, right, buf);
    } else if let Some(line) = offers::strip(model, body.width).filter(|_| body.height > 4) {
        // Too narrow for the panel: the selected offer on one line under the order.
        let [left, strip] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(body);
        order::draw(model, buf, left);
        ratatui::widgets::Widget::render(line, strip, buf);
    } else {
        order::draw(model, buf, body);
    }
    chrome::scan_line(model, buf, scan);
    chrome::status(model, buf, status, message_rows);
    let above_status = Rect {
        height: status.y - area.y,
        ..area
    };
    overlays::draw(model, buf, above_status);
    training::band(model, buf, band);
}
