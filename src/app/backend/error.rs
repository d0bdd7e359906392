//! What went wrong in a storage call, by what the register should do about it.

/// A failure the cashier must see (on screen, never as a crash). The text is what the
/// screen shows; the kind is what the register acts on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackendError {
    /// Another till held the store longer than the store waits for it. Nothing changed;
    /// the same request may succeed a moment later.
    #[error("{0}")]
    Busy(String),
    /// No room to write (a full disk, or the store's size limit). Nothing changed, and no
    /// write will succeed until space is freed.
    #[error("{0}")]
    Full(String),
    /// The store cannot be written at all (a read-only file or folder). Nothing changed.
    #[error("{0}")]
    ReadOnly(String),
    /// The request breaks a rule of the store (an order already paid, more returned than
    /// sold, totals that do not match the lines). Asking again is refused again.
    #[error("{0}")]
    Invalid(String),
    /// What the request names is not there (any more): a held order another till took.
    #[error("{0}")]
    NotFound(String),
    /// Anything else: a damaged file, an unexpected database error.
    #[error("{0}")]
    Other(String),
}

impl BackendError {
    /// True when no write can succeed until someone fixes the store (frees space, fixes its
    /// permissions): the till stops taking money it could not record.
    pub fn stops_writing(&self) -> bool {
        matches!(self, BackendError::Full(_) | BackendError::ReadOnly(_))
    }
}

/// Plain text is an error of no particular kind.
impl From<&str> for BackendError {
    fn from(text: &str) -> BackendError {
        BackendError::Other(text.to_string())
    }
}

impl From<String> for BackendError {
    fn from(text: String) -> BackendError {
        BackendError::Other(text)
    }
}

pub type BackendResult<T> = Result<T, BackendError>;
