//! The sandbox training sells into: the whole store copied into memory with SQLite's
//! backup API, then used as any store is. A copy in memory rather than a file beside the
//! store, because practice must leave nothing behind (no file to clean up after a crash,
//! none another till could open by mistake) and the demo shop copies in milliseconds.
//! Every order the sandbox records is a training order, so its own reports and journal
//! leave practice out as the shop's would.

use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use crate::app::backend::{Backend, BackendResult, SandboxSource};
use crate::store::{Store, StoreResult};

/// Pages copied per step: the copy runs to the end at once (a step only bounds memory).
const PAGES_PER_STEP: std::ffi::c_int = 4_096;

impl Store {
    /// A private copy of this store in memory, as it is now, for practice.
    pub fn sandbox_copy(&self) -> StoreResult<Store> {
        let mut to = Connection::open_in_memory()?;
        {
            let backup = Backup::new(&self.conn, &mut to)?;
            backup.run_to_completion(PAGES_PER_STEP, Duration::ZERO, None)?;
        }
        to.execute_batch(
            "PRAGMA foreign_keys = ON;
             CREATE TEMP TRIGGER sandbox_orders_are_training AFTER INSERT ON main.orders
             BEGIN UPDATE main.orders SET training = 1 WHERE id = NEW.id; END;",
        )?;
        Ok(Store {
            conn: to,
            path: None,
        })
    }
}

impl SandboxSource for Store {
    fn sandbox(&mut self) -> BackendResult<Box<dyn Backend + Send>> {
        Ok(Box::new(self.sandbox_copy()?))
    }
}
