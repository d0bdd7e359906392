//! The order history, simulated day by day and written as it goes: a million orders
//! never sit in memory, only the customers' state and the ink calendar do.
//!
//! Each day gets its share of the requested total by how busy it is (the shares are
//! rounded cumulatively so the total comes out exact). Printer owners due for ink come
//! first; the rest of the day's orders are walk-ins (anonymous) or loyalty customers
//! drawn by how often they come.

use std::io::Write;

use chrono::NaiveDate;

use crate::domain::money::Money;

use super::calendar;
use super::catalog::Catalog;
use super::dice::Dice;
use super::people::{Customer, digits, visit_pool};
use super::shopper::{Lines, Shopper};

#[derive(Debug, Clone, Copy)]
pub struct History {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub orders: u64,
    /// Share of random (not ink-refill) orders with no loyalty card.
    pub anonymous: f64,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct OrderStats {
    pub orders: u64,
    pub lines: u64,
    pub anonymous: u64,
    pub ink_visits: u64,
}

/// Categories marked down from Black Friday to Cyber Monday.
const DEAL_SHELVES: &[&str] = &[
    "Laptops",
    "TVs",
    "Headphones",
    "Earbuds",
    "Game Consoles",
    "Tablets",
    "Smart Speakers",
    "Bluetooth Speakers",
    "Smartwatches",
    "Soundbars",
    "Monitors",
];

enum Visit {
    Ink(u32),
    Random,
}

pub fn write_orders<W: Write>(
    out: W,
    seed: u64,
    catalog: &Catalog,
    customers: &mut [Customer],
    history: &History,
    progress: &dyn crate::progress::Progress,
) -> anyhow::Result<OrderStats> {
    let mut dice = Dice::fork(seed, 3);
    let shopper = Shopper::new(catalog);
    let days: Vec<NaiveDate> = history
        .first_day
        .iter_days()
        .take_while(|d| *d <= history.last_day)
        .collect();
    let quotas = quotas(&days, history.orders);
    let visitors = visit_pool(customers);
    let mut due: Vec<Vec<u32>> = vec![Vec::new(); days.len() + 1];
    for (i, c) in customers.iter_mut().enumerate() {
        if c.printer.is_some() {
            c.ink_scheduled = true;
            due[dice.index(61).min(days.len())].push(i as u32);
        }
    }
    let id_width = digits(history.orders as usize).max(6);
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["order_id", "customer_id", "sku", "qty", "unit_price", "ts"])?;
    let mut stats = OrderStats::default();
    for (day, date) in days.iter().enumerate() {
        let quota = quotas[day];
        if quota == 0 {
            // Closed: whoever was due comes the next day.
            let waiting = std::mem::take(&mut due[day]);
            due[day + 1].extend(waiting);
            continue;
        }
        let mut visits: Vec<Visit> = Vec::with_capacity(quota as usize);
        let mut waiting = std::mem::take(&mut due[day]);
        let overflow = waiting.split_off(waiting.len().min(quota as usize));
        due[day + 1].extend(overflow);
        visits.extend(waiting.into_iter().map(Visit::Ink));
        visits.resize_with(quota as usize, || Visit::Random);
        shuffle(&mut dice, &mut visits);
        let mut times: Vec<(u32, u32)> = (0..quota)
            .map(|_| calendar::time_of_day(&mut dice, *date))
            .collect();
        times.sort_unstable();
        let day_weights = shopper.day_weights(*date);
        for (visit, (hour, minute)) in visits.into_iter().zip(times) {
            let (customer, lines) = match visit {
                Visit::Ink(c) => {
                    let lines = shopper.ink_visit(&mut dice, &customers[c as usize]);
                    stats.ink_visits += 1;
                    let next = day + 50 + dice.index(21);
                    // Now and then a refill is bought elsewhere and the next one is late.
                    let next = if dice.chance(0.08) { next + 55 } else { next };
                    if next < days.len() {
                        due[next].push(c);
                    }
                    (Some(c), lines)
                }
                Visit::Random if dice.chance(history.anonymous) => {
                    (None, shopper.order(&mut dice, *date, &day_weights, None))
                }
                Visit::Random => {
                    let c = visitors.draw(&mut dice).expect("at least one customer");
                    let customer = &mut customers[c as usize];
                    let had_schedule = customer.ink_scheduled;
                    let lines = shopper.order(&mut dice, *date, &day_weights, Some(customer));
                    let bought_printer = lines.iter().any(|(p, _)| shopper.is_printer(*p));
                    if bought_printer && !had_schedule {
                        customer.ink_scheduled = true;
                        let next = day + 45 + dice.index(31);
                        if next < days.len() {
                            due[next].push(c);
                        }
                    }
                    (Some(c), lines)
                }
            };
            stats.orders += 1;
            let order_id = format!("O{:0id_width$}", stats.orders);
            let customer_id = customer.map_or("", |c| customers[c as usize].id.as_str());
            if customer.is_none() {
                stats.anonymous += 1;
            }
            let ts = format!("{}T{hour:02}:{minute:02}:00", date.format("%Y-%m-%d"));
            stats.lines +=
                write_lines(&mut w, catalog, &order_id, customer_id, &ts, *date, &lines)?;
        }
        progress.advance(quota);
    }
    w.flush()?;
    Ok(stats)
}

