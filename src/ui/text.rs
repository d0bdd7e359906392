//! Text measured in terminal columns, not bytes or chars: a name in Japanese or with an
//! emoji takes two columns per character, and the order's columns must still line up.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

pub use crate::domain::receipt::fit;

/// `text` cut or padded to exactly `width` columns, left-aligned.
pub fn left(text: &str, width: usize) -> String {
    let t = fit(text, width);
    let pad = width.saturating_sub(t.width());
    format!("{t}{}", " ".repeat(pad))
}

/// `text` cut or padded to exactly `width` columns, right-aligned.
pub fn right(text: &str, width: usize) -> String {
    let t = fit(text, width);
    let pad = width.saturating_sub(t.width());
    format!("{}{t}", " ".repeat(pad))
}

/// A `width`×`height` box centred in `area`, never larger than it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Money without the currency sign, for columns of figures.
pub fn plain(m: crate::domain::money::Money) -> String {
    m.to_string().replacen('$', "", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_pad_by_columns() {
        assert_eq!(left("日本", 6), "日本  ");
        // Cut to 5 columns (a wide character cannot be halved), then padded to 6.
        assert_eq!(left("日本語です", 6), "日本… ");
        assert_eq!(right("🎧", 4), "  🎧");
        assert_eq!(left("abc", 0), "");
        assert_eq!(left("日本", 6).width(), 6);
    }

    #[test]
    fn centred_box_never_leaves_its_area() {
        let area = Rect::new(3, 2, 10, 5);
        let r = centered(area, 40, 40);
        assert_eq!(r, area);
        let r = centered(area, 4, 1);
        assert!(area.contains(r.as_position()) && r.right() <= area.right());
    }
}
