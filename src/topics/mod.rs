//! Topics: articles scored against weighted terms at ingest, so the filter
//! bar can say `topic:foreign-policy`. Definitions are data
//! (`assets/topics.toml`, extended by the user's `topics.toml`); the
//! scorer is compiled once a run (`Settings`) and passed to whoever
//! scores or checks `topic:` names. Pure: rescoring the cache is the
//! store's (`Store::rescore_topics`).
//!
//! The stored score is normalised: raw score / the topic's threshold, so
//! an article belongs to a topic iff its stored score is at least
//! `MEMBER_SCORE` (the one place that number is written).

mod file;
mod scorer;
mod words;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use file::{TermDef, TopicDef, TopicSet};
pub use scorer::{MAX_BODY_BYTES, Scorer, TopicInfo};

use crate::config::ConfigError;

/// The commented default topics; also the documentation of the format.
pub const DEFAULT_TOPICS: &str = include_str!("../../assets/topics.toml");

/// How the embedded file is named in error messages.
const DEFAULT_NAME: &str = "(built-in) assets/topics.toml";

/// A stored score at or above this means "belongs to the topic".
pub const MEMBER_SCORE: f64 = 1.0;

impl TopicSet {
    /// The embedded topics.
    pub fn defaults() -> Result<TopicSet, ConfigError> {
        let mut set = TopicSet::empty();
        set.apply(Path::new(DEFAULT_NAME), DEFAULT_TOPICS)?;
        Ok(set)
    }

    /// The embedded topics with `<config_dir>/topics.toml` on top, when
    /// that file exists.
    pub fn load(config_dir: &Path) -> Result<TopicSet, ConfigError> {
        let mut set = TopicSet::defaults()?;
        let file = user_file(config_dir);
        if let Some(src) = crate::config::reader::read_optional(&file)? {
            set.apply(&file, &src)?;
        }
        Ok(set)
    }
}

/// The user's topics file.
pub fn user_file(config_dir: &Path) -> PathBuf {
    config_dir.join("topics.toml")
}

/// How much of a body's HTML is converted for scoring: enough for
/// `MAX_BODY_BYTES` of text.
pub const MAX_BODY_HTML_BYTES: usize = 4 * MAX_BODY_BYTES;

/// The text topics are scored on besides the title: the summary, then
/// the content, as plain text (each capped before conversion, so a huge
/// item costs no more than a normal one).
pub fn body_text(summary: Option<&str>, content: Option<&str>) -> String {
    use scorer::cut;
    let plain = |html: &str| crate::text::html_to_plain(cut(html, MAX_BODY_HTML_BYTES));
    let summary = summary.map(plain);
    // The content is not converted when the summary fills the budget.
    let content = match &summary {
        Some(s) if s.len() >= MAX_BODY_BYTES => None,
        _ => content.map(plain),
    };
    body_of_text(summary.as_deref(), content.as_deref())
}

/// `body_text` from the summary and content already as text (at ingest
/// the search index has converted them).
pub fn body_of_text(summary: Option<&str>, content: Option<&str>) -> String {
    use scorer::cut;
    let mut body = String::new();
    for text in [summary, content].into_iter().flatten() {
        if body.len() >= MAX_BODY_BYTES {
            break;
        }
        body.push_str(cut(text, MAX_BODY_BYTES - body.len()));
        body.push('\n');
    }
    body
}

/// The scorer of the embedded topics alone (tests, and runs without a
/// config directory).
pub fn builtin_scorer() -> Result<Scorer, ConfigError> {
    Ok(Scorer::new(&TopicSet::defaults()?))
}
