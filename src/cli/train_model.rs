//! `xsell train --model`: the acceptance model the practice customers answer with, fitted
//! on the shop's offer log, with the figures behind every rate and its calibration on
//! offers it was not fitted on.

use std::path::Path;

use crate::store::Store;
use crate::training::acceptance;

use super::train::{Format, TrainArgs};

pub fn run(db: &Path, args: &TrainArgs) -> anyhow::Result<()> {
    let store = Store::open(db)?;
    let rows = store.offer_rows()?;
    let fitted = acceptance::fit_and_check(&rows);
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&fitted)?),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record(["factor", "bin", "offers", "accepted", "rate"])?;
            for (factor, bins) in acceptance::FACTORS.iter().zip(&fitted.model.factors) {
                for (name, b) in factor.bins().iter().zip(bins) {
                    w.write_record([
                        factor.name().to_string(),
                        name.to_string(),
                        b.offers.to_string(),
                        b.accepted.to_string(),
                        format!("{:.4}", b.rate),
                    ])?;
                }
            }
            w.flush()?;
        }
        Format::Table => {
            if rows.is_empty() {
                println!(
                    "The offer log is empty: practice customers take an offer at even odds until offers are answered at the till."
                );
            }
            print!("{fitted}");
        }
    }
    Ok(())
}
