//! The register as a pure state machine: `Model` + `Action` → new `Model` + `Effect`s.

pub mod backend;
