//! Reading a CSV by column name: required and optional columns, values parsed with the
//! line number attached, and the list of errors an import reports.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;

use crate::domain::money::Money;
use crate::import::{RowError, Summary};
use crate::store::{StoreResult, Upserted};

/// How many bad rows an import lists before it says "and N more".
pub const MAX_REPORTED: usize = 50;

/// Every bad row of a failed import, ready to print as `FILE:LINE: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportErrors {
    pub file: String,
    pub errors: Vec<RowError>,
    /// Bad rows beyond `MAX_REPORTED`.
    pub more: usize,
}

impl ImportErrors {
    pub fn new(file: &str) -> ImportErrors {
        ImportErrors {
            file: file.to_string(),
            errors: Vec::new(),
            more: 0,
        }
    }

    pub fn push(&mut self, e: RowError) {
        if self.errors.len() < MAX_REPORTED {
            self.errors.push(e);
        } else {
            self.more += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn single(file: &str, e: RowError) -> ImportErrors {
        let mut all = ImportErrors::new(file);
        all.push(e);
        all
    }
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.errors {
            writeln!(f, "{}", e.in_file(&self.file))?;
        }
        if self.more > 0 {
            writeln!(f, "{}: … and {} more bad rows", self.file, self.more)?;
        }
        write!(f, "nothing was imported")
    }
}

impl std::error::Error for ImportErrors {}

/// A CSV whose columns are found by name in the header.
pub struct Table<R: Read> {
    reader: csv::Reader<R>,
    columns: HashMap<String, usize>,
}

impl<R: Read> Table<R> {
    pub fn open(input: R, required: &[&str], optional: &[&str]) -> Result<Table<R>, RowError> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let headers = reader
            .headers()
            .map_err(|e| RowError::new(1, format!("cannot read the header: {e}")))?
            .clone();
        let mut columns = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            let name = h.trim().trim_start_matches('\u{feff}').to_lowercase();
            if !required.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
                return Err(RowError::new(
                    1,
                    format!(
                        "unknown column '{name}' (expected {})",
                        [required, optional].concat().join(",")
                    ),
                ));
            }
            if columns.insert(name.clone(), i).is_some() {
                return Err(RowError::new(1, format!("column '{name}' appears twice")));
            }
        }
        for name in required {
            if !columns.contains_key(*name) {
                return Err(RowError::new(1, format!("missing column '{name}'")));
            }
        }
        Ok(Table { reader, columns })
    }

    /// The next row, or None at the end; an unreadable row (bad UTF-8, bad quoting) is an error.
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, RowError>> {
        let mut record = csv::StringRecord::new();
        match self.reader.read_record(&mut record) {
            Ok(false) => None,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.len() != self.columns.len() {
                    return Some(Err(RowError::new(
                        line,
                        format!(
                            "expected {} columns, found {}",
                            self.columns.len(),
                            record.len()
                        ),
                    )));
                }
                for (name, &i) in &self.columns {
                    if let Err(e) = crate::import::check_field(name, &record[i]) {
                        return Some(Err(RowError::new(line, e)));
                    }
                }
                Some(Ok(Row {
                    record,
                    line,
                    columns: &self.columns,
                }))
            }
            Err(e) => Some(Err(RowError::new(
                e.position().map_or(0, |p| p.line()),
                format!("unreadable row: {e}"),
            ))),
        }
    }
}

pub struct Row<'a> {
    record: csv::StringRecord,
    pub line: u64,
    columns: &'a HashMap<String, usize>,
}

impl Row<'_> {
    /// The trimmed value of a column, empty when the column is absent.
    pub fn get(&self, name: &str) -> &str {
        self.columns
            .get(name)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }

    pub fn opt(&self, name: &str) -> Option<String> {
        let v = self.get(name);
        (!v.is_empty()).then(|| v.to_string())
    }

    pub fn err(&self, message: impl Into<String>) -> RowError {
        RowError::new(self.line, message)
    }

    pub fn required(&self, name: &str) -> Result<String, RowError> {
        self.opt(name)
            .ok_or_else(|| self.err(format!("empty {name}")))
    }

    pub fn money(&self, name: &str) -> Result<Option<Money>, RowError> {
        let v = self.get(name);
        if v.is_empty() {
            return Ok(None);
        }
        let m = Money::parse(v).map_err(|e| self.err(format!("{name}: {e}")))?;
        if m.is_negative() {
            return Err(self.err(format!("{name} '{v}' is negative")));
        }
        Ok(Some(m))
    }

    pub fn int(
        &self,
        name: &str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Result<Option<i64>, RowError> {
        let v = self.get(name);
        if v.is_empty() {
            return Ok(None);
        }
        let n: i64 = v
            .parse()
            .map_err(|_| self.err(format!("{name} '{v}' is not a whole number")))?;
        if !range.contains(&n) {
            return Err(self.err(format!(
                "{name} {n} is out of range ({} to {})",
                range.start(),
                range.end()
            )));
        }
        Ok(Some(n))
    }

    pub fn flag(&self, name: &str) -> Result<Option<bool>, RowError> {
        match self.get(name).to_lowercase().as_str() {
            "" => Ok(None),
            "true" | "yes" | "y" | "1" => Ok(Some(true)),
            "false" | "no" | "n" | "0" => Ok(Some(false)),
            other => Err(self.err(format!("{name} '{other}' is not true or false"))),
        }
    }
}

/// Reads every row through `parse`: all of them, or every bad one reported.
pub fn read_all<R: Read, T>(
    mut table: Table<R>,
    file: &str,
    mut parse: impl FnMut(&Row<'_>) -> Result<T, RowError>,
) -> Result<Vec<T>, ImportErrors> {
    let mut errors = ImportErrors::new(file);
    let mut rows = Vec::new();
    while let Some(row) = table.next_row() {
        match row.and_then(|r| parse(&r)) {
            Ok(t) => rows.push(t),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Keys seen so far in a file: a duplicate is reported with the line of its first use.
#[derive(Debug, Default)]
pub struct FirstSeen(HashMap<String, u64>);

impl FirstSeen {
    pub fn check(&mut self, row: &Row<'_>, what: &str, key: &str) -> Result<(), RowError> {
        match self.0.insert(key.to_string(), row.line) {
            Some(first) => {
                Err(row.err(format!("duplicate {what} '{key}' (first on line {first})")))
            }
            None => Ok(()),
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }
}

/// What a bulk write did, as the import's summary, or the store's refusal as the file's
/// error (line 0: the file as a whole).
pub fn written(file: &str, result: StoreResult<Upserted>) -> Result<Summary, ImportErrors> {
    result
        .map(|done| Summary {
            added: done.added,
            updated: done.updated,
            ..Summary::default()
        })
        .map_err(|e| ImportErrors::single(file, RowError::new(0, e.to_string())))
}
