//! `sift --demo`: a bundled, offline data set, so a new user sees every
//! part of sift without a network or a subscription of their own.
//!
//! `prepare` writes the demo's feeds (invented stories, dates filled in
//! relative to now) into a fresh directory, subscribes to them as
//! `file://` URLs, runs a real poll over them with the library, and then
//! stores the bundled article pages as full text exactly as a poll's
//! full-text stage would have (main content extracted, noise marked).
//! Item links point at `.invalid` hosts and the demo's config turns
//! full-text fetching off: the demo never touches the network.

mod dates;

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};

use crate::clean::RuleSet;
use crate::config::Paths;
use crate::config::feeds::{FeedEntry, FeedsFile, FullText};
use crate::model::Timestamp;
use crate::poller::PollRequest;
use crate::query::Query;
use crate::settings::Settings;
use crate::store::{NoiseFilter, QueryOptions, Store};
use dates::DateStyle;

/// One bundled feed.
struct DemoFeed {
    /// Its file name, in `assets/demo/feeds/` and in the demo's `feeds/`.
    file: &'static str,
    title: &'static str,
    tags: &'static [&'static str],
    full_text: FullText,
    dates: DateStyle,
    text: &'static str,
}

/// One bundled article page: the whole page of the World-news item whose
/// link ends in `/<slug>`.
struct DemoPage {
    slug: &'static str,
    html: &'static str,
}

macro_rules! feed {
    ($file:literal, $title:literal, [$($tag:literal),*], $full_text:expr, $dates:expr) => {
        DemoFeed {
            file: $file,
            title: $title,
            tags: &[$($tag),*],
            full_text: $full_text,
            dates: $dates,
            text: include_str!(concat!("../assets/demo/feeds/", $file)),
        }
    };
}

macro_rules! page {
    ($slug:literal) => {
        DemoPage {
            slug: $slug,
            html: include_str!(concat!("../assets/demo/pages/", $slug, ".html")),
        }
    };
}

/// The feeds, in the order feeds.toml lists them. The World-news feed
/// carries one-line standfirsts (its pages are below); the others carry
/// their articles whole, so they never want a page fetched.
const FEEDS: &[DemoFeed] = &[
    feed!(
        "world-news.xml",
        "World news",
        ["world", "news"],
        FullText::Auto,
        DateStyle::Rfc2822
    ),
    feed!(
        "foreign-desk.xml",
        "Foreign desk",
        ["world"],
        FullText::Auto,
        DateStyle::Rfc2822
    ),
    feed!(
        "business.atom",
        "Business",
        ["business"],
        FullText::Never,
        DateStyle::Rfc3339
    ),
    feed!(
        "culture-sport.json",
        "Culture & sport",
        ["culture", "sport"],
        FullText::Never,
        DateStyle::Rfc3339
    ),
    feed!(
        "technology.atom",
        "Technology",
        ["tech"],
        FullText::Never,
        DateStyle::Rfc3339
    ),
];

/// Every real story of the World-news feed has its page.
const PAGES: &[DemoPage] = &[
    page!("tromso-arctic-rescue-pact"),
    page!("red-sea-shipping-truce"),
    page!("instant-opinion-treaties-tankers-nerve"),
    page!("eu-sanctions-tanker-insurers"),
    page!("african-union-peacekeeping-fund"),
    page!("iceland-snap-election-hung-parliament"),
    page!("mekong-water-treaty-explained"),
    page!("seoul-tokyo-shuttle-diplomacy"),
    page!("brazil-paraguay-ambassadors-itaipu"),
];

/// The demo's `config.toml`.
const CONFIG: &str = "\
# The sift demo. Its feeds are local files and its article pages come
# bundled with sift, so nothing here needs the network: fetching article
# pages is off, and every item links to an address that does not exist.
[poll]
full_text_fetches = 0
";

