//! Customers and staff as the register sees them.

use chrono::NaiveDateTime;

use crate::domain::money::Money;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Customer {
    /// The shop's own id (loyalty number), as printed on a card.
    pub code: String,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The customer asked not to be offered anything.
    pub opted_out: bool,
}

impl Customer {
    /// True when `query` matches the id, the name, the phone (digits only) or the e-mail.
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return false;
        }
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        self.code.to_lowercase().contains(&q)
            || self.name.to_lowercase().contains(&q)
            || self
                .email
                .as_deref()
                .is_some_and(|e| e.to_lowercase().contains(&q))
            || (digits.len() >= 3
                && digits.len()
                    == q.chars()
                        .filter(|c| !matches!(c, '-' | ' ' | '(' | ')' | '+'))
                        .count()
                && self.phone.as_deref().is_some_and(|p| {
                    p.chars()
                        .filter(char::is_ascii_digit)
                        .collect::<String>()
                        .contains(&digits)
                }))
    }
}

/// What the side panel says about an attached customer.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct CustomerSummary {
    pub visits: i64,
    pub lifetime_spend: Money,
    pub last_visit: Option<NaiveDateTime>,
    /// Most bought categories first, at most three.
    pub favourite_categories: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Role {
    Cashier,
    Manager,
    Trainee,
    /// The pseudo staff member a self-service kiosk sells as: a role of its own, so that a
    /// real trainee is never mistaken for the kiosk. Nobody is given it (`parse` refuses it).
    SelfService,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Cashier => "cashier",
            Role::Manager => "manager",
            Role::Trainee => "trainee",
            Role::SelfService => "self-service",
        }
    }

    /// A role a person can be given; the kiosk's own role is not one.
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_lowercase().as_str() {
            "cashier" => Some(Role::Cashier),
            "manager" => Some(Role::Manager),
            "trainee" => Some(Role::Trainee),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Staff {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub role: Role,
}

/// A staff member with the argon2 hash their PIN is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRecord {
    pub staff: Staff,
    pub pin_hash: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jordan() -> Customer {
        Customer {
            code: "C0042".into(),
            name: "Jordan Lee".into(),
            phone: Some("555-0142".into()),
            email: Some("jordan.lee@example.com".into()),
            opted_out: false,
        }
    }

    #[test]
    fn nobody_can_be_given_the_kiosks_role() {
        assert_eq!(Role::parse(Role::SelfService.as_str()), None);
        for role in [Role::Cashier, Role::Manager, Role::Trainee] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
    }

    #[test]
    fn customer_is_found_by_any_handle() {
        let c = jordan();
        for q in [
            "c0042",
            "jordan",
            "LEE",
            "5550142",
            "555-0142",
            "example.com",
        ] {
            assert!(c.matches(q), "{q}");
        }
        for q in ["", "smith", "99"] {
            assert!(!c.matches(q), "{q}");
        }
    }
}
