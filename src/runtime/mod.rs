//! The only code that touches the terminal, the clock and the world: it reads keys, reads
//! the time, runs the model's effects and draws. Everything it does to the order goes
//! through `app::update`.

pub mod exec;
mod terminal;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, Event};

use crate::app::backend::Backend;
use crate::app::{Action, Model, StaffRecord};
use crate::domain::bundle::Bundle;
use crate::domain::catalog::Catalog;
use crate::domain::people::Customer;
use crate::domain::settings::Settings;
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
    let mut guard = terminal::TerminalGuard::enter()?;
    while !model.quit {
        guard
            .terminal
            .draw(|frame| crate::ui::view(&model, frame))?;
        if !event::poll(TICK)? {
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
                        dispatch(&mut model, backend, &outputs, Action::Key(key), now());
                    }
                }
                Event::Paste(text) => {
                    for c in text.chars() {
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
