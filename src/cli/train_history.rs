//! `xsell train --from-history [--seed N]`: practice customers made from the shop's own
//! past orders. Lists the scenarios a seed draws; each can be played by its id
//! (`history-ORDER`) with `--scenario`.

use std::path::Path;

use crate::domain::safe_text::terminal;
use crate::store::Store;
use crate::training::from_history;

use super::train::{Format, Register, TrainArgs};

/// How many scenarios one seed draws.
const COUNT: usize = 10;

pub fn run(db: &Path, _register: &Register, args: &TrainArgs) -> anyhow::Result<()> {
    let store = Store::open(db)?;
    let catalog = store.load_catalog()?;
    let orders = store.past_orders()?;
    let seed = args.seed.unwrap_or(1);
    let drawn = from_history::scenarios(&orders, &catalog, seed, COUNT);
    if drawn.is_empty() {
        anyhow::bail!(
            "no past order has a known customer and an add-on: import a sales history first (xsell import history)"
        );
    }
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&drawn)?),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record(["id", "level", "name", "comes_for", "good_offers"])?;
            for s in &drawn {
                let good: Vec<&str> = s.good_offers.iter().map(|g| g.item.sku.as_str()).collect();
                w.write_record(
                    [
                        &s.id,
                        s.level.as_str(),
                        &s.persona.name,
                        &s.buys[0].sku,
                        &good.join(" "),
                    ]
                    .map(|c| crate::domain::safe_text::csv_cell(c).into_owned()),
                )?;
            }
            w.flush()?;
        }
        Format::Table => {
            println!("Drawn from {} past orders with seed {seed}:", orders.len());
            for s in &drawn {
                let good: Vec<String> = s
                    .good_offers
                    .iter()
                    .map(|g| format!("{} ({})", g.item.name, g.item.price))
                    .collect();
                println!(
                    "{}  {}  {} comes for the {}; good offers: {}",
                    terminal(&s.id),
                    s.level.as_str(),
                    terminal(&s.persona.name),
                    terminal(&s.buys[0].name),
                    terminal(&good.join(", "))
                );
            }
            println!("Play one: xsell train --scenario ID --seed {seed}");
        }
    }
    Ok(())
}
