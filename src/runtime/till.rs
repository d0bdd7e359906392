//! One till, put together in one place: the register's model, the store its effects go to,
//! where receipts go, and where its new ids come from. The terminal loop, a script and a
//! test all drive this same `Till`, through actions only.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::app::backend::{Backend, Unsent};
use crate::app::model::Mode;
use crate::app::search::SearchIndex;
use crate::app::{Action, Effect, IdSource, Key, Model, StaffRecord, update};
use crate::domain::bundle::Bundle;
use crate::domain::catalog::Catalog;
use crate::domain::lockout::{PinGuard, PinSubject};
use crate::domain::people::{Customer, Staff};
use crate::domain::settings::Settings;
use crate::recommend::engine::Engine;
use crate::runtime::exec::{Outputs, dispatch};
use crate::timing::{KioskSettings, PromptSettings};

/// New ids at random, for a till selling into a real store.
#[derive(Debug, Default, Clone, Copy)]
pub struct RandomIds;

impl IdSource for RandomIds {
    fn order_id(&mut self) -> uuid::Uuid {
        uuid::Uuid::new_v4()
    }
}

/// Who works the till, with what a kiosk needs to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TillMode {
    Staffed,
    /// Opens signed in as this pseudo staff member (`Store::kiosk_staff`).
    Kiosk(Staff),
    Training,
}

impl TillMode {
    pub fn mode(&self) -> Mode {
        match self {
            TillMode::Staffed => Mode::Staffed,
            TillMode::Kiosk(_) => Mode::Kiosk,
            TillMode::Training => Mode::Training,
        }
    }
}

/// Everything a till is made of, apart from its store and its source of ids.
pub struct TillSpec {
    /// With a loader (`runtime::Background`) these are placeholders until it brings the
    /// real ones.
    pub catalog: Arc<Catalog>,
    pub customers: Vec<Customer>,
    /// Bundles priced automatically when complete.
    pub bundles: Vec<Bundle>,
    pub staff: Vec<StaffRecord>,
    pub settings: Settings,
    pub till: String,
    pub mode: TillMode,
    /// When the offers panel's prompts appear and how long they stay.
    pub prompts: PromptSettings,
    /// When a kiosk left alone warns, then starts over.
    pub kiosk: KioskSettings,
    /// The recommender, when it is already built.
    pub engine: Option<Arc<Engine>>,
    /// The recommender is being built elsewhere and will arrive as `Action::EngineReady`.
    pub engine_building: bool,
    /// Wrong-PIN counts and locks from the store, so a restart gives no fresh tries.
    pub pin_guards: BTreeMap<PinSubject, PinGuard>,
    /// Where receipts go (and the printer, when set).
    pub outputs: Outputs,
    /// A line for the status bar when the till opens (e.g. that the demo shop was created).
    pub notice: Option<String>,
    /// What of the store's sales headquarters has not confirmed (nothing without one).
    pub unsent: Unsent,
    /// The finder's index over `catalog`, when one is already built (a benchmark builds the
    /// index of 100,000 names once for several tills); otherwise the till builds its own.
    pub search_index: Option<Arc<SearchIndex>>,
    /// Practice customers for a training till (`app::training_session`).
    pub practice: Option<crate::app::training_session::Practice>,
}

impl TillSpec {
    /// A staffed till over this catalog, with nothing else set: the rest is the shop's
    /// defaults (no bundles, customers or recommender; receipts into `outputs`).
    pub fn new(
        catalog: Arc<Catalog>,
        staff: Vec<StaffRecord>,
        settings: Settings,
        till: &str,
        outputs: Outputs,
    ) -> TillSpec {
        TillSpec {
            catalog,
            customers: Vec::new(),
            bundles: Vec::new(),
            staff,
            settings,
            till: till.to_string(),
            mode: TillMode::Staffed,
            prompts: PromptSettings::default(),
            kiosk: KioskSettings::default(),
            engine: None,
            engine_building: false,
            pin_guards: BTreeMap::new(),
            outputs,
            notice: None,
            unsent: Unsent::default(),
            search_index: None,
            practice: None,
        }
    }

    /// Puts the till together at `now`. A kiosk opens signed in, its saved order restored.
    pub fn assemble<B: Backend>(
        self,
        backend: B,
        ids: Box<dyn IdSource + Send>,
        now: NaiveDateTime,
    ) -> Till<B> {
        let mut model = Model::new(
            self.catalog,
            self.customers,
            self.staff,
            self.settings,
            &self.till,
            now,
        )
        .with_bundles(self.bundles)
        .with_printer(self.outputs.escpos_device.is_some())
        .with_offers(self.prompts, self.engine, self.engine_building)
        .with_pin_guards(self.pin_guards)
        .with_notice(self.notice)
        .with_unsent(self.unsent)
        .with_kiosk_settings(self.kiosk);
        if let Some(index) = self.search_index {
            model = model.with_search_index(index);
        }
        if let Some(practice) = self.practice {
            model = model.with_practice(practice);
        }
        let mut till = Till {
            model,
            backend,
            outputs: self.outputs,
            ids,
        };
        match self.mode {
            TillMode::Staffed => {}
            TillMode::Training => {
                till.model = till.model.with_mode(Mode::Training);
                till.model.training.till_trains = true;
            }
            TillMode::Kiosk(staff) => till.act(Action::OpenKiosk(staff), now),
        }
        till
    }
}

