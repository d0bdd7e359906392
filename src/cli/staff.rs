//! `xsell staff add|set-pin|disable`: managing who may sign in. Each needs a manager's PIN
//! (`cli::manager`). A new PIN is read from standard input (the line after the manager's
//! PIN, when `--manager` is given) unless `--pin` is given, so it need not appear in the
//! process list or the shell history; it is stored only as an argon2 hash. Every change is
//! audited with the manager who allowed it.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;
use clap::Subcommand;

use crate::cli::manager::{self, ManagerArg};
use crate::domain::people::Role;
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add a staff member; the PIN is read from standard input unless --pin is given.
    Add {
        /// The staff member's code, typed before the PIN at a till (`S07 1357`) and shown
        /// in the audit trail (e.g. S07).
        code: String,
        /// The name shown on the till and on receipts (e.g. "Lee Park").
        #[arg(long, value_parser = super::names::parse_name)]
        name: String,
        /// cashier, manager or trainee
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The PIN on the command line (visible to other users: prefer standard input).
        #[arg(long)]
        pin: Option<String>,
        #[command(flatten)]
        manager: ManagerArg,
    },
    /// Give a staff member a new PIN (read from standard input unless --pin); lifts a lock.
    SetPin {
        /// The staff member's code (e.g. S07).
        code: String,
        #[arg(long)]
        pin: Option<String>,
        #[command(flatten)]
        manager: ManagerArg,
    },
    /// Stop a staff member signing in or approving; their history keeps their name.
    Disable {
        /// The staff member's code (e.g. S07).
        code: String,
        #[command(flatten)]
        manager: ManagerArg,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("'{s}' is not a role: cashier, manager or trainee"))
}

/// The PIN from `--pin`, else the next line of standard input.
fn read_pin(flag: Option<String>, stdin: &mut dyn BufRead) -> anyhow::Result<String> {
    if let Some(pin) = flag {
        return Ok(pin);
    }
    if std::io::stdin().is_terminal() {
        return manager::read_hidden("New PIN (4 to 8 digits): ");
    }
    std::io::stderr().flush().ok();
    manager::read_line(stdin).context("no PIN given: type it on standard input (or pass --pin)")
}

pub fn run(db: &Path, cmd: StaffCommand) -> anyhow::Result<()> {
    let mut store = Store::open(db)?;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    match cmd {
        StaffCommand::Add {
            code,
            name,
            role,
            pin,
            manager,
        } => {
            let by = manager::authorize(&mut store, &manager, &mut input, "Adding staff")?;
            let pin = read_pin(pin, &mut input)?;
            store.add_staff(&code, &name, role, &pin, &by)?;
            println!("Staff {code} ({name}, {}) added", role.as_str());
        }
        StaffCommand::SetPin { code, pin, manager } => {
            let by = manager::authorize(&mut store, &manager, &mut input, "Setting a PIN")?;
            let pin = read_pin(pin, &mut input)?;
            store.set_pin(&code, &pin, &by)?;
            println!("New PIN set for {code}");
        }
        StaffCommand::Disable { code, manager } => {
            let by = manager::authorize(&mut store, &manager, &mut input, "Disabling staff")?;
            store.disable_staff(&code, &by)?;
            println!("Staff {code} disabled");
        }
    }
    Ok(())
}
