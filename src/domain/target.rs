//! What a curated complement or a bundle names: one product, or any product of a category,
//! and when a curated pairing applies (dates, days of the week, hours of the day).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};

use crate::domain::catalog::Product;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Target {
    Sku(String),
    Category(String),
}

impl Target {
    /// `category:Laptop Bags` or a SKU.
    pub fn parse(text: &str) -> Result<Target, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("empty target".into());
        }
        match t.split_once(':') {
            Some((kind, name)) if kind.trim().eq_ignore_ascii_case("category") => {
                let name = name.trim();
                if name.is_empty() {
                    Err("empty category name".into())
                } else {
                    Ok(Target::Category(name.to_string()))
                }
            }
            _ => Ok(Target::Sku(t.to_string())),
        }
    }

    pub fn matches(&self, p: &Product) -> bool {
        match self {
            Target::Sku(s) => &p.sku == s,
            Target::Category(c) => p.category.eq_ignore_ascii_case(c),
        }
    }

    pub fn matches_line(&self, sku: &str, category: &str) -> bool {
        match self {
            Target::Sku(s) => s == sku,
            Target::Category(c) => category.eq_ignore_ascii_case(c),
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Sku(s) => write!(f, "{s}"),
            Target::Category(c) => write!(f, "category:{c}"),
        }
    }
}

/// When a pairing applies. Every part is optional; an empty window always applies.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct TimeWindow {
    pub starts: Option<NaiveDate>,
    pub ends: Option<NaiveDate>,
    /// Bit 0 = Monday … bit 6 = Sunday; 0 = every day.
    pub days: u8,
    /// Hours [from, to) in local time; `to < from` wraps past midnight.
    pub hours: Option<(u8, u8)>,
}

impl TimeWindow {
    pub fn contains(&self, at: NaiveDateTime) -> bool {
        let date = at.date();
        if self.starts.is_some_and(|s| date < s) || self.ends.is_some_and(|e| date > e) {
            return false;
        }
        if self.days != 0 && self.days & (1 << at.weekday().num_days_from_monday()) == 0 {
            return false;
        }
        match self.hours {
            None => true,
            Some((from, to)) => {
                let h = at.hour() as u8;
                if from <= to {
                    (from..to).contains(&h)
                } else {
                    h >= from || h < to
                }
            }
        }
    }

    /// A stable text form, empty for "always": what makes two windows of one pairing distinct.
    pub fn key(&self) -> String {
        if self.is_always() {
            return String::new();
        }
        let date = |d: Option<NaiveDate>| d.map_or(String::new(), |d| d.to_string());
        let hours = self
            .hours
            .map_or(String::new(), |(a, b)| format!("{a:02}-{b:02}"));
        format!(
            "{}|{}|{}|{hours}",
            date(self.starts),
            date(self.ends),
            self.days
        )
    }

    pub fn is_always(&self) -> bool {
        *self == TimeWindow::default()
    }

    /// Parses `mon-fri`, `sat,sun`, `mon,wed-fri` into a day mask.
    pub fn parse_days(text: &str) -> Result<u8, String> {
        let mut mask = 0u8;
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            let (a, b) = (weekday(a)?, weekday(b)?);
            let (mut d, end) = (a.num_days_from_monday(), b.num_days_from_monday());
            loop {
                mask |= 1 << d;
                if d == end {
                    break;
                }
                d = (d + 1) % 7;
            }
        }
        Ok(mask)
    }

    /// Parses `08-11` (from 08:00 until 11:00) or `22-02`.
    pub fn parse_hours(text: &str) -> Result<(u8, u8), String> {
        let (a, b) = text
            .split_once('-')
            .ok_or_else(|| format!("hours '{text}' should look like 08-11"))?;
        let hour = |s: &str| {
            s.trim()
                .parse::<u8>()
                .ok()
                .filter(|h| *h <= 24)
                .ok_or_else(|| format!("'{s}' is not an hour (0 to 24)"))
        };
        let (from, to) = (hour(a)?, hour(b)?);
        if from == to {
            return Err(format!("hours '{text}' is an empty window"));
        }
        Ok((from % 24, to % 24))
    }
}

fn weekday(s: &str) -> Result<Weekday, String> {
    s.trim()
        .parse::<Weekday>()
        .map_err(|_| format!("'{s}' is not a day (mon, tue, …)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 30, 0)
            .unwrap()
    }

    #[test]
    fn targets_parse() {
        assert_eq!(
            Target::parse("category: Laptop Bags"),
            Ok(Target::Category("Laptop Bags".into()))
        );
        assert_eq!(Target::parse("LAP-1"), Ok(Target::Sku("LAP-1".into())));
        assert!(Target::parse(" ").is_err());
        assert!(Target::parse("category:").is_err());
    }

    #[test]
    fn windows_honour_dates_days_and_hours() {
        let w = TimeWindow {
            starts: NaiveDate::from_ymd_opt(2026, 11, 1),
            ends: NaiveDate::from_ymd_opt(2026, 12, 24),
            days: TimeWindow::parse_days("mon-fri").unwrap(),
            hours: Some(TimeWindow::parse_hours("08-11").unwrap()),
        };
        assert!(w.contains(at(2026, 11, 23, 9))); // a Monday morning
        assert!(!w.contains(at(2026, 11, 23, 11))); // 11:30 is past the window
        assert!(!w.contains(at(2026, 11, 22, 9))); // Sunday
        assert!(!w.contains(at(2026, 12, 25, 9))); // after the end
        assert!(!w.contains(at(2026, 10, 30, 9))); // before the start
        assert!(TimeWindow::default().contains(at(2026, 1, 1, 3)));
    }

    #[test]
    fn hours_may_wrap_midnight_and_days_may_wrap_the_week() {
        let night = TimeWindow {
            hours: Some(TimeWindow::parse_hours("22-02").unwrap()),
            ..TimeWindow::default()
        };
        assert!(night.contains(at(2026, 1, 1, 23)));
        assert!(night.contains(at(2026, 1, 1, 1)));
        assert!(!night.contains(at(2026, 1, 1, 12)));
        assert_eq!(TimeWindow::parse_days("sat-mon").unwrap(), 0b110_0001);
        assert_eq!(TimeWindow::parse_days("sat,sun").unwrap(), 0b110_0000);
        assert!(TimeWindow::parse_days("someday").is_err());
        assert!(TimeWindow::parse_hours("8").is_err());
        assert!(TimeWindow::parse_hours("25-3").is_err());
    }
}