/// A till at work: every change to its model goes through `update`, and every effect to
/// its store and outputs.
pub struct Till<B> {
    pub model: Model,
    pub backend: B,
    pub outputs: Outputs,
    ids: Box<dyn IdSource + Send>,
}

impl<B: Backend> Till<B> {
    /// Feeds `action` to the model and carries out everything that follows.
    pub fn act(&mut self, action: Action, now: NaiveDateTime) {
        dispatch(
            &mut self.model,
            &mut self.backend,
            &self.outputs,
            &mut *self.ids,
            action,
            now,
        );
    }

    pub fn press(&mut self, key: Key, now: NaiveDateTime) {
        self.act(Action::Key(key), now);
    }

    /// Feeds `action` to the model alone and returns its effects, not carried out.
    pub fn update_only(&mut self, action: Action, now: NaiveDateTime) -> Vec<Effect> {
        update(&mut self.model, action, now, &mut *self.ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::SeededIds;
    use crate::app::memory::MemoryBackend;
    use crate::domain::catalog::Product;
    use crate::domain::money::Money;
    use crate::domain::people::Role;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap()
    }

    /// A till over two products, its receipts into `receipts`.
    fn spec(receipts: &std::path::Path) -> TillSpec {
        let product = |sku: &str, price| Product {
            sku: sku.into(),
            name: sku.into(),
            category: "Accessories".into(),
            brand: None,
            price: Money::from_minor(price),
            cost: None,
            barcode: None,
            tax_class: "standard".into(),
            stock: 10,
            family: None,
            tier: None,
            durable: true,
            age_restricted: false,
            active: true,
            stock_tracked: true,
            consumable: None,
        };
        let catalog = Catalog::new(vec![product("HUB", 4_900), product("CAB", 1_299)]);
        let staff = vec![StaffRecord {
            staff: Staff {
                id: 1,
                code: "ANA".into(),
                name: "Ana".into(),
                role: Role::Cashier,
            },
            pin_hash: crate::domain::pin::hash("1234", &[1; 16]),
        }];
        let outputs = Outputs {
            receipts_dir: receipts.to_path_buf(),
            escpos_device: None,
            card: Default::default(),
        };
        let mut spec = TillSpec::new(Arc::new(catalog), staff, Settings::default(), "T1", outputs);
        spec.prompts.holdout_percent = 50;
        spec
    }

    /// Signs in, sells two items in cash, starts the next order, and records what happened.
    fn session(seed: u64) -> (Till<MemoryBackend>, Vec<Vec<Effect>>) {
        // Each till its own receipts folder: a receipt file is never written twice.
        let dir = tempfile::tempdir().unwrap();
        let spec = spec(&dir.path().join("receipts"));
        let mut till = spec.assemble(MemoryBackend::new(), Box::new(SeededIds::new(seed)), now());
        let keys = "1234\nHUB\nCAB\n".chars().map(|c| match c {
            '\n' => Key::Enter,
            c => Key::Char(c),
        });
        let mut effects = Vec::new();
        for key in keys {
            till.press(key, now());
        }
        // The last steps without their effects carried out, to compare what is asked.
        effects.push(till.update_only(Action::Key(Key::F(12)), now()));
        till.press(Key::Enter, now());
        effects.push(till.update_only(Action::Tick, now()));
        (till, effects)
    }

    #[test]
    fn the_same_actions_from_the_same_seed_give_the_same_till() {
        let (a, a_effects) = session(42);
        let (b, b_effects) = session(42);
        assert_eq!(a.model.order, b.model.order);
        assert_eq!(a.model.totals, b.model.totals);
        assert_eq!(a.model.session, b.model.session);
        assert_eq!(a.model.message, b.model.message);
        assert_eq!(a_effects, b_effects);
        assert_eq!(a.backend.sales, b.backend.sales);
        assert_eq!(a.backend.sales.len(), 1, "{:?}", a.model.message);
        assert_eq!(a.backend.sales[0].lines.len(), 2);
        let (c, _) = session(43);
        assert_ne!(a.model.order.id, c.model.order.id);
    }

    #[test]
    fn a_kiosk_opens_signed_in_in_its_own_mode() {
        let dir = tempfile::tempdir().unwrap();
        let mut spec = spec(dir.path());
        let kiosk = Staff {
            id: 9,
            code: "KIOSK".into(),
            name: "Self-service".into(),
            role: Role::SelfService,
        };
        spec.mode = TillMode::Kiosk(kiosk.clone());
        let till = spec.assemble(MemoryBackend::new(), Box::new(SeededIds::new(1)), now());
        assert_eq!(till.model.mode, Mode::Kiosk);
        assert_eq!(till.model.signed_in(), Some(&kiosk));
        assert!(
            !till.model.order.id.is_empty() && till.model.order.id != uuid::Uuid::nil().to_string()
        );
    }
}