/// Builds the demo in `root`, which must not hold a demo already:
/// `root/feeds/` (the feeds, dates filled in), `root/config/` (feeds.toml,
/// config.toml) and `root/data/` (the cache, polled and with full text).
/// Returns the demo's settings (built once, here) to open sift with.
/// Blocks; it starts its own async runtime, so it must not be called from
/// inside one.
pub fn prepare(root: &Path) -> anyhow::Result<Settings> {
    if tokio::runtime::Handle::try_current().is_ok() {
        bail!("the demo runs its own poll; prepare it before starting an async runtime");
    }
    std::fs::create_dir_all(root)
        .with_context(|| format!("cannot create the demo directory {}", root.display()))?;
    // file:// URLs need an absolute path.
    let root = std::fs::canonicalize(root)
        .with_context(|| format!("cannot resolve the demo directory {}", root.display()))?;
    let paths = Paths {
        config_dir: root.join("config"),
        data_dir: root.join("data"),
    };
    for existing in [paths.feeds_file(), paths.database()] {
        if existing.exists() {
            bail!(
                "{} already exists; the demo needs an empty directory",
                existing.display()
            );
        }
    }
    for dir in [&paths.config_dir, &paths.data_dir] {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let now = chrono::Utc::now();
    let feeds = write_feeds(&root.join("feeds"), &paths, now)?;
    let config_file = paths.config_file();
    std::fs::write(&config_file, CONFIG)
        .with_context(|| format!("cannot write {}", config_file.display()))?;
    let settings = Settings::load(paths)?;
    let mut store = poll(&settings, &feeds)?;
    store_pages(&mut store, &settings.rules(|_| {}), now.timestamp())?;
    store
        .optimize()
        .context("cannot optimise the demo's cache")?;
    Ok(settings)
}

/// Writes each feed with its dates filled in, and feeds.toml subscribing
/// to them.
fn write_feeds(
    dir: &Path,
    paths: &Paths,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<FeedsFile> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut feeds = FeedsFile::load(&paths.feeds_file())?;
    for feed in FEEDS {
        let text = dates::fill(feed.text, now, feed.dates)
            .with_context(|| format!("assets/demo/feeds/{}", feed.file))?;
        let path: PathBuf = dir.join(feed.file);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        let url = url::Url::from_file_path(&path)
            .map_err(|()| anyhow!("{} cannot be written as a file:// URL", path.display()))?;
        feeds.add(FeedEntry {
            url: url.to_string(),
            title: Some(feed.title.to_owned()),
            tags: feed.tags.iter().map(|t| (*t).to_owned()).collect(),
            full_text: feed.full_text,
            refresh: None,
        })?;
    }
    feeds
        .save()
        .with_context(|| format!("cannot write {}", feeds.path().display()))?;
    Ok(feeds)
}

/// One poll of every feed, planned as every poll is, with page fetching
/// off whatever the config says (the demo's pages come bundled).
fn poll(settings: &Settings, feeds: &FeedsFile) -> anyhow::Result<Store> {
    let mut store = Store::open(&settings.paths.database())?;
    store.sync_subscriptions(&feeds.subscriptions())?;
    let request = PollRequest {
        force: true,
        no_full_text: true,
        ..PollRequest::default()
    };
    // The demo has no rules of its own: nothing is skipped.
    let plan = settings.poll_plan(&store, &request, |_| {})?;
    let outcome = plan
        .run(store, |_| {})
        .context("the demo's poll did not run")?;
    let failures = outcome.summary.failures();
    if !failures.is_empty() {
        bail!("the demo's poll failed: {}", failures.join("; "));
    }
    Ok(outcome.store)
}

/// Stores each bundled page as its article's full text: the main content
/// extracted with the built-in rules and sanitised, as the full-text stage
/// of a poll stores a fetched page.
fn store_pages(store: &mut Store, rules: &RuleSet, now: Timestamp) -> anyhow::Result<()> {
    let articles = store.query_articles(
        &Query::all(),
        &QueryOptions {
            noise: NoiseFilter::Include,
            ..Default::default()
        },
    )?;
    for page in PAGES {
        let suffix = format!("/{}", page.slug);
        let (id, link) = articles
            .iter()
            .find_map(|a| {
                let link = a.link.as_deref()?;
                link.ends_with(&suffix).then_some((a.id, link))
            })
            .with_context(|| {
                format!(
                    "assets/demo/pages/{}.html: no article links to it",
                    page.slug
                )
            })?;
        let article = crate::clean::extract_main(page.html, Some(link), rules)
            .filter(|a| !crate::text::html_to_plain(&a.html).is_empty())
            .with_context(|| {
                format!(
                    "assets/demo/pages/{}.html: no article found in the page",
                    page.slug
                )
            })?;
        let html = crate::text::sanitize_html(&article.html);
        let summary = store.article(id)?.and_then(|a| a.summary);
        let index =
            crate::ingest::index_text(summary.as_deref(), None, Some(&html), Some(link), rules);
        if !store.save_cleaned_full_text(id, &html, index, now)? {
            bail!("article #{id} ({link}) already had its full text settled");
        }
    }
    Ok(())
}
