//! Subscriptions: `feeds add|remove|list`, `import`, `export --opml`.
//! feeds.toml is the list; the store keeps each feed's poll state.

use std::process::ExitCode;

use serde::Serialize;

use super::args::{EditTags, FeedsCommand, ImportArgs};
use super::output::{note, say};
use super::table::{age, fit};
use super::{CliError, CliResult, Context};
use crate::config::feed_url;
use crate::config::feeds::{FeedEntry, FeedsFile};
use crate::fetch::discover;
use crate::import::opml;
use crate::model::FeedState;
use crate::subscriptions;

pub fn run(ctx: &Context, command: FeedsCommand) -> CliResult {
    match command {
        FeedsCommand::Add { url, tags, title } => add(ctx, &url, tags, title),
        FeedsCommand::Remove { feed } => remove(ctx, &feed),
        FeedsCommand::Edit { feed, title, tags } => edit(ctx, &feed, title, tags),
        FeedsCommand::List { json } => list(ctx, json),
    }
}

fn cwd() -> std::path::PathBuf {
    std::env::current_dir().unwrap_or_else(|_| ".".into())
}

fn add(ctx: &Context, url: &str, tags: Vec<String>, title: Option<String>) -> CliResult {
    let given = feed_url::normalize(url, &cwd()).map_err(|e| CliError::Usage(e.to_string()))?;
    if let Some(refused) = subscriptions::local_file_refusal(&given) {
        return Err(CliError::Usage(refused));
    }
    let mut feeds = ctx.feeds_file()?;
    // A duplicate is reported by `add` below, without a fetch.
    let found = match feeds.find(&given) {
        Some(_) => None,
        None => {
            let (found, note) = subscriptions::find_feed(&ctx.settings, &given)?;
            if let Some(note) = note {
                note!("note: {note}");
            }
            found
        }
    };
    let url = found.as_ref().map_or(given, |d| d.url.clone());
    let tags = subscriptions::clean_tags(tags);
    let title = title
        .map(|t| crate::text::sanitize_line(&t))
        .filter(|t| !t.is_empty());
    if let Err(duplicate) = feeds.add(FeedEntry {
        url: url.clone(),
        title,
        tags,
        ..Default::default()
    }) {
        note!("{duplicate}; nothing changed");
        return Ok(ExitCode::SUCCESS);
    }
    save(&feeds)?;
    let store = ctx.open_store(&feeds)?;
    let id = store.feed_by_url(&url)?.map(|f| f.id);
    let shown = crate::text::sanitize_url(&url);
    match (id, &found) {
        (Some(id), Some(d)) => say!(
            "found the feed at {shown} ({}); subscribed (id {id}); `sift poll` fetches it",
            match d.via {
                discover::Via::Link => "the page links it",
                discover::Via::CommonPath => "a common feed path",
            }
        )?,
        (None, Some(_)) => say!("found the feed at {shown}; subscribed")?,
        (Some(id), None) => say!("subscribed to {url} (id {id}); `sift poll` fetches it")?,
        (None, None) => say!("subscribed to {url}")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `sift feeds edit URL|ID --title … --tag …`: the same edit the
/// interface's feed list makes. `--title ""` gives the feed its own title
/// back; `--no-tags` removes every tag.
fn edit(ctx: &Context, which: &str, title: Option<String>, tags: EditTags) -> CliResult {
    if title.is_none() && tags.tags.is_empty() && !tags.no_tags {
        return Err(CliError::Usage(
            "nothing to change: give --title, --tag or --no-tags".into(),
        ));
    }
    let feed = subscriptions::resolve(&ctx.settings, which, &cwd())?;
    let tags = (!tags.tags.is_empty() || tags.no_tags).then_some(tags.tags);
    let feed = subscriptions::edit(
        &ctx.settings,
        &feed.url,
        subscriptions::Edit { title, tags },
    )?;
    let tags = if feed.tags.is_empty() {
        "no tags".to_owned()
    } else {
        format!("tags: {}", feed.tags.join(", "))
    };
    say!(
        "feed {}: {} ({tags})",
        feed.id,
        crate::text::sanitize_line(feed.display_name())
    )?;
    Ok(ExitCode::SUCCESS)
}

fn save(feeds: &FeedsFile) -> Result<(), CliError> {
    feeds
        .save()
        .map_err(|e| CliError::Failed(format!("cannot write {}: {e}", feeds.path().display())))
}

/// Finds a subscribed feed by id or URL.
pub(super) fn resolve_feed(
    ctx: &Context,
    feeds: &FeedsFile,
    which: &str,
) -> Result<FeedState, CliError> {
    let store = ctx.open_store(feeds)?;
    let found = match which.trim().parse::<i64>() {
        Ok(id) => store.feed_by_id(id)?,
        Err(_) => {
            let url =
                feed_url::normalize(which, &cwd()).unwrap_or_else(|_| which.trim().to_owned());
            store.feed_by_url(&url)?
        }
    };
    found.ok_or_else(|| {
        CliError::Usage(format!(
            "no feed `{which}`; `sift feeds list` shows ids and URLs"
        ))
    })
}

fn remove(ctx: &Context, which: &str) -> CliResult {
    let mut feeds = ctx.feeds_file()?;
    let feed = resolve_feed(ctx, &feeds, which)?;
    if feeds.remove(&feed.url) {
        save(&feeds)?;
    }
    let mut store = ctx.open_store(&feeds)?;
    store.remove_feed(feed.id)?;
    say!(
        "unsubscribed from {} ({} cached article(s) dropped)",
        feed.url,
        feed.total
    )?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct FeedJson<'a> {
    #[serde(flatten)]
    state: &'a FeedState,
    status: String,
}

fn list(ctx: &Context, json: bool) -> CliResult {
    let feeds = ctx.feeds_file()?;
    let store = ctx.open_store(&feeds)?;
    let states: Vec<FeedState> = store
        .feeds()?
        .into_iter()
        .filter(|s| feeds.find(&s.url).is_some())
        .collect();
    let now = crate::poller::now();
    if json {
        let rows: Vec<FeedJson> = states
            .iter()
            .map(|s| FeedJson {
                state: s,
                status: status(s, now),
            })
            .collect();
        super::misc::print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    if states.is_empty() {
        say!("no subscriptions yet; add one with `sift feeds add URL` or `sift import FILE`")?;
        return Ok(ExitCode::SUCCESS);
    }
    say!(
        "{:>4}  {:>6}  {:>6}  {}  {}  STATUS",
        "ID",
        "UNREAD",
        "TOTAL",
        fit("LAST POLL", 9),
        fit("TITLE", 30)
    )?;
    for s in &states {
        let polled = s
            .last_polled_at
            .map_or("never".to_owned(), |t| format!("{} ago", age(t, now)));
        let mut name = s.display_name().to_owned();
        if !s.tags.is_empty() {
            name.push_str(&format!(" [{}]", s.tags.join(", ")));
        }
        say!(
            "{:>4}  {:>6}  {:>6}  {}  {}  {}",
            s.id,
            s.unread,
            s.total,
            fit(&polled, 9),
            fit(&name, 30),
            status(s, now)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One phrase for a feed's health: ok, repaired, failing with backoff.
fn status(s: &FeedState, now: i64) -> String {
    let mut out = match (&s.last_error, s.error_count) {
        (Some(error), n) if n > 0 => {
            let mut text = format!("failed {n}x: {error}");
            if let Some(next) = s.next_poll_at.filter(|&t| t > now) {
                text.push_str(&format!(" (backing off, next try in {})", age(now, next)));
            }
            text
        }
        _ if s.last_polled_at.is_none() => "not polled yet".to_owned(),
        _ => "ok".to_owned(),
    };
    if let Some(note) = &s.repair_note {
        out.push_str(&format!("; repaired: {note}"));
    }
    out
}

pub fn import(ctx: &Context, args: &ImportArgs) -> CliResult {
    let report = subscriptions::import(&ctx.settings, &args.file, args.allow_local)?;
    for line in &report.notes {
        note!("{line}");
    }
    say!("{}", report.line())?;
    Ok(if report.refused > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn export_opml(ctx: &Context) -> CliResult {
    let feeds = ctx.feeds_file()?;
    let store = ctx.open_store(&feeds)?;
    let states = store.feeds()?;
    let titles: Vec<String> = feeds
        .entries()
        .iter()
        .map(|e| {
            e.title
                .clone()
                .or_else(|| {
                    states
                        .iter()
                        .find(|s| s.url == e.url)
                        .and_then(|s| s.title.clone())
                })
                .unwrap_or_else(|| e.url.clone())
        })
        .collect();
    let export: Vec<opml::ExportFeed> = feeds
        .entries()
        .iter()
        .zip(&titles)
        .map(|(e, title)| opml::ExportFeed {
            url: &e.url,
            title,
            tags: &e.tags,
        })
        .collect();
    super::misc::print_text(opml::write(&export).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
