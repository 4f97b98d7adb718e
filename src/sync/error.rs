//! What can go wrong in a sync, each in words that say what to do.

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("no [sync] section in {0}; see `sift config --default` for an example")]
    NotConfigured(String),
    #[error("cannot read the sync password: {0}")]
    Password(String),
    #[error(
        "cannot reach the sync server at {url}: {detail}; check `url` in [sync] and that the server is running"
    )]
    Unreachable { url: String, detail: String },
    #[error("the sync server at {url} did not answer within {secs} s")]
    Timeout { url: String, secs: u64 },
    #[error(
        "the sync server answered HTTP {status} at {url}; is `url` in [sync] the server's address?"
    )]
    Http { url: String, status: u16 },
    #[error("the sync server refused user {user:?}: wrong user name or password")]
    BadPassword { user: String },
    #[error(
        "the API is disabled for user {user:?}; turn on \"Enable API\" in the server's preferences"
    )]
    ApiDisabled { user: String },
    #[error("the server's API level is {found}; sift needs {needed} or later; upgrade the server")]
    ApiTooOld { found: i64, needed: i64 },
    #[error("the sync server sent something that is not its API's answer ({0}); is `url` right?")]
    Garbage(String),
    #[error("the sync server's answer is larger than {0} MiB")]
    TooBig(u64),
    #[error("the sync server said: {0}")]
    Server(String),
    #[error("cache: {0}")]
    Store(#[from] StoreError),
    #[error("feeds.toml: {0}")]
    Feeds(String),
}
