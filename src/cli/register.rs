//! `xsell` with no subcommand: the register, on the demo shop when no store exists yet.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::domain::catalog::Catalog;
use crate::recommend::engine::Engine;
use crate::runtime::sandbox::Sandboxed;
use crate::runtime::{
    AdvisorLoader, Background, Loaded, Loader, Outputs, RandomIds, TillMode, TillSpec, run_register,
};
use crate::store::Store;
use crate::timing::{KioskSettings, PromptSettings};

/// How the register opens: for staff, as a kiosk, or for practice (`xsell train`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opens {
    Staffed,
    /// A self-service kiosk, with when it starts over if left alone.
    Kiosk(KioskSettings),
    Training,
}

pub fn run(
    db: &Path,
    till: &str,
    receipts: Option<PathBuf>,
    printer: Option<PathBuf>,
    prompts: PromptSettings,
    opens: Opens,
) -> anyhow::Result<()> {
    run_with(db, till, receipts, printer, prompts, opens, None)
}

/// [`run`], with practice customers for a training till.
pub fn run_with(
    db: &Path,
    till: &str,
    receipts: Option<PathBuf>,
    printer: Option<PathBuf>,
    prompts: PromptSettings,
    opens: Opens,
    practice: Option<crate::app::training_session::Practice>,
) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the register needs a terminal; see `xsell --help` for the commands that do not"
        );
    }
    let mut notice = None;
    if !db.exists() {
        let started = std::time::Instant::now();
        let counts =
            crate::demo::create_with(db, &super::now_local(), &super::progress::Bars::stderr())?;
        tracing::info!(took = %super::log::took(started), "demo shop created");
        println!("{}", super::demo::created_line(db, counts));
        // The sign-in box is narrow: the full line stays on the terminal behind it. A
        // kiosk's screen is the shopper's: the staff's PINs are none of theirs.
        if !matches!(opens, Opens::Kiosk(_)) {
            notice = Some("Demo shop created · PINs in the README".to_string());
        }
    }
    let mut store = Store::open(db)?;
    let staff = store.load_staff()?;
    if staff.is_empty() {
        anyhow::bail!(
            "{} has no staff to sign in: add them with `xsell import staff FILE`",
            db.display()
        );
    }
    let receipts_dir = receipts.unwrap_or_else(|| crate::runtime::exec::receipts_dir_for(db));
    // The catalog loads on its own connection while the sign-in screen is up.
    let path = db.to_path_buf();
    let loader: Loader = Box::new(move || {
        let started = std::time::Instant::now();
        let store = Store::open(&path)?;
        let loaded = Loaded {
            catalog: Arc::new(store.load_catalog()?),
            customers: store.load_customers()?,
            bundles: store.load_bundles()?,
        };
        tracing::info!(took = %super::log::took(started), "catalog, customers and bundles loaded");
        Ok(loaded)
    });
    // The recommender builds on its own connection too, and may take longer on a big
    // history: the register opens without it and the panel fills once it is ready.
    let path = db.to_path_buf();
    let advisor: AdvisorLoader = Box::new(move || {
        let started = std::time::Instant::now();
        let store = Store::open(&path)?;
        let engine = Engine::build(store.engine_input_per_request(store.engine_params()?)?);
        tracing::info!(took = %super::log::took(started), "recommender built");
        Ok(engine)
    });
    let outputs = Outputs {
        receipts_dir,
        escpos_device: printer,
        card: Default::default(),
    };
    // The catalog is a placeholder until the loader brings the real one.
    let mut spec = TillSpec::new(
        Arc::new(Catalog::default()),
        staff,
        store.settings()?,
        till,
        outputs,
    );
    spec.notice = notice;
    spec.prompts = prompts;
    spec.engine_building = true;
    spec.pin_guards = store.pin_guards()?;
    spec.unsent = store.unsent()?;
    spec.practice = practice;
    match opens {
        Opens::Staffed => {}
        Opens::Kiosk(kiosk) => {
            spec.mode = TillMode::Kiosk(store.kiosk_staff()?);
            spec.kiosk = kiosk;
        }
        Opens::Training => spec.mode = TillMode::Training,
    }
    // A trainee's sign-in (or a till opened for practice) sells into a copy of the shop.
    let mut till = spec.assemble(
        Sandboxed::new(store),
        Box::new(RandomIds),
        chrono::Local::now().naive_local(),
    );
    let background = Background {
        loader: Some(loader),
        advisor: Some(advisor),
    };
    run_register(&mut till, background)
}
