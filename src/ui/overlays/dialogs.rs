//! The small overlays: help, a value entry, the manager's PIN, the void reason, held orders.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::window;
use crate::app::input::TextInput;
use crate::app::model::Model;
use crate::app::overlay::{
    Approve, DiscountTarget, Entry, EntryKind, HeldOverlay, VOID_REASONS, VoidOverlay,
};
use crate::ui::text::fit;
use crate::ui::text::{left, right};
use crate::ui::theme;

fn field(label: &str, input: &TextInput, masked: bool, focused: bool) -> Line<'static> {
    let text = if masked {
        input.masked()
    } else {
        input.text().to_string()
    };
    let mut spans = vec![
        Span::styled(format!("{label} "), theme::muted()),
        Span::styled(text, theme::bold()),
    ];
    if focused {
        spans.push(Span::styled("█", Style::new().fg(theme::ACCENT)));
    }
    Line::from(spans)
}

pub fn help(model: &Model, top: bool, buf: &mut Buffer, area: Rect) {
    let inner = window(buf, area, 64, 24, "Keys", top);
    let mut lines = vec![Line::styled(
        "Letters and digits always go to the scan line. 3*CODE adds three.",
        theme::muted(),
    )];
    let rows = model.help_rows();
    // Two columns: every key fits a 24-line terminal.
    let half = rows.len().div_ceil(2);
    let cell = |row: Option<&(String, &str)>| -> Vec<Span<'static>> {
        match row {
            Some((keys, label)) => vec![
                Span::styled(format!(" {keys:<8}"), theme::bold()),
                Span::raw(format!("{:<20}", fit(label, 20))),
            ],
            None => Vec::new(),
        }
    };
    for i in 0..half {
        let mut spans = cell(rows.get(i));
        spans.extend(cell(rows.get(i + half)));
        lines.push(Line::from(spans));
    }
    lines.push(Line::styled(
        " In any window: Enter confirms, Esc goes back.",
        theme::muted(),
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

pub fn entry(model: &Model, entry: &Entry, top: bool, buf: &mut Buffer, area: Rect) {
    let name = |i: usize| {
        model
            .cart()
            .lines()
            .get(i)
            .map_or_else(String::new, |l| l.name.clone())
    };
    let (title, about, hint) = match entry.kind {
        EntryKind::Quantity(i) => ("Quantity", name(i), "1 to 9999".to_string()),
        EntryKind::Discount(DiscountTarget::Line(i)) => (
            "Line discount",
            name(i),
            "10% or 5.00 · 0 removes · Tab: whole order".to_string(),
        ),
        EntryKind::Discount(DiscountTarget::Order) => (
            "Order discount",
            "the whole order".to_string(),
            "10% or 5.00 · 0 removes".to_string(),
        ),
        EntryKind::Price(i) => (
            "Price override",
            name(i),
            "new unit price · needs a manager".to_string(),
        ),
    };
    let inner = window(buf, area, 52, 7, title, top);
    let lines = vec![
        Line::styled(about, theme::bold()),
        Line::default(),
        field("▸", &entry.input, false, top),
        Line::styled(hint, theme::muted()),
    ];
    Paragraph::new(lines).render(inner, buf);
}

pub fn approve(approve: &Approve, top: bool, buf: &mut Buffer, area: Rect) {
    let inner = window(buf, area, 56, 8, "Manager approval", top);
    let lines = vec![
        Line::styled(approve.reason.clone(), theme::discount()),
        Line::default(),
        Line::styled("A manager types their PIN:", theme::muted()),
        field("PIN", &approve.pin, true, top),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

pub fn void(void: &VoidOverlay, top: bool, buf: &mut Buffer, area: Rect) {
    let inner = window(buf, area, 50, 11, "Void this order", top);
    let mut lines = vec![Line::styled(
        "Why? Choose with ↑↓ or type a reason",
        theme::muted(),
    )];
    let typed = !void.typed.is_empty();
    for (i, reason) in VOID_REASONS.iter().enumerate() {
        let chosen = i == void.selected && !typed;
        let style = if chosen {
            theme::selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(
            format!("{} {reason}", if chosen { "▸" } else { " " }),
            style,
        ));
    }
    lines.push(Line::default());
    lines.push(field("Other:", &void.typed, false, top));
    Paragraph::new(lines).render(inner, buf);
}

pub fn held(held: &HeldOverlay, top: bool, buf: &mut Buffer, area: Rect) {
    let height = (held.orders.len() as u16).saturating_add(4).min(20);
    let inner = window(buf, area, 60, height, "Held orders", top);
    let w = inner.width as usize;
    let name_w = w.saturating_sub(8 + 8 + 13);
    let mut lines = vec![Line::styled(
        format!(
            "{}{}{}{}",
            left("Held", 8),
            left("Customer", name_w),
            right("Items", 8),
            right("Total", 13)
        ),
        theme::muted(),
    )];
    let visible = inner.height.saturating_sub(1) as usize;
    let offset = (held.selected + 1).saturating_sub(visible);
    for (i, order) in held.orders.iter().enumerate().skip(offset).take(visible) {
        let who = order
            .customer_name
            .clone()
            .unwrap_or_else(|| "walk-in".into());
        let text = format!(
            "{}{}{}{}",
            left(&order.held_at.format("%H:%M").to_string(), 8),
            left(&who, name_w),
            right(&order.items.to_string(), 8),
            right(&order.total.to_string(), 13)
        );
        let style = if i == held.selected {
            theme::selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    Paragraph::new(lines).render(inner, buf);
}
