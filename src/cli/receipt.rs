//! `xsell receipt NUMBER`: any receipt printed again from the store, marked as a copy — to
//! the terminal, and into the receipts folder when its file was never written (a full
//! disk, a folder that was not there).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::store::Store;

#[derive(Debug, Args)]
pub struct ReceiptArgs {
    /// The receipt number as printed (TILL1-000042); case does not matter.
    #[arg(value_name = "RECEIPT_NO")]
    number: String,
    /// Also write it as RECEIPT_NO.txt into DIR (default: the store's receipts folder). An
    /// existing file is never replaced.
    #[arg(long, value_name = "DIR", num_args = 0..=1)]
    save: Option<Option<PathBuf>>,
    /// Print nothing to standard output (with --save).
    #[arg(long, requires = "save")]
    quiet: bool,
}

pub fn run(db: &Path, args: ReceiptArgs) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!("no store at {}", db.display());
    }
    let store = Store::open(db)?;
    let number = args.number.trim();
    let Some(record) = store.receipt_record(number)? else {
        anyhow::bail!("no completed sale or refund has receipt number {number}");
    };
    let settings = store.settings()?;
    let text = record.receipt(&settings, true).render();
    if let Some(dir) = args.save {
        let dir = dir.unwrap_or_else(|| crate::runtime::exec::receipts_dir_for(db));
        let path = crate::runtime::exec::write_receipt(&dir, &record.number, &text)?;
        eprintln!("written to {}", path.display());
    }
    if !args.quiet {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    Ok(())
}
