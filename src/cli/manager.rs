//! Administration from the shell asks a manager, like the till does: staff changes, a
//! staff import and forgetting a customer each need a manager's PIN, judged by the shop's
//! one PIN decision (`domain::pin_check`) on the locks as stored, counted and audited like
//! a PIN typed at a till. The PIN comes from the terminal (not echoed), or, for scripts,
//! `--manager CODE` with the PIN on the first line of standard input. A store without any
//! manager yet (the shop's first set-up) lets the first staff in.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Context;
use clap::Args;

use crate::domain::lockout::PinAttempt;
use crate::domain::people::Role;
use crate::domain::pin_check::{PinCheck, Purpose};
use crate::store::Store;
use crate::store::staff::ChangedBy;

/// Room for a staff code, a space and an 8-digit PIN (as at the till).
const PIN_INPUT_MAX: usize = 24;

/// The till name administration commands count PINs and audit under.
pub const BACK_OFFICE: &str = "back office";

#[derive(Debug, Args)]
pub struct ManagerArg {
    /// The staff code of the manager who allows this; their PIN is then read from the first
    /// line of standard input (without it, the PIN is asked on the terminal).
    #[arg(long, value_name = "CODE")]
    pub manager: Option<String>,
}

/// The manager's approval of `what`, or the reason there is none. `stdin` is shared with the
/// command, which may read more lines (a new PIN) after the manager's.
pub fn authorize(
    store: &mut Store,
    arg: &ManagerArg,
    stdin: &mut dyn BufRead,
    what: &str,
) -> anyhow::Result<ChangedBy> {
    let at = chrono::Local::now().naive_local();
    let staff = store.load_staff()?;
    let by = |manager| ChangedBy {
        till: BACK_OFFICE.into(),
        at,
        manager,
    };
    if !staff.iter().any(|r| r.staff.role == Role::Manager) {
        return Ok(by(None));
    }
    let typed = match &arg.manager {
        Some(code) => {
            let pin = read_line(stdin).context("reading the manager's PIN")?;
            format!("{} {pin}", code.trim())
        }
        None if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() => read_hidden(
            &format!("{what} needs a manager. Manager's PIN (or CODE PIN): "),
        )?,
        None => anyhow::bail!(
            "{what} needs a manager: pass --manager CODE and their PIN on standard input"
        ),
    };
    let policy = store.settings()?.lockout();
    let guards = store.pin_guards()?;
    let judgement = PinCheck {
        staff: &staff,
        guards: &guards,
        till: BACK_OFFICE,
        policy,
        now: at,
        purpose: Purpose::ManagerApproval,
    }
    .judge(&typed);
    let mut locked = None;
    for (subject, ok) in judgement.attempts {
        let after = store.record_pin(&PinAttempt {
            subject,
            ok,
            till: BACK_OFFICE.into(),
            purpose: Purpose::ManagerApproval.as_str().into(),
            at,
            policy,
        })?;
        // Another process may have locked this manager since the guards were read.
        locked = locked.or(after.locked_at(at).filter(|_| ok));
    }
    match (judgement.outcome, locked) {
        (Ok(manager), None) => Ok(by(Some(manager.id))),
        (Ok(_), Some(until)) => anyhow::bail!(
            "not allowed: {}",
            crate::domain::lockout::locked_message(until)
        ),
        (Err(reason), _) => anyhow::bail!("not allowed: {reason}"),
    }
}

/// Who allowed a change, as the audit line names them: "S01 Dana Whitfield", or the first
/// set-up's note when the shop has no manager yet.
pub fn who(store: &Store, by: &ChangedBy) -> anyhow::Result<String> {
    let Some(id) = by.manager else {
        return Ok("first set-up (no manager yet)".into());
    };
    Ok(store
        .load_staff()?
        .into_iter()
        .find(|r| r.staff.id == id)
        .map(|r| format!("{} {}", r.staff.code, r.staff.name))
        .unwrap_or_else(|| format!("staff #{id}")))
}

/// One trimmed line of standard input; an empty one is an error.
pub fn read_line(stdin: &mut dyn BufRead) -> anyhow::Result<String> {
    let mut line = String::new();
    stdin.read_line(&mut line)?;
    let line = line.trim().to_string();
    if line.is_empty() {
        anyhow::bail!("nothing on standard input");
    }
    Ok(line)
}

/// Asks on the terminal without echoing what is typed (a PIN).
pub fn read_hidden(prompt: &str) -> anyhow::Result<String> {
    use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, read};
    use crossterm::terminal::{disable_raw_mode, enable_raw_mode};
    eprint!("{prompt}");
    std::io::stderr().flush().ok();
    enable_raw_mode()?;
    let mut typed = String::new();
    let result = loop {
        match read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(anyhow::anyhow!("cancelled"));
                }
                KeyCode::Esc => break Err(anyhow::anyhow!("cancelled")),
                KeyCode::Backspace => {
                    typed.pop();
                }
                KeyCode::Char(c) if typed.len() < PIN_INPUT_MAX => typed.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(e.into()),
        }
    };
    disable_raw_mode()?;
    eprintln!();
    result.map(|()| typed)
}
