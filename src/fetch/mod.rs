//! The HTTP client: conditional requests, redirects followed by hand (so a
//! permanent move can be recorded), a size cap enforced while streaming,
//! timeouts, and the server's hints about when to come back. `file://` URLs
//! are read from disk with the same cap.

pub mod discover;
pub mod hints;
mod local;

pub use local::refusal as local_file_refusal;
pub mod page;

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, ETAG, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    LAST_MODIFIED, LOCATION,
};
use url::Url;

use crate::model::Timestamp;

/// The User-Agent sent with every request.
pub const USER_AGENT: &str = concat!(
    "sift/",
    env!("CARGO_PKG_VERSION"),
    " (terminal news reader)"
);

/// At most this many redirects are followed.
pub const MAX_REDIRECTS: usize = 5;

const ACCEPT_FEEDS: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
    application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchSettings {
    pub connect_timeout: Duration,
    /// The whole exchange, redirects and body included.
    pub timeout: Duration,
    pub max_bytes: u64,
}

impl FetchSettings {
    /// The limits `[poll]` in config.toml sets for every fetch.
    pub fn of(poll: &crate::config::PollConfig) -> FetchSettings {
        FetchSettings {
            connect_timeout: poll.connect_timeout,
            timeout: poll.timeout,
            max_bytes: poll.max_response_bytes,
        }
    }
}

/// Validators from the last successful fetch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// None when the server answered 304 Not Modified.
    pub body: Option<Vec<u8>>,
    pub content_type: Option<String>,
    pub validators: Validators,
    /// The final URL when every redirect on the way was permanent (301/308).
    pub moved_to: Option<String>,
    /// Seconds the server says the document stays fresh, if it says.
    pub fresh_for: Option<i64>,
    pub final_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("could not connect: {0}")]
    Connect(String),
    #[error("response is larger than the {} MiB limit", .0 / (1024 * 1024))]
    TooLarge(u64),
    #[error("HTTP {code}{}", reason_suffix(.code, .hint))]
    Status {
        code: u16,
        hint: Option<String>,
        retry_after: Option<i64>,
    },
    #[error("more than {MAX_REDIRECTS} redirects (last: {0})")]
    TooManyRedirects(String),
    #[error("redirect without a usable Location ({0})")]
    BadRedirect(String),
    #[error("refused to follow a redirect to {0}: only http and https are fetched")]
    RedirectScheme(String),
    #[error("unsupported URL scheme in {0}")]
    Scheme(String),
    #[error("{0}")]
    Io(String),
}

/// `HTTP 404 Not Found`: the status and its standard reason, no hints.
pub fn status_line(code: u16) -> String {
    format!("HTTP {code}{}", reason_suffix(&code, &None))
}

fn reason_suffix(code: &u16, hint: &Option<String>) -> String {
    let reason = StatusCode::from_u16(*code)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut out = if reason.is_empty() {
        String::new()
    } else {
        format!(" {reason}")
    };
    if let Some(hint) = hint {
        out.push_str(&format!(" ({hint})"));
    }
    out
}

impl FetchError {
    /// Seconds the server asked us to wait (429/503 `Retry-After`).
    pub fn retry_after(&self) -> Option<i64> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// Builds requests with one shared connection pool.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    settings: FetchSettings,
}

/// A fetcher that a thread of its own builds (`Fetcher::start`).
#[derive(Debug)]
pub enum StartingFetcher {
    Thread(std::thread::JoinHandle<Result<Fetcher, FetchError>>),
    /// No thread could be started: `wait` builds it.
    Here(FetchSettings),
}

impl StartingFetcher {
    /// The fetcher, once built.
    pub fn wait(self) -> Result<Fetcher, FetchError> {
        match self {
            StartingFetcher::Thread(thread) => thread
                .join()
                .unwrap_or_else(|_| Err(FetchError::Io("the HTTP client failed to start".into()))),
            StartingFetcher::Here(settings) => Fetcher::new(settings),
        }
    }
}

