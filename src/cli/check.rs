//! `xsell check`: every violation of the store's invariants, one a line; exit 1 if any.

use std::io::Write;
use std::path::Path;

use crate::store::Store;
use crate::store::check::RULES;

pub fn run(db: &Path) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!("no store at {}", db.display());
    }
    let store = Store::open(db)?;
    let violations = store.check()?;
    let mut out = std::io::stdout().lock();
    for v in &violations {
        writeln!(
            out,
            "{}: {}",
            v.rule,
            crate::domain::safe_text::terminal(&v.detail)
        )?;
    }
    out.flush()?;
    if violations.is_empty() {
        writeln!(
            out,
            "{}: no violation ({} checked)",
            db.display(),
            RULES.join(", ")
        )?;
        Ok(())
    } else {
        let n = violations.len();
        anyhow::bail!(
            "{}: {n} violation{}",
            db.display(),
            if n == 1 { "" } else { "s" }
        )
    }
}
