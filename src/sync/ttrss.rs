//! Tiny Tiny RSS through its JSON API: one POSTed JSON object per call
//! (`{"op": ..., "sid": ...}`), one `{"status", "content"}` answer. The
//! session is kept and renewed once when the server forgets it. The
//! password goes only into the login request's body; no error, log line
//! or `Debug` output carries it.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::backend::{
    Cursor, FlagChange, Page, RemoteArticle, RemoteEnclosure, RemoteFeed, RemoteFlags, ServerFlag,
    ServerInfo, SyncBackend,
};
use super::{Secret, SyncError};

/// `subscribeToFeed` and `unsubscribeFeed` came with API level 5.
pub const MIN_API_LEVEL: i64 = 5;

/// The server returns at most 200 headlines a request.
const PAGE: usize = 200;

/// Largest answer read: a page of 200 articles with their text.
pub const MAX_ANSWER_BYTES: u64 = 64 * 1024 * 1024;

/// Where and how to reach the server.
#[derive(Debug, Clone)]
pub struct TtRssSettings {
    /// The server's address (its web interface); `api/` is added unless
    /// it is there already.
    pub url: String,
    pub user: String,
    pub password: Secret,
    pub connect_timeout: Duration,
    pub timeout: Duration,
}

pub struct TtRss {
    client: reqwest::Client,
    api: url::Url,
    user: String,
    password: Secret,
    timeout: Duration,
    session: Mutex<Option<String>>,
    requests: AtomicUsize,
}

impl std::fmt::Debug for TtRss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TtRss")
            .field("api", &self.api.as_str())
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl TtRss {
    pub fn new(settings: TtRssSettings) -> Result<TtRss, SyncError> {
        let api = api_url(&settings.url)?;
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            // The server binds a session to the User-Agent: one for all calls.
            .user_agent(crate::fetch::USER_AGENT)
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            // An API answers where it is asked; a redirect is a wrong URL.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| SyncError::Unreachable {
                url: api.to_string(),
                detail: format!("cannot start the HTTP client: {e}"),
            })?;
        Ok(TtRss {
            client,
            api,
            user: settings.user,
            password: settings.password,
            timeout: settings.timeout,
            session: Mutex::new(None),
            requests: AtomicUsize::new(0),
        })
    }

    fn session(&self) -> Option<String> {
        self.session.lock().map(|s| s.clone()).unwrap_or(None)
    }

    fn set_session(&self, sid: Option<String>) {
        if let Ok(mut s) = self.session.lock() {
            *s = sid;
        }
    }

    /// One API call with the session; logs in again once if the server
    /// forgot the session.
    async fn call(&self, op: &str, params: Value) -> Result<Value, SyncError> {
        for attempt in 0..2 {
            let mut body = match params.clone() {
                Value::Object(map) => map,
                _ => Map::new(),
            };
            body.insert("op".into(), op.into());
            if let Some(sid) = self.session() {
                body.insert("sid".into(), sid.into());
            }
            match self.post(Value::Object(body)).await? {
                Answer::Ok(content) => return Ok(content),
                Answer::Err(error) if error == "NOT_LOGGED_IN" && attempt == 0 => {
                    self.log_in().await?;
                }
                Answer::Err(error) => return Err(self.api_error(&error)),
            }
        }
        Err(SyncError::Server(
            "the server keeps forgetting the session".into(),
        ))
    }

    fn api_error(&self, error: &str) -> SyncError {
        match error {
            "LOGIN_ERROR" => SyncError::BadPassword {
                user: self.user.clone(),
            },
            "API_DISABLED" => SyncError::ApiDisabled {
                user: self.user.clone(),
            },
            other => SyncError::Server(crate::text::sanitize_line(other)),
        }
    }

    async fn log_in(&self) -> Result<(), SyncError> {
        let body = json!({"op": "login", "user": self.user, "password": self.password.expose()});
        match self.post(body).await? {
            Answer::Ok(content) => {
                let sid = content
                    .get("session_id")
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| SyncError::Garbage("a login answer without a session".into()))?;
                self.set_session(Some(sid.to_owned()));
                Ok(())
            }
            Answer::Err(error) => Err(self.api_error(&error)),
        }
    }

    /// POSTs `body`; the answer's status and content.
    async fn post(&self, body: Value) -> Result<Answer, SyncError> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let url = self.api.to_string();
        let request = self
            .client
            .post(self.api.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string())
            .send();
        let response = tokio::time::timeout(self.timeout, request)
            .await
            .map_err(|_| self.timed_out())?
            .map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        if !status.is_success() {
            return Err(SyncError::Http {
                url,
                status: status.as_u16(),
            });
        }
        let bytes = tokio::time::timeout(self.timeout, read_capped(response))
            .await
            .map_err(|_| self.timed_out())??;
        parse_answer(&bytes)
    }

    fn timed_out(&self) -> SyncError {
        SyncError::Timeout {
            url: self.api.to_string(),
            secs: self.timeout.as_secs(),
        }
    }

    fn transport_error(&self, e: &reqwest::Error) -> SyncError {
        if e.is_timeout() {
            return self.timed_out();
        }
        let detail = if e.is_connect() {
            "the connection was refused or failed".to_owned()
        } else {
            crate::text::sanitize_line(&error_chain(e))
        };
        SyncError::Unreachable {
            url: self.api.to_string(),
            detail,
        }
    }

    async fn headlines(&self, params: Value) -> Result<Vec<Headline>, SyncError> {
        let content = self.call("getHeadlines", params).await?;
        serde_json::from_value(content)
            .map_err(|e| SyncError::Garbage(format!("headlines: {}", short(&e.to_string()))))
    }
}

