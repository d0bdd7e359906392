//! The sales journal's format: one entry per sale, refund, void, close of day, offer or
//! feedback, made on the till with a global id and a hash of its content. Pure: the store
//! writes and applies entries, a file or headquarters carries them, and all of them agree
//! on what an entry is and whether it was changed on the way.

pub mod body;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The version of the line format; a reader refuses a line of another version rather than
/// guess at it.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Sale,
    Refund,
    Void,
    Close,
    Offer,
    Feedback,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Sale,
        Kind::Refund,
        Kind::Void,
        Kind::Close,
        Kind::Offer,
        Kind::Feedback,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Sale => "sale",
            Kind::Refund => "refund",
            Kind::Void => "void",
            Kind::Close => "close",
            Kind::Offer => "offer",
            Kind::Feedback => "feedback",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One journal entry as it travels: the same fields in a file line and at headquarters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub v: u32,
    /// Global: made on the till (an order's UUID, an offer's id, …), never reused.
    pub id: String,
    /// The store the entry was made in (its UUID) and that store's code.
    pub store: String,
    pub store_code: Option<String>,
    pub till: String,
    /// The entry's number among its till's entries in its store, from 1.
    pub seq: i64,
    pub kind: Kind,
    /// When it happened, on the shop's clock (`YYYY-MM-DDTHH:MM:SS`).
    pub at: String,
    pub body: serde_json::Value,
    pub hash: String,
}

/// What the hash covers, as one text: every field but the hash, the body in its compact
/// JSON form. Two programs that read the same entry compute the same text.
fn hashed_text(e: &Entry) -> String {
    format!(
        "xsell-journal/{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
        e.v,
        e.id,
        e.store,
        e.store_code.as_deref().unwrap_or(""),
        e.till,
        e.seq,
        e.kind.as_str(),
        e.at,
        e.body
    )
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Entry {
    /// A new entry with its hash computed.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: String,
        store: String,
        store_code: Option<String>,
        till: String,
        seq: i64,
        kind: Kind,
        at: String,
        body: serde_json::Value,
    ) -> Entry {
        let mut e = Entry {
            v: FORMAT,
            id,
            store,
            store_code,
            till,
            seq,
            kind,
            at,
            body,
            hash: String::new(),
        };
        e.hash = e.digest();
        e
    }

    /// The SHA-256 of the entry's content, in hex.
    pub fn digest(&self) -> String {
        let d: [u8; 32] = Sha256::digest(hashed_text(self).as_bytes()).into();
        hex(&d)
    }

    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("an entry serializes")
    }

    /// Reads one line of a journal file: the format version it says, every field, and a
    /// hash that matches the content (a line edited by hand, or cut short, fails here).
    pub fn parse_line(line: &str) -> Result<Entry, String> {
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
            if e.is_eof() {
                "the line is cut short".to_string()
            } else {
                format!("not a journal entry: {e}")
            }
        })?;
        match value.get("v").and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(FORMAT) => {}
            Some(v) => {
                return Err(format!(
                    "format version {v}; this xsell reads version {FORMAT}"
                ));
            }
            None => return Err("no format version (\"v\")".into()),
        }
        let entry: Entry =
            serde_json::from_value(value).map_err(|e| format!("not a journal entry: {e}"))?;
        if entry.seq < 1 {
            return Err(format!("sequence {} (they start at 1)", entry.seq));
        }
        if uuid::Uuid::parse_str(&entry.store).is_err() {
            return Err(format!("store id {:?} is not a UUID", entry.store));
        }
        if entry.digest() != entry.hash {
            return Err(format!(
                "entry {} does not match its hash: it was changed after it was written",
                entry.id
            ));
        }
        Ok(entry)
    }
}

/// The register's note once the oldest sale headquarters has not received is older than
/// `warn_hours`: "Unsent 2 days 3 h", else nothing.
pub fn unsent_note(
    oldest: Option<chrono::NaiveDateTime>,
    now: chrono::NaiveDateTime,
    warn_hours: i64,
) -> Option<String> {
    let hours = (now - oldest?).num_hours();
    if hours < warn_hours.max(1) {
        return None;
    }
    Some(match hours / 24 {
        0 => format!("Unsent {hours} h"),
        1 => format!("Unsent 1 day {} h", hours % 24),
        d => format!("Unsent {d} days {} h", hours % 24),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_unsent_note_shows_only_past_the_setting() {
        let t = |h: i64| {
            chrono::NaiveDate::from_ymd_opt(2026, 3, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
                + chrono::Duration::hours(h)
        };
        assert_eq!(unsent_note(None, t(100), 24), None);
        assert_eq!(unsent_note(Some(t(0)), t(23), 24), None);
        assert_eq!(
            unsent_note(Some(t(0)), t(24), 24).as_deref(),
            Some("Unsent 1 day 0 h")
        );
        assert_eq!(
            unsent_note(Some(t(0)), t(5), 4).as_deref(),
            Some("Unsent 5 h")
        );
        assert_eq!(
            unsent_note(Some(t(0)), t(75), 24).as_deref(),
            Some("Unsent 3 days 3 h")
        );
    }

    fn sample() -> Entry {
        Entry::new(
            "7c0a0c56-8a55-4a59-9b0c-2b8f0c1d4e11".into(),
            "0b6f7a3e-1d2c-4e5f-8a9b-0c1d2e3f4a5b".into(),
            Some("S1".into()),
            "Till 1".into(),
            1,
            Kind::Sale,
            "2026-03-01T10:00:00".into(),
            json!({"total_minor": 1250, "lines": [{"sku": "A"}]}),
        )
    }

    #[test]
    fn a_line_reads_back_as_the_same_entry() {
        let e = sample();
        assert_eq!(Entry::parse_line(&e.to_line()).unwrap(), e);
    }

    #[test]
    fn an_edited_amount_breaks_the_hash() {
        let line = sample().to_line().replace("1250", "1");
        let err = Entry::parse_line(&line).unwrap_err();
        assert!(err.contains("does not match its hash"), "{err}");
    }

    #[test]
    fn a_cut_line_says_so() {
        let line = sample().to_line();
        let err = Entry::parse_line(&line[..line.len() / 2]).unwrap_err();
        assert_eq!(err, "the line is cut short");
    }

    #[test]
    fn another_format_version_is_refused_by_name() {
        let line = sample().to_line().replacen("\"v\":1", "\"v\":2", 1);
        let err = Entry::parse_line(&line).unwrap_err();
        assert!(err.contains("format version 2"), "{err}");
    }

    #[test]
    fn the_hash_covers_where_the_entry_was_made() {
        let a = sample();
        let mut b = sample();
        b.till = "Till 2".into();
        assert_ne!(a.digest(), b.digest());
    }
}
