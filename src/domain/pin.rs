//! Staff PINs, stored only as salted argon2 hashes: a stolen database gives no PINs away.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// Hashes a PIN with a fresh salt drawn from `salt_bytes` (the caller supplies randomness,
/// keeping this module free of IO).
pub fn hash(pin: &str, salt_bytes: &[u8; 16]) -> String {
    let hashed: PasswordHash = Argon2::default()
        .hash_password_with_salt(pin.as_bytes(), salt_bytes)
        .expect("argon2 accepts a 16-byte salt");
    hashed.to_string()
}

pub fn verify(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &h)
            .is_ok()
    })
}

/// Verifies `pin` against a hash nobody has, and throws the answer away: a check for a staff
/// code that does not exist then takes as long as one for a code that does.
pub fn verify_dummy(pin: &str) {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash("no one's PIN", &[0x5a; 16]));
    let _ = std::hint::black_box(verify(pin, &DUMMY));
}

/// A PIN is 4 to 8 digits.
pub fn is_well_formed(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_pin_verifies_wrong_does_not() {
        let h = hash("1234", &[7; 16]);
        assert!(h.starts_with("$argon2"));
        assert!(!h.contains("1234"));
        assert!(verify("1234", &h));
        assert!(!verify("1235", &h));
        assert!(!verify("1234", "not a hash"));
    }

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert!(is_well_formed("0000"));
        assert!(!is_well_formed("123"));
        assert!(!is_well_formed("12a4"));
    }
}