/// The API's answer: status 0 with content, or status 1 with an error.
enum Answer {
    Ok(Value),
    Err(String),
}

fn parse_answer(bytes: &[u8]) -> Result<Answer, SyncError> {
    #[derive(Deserialize)]
    struct Wire {
        status: i64,
        #[serde(default)]
        content: Value,
    }
    let wire: Wire = serde_json::from_slice(bytes)
        .map_err(|_| SyncError::Garbage("the answer is not the API's JSON".into()))?;
    match wire.status {
        0 => Ok(Answer::Ok(wire.content)),
        _ => Ok(Answer::Err(
            wire.content
                .get("error")
                .and_then(Value::as_str)
                .unwrap_or("an unnamed error")
                .to_owned(),
        )),
    }
}

async fn read_capped(response: reqwest::Response) -> Result<Vec<u8>, SyncError> {
    let mut body = Vec::new();
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            SyncError::Garbage(format!("the answer broke off: {}", short(&e.to_string())))
        })?;
        if body.len() as u64 + chunk.len() as u64 > MAX_ANSWER_BYTES {
            return Err(SyncError::TooBig(MAX_ANSWER_BYTES / (1024 * 1024)));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// At most 200 characters of a message, on one line.
fn short(s: &str) -> String {
    crate::text::sanitize_line(s).chars().take(200).collect()
}

/// `https://host/tt-rss/` → `https://host/tt-rss/api/`; only http(s).
pub fn api_url(base: &str) -> Result<url::Url, SyncError> {
    let bad =
        || SyncError::NotConfigured(format!("`url` {:?} is not an http(s) address", short(base)));
    let mut url = url::Url::parse(base.trim()).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(bad());
    }
    let path = url.path().trim_end_matches('/').to_owned();
    let path = if path.ends_with("/api") || path == "api" {
        format!("{path}/")
    } else {
        format!("{path}/api/")
    };
    url.set_path(&path);
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}

/// A number the server may send as a JSON number or a string.
fn lenient_int<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    match Value::deserialize(d)? {
        Value::Number(n) => n
            .as_i64()
            .ok_or_else(|| serde::de::Error::custom("not an integer")),
        Value::String(s) => s.trim().parse().map_err(serde::de::Error::custom),
        Value::Bool(b) => Ok(i64::from(b)),
        Value::Null => Ok(0),
        _ => Err(serde::de::Error::custom("not an integer")),
    }
}

