//! `xsell train --script FILE --scenario ID [--seed N] [--format json]`: plays a practice
//! sale from a script without a terminal and prints the conversation and the score (only
//! `{"score": N, "parts": {…}, "feedback": […]}` with `--format json`). The offers panel is
//! the shop's own engine, asked at the time of the shop's last sale so that a seed replays
//! the same session on the same store.

use std::path::Path;

use anyhow::Context;

use crate::domain::catalog::{Catalog, Lookup};
use crate::domain::money::Money;
use crate::domain::safe_text::terminal;
use crate::recommend::engine::{Engine, Request};
use crate::recommend::model::Params;
use crate::store::{Store, parse_ts};
use crate::training::acceptance::Model;
use crate::training::script::{self, PanelOffer, Shop};
use crate::training::session::Session;

use super::train::{Format, Register, TrainArgs};
use super::train_list;

/// The shop as a script sees it: its catalog and its engine.
pub struct EngineShop {
    pub catalog: Catalog,
    pub engine: Engine,
    pub now: chrono::NaiveDateTime,
}

impl Shop for EngineShop {
    fn product(&self, code: &str) -> Option<(String, String, Money)> {
        match self.catalog.lookup(code) {
            Lookup::Found(p) => Some((p.sku.clone(), p.name.clone(), p.price)),
            _ => None,
        }
    }

    fn panel(
        &self,
        cart: &[String],
        customer: Option<&str>,
        leave_out: &[String],
    ) -> Vec<PanelOffer> {
        if cart.is_empty() {
            return Vec::new();
        }
        self.engine
            .recommend(&Request {
                cart,
                customer,
                declined: leave_out,
                now: self.now,
                k: 3,
                ..Request::default()
            })
            .into_iter()
            .map(|r| PanelOffer {
                sku: r.sku,
                name: r.name,
                kind: r.kind,
                price: r.price,
                score: r.score,
            })
            .collect()
    }
}

impl EngineShop {
    pub fn open(store: &Store) -> anyhow::Result<EngineShop> {
        let catalog = store.load_catalog()?;
        let engine = Engine::build(store.engine_input(Params::default())?);
        let now = store
            .past_orders()?
            .last()
            .map(|o| parse_ts(&o.at))
            .unwrap_or_default();
        Ok(EngineShop {
            catalog,
            engine,
            now,
        })
    }
}

pub fn run(db: &Path, _register: &Register, args: &TrainArgs) -> anyhow::Result<()> {
    let (Some(file), Some(id)) = (&args.script, &args.scenario) else {
        anyhow::bail!("--script needs --scenario ID");
    };
    let seed = args.seed.unwrap_or(0);
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file.display().to_string();
    let steps = script::parse(&text, &name).map_err(|errors| {
        anyhow::anyhow!(
            "{}",
            errors
                .iter()
                .map(|e| terminal(&e.to_string()).into_owned())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })?;
    let store = Store::open(db)?;
    let shop = EngineShop::open(&store)?;
    let scenario = train_list::find(db, &store, &shop.catalog, id, seed)?;
    let model = Model::fit(&store.offer_rows()?);
    let mut session = Session::new(&scenario, model, seed);
    let transcript = script::play(&mut session, &steps, &shop, &name)
        .map_err(|e| anyhow::anyhow!("{}", terminal(&e.to_string())))?;
    let score = session.score();
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&score.json())?),
        Format::Csv => anyhow::bail!("--script prints a table or json, not csv"),
        Format::Table => {
            for line in transcript.iter().chain(&score.lines()) {
                println!("{}", terminal(line));
            }
        }
    }
    Ok(())
}
