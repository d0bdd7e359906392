//! `xsell init --store-code CODE`: an empty shop with its identity, or a code for a store
//! that has none yet (a code, once set, never changes: every receipt carries it).

use std::path::Path;

use clap::Args;

use crate::store::Store;
use crate::store::journal::valid_code;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The store's short code (1 to 8 letters or digits), printed on its receipts.
    #[arg(long, value_name = "CODE", value_parser = valid_code)]
    pub store_code: String,
}

pub fn run(db: &Path, args: InitArgs) -> anyhow::Result<()> {
    let existed = db.exists();
    let mut store = Store::open(db)?;
    let me = store.set_store_code(&args.store_code)?;
    println!(
        "{} store {} (id {}) at {}",
        if existed {
            "Identified"
        } else {
            "Created empty"
        },
        me.code.as_deref().unwrap_or(""),
        me.id,
        db.display()
    );
    Ok(())
}
