//! EAN-13 barcodes: a scanner that misreads one digit must not add the wrong product,
//! so every barcode in the catalog is checked against its check digit.

/// The check digit for the first 12 digits of an EAN-13 (weights 1,3,1,3,…).
pub fn check_digit(first12: &[u8; 12]) -> u8 {
    let sum: u32 = first12
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Completes a 12-digit body into a 13-digit EAN string.
pub fn complete(body: &str) -> Option<String> {
    let digits = digits_of(body)?;
    let first12: [u8; 12] = digits.try_into().ok()?;
    Some(format!("{body}{}", check_digit(&first12)))
}

/// Why a string is not a valid EAN-13.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EanError {
    #[error("a barcode has 8, 12, 13 or 14 digits, this one has {0} characters")]
    Length(usize),
    #[error("a barcode has only digits")]
    NotDigits,
    #[error("wrong check digit: expected {expected}, found {found}")]
    CheckDigit { expected: u8, found: u8 },
}

/// Validates a full EAN-13 (13 digits, correct check digit).
pub fn validate(code: &str) -> Result<(), EanError> {
    let digits = digits_of(code).ok_or(EanError::NotDigits)?;
    if digits.len() != 13 {
        return Err(EanError::Length(code.chars().count()));
    }
    let first12: [u8; 12] = digits[..12].try_into().expect("13 digits");
    let expected = check_digit(&first12);
    let found = digits[12];
    if expected == found {
        Ok(())
    } else {
        Err(EanError::CheckDigit { expected, found })
    }
}

/// Validates any GTIN a shop's scanner reads: EAN-8, UPC-A (12), EAN-13 or GTIN-14.
/// All share one check digit rule, weighted 3,1,3,… from the right.
pub fn validate_gtin(code: &str) -> Result<(), EanError> {
    let digits = digits_of(code).ok_or(EanError::NotDigits)?;
    if ![8, 12, 13, 14].contains(&digits.len()) {
        return Err(EanError::Length(code.chars().count()));
    }
    let (body, found) = digits.split_at(digits.len() - 1);
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    let expected = ((10 - sum % 10) % 10) as u8;
    if expected == found[0] {
        Ok(())
    } else {
        Err(EanError::CheckDigit {
            expected,
            found: found[0],
        })
    }
}

/// True when the input looks like a barcode attempt (all digits, 8 or more):
/// the register then reports a bad check digit instead of "unknown SKU".
pub fn looks_like_barcode(code: &str) -> bool {
    code.len() >= 8 && code.bytes().all(|b| b.is_ascii_digit())
}

fn digits_of(s: &str) -> Option<Vec<u8>> {
    s.bytes()
        .map(|b| b.is_ascii_digit().then(|| b - b'0'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_barcode_is_valid() {
        // A real published EAN-13.
        assert_eq!(validate("4006381333931"), Ok(()));
        assert_eq!(complete("400638133393").as_deref(), Some("4006381333931"));
    }

    #[test]
    fn one_wrong_digit_is_caught() {
        assert_eq!(
            validate("4006381333932"),
            Err(EanError::CheckDigit {
                expected: 1,
                found: 2
            })
        );
    }

    #[test]
    fn other_gtin_lengths_share_the_rule() {
        assert_eq!(validate_gtin("4006381333931"), Ok(()));
        assert_eq!(validate_gtin("96385074"), Ok(())); // EAN-8
        assert_eq!(validate_gtin("036000291452"), Ok(())); // UPC-A
        assert!(validate_gtin("036000291453").is_err());
        assert!(validate_gtin("12345").is_err());
    }

    #[test]
    fn wrong_length_and_letters_are_rejected() {
        assert_eq!(validate("123"), Err(EanError::Length(3)));
        assert_eq!(validate("40063813339X1"), Err(EanError::NotDigits));
    }
}