fn write_lines<W: Write>(
    w: &mut csv::Writer<W>,
    catalog: &Catalog,
    order_id: &str,
    customer_id: &str,
    ts: &str,
    date: NaiveDate,
    lines: &Lines,
) -> anyhow::Result<u64> {
    for (product, qty) in lines {
        let p = &catalog.products[*product as usize];
        let price = unit_price(catalog, *product, date);
        w.write_record([
            order_id,
            customer_id,
            &p.sku,
            &qty.to_string(),
            &price.to_decimal_string(),
            ts,
        ])?;
    }
    Ok(lines.len() as u64)
}

/// The catalog price, or the deal price on Black Friday weekend: 15% off big-ticket
/// shelves, rounded down to a price ending in .99.
fn unit_price(catalog: &Catalog, product: u32, date: NaiveDate) -> Money {
    let p = &catalog.products[product as usize];
    let shelf = catalog.shelf_of(p);
    if calendar::deal_days(date) && DEAL_SHELVES.contains(&shelf.name) && p.price.minor() >= 5000 {
        let marked = p.price.minor() * 85 / 100;
        return Money::from_minor(marked / 100 * 100 - 1);
    }
    p.price
}

/// Orders per day: proportional to busyness, rounded on the running total so that
/// the days add up to exactly `total`.
fn quotas(days: &[NaiveDate], total: u64) -> Vec<u64> {
    let span = (days.len().max(2) - 1) as f64;
    let weights: Vec<f64> = days
        .iter()
        .enumerate()
        .map(|(i, d)| calendar::busyness(*d, i as f64 / span))
        .collect();
    let sum: f64 = weights.iter().sum();
    let mut running = 0.0;
    let mut given = 0u64;
    weights
        .iter()
        .map(|w| {
            running += w;
            let target = ((running / sum) * total as f64).round() as u64;
            let target = target.min(total);
            let quota = target - given;
            given = target;
            quota
        })
        .collect()
}

fn shuffle<T>(dice: &mut Dice, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        items.swap(i, dice.index(i + 1));
    }
}

/// The default history: thirteen months ending on the last day of October 2026, so it
/// holds one full Christmas season and one Black Friday.
pub fn default_history(orders: u64) -> History {
    let last_day = NaiveDate::from_ymd_opt(2026, 10, 31).expect("a date");
    History {
        first_day: NaiveDate::from_ymd_opt(2025, 10, 1).expect("a date"),
        last_day,
        orders,
        anonymous: 0.455,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_add_up_exactly() {
        let h = default_history(6000);
        let days: Vec<NaiveDate> = h
            .first_day
            .iter_days()
            .take_while(|d| *d <= h.last_day)
            .collect();
        let q = quotas(&days, 6000);
        assert_eq!(q.iter().sum::<u64>(), 6000);
        let christmas = days
            .iter()
            .position(|d| *d == NaiveDate::from_ymd_opt(2025, 12, 25).unwrap())
            .unwrap();
        assert_eq!(q[christmas], 0);
    }
}
