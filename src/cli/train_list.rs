//! `xsell train --list`: the scenarios, easiest first (id, level, the customer's first name
//! and the SKUs they come for), as a table, CSV or JSON. Also where every training command
//! finds its scenarios: the built-in ones that fit the shop's catalog, and the shop's own
//! files in `scenarios/` beside the store, which must all be right.

use std::path::Path;

use anyhow::Context;

use crate::domain::catalog::Catalog;
use crate::domain::safe_text::{csv_cell, terminal};
use crate::store::Store;
use crate::training::builtin;
use crate::training::scenario::{self, Scenario};

use super::train::{Format, TrainArgs};

/// The folder beside the store where a shop keeps its own scenario files.
pub fn shop_dir(db: &Path) -> std::path::PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("scenarios")
}

/// The built-in scenarios that fit this catalog (a shop that sells other things keeps
/// only those whose products it has), then the shop's own files, every error of which is
/// reported with its file and line.
pub fn scenarios(db: &Path, catalog: &Catalog) -> anyhow::Result<Vec<Scenario>> {
    let mut out: Vec<Scenario> = builtin::FILES
        .iter()
        .filter_map(|(file, text)| scenario::parse(text, file, catalog).ok())
        .collect();
    let dir = shop_dir(db);
    if dir.is_dir() {
        let mut files: Vec<(String, String)> = Vec::new();
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?
        {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?;
                files.push((path.display().to_string(), text));
            }
        }
        files.sort();
        let own = scenario::parse_all(files.iter().map(|(f, t)| (f.as_str(), t.as_str())), catalog)
            .map_err(|errors| {
                anyhow::anyhow!(
                    "{}",
                    errors
                        .iter()
                        .map(|e| terminal(&e.to_string()).into_owned())
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            })?;
        for s in own {
            if let Some(at) = out.iter().position(|b| b.id == s.id) {
                // The shop's file of the same id replaces the built-in one.
                out.remove(at);
            }
            out.push(s);
        }
    }
    out.sort_by(|a, b| (a.level, &a.id).cmp(&(b.level, &b.id)));
    Ok(out)
}

pub fn run(db: &Path, args: &TrainArgs) -> anyhow::Result<()> {
    let store = Store::open(db)?;
    let catalog = store.load_catalog()?;
    let all = scenarios(db, &catalog)?;
    if all.is_empty() {
        anyhow::bail!(
            "no scenario fits this shop's catalog: write your own in {}",
            shop_dir(db).display()
        );
    }
    let skus = |s: &Scenario| s.buys.iter().map(|i| i.sku.clone()).collect::<Vec<_>>();
    match args.format {
        Format::Json => {
            let rows: Vec<serde_json::Value> = all
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "id": s.id,
                        "level": s.level.as_str(),
                        "name": s.persona.name,
                        "skus": skus(s),
                        "title": s.title,
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&rows)?);
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record(["id", "level", "name", "skus", "title"])?;
            for s in &all {
                let skus = skus(s).join(" ");
                w.write_record(
                    [&s.id, s.level.as_str(), &s.persona.name, &skus, &s.title]
                        .map(|c| csv_cell(c).into_owned()),
                )?;
            }
            w.flush()?;
        }
        Format::Table => {
            let width = all.iter().map(|s| s.id.len()).max().unwrap_or(2).max(2);
            println!(
                "{:<width$}  {:<6}  {:<10}  COMES FOR",
                "ID", "LEVEL", "CUSTOMER"
            );
            for s in &all {
                println!(
                    "{:<width$}  {:<6}  {:<10}  {}",
                    terminal(&s.id),
                    s.level.as_str(),
                    terminal(&s.persona.name),
                    terminal(&skus(s).join(", "))
                );
            }
        }
    }
    Ok(())
}

/// The scenario a training command names: one of the list, or `history-ORDER` made from a
/// past order with the persona `seed` draws.
pub fn find(
    db: &Path,
    store: &Store,
    catalog: &Catalog,
    id: &str,
    seed: u64,
) -> anyhow::Result<Scenario> {
    if let Some(order) = id.strip_prefix("history-") {
        let orders = store.past_orders()?;
        return crate::training::from_history::for_order(&orders, catalog, order, seed).ok_or_else(|| {
            anyhow::anyhow!(
                "no past order '{}' with a known customer and an add-on (xsell train --from-history lists some)",
                terminal(order)
            )
        });
    }
    let all = scenarios(db, catalog)?;
    let known: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
    all.iter().find(|s| s.id == id).cloned().ok_or_else(|| {
        anyhow::anyhow!(
            "no scenario '{}' (xsell train --list shows them: {})",
            terminal(id),
            known.join(", ")
        )
    })
}

/// The practice customers for a training till: the one scenario asked for, or all of them
/// easiest first, answering with the model fitted on the shop's offer log. Without a seed
/// the clock draws one (shown in the pane, so a session can be replayed).
/// The exam the shop set (`[training]` in the shop file): its scenarios in order, or the
/// first two of each level; its one seed; its pass mark.
pub fn exam(db: &Path) -> anyhow::Result<crate::app::training_session::Practice> {
    let store = Store::open(db)?;
    let catalog = store.load_catalog()?;
    let set = store.settings()?.training;
    let all = scenarios(db, &catalog)?;
    let queue: Vec<Scenario> = if set.exam_scenarios.is_empty() {
        let mut by_level = all.clone();
        by_level.sort_by(|a, b| (a.level, &a.id).cmp(&(b.level, &b.id)));
        let mut taken: Vec<Scenario> = Vec::new();
        for s in by_level {
            if taken.iter().filter(|t| t.level == s.level).count() < 2 {
                taken.push(s);
            }
        }
        taken
    } else {
        set.exam_scenarios
            .iter()
            .map(|id| find(db, &store, &catalog, id, set.exam_seed))
            .collect::<anyhow::Result<_>>()?
    };
    if queue.is_empty() {
        anyhow::bail!(
            "no scenario fits this shop's catalog for an exam: write your own in {}",
            shop_dir(db).display()
        );
    }
    let model = crate::training::acceptance::Model::fit(&store.offer_rows()?);
    Ok(crate::app::training_session::Practice::exam(
        queue,
        model,
        set.exam_seed,
        set.exam_pass_mark,
    ))
}

pub fn practice(
    db: &Path,
    scenario: Option<&str>,
    seed: Option<u64>,
) -> anyhow::Result<crate::app::training_session::Practice> {
    let store = Store::open(db)?;
    let catalog = store.load_catalog()?;
    let seed = seed.unwrap_or_else(|| chrono::Local::now().timestamp_micros().unsigned_abs());
    let queue = match scenario {
        Some(id) => vec![find(db, &store, &catalog, id, seed)?],
        None => scenarios(db, &catalog)?,
    };
    if queue.is_empty() {
        anyhow::bail!(
            "no scenario fits this shop's catalog: write your own in {}",
            shop_dir(db).display()
        );
    }
    let model = crate::training::acceptance::Model::fit(&store.offer_rows()?);
    Ok(crate::app::training_session::Practice::new(
        queue, model, seed,
    ))
}
