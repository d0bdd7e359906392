//! Returns: the receipt lookup, then the past order's lines with what comes back.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::window;
use crate::app::overlay::ReturnsOverlay;
use crate::domain::order::RefundTo;
use crate::ui::text::{left, plain, right};
use crate::ui::theme;

pub fn draw(overlay: &ReturnsOverlay, top: bool, buf: &mut Buffer, area: Rect) {
    match overlay {
        ReturnsOverlay::Lookup { receipt } => {
            let inner = window(buf, area, 50, 6, "Return", top);
            let lines = vec![
                Line::styled("Scan or type the receipt number", theme::muted()),
                Line::default(),
                Line::from(vec![
                    Span::styled("Receipt ▸ ", theme::title()),
                    Span::styled(receipt.text().to_string(), theme::bold()),
                    Span::styled("█", Style::new().fg(theme::ACCENT)),
                ]),
            ];
            Paragraph::new(lines).render(inner, buf);
        }
        ReturnsOverlay::Lines(plan) => {
            let height = (plan.past.lines.len() as u16).saturating_add(7).min(24);
            let title = format!("Return · receipt {}", plan.past.receipt_no);
            let inner = window(buf, area, 76, height, &title, top);
            let w = inner.width as usize;
            let name_w = w.saturating_sub(6 + 9 + 8 + 12);
            let mut lines = vec![
                Line::styled(
                    format!("sold {}", plan.past.paid_at.format("%d %b %Y %H:%M")),
                    theme::muted(),
                ),
                Line::styled(
                    format!(
                        "{}{}{}{}{}",
                        left("Item", name_w),
                        right("Sold", 6),
                        right("Back", 9),
                        right("Return", 8),
                        right("Refund", 12)
                    ),
                    theme::muted(),
                ),
            ];
            let visible = (inner.height as usize).saturating_sub(5);
            let offset = (plan.selected + 1).saturating_sub(visible);
            for (i, line) in plan
                .past
                .lines
                .iter()
                .enumerate()
                .skip(offset)
                .take(visible)
            {
                let q = plan.qty[i];
                let style = if i == plan.selected {
                    theme::selected()
                } else {
                    Style::new()
                };
                let text = format!(
                    "{}{}{}{}{}",
                    left(&line.name, name_w),
                    right(&line.qty.to_string(), 6),
                    right(&line.returned.to_string(), 9),
                    right(
                        &if q > 0 {
                            format!("‹{q}›")
                        } else {
                            "‹0›".into()
                        },
                        8
                    ),
                    right(&plain(line.refund_for(q)), 12)
                );
                lines.push(Line::styled(text, style));
            }
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled("Scan an item to return it ▸ ", theme::muted()),
                Span::styled(plan.scan.text().to_string(), theme::bold()),
                Span::styled("█", Style::new().fg(theme::ACCENT)),
            ]));
            let chosen = match plan.tender {
                RefundTo::Original => "   as paid · Tab changes",
                RefundTo::Only(_) => "   chosen · Tab changes",
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("Refund {} to {}", plan.amount(), plan.split_text()),
                    theme::total(),
                ),
                Span::styled(chosen, theme::muted()),
            ]));
            Paragraph::new(lines).render(inner, buf);
        }
    }
}
