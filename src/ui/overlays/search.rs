//! The product finder: the query, then the best matches with price and stock.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::window;
use crate::app::model::Model;
use crate::app::search::{self, SearchState};
use crate::ui::text::{left, plain, right};
use crate::ui::theme;
use nucleo_matcher::pattern::Atom;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const SKU: usize = 14;
const STOCK: usize = 7;
const PRICE: usize = 12;

pub fn draw(model: &Model, search: &SearchState, top: bool, buf: &mut Buffer, area: Rect) {
    let width = area.width.saturating_sub(4).min(100);
    let height = area.height.saturating_sub(2).min(30);
    let inner = window(buf, area, width, height, "Find a product", top);
    if inner.height == 0 {
        return;
    }
    let count = if search.query.is_empty() {
        format!("{} products", model.catalog.len())
    } else {
        format!("{} found", search.total_matches)
    };
    let mut lines = vec![Line::from(vec![
        Span::styled("Name ▸ ", theme::title()),
        Span::styled(search.query.text().to_string(), theme::bold()),
        Span::styled("█", Style::new().fg(theme::ACCENT)),
        Span::styled(format!("   {count}"), theme::muted()),
    ])];
    let w = inner.width as usize;
    let show_sku = w >= 60;
    let name_w = w.saturating_sub(STOCK + PRICE + if show_sku { SKU } else { 0 });
    let header = format!(
        "{}{}{}{}",
        left("Product", name_w),
        if show_sku {
            left("SKU", SKU)
        } else {
            String::new()
        },
        right("Stock", STOCK),
        right("Price", PRICE)
    );
    lines.push(Line::styled(header, theme::muted()));
    if search.query.is_empty() {
        lines.push(Line::styled(
            "Type part of a name: \"usb hub\", \"ultrabook 15\"…",
            theme::muted(),
        ));
    } else if search.results.is_empty() {
        lines.push(Line::styled("Nothing matches", theme::muted()));
    }
    let visible = (inner.height as usize).saturating_sub(2);
    let offset = (search.selected + 1).saturating_sub(visible);
    let products = model.catalog.products();
    let atoms = search::atoms(search.query.text());
    let mut matcher = Matcher::new(Config::DEFAULT);
    for (row, &(index, _)) in search.results.iter().enumerate().skip(offset).take(visible) {
        let Some(p) = products.get(index as usize) else {
            continue;
        };
        let out = !p.in_stock();
        let stock = if out {
            "out".to_string()
        } else if !p.stock_tracked() {
            // The shop does not count this one: no figure to show, and never "out".
            "–".to_string()
        } else {
            p.stock.to_string()
        };
        let mut style = Style::new();
        if out {
            style = style.fg(theme::MUTED);
        }
        if row == search.selected {
            style = theme::selected();
        }
        let stock_style = if out { style.fg(theme::ERROR) } else { style };
        let mut row = name_cell(&p.name, &atoms, &mut matcher, name_w, style);
        row.extend([
            Span::styled(
                if show_sku {
                    left(&p.sku, SKU)
                } else {
                    String::new()
                },
                style.add_modifier(Modifier::DIM),
            ),
            Span::styled(right(&stock, STOCK), stock_style),
            Span::styled(right(&plain(p.price), PRICE), style),
        ]);
        lines.push(Line::from(row));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The product name cut to `width` columns, with the characters the query matched
/// highlighted, so the cashier sees why a product was found.
fn name_cell(
    name: &str,
    atoms: &[Atom],
    matcher: &mut Matcher,
    width: usize,
    style: Style,
) -> Vec<Span<'static>> {
    let mut chars = Vec::new();
    let haystack = Utf32Str::new(name, &mut chars);
    let mut hits: Vec<u32> = Vec::new();
    for atom in atoms {
        atom.indices(haystack, matcher, &mut hits);
    }
    hits.sort_unstable();
    hits.dedup();
    let hit = style
        .fg(theme::ACCENT)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let cut = name.width() > width;
    let room = if cut { width.saturating_sub(1) } else { width };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (i, c) in name.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        let s = if hits.binary_search(&(i as u32)).is_ok() {
            hit
        } else {
            style
        };
        spans.push(Span::styled(c.to_string(), s));
    }
    if cut && width > 0 {
        spans.push(Span::styled("…", style));
        used += 1;
    }
    spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
    spans
}
