//! Overlays, drawn over the register in stack order: the topmost last, with a bright border.

mod audit;
mod day;
mod dialogs;
mod kiosk_age;
mod kiosk_big;
mod kiosk_idle;
pub mod kiosk_park;
mod people;
mod reports;
mod returns;
mod search;
mod tender;
mod training;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear, Padding, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::model::{Mode, Model};
use crate::app::overlay::Overlay;
use crate::ui::text::centered;
use crate::ui::theme;

pub fn draw(model: &Model, buf: &mut Buffer, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let last = model.overlays.len().saturating_sub(1);
    for (i, overlay) in model.overlays.iter().enumerate() {
        let top = i == last;
        match overlay {
            Overlay::Help => dialogs::help(model, top, buf, area),
            Overlay::Search(s) => search::draw(model, s, top, buf, area),
            Overlay::Customer(c) => people::draw(model, c, top, buf, area),
            // A shopper's payment and finished sale are in the shopper's words.
            Overlay::Tender(t) if model.mode == Mode::Kiosk => {
                crate::ui::kiosk::pay::paying(model, t, top, buf, beside_offers(model, area))
            }
            Overlay::Receipt(r) if model.mode == Mode::Kiosk => {
                crate::ui::kiosk::pay::finished(r, top, buf, area)
            }
            Overlay::KioskFinder(f) => crate::ui::kiosk::finder::draw(model, f, top, buf, area),
            Overlay::StartOver => crate::ui::kiosk::dialogs::start_over(model, top, buf, area),
            Overlay::Tender(t) => tender::draw(model, t, top, buf, beside_offers(model, area)),
            Overlay::Entry(e) => dialogs::entry(model, e, top, buf, area),
            Overlay::Approve(a) => dialogs::approve(a, top, buf, area),
            Overlay::Void(v) => dialogs::void(v, top, buf, area),
            Overlay::Held(h) => dialogs::held(h, top, buf, area),
            Overlay::Returns(r) => returns::draw(r, top, buf, area),
            Overlay::Receipt(r) => tender::receipt(r, top, buf, area),
            Overlay::Reports(r) => reports::draw(r, top, buf, area),
            Overlay::Audit(a) => audit::draw(a, top, buf, area),
            Overlay::Day(d) => day::draw(d, top, buf, area),
            Overlay::AgeCheck(a) => kiosk_age::draw(a, top, buf, area),
            Overlay::Parked(p) => kiosk_park::draw(p, top, buf, area),
            Overlay::Training(t) => training::draw(t, top, buf, area),
        }
    }
    // Over everything: it can come at any step of a kiosk's sale.
    kiosk_idle::draw(model, buf, area);
}

/// Where the payment window goes: over the order only while offers can still be answered
/// there, so that it never covers them.
fn beside_offers(model: &Model, area: Rect) -> Rect {
    let answerable = model.offers.panel.visible().next().is_some();
    match crate::ui::side_width(area.width) {
        Some(side) if answerable => Rect {
            width: area.width - side,
            ..area
        },
        _ => area,
    }
}

/// Clears a centred box of at most `width`×`height`, draws its frame, returns the inside.
pub(crate) fn window(
    buf: &mut Buffer,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
    top: bool,
) -> Rect {
    let outer = centered(area, width, height);
    Clear.render(outer, buf);
    let block = Block::bordered()
        .border_style(if top {
            theme::focus_border()
        } else {
            theme::border()
        })
        .padding(Padding::horizontal(1))
        .title(Span::styled(format!(" {title} "), theme::title()));
    let inner = block.inner(outer);
    block.render(outer, buf);
    cut_wide_neighbours(buf, outer);
    inner
}

/// A double-width character just left of the box would spill over its border; blank it.
/// What a loading overlay shows: its data once loaded, or, drawn here instead, the error
/// that kept it from loading or "Loading…".
fn loaded<'a, T>(
    data: &'a Option<T>,
    error: &Option<String>,
    buf: &mut Buffer,
    inner: Rect,
) -> Option<&'a T> {
    use ratatui::style::Style;
    use ratatui::text::Line;
    use ratatui::widgets::Paragraph;
    match (data, error) {
        (_, Some(e)) => {
            Paragraph::new(Line::styled(e.as_str(), Style::new().fg(theme::ERROR)))
                .render(inner, buf);
            None
        }
        (None, None) => {
            Paragraph::new(Line::styled("Loading…", theme::muted())).render(inner, buf);
            None
        }
        (Some(data), None) => Some(data),
    }
}

fn cut_wide_neighbours(buf: &mut Buffer, outer: Rect) {
    if outer.x <= buf.area.x || outer.width == 0 {
        return;
    }
    for y in outer.top()..outer.bottom() {
        let cell = &mut buf[(outer.x - 1, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}
