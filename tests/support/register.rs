//! A small shop for the register's tests: a catalog with barcodes, two staff (a cashier and
//! a manager), customers, and a till driven through the real effect executor against the
//! in-memory backend.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::{NaiveDate, NaiveDateTime};
use xsell::app::memory::MemoryBackend;
use xsell::app::model::Session;
use xsell::app::{Action, Effect, Key, Model, SeededIds, StaffRecord};
use xsell::domain::catalog::{Catalog, Product};
use xsell::domain::ean;
use xsell::domain::money::Money;
use xsell::domain::people::{Customer, CustomerSummary, Role, Staff};
use xsell::domain::pin;
use xsell::domain::settings::Settings;
use xsell::runtime::{Outputs, TillSpec};

pub const CASHIER_PIN: &str = "1234";
pub const MANAGER_PIN: &str = "9999";

pub fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

pub fn product(
    sku: &str,
    name: &str,
    price_minor: i64,
    barcode: Option<&str>,
    stock: i64,
) -> Product {
    Product {
        sku: sku.into(),
        name: name.into(),
        category: "Accessories".into(),
        brand: None,
        price: Money::from_minor(price_minor),
        cost: None,
        barcode: barcode.map(|b| ean::complete(b).unwrap()),
        tax_class: "standard".into(),
        stock,
        family: None,
        tier: None,
        durable: true,
        age_restricted: false,
        active: true,
        stock_tracked: true,
        consumable: None,
    }
}

/// The barcodes of the fixture catalog, check digits included.
pub fn barcode(body: &str) -> String {
    ean::complete(body).unwrap()
}

pub const LAPTOP: &str = "400638133393";
pub const HUB: &str = "501234567890";
pub const CABLE: &str = "871234567890";

pub fn catalog() -> Catalog {
    let mut laptop = product("LAP-15", "UltraBook 15 (16GB)", 119_900, Some(LAPTOP), 4);
    laptop.category = "Laptops".into();
    Catalog::new(vec![
        laptop,
        product("HUB-7", "USB-C hub 7-in-1", 4_900, Some(HUB), 25),
        product(
            "CAB-2",
            "USB-C cable, braided, 2 m",
            1_299,
            Some(CABLE),
            120,
        ),
        product("SLV-JP", "ノートパソコン用スリーブ 🎒", 2_900, None, 0),
        product("MOU-1", "Wireless mouse", 2_500, None, 30),
        product(
            "HP-1",
            "Noise-cancelling headphones with an extremely long product name",
            24_900,
            None,
            3,
        ),
    ])
}

pub fn customers() -> Vec<Customer> {
    vec![
        Customer {
            code: "C0042".into(),
            name: "Jordan Lee".into(),
            phone: Some("555-0142".into()),
            email: Some("jordan.lee@example.com".into()),
            opted_out: false,
        },
        Customer {
            code: "C0077".into(),
            name: "Mia Wong".into(),
            phone: Some("555-0177".into()),
            email: None,
            opted_out: false,
        },
    ]
}

/// Hashing is deliberately slow; hash the fixture PINs once for all tests.
pub fn staff() -> Vec<StaffRecord> {
    static HASHES: OnceLock<(String, String)> = OnceLock::new();
    let (cashier, manager) = HASHES.get_or_init(|| {
        (
            pin::hash(CASHIER_PIN, &[1; 16]),
            pin::hash(MANAGER_PIN, &[2; 16]),
        )
    });
    vec![
        StaffRecord {
            staff: Staff {
                id: 1,
                code: "ANA".into(),
                name: "Ana".into(),
                role: Role::Cashier,
            },
            pin_hash: cashier.clone(),
        },
        StaffRecord {
            staff: Staff {
                id: 2,
                code: "MAX".into(),
                name: "Max".into(),
                role: Role::Manager,
            },
            pin_hash: manager.clone(),
        },
    ]
}

pub fn model(now: NaiveDateTime) -> Model {
    Model::new(
        Arc::new(catalog()),
        customers(),
        staff(),
        Settings::default(),
        "Till 1",
        now,
    )
}

