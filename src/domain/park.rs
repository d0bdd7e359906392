//! "Pay at the counter": a kiosk's order parked under a short number that the shopper
//! gives at any till. The number is drawn from the order's own random id, so it is the
//! same on a retry and says nothing about how many orders came before; it is unique among
//! the orders still open (the store and the in-memory backend both ask `taken`).

/// The smallest and largest counter numbers: four digits, never a leading zero.
pub const FIRST: u32 = 1000;
pub const LAST: u32 = 9999;

/// The number for `order_id`: its own draw, or the next free one after it (wrapping), or
/// None when every number is in use.
pub fn number_for(order_id: &str, mut taken: impl FnMut(u32) -> bool) -> Option<u32> {
    let span = LAST - FIRST + 1;
    // FNV-1a over the id, then a finalizer that mixes the high bits into the low ones
    // (ids that differ in one character would otherwise crowd a few numbers).
    let mut hash = order_id.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash ^= hash >> 16;
    hash = hash.wrapping_mul(0x85eb_ca6b);
    hash ^= hash >> 13;
    hash = hash.wrapping_mul(0xc2b2_ae35);
    hash ^= hash >> 16;
    let start = hash % span;
    (0..span)
        .map(|i| FIRST + (start + i) % span)
        .find(|n| !taken(*n))
}

/// A counter number as typed at a till: four digits (spaces around are ignored).
pub fn parse(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|n| (FIRST..=LAST).contains(n))
}

/// The slip a kiosk prints for the shopper to take to the counter (ESC/POS, ASCII only).
pub fn slip_escpos(
    shop: &str,
    number: u32,
    items: i64,
    total: crate::domain::money::Money,
) -> Vec<u8> {
    let text = format!(
        "{shop}\n\nPay at the counter\n\nYour number\n\n    {number}\n\n{items} item{} - {total}\nShow this at any till.\n",
        if items == 1 { "" } else { "s" }
    );
    let mut bytes = vec![0x1b, b'@'];
    bytes.extend(text.chars().map(|c| {
        if c.is_ascii() && c != '\x1b' {
            c as u8
        } else {
            b'?'
        }
    }));
    bytes.extend_from_slice(&[0x1b, b'd', 4, 0x1d, b'V', 1]);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_four_digits_and_the_same_for_the_same_order() {
        let n = number_for("7f0c2d4e-0000-4000-8000-000000000001", |_| false).unwrap();
        assert!((FIRST..=LAST).contains(&n));
        assert_eq!(
            number_for("7f0c2d4e-0000-4000-8000-000000000001", |_| false),
            Some(n)
        );
    }

    #[test]
    fn a_taken_number_moves_to_the_next_free_one_and_none_when_all_are_taken() {
        let id = "a0b1c2d3-0000-4000-8000-000000000002";
        let first = number_for(id, |_| false).unwrap();
        let second = number_for(id, |n| n == first).unwrap();
        assert_ne!(first, second);
        assert!(number_for(id, |_| true).is_none());
        // Only 9999 free: found from wherever the draw starts.
        assert_eq!(number_for(id, |n| n != LAST), Some(LAST));
    }

    #[test]
    fn numbers_spread_over_the_range() {
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..500 {
            seen.insert(number_for(&format!("order-{i}"), |_| false).unwrap());
        }
        // 500 fair draws from 9,000 give about 486 different numbers.
        assert!(seen.len() > 470, "{}", seen.len());
    }

    #[test]
    fn only_four_digits_are_a_counter_number() {
        assert_eq!(parse(" 4821 "), Some(4821));
        for bad in ["", "482", "48210", "0482", "48a1", "-482", "4 82"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_slip_shows_the_number_and_no_control_bytes_from_the_shop_name() {
        let bytes = slip_escpos(
            "Shop\x1b[2J",
            4821,
            2,
            crate::domain::money::Money::from_minor(1250),
        );
        let text = String::from_utf8_lossy(&bytes[2..]).to_string();
        assert!(
            text.contains("4821") && text.contains("2 items - $12.50"),
            "{text}"
        );
        assert!(!bytes[2..bytes.len() - 6].contains(&0x1b));
    }
}
