//! The evaluation split shared with the peers' study (`basket-data/README.md`), reproduced
//! bit for bit so that our figures and theirs are measured on the same cases.
//!
//! Orders are put in time order when every order has a time, otherwise in a fixed
//! pseudo-random order (sha256 of the id); the last fifth is the test set. Each test order
//! with two or more items becomes one case: one item, chosen by a hash of the order id, is
//! hidden and the others are the cart.

use std::cmp::Ordering;

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use crate::recommend::baskets::{Basket, Baskets};

/// Share of the orders that are held out, as in the peers' study.
pub const TEST_SHARE: f64 = 0.2;

/// Positions into `Baskets::baskets`, each list in split order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub train: Vec<usize>,
    pub test: Vec<usize>,
}

/// One evaluation case: a test order with one item hidden.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Position of the order in `Baskets::baskets`.
    pub basket: usize,
    pub order_id: String,
    pub customer: Option<String>,
    pub ts: Option<NaiveDateTime>,
    /// The order's other items, in SKU code-point order.
    pub cart: Vec<u32>,
    pub hidden: u32,
}

/// Splits all baskets into training and test orders.
pub fn split(baskets: &Baskets) -> Split {
    let all: Vec<usize> = (0..baskets.baskets.len()).collect();
    split_subset(&baskets.baskets, &all)
}

/// Splits a subset of the baskets by the same rule. Applied to the training part it gives
/// the validation slice that tuning may look at, leaving the test orders unseen.
pub fn split_subset(baskets: &[Basket], subset: &[usize]) -> Split {
    let ordered = in_split_order(baskets, subset);
    let n_test = test_count(ordered.len());
    let cut = ordered.len() - n_test;
    Split {
        train: ordered[..cut].to_vec(),
        test: ordered[cut..].to_vec(),
    }
}

/// The newest orders of `ordered` (in split order, as [`in_split_order`] gives them): at
/// most `orders` of them, and no more than hold `lines` items between them (but at least
/// one). What is learnt from a window costs by its lines: a million wholesale orders hold
/// 24.6 million, a million of an electronics shop's two.
pub fn newest_within<'a>(
    baskets: &[Basket],
    ordered: &'a [usize],
    orders: usize,
    lines: usize,
) -> &'a [usize] {
    let mut taken = 0usize;
    let mut held = 0usize;
    for &i in ordered.iter().rev() {
        let len = baskets[i].items.len();
        if taken == orders || (taken > 0 && held + len > lines) {
            break;
        }
        taken += 1;
        held += len;
    }
    &ordered[ordered.len() - taken..]
}

/// `round(0.2 × n)` with Python's rounding (halves to even), the rule the cases were made with.
pub fn test_count(n: usize) -> usize {
    ((n as f64) * TEST_SHARE).round_ties_even() as usize
}

/// The subset sorted by time then id when every order has a time, else by the id's hash.
pub fn in_split_order(baskets: &[Basket], subset: &[usize]) -> Vec<usize> {
    let mut ordered = subset.to_vec();
    if subset.iter().all(|&i| baskets[i].ts.is_some()) {
        ordered.sort_by(|&a, &b| {
            let (a, b) = (&baskets[a], &baskets[b]);
            a.ts.cmp(&b.ts)
                .then_with(|| cmp_order_ids(&a.order_id, &b.order_id))
        });
    } else {
        let mut keyed: Vec<([u8; 32], usize)> = ordered
            .iter()
            .map(|&i| (sha256(&format!("0:{}", baskets[i].order_id)), i))
            .collect();
        // Byte order of the digest is the order of its hex text.
        keyed.sort();
        ordered = keyed.into_iter().map(|(_, i)| i).collect();
    }
    ordered
}

