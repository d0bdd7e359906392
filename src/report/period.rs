//! The span a report covers: whole shop-local days, both ends included.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First day, included; `None` is since the first sale.
    pub from: Option<NaiveDate>,
    /// Last day, included; `None` is up to the last sale.
    pub to: Option<NaiveDate>,
}

/// The periods a manager flips between on the reports screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Preset {
    Today,
    /// The last 7 days, today included.
    Week,
    /// The last 30 days, today included.
    Month,
    #[default]
    All,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::Today, Preset::Week, Preset::Month, Preset::All];

    pub fn parse(s: &str) -> Option<Preset> {
        match s {
            "today" => Some(Preset::Today),
            "week" => Some(Preset::Week),
            "month" => Some(Preset::Month),
            "all" => Some(Preset::All),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Preset::Today => "today",
            Preset::Week => "last 7 days",
            Preset::Month => "last 30 days",
            Preset::All => "all time",
        }
    }

    pub fn period(self, today: NaiveDate) -> Period {
        let back = |days: i64| Period {
            from: Some(today - Duration::days(days - 1)),
            to: Some(today),
        };
        match self {
            Preset::Today => back(1),
            Preset::Week => back(7),
            Preset::Month => back(30),
            Preset::All => Period::ALL,
        }
    }
}

impl Period {
    pub const ALL: Period = Period {
        from: None,
        to: None,
    };

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }

    /// `2026-10-01 to 2026-10-31`, `since 2026-10-01`, `all time`.
    pub fn label(&self) -> String {
        match (self.from, self.to) {
            (Some(f), Some(t)) if f == t => f.to_string(),
            (Some(f), Some(t)) => format!("{f} to {t}"),
            (Some(f), None) => format!("since {f}"),
            (None, Some(t)) => format!("up to {t}"),
            (None, None) => "all time".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_end_today_and_include_it() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let week = Preset::Week.period(today);
        assert_eq!(week.from, NaiveDate::from_ymd_opt(2026, 2, 23));
        assert!(week.contains(today) && !week.contains(today.succ_opt().unwrap()));
        assert_eq!(Preset::Today.period(today).label(), "2026-03-01");
        assert!(Preset::All.period(today).contains(NaiveDate::MIN));
    }
}
