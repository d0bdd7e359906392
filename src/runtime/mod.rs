//! The only code that touches the terminal, the clock and the world: it reads keys, reads
//! the time, runs the model's effects and draws. Everything it does to the order goes
//! through `app::update`.

pub mod exec;
mod journal;
pub mod replay;
mod terminal;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crossterm::event::{self, Event};

use crate::app::backend::Backend;
use crate::app::{Action, Model, StaffRecord};
use crate::domain::bundle::Bundle;
use crate::domain::catalog::Catalog;
use crate::domain::lockout::{PinGuard, PinSubject};
use crate::domain::people::{Customer, Staff};
use crate::domain::settings::Settings;
use crate::prompts::PromptSettings;
use crate::recommend::engine::Engine;
pub use exec::{Outputs, dispatch};
pub use terminal::translate;

/// How long the loop waits for a key before a tick: the header clock stays current and the
/// screen never freezes, while an idle till costs nothing.
const TICK: Duration = Duration::from_millis(250);

/// Everything the register needs from its caller.
pub struct RegisterSetup {
    pub catalog: Arc<Catalog>,
    pub customers: Vec<Customer>,
    pub staff: Vec<StaffRecord>,
    pub settings: Settings,
    /// Bundles priced automatically when complete.
    pub bundles: Vec<Bundle>,
    pub till: String,
    /// Every completed sale and refund is written here as `RECEIPT_NO.txt`.
    pub receipts_dir: PathBuf,
    /// Raw ESC/POS bytes of each receipt also go to this device, when set.
    pub escpos_device: Option<PathBuf>,
    /// When set, the catalog, customers and bundles above are placeholders: this loads the
    /// real ones on another thread while the sign-in screen is up, so a large catalog never
    /// delays the first screen. The register waits for it once someone has signed in.
    pub loader: Option<Loader>,
    /// A line for the status bar when the register opens (e.g. that the demo shop was created).
    pub notice: Option<String>,
    /// When the suggestion panel's prompts appear and how long they stay.
    pub prompts: PromptSettings,
    /// Builds the recommender on another thread; the panel stays empty until it is ready, and
    /// the register never waits for it.
    pub advisor: Option<AdvisorLoader>,
    /// Wrong-PIN counts and locks from the store, so a restart gives no fresh tries.
    pub pin_guards: BTreeMap<PinSubject, PinGuard>,
    /// The oldest sale headquarters has not received (none without a headquarters).
    pub unsent_since: Option<chrono::NaiveDateTime>,
    /// A self-service till selling as this pseudo staff member (nobody signs in).
    pub kiosk: Option<Staff>,
}

pub type AdvisorLoader = Box<dyn FnOnce() -> anyhow::Result<Engine> + Send>;

/// What the loader brings.
pub struct Loaded {
    pub catalog: Arc<Catalog>,
    pub customers: Vec<Customer>,
    pub bundles: Vec<Bundle>,
}

pub type Loader = Box<dyn FnOnce() -> anyhow::Result<Loaded> + Send>;

/// Installs what the loader brought: at once when it is ready, and waiting for it as soon as
/// a cashier is signed in (the next key may be a scan).
fn install_when_needed(
    model: &mut Model,
    pending: &mut Option<mpsc::Receiver<anyhow::Result<Loaded>>>,
) -> anyhow::Result<()> {
    let Some(rx) = pending.as_ref() else {
        return Ok(());
    };
    let ready = if model.signed_in().is_some() {
        Some(
            rx.recv()
                .map_err(|_| anyhow::anyhow!("loading the catalog failed"))?,
        )
    } else {
        rx.try_recv().ok()
    };
    if let Some(loaded) = ready {
        let loaded = loaded?;
        model.install(loaded.catalog, loaded.customers, loaded.bundles);
        *pending = None;
    }
    Ok(())
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Runs the register in this terminal until the cashier quits.
pub fn run_register(backend: &mut dyn Backend, setup: RegisterSetup) -> anyhow::Result<()> {
    let outputs = Outputs {
        receipts_dir: setup.receipts_dir,
        escpos_device: setup.escpos_device,
    };
    let mut model = Model::new(
        setup.catalog,
        setup.customers,
        setup.staff,
        setup.settings,
        &setup.till,
        now(),
    )
    .with_bundles(setup.bundles);
    model.printer = outputs.escpos_device.is_some();
    model.suggest = crate::app::suggest::Suggest::new(setup.prompts);
    model.suggest.loading = setup.advisor.is_some();
    // Self-service never offers what needs an age check at the counter.
    model.suggest.kiosk = setup.kiosk.is_some();
    let mut advisor = setup.advisor.map(|build| {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(build());
        });
        rx
    });
    model.pin_guards = setup.pin_guards;
    model.unsent_since = setup.unsent_since;
    if let Some(notice) = setup.notice {
        model.info(notice);
    }
    let opening = match setup.kiosk {
        Some(kiosk) => crate::app::start_kiosk(&mut model, kiosk),
        None => Vec::new(),
    };
    let mut pending = setup.loader.map(|load| {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(load());
        });
        rx
    });
    // The kiosk opens signed in: its catalog must be there before the first scan.
    if !opening.is_empty() {
        install_when_needed(&mut model, &mut pending)?;
    }
    for effect in opening {
        if let Some(result) = exec::execute(effect, backend, &outputs) {
            journal::outcome(&result);
            dispatch(&mut model, backend, &outputs, result, now());
        }
    }
    let mut guard = terminal::TerminalGuard::enter()?;
    while !model.quit {
        guard
            .terminal
            .draw(|frame| crate::ui::view(&model, frame))?;
        install_when_needed(&mut model, &mut pending)?;
        if let Some(ready) = advisor.as_ref().and_then(|rx| rx.try_recv().ok()) {
            advisor = None;
            model.suggest.loading = false;
            match ready {
                Ok(engine) => {
                    model.suggest.engine = Some(Arc::new(engine));
                    // A laptop scanned while it loaded still gets its offers.
                    dispatch(&mut model, backend, &outputs, Action::Tick, now());
                }
                Err(e) => {
                    tracing::warn!("suggestions unavailable: {e:#}");
                    model.error(format!("Suggestions unavailable: {e:#}"));
                }
            }
        }
        // Offers waiting for the cashier to pause appear the moment the pause is long enough.
        let wait = model
            .suggest
            .panel
            .next_due()
            .and_then(|due| (due - now()).to_std().ok())
            .map_or(TICK, |d| d.min(TICK));
        if !event::poll(wait)? {
            dispatch(&mut model, backend, &outputs, Action::Tick, now());
            continue;
        }
        // Drain everything already queued before drawing again: a scanner types a whole
        // code within microseconds, and redrawing between its characters would only slow
        // it down. Keys are handled strictly in arrival order.
        loop {
            match event::read()? {
                Event::Key(key) => {
                    if let Some(key) = translate(key) {
                        install_when_needed(&mut model, &mut pending)?;
                        dispatch(&mut model, backend, &outputs, Action::Key(key), now());
                    }
                }
                Event::Paste(text) => {
                    for c in text.chars() {
                        install_when_needed(&mut model, &mut pending)?;
                        let key = if c == '\n' || c == '\r' {
                            crate::app::Key::Enter
                        } else {
                            crate::app::Key::Char(c)
                        };
                        dispatch(&mut model, backend, &outputs, Action::Key(key), now());
                    }
                }
                // The next draw fits the new size.
                Event::Resize(_, _) => guard.terminal.autoresize()?,
                _ => {}
            }
            if model.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    Ok(())
}
