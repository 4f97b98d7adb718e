//! `sift mark`: set read, unread, starred or unstarred on articles named by
//! id, or on every article a query selects (`--query`, `--feed`, `--tag`),
//! for scripts and cron.

use std::process::ExitCode;

use super::args::MarkArgs;
use super::output::say;
use super::selection::FlagFilter;
use super::{CliError, CliResult, Context};
use crate::model::ArticleId;
use crate::query::Query;
use crate::store::{NoiseFilter, UserFlag};

/// Ids marked per transaction: a long list does not hold the write lock
/// (and the interface) for its whole length.
const MARK_BATCH: usize = 1000;

/// The one change asked for (clap lets exactly one through).
#[derive(Debug, Clone, Copy)]
struct Change {
    flag: UserFlag,
    value: bool,
    word: &'static str,
}

impl Change {
    fn of(args: &MarkArgs) -> Change {
        let (flag, value, word) = match (args.read, args.unread, args.star) {
            (true, _, _) => (UserFlag::Read, true, "read"),
            (_, true, _) => (UserFlag::Read, false, "unread"),
            (_, _, true) => (UserFlag::Starred, true, "starred"),
            _ => (UserFlag::Starred, false, "unstarred"),
        };
        Change { flag, value, word }
    }
}

pub fn mark(ctx: &Context, args: &MarkArgs) -> CliResult {
    let change = Change::of(args);
    if args.ids.is_empty() {
        mark_matching(ctx, args, change)
    } else {
        mark_ids(ctx, &args.ids, change)
    }
}

/// Marks every id, in batches, or refuses before marking any when one
/// names no article.
fn mark_ids(ctx: &Context, ids: &[ArticleId], change: Change) -> CliResult {
    let feeds = ctx.feeds_file()?;
    let mut store = ctx.open_store(&feeds)?;
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let unknown = store.missing_articles(&ids)?;
    if !unknown.is_empty() {
        return Err(CliError::Usage(format!(
            "no article {}; nothing was marked (`sift list` shows ids)",
            id_list(&unknown)
        )));
    }
    for batch in ids.chunks(MARK_BATCH) {
        match change.flag {
            UserFlag::Read => store.set_read(batch, change.value)?,
            UserFlag::Starred => store.set_starred(batch, change.value)?,
        };
    }
    say!("marked {} article(s) {}", ids.len(), change.word)?;
    Ok(ExitCode::SUCCESS)
}

/// Marks what `sift list` with the same query and flags lists (noise
/// items only when the query says `is:noise`), and says how many changed.
fn mark_matching(ctx: &Context, args: &MarkArgs, change: Change) -> CliResult {
    let now = crate::poller::now();
    // A bad query is a usage error, found before the cache is opened.
    let typed = match &args.query {
        // `-q "$Q"` with an empty $Q in a script would mark everything.
        Some(text) if text.trim().is_empty() => {
            return Err(CliError::Usage(
                "--query is empty: it would select every article; to mark them all, \
                 say which, e.g. --query is:unread"
                    .into(),
            ));
        }
        Some(text) => super::parse_query(ctx, text, now)?,
        None => Query::all(),
    };
    let feeds = ctx.feeds_file()?;
    let mut store = ctx.open_store(&feeds)?;
    let flags = FlagFilter {
        feed: args.feed.as_deref(),
        tag: args.tag.as_deref(),
        ..FlagFilter::default()
    }
    .terms(&store, now)?;
    let query = flags.into_iter().fold(typed, Query::and);
    let outcome = store.set_flag_matching(&query, NoiseFilter::Hide, change.flag, change.value)?;
    let already = outcome.matched.saturating_sub(outcome.changed);
    let tail = match (outcome.matched, already) {
        (0, _) => " (nothing matched)".to_string(),
        (_, 0) => String::new(),
        (m, a) => format!(" ({m} matched; {a} already were)"),
    };
    say!(
        "marked {} article(s) {}{tail}",
        outcome.changed,
        change.word
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `#4, #9, #12` and, past ten, how many more.
fn id_list(ids: &[ArticleId]) -> String {
    const SHOWN: usize = 10;
    let mut text: Vec<String> = ids.iter().take(SHOWN).map(|i| format!("#{i}")).collect();
    if ids.len() > SHOWN {
        text.push(format!("and {} more", ids.len() - SHOWN));
    }
    text.join(", ")
}
