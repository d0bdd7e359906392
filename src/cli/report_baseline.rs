//! `xsell report --by staff`'s fair baseline: the acceptance model fitted on the shop's
//! offer log gives each offer of the period its chance, and `report::expected_attach`
//! turns them into each person's expected attach rate.

use std::collections::HashSet;

use crate::report::Period;
use crate::report::expected_attach::{Baseline, Chances, by_staff};
use crate::store::Store;
use crate::training::acceptance::Model;

pub fn baselines(store: &Store, period: Period) -> anyhow::Result<Vec<Baseline>> {
    let rows = store.report_rows(period)?;
    let offers = store.offer_rows()?;
    // Fitted on the whole log: the baseline is what this shop's customers did with such
    // offers, whoever made them.
    let model = Model::fit(&offers);
    let in_period: HashSet<&str> = rows.orders.iter().map(|o| o.id.as_str()).collect();
    let mut chances = Chances::new();
    for offer in offers
        .iter()
        .filter(|o| in_period.contains(o.order.as_str()))
    {
        chances
            .entry(offer.order.clone())
            .or_default()
            .push(model.predict(&offer.features));
    }
    Ok(by_staff(&rows, &chances))
}
