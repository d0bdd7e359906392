//! The only code that touches the terminal, the clock and the world: it reads keys, reads
//! the time, runs the model's effects and draws. Everything it does to the model goes
//! through `app::update`, as an action.

pub mod card;
pub mod exec;
mod journal;
pub mod sandbox;
pub mod script;
mod terminal;
pub mod till;

use std::sync::{Arc, mpsc};
use std::time::Duration;

use crossterm::event::{self, Event};

pub use crate::app::Loaded;
use crate::app::backend::Backend;
use crate::app::{Action, EngineHandle};
use crate::recommend::engine::Engine;
pub use exec::{Outputs, dispatch};
pub use terminal::translate;
pub use till::{RandomIds, Till, TillMode, TillSpec};

/// How long the loop waits for a key before a tick: the header clock stays current and the
/// screen never freezes, while an idle till costs nothing.
const TICK: Duration = Duration::from_millis(250);

/// Work the register does on other threads while it is already on screen.
#[derive(Default)]
pub struct Background {
    /// Loads the real catalog, customers and bundles (the till's are placeholders) while the
    /// sign-in screen is up, so a large catalog never delays the first screen. The register
    /// waits for it once someone has signed in.
    pub loader: Option<Loader>,
    /// Builds the recommender; the panel stays empty until it is ready, and the register
    /// never waits for it (the till is assembled with `engine_building`).
    pub advisor: Option<AdvisorLoader>,
}

pub type AdvisorLoader = Box<dyn FnOnce() -> anyhow::Result<Engine> + Send>;

pub type Loader = Box<dyn FnOnce() -> anyhow::Result<Loaded> + Send>;

fn spawn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> mpsc::Receiver<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    rx
}

/// Installs what the loader brought: at once when it is ready, and waiting for it as soon as
/// a cashier is signed in (the next key may be a scan).
fn install_when_needed<B: Backend>(
    till: &mut Till<B>,
    pending: &mut Option<mpsc::Receiver<anyhow::Result<Loaded>>>,
) -> anyhow::Result<()> {
    let Some(rx) = pending.as_ref() else {
        return Ok(());
    };
    let ready = if till.model.signed_in().is_some() {
        Some(
            rx.recv()
                .map_err(|_| anyhow::anyhow!("loading the catalog failed"))?,
        )
    } else {
        rx.try_recv().ok()
    };
    if let Some(loaded) = ready {
        till.act(Action::CatalogLoaded(loaded?), now());
        *pending = None;
    }
    Ok(())
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Runs the till in this terminal until the cashier quits.
pub fn run_register<B: Backend>(till: &mut Till<B>, background: Background) -> anyhow::Result<()> {
    let mut advisor = background.advisor.map(spawn);
    let mut pending = background.loader.map(spawn);
    // The kiosk opens signed in: its catalog must be there before the first scan.
    install_when_needed(till, &mut pending)?;
    let mut guard = terminal::TerminalGuard::enter()?;
    while !till.model.quit {
        guard
            .terminal
            .draw(|frame| crate::ui::view(&till.model, frame))?;
        install_when_needed(till, &mut pending)?;
        if let Some(ready) = advisor.as_ref().and_then(|rx| rx.try_recv().ok()) {
            advisor = None;
            let ready = ready.map(|engine| EngineHandle(Arc::new(engine)));
            if let Err(e) = &ready {
                tracing::warn!("suggestions unavailable: {e:#}");
            }
            till.act(
                Action::EngineReady(ready.map_err(|e| format!("{e:#}"))),
                now(),
            );
        }
        // Offers waiting for the cashier to pause appear the moment the pause is long enough.
        let wait = till
            .model
            .offers
            .panel
            .next_due()
            .and_then(|due| (due - now()).to_std().ok())
            .map_or(TICK, |d| d.min(TICK));
        if !event::poll(wait)? {
            till.act(Action::Tick, now());
            continue;
        }
        // Drain everything already queued before drawing again: a scanner types a whole
        // code within microseconds, and redrawing between its characters would only slow
        // it down. Keys are handled strictly in arrival order.
        loop {
            match event::read()? {
                Event::Key(key) => {
                    if let Some(key) = translate(key) {
                        install_when_needed(till, &mut pending)?;
                        till.press(key, now());
                    }
                }
                Event::Paste(text) => {
                    for c in text.chars() {
                        install_when_needed(till, &mut pending)?;
                        let key = if c == '\n' || c == '\r' {
                            crate::app::Key::Enter
                        } else {
                            crate::app::Key::Char(c)
                        };
                        till.press(key, now());
                    }
                }
                // The next draw fits the new size.
                Event::Resize(_, _) => guard.terminal.autoresize()?,
                _ => {}
            }
            if till.model.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    Ok(())
}