/// A recommender over the fixture catalog: the shop's own pairings only (no sales yet).
pub fn offers_engine(catalog: Arc<Catalog>) -> xsell::recommend::engine::Engine {
    use xsell::domain::target::{Target, TimeWindow};
    use xsell::recommend::curated::Complement;
    let pair = |from: &str, to: &str| Complement {
        from: Target::Sku(from.into()),
        to: Target::Sku(to.into()),
        reason: format!("{to} goes with {from}"),
        script: format!("Would you like {to} with it?"),
        weight: 1.0,
        window: TimeWindow::default(),
    };
    xsell::recommend::engine::Engine::build(xsell::recommend::engine::EngineInput {
        catalog,
        complements: vec![
            pair("LAP-15", "HUB-7"),
            pair("LAP-15", "MOU-1"),
            pair("LAP-15", "CAB-2"),
            pair("HUB-7", "CAB-2"),
            pair("MOU-1", "HUB-7"),
        ],
        bundles: Vec::new(),
        rules: Vec::new(),
        baskets: Default::default(),
        trained: None,
        purchases: Default::default(),
        intervals: None,
        opted_out: Default::default(),
        params: Default::default(),
    })
}

/// The fixed seed of the tests' order ids: a test sees the same ids on every run.
pub const SEED: u64 = 2026;

/// A till, assembled as the register's is, with its store, its receipts folder and a clock
/// that the test moves. It reads as the till it wraps (`till.model`, `till.backend`).
pub struct Till {
    pub till: xsell::runtime::Till<MemoryBackend>,
    pub now: NaiveDateTime,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for Till {
    type Target = xsell::runtime::Till<MemoryBackend>;
    fn deref(&self) -> &Self::Target {
        &self.till
    }
}

impl std::ops::DerefMut for Till {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.till
    }
}

impl Till {
    pub fn new() -> Till {
        Till::new_with(|_, _| {})
    }

    /// A till whose spec and store `setup` adjusts first, as the command line would from
    /// the store it opens.
    pub fn new_with(setup: impl FnOnce(&mut TillSpec, &mut MemoryBackend)) -> Till {
        let dir = tempfile::tempdir().unwrap();
        let mut backend = MemoryBackend::new();
        backend.customers = customers();
        backend.summaries.insert(
            "C0042".into(),
            CustomerSummary {
                visits: 14,
                lifetime_spend: Money::from_minor(421_000),
                last_visit: Some(at(10, 0) - chrono::Duration::days(52)),
                favourite_categories: vec!["Audio".into(), "Laptops".into()],
            },
        );
        let now = at(14, 5);
        let outputs = Outputs {
            receipts_dir: dir.path().join("receipts"),
            escpos_device: None,
            card: Default::default(),
        };
        let mut spec = TillSpec::new(
            Arc::new(catalog()),
            staff(),
            Settings::default(),
            "Till 1",
            outputs,
        );
        spec.customers = customers();
        setup(&mut spec, &mut backend);
        Till {
            till: spec.assemble(backend, Box::new(SeededIds::new(SEED)), now),
            now,
            _dir: dir,
        }
    }

    pub fn signed_in() -> Till {
        let mut till = Till::new();
        till.sign_in(CASHIER_PIN);
        till
    }

    pub fn receipts_dir(&self) -> PathBuf {
        self.outputs.receipts_dir.clone()
    }

    pub fn act(&mut self, action: Action) {
        let now = self.now;
        self.till.act(action, now);
    }

    pub fn key(&mut self, key: Key) {
        self.act(Action::Key(key));
    }

    /// Types text the way a keyboard or scanner does, one key per character, `\n` as Enter.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(if c == '\n' { Key::Enter } else { Key::Char(c) });
        }
    }

    pub fn scan(&mut self, code: &str) {
        self.type_text(code);
        self.key(Key::Enter);
    }

    pub fn sign_in(&mut self, pin: &str) {
        self.type_text(pin);
        self.key(Key::Enter);
    }

    pub fn is_signed_in(&self) -> bool {
        matches!(self.model.session, Session::SignedIn { .. })
    }

    /// The order's lines as (sku, qty).
    pub fn lines(&self) -> Vec<(String, i64)> {
        self.model
            .cart()
            .lines()
            .iter()
            .map(|l| (l.sku.clone(), l.qty))
            .collect()
    }

    pub fn message(&self) -> String {
        self.model
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    pub fn is_error(&self) -> bool {
        self.model
            .message
            .as_ref()
            .is_some_and(|m| m.tone == xsell::app::model::Tone::Error)
    }

    /// Feeds an action to `update` alone, returning its effects unexecuted.
    pub fn update_only(&mut self, action: Action) -> Vec<Effect> {
        let now = self.now;
        self.till.update_only(action, now)
    }
}