fn lenient_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    })
}

#[derive(Deserialize)]
struct Headline {
    #[serde(deserialize_with = "lenient_int")]
    id: i64,
    #[serde(default, deserialize_with = "lenient_int")]
    feed_id: i64,
    #[serde(default, deserialize_with = "lenient_string")]
    guid: String,
    #[serde(default, deserialize_with = "lenient_string")]
    title: String,
    #[serde(default, deserialize_with = "lenient_string")]
    link: String,
    #[serde(default, deserialize_with = "lenient_string")]
    author: String,
    #[serde(default, deserialize_with = "lenient_int")]
    updated: i64,
    #[serde(default, deserialize_with = "lenient_string")]
    content: String,
    #[serde(default)]
    unread: bool,
    #[serde(default)]
    marked: bool,
    #[serde(default)]
    attachments: Vec<Attachment>,
}

#[derive(Deserialize)]
struct Attachment {
    #[serde(default, deserialize_with = "lenient_string")]
    content_url: String,
    #[serde(default, deserialize_with = "lenient_string")]
    content_type: String,
}

impl Headline {
    fn into_article(self) -> RemoteArticle {
        let some = |s: String| (!s.trim().is_empty()).then_some(s);
        RemoteArticle {
            id: self.id,
            feed_id: self.feed_id,
            guid: if self.guid.is_empty() {
                format!("ttrss:{}", self.id)
            } else {
                self.guid
            },
            title: self.title,
            link: some(self.link),
            author: some(self.author),
            updated: (self.updated > 0).then_some(self.updated),
            content: some(self.content),
            enclosures: self
                .attachments
                .into_iter()
                .filter(|a| !a.content_url.is_empty())
                .map(|a| RemoteEnclosure {
                    url: a.content_url,
                    mime_type: some(a.content_type),
                })
                .collect(),
            read: !self.unread,
            starred: self.marked,
        }
    }
}

#[derive(Deserialize)]
struct WireFeed {
    #[serde(deserialize_with = "lenient_int")]
    id: i64,
    #[serde(default, deserialize_with = "lenient_string")]
    feed_url: String,
    #[serde(default, deserialize_with = "lenient_string")]
    title: String,
    #[serde(default, deserialize_with = "lenient_int")]
    cat_id: i64,
}

#[derive(Deserialize)]
struct WireCategory {
    #[serde(deserialize_with = "lenient_int")]
    id: i64,
    #[serde(default, deserialize_with = "lenient_string")]
    title: String,
}

fn next_cursor(cursor: Option<&Cursor>, got: usize) -> Option<Cursor> {
    let skip: usize = cursor.and_then(|c| c.0.parse().ok()).unwrap_or(0);
    (got >= PAGE).then(|| Cursor((skip + got).to_string()))
}

fn skip_of(cursor: Option<&Cursor>) -> usize {
    cursor.and_then(|c| c.0.parse().ok()).unwrap_or(0)
}

