//! Streaming reader of a sales history CSV (`order_id,customer_id,sku,qty,unit_price,ts`).
//!
//! One parser serves the store import, `mine --from-csv` and `eval`, so a file that one of
//! them accepts is accepted by all; it sits in `domain` because the engine (`recommend`)
//! and the importer (`import`) both read it and neither may depend on the other. Rows are
//! yielded one at a time: a million-row history never sits in memory here.

use std::io::Read;

use chrono::NaiveDateTime;

use crate::domain::input_rows::{RowError, check_field, check_year};
use crate::domain::money::Money;
use crate::domain::timestamp::parse_timestamp;

/// One validated row of an orders file.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderRow {
    /// 1-based line number in the file (the header is line 1).
    pub line: u64,
    pub order_id: String,
    pub customer_id: Option<String>,
    pub sku: String,
    pub qty: i64,
    /// Empty in exported baskets that carry no prices; the store import then uses the catalog price.
    pub unit_price: Option<Money>,
    pub ts: Option<NaiveDateTime>,
}

/// Largest quantity on one order line that an import accepts.
pub const MAX_QTY: i64 = 1_000_000;

pub struct OrderRows<R: Read> {
    reader: csv::Reader<R>,
    columns: Columns,
    record: csv::StringRecord,
}

struct Columns {
    order_id: usize,
    customer_id: usize,
    sku: usize,
    qty: usize,
    unit_price: usize,
    ts: usize,
}

/// Opens an orders CSV; fails at once (line 1) when a required column is missing.
pub fn read<R: Read>(input: R) -> Result<OrderRows<R>, RowError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| RowError::new(1, format!("cannot read the header: {e}")))?
        .clone();
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
            .ok_or_else(|| RowError::new(1, format!("missing column '{name}'")))
    };
    let columns = Columns {
        order_id: find("order_id")?,
        customer_id: find("customer_id")?,
        sku: find("sku")?,
        qty: find("qty")?,
        unit_price: find("unit_price")?,
        ts: find("ts")?,
    };
    Ok(OrderRows {
        reader,
        columns,
        record: csv::StringRecord::new(),
    })
}

impl<R: Read> Iterator for OrderRows<R> {
    type Item = Result<OrderRow, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.reader.read_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line());
                Some(parse_record(&self.record, &self.columns, line))
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                Some(Err(RowError::new(line, format!("unreadable row: {e}"))))
            }
        }
    }
}

fn parse_record(rec: &csv::StringRecord, c: &Columns, line: u64) -> Result<OrderRow, RowError> {
    let field = |i: usize| rec.get(i).map(str::trim).unwrap_or("");
    let err = |msg: String| RowError::new(line, msg);
    if rec.len()
        <= [c.order_id, c.customer_id, c.sku, c.qty, c.unit_price, c.ts]
            .into_iter()
            .max()
            .unwrap_or(0)
    {
        return Err(err(format!("expected 6 columns, found {}", rec.len())));
    }
    for (name, i) in [
        ("order_id", c.order_id),
        ("customer_id", c.customer_id),
        ("sku", c.sku),
        ("qty", c.qty),
        ("unit_price", c.unit_price),
        ("ts", c.ts),
    ] {
        check_field(name, field(i)).map_err(err)?;
    }
    let order_id = field(c.order_id);
    if order_id.is_empty() {
        return Err(err("empty order_id".into()));
    }
    let sku = field(c.sku);
    if sku.is_empty() {
        return Err(err("empty sku".into()));
    }
    let qty_text = field(c.qty);
    let qty: i64 = qty_text
        .parse()
        .map_err(|_| err(format!("qty '{qty_text}' is not a whole number")))?;
    if !(1..=MAX_QTY).contains(&qty) {
        return Err(err(format!("qty {qty} is out of range (1 to {MAX_QTY})")));
    }
    let price_text = field(c.unit_price);
    let unit_price = if price_text.is_empty() {
        None
    } else {
        let p = Money::parse(price_text).map_err(|e| err(format!("unit_price: {e}")))?;
        if p.is_negative() {
            return Err(err(format!("unit_price '{price_text}' is negative")));
        }
        Some(p)
    };
    let ts_text = field(c.ts);
    let ts = if ts_text.is_empty() {
        None
    } else {
        let t = parse_timestamp(ts_text).ok_or_else(|| {
            err(format!(
                "ts '{ts_text}' is not an ISO 8601 date or date-time"
            ))
        })?;
        check_year("ts", ts_text, chrono::Datelike::year(&t)).map_err(err)?;
        Some(t)
    };
    let customer = field(c.customer_id);
    Ok(OrderRow {
        line,
        order_id: order_id.to_string(),
        customer_id: (!customer.is_empty()).then(|| customer.to_string()),
        sku: sku.to_string(),
        qty,
        unit_price,
        ts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Result<OrderRow, RowError>> {
        read(text.as_bytes()).expect("header").collect()
    }

    #[test]
    fn reads_rows_with_line_numbers() {
        let r = rows(
            "order_id,customer_id,sku,qty,unit_price,ts\n1,C1,A,2,3.50,2024-01-02\n1,,B,1,,2024-01-02T10:00:00\n",
        );
        let a = r[0].as_ref().unwrap();
        assert_eq!(
            (a.line, a.qty, a.unit_price),
            (2, 2, Some(Money::from_minor(350)))
        );
        assert_eq!(a.customer_id.as_deref(), Some("C1"));
        let b = r[1].as_ref().unwrap();
        assert_eq!(
            (b.line, b.customer_id.clone(), b.unit_price),
            (3, None, None)
        );
    }

    #[test]
    fn bad_rows_name_their_line() {
        let r = rows(
            "order_id,customer_id,sku,qty,unit_price,ts\n1,,A,x,,\n2,,B,0,,\n3,,C,1,1.234,\n4,,D,1,,yesterday\n5,,,1,,\n",
        );
        let msgs: Vec<String> = r.into_iter().map(|x| x.unwrap_err().to_string()).collect();
        assert_eq!(msgs[0], "line 2: qty 'x' is not a whole number");
        assert!(msgs[1].starts_with("line 3: qty 0 is out of range"));
        assert!(msgs[2].starts_with("line 4: unit_price:"));
        assert!(msgs[3].starts_with("line 5: ts 'yesterday'"));
        assert_eq!(msgs[4], "line 6: empty sku");
    }

    #[test]
    fn missing_column_fails_on_the_header() {
        let e = read("order_id,sku,qty\n".as_bytes()).err().unwrap();
        assert_eq!(e.to_string(), "line 1: missing column 'customer_id'");
    }
}
