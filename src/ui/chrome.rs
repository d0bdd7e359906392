//! The frame around the order: the header, the scan line and the status bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::app::model::Model;
use crate::domain::people::Role;
use crate::ui::text::fit;
use crate::ui::theme;

pub fn header(model: &Model, buf: &mut Buffer, area: Rect) {
    let mut clock = model.now.format("%a %d %b  %H:%M").to_string();
    if let Some(note) = crate::journal::unsent_note(
        model.unsent.oldest,
        model.now,
        model.settings.unsent_warn_hours,
    ) {
        clock = format!("{note} · {clock}");
    }
    let left = vec![
        Span::styled(
            format!(" {} ", model.settings.shop_name),
            theme::title().bg(theme::header().bg.unwrap_or_default()),
        ),
        Span::styled("▏Register", theme::header()),
    ];
    let used: usize = left.iter().map(|s| s.content.width()).sum();
    let room = (area.width as usize).saturating_sub(used);
    let clock = fit(&format!("{clock} "), room);
    let gap = room.saturating_sub(clock.width());
    let mut spans = left;
    spans.push(Span::styled(" ".repeat(gap), theme::header()));
    spans.push(Span::styled(clock, theme::header()));
    Line::from(spans).style(theme::header()).render(area, buf);
}

/// The scan line: where every barcode and SKU lands while no overlay is open.
pub fn scan_line(model: &Model, buf: &mut Buffer, area: Rect) {
    let focused = model.overlays.is_empty();
    let label_style = if focused {
        theme::title()
    } else {
        theme::muted()
    };
    let mut spans = vec![
        Span::styled(" Scan ▸ ", label_style),
        Span::styled(model.input.text().to_string(), theme::bold()),
    ];
    if focused {
        spans.push(Span::styled("█", Style::new().fg(theme::ACCENT)));
        if model.input.is_empty() {
            spans.push(Span::styled(
                "  barcode or SKU, 3*SKU for three · F3 finds by name",
                theme::muted(),
            ));
        }
    }
    // A long entry keeps its end (what is being typed) in view.
    let width = area.width as usize;
    let text_width: usize = spans.iter().map(|s| s.content.width()).sum();
    // (Only the typed text counts: the placeholder hint may simply be cut.)
    let line = if text_width > width && focused && model.input.width() + 10 > width {
        let tail: String = model
            .input
            .text()
            .chars()
            .rev()
            .take(width.saturating_sub(10))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        Line::from(vec![
            Span::styled(" Scan ▸ …", label_style),
            Span::styled(tail, theme::bold()),
            Span::styled("█", Style::new().fg(theme::ACCENT)),
        ])
    } else {
        Line::from(spans)
    };
    line.render(area, buf);
}

/// Who is at which till with the last message, wrapped at word boundaries over as many
/// rows as `message_rows` gives it, then the keys that work now (see `hint_rows`).
pub fn status(model: &Model, buf: &mut Buffer, area: Rect, message_rows: u16) {
    if area.height == 0 {
        return;
    }
    let rows = message_lines(model, area.width, message_rows);
    let used = rows.len() as u16;
    for (i, row) in rows.into_iter().enumerate() {
        row.render(
            Rect {
                y: area.y + i as u16,
                height: 1,
                ..area
            },
            buf,
        );
    }
    for (i, row) in hint_rows(model, area.width).into_iter().enumerate() {
        let y = area.y + used + i as u16;
        if y >= area.bottom() {
            break;
        }
        row.render(
            Rect {
                y,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

fn who(model: &Model) -> String {
    match model.signed_in() {
        // The kiosk's pseudo staff member is named "Self-service": its role would only repeat it.
        Some(s) if s.role == Role::SelfService => format!(" {} · {} ", model.till, s.name),
        Some(s) => format!(" {} · {} ({}) ", model.till, s.name, s.role.as_str()),
        None => format!(" {} ", model.till),
    }
}

/// The till and the last message. A message longer than its row wraps between words onto
/// at most `max_rows` rows (the last one ends in "…" only if even those are not enough),
/// so that no message is cut mid-word.
pub fn message_lines(model: &Model, width: u16, max_rows: u16) -> Vec<Line<'static>> {
    let who = who(model);
    let mut first: Vec<Span<'static>> = crate::ui::training::tag(model).into_iter().collect();
    first.push(Span::styled(who, theme::header()));
    let indent = first.iter().map(|s| s.content.width()).sum::<usize>() + 1;
    let Some(message) = &model.message else {
        return vec![Line::from(first)];
    };
    let room = (width as usize).saturating_sub(indent).max(8);
    let style = theme::tone(message.tone);
    // Made safe before wrapping, as the offers' reasons are (`offers::wrapped`).
    let wrapped = crate::ui::text::message_rows(&message.text, room, max_rows);
    let mut lines = Vec::new();
    for (i, text) in wrapped.into_iter().enumerate() {
        if i == 0 {
            first.push(Span::raw(" "));
            first.push(Span::styled(text, style));
            lines.push(Line::from(std::mem::take(&mut first)));
        } else {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(text, style),
            ]));
        }
    }
    lines
}

/// The keys that work now (`F1 help  F2 customer …`), keys sharing a label merged
/// (`↑↓ line`), laid out in rows of `width` without ever splitting a key from its label.
pub fn hint_rows(model: &Model, width: u16) -> Vec<Line<'static>> {
    let hints = model.hints();
    let mut chunks: Vec<(String, &'static str)> = Vec::new();
    for (binding, label) in hints {
        match chunks.last_mut() {
            Some((keys, last)) if *last == label => keys.push_str(&binding.key.to_string()),
            _ => chunks.push((binding.key.to_string(), label)),
        }
    }
    let width = width as usize;
    let mut rows: Vec<Vec<Span<'static>>> = vec![vec![Span::raw(" ")]];
    let mut used = 1;
    for (keys, label) in chunks {
        let w = keys.width() + 1 + label.width() + 2;
        if used + w > width && used > 1 {
            rows.push(vec![Span::raw(" ")]);
            used = 1;
        }
        let row = rows.last_mut().expect("one row at least");
        row.push(Span::styled(keys, theme::key()));
        row.push(Span::raw(format!(" {label}  ")));
        used += w;
    }
    rows.into_iter().map(Line::from).collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::app::model::Session;
    use crate::domain::people::Staff;

    fn signed_in_as(name: &str, role: Role) -> Model {
        let mut model = Model::new(
            Arc::new(Default::default()),
            Vec::new(),
            Vec::new(),
            Default::default(),
            "TILL1",
            chrono::NaiveDateTime::default(),
        );
        model.session = Session::SignedIn {
            staff: Staff {
                id: 1,
                code: "S1".into(),
                name: name.into(),
                role,
            },
        };
        model
    }

    #[test]
    fn the_kiosk_is_not_called_a_trainee_and_a_trainee_still_is() {
        assert_eq!(
            who(&signed_in_as("Self-service", Role::SelfService)),
            " TILL1 · Self-service "
        );
        assert_eq!(
            who(&signed_in_as("Priya", Role::Trainee)),
            " TILL1 · Priya (trainee) "
        );
    }
}
