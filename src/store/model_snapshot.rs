//! The relevance model `xsell mine` trained, kept with the store's sales generation: the
//! engine starts from it while no paid sale, product or import has changed since, instead of
//! reading the whole history and training again (most of its start on a long history).

use rusqlite::{OptionalExtension, params};

use crate::recommend::model::{self, Model, Params};
use crate::store::{Store, StoreResult};

impl Store {
    /// A number that changes whenever something the model learns from changes (a paid sale,
    /// a product's SKU, a published or undone import: see migration 015's triggers).
    pub fn sales_generation(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("SELECT generation FROM sales_generation", [], |r| r.get(0))?)
    }

    /// Keeps `model`, trained on the sales as they were at `generation`, replacing any other.
    pub fn save_model(&mut self, generation: i64, model: &Model, at: &str) -> StoreResult<()> {
        let bytes = model.to_bytes();
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO model_snapshot (one, generation, format, made_at, model)
                 VALUES (1, ?1, ?2, ?3, ?4)",
                params![generation, model::FORMAT, at, bytes],
            )?;
            Ok(())
        })
    }

    /// The kept model, when it is still current, was trained with `params` and covers the
    /// `items` products of the catalog; otherwise `None` and the engine trains its own.
    pub fn current_model(&self, params: &Params, items: usize) -> StoreResult<Option<Model>> {
        let kept: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT s.model FROM model_snapshot s, sales_generation g
                 WHERE s.generation = g.generation AND s.format = ?1",
                [model::FORMAT],
                |r| r.get(0),
            )
            .optional()?;
        Ok(kept
            .and_then(|bytes| Model::from_bytes(&bytes, items))
            .filter(|m| m.params() == params))
    }
}
