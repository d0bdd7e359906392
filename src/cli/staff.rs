//! `xsell staff add|set-pin|disable`: managing who may sign in. A PIN is read from standard
//! input (one line) unless `--pin` is given, so it need not appear in the process list or
//! the shell history; it is stored only as an argon2 hash. Every change is audited.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;
use clap::Subcommand;

use crate::domain::people::Role;
use crate::store::Store;
use crate::store::staff::ChangedBy;

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add a staff member; the PIN is read from standard input unless --pin is given.
    Add {
        code: String,
        #[arg(long)]
        name: String,
        /// cashier, manager or trainee
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The PIN on the command line (visible to other users: prefer standard input).
        #[arg(long)]
        pin: Option<String>,
    },
    /// Give a staff member a new PIN (read from standard input unless --pin); lifts a lock.
    SetPin {
        code: String,
        #[arg(long)]
        pin: Option<String>,
    },
    /// Stop a staff member signing in or approving; their history keeps their name.
    Disable { code: String },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("'{s}' is not a role: cashier, manager or trainee"))
}

/// The PIN from `--pin`, else the first line of standard input.
fn read_pin(flag: Option<String>) -> anyhow::Result<String> {
    if let Some(pin) = flag {
        return Ok(pin);
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("PIN (4 to 8 digits): ");
        std::io::stderr().flush().ok();
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the PIN from standard input")?;
    let pin = line.trim().to_string();
    if pin.is_empty() {
        anyhow::bail!("no PIN given: type it on standard input (or pass --pin)");
    }
    Ok(pin)
}

pub fn run(db: &Path, till: &str, cmd: StaffCommand) -> anyhow::Result<()> {
    let mut store = Store::open(db)?;
    let by = ChangedBy {
        till: till.to_string(),
        at: chrono::Local::now().naive_local(),
        user: super::os_user(),
    };
    match cmd {
        StaffCommand::Add {
            code,
            name,
            role,
            pin,
        } => {
            let pin = read_pin(pin)?;
            store.add_staff(&code, &name, role, &pin, &by)?;
            println!("Staff {code} ({name}, {}) added", role.as_str());
        }
        StaffCommand::SetPin { code, pin } => {
            let pin = read_pin(pin)?;
            store.set_pin(&code, &pin, &by)?;
            println!("New PIN set for {code}");
        }
        StaffCommand::Disable { code } => {
            store.disable_staff(&code, &by)?;
            println!("Staff {code} disabled");
        }
    }
    Ok(())
}
