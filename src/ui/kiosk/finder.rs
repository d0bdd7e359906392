//! The shopper's finder: the name typed, then the departments, one department's products,
//! or the products matching the name; each product with its price, and "sold out" when
//! there is none. No SKU and no stock count: those are the shop's words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::kiosk_finder::{Finder, Place};
use crate::app::model::Model;
use crate::ui::overlays::window;
use crate::ui::text::fit;
use crate::ui::theme;

pub fn draw(model: &Model, finder: &Finder, top: bool, buf: &mut Buffer, area: Rect) {
    let width = area.width.saturating_sub(4).min(90);
    let height = area.height.saturating_sub(2).min(30);
    let inner = window(buf, area, width, height, "Find a product", top);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let w = inner.width as usize;
    let typed = finder.search.query.text();
    let mut lines = vec![Line::from(vec![
        Span::styled("Name ▸ ", theme::title()),
        Span::styled(typed.to_string(), theme::total()),
        Span::styled("█", Style::new().fg(theme::ACCENT)),
        Span::styled(
            if typed.is_empty() {
                "  type a name, or choose a department"
            } else {
                ""
            },
            theme::muted(),
        ),
    ])];
    let heading = match finder.place {
        Place::Departments { .. } => "Departments".to_string(),
        Place::Aisle { department, .. } => {
            let d = &finder.departments[department];
            let n = d.products.len();
            format!("{} · {n} item{}", d.name, if n == 1 { "" } else { "s" })
        }
        Place::Search { .. } if finder.rows() == 0 => {
            format!("Nothing called \"{typed}\"")
        }
        Place::Search { .. } => format!("{} found", finder.search.total_matches),
    };
    lines.push(Line::styled(fit(&heading, w), theme::bold()));
    let department_row = |d: &crate::app::kiosk_finder::Department| {
        let n = d.products.len();
        let count = format!("{n} item{}", if n == 1 { "" } else { "s" });
        (d.name.clone(), count, false)
    };
    let rows: Vec<(String, String, bool)> = match finder.place {
        Place::Departments { .. } => finder.departments.iter().map(department_row).collect(),
        Place::Aisle { department, .. } => {
            product_rows(model, &finder.departments[department].products)
        }
        Place::Search { .. } => {
            let mut rows: Vec<(String, String, bool)> = finder
                .matching_departments
                .iter()
                .map(|&d| {
                    let (name, count, out) = department_row(&finder.departments[d]);
                    (format!("All {name}"), count, out)
                })
                .collect();
            let found: Vec<usize> = finder
                .search
                .results
                .iter()
                .map(|&(i, _)| i as usize)
                .collect();
            rows.extend(product_rows(model, &found));
            rows
        }
    };
    let visible = (inner.height as usize).saturating_sub(lines.len());
    let selected = finder.selected();
    let offset = (selected + 1).saturating_sub(visible);
    for (i, (name, price, out)) in rows.iter().enumerate().skip(offset).take(visible) {
        let chosen = i == selected;
        let mark = if chosen { "▸ " } else { "  " };
        let room = w.saturating_sub(mark.width() + price.width() + 1);
        let name = fit(name, room);
        let pad = w.saturating_sub(mark.width() + name.width() + price.width());
        let style = match (chosen, out) {
            (true, _) => Style::new()
                .fg(Color::Black)
                .bg(theme::ACCENT)
                .add_modifier(Modifier::BOLD),
            (false, true) => theme::muted(),
            (false, false) => theme::total(),
        };
        lines.push(Line::styled(
            format!("{mark}{name}{}{price}", " ".repeat(pad)),
            style,
        ));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// Name, price (or "sold out") and whether it is sold out, per product.
fn product_rows(model: &Model, products: &[usize]) -> Vec<(String, String, bool)> {
    let all = model.catalog.products();
    products
        .iter()
        .filter_map(|&i| all.get(i))
        .map(|p| {
            let out = !p.in_stock();
            let price = if out {
                "sold out".to_string()
            } else {
                p.price.to_string()
            };
            (p.name.clone(), price, out)
        })
        .collect()
}
