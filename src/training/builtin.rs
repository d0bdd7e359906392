//! The scenarios that come with xsell (`assets/scenarios/`), compiled into the binary like
//! the demo shop's files, so that training works anywhere on first run.

use crate::domain::catalog::Catalog;
use crate::training::scenario::{self, Scenario, ScenarioError};

/// Each file's path in the repository, for error messages, and its text.
pub const FILES: &[(&str, &str)] = &[
    (
        "assets/scenarios/camera-holiday.toml",
        include_str!("../../assets/scenarios/camera-holiday.toml"),
    ),
    (
        "assets/scenarios/console-birthday.toml",
        include_str!("../../assets/scenarios/console-birthday.toml"),
    ),
    (
        "assets/scenarios/drone-first-flight.toml",
        include_str!("../../assets/scenarios/drone-first-flight.toml"),
    ),
    (
        "assets/scenarios/earbuds-commute.toml",
        include_str!("../../assets/scenarios/earbuds-commute.toml"),
    ),
    (
        "assets/scenarios/gaming-laptop-rush.toml",
        include_str!("../../assets/scenarios/gaming-laptop-rush.toml"),
    ),
    (
        "assets/scenarios/laptop-student.toml",
        include_str!("../../assets/scenarios/laptop-student.toml"),
    ),
    (
        "assets/scenarios/laptop-tight-budget.toml",
        include_str!("../../assets/scenarios/laptop-tight-budget.toml"),
    ),
    (
        "assets/scenarios/monitor-home-office.toml",
        include_str!("../../assets/scenarios/monitor-home-office.toml"),
    ),
    (
        "assets/scenarios/phone-card-declined.toml",
        include_str!("../../assets/scenarios/phone-card-declined.toml"),
    ),
    (
        "assets/scenarios/phone-first-case.toml",
        include_str!("../../assets/scenarios/phone-first-case.toml"),
    ),
    (
        "assets/scenarios/phone-travel.toml",
        include_str!("../../assets/scenarios/phone-travel.toml"),
    ),
    (
        "assets/scenarios/printer-home.toml",
        include_str!("../../assets/scenarios/printer-home.toml"),
    ),
    (
        "assets/scenarios/smart-home-start.toml",
        include_str!("../../assets/scenarios/smart-home-start.toml"),
    ),
    (
        "assets/scenarios/tablet-kids.toml",
        include_str!("../../assets/scenarios/tablet-kids.toml"),
    ),
    (
        "assets/scenarios/tv-wall.toml",
        include_str!("../../assets/scenarios/tv-wall.toml"),
    ),
    (
        "assets/scenarios/watch-runner.toml",
        include_str!("../../assets/scenarios/watch-runner.toml"),
    ),
];

/// The built-in scenarios, checked against the shop's catalog, easiest first.
pub fn scenarios(catalog: &Catalog) -> Result<Vec<Scenario>, Vec<ScenarioError>> {
    scenario::parse_all(FILES.iter().copied(), catalog)
}
