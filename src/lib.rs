//! xsell: a terminal point-of-sale register with timed, personalized add-on prompts.
//!
//! Layers, dependencies pointing down only (see ARCHITECTURE.md):
//! `cli` → `runtime` → `app`/`ui` → `store`/`import` → `domain`/`recommend`.

pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod hq;
pub mod import;
pub mod journal;
pub mod progress;
pub mod recommend;
pub mod report;
pub mod runtime;
pub mod store;
pub mod timing;
pub mod training;
pub mod ui;
