//! Money as integer minor units (cents). Never a float: a till must add up to the cent.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// Digits after the decimal point of the shop's currency.
pub const DECIMALS: u32 = 2;
const SCALE: i64 = 10i64.pow(DECIMALS);
/// Largest amount the till accepts (ten billion in major units): far above any sale,
/// far below i64 overflow even after multiplying by a quantity limit.
pub const MAX_MINOR: i64 = 1_000_000_000_000;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("'{0}' is not an amount (expected digits like 12.99)")]
    Malformed(String),
    #[error("'{0}' has more than {DECIMALS} decimals")]
    TooManyDecimals(String),
    #[error("'{0}' is too large")]
    TooLarge(String),
    #[error(
        "'{0}' uses a decimal comma: write {1} (a comma only separates thousands, as in 1,299.00)"
    )]
    DecimalComma(String, String),
    #[error("'{0}' has a comma out of place: a comma only separates thousands, as in 1,299.00")]
    MisplacedComma(String),
    #[error("amount overflow")]
    Overflow,
}

/// `1,299.00` → `1299.00`. A comma is taken only between groups of three digits of the
/// whole part; anything else (`1,50`, `12,5`, `1,2,3.4`) is refused rather than guessed at,
/// with the fix when it reads as a decimal comma.
fn without_thousands_commas(input: &str, s: &str) -> Result<String, MoneyError> {
    if !s.contains(',') {
        return Ok(s.to_string());
    }
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = whole.split(',').collect();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let thousands = frac.is_none_or(|f| !f.contains(','))
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| digits(g))
        && groups[1..].iter().all(|g| g.len() == 3);
    if thousands {
        let mut out = groups.concat();
        if let Some(f) = frac {
            out.push('.');
            out.push_str(f);
        }
        return Ok(out);
    }
    match (frac, groups.as_slice()) {
        (None, [w, f]) if !w.is_empty() && digits(w) && (1..=2).contains(&f.len()) && digits(f) => {
            Err(MoneyError::DecimalComma(
                input.trim().to_string(),
                format!("{w}.{f}"),
            ))
        }
        _ => Err(MoneyError::MisplacedComma(input.trim().to_string())),
    }
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_minor(minor: i64) -> Money {
        Money(minor)
    }

    pub const fn minor(self) -> i64 {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }

    /// Parses a decimal string such as `12.99`, `12.9`, `12`, `-3.50`, `$1,199.00`.
    /// Thousands separators and a leading `$` are accepted because people type them;
    /// a third decimal is refused rather than silently rounded.
    pub fn parse(input: &str) -> Result<Money, MoneyError> {
        let malformed = || MoneyError::Malformed(input.to_string());
        let s = input.trim();
        let (negative, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let s = s.strip_prefix('$').unwrap_or(s);
        let cleaned = without_thousands_commas(input, s)?;
        let (whole, frac) = match cleaned.split_once('.') {
            Some((w, f)) => (w, f),
            None => (cleaned.as_str(), ""),
        };
        if whole.is_empty() && frac.is_empty() {
            return Err(malformed());
        }
        if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        if frac.len() > DECIMALS as usize {
            return Err(MoneyError::TooManyDecimals(input.to_string()));
        }
        let too_large = || MoneyError::TooLarge(input.to_string());
        let whole_value: i64 = if whole.is_empty() {
            0
        } else if whole.len() > 15 {
            return Err(too_large());
        } else {
            whole.parse().map_err(|_| malformed())?
        };
        let mut frac_value: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| malformed())?
        };
        for _ in frac.len()..DECIMALS as usize {
            frac_value *= 10;
        }
        let minor = whole_value
            .checked_mul(SCALE)
            .and_then(|v| v.checked_add(frac_value))
            .ok_or_else(too_large)?;
        if minor > MAX_MINOR {
            return Err(too_large());
        }
        Ok(Money(if negative { -minor } else { minor }))
    }

    /// `1199.00`: the form used in CSV files.
    pub fn to_decimal_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / SCALE as u64, abs % SCALE as u64)
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_mul_qty(self, qty: i64) -> Option<Money> {
        self.0.checked_mul(qty).map(Money)
    }

    /// `rate_bp` basis points of this amount (800 = 8%), rounded half away from zero.
    pub fn percent_bp(self, rate_bp: i64) -> Money {
        Money(div_round_half_up(
            i128::from(self.0) * i128::from(rate_bp),
            10_000,
        ))
    }
}

