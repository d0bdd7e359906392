//! Times as people and other till systems write them, read onto the shop's clock.

use chrono::{NaiveDate, NaiveDateTime};

/// ISO 8601 date-time (with `T` or a space, optional fraction, optional offset or `Z`) or a
/// bare date (midnight). Times without an offset are the shop's wall clock, as the store
/// keeps them; a time with an offset is an instant, put on the shop's clock.
pub fn parse_timestamp(s: &str) -> Option<NaiveDateTime> {
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(dt.with_timezone(&chrono::Local).naive_local());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn timestamps_in_common_iso_forms() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(parse_timestamp("2024-03-01"), day.and_hms_opt(0, 0, 0));
        assert_eq!(
            parse_timestamp("2024-03-01T09:30:00"),
            day.and_hms_opt(9, 30, 0)
        );
        assert_eq!(
            parse_timestamp("2024-03-01 09:30"),
            day.and_hms_opt(9, 30, 0)
        );
        // An instant with an offset lands on the shop's clock, whatever zone this machine is in.
        let nine_thirty_utc = day.and_hms_opt(9, 30, 0).unwrap();
        let on_shop_clock = Some(
            chrono::Local
                .from_utc_datetime(&nine_thirty_utc)
                .naive_local(),
        );
        assert_eq!(parse_timestamp("2024-03-01T10:30:00+01:00"), on_shop_clock);
        assert_eq!(parse_timestamp("2024-03-01T09:30:00Z"), on_shop_clock);
        assert_eq!(parse_timestamp("03/01/2024"), None);
    }
}
