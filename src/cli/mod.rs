//! Command-line entry: parse flags into a validated configuration, dispatch, and map
//! errors to exit codes (1: the command failed; 2: the command line was wrong).

mod audit;
mod customer;
mod demo;
mod demo_gen;
mod eval;
mod import;
mod mine;
mod mine_store;
mod recommend;
mod register;
mod staff;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// xsell: a keyboard-driven register that suggests the right add-on at the right moment.
#[derive(Debug, Parser)]
#[command(name = "xsell", version, about, long_about = None)]
pub struct Cli {
    /// The store file (default: $XSELL_DB, else store.db in the platform data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The name of this till, printed on receipts and used to number them.
    #[arg(long, global = true, default_value = "Till 1", value_name = "NAME")]
    pub till: String,
    /// Where the register writes receipt files (default: receipts/ beside the store).
    #[arg(long, value_name = "DIR")]
    pub receipts: Option<PathBuf>,
    /// Also print each receipt as ESC/POS bytes to this device (e.g. /dev/usb/lp0).
    #[arg(long, value_name = "DEVICE")]
    pub printer: Option<PathBuf>,
    /// Self-service: no sign-in, no staff-only keys; leaving or quitting takes a manager's PIN.
    #[arg(long)]
    pub kiosk: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the demo shop without opening the register (or generate demo data).
    Demo(demo::DemoArgs),
    /// Measure the recommendations on an orders file against baselines (hit@k, MRR).
    Eval(eval::EvalArgs),
    /// Mine frequent itemsets and association rules from the sales (or an orders CSV).
    Mine(mine::MineArgs),
    /// Suggest add-ons for a cart (a table, JSON, or a JSON-lines service with --stdin).
    Recommend(recommend::RecommendArgs),
    /// Import CSV files: catalog, customers, orders, complements or bundles.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Manage staff: add, set a new PIN, disable.
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// Show or export the audit trail (table, CSV or JSON).
    Audit(audit::AuditArgs),
    /// Customer records: forget (anonymize) a customer.
    #[command(subcommand)]
    Customer(customer::CustomerCommand),
}

pub fn main() -> ExitCode {
    restore_sigpipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xsell: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let db = crate::store::resolve_path(cli.db.as_deref())?;
    match cli.command {
        Some(Command::Demo(args)) => demo::run(&db, args),
        Some(Command::Import(cmd)) => import::run(&db, cmd),
        Some(Command::Eval(args)) => eval::run(args),
        Some(Command::Mine(args)) => mine::run(args, &db),
        Some(Command::Recommend(args)) => recommend::run(&db, args),
        Some(Command::Staff(cmd)) => staff::run(&db, &cli.till, cmd),
        Some(Command::Audit(args)) => audit::run(&db, args),
        Some(Command::Customer(cmd)) => customer::run(&db, &cli.till, cmd),
        None => register::run(&db, &cli.till, cli.receipts, cli.printer, cli.kiosk),
    }
}

/// The current time as the store keeps it: the shop's wall clock.
fn now_local() -> String {
    crate::store::ts(chrono::Local::now().naive_local())
}

/// Who runs a back-office command, for its audit line.
fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".into())
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
