//! What the register benchmarks share: a till signed in as a cashier at a fixed moment.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use xsell::app::Model;
use xsell::app::model::Session;
use xsell::domain::catalog::Catalog;
use xsell::domain::people::{Role, Staff};
use xsell::domain::settings::Settings;

/// The benchmarks' clock: a Monday afternoon.
pub fn bench_now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(14, 5, 0)
        .unwrap()
}

/// A register over `catalog` with a cashier signed in.
pub fn signed_in(catalog: Arc<Catalog>) -> Model {
    let mut model = Model::new(
        catalog,
        Vec::new(),
        Vec::new(),
        Settings::default(),
        "Till 1",
        bench_now(),
    );
    model.session = Session::SignedIn {
        staff: Staff {
            id: 1,
            code: "ANA".into(),
            name: "Ana".into(),
            role: Role::Cashier,
        },
    };
    model
}
