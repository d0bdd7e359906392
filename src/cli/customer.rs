//! `xsell customer forget CODE`: a customer's right to be forgotten, without changing the
//! shop's sales. It needs a manager's PIN (`cli::manager`).

use std::path::Path;

use clap::Subcommand;

use crate::cli::manager::{self, ManagerArg};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Anonymize a customer: name, phone and e-mail erased, a new opaque code, no offers.
    /// Their purchases stay in the totals.
    Forget {
        /// The customer's id (e.g. C0042).
        code: String,
        #[command(flatten)]
        manager: ManagerArg,
    },
}

pub fn run(db: &Path, cmd: CustomerCommand) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!("no store at {}", db.display());
    }
    let mut store = Store::open(db)?;
    match cmd {
        CustomerCommand::Forget { code, manager } => {
            let by = manager::authorize(
                &mut store,
                &manager,
                &mut std::io::stdin().lock(),
                "Forgetting a customer",
            )?;
            let done = store.forget_customer(&code, |new_code| {
                by.entry(
                    "customer forgotten",
                    format!("personal data erased; sales kept under {new_code}"),
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
