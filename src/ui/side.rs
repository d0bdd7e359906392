//! The right-hand panel: the offers on screen (when there are any), the attached customer's
//! summary, then the order's own facts.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget, Wrap};

use crate::app::model::{Model, Summary};
use crate::ui::offers::OffersPanel;
use crate::ui::text::fit;
use crate::ui::theme;

/// Rows the customer's box keeps when offers are on screen (its border and two lines).
const CUSTOMER_MIN: u16 = 4;

pub struct SidePanel<'a> {
    pub model: &'a Model,
}

impl Widget for SidePanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let offers = OffersPanel { model: self.model };
        // The customer's box keeps its first lines below the offers.
        let room = area.height.saturating_sub(2 + CUSTOMER_MIN);
        let offer_lines = offers.lines(area.width.saturating_sub(4), room).len() as u16;
        let area = if offer_lines > 0 {
            // The offers come first: they are what the cashier should read now.
            let height = (offer_lines + 2).min(area.height);
            let [top, rest] =
                Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(area);
            offers.render(top, buf);
            rest
        } else {
            area
        };
        let customer = customer_lines(self.model);
        let customer_height = (customer.len() as u16 + 2).min(area.height);
        let [top, rest] =
            Layout::vertical([Constraint::Length(customer_height), Constraint::Min(0)]).areas(area);
        let block = Block::bordered()
            .border_style(theme::border())
            .padding(Padding::horizontal(1))
            .title(Span::styled(" Customer ", theme::title()));
        Paragraph::new(customer)
            .wrap(Wrap { trim: true })
            .block(block)
            .render(top, buf);
        let info = order_lines(self.model);
        let block = Block::bordered()
            .border_style(theme::border())
            .padding(Padding::horizontal(1))
            .title(Span::styled(" This order ", theme::title()));
        Paragraph::new(info)
            .wrap(Wrap { trim: true })
            .block(block)
            .render(rest, buf);
    }
}

fn customer_lines(model: &Model) -> Vec<Line<'static>> {
    let Some(attached) = &model.customer else {
        let mut lines = vec![Line::styled("Walk-in customer", theme::muted())];
        if model.mode != crate::app::model::Mode::Kiosk {
            lines.push(Line::styled("F2 to attach or create one", theme::muted()));
        }
        return lines;
    };
    let c = &attached.customer;
    let mut lines = vec![Line::from(vec![
        Span::styled(fit(&c.name, 40), theme::bold()),
        Span::styled(format!("  {}", c.code), theme::muted()),
    ])];
    match &attached.summary {
        Summary::Loading => lines.push(Line::styled("loading history…", theme::muted())),
        Summary::Failed(e) => lines.push(Line::styled(
            format!("history unavailable: {e}"),
            theme::tone(crate::app::model::Tone::Error),
        )),
        Summary::Loaded(s) => {
            let visits = if s.visits == 1 {
                "1 visit".to_string()
            } else {
                format!("{} visits", s.visits)
            };
            lines.push(Line::from(vec![
                Span::styled(visits, theme::bold()),
                Span::raw(" · "),
                Span::raw(format!("{} spent", s.lifetime_spend)),
            ]));
            let last = s.last_visit.map_or_else(
                || "first visit today".to_string(),
                |d| format!("last visit {}", d.format("%d %b %Y")),
            );
            lines.push(Line::styled(last, theme::muted()));
            if !s.favourite_categories.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled("likes ", theme::muted()),
                    Span::raw(s.favourite_categories.join(", ")),
                ]));
            }
        }
    }
    if c.opted_out {
        lines.push(Line::styled(
            "asked not to be offered anything",
            theme::discount(),
        ));
    }
    lines
}

fn order_lines(model: &Model) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![
        Span::styled("started ", theme::muted()),
        Span::raw(model.order.started_at.format("%H:%M").to_string()),
        Span::styled(
            match model.cart().lines().len() {
                1 => " · 1 line".to_string(),
                n => format!(" · {n} lines"),
            },
            theme::muted(),
        ),
    ])];
    if model.offers.loading {
        lines.push(Line::styled("offers loading…", theme::muted()));
    }
    if let Some(tender) = &model.order.tender {
        for p in tender.payments() {
            let what = match &p.reference {
                Some(r) => format!("{} {r}", p.kind.as_str()),
                None => p.kind.as_str().to_string(),
            };
            lines.push(Line::from(vec![
                Span::styled("paid ", theme::muted()),
                Span::raw(format!("{} {what}", p.amount)),
            ]));
        }
    }
    for a in &model.order.approvals {
        let name = model
            .staff
            .iter()
            .find(|s| s.staff.id == a.manager_id)
            .map_or_else(|| format!("#{}", a.manager_id), |s| s.staff.name.clone());
        lines.push(Line::styled(
            format!("✓ {name}: {}", a.what),
            theme::muted(),
        ));
    }
    lines
}
