//! The kiosk's header, scan line, message and keys. Unlike the till's status bar it names
//! no till and no staff member: the shopper reads only what concerns them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::app::kiosk_loyalty::greeting;
use crate::app::model::Model;
use crate::ui::text::fit;
use crate::ui::theme;

pub fn header(model: &Model, buf: &mut Buffer, area: Rect) {
    let style = theme::header();
    let mut right = model.now.format("%H:%M ").to_string();
    if let Some(attached) = &model.customer {
        right = format!("{}  ·  {right}", greeting(&attached.customer));
    }
    let left = vec![
        Span::styled(
            format!(" {} ", model.settings.shop_name),
            theme::title().bg(style.bg.unwrap_or_default()),
        ),
        Span::styled("▏Self-checkout", style),
    ];
    let used: usize = left.iter().map(|s| s.content.width()).sum();
    let room = (area.width as usize).saturating_sub(used);
    let right = fit(&right, room);
    let mut spans = left;
    spans.push(Span::styled(
        " ".repeat(room.saturating_sub(right.width())),
        style,
    ));
    spans.push(Span::styled(right, style));
    Line::from(spans).style(style).render(area, buf);
}

/// Where a scanned barcode lands, and a name typed.
pub fn scan_line(model: &Model, buf: &mut Buffer, area: Rect) {
    let focused = model.overlays.is_empty();
    let label = if focused {
        theme::title()
    } else {
        theme::muted()
    };
    let typed = model.input.text();
    let width = area.width as usize;
    // A long entry keeps its end (what is being typed) in view.
    let room = width.saturating_sub(12);
    let shown: String = if typed.width() > room {
        let tail: Vec<char> = typed.chars().rev().take(room.saturating_sub(1)).collect();
        format!("…{}", tail.into_iter().rev().collect::<String>())
    } else {
        typed.to_string()
    };
    let mut spans = vec![
        Span::styled(" Scan ▸ ", label),
        Span::styled(shown, theme::total()),
    ];
    if focused {
        spans.push(Span::styled("█", Style::new().fg(theme::ACCENT)));
        if typed.is_empty() {
            spans.push(Span::styled(
                "  scan a barcode, or type a product's name",
                theme::muted(),
            ));
        }
    }
    Line::from(spans).render(area, buf);
}

/// The last message, wrapped between words on at most `max_rows` rows.
pub fn message_lines(model: &Model, width: u16, max_rows: u16) -> Vec<Line<'static>> {
    let Some(message) = &model.message else {
        return Vec::new();
    };
    let room = usize::from(width).saturating_sub(2).max(8);
    let rows = crate::ui::text::message_rows(&message.text, room, max_rows);
    let style = theme::tone(message.tone).add_modifier(Modifier::BOLD);
    rows.into_iter()
        .map(|r| Line::styled(format!(" {r}"), style))
        .collect()
}

/// The keys that work now, each a bright chip and the shopper's words for it, laid out in
/// at most `max_rows` rows without splitting a key from its words.
pub fn hint_lines(model: &Model, width: u16, max_rows: u16) -> Vec<Line<'static>> {
    let chip = Style::new()
        .fg(Color::Black)
        .bg(Color::White)
        .add_modifier(Modifier::BOLD);
    let mut chunks: Vec<(String, &'static str)> = Vec::new();
    for (binding, label) in model.hints() {
        match chunks.last_mut() {
            Some((keys, last)) if *last == label => keys.push_str(&binding.key.to_string()),
            _ => chunks.push((binding.key.to_string(), label)),
        }
    }
    let width = width as usize;
    let mut rows: Vec<Vec<Span<'static>>> = vec![vec![Span::raw(" ")]];
    let mut used = 1;
    for (keys, label) in chunks {
        let w = keys.width() + 2 + 1 + label.width() + 3;
        if used + w > width && used > 1 {
            if rows.len() == usize::from(max_rows) {
                break;
            }
            rows.push(vec![Span::raw(" ")]);
            used = 1;
        }
        let row = rows.last_mut().expect("one row at least");
        row.push(Span::styled(format!(" {keys} "), chip));
        row.push(Span::styled(format!(" {label}   "), theme::bold()));
        used += w;
    }
    rows.into_iter().map(Line::from).collect()
}

/// The message rows, then the key rows, in `area`.
pub fn bottom(
    message: Vec<Line<'static>>,
    hints: Vec<Line<'static>>,
    buf: &mut Buffer,
    area: Rect,
) {
    for (i, line) in message.into_iter().chain(hints).enumerate() {
        let y = area.y + i as u16;
        if y >= area.bottom() {
            break;
        }
        line.render(
            Rect {
                y,
                height: 1,
                ..area
            },
            buf,
        );
    }
}
