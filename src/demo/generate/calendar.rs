//! When the shop is open and how busy it is: weekday rhythm, the year's seasons, Black
//! Friday and Christmas, and the hours of the day people come in.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::dice::Dice;

/// Opening and closing hour of `date`, `None` when the shop is closed.
pub fn hours(date: NaiveDate) -> Option<(u32, u32)> {
    let (m, d) = (date.month(), date.day());
    let closed = (m, d) == (12, 25) || (m, d) == (1, 1) || date == thanksgiving(date.year());
    if closed {
        return None;
    }
    if date == black_friday(date.year()) {
        return Some((7, 22));
    }
    Some(match (m, d) {
        (12, 24) => (9, 16),
        (12, 31) => (9, 17),
        (12, 14..=23) => (9, 21),
        _ if date.weekday() == Weekday::Sun => (11, 17),
        _ => (9, 20),
    })
}

/// Relative number of orders on `date` (0 when closed). `progress` runs from 0 at the
/// first day of the history to 1 at the last: the shop grew about 8% over the year.
pub fn busyness(date: NaiveDate, progress: f64) -> f64 {
    if hours(date).is_none() {
        return 0.0;
    }
    let weekday = match date.weekday() {
        Weekday::Mon => 0.80,
        Weekday::Tue => 0.85,
        Weekday::Wed => 0.90,
        Weekday::Thu => 1.00,
        Weekday::Fri => 1.15,
        Weekday::Sat => 1.45,
        Weekday::Sun => 0.75,
    };
    let month = [
        0.78, 0.72, 0.85, 0.85, 0.90, 0.92, 0.95, 1.15, 1.00, 0.95, 1.15, 1.60,
    ][date.month0() as usize];
    let bf = black_friday(date.year());
    let special = match (date - bf).num_days() {
        0 => 3.5 / weekday,
        1 => 1.6,
        2 => 1.5,
        3 => 1.8 / weekday,
        _ => match (date.month(), date.day()) {
            (12, 15..=23) => 1.5,
            (12, 24) => 1.3,
            (12, 26) => 1.7,
            (8, 15..=31) | (9, 1..=5) => 1.15,
            _ => 1.0,
        },
    };
    weekday * month * special * (1.0 + 0.08 * progress)
}

/// A minute of the opening hours, weighted toward lunch and the after-work rush.
pub fn time_of_day(dice: &mut Dice, date: NaiveDate) -> (u32, u32) {
    let (open, close) = hours(date).expect("an open day");
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    let weights: Vec<f64> = (open..close)
        .map(|h| match (weekend, h) {
            (_, 0..=8) => 0.5,
            (false, 9) => 0.5,
            (false, 10) => 0.8,
            (false, 12 | 13) => 1.4,
            (false, 17 | 18) => 1.5,
            (false, 19..) => 0.8,
            (true, 9 | 10) => 0.6,
            (true, 11..=16) => 1.3,
            (true, 19..) => 0.7,
            _ => 1.0,
        })
        .collect();
    let hour = open + dice.weighted(&weights) as u32;
    (hour, dice.below(60) as u32)
}

/// US Thanksgiving: the fourth Thursday of November.
pub fn thanksgiving(year: i32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Thu, 4).expect("a November")
}

pub fn black_friday(year: i32) -> NaiveDate {
    thanksgiving(year) + Duration::days(1)
}

/// Black Friday through Cyber Monday.
pub fn deal_days(date: NaiveDate) -> bool {
    (0..=3).contains(&(date - black_friday(date.year())).num_days())
}

pub fn gift_season(date: NaiveDate) -> bool {
    matches!((date.month(), date.day()), (11, 20..) | (12, ..=24))
}

pub fn back_to_school(date: NaiveDate) -> bool {
    matches!((date.month(), date.day()), (8, _) | (9, ..=15))
}

pub fn summer(date: NaiveDate) -> bool {
    (6..=8).contains(&date.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn black_friday_2025_is_the_28th_and_the_busiest_day() {
        assert_eq!(black_friday(2025), d(2025, 11, 28));
        assert_eq!(hours(d(2025, 11, 27)), None);
        let bf = busyness(d(2025, 11, 28), 0.2);
        let ordinary_sat = busyness(d(2025, 10, 11), 0.0);
        assert!(bf > 2.0 * ordinary_sat, "{bf} vs {ordinary_sat}");
    }

    #[test]
    fn christmas_is_closed_and_sunday_is_short() {
        assert_eq!(hours(d(2025, 12, 25)), None);
        assert_eq!(hours(d(2026, 3, 15)), Some((11, 17)));
    }
}
