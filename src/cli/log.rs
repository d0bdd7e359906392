//! The support log: `xsell.log` beside the store, what a shop sends when something went
//! wrong. Each run writes the version, the command (its names and flags, never their
//! values: `--pin` has one), the store and till, the slow steps with their times, every
//! warning the register showed only for a moment, and the error it ended with, causes and
//! all.
//!
//! The file is rotated by size (`XSELL_LOG_MAX_BYTES`, 1 MiB by default; four older files
//! kept as `xsell.log.1` … `.4`), so a till never fills its disk. `XSELL_LOG` sets the
//! level (`debug`, `warn`, `off`, or tracing directives); `--verbose` means `debug`. Every
//! value written goes through `domain::redact::contact_data`: no e-mail address or phone
//! number reaches the file, whatever a message quotes. Nothing is ever written to the
//! terminal: the register draws on it.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use file_rotate::compression::Compression;
use file_rotate::suffix::AppendCount;
use file_rotate::{ContentLimit, FileRotate};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::field::MakeExt;
use tracing_subscriber::fmt::format::debug_fn;
use tracing_subscriber::fmt::time::ChronoLocal;

use crate::domain::redact::contact_data;

pub const FILE_NAME: &str = "xsell.log";
const MAX_BYTES: usize = 1 << 20;
/// Older files kept besides the current one.
const KEEP: usize = 4;

/// Where the log of the store at `db` is.
pub fn path_beside(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(FILE_NAME)
}

/// The level asked for: `XSELL_LOG` if set, else debug with `--verbose`, else info.
fn filter(verbose: bool) -> Option<EnvFilter> {
    let asked = std::env::var("XSELL_LOG")
        .ok()
        .filter(|v| !v.trim().is_empty());
    let directives = asked.unwrap_or_else(|| if verbose { "debug" } else { "info" }.into());
    if directives.trim() == "off" {
        return None;
    }
    // A mistyped level must not stop a till: the default stands in for it.
    Some(EnvFilter::try_new(&directives).unwrap_or_else(|_| EnvFilter::new("info")))
}

fn max_bytes() -> usize {
    std::env::var("XSELL_LOG_MAX_BYTES")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n >= 1024)
        .unwrap_or(MAX_BYTES)
}

fn open_options() -> OpenOptions {
    let mut o = OpenOptions::new();
    o.read(true).create(true).append(true);
    #[cfg(unix)]
    {
        // Staff codes and store paths are nobody else's business on a shared machine.
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o640);
    }
    o
}

/// Starts logging to the file beside `db`. Returns its path, or `None` when there is no
/// log: switched off, or the folder is missing or not writable (a command never fails
/// for want of a log). The store's folder is created only for a command that will create
/// the store in it (`creates_store`: the register's first run, `demo`), never for a
/// mistyped path.
pub fn start(db: &Path, verbose: bool, creates_store: bool) -> Option<PathBuf> {
    let filter = filter(verbose)?;
    let path = path_beside(db);
    if creates_store && let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if !path.parent().is_some_and(Path::is_dir) || open_options().open(&path).is_err() {
        return None;
    }
    let file = FileRotate::new(
        &path,
        AppendCount::new(KEEP),
        // Rotated after the line that passes the limit: a line is never cut in two.
        ContentLimit::BytesSurpassed(max_bytes()),
        Compression::None,
        Some(open_options()),
    );
    let redacting = debug_fn(|w, field, value| {
        let text = format!("{value:?}");
        let text = contact_data(&text);
        if field.name() == "message" {
            write!(w, "{text}")
        } else {
            write!(w, "{}={text}", field.name())
        }
    })
    .delimited(" ");
    let subscriber = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_timer(ChronoLocal::new("%Y-%m-%d %H:%M:%S%.3f %:z".into()))
        .with_env_filter(filter)
        .fmt_fields(redacting)
        .finish();
    tracing::subscriber::set_global_default(subscriber).ok()?;
    log_panics();
    Some(path)
}

/// A panic reaches the log before the default hook prints it (which, in the register,
/// happens once the terminal is restored).
fn log_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::error!("panic: {info}");
        previous(info);
    }));
}

/// The command as run, by names only: `import orders --db` but never a value, since some
/// (`--pin`) are secrets and others (file names) say nothing support needs twice.
pub fn command_line(matches: &clap::ArgMatches) -> String {
    let mut names = vec!["xsell".to_string()];
    let mut given = std::collections::BTreeSet::new();
    let mut level = Some(matches);
    while let Some(m) = level {
        given.extend(
            m.ids()
                // Groups (named after their structs, capitalised) are not flags.
                .filter(|id| !id.as_str().starts_with(|c: char| c.is_ascii_uppercase()))
                .filter(|id| {
                    m.value_source(id.as_str()) == Some(clap::parser::ValueSource::CommandLine)
                })
                .map(|id| id.as_str().replace('_', "-")),
        );
        level = m.subcommand().map(|(name, sub)| {
            names.push(name.to_string());
            sub
        });
    }
    if !given.is_empty() {
        names.push(format!("(given: {})", Vec::from_iter(given).join(", ")));
    }
    names.join(" ")
}

/// A step's time as the log writes it: short, and in the unit that suits it.
pub fn took(started: std::time::Instant) -> String {
    format!("{:.1?}", started.elapsed())
}
