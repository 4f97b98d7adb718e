//! Subscriptions: `feeds add|remove|list`, `import`, `export --opml`.
//! feeds.toml is the list; the store keeps each feed's poll state.

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::args::{FeedsCommand, ImportArgs};
use super::output::{note, say};
use super::table::{age, fit};
use super::{CliError, CliResult, Context};
use crate::config::feed_url;
use crate::config::feeds::{FeedEntry, FeedsFile};
use crate::fetch::{FetchSettings, Fetcher, Validators, discover};
use crate::import::{self, opml};
use crate::model::FeedState;

pub fn run(ctx: &Context, command: FeedsCommand) -> CliResult {
    match command {
        FeedsCommand::Add { url, tags, title } => add(ctx, &url, tags, title),
        FeedsCommand::Remove { feed } => remove(ctx, &feed),
        FeedsCommand::List { json } => list(ctx, json),
    }
}

fn cwd() -> std::path::PathBuf {
    std::env::current_dir().unwrap_or_else(|_| ".".into())
}

fn add(ctx: &Context, url: &str, tags: Vec<String>, title: Option<String>) -> CliResult {
    let given = feed_url::normalize(url, &cwd()).map_err(|e| CliError::Usage(e.to_string()))?;
    if let Some(refused) = local_file_refusal(&given) {
        return Err(CliError::Usage(refused));
    }
    let mut feeds = ctx.feeds_file()?;
    // A duplicate is reported by `add` below, without a fetch.
    let found = match feeds.find(&given) {
        Some(_) => None,
        None => find_feed(ctx, &given)?,
    };
    let url = found.as_ref().map_or(given, |d| d.url.clone());
    let tags = clean_tags(tags);
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

/// Fetches `url` once to see what it is. A feed, or anything that is not a
/// web page, is subscribed as given (the poll reports what is wrong with
/// it), and so is a URL that cannot be fetched now. A web page is replaced
/// by the feed it leads to (`Some`); a page that leads to none is an error,
/// before anything is written.
fn find_feed(ctx: &Context, url: &str) -> Result<Option<discover::Discovered>, CliError> {
    let poll = &ctx.settings.config.poll;
    let fetcher = Fetcher::new(FetchSettings {
        connect_timeout: poll.connect_timeout,
        timeout: poll.timeout,
        max_bytes: poll.max_response_bytes,
    })
    .map_err(|e| CliError::Failed(e.to_string()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Failed(format!("cannot start the runtime: {e}")))?;
    let now = crate::poller::now();
    let outcome = runtime.block_on(async {
        let fetched = match fetcher.fetch(url, &Validators::default(), now).await {
            Ok(fetched) => fetched,
            Err(e) => {
                note!(
                    "note: could not fetch {} to check it ({e}); subscribed as given",
                    crate::text::sanitize_url(url)
                );
                return Ok(None);
            }
        };
        let body = fetched.body.unwrap_or_default();
        let web_page = matches!(
            crate::feed::parse_feed(&body, Some(&fetched.final_url)),
            Err(crate::feed::FeedError::WebPage)
        );
        if !web_page {
            return Ok(None);
        }
        let Ok(html) = crate::fetch::page::html_text(Some("text/html"), &body) else {
            return Ok(None);
        };
        discover::discover(&fetcher, &html, &fetched.final_url, now)
            .await
            .map(Some)
    });
    runtime.shutdown_background();
    outcome.map_err(|e| CliError::Failed(e.to_string()))
}

fn clean_tags(tags: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for tag in tags {
        import::push_tag(&mut out, &tag);
    }
    out
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

/// Why a `file://` URL cannot be subscribed: it names a named pipe, a
/// device or a directory (reading those hangs or never ends).
fn local_file_refusal(url: &str) -> Option<String> {
    let path = url::Url::parse(url).ok()?.to_file_path().ok()?;
    crate::fetch::local_file_refusal(&path).map(|e| e.to_string())
}

pub fn import(ctx: &Context, args: &ImportArgs) -> CliResult {
    let file = args.file.as_path();
    let bytes = std::fs::read(file)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
    let found =
        import::parse(&bytes).map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
    let base = file.parent().map(Path::to_path_buf).unwrap_or_else(cwd);
    let mut feeds = ctx.feeds_file()?;
    let (mut added, mut duplicates, mut refused) = (0, 0, 0);
    for entry in found {
        let url = match feed_url::normalize(&entry.url, &base) {
            Ok(url) => url,
            Err(e) => {
                note!("{}:{}: {e}", file.display(), entry.line);
                refused += 1;
                continue;
            }
        };
        let local = url.starts_with("file:");
        let refusal = if local && !args.allow_local {
            Some(format!(
                "refused `{url}`: a local file in an imported list; \
                 `sift import --allow-local` accepts them"
            ))
        } else {
            local_file_refusal(&url)
        };
        if let Some(refusal) = refusal {
            note!("{}:{}: {refusal}", file.display(), entry.line);
            refused += 1;
            continue;
        }
        let new = FeedEntry {
            url,
            title: entry.title,
            tags: entry.tags,
            ..Default::default()
        };
        match feeds.add(new) {
            Ok(()) => added += 1,
            Err(duplicate) => {
                note!("{}:{}: {duplicate}", file.display(), entry.line);
                duplicates += 1;
            }
        }
    }
    if added > 0 {
        save(&feeds)?;
        ctx.open_store(&feeds)?;
    }
    say!("imported {added} feed(s); {duplicates} already subscribed, {refused} refused")?;
    Ok(if refused > 0 {
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
