//! What may never leave the till in a log: a customer's e-mail address or phone number,
//! and a PIN typed into the wrong field. The log passes every value it writes through
//! [`contact_data`], so a message that happens to quote what a cashier typed (a search for
//! a phone number, a new customer's e-mail) still cannot carry it out; the register's own
//! screen messages also go through [`typed_numbers`].

use std::borrow::Cow;

const EMAIL: &str = "<e-mail>";
const PHONE: &str = "<phone>";
const NUMBER: &str = "<number>";

/// `text` with e-mail addresses and phone numbers replaced by placeholders. Barcodes (8, 12,
/// 13 or 14 digits written together), dates, times, amounts and counts are left alone.
pub fn contact_data(text: &str) -> Cow<'_, str> {
    let without_email = emails(text);
    match phones(&without_email) {
        Cow::Borrowed(_) => without_email,
        Cow::Owned(s) => Cow::Owned(s),
    }
}

/// [`contact_data`], and every number of 4 to 8 digits written alone replaced too: that is
/// what a PIN looks like, and a PIN typed into the scan line or a search box comes back in
/// the message that says it was not found.
pub fn typed_numbers(text: &str) -> String {
    let text = contact_data(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let len = rest[start..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len() - start);
        let before = rest[..start].chars().next_back();
        let after = rest[start + len..].chars().next();
        let glued =
            |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',');
        out.push_str(&rest[..start]);
        if (4..=8).contains(&len) && !glued(before) && !glued(after) {
            out.push_str(NUMBER);
        } else {
            out.push_str(&rest[start..start + len]);
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

fn is_local(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-".contains(c)
}

fn is_domain(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-'
}

fn emails(text: &str) -> Cow<'_, str> {
    if !text.contains('@') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let local_start = rest[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_local(c))
            .last()
            .map_or(at, |(i, _)| i);
        let domain_len = rest[at + 1..]
            .find(|c: char| !is_domain(c))
            .unwrap_or(rest.len() - at - 1);
        let domain = rest[at + 1..at + 1 + domain_len].trim_end_matches('.');
        // No dot needed: a mistyped address ("ana@gmail") is still someone's.
        if local_start < at && !domain.is_empty() {
            out.push_str(&rest[..local_start]);
            out.push_str(EMAIL);
            rest = &rest[at + 1 + domain.len()..];
        } else {
            out.push_str(&rest[..=at]);
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn is_phone_char(c: char) -> bool {
    c.is_ascii_digit() || " +-().".contains(c)
}

/// Barcode lengths: a scanned code is a product, not a person.
const BARCODE_DIGITS: [usize; 4] = [8, 12, 13, 14];

fn looks_like_phone(run: &str) -> bool {
    let digits = run.chars().filter(char::is_ascii_digit).count();
    if !(7..=15).contains(&digits) {
        return false;
    }
    let separated = run.chars().any(|c| !c.is_ascii_digit());
    if !separated {
        return !BARCODE_DIGITS.contains(&digits) && digits >= 9;
    }
    // 2026-10-31, 12.50, 1.5: dates and decimals are not phone numbers.
    let date = run.len() >= 10
        && run[..10]
            .split('-')
            .map(|g| g.len() * usize::from(g.bytes().all(|b| b.is_ascii_digit())))
            .eq([4, 2, 2]);
    let decimal = run.matches('.').count() == 1 && !run.contains([' ', '-', '(', ')', '+']);
    !date && !decimal
}

fn phones(text: &str) -> Cow<'_, str> {
    if text.chars().filter(char::is_ascii_digit).count() < 7 {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit() || c == '+' || c == '(') {
        let len = rest[start..]
            .find(|c: char| !is_phone_char(c))
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + len];
        // Trailing separators (a sentence's space or full stop) are not part of the number.
        let number = run.trim_end_matches(|c: char| !c.is_ascii_digit());
        let before = rest[..start].chars().next_back();
        let after = rest[start + number.len()..].chars().next();
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        out.push_str(&rest[..start]);
        if !number.is_empty() && !glued(before) && !glued(after) && looks_like_phone(number) {
            out.push_str(PHONE);
            changed = true;
        } else {
            out.push_str(&rest[start..start + number.len().max(1)]);
        }
        rest = &rest[start + number.len().max(1)..];
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_replaced_wherever_they_stand() {
        assert_eq!(
            contact_data("no customer matches 'harper_gomez@example.org'"),
            "no customer matches '<e-mail>'"
        );
        assert_eq!(contact_data("a.b+c@d-e.co.uk, then"), "<e-mail>, then");
        assert_eq!(contact_data("ana@gmail, mistyped"), "<e-mail>, mistyped");
        assert_eq!(contact_data("@ alone"), "@ alone");
    }

    #[test]
    fn phone_numbers_are_replaced_in_every_usual_shape() {
        for phone in [
            "512-555-0160",
            "(512) 555-0160",
            "+44 20 7946 0958",
            "5125550160",
            "512.555.0160",
        ] {
            let text = format!("customer {phone} not found");
            assert_eq!(contact_data(&text), "customer <phone> not found", "{phone}");
        }
    }

    #[test]
    fn barcodes_dates_amounts_and_ids_are_kept() {
        for kept in [
            "scanned 8802037000013",
            "ean8 96385074",
            "on 2026-10-31 at 14:10",
            "since 2026-10-31 14:10:00",
            "paid 1,199.00 in 1.357s",
            "1000000 orders",
            "order 4f1c2d3e-1234-5678-9abc-def012345678",
            "receipt TILL1-000042",
            "store /tmp/x/store.db",
        ] {
            assert_eq!(contact_data(kept), kept);
        }
    }

    #[test]
    fn a_pin_typed_in_the_wrong_field_is_not_kept() {
        assert_eq!(
            typed_numbers("No product with code 1357"),
            "No product with code <number>"
        );
        assert_eq!(
            typed_numbers("'80468024' not found"),
            "'<number>' not found"
        );
        assert_eq!(
            typed_numbers("Cash 12.50 taken, change 7.50; 3 items"),
            "Cash 12.50 taken, change 7.50; 3 items"
        );
        assert_eq!(typed_numbers("SKU AB1234"), "SKU AB1234");
    }
}
