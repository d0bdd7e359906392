//! The words an offer is spoken and recorded in: what kind it is, where it came from, the
//! engine's recommendation as the panel and the screen show it, how an offer ended and what
//! the customer said of it. One vocabulary for the engine that makes offers, the timing and
//! the screen that show them, the store, the importers and the reports that read them.

use serde::Serialize;

use crate::domain::money::Money;

/// Cross-sell and upsell are different offers and are never mixed up on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A complementary product: phone → case.
    CrossSell,
    /// A higher tier of a product in the cart: 16GB → 32GB.
    Upsell,
    /// The missing part of a bundle the cart has started.
    Bundle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The shop's own pairings.
    Curated,
    /// Mined from the shop's sales.
    Mined,
    /// From the customer's own history (a consumable due again).
    History,
    /// The next tier of a product family.
    Ladder,
    /// A bundle the cart has started.
    Bundle,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::CrossSell => "cross-sell",
            Kind::Upsell => "upsell",
            Kind::Bundle => "bundle",
        }
    }
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Curated => "curated",
            Source::Mined => "mined",
            Source::History => "history",
            Source::Ladder => "ladder",
            Source::Bundle => "bundle",
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Recommendation {
    pub sku: String,
    pub name: String,
    pub price: Money,
    pub kind: Kind,
    pub source: Source,
    pub score: f64,
    /// Why it helps the customer, in words a person reads.
    pub reason: String,
    /// A line the salesperson can say.
    pub script: String,
    /// Upsell: the SKU in the cart it would replace, and the price difference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_difference: Option<Money>,
    /// Bundle: which one, and what completing it saves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bundle_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saving: Option<Money>,
    /// The mined rule behind the offer, so reports can judge each rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<i64>,
    /// What produced the offer, in words that stay the same across mining runs:
    /// `curated:FROM>TO`, `mined:A+B>C`, `bundle:ID`, `ladder:FAMILY`, `due:CATEGORY`.
    pub rule: String,
}

/// What a shopper at a kiosk reads under an offer: why it suits their basket, in plain
/// words. No count of other customers and no line for a clerk to say: a shopper is not
/// told how many others bought something, only what it goes with. `name_of` names a
/// product by its SKU (the one the offer was made for).
pub fn shopper_words(r: &Recommendation, name_of: impl Fn(&str) -> Option<String>) -> String {
    match (r.kind, r.source) {
        (Kind::Upsell, _) => match r.replaces.as_deref().and_then(&name_of) {
            Some(name) => format!("A step up from your {name}"),
            None => "A step up from what you chose".into(),
        },
        (Kind::Bundle, _) => match r.saving.filter(|s| *s > Money::ZERO) {
            Some(saving) => format!("Complete the set and save {saving}"),
            None => "Completes the set".into(),
        },
        (Kind::CrossSell, Source::History) => "You have bought this before".into(),
        (Kind::CrossSell, _) => {
            // `mined:A+B>C` and `curated:FROM>TO` name what brought the offer.
            let from = r
                .rule
                .strip_prefix("mined:")
                .or_else(|| r.rule.strip_prefix("curated:"))
                .and_then(|rest| rest.split_once('>'))
                .map(|(from, _)| from.split('+').next().unwrap_or(from));
            match from.and_then(&name_of) {
                Some(name) => format!("Goes well with your {name}"),
                None => "Goes well with what you are buying".into(),
            }
        }
    }
}

/// An offer's id: a UUID the register makes when the offer appears, derived from its order's
/// id and its number in the order, so that it needs no answer from the store to be used.
pub type OfferId = uuid::Uuid;

/// The id of the `n`th offer of an order.
pub fn offer_id(order_id: &str, n: u32) -> OfferId {
    let order = uuid::Uuid::parse_str(order_id)
        .unwrap_or_else(|_| uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, order_id.as_bytes()));
    uuid::Uuid::new_v5(&order, &n.to_be_bytes())
}

/// The id migration 006 gave an offer recorded before offers had their own: its row id in
/// the last twelve hex digits.
pub fn legacy_offer_id(event: i64) -> OfferId {
    uuid::Uuid::from_u128(event as u128 & 0xffff_ffff_ffff)
}

/// Reads an offer id, or the row id a draft saved before migration 006 holds instead.
pub fn offer_id_or_event<'de, D: serde::Deserializer<'de>>(d: D) -> Result<OfferId, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Either {
        Id(OfferId),
        Event(i64),
    }
    Ok(match serde::Deserialize::deserialize(d)? {
        Either::Id(id) => id,
        Either::Event(event) => legacy_offer_id(event),
    })
}

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

    fn offer(kind: Kind, source: Source, rule: &str) -> Recommendation {
        Recommendation {
            sku: "CASE".into(),
            name: "Phone case".into(),
            price: Money::from_minor(1_999),
            kind,
            source,
            score: 1.0,
            reason: "24 of 67 who bought the phone added it".into(),
            script: "Want to see the ones that fit?".into(),
            replaces: None,
            price_difference: None,
            bundle_id: None,
            saving: None,
            rule_id: None,
            rule: rule.into(),
        }
    }

    #[test]
    fn a_shopper_reads_what_an_offer_goes_with_never_counts_or_a_clerks_line() {
        let name_of = |sku: &str| (sku == "PHONE").then(|| "Nova 9".to_string());
        let said = |r: &Recommendation| shopper_words(r, name_of);
        let mined = offer(Kind::CrossSell, Source::Mined, "mined:PHONE+CABLE>CASE");
        assert_eq!(said(&mined), "Goes well with your Nova 9");
        let curated = offer(Kind::CrossSell, Source::Curated, "curated:PHONE>CASE");
        assert_eq!(said(&curated), "Goes well with your Nova 9");
        let category = offer(Kind::CrossSell, Source::Curated, "curated:cat:Phones>CASE");
        assert_eq!(said(&category), "Goes well with what you are buying");
        let mut up = offer(Kind::Upsell, Source::Ladder, "ladder:nova");
        up.replaces = Some("PHONE".into());
        assert_eq!(said(&up), "A step up from your Nova 9");
        let mut bundle = offer(Kind::Bundle, Source::Bundle, "bundle:travel");
        bundle.saving = Some(Money::from_minor(1_200));
        assert_eq!(said(&bundle), "Complete the set and save $12.00");
        let mine = offer(Kind::CrossSell, Source::History, "history:CASE");
        assert_eq!(said(&mine), "You have bought this before");
        for r in [&mined, &curated, &category, &up, &bundle, &mine] {
            let words = said(r);
            assert!(!words.contains("who bought"), "{words}");
            assert!(!words.contains("Want to"), "{words}");
        }
    }
}
