//! Command-line entry: parse flags into a validated configuration, dispatch, and map
//! errors to exit codes (1: the command failed; 2: the command line was wrong).

mod audit;
mod backup;
mod check;
mod customer;
mod day;
mod demo;
mod demo_gen;
mod eval;
mod eval_till;
mod hq;
mod import;
mod init;
mod journal;
pub mod log;
mod manager;
mod mine;
mod mine_store;
mod names;
pub mod progress;
mod receipt;
mod recommend;
pub(crate) mod register;
mod report;
mod report_baseline;
mod sell;
mod settings;
mod shell;
mod staff;
mod tax;
mod train;
mod train_history;
mod train_list;
mod train_model;
mod train_open;
mod train_progress;
mod train_script;
mod version;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

/// xsell: a keyboard-driven register that suggests the right add-on at the right moment.
#[derive(Debug, Parser)]
#[command(name = "xsell", version, about, long_about = None, disable_version_flag = true)]
pub struct Cli {
    /// Print the version, and the schema version of the store it would open.
    #[arg(short = 'V', long, action = ArgAction::SetTrue)]
    pub version: bool,
    /// Write more detail to the log beside the store (the same as XSELL_LOG=debug).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// The store file (default: $XSELL_DB, else store.db in the platform data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The name of this till, printed on receipts and used to number them (default: Till 1).
    /// For the register, `sell` and `day`, given before the command.
    #[arg(long, value_name = "NAME", value_parser = names::parse_till)]
    pub till: Option<String>,
    /// Where the register writes receipt files (default: receipts/ beside the store).
    #[arg(long, value_name = "DIR")]
    pub receipts: Option<PathBuf>,
    /// Also print each receipt as ESC/POS bytes to this device (e.g. /dev/usb/lp0).
    #[arg(long, value_name = "DEVICE")]
    pub printer: Option<PathBuf>,
    /// Share of orders, in percent, in the control group that sees no prompts (0 turns it
    /// off; default: the settings file's, else 10).
    #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub holdout: Option<u8>,
    /// The shop's settings file (default: xsell.toml beside the store, if there is one).
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
    /// Self-service: no sign-in, no staff-only keys; leaving or quitting takes a manager's PIN.
    #[arg(long)]
    pub kiosk: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The till a register or a script runs as when `--till` is not given.
const DEFAULT_TILL: &str = "Till 1";

impl Cli {
    fn till(&self) -> &str {
        self.till.as_deref().unwrap_or(DEFAULT_TILL)
    }

    /// `--till` and nothing else of the register's flags: what `day` takes.
    fn only_till(&self) -> bool {
        self.holdout.is_none()
            && self.settings.is_none()
            && self.receipts.is_none()
            && self.printer.is_none()
            && !self.kiosk
    }

    /// The register's flags given to a command they mean nothing to: a usage error (exit 2)
    /// rather than a flag silently ignored.
    fn refuse_misplaced_flags(&self) {
        let (name, sell) = match &self.command {
            None => return,
            Some(Command::Sell(_)) => ("sell", true),
            Some(Command::Train(_)) => ("train", true),
            Some(Command::Day(_)) if self.only_till() => return,
            Some(other) => (other.name(), false),
        };
        let misplaced = [
            ("--till", self.till.is_some() && !sell),
            ("--holdout", self.holdout.is_some() && !sell),
            ("--settings", self.settings.is_some() && !sell),
            ("--receipts", self.receipts.is_some() && !sell),
            ("--printer", self.printer.is_some()),
            ("--kiosk", self.kiosk),
        ];
        if let Some((flag, _)) = misplaced.iter().find(|(_, bad)| *bad) {
            use clap::CommandFactory;
            Cli::command()
                .error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!("{flag} is for the register (and `sell`), not for `{name}`"),
                )
                .exit();
        }
    }

    /// The suggestion panel's settings: the file's (or the defaults), then the flags.
    pub fn prompt_settings(
        &self,
        db: &std::path::Path,
    ) -> anyhow::Result<crate::timing::PromptSettings> {
        let mut settings = crate::timing::PromptSettings::load(&self.settings_file(db)?)?;
        if let Some(p) = self.holdout {
            settings.holdout_percent = p;
        }
        Ok(settings)
    }

