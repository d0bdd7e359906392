//! Where practice sales go: a backend that can make a private copy of the shop to sell
//! into, so that training uses the shop's own catalog, rules, bundles and customers and
//! changes nothing of the shop.

use super::{Backend, BackendResult};

/// A backend able to copy the shop it holds into a sandbox: a backend of its own, with
/// the same catalog, settings, bundles and customers, whose writes reach nothing else.
pub trait SandboxSource {
    fn sandbox(&mut self) -> BackendResult<Box<dyn Backend + Send>>;
}
