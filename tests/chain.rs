//! A chain of shops: each store's sales journal (export, import, what a till writes into it)
//! and headquarters on a real PostgreSQL server (`XSELL_TEST_PG_URL`; `.ci/run` starts one),
//! where every entry of every store arrives exactly once. The test that stops and restarts
//! the server is a binary of its own (`hq_restart`), so that it never pulls the server from
//! under these.

#[path = "support/journal.rs"]
mod journal_support;
#[path = "support/run.rs"]
mod run_support;

#[path = "chain/hq.rs"]
mod hq;
#[path = "chain/journal_files.rs"]
mod journal_files;
