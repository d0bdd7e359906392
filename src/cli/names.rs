//! Checks for the names given on the command line (a till, a staff member): a name is
//! printable, of a sane length, and not a date, which is what a misplaced flag usually
//! hands it (`report --from 2026-12-01 --till 2026-12-02`).

/// A till's name: printed on receipts and the prefix of their numbers. It starts with a
/// letter or a digit (the store keeps `*` for the whole shop's PIN count).
pub fn parse_till(s: &str) -> Result<String, String> {
    let s = parse_name(s)?;
    if s.chars().count() > 32 {
        return Err("a till name is at most 32 characters".into());
    }
    if !s.starts_with(|c: char| c.is_alphanumeric()) {
        return Err(format!("'{s}' must start with a letter or a digit"));
    }
    Ok(s)
}

/// A person's or a till's name: not empty, no control characters, at most 80 characters,
/// and not a date.
pub fn parse_name(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("a name cannot be empty".into());
    }
    if s.chars().any(char::is_control) {
        return Err("a name cannot hold control characters".into());
    }
    if s.chars().count() > 80 {
        return Err("a name is at most 80 characters".into());
    }
    if looks_like_date(s) {
        return Err(format!(
            "'{s}' is a date, not a name: is a flag missing before it (--from, --to)?"
        ));
    }
    Ok(s.to_string())
}

/// `2026-12-02`, `2026-12-02T10:00`, `02/12/2026`, `12.02.2026`: digits in date-like groups.
fn looks_like_date(s: &str) -> bool {
    let groups: Vec<&str> = s.split(['-', '/', '.', 'T', ' ', ':']).collect();
    groups.len() >= 3
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && groups[..3].iter().any(|g| g.len() == 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_given_to_a_name_flag_is_caught() {
        for date in ["2026-12-02", "2026-12-02T10:00", "02/12/2026", "12.02.2026"] {
            assert!(
                parse_till(date).unwrap_err().contains("is a date"),
                "{date}"
            );
            assert!(parse_name(date).is_err(), "{date}");
        }
        assert_eq!(parse_till("Till 2").unwrap(), "Till 2");
        assert_eq!(parse_till("2").unwrap(), "2");
        assert_eq!(parse_till(" Front ").unwrap(), "Front");
    }

    #[test]
    fn names_with_control_characters_or_no_letters_are_refused() {
        assert!(parse_name("Ana\x1b]0;pwned\x07").is_err());
        assert!(parse_name("   ").is_err());
        assert!(parse_till("*").is_err());
        assert!(parse_name(&"x".repeat(81)).is_err());
    }
}