fn ids_param(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

impl SyncBackend for TtRss {
    async fn login(&mut self) -> Result<ServerInfo, SyncError> {
        self.set_session(None);
        self.log_in().await?;
        let level = self.call("getApiLevel", json!({})).await?;
        let level = level
            .get("level")
            .and_then(Value::as_i64)
            .ok_or_else(|| SyncError::Garbage("getApiLevel without a level".into()))?;
        if level < MIN_API_LEVEL {
            return Err(SyncError::ApiTooOld {
                found: level,
                needed: MIN_API_LEVEL,
            });
        }
        let version = self.call("getVersion", json!({})).await?;
        let version = version
            .get("version")
            .and_then(Value::as_str)
            .map(short)
            .unwrap_or_default();
        Ok(ServerInfo {
            version: format!("Tiny Tiny RSS {version}"),
            api_level: Some(level),
        })
    }

    async fn feeds(&self) -> Result<Vec<RemoteFeed>, SyncError> {
        let categories = self
            .call("getCategories", json!({"include_empty": true}))
            .await?;
        let categories: Vec<WireCategory> = serde_json::from_value(categories)
            .map_err(|e| SyncError::Garbage(format!("categories: {}", short(&e.to_string()))))?;
        let feeds = self.call("getFeeds", json!({"cat_id": -3})).await?;
        let feeds: Vec<WireFeed> = serde_json::from_value(feeds)
            .map_err(|e| SyncError::Garbage(format!("feeds: {}", short(&e.to_string()))))?;
        Ok(feeds
            .into_iter()
            .filter(|f| !f.feed_url.is_empty())
            .map(|f| RemoteFeed {
                id: f.id,
                url: f.feed_url,
                title: f.title,
                // Ids 0 and below are "Uncategorized" and the special ones.
                category: categories
                    .iter()
                    .find(|c| c.id == f.cat_id && c.id > 0)
                    .map(|c| c.title.clone())
                    .filter(|t| !t.trim().is_empty()),
            })
            .collect())
    }

    async fn subscribe(&self, url: &str) -> Result<i64, SyncError> {
        let content = self
            .call("subscribeToFeed", json!({"feed_url": url}))
            .await?;
        let status = content.get("status").cloned().unwrap_or(Value::Null);
        let code = status.get("code").and_then(Value::as_i64).unwrap_or(-1);
        let feed_id = status.get("feed_id").and_then(|v| {
            v.as_i64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        });
        match (code, feed_id) {
            (0 | 1, Some(id)) => Ok(id),
            (0 | 1, None) => {
                // Older servers do not say the id: find it by URL.
                self.feeds()
                    .await?
                    .into_iter()
                    .find(|f| f.url == url)
                    .map(|f| f.id)
                    .ok_or_else(|| {
                        SyncError::Server(format!("subscribed to {url} but cannot find it"))
                    })
            }
            (2, _) => Err(SyncError::Server(format!(
                "{url}: the server calls it an invalid URL"
            ))),
            (3 | 4, _) => Err(SyncError::Server(format!(
                "{url}: the server finds no single feed there"
            ))),
            (5, _) => Err(SyncError::Server(format!(
                "{url}: the server cannot download it"
            ))),
            (6, _) => Err(SyncError::Server(format!(
                "{url}: the server cannot read it as a feed"
            ))),
            (code, _) => Err(SyncError::Server(format!(
                "{url}: subscribing failed (code {code})"
            ))),
        }
    }

    async fn unsubscribe(&self, feed_id: i64) -> Result<(), SyncError> {
        match self
            .call("unsubscribeFeed", json!({"feed_id": feed_id}))
            .await
        {
            // Gone already: what was asked for.
            Err(SyncError::Server(e)) if e == "FEED_NOT_FOUND" => Ok(()),
            other => other.map(|_| ()),
        }
    }

    async fn articles_since(
        &self,
        marker: Option<&str>,
        cursor: Option<&Cursor>,
    ) -> Result<Page<RemoteArticle>, SyncError> {
        let since: i64 = marker.and_then(|m| m.parse().ok()).unwrap_or(0);
        let headlines = self
            .headlines(json!({
                "feed_id": -4,
                "view_mode": "all_articles",
                "since_id": since,
                "limit": PAGE,
                "skip": skip_of(cursor),
                "show_content": true,
                "include_attachments": true,
            }))
            .await?;
        let next = next_cursor(cursor, headlines.len());
        Ok(Page {
            items: headlines
                .into_iter()
                .filter(|h| h.id > since)
                .map(Headline::into_article)
                .collect(),
            next,
        })
    }

    fn marker_after(&self, marker: Option<&str>, seen: &[RemoteArticle]) -> Option<String> {
        let old: Option<i64> = marker.and_then(|m| m.parse().ok());
        seen.iter()
            .map(|a| a.id)
            .chain(old)
            .max()
            .map(|m| m.to_string())
    }

    async fn ids_with(
        &self,
        flag: ServerFlag,
        cursor: Option<&Cursor>,
    ) -> Result<Page<i64>, SyncError> {
        let (feed, mode) = match flag {
            ServerFlag::Unread => (-4, "unread"),
            ServerFlag::Starred => (-1, "all_articles"),
        };
        let headlines = self
            .headlines(json!({
                "feed_id": feed,
                "view_mode": mode,
                "limit": PAGE,
                "skip": skip_of(cursor),
                "show_content": false,
                "excerpt_length": 0,
            }))
            .await?;
        Ok(Page {
            next: next_cursor(cursor, headlines.len()),
            items: headlines.into_iter().map(|h| h.id).collect(),
        })
    }

    async fn set_flags(&self, ids: &[i64], change: FlagChange) -> Result<(), SyncError> {
        if ids.is_empty() {
            return Ok(());
        }
        // field 0: starred ("marked"), 2: unread; mode 0 false, 1 true.
        let (field, mode) = match change {
            FlagChange::Read(read) => (2, i64::from(!read)),
            FlagChange::Starred(starred) => (0, i64::from(starred)),
        };
        self.call(
            "updateArticle",
            json!({"article_ids": ids_param(ids), "mode": mode, "field": field}),
        )
        .await?;
        Ok(())
    }

    async fn flags_of(&self, ids: &[i64]) -> Result<Vec<RemoteFlags>, SyncError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let content = self
            .call("getArticle", json!({"article_id": ids_param(ids)}))
            .await?;
        let articles: Vec<Headline> = serde_json::from_value(content)
            .map_err(|e| SyncError::Garbage(format!("articles: {}", short(&e.to_string()))))?;
        Ok(articles
            .into_iter()
            .map(|a| RemoteFlags {
                id: a.id,
                read: !a.unread,
                starred: a.marked,
            })
            .collect())
    }

    async fn mark_feed_read(&self, feed_id: i64) -> Result<(), SyncError> {
        self.call("catchupFeed", json!({"feed_id": feed_id, "is_cat": false}))
            .await?;
        Ok(())
    }

    fn max_batch(&self) -> usize {
        500
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_address_is_derived_from_the_server_address() {
        let api = |s| api_url(s).map(|u| u.to_string());
        assert_eq!(
            api("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080/api/"
        );
        assert_eq!(api("https://h/tt-rss/").unwrap(), "https://h/tt-rss/api/");
        assert_eq!(
            api("https://h/tt-rss/api").unwrap(),
            "https://h/tt-rss/api/"
        );
        assert!(api("file:///etc/passwd").is_err());
        assert!(api("ftp://h/").is_err());
    }

    #[test]
    fn answers_are_read_leniently_and_garbage_is_an_error() {
        assert!(matches!(
            parse_answer(b"<html>"),
            Err(SyncError::Garbage(_))
        ));
        assert!(matches!(
            parse_answer(br#"{"status":1,"content":{"error":"LOGIN_ERROR"}}"#),
            Ok(Answer::Err(e)) if e == "LOGIN_ERROR"
        ));
        let h: Headline = serde_json::from_value(json!({
            "id": "7", "feed_id": "3", "guid": "", "title": "T", "link": "",
            "author": null, "updated": 1700000000, "unread": false, "marked": true,
            "attachments": [{"content_url": "http://x/a.mp3", "content_type": "audio/mpeg"}]
        }))
        .unwrap();
        let a = h.into_article();
        assert_eq!((a.id, a.feed_id, a.guid.as_str()), (7, 3, "ttrss:7"));
        assert!(a.read && a.starred && a.link.is_none() && a.author.is_none());
        assert_eq!(a.enclosures.len(), 1);
    }

    #[test]
    fn pages_continue_only_after_a_full_page() {
        assert_eq!(next_cursor(None, PAGE), Some(Cursor("200".into())));
        assert_eq!(
            next_cursor(Some(&Cursor("200".into())), PAGE),
            Some(Cursor("400".into()))
        );
        assert_eq!(next_cursor(None, 3), None);
    }
}
