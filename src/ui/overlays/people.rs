//! Finding or creating the customer to attach.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::window;
use crate::app::model::{Busy, Model};
use crate::app::overlay::{CustomerOverlay, NewCustomer};
use crate::ui::text::left;
use crate::ui::theme;

pub fn draw(model: &Model, overlay: &CustomerOverlay, top: bool, buf: &mut Buffer, area: Rect) {
    match overlay {
        CustomerOverlay::Find {
            query,
            matches,
            selected,
        } => {
            let inner = window(buf, area, 76, 18, "Customer", top);
            let mut lines = vec![Line::from(vec![
                Span::styled("Name, phone, e-mail or id ▸ ", theme::title()),
                Span::styled(query.text().to_string(), theme::bold()),
                Span::styled("█", Style::new().fg(theme::ACCENT)),
            ])];
            if let Some(a) = &model.customer {
                lines.push(Line::styled(
                    format!("On this order: {} ({})", a.customer.name, a.customer.code),
                    theme::muted(),
                ));
            }
            if query.is_empty() {
                lines.push(Line::styled(
                    "Start typing to search · Ctrl+N creates a customer",
                    theme::muted(),
                ));
            } else if matches.is_empty() {
                lines.push(Line::styled(
                    "No customer matches · Ctrl+N creates one",
                    theme::muted(),
                ));
            }
            let w = inner.width as usize;
            let visible = (inner.height as usize).saturating_sub(lines.len());
            let offset = (selected + 1).saturating_sub(visible);
            for (row, &i) in matches.iter().enumerate().skip(offset).take(visible) {
                let Some(c) = model.customers.get(i) else {
                    continue;
                };
                let text = format!(
                    "{}{}{}{}",
                    left(&c.name, w.saturating_sub(44).max(10)),
                    left(&c.code, 10),
                    left(c.phone.as_deref().unwrap_or(""), 14),
                    left(c.email.as_deref().unwrap_or(""), 20),
                );
                let style = if row == *selected {
                    theme::selected()
                } else {
                    Style::new()
                };
                lines.push(Line::styled(text, style));
            }
            Paragraph::new(lines).render(inner, buf);
        }
        CustomerOverlay::New(form) => new_customer(form, model.busy, top, buf, area),
    }
}

fn new_customer(form: &NewCustomer, busy: Option<Busy>, top: bool, buf: &mut Buffer, area: Rect) {
    let inner = window(buf, area, 60, 9, "New customer", top);
    let mut lines = vec![Line::styled(
        "Name is needed; phone and e-mail are optional",
        theme::muted(),
    )];
    for (i, (label, input)) in NewCustomer::LABELS.iter().zip(&form.fields).enumerate() {
        let focused = i == form.focus && top;
        let mut spans = vec![
            Span::styled(
                format!("{}{:<8}", if focused { "▸ " } else { "  " }, label),
                theme::muted(),
            ),
            Span::styled(input.text().to_string(), theme::bold()),
        ];
        if focused {
            spans.push(Span::styled("█", Style::new().fg(theme::ACCENT)));
        }
        lines.push(Line::from(spans));
    }
    if busy == Some(Busy::CreatingCustomer) {
        lines.push(Line::styled("Saving…", theme::muted()));
    }
    Paragraph::new(lines).render(inner, buf);
}
