//! `xsell --version`: this program's version, and the schema of the store it would open,
//! so that whoever supports a till knows both before anything is changed.

use std::path::Path;

use crate::store::migrations;

/// The lines `--version` prints for the store at `db`.
pub fn text(db: &Path) -> String {
    let known = migrations::latest();
    let store = match migrations::version_at(db) {
        Ok(None) => format!("not created yet (would be created with schema {known})"),
        Ok(Some(v)) if v == known => format!("schema {v}, up to date"),
        Ok(Some(0)) => {
            format!("schema 0: empty, or not an xsell store (this xsell writes {known})")
        }
        Ok(Some(v)) if v < known => {
            format!("schema {v}, brought to {known} the next time it is opened")
        }
        Ok(Some(v)) => format!("schema {v}, from a newer xsell: this one ({known}) will refuse it"),
        Err(crate::store::StoreError::NotADatabase { detail, .. }) => {
            format!("not an xsell store ({detail})")
        }
        Err(e) => format!("cannot be read ({e})"),
    };
    format!(
        "xsell {} (schema {known})\nstore {}: {store}\n",
        env!("CARGO_PKG_VERSION"),
        db.display()
    )
}