/// Integer division rounded half away from zero ("half-up" as a till prints it,
/// symmetric for refunds so that a return gives back exactly what the sale took).
pub fn div_round_half_up(numerator: i128, denominator: i128) -> i64 {
    assert!(denominator > 0, "denominator must be positive");
    let q = numerator / denominator;
    let r = numerator % denominator;
    let rounded = if 2 * r.abs() >= denominator {
        q + numerator.signum()
    } else {
        q
    };
    rounded as i64
}

impl fmt::Display for Money {
    /// `$1,199.00`, `-$3.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = (abs / SCALE as u64).to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        let text = format!("{sign}${grouped}.{:02}", abs % SCALE as u64);
        f.pad(&text)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_common_forms() {
        assert_eq!(Money::parse("12.99"), Ok(Money(1299)));
        assert_eq!(Money::parse("12.9"), Ok(Money(1290)));
        assert_eq!(Money::parse("12"), Ok(Money(1200)));
        assert_eq!(Money::parse(".5"), Ok(Money(50)));
        assert_eq!(Money::parse("$1,199.00"), Ok(Money(119_900)));
        assert_eq!(Money::parse("-3.50"), Ok(Money(-350)));
    }

    #[test]
    fn refuses_what_a_till_cannot_hold() {
        assert!(matches!(
            Money::parse("1.999"),
            Err(MoneyError::TooManyDecimals(_))
        ));
        assert!(matches!(Money::parse("abc"), Err(MoneyError::Malformed(_))));
        assert!(matches!(Money::parse(""), Err(MoneyError::Malformed(_))));
        assert!(matches!(Money::parse("1e5"), Err(MoneyError::Malformed(_))));
        assert!(matches!(
            Money::parse("1000000000000"),
            Err(MoneyError::TooLarge(_))
        ));
        assert!(matches!(
            Money::parse("99999999999999999999"),
            Err(MoneyError::TooLarge(_))
        ));
    }

    #[test]
    fn displays_with_grouping() {
        assert_eq!(Money(119_900).to_string(), "$1,199.00");
        assert_eq!(Money(-350).to_string(), "-$3.50");
        assert_eq!(Money(5).to_string(), "$0.05");
        assert_eq!(Money(123_456_789).to_string(), "$1,234,567.89");
        assert_eq!(format!("{:>10}", Money(100)), "     $1.00");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round_half_up(5, 10), 1);
        assert_eq!(div_round_half_up(4, 10), 0);
        assert_eq!(div_round_half_up(-5, 10), -1);
        assert_eq!(div_round_half_up(-4, 10), 0);
        // 8% of $0.06 = 0.48 cent -> 0; of $0.07 = 0.56 cent -> 1.
        assert_eq!(Money(6).percent_bp(800), Money(0));
        assert_eq!(Money(7).percent_bp(800), Money(1));
    }

    proptest! {
        #[test]
        fn decimal_string_round_trips(minor in -MAX_MINOR..=MAX_MINOR) {
            let m = Money(minor);
            prop_assert_eq!(Money::parse(&m.to_decimal_string()), Ok(m));
            prop_assert_eq!(Money::parse(&m.to_string()), Ok(m));
        }
    }

    #[test]
    fn a_decimal_comma_is_refused_with_the_fix_instead_of_multiplying_the_price() {
        assert_eq!(Money::parse("1,299.00").unwrap().minor(), 129_900);
        assert_eq!(Money::parse("$1,234,567").unwrap().minor(), 123_456_700);
        assert_eq!(Money::parse("-1,000.5").unwrap().minor(), -100_050);
        let err = Money::parse("1,50").unwrap_err().to_string();
        assert!(err.contains("decimal comma: write 1.50"), "{err}");
        let err = Money::parse("12,5").unwrap_err().to_string();
        assert!(err.contains("write 12.5"), "{err}");
        for bad in [
            "1,2,3.4",
            "12,34,567",
            ",500",
            "1,000,",
            "1.000,50",
            "1,0000",
            "1,5.00",
        ] {
            assert!(
                matches!(Money::parse(bad), Err(MoneyError::MisplacedComma(_))),
                "{bad}: {:?}",
                Money::parse(bad)
            );
        }
    }
}
