//! Headquarters on PostgreSQL: every store's journal arrives there exactly once (`push`),
//! the chain's catalog, pairings, bundles and mined rules go back to the stores (`catalog`,
//! `mine`), and the chain's figures are read there (`report`). The store's side of each is
//! in `store`; this module holds the PostgreSQL side.

pub mod catalog;
pub mod fault;
pub mod mine;
pub mod push;
pub mod report;
pub mod schema;

use postgres::{Client, NoTls};

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum HqError {
    #[error("cannot reach headquarters at {url}: {detail}")]
    Connect { url: String, detail: String },
    #[error("headquarters: {0}")]
    Server(String),
    #[error(
        "headquarters' schema is version {found}, written by a newer xsell (this one knows {known}); upgrade xsell"
    )]
    TooNew { found: usize, known: usize },
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<postgres::Error> for HqError {
    fn from(e: postgres::Error) -> HqError {
        // The server's own words when it has some; else what went wrong on the way.
        match e.as_db_error() {
            Some(db) => HqError::Server(db.message().to_string()),
            None if e.is_closed() => {
                HqError::Server("the connection was closed (server stopped or restarted?)".into())
            }
            None => HqError::Server(e.to_string()),
        }
    }
}

pub type HqResult<T> = Result<T, HqError>;

/// A URL as it may be shown and kept: without its password.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        // The key=value form: `host=/run/postgresql password=… dbname=chain`.
        return url
            .split_whitespace()
            .map(|kv| {
                if kv.starts_with("password=") {
                    "password=***"
                } else {
                    kv
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    };
    match rest.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// Connects and brings headquarters' schema up to date.
pub fn connect(url: &str) -> HqResult<Client> {
    let mut client = Client::connect(url, NoTls).map_err(|e| HqError::Connect {
        url: redact(url),
        detail: e.to_string(),
    })?;
    schema::migrate(&mut client)?;
    Ok(client)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_never_shows() {
        assert_eq!(
            redact("postgres://hq:s3cret@db.example:5432/chain"),
            "postgres://hq:***@db.example:5432/chain"
        );
        assert_eq!(redact("postgres://hq@db/chain"), "postgres://hq@db/chain");
        assert_eq!(
            redact("host=/tmp password=s3cret dbname=chain"),
            "host=/tmp password=*** dbname=chain"
        );
    }
}