/// Numeric ids by value, before any non-numeric id; non-numeric ids as text.
pub fn cmp_order_ids(a: &str, b: &str) -> Ordering {
    match (numeric(a), numeric(b)) {
        (Some(x), Some(y)) => x
            .len()
            .cmp(&y.len())
            .then_with(|| x.cmp(y))
            .then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// The significant digits of an all-digit id (arbitrary length, so no overflow), else None.
fn numeric(id: &str) -> Option<&str> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = id.trim_start_matches('0');
    Some(if trimmed.is_empty() { "0" } else { trimmed })
}

/// The cases of the given test orders, in the same order.
pub fn cases(baskets: &Baskets, test: &[usize]) -> Vec<Case> {
    test.iter().filter_map(|&i| case_of(baskets, i)).collect()
}

fn case_of(baskets: &Baskets, at: usize) -> Option<Case> {
    let basket = &baskets.baskets[at];
    if basket.items.len() < 2 {
        return None;
    }
    let mut items = basket.items.clone();
    // Rust compares strings by bytes, which for UTF-8 is code-point order.
    items.sort_by(|&a, &b| baskets.index.label(a).cmp(baskets.index.label(b)));
    let digest = sha256(&format!("0:{}:hide", basket.order_id));
    let hidden = items.remove(digest_mod(&digest, items.len()));
    Some(Case {
        basket: at,
        order_id: basket.order_id.clone(),
        customer: basket.customer.clone(),
        ts: basket.ts,
        cart: items,
        hidden,
    })
}

fn sha256(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// The digest read as one big-endian integer, modulo `m`: Horner's rule, one byte at a time,
/// so the remainder never needs more than 40 bits.
pub fn digest_mod(digest: &[u8], m: usize) -> usize {
    assert!(m > 0, "modulo by zero");
    let m = m as u64;
    digest
        .iter()
        .fold(0u64, |r, &b| ((r << 8) | u64::from(b)) % m) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_rounding_of_the_test_share() {
        assert_eq!(test_count(9835), 1967);
        assert_eq!(test_count(9465), 1893);
        assert_eq!(test_count(5), 1);
        assert_eq!(test_count(2), 0); // 0.4
        assert_eq!(test_count(3), 1); // 0.6
        assert_eq!(test_count(0), 0);
    }

    #[test]
    fn the_newest_orders_within_a_number_of_lines() {
        let day = |d: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 1, d)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap()
        };
        // Given oldest last, so that only the time puts them in order.
        let baskets: Vec<Basket> = [(5, 3), (4, 1), (3, 2), (2, 4), (1, 1)]
            .iter()
            .enumerate()
            .map(|(i, &(d, n))| Basket {
                order_id: format!("o{i}"),
                customer: None,
                ts: Some(day(d)),
                items: (0..n).collect(),
            })
            .collect();
        let ordered = in_split_order(&baskets, &[0, 1, 2, 3, 4]);
        assert_eq!(ordered, [4, 3, 2, 1, 0]);
        // Newest first: 3 lines, then 1, then 2.
        assert_eq!(newest_within(&baskets, &ordered, 10, 3), [0]);
        assert_eq!(newest_within(&baskets, &ordered, 10, 4), [1, 0]);
        assert_eq!(newest_within(&baskets, &ordered, 10, 5), [1, 0]);
        assert_eq!(newest_within(&baskets, &ordered, 10, 6), [2, 1, 0]);
        assert_eq!(newest_within(&baskets, &ordered, 2, 100), [1, 0]);
        assert_eq!(newest_within(&baskets, &ordered, 10, 100), ordered);
        // One order is kept even when it alone holds more.
        assert_eq!(newest_within(&baskets, &ordered, 10, 1), [0]);
        assert!(newest_within(&baskets, &[], 10, 1).is_empty());
    }

    #[test]
    fn numeric_ids_by_value_before_text() {
        let mut ids = vec!["b", "10", "9", "a10", "009", "0", "A"];
        ids.sort_by(|a, b| cmp_order_ids(a, b));
        assert_eq!(ids, ["0", "009", "9", "10", "A", "a10", "b"]);
    }

    #[test]
    fn digest_mod_matches_big_integer_arithmetic() {
        // 0x0102 = 258; 0xffff = 65535
        assert_eq!(digest_mod(&[1, 2], 7), 258 % 7);
        assert_eq!(digest_mod(&[0xff, 0xff], 1000), 535);
        // 2^256 - 1 mod 3 = 0 (since 2^2 ≡ 1 mod 3, 2^256 ≡ 1)
        assert_eq!(digest_mod(&[0xff; 32], 3), 0);
        // 2^256 - 1 mod 7: 2^3 ≡ 1, 256 = 3·85 + 1, so 2^256 ≡ 2 and the result is 1
        assert_eq!(digest_mod(&[0xff; 32], 7), 1);
    }

    #[test]
    fn sha256_of_the_hide_key_is_the_standard_digest() {
        let d = sha256("abc");
        assert_eq!(
            d[..4],
            [0xba, 0x78, 0x16, 0xbf],
            "sha256(\"abc\") starts ba7816bf"
        );
    }

    fn timed(id: &str, ts: Option<&str>, items: &[u32]) -> Basket {
        Basket {
            order_id: id.into(),
            customer: None,
            ts: ts.map(|t| t.parse().unwrap()),
            items: items.to_vec(),
        }
    }

    #[test]
    fn timed_orders_sort_by_time_then_numeric_id() {
        let b = vec![
            timed("10", Some("2024-01-01T09:00:00"), &[0]),
            timed("9", Some("2024-01-01T09:00:00"), &[0]),
            timed("x", Some("2024-01-01T08:00:00"), &[0]),
            timed("2", Some("2024-01-02T08:00:00"), &[0]),
            timed("1", Some("2024-01-03T08:00:00"), &[0]),
        ];
        let s = split_subset(&b, &[0, 1, 2, 3, 4]);
        assert_eq!(s.train, [2, 1, 0, 3]);
        assert_eq!(s.test, [4]);
        // The newest orders are taken by time, whatever their place in the history.
        let newest = |subset: &[usize], n| {
            newest_within(&b, &in_split_order(&b, subset), n, usize::MAX).to_vec()
        };
        assert_eq!(newest(&[0, 1, 2, 3, 4], 2), [3, 4]);
        assert_eq!(newest(&[0, 1, 2], 9), [2, 1, 0]);
    }

    #[test]
    fn one_order_without_time_makes_the_whole_split_hash_ordered() {
        let b = vec![
            timed("1", Some("2024-01-01T09:00:00"), &[0]),
            timed("2", None, &[0]),
            timed("3", Some("2024-01-01T07:00:00"), &[0]),
        ];
        let order = in_split_order(&b, &[0, 1, 2]);
        let mut by_hash: Vec<(String, usize)> = (0..3)
            .map(|i| {
                let d = sha256(&format!("0:{}", b[i].order_id));
                let hex: String = d.iter().map(|x| format!("{x:02x}")).collect();
                (hex, i)
            })
            .collect();
        by_hash.sort();
        let expected: Vec<usize> = by_hash.into_iter().map(|(_, i)| i).collect();
        assert_eq!(order, expected);
    }
}
