//! How long work tells how far it has got, without knowing who is watching.
//!
//! The layers that do long work (importing, mining, tuning, generating, copying) take a
//! `&dyn Progress` and report stages and amounts; the command line draws them as bars on a
//! terminal (`cli::progress`) and nothing on a pipe. Tests and the register pass
//! [`Silent`]. Nothing here touches a terminal or a clock.

use std::io::Read;

/// What a stage counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Bytes (of a file read, of a store copied): shown as sizes and a byte rate.
    Bytes,
    /// Things, named in the plural ("orders", "trials"): shown as counts and a rate.
    Items(&'static str),
}

/// A receiver of progress. Every method has a default that does nothing, so an
/// implementation draws only what it wants to.
pub trait Progress: Sync {
    /// A new stage begins: what is being done, how much of it there is (`None` when that is
    /// not known beforehand), and what is counted. It replaces the stage before.
    fn begin(&self, _stage: &str, _total: Option<u64>, _unit: Unit) {}
    /// `n` more units of the current stage are done.
    fn advance(&self, _n: u64) {}
    /// A short note shown beside the current stage (the best score so far, rows read).
    fn note(&self, _text: &str) {}
    /// The current stage is done.
    fn end(&self) {}
}

/// Progress nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

/// A reader that reports every byte it reads as progress: an importer stays unaware of it,
/// and a file's progress is measured in what was really read.
pub struct Reading<'a, R> {
    inner: R,
    progress: &'a dyn Progress,
}

impl<'a, R: Read> Reading<'a, R> {
    pub fn new(inner: R, progress: &'a dyn Progress) -> Self {
        Reading { inner, progress }
    }
}

impl<R: Read> Read for Reading<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.advance(n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Tally(Mutex<u64>);

    impl Progress for Tally {
        fn advance(&self, n: u64) {
            *self.0.lock().unwrap() += n;
        }
    }

    #[test]
    fn reading_reports_exactly_the_bytes_read() {
        let text = "sku,name\n".repeat(1000);
        let tally = Tally::default();
        let mut out = String::new();
        Reading::new(text.as_bytes(), &tally)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
        assert_eq!(*tally.0.lock().unwrap(), text.len() as u64);
    }
}
