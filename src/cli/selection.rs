//! The CLI's filter flags (`--unread`, `--starred`, `--feed`, `--tag`,
//! `--since`) as terms of the query language, for every command that
//! selects articles: one filter language, whichever way it is written.

use super::CliError;
use crate::model::{FeedState, Timestamp};
use crate::query::{Flag, Term};
use crate::store::Store;

/// The filter flags a command was given, as written.
#[derive(Debug, Clone, Copy, Default)]
pub struct FlagFilter<'a> {
    pub unread: bool,
    pub starred: bool,
    /// A feed by id, URL or part of its title.
    pub feed: Option<&'a str>,
    pub tag: Option<&'a str>,
    /// 30m, 12h, 2d, 1w or a date.
    pub since: Option<&'a str>,
}

impl FlagFilter<'_> {
    /// The flags as query terms, to AND with the typed query. An unknown
    /// feed or a bad `--since` is a usage error.
    pub fn terms(&self, store: &Store, now: Timestamp) -> Result<Vec<Term>, CliError> {
        // A bad --since is reported before an unknown --feed.
        let since = match self.since {
            Some(text) => Some(
                crate::when::parse_point(text, now)
                    .map_err(|e| CliError::Usage(format!("--since: {e}")))?,
            ),
            None => None,
        };
        let mut terms = Vec::new();
        if self.unread {
            terms.push(Term::Is(Flag::Unread));
        }
        if self.starred {
            terms.push(Term::Is(Flag::Starred));
        }
        if let Some(which) = self.feed {
            terms.push(Term::FeedId(find_feed(store, which)?.id));
        }
        if let Some(tag) = self.tag {
            terms.push(Term::Tag(tag.to_owned()));
        }
        terms.extend(since.map(Term::Since));
        Ok(terms)
    }
}

/// A feed named by id, URL or part of its title.
pub fn find_feed(store: &Store, which: &str) -> Result<FeedState, CliError> {
    let feeds = store.feeds()?;
    if let Ok(id) = which.parse::<i64>()
        && let Some(f) = feeds.iter().find(|f| f.id == id)
    {
        return Ok(f.clone());
    }
    if let Some(f) = feeds.iter().find(|f| f.url == which) {
        return Ok(f.clone());
    }
    let needle = which.to_lowercase();
    let matches: Vec<&FeedState> = feeds
        .iter()
        .filter(|f| f.display_name().to_lowercase().contains(&needle))
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(CliError::Usage(format!(
            "no feed matches `{which}`; `sift feeds list` shows them"
        ))),
        many => Err(CliError::Usage(format!(
            "`{which}` matches {} feeds ({}); use an id",
            many.len(),
            many.iter()
                .map(|f| format!("{} = {}", f.id, f.display_name()))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
