//! `xsell customer forget CODE`: a customer's right to be forgotten, without changing the
//! shop's sales.

use std::path::Path;

use clap::Subcommand;

use crate::domain::audit::AuditEntry;
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Anonymize a customer: name, phone and e-mail erased, a new opaque code, no offers.
    /// Their purchases stay in the totals.
    Forget { code: String },
}

pub fn run(db: &Path, till: &str, cmd: CustomerCommand) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!("no store at {}", db.display());
    }
    let mut store = Store::open(db)?;
    let at = chrono::Local::now().naive_local();
    match cmd {
        CustomerCommand::Forget { code } => {
            let done = store.forget_customer(&code, |new_code| {
                AuditEntry::new(
                    at,
                    till,
                    None,
                    "customer forgotten",
                    format!(
                        "personal data erased; sales kept under {new_code}; by user {}",
                        super::os_user()
                    ),
                )
            })?;
            println!(
                "Customer {} forgotten: name, phone and e-mail erased; {} orders kept under {}",
                code.trim(),
                done.orders_kept,
                done.new_code
            );
        }
    }
    Ok(())
}
