//! `xsell journal export|import`: the sales journal carried in a file, for a kiosk or a
//! store without a connection.

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;

use crate::journal::Entry;
use crate::store::Store;
use crate::store::journal::EXPORT_MARK;
use crate::store::journal::apply::Numbered;

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Write the entries not yet exported to FILE (JSON lines) and remember how far it got.
    Export {
        /// Start after this mark instead of the last export's (0: the whole journal).
        #[arg(long, value_name = "MARK")]
        since: Option<i64>,
        file: PathBuf,
    },
    /// Apply a journal file from another store, all of it or (on any bad line) nothing.
    Import { file: PathBuf },
}

/// Entries read from the store per step while exporting.
const STEP: usize = 5_000;

pub fn run(db: &Path, cmd: JournalCommand) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!("no store at {}", db.display());
    }
    let mut store = Store::open(db)?;
    match cmd {
        JournalCommand::Export { since, file } => export(&mut store, since, &file),
        JournalCommand::Import { file } => import(&mut store, &file),
    }
}

fn export(store: &mut Store, since: Option<i64>, file: &Path) -> anyhow::Result<()> {
    if since.is_some_and(|s| s < 0) {
        anyhow::bail!("--since takes a mark of 0 or more");
    }
    let start = match since {
        Some(s) => s,
        None => store.journal_mark(EXPORT_MARK)?,
    };
    // Written beside the target and renamed into place once complete and on disk: a file
    // cut short by a crash is never mistaken for an export, and the mark moves only after.
    let partial = file.with_extension("partial");
    let mut out = BufWriter::new(
        std::fs::File::create(&partial)
            .with_context(|| format!("cannot write {}", partial.display()))?,
    );
    let (mut last, mut count) = (start, 0usize);
    loop {
        let batch = store.journal_after(last, STEP)?;
        let Some(end) = batch.last().map(|s| s.seq) else {
            break;
        };
        for s in &batch {
            writeln!(out, "{}", s.entry.to_line())?;
        }
        count += batch.len();
        last = end;
    }
    let f = out.into_inner().map_err(|e| e.into_error())?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&partial, file)
        .with_context(|| format!("cannot put the export at {}", file.display()))?;
    store.move_journal_mark(EXPORT_MARK, last, &super::now_local(), None)?;
    println!(
        "{count} journal entr{} written to {} (after mark {start}, up to {last}); the next export starts after {}",
        if count == 1 { "y" } else { "ies" },
        file.display(),
        last.max(store.journal_mark(EXPORT_MARK)?)
    );
    Ok(())
}

/// Reads every line of a journal file; every bad one is reported, with its number.
pub fn read_file(file: &Path) -> anyhow::Result<Vec<Numbered>> {
    let shown = file.display().to_string();
    let reader = std::io::BufReader::new(
        std::fs::File::open(file).with_context(|| format!("cannot read {shown}"))?,
    );
    let (mut entries, mut bad) = (Vec::new(), Vec::new());
    for (i, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{shown}:{}: cannot be read", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        match Entry::parse_line(&line) {
            Ok(entry) => entries.push(Numbered { line: i + 1, entry }),
            Err(e) => bad.push(format!("{shown}:{}: {e}", i + 1)),
        }
    }
    if !bad.is_empty() {
        anyhow::bail!("{}\nnothing of {shown} was applied", bad.join("\n"));
    }
    Ok(entries)
}

fn import(store: &mut Store, file: &Path) -> anyhow::Result<()> {
    let entries = read_file(file)?;
    let done = store.apply_journal(&file.display().to_string(), &entries, &super::now_local())?;
    println!(
        "{}: {} entr{} applied, {} already here",
        file.display(),
        done.added,
        if done.added == 1 { "y" } else { "ies" },
        done.already
    );
    for (what, why) in &done.flags {
        println!(
            "flagged {}: {}",
            crate::domain::safe_text::terminal(what),
            crate::domain::safe_text::terminal(why)
        );
    }
    Ok(())
}
