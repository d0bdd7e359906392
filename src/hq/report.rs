//! What headquarters can say per store and for the chain: the cross-selling figures of
//! every sale received, and how far each store's journal has arrived.

use postgres::Client;
use serde::Serialize;

use crate::hq::HqResult;

/// One store's cross-selling figures (or the chain's, under code "chain").
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoreFigures {
    pub code: String,
    pub sales: i64,
    pub revenue_minor: i64,
    pub refunds: i64,
    pub refunded_minor: i64,
    /// Sales with at least one line taken from an offer.
    pub sales_with_offer: i64,
    pub offer_lines: i64,
    /// What customers paid for lines taken from offers.
    pub offer_revenue_minor: i64,
    /// Offers shown (not held out) and how many were accepted.
    pub offers_shown: i64,
    pub offers_accepted: i64,
}

impl StoreFigures {
    fn add(&mut self, o: &StoreFigures) {
        self.sales += o.sales;
        self.revenue_minor += o.revenue_minor;
        self.refunds += o.refunds;
        self.refunded_minor += o.refunded_minor;
        self.sales_with_offer += o.sales_with_offer;
        self.offer_lines += o.offer_lines;
        self.offer_revenue_minor += o.offer_revenue_minor;
        self.offers_shown += o.offers_shown;
        self.offers_accepted += o.offers_accepted;
    }

    /// Share of sales with a line from an offer, in percent.
    pub fn attach_percent(&self) -> f64 {
        percent(self.sales_with_offer, self.sales)
    }

    /// Share of offers shown that were accepted, in percent.
    pub fn conversion_percent(&self) -> f64 {
        percent(self.offers_accepted, self.offers_shown)
    }
}

fn percent(part: i64, whole: i64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Every store's figures, by code, then the chain's (their sum).
pub fn figures(client: &mut Client) -> HqResult<(Vec<StoreFigures>, StoreFigures)> {
    let rows = client.query(
        "WITH s AS (
            SELECT e.store_id, e.kind, (e.body ->> 'total_minor')::bigint AS total,
                   (SELECT count(*) FROM jsonb_array_elements(e.body -> 'lines') l WHERE l ->> 'source' = 'suggestion') AS offer_lines,
                   (SELECT coalesce(sum((l ->> 'paid_minor')::bigint), 0) FROM jsonb_array_elements(e.body -> 'lines') l
                     WHERE l ->> 'source' = 'suggestion') AS offer_paid
            FROM entries e WHERE e.kind IN ('sale', 'refund')),
         o AS (
            SELECT store_id, count(*) FILTER (WHERE body ->> 'outcome' <> 'held_out') AS shown,
                   count(*) FILTER (WHERE body ->> 'outcome' = 'accepted') AS accepted
            FROM entries WHERE kind = 'offer' GROUP BY store_id)
         SELECT coalesce(st.code, st.id),
                count(*) FILTER (WHERE s.kind = 'sale'),
                coalesce(sum(s.total) FILTER (WHERE s.kind = 'sale'), 0)::bigint,
                count(*) FILTER (WHERE s.kind = 'refund'),
                coalesce(-sum(s.total) FILTER (WHERE s.kind = 'refund'), 0)::bigint,
                count(*) FILTER (WHERE s.kind = 'sale' AND s.offer_lines > 0),
                coalesce(sum(s.offer_lines) FILTER (WHERE s.kind = 'sale'), 0)::bigint,
                coalesce(sum(s.offer_paid) FILTER (WHERE s.kind = 'sale'), 0)::bigint,
                coalesce(max(o.shown), 0), coalesce(max(o.accepted), 0)
         FROM stores st LEFT JOIN s ON s.store_id = st.id LEFT JOIN o ON o.store_id = st.id
         GROUP BY st.id, st.code ORDER BY 1",
        &[],
    )?;
    let stores: Vec<StoreFigures> = rows
        .iter()
        .map(|r| StoreFigures {
            code: r.get(0),
            sales: r.get(1),
            revenue_minor: r.get(2),
            refunds: r.get(3),
            refunded_minor: r.get(4),
            sales_with_offer: r.get(5),
            offer_lines: r.get(6),
            offer_revenue_minor: r.get(7),
            offers_shown: r.get(8),
            offers_accepted: r.get(9),
        })
        .collect();
    let mut chain = StoreFigures {
        code: "chain".into(),
        ..StoreFigures::default()
    };
    for s in &stores {
        chain.add(s);
    }
    Ok((stores, chain))
}

/// How far a store's journal has arrived at headquarters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Arrived {
    pub code: String,
    pub id: String,
    pub entries: i64,
    pub sales: i64,
    /// When the store last pushed (headquarters' clock, UTC).
    pub last_push: Option<String>,
}

pub fn arrived(client: &mut Client) -> HqResult<Vec<Arrived>> {
    Ok(client
        .query(
            "SELECT coalesce(st.code, ''), st.id, count(e.id), count(e.id) FILTER (WHERE e.kind = 'sale'),
                    to_char(st.last_push AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
             FROM stores st LEFT JOIN entries e ON e.store_id = st.id
             GROUP BY st.id ORDER BY 1, 2",
            &[],
        )?
        .iter()
        .map(|r| Arrived {
            code: r.get(0),
            id: r.get(1),
            entries: r.get(2),
            sales: r.get(3),
            last_push: r.get(4),
        })
        .collect())
}
