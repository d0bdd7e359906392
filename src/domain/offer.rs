//! The words the record of offers is kept in: how an offer ended, and what the customer
//! said of it. One vocabulary for the register that writes it, the store, the importers and
//! the reports that read it.

use serde::Serialize;

/// Where an offer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// On screen (or put off) and not answered yet.
    Open,
    Accepted,
    Dismissed,
    Expired,
    /// Still open when the sale was completed.
    Ignored,
    /// Would have been shown, on an order in the control group.
    HeldOut,
}

impl Outcome {
    const ALL: [Outcome; 6] = [
        Outcome::Open,
        Outcome::Accepted,
        Outcome::Dismissed,
        Outcome::Expired,
        Outcome::Ignored,
        Outcome::HeldOut,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Open => "open",
            Outcome::Accepted => "accepted",
            Outcome::Dismissed => "dismissed",
            Outcome::Expired => "expired",
            Outcome::Ignored => "ignored",
            Outcome::HeldOut => "held_out",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// What the customer said, after a sale with an accepted suggestion, to "was this
/// suggestion helpful?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Feedback {
    Helpful,
    NotHelpful,
    Skipped,
}

impl Feedback {
    const ALL: [Feedback; 3] = [Feedback::Helpful, Feedback::NotHelpful, Feedback::Skipped];

    pub fn as_str(self) -> &'static str {
        match self {
            Feedback::Helpful => "helpful",
            Feedback::NotHelpful => "not_helpful",
            Feedback::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<Feedback> {
        Feedback::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_read_back() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        for f in Feedback::ALL {
            assert_eq!(Feedback::parse(f.as_str()), Some(f));
        }
        assert_eq!(Outcome::parse("maybe"), None);
    }
}