/// rustls needs a process-wide crypto provider before the first client.
fn install_crypto_provider() {
    // An error only means one is installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl Fetcher {
    pub fn new(settings: FetchSettings) -> Result<Fetcher, FetchError> {
        install_crypto_provider();
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(8)
            .build()
            .map_err(|e| FetchError::Io(format!("cannot start the HTTP client: {e}")))?;
        Ok(Fetcher { client, settings })
    }

    /// Starts building a fetcher on a thread of its own. The HTTP
    /// client reads and parses the system's root certificates when it is
    /// built (about 10 ms, all of them, for the first https connection),
    /// and a poll has other work to do before its first request: opening
    /// the cache, compiling the rules.
    pub fn start(settings: FetchSettings) -> StartingFetcher {
        let thread = std::thread::Builder::new().name("sift-http".into()).spawn({
            let settings = settings.clone();
            move || Fetcher::new(settings)
        });
        match thread {
            Ok(thread) => StartingFetcher::Thread(thread),
            Err(_) => StartingFetcher::Here(settings),
        }
    }

    pub fn settings(&self) -> &FetchSettings {
        &self.settings
    }

    /// Fetches `url`, conditionally when `validators` are given.
    pub async fn fetch(
        &self,
        url: &str,
        validators: &Validators,
        now: Timestamp,
    ) -> Result<Fetched, FetchError> {
        let parsed = Url::parse(url).map_err(|_| FetchError::Scheme(shown(url)))?;
        match parsed.scheme() {
            "http" | "https" => {
                let secs = self.settings.timeout.as_secs();
                tokio::time::timeout(
                    self.settings.timeout,
                    self.fetch_http(parsed, validators, ACCEPT_FEEDS, now),
                )
                .await
                .unwrap_or(Err(FetchError::Timeout(secs)))
            }
            // A slow disk or a file system that hangs (NFS) gets the
            // same bound as a server.
            "file" => tokio::time::timeout(
                self.settings.timeout,
                local::read(&parsed, validators, self.settings.max_bytes),
            )
            .await
            .unwrap_or(Err(FetchError::Timeout(self.settings.timeout.as_secs()))),
            _ => Err(FetchError::Scheme(shown(url))),
        }
    }

    async fn fetch_http(
        &self,
        start: Url,
        validators: &Validators,
        accept: &str,
        now: Timestamp,
    ) -> Result<Fetched, FetchError> {
        let mut url = start.clone();
        let mut all_permanent = true;
        for _hop in 0..=MAX_REDIRECTS {
            let mut request = self.client.get(url.clone()).header(ACCEPT, accept);
            if let Some(etag) = &validators.etag {
                request = request.header(IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &validators.last_modified {
                request = request.header(IF_MODIFIED_SINCE, lm);
            }
            let response = request.send().await.map_err(|e| self.map_error(e))?;
            let status = response.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                all_permanent &= matches!(
                    status,
                    StatusCode::MOVED_PERMANENTLY | StatusCode::PERMANENT_REDIRECT
                );
                url = next_location(&url, response.headers())?;
                continue;
            }
            let moved_to = (all_permanent && url != start).then(|| url.to_string());
            let headers = response.headers().clone();
            if status == StatusCode::NOT_MODIFIED {
                return Ok(Fetched {
                    body: None,
                    content_type: None,
                    validators: validators_from(&headers, validators),
                    moved_to,
                    fresh_for: hints::freshness(&headers, now).fresh_for,
                    final_url: url.to_string(),
                });
            }
            if !status.is_success() {
                return Err(status_error(status, &headers, now));
            }
            let body = self.read_body(response).await?;
            return Ok(Fetched {
                body: Some(body),
                content_type: header_text(&headers, CONTENT_TYPE),
                validators: validators_from(&headers, &Validators::default()),
                moved_to,
                fresh_for: hints::freshness(&headers, now).fresh_for,
                final_url: url.to_string(),
            });
        }
        Err(FetchError::TooManyRedirects(shown(url.as_str())))
    }

    /// Reads the body chunk by chunk, failing as soon as it passes the cap
    /// (the cap counts decompressed bytes, so a gzip bomb stops early).
    async fn read_body(&self, mut response: reqwest::Response) -> Result<Vec<u8>, FetchError> {
        let max = self.settings.max_bytes;
        let declared = response
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        // Content-Length is of the encoded body; only trust it to refuse.
        if declared.is_some_and(|n| n > max) && response.headers().get("content-encoding").is_none()
        {
            return Err(FetchError::TooLarge(max));
        }
        let mut body = Vec::with_capacity(declared.unwrap_or(64 * 1024).min(max) as usize);
        while let Some(chunk) = response.chunk().await.map_err(|e| self.map_error(e))? {
            if body.len() as u64 + chunk.len() as u64 > max {
                return Err(FetchError::TooLarge(max));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn map_error(&self, e: reqwest::Error) -> FetchError {
        if e.is_timeout() {
            return FetchError::Timeout(self.settings.timeout.as_secs());
        }
        if e.is_connect() {
            return FetchError::Connect(root_cause(&e));
        }
        if e.is_decode() || e.is_body() {
            return FetchError::Io(format!("broken response body: {}", root_cause(&e)));
        }
        FetchError::Io(root_cause(&e))
    }
}

/// The innermost error message: reqwest's outer ones say little. It may
/// quote what the server sent, so it is sanitised.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    crate::text::sanitize_line(&cause.to_string())
}

/// A URL or header value from outside, fit for an error message.
pub(crate) fn shown(text: &str) -> String {
    crate::text::sanitize_url(text)
}

fn next_location(current: &Url, headers: &HeaderMap) -> Result<Url, FetchError> {
    let location = header_text(headers, LOCATION)
        .ok_or_else(|| FetchError::BadRedirect(shown(current.as_str())))?;
    let next = current
        .join(location.trim())
        .map_err(|_| FetchError::BadRedirect(shown(&location)))?;
    if !matches!(next.scheme(), "http" | "https") {
        return Err(FetchError::RedirectScheme(shown(next.as_str())));
    }
    Ok(next)
}

fn status_error(status: StatusCode, headers: &HeaderMap, now: Timestamp) -> FetchError {
    let retry_after = matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
    )
    .then(|| hints::retry_after(headers, now))
    .flatten();
    let hint = match (status.as_u16(), retry_after) {
        (410, _) => {
            Some("the feed is gone for good; remove it with `sift feeds remove`".to_owned())
        }
        (_, Some(secs)) => Some(format!("retry after {secs} s")),
        (404, _) => Some("check the URL".to_owned()),
        _ => None,
    };
    FetchError::Status {
        code: status.as_u16(),
        hint,
        retry_after,
    }
}

fn validators_from(headers: &HeaderMap, previous: &Validators) -> Validators {
    Validators {
        etag: header_text(headers, ETAG).or_else(|| previous.etag.clone()),
        last_modified: header_text(headers, LAST_MODIFIED)
            .or_else(|| previous.last_modified.clone()),
    }
}

fn header_text(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && s.len() <= 1024)
}