    /// The `[kiosk]` table of the same settings file.
    pub fn kiosk_settings(
        &self,
        db: &std::path::Path,
    ) -> anyhow::Result<crate::timing::KioskSettings> {
        Ok(crate::timing::KioskSettings::load(
            &self.settings_file(db)?,
        )?)
    }

    /// `--settings FILE`, or `xsell.toml` beside the store.
    fn settings_file(&self, db: &std::path::Path) -> anyhow::Result<std::path::PathBuf> {
        Ok(match &self.settings {
            Some(path) => {
                if !path.exists() {
                    anyhow::bail!("settings file {} not found", path.display());
                }
                path.clone()
            }
            None => db
                .parent()
                .unwrap_or(std::path::Path::new("."))
                .join("xsell.toml"),
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Copy the store to FILE while tills keep selling (SQLite's online backup).
    Backup(backup::BackupArgs),
    /// Verify the store: SQLite's integrity check and the sales invariants; exit 1 on any violation.
    Check,
    /// The close of day: the X report of a till's day, or --close to record the Z report.
    Day(day::DayArgs),
    /// Create the demo shop without opening the register (or generate demo data).
    Demo(demo::DemoArgs),
    /// Measure the recommendations on an orders file against baselines (hit@k, MRR).
    Eval(eval::EvalArgs),
    /// Mine frequent itemsets and association rules from the sales (or an orders CSV).
    Mine(mine::MineArgs),
    /// Suggest add-ons for a cart (a table, JSON, or a JSON-lines service with --stdin).
    Recommend(recommend::RecommendArgs),
    /// Print a receipt again from the store (marked as a copy), to the terminal or its folder.
    Receipt(receipt::ReceiptArgs),
    /// Cross-selling figures for a period: conversion, attach rate, lift over the control group.
    Report(report::ReportArgs),
    /// Import CSV files: catalog, customers, orders, complements, bundles, staff,
    /// order-context or suggestions.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Create an empty shop with its store code (or give an existing store its code).
    Init(init::InitArgs),
    /// The sales journal in a file: export the entries not yet exported, import another store's.
    #[command(subcommand)]
    Journal(journal::JournalCommand),
    /// Headquarters on PostgreSQL: push the journal, pull the chain's catalog and rules, mine, report.
    #[command(subcommand)]
    Hq(hq::HqCommand),
    /// Replay a script of register actions on this till, without a terminal.
    Sell(sell::SellArgs),
    /// Show the shop's receipt header and till float, or set them from a TOML file.
    Settings(settings::SettingsArgs),
    /// Practice at the register: training mode, scenarios, scores and trainees' progress.
    Train(train::TrainArgs),
    /// Manage staff: add, set a new PIN, disable.
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// Show or export the audit trail (table, CSV or JSON).
    Audit(audit::AuditArgs),
    /// Customer records: forget (anonymize) a customer.
    #[command(subcommand)]
    Customer(customer::CustomerCommand),
    /// Give a tax class its rate, so that catalog rows may name it.
    TaxClass(tax::TaxClassArgs),
    /// Print a shell completion script (bash, zsh, fish).
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff), or write one per command into a folder.
    Manpage(shell::ManpageArgs),
}

impl Command {
    fn name(&self) -> &'static str {
        match self {
            Command::Backup(_) => "backup",
            Command::Check => "check",
            Command::Day(_) => "day",
            Command::Demo(_) => "demo",
            Command::Eval(_) => "eval",
            Command::Mine(_) => "mine",
            Command::Recommend(_) => "recommend",
            Command::Receipt(_) => "receipt",
            Command::Settings(_) => "settings",
            Command::Report(_) => "report",
            Command::Import(_) => "import",
            Command::Init(_) => "init",
            Command::Journal(_) => "journal",
            Command::Hq(_) => "hq",
            Command::Sell(_) => "sell",
            Command::Train(_) => "train",
            Command::Staff(_) => "staff",
            Command::Audit(_) => "audit",
            Command::Customer(_) => "customer",
            Command::TaxClass(_) => "tax-class",
            Command::Completions(_) => "completions",
            Command::Manpage(_) => "manpage",
        }
    }
}

pub fn main() -> ExitCode {
    restore_sigpipe();
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    cli.refuse_misplaced_flags();
    // What needs no store, and leaves no trace in its log.
    match cli.command {
        Some(Command::Completions(args)) => return finish(shell::completions(args)),
        Some(Command::Manpage(args)) => return finish(shell::manpage(args)),
        _ => {}
    }
    let db = match crate::store::resolve_path(cli.db.as_deref()) {
        Ok(db) => db,
        Err(e) => return finish(Err(e)),
    };
    if cli.version {
        print!("{}", version::text(&db));
        return ExitCode::SUCCESS;
    }
    let creates_store = match &cli.command {
        None => true,
        Some(Command::Demo(demo)) => demo.command.is_none(),
        Some(Command::Init(_)) => true,
        Some(_) => false,
    };
    log::start(&db, cli.verbose, creates_store);
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        store = %db.display(),
        till = %cli.till(),
        pid = std::process::id(),
        "{}",
        log::command_line(&matches)
    );
    let started = std::time::Instant::now();
    let result = run(cli, &db);
    match &result {
        Ok(()) => tracing::info!(took = %log::took(started), "done"),
        // `{:#}` is the whole chain: what failed, then each cause.
        Err(e) => tracing::error!(took = %log::took(started), "failed: {e:#}"),
    }
    finish(result)
}

fn finish(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Errors quote file contents and names: no escape sequence reaches the terminal.
            let said = format!("{e:#}");
            eprintln!("xsell: {}", crate::domain::safe_text::terminal_lines(&said));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli, db: &std::path::Path) -> anyhow::Result<()> {
    let db = db.to_path_buf();
    // Read before the command is taken apart; only the register and `sell` use them (and
    // report a mistake in them).
    let prompts = cli.prompt_settings(&db);
    let till = cli.till().to_string();
    match cli.command {
        Some(Command::Backup(args)) => backup::run(&db, args),
        Some(Command::Check) => check::run(&db),
        Some(Command::Day(args)) => {
            let till = args.till.clone().unwrap_or(till);
            day::run(&db, &till, args)
        }
        Some(Command::Demo(args)) => demo::run(&db, args),
        Some(Command::Import(cmd)) => import::run(&db, cmd),
        Some(Command::Init(args)) => init::run(&db, args),
        Some(Command::Journal(cmd)) => journal::run(&db, cmd),
        Some(Command::Hq(cmd)) => hq::run(&db, cmd),
        Some(Command::Eval(args)) => eval::run(args),
        Some(Command::Mine(args)) => mine::run(args, &db),
        Some(Command::Recommend(args)) => recommend::run(&db, args),
        Some(Command::Receipt(args)) => receipt::run(&db, args),
        Some(Command::Settings(args)) => settings::run(&db, args),
        Some(Command::Report(args)) => report::run(&db, args),
        Some(Command::Sell(args)) => sell::run(&db, &till, cli.receipts, prompts?, args),
        Some(Command::Train(args)) => {
            let register = train::Register {
                till,
                receipts: cli.receipts,
                prompts: prompts?,
            };
            train::run(&db, register, args)
        }
        None => {
            let prompts = cli.prompt_settings(&db)?;
            let opens = match cli.kiosk {
                true => register::Opens::Kiosk(cli.kiosk_settings(&db)?),
                false => register::Opens::Staffed,
            };
            register::run(&db, &till, cli.receipts, cli.printer, prompts, opens)
        }
        Some(Command::Staff(cmd)) => staff::run(&db, cmd),
        Some(Command::Audit(args)) => audit::run(&db, args),
        Some(Command::Customer(cmd)) => customer::run(&db, cmd),
        Some(Command::TaxClass(args)) => tax::run(&db, args),
        Some(Command::Completions(_) | Command::Manpage(_)) => Ok(()),
    }
}

/// The current time as the store keeps it: the shop's wall clock.
fn now_local() -> String {
    crate::store::ts(chrono::Local::now().naive_local())
}

/// Piped into `head`, a command should stop quietly like any Unix tool, not panic on a
/// closed pipe: Rust ignores SIGPIPE by default, so the default action is put back.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
