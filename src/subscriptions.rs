//! Changing the subscriptions, the same way from the CLI and from the
//! interface: every change is written to feeds.toml (comments and order
//! kept, see `config::feeds`) and to the cache at once. Front-end layer:
//! it uses the settings, the store, and the fetcher for discovery.

use std::path::Path;

use crate::config::feed_url;
use crate::config::feeds::{FeedEntry, FeedsFile};
use crate::fetch::{FetchSettings, Fetcher, Validators, discover};
use crate::model::{FeedId, FeedState};
use crate::query::Query;
use crate::settings::Settings;
use crate::store::{NoiseFilter, Store};

/// Why a change was not made: the user's input (exit 2 in the CLI) or
/// something that failed (exit 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Failed(String),
}

impl From<crate::config::ConfigError> for ChangeError {
    fn from(e: crate::config::ConfigError) -> Self {
        ChangeError::Usage(e.to_string())
    }
}

impl From<crate::store::StoreError> for ChangeError {
    fn from(e: crate::store::StoreError) -> Self {
        ChangeError::Failed(e.to_string())
    }
}

type Result<T> = std::result::Result<T, ChangeError>;

/// feeds.toml as it is now.
pub fn feeds_file(settings: &Settings) -> Result<FeedsFile> {
    Ok(FeedsFile::load(&settings.paths.feeds_file())?)
}

/// Writes feeds.toml; a failed write is an error naming the file.
pub fn save(feeds: &FeedsFile) -> Result<()> {
    feeds
        .save()
        .map_err(|e| ChangeError::Failed(format!("cannot write {}: {e}", feeds.path().display())))
}

/// The subscribed feeds with their counts and poll state, the cache
/// brought in line with feeds.toml first.
pub fn listed(settings: &Settings, store: &mut Store) -> Result<Vec<FeedState>> {
    let feeds = feeds_file(settings)?;
    store.sync_subscriptions(&feeds.subscriptions())?;
    Ok(store
        .feeds()?
        .into_iter()
        .filter(|s| feeds.find(&s.url).is_some())
        .collect())
}

/// A subscription made by `add`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    pub url: String,
    pub id: Option<FeedId>,
    /// How a web page led to the feed, when it did.
    pub found: Option<discover::Via>,
    /// Something worth a word (the URL could not be checked).
    pub note: Option<String>,
}

impl Added {
    /// One line for the user.
    pub fn line(&self) -> String {
        let shown = crate::text::sanitize_url(&self.url);
        let mut out = match (self.id, self.found) {
            (Some(id), Some(via)) => format!(
                "found the feed at {shown} ({}); subscribed (id {id})",
                match via {
                    discover::Via::Link => "the page links it",
                    discover::Via::CommonPath => "a common feed path",
                }
            ),
            (None, Some(_)) => format!("found the feed at {shown}; subscribed"),
            (Some(id), None) => format!("subscribed to {shown} (id {id})"),
            (None, None) => format!("subscribed to {shown}"),
        };
        if let Some(note) = &self.note {
            out.push_str(&format!(" ({note})"));
        }
        out
    }
}

/// Subscribes to `text` (a feed URL, a web page that links one, or a
/// local path relative to `base`), with discovery as `sift feeds add`
/// does it. A URL already subscribed is a usage error.
pub fn add(
    settings: &Settings,
    text: &str,
    base: &Path,
    tags: Vec<String>,
    title: Option<String>,
) -> Result<Added> {
    let given = feed_url::normalize(text, base).map_err(|e| ChangeError::Usage(e.to_string()))?;
    if let Some(refused) = local_file_refusal(&given) {
        return Err(ChangeError::Usage(refused));
    }
    let mut feeds = feeds_file(settings)?;
    if let Some(existing) = feeds.find(&given) {
        return Err(ChangeError::Usage(format!(
            "already subscribed to {}",
            existing.url
        )));
    }
    let (found, note) = find_feed(settings, &given)?;
    let url = found.as_ref().map_or(given, |d| d.url.clone());
    let title = title
        .map(|t| crate::text::sanitize_line(&t))
        .filter(|t| !t.is_empty());
    feeds
        .add(FeedEntry {
            url: url.clone(),
            title,
            tags: clean_tags(tags),
            ..Default::default()
        })
        .map_err(|duplicate| ChangeError::Usage(duplicate.to_string()))?;
    save(&feeds)?;
    let store = open_store(settings, &feeds)?;
    let id = store.feed_by_url(&url)?.map(|f| f.id);
    Ok(Added {
        url,
        id,
        found: found.map(|d| d.via),
        note,
    })
}

/// Fetches `url` once to see what it is. A feed, or anything that is not
/// a web page, is subscribed as given (the poll reports what is wrong
/// with it), and so is a URL that cannot be fetched now (with a note). A
/// web page is replaced by the feed it leads to; a page that leads to
/// none is an error, before anything is written.
pub fn find_feed(
    settings: &Settings,
    url: &str,
) -> Result<(Option<discover::Discovered>, Option<String>)> {
    let poll = &settings.config.poll;
    let fetcher =
        Fetcher::new(FetchSettings::of(poll)).map_err(|e| ChangeError::Failed(e.to_string()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ChangeError::Failed(format!("cannot start the runtime: {e}")))?;
    let now = crate::poller::now();
    let outcome = runtime.block_on(async {
        let fetched = match fetcher.fetch(url, &Validators::default(), now).await {
            Ok(fetched) => fetched,
            Err(e) => {
                return Ok((
                    None,
                    Some(format!(
                        "could not fetch {} to check it ({e}); subscribed as given",
                        crate::text::sanitize_url(url)
                    )),
                ));
            }
        };
        let body = fetched.body.unwrap_or_default();
        let web_page = matches!(
            crate::feed::parse_feed(&body, Some(&fetched.final_url)),
            Err(crate::feed::FeedError::WebPage)
        );
        if !web_page {
            return Ok((None, None));
        }
        let Ok(html) = crate::fetch::page::html_text(Some("text/html"), &body) else {
            return Ok((None, None));
        };
        discover::discover(&fetcher, &html, &fetched.final_url, now)
            .await
            .map(|d| (Some(d), None))
    });
    runtime.shutdown_background();
    outcome.map_err(|e| ChangeError::Failed(e.to_string()))
}

/// Unsubscribes from the feed at `url` and drops its cached articles.
pub fn remove(settings: &Settings, url: &str) -> Result<FeedState> {
    let mut feeds = feeds_file(settings)?;
    let mut store = open_store(settings, &feeds)?;
    let feed = store
        .feed_by_url(url)?
        .ok_or_else(|| ChangeError::Usage(format!("no feed {url}")))?;
    if feeds.remove(&feed.url) {
        save(&feeds)?;
    }
    store.remove_feed(feed.id)?;
    Ok(feed)
}

/// Finds a subscribed feed by id or URL.
pub fn resolve(settings: &Settings, which: &str, base: &Path) -> Result<FeedState> {
    let feeds = feeds_file(settings)?;
    let store = open_store(settings, &feeds)?;
    let found = match which.trim().parse::<i64>() {
        Ok(id) => store.feed_by_id(id)?,
        Err(_) => {
            let url = feed_url::normalize(which, base).unwrap_or_else(|_| which.trim().to_owned());
            store.feed_by_url(&url)?
        }
    };
    found
        .filter(|f| feeds.find(&f.url).is_some())
        .ok_or_else(|| {
            ChangeError::Usage(format!(
                "no feed `{which}`; `sift feeds list` shows ids and URLs"
            ))
        })
}

/// A change of a feed's title and tags. `title: Some("")` removes the
/// title the user gave (the feed's own shows again); `None` keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edit {
    pub title: Option<String>,
    pub tags: Option<Vec<String>>,
}

/// Changes the title and tags of the feed at `url` in feeds.toml and the
/// cache; returns the feed as it is now.
pub fn edit(settings: &Settings, url: &str, change: Edit) -> Result<FeedState> {
    let mut feeds = feeds_file(settings)?;
    if feeds.find(url).is_none() {
        return Err(ChangeError::Usage(format!("no feed {url} in feeds.toml")));
    }
    if let Some(title) = change.title {
        let title = crate::text::sanitize_line(&title);
        let title = title.trim();
        feeds.set_title(url, (!title.is_empty()).then_some(title));
    }
    if let Some(tags) = change.tags {
        feeds.set_tags(url, &clean_tags(tags));
    }
    save(&feeds)?;
    let store = open_store(settings, &feeds)?;
    let mut feed = store
        .feed_by_url(url)?
        .ok_or_else(|| ChangeError::Failed(format!("{url} is not in the cache")))?;
    // The tags in the order the user keeps them.
    if let Some(entry) = feeds.find(url) {
        feed.tags = entry.tags.clone();
    }
    Ok(feed)
}

/// Marks every article of feed `id` read; returns how many changed.
pub fn mark_read(store: &mut Store, id: FeedId) -> Result<usize> {
    let query = Query::parse(&format!("feed:#{id}"), crate::poller::now())
        .map_err(|e| ChangeError::Failed(e.message))?;
    Ok(store.set_read_matching(&query, NoiseFilter::Include, true)?)
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub duplicates: usize,
    pub refused: usize,
    /// One line per entry not added: `file:line: why`.
    pub notes: Vec<String>,
}

impl Imported {
    pub fn line(&self) -> String {
        format!(
            "imported {} feed(s); {} already subscribed, {} refused",
            self.added, self.duplicates, self.refused
        )
    }
}

/// Subscribes to the feeds of an OPML or newsboat `urls` file. Local
/// files in a list from elsewhere are refused unless `allow_local`.
pub fn import(settings: &Settings, file: &Path, allow_local: bool) -> Result<Imported> {
    let bytes = std::fs::read(file)
        .map_err(|e| ChangeError::Usage(format!("cannot read {}: {e}", file.display())))?;
    let found = crate::import::parse(&bytes)
        .map_err(|e| ChangeError::Usage(format!("{}: {e}", file.display())))?;
    let base = file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| ".".into());
    let mut feeds = feeds_file(settings)?;
    let mut report = Imported::default();
    for entry in found {
        let at = format!("{}:{}", file.display(), entry.line);
        let url = match feed_url::normalize(&entry.url, &base) {
            Ok(url) => url,
            Err(e) => {
                report.notes.push(format!("{at}: {e}"));
                report.refused += 1;
                continue;
            }
        };
        let refusal = if url.starts_with("file:") && !allow_local {
            Some(format!(
                "refused `{url}`: a local file in an imported list; \
                 `sift import --allow-local` accepts them"
            ))
        } else {
            local_file_refusal(&url)
        };
        if let Some(refusal) = refusal {
            report.notes.push(format!("{at}: {refusal}"));
            report.refused += 1;
            continue;
        }
        let new = FeedEntry {
            url,
            title: entry.title,
            tags: entry.tags,
            ..Default::default()
        };
        match feeds.add(new) {
            Ok(()) => report.added += 1,
            Err(duplicate) => {
                report.notes.push(format!("{at}: {duplicate}"));
                report.duplicates += 1;
            }
        }
    }
    if report.added > 0 {
        save(&feeds)?;
        open_store(settings, &feeds)?;
    }
    Ok(report)
}

/// Opens the cache and brings its feed list in line with `feeds`.
pub fn open_store(settings: &Settings, feeds: &FeedsFile) -> Result<Store> {
    let mut store = Store::open(&settings.paths.database())?;
    store.sync_subscriptions(&feeds.subscriptions())?;
    Ok(store)
}

/// Tags as feeds.toml keeps them: sanitised, no duplicates.
pub fn clean_tags(tags: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for tag in tags {
        crate::import::push_tag(&mut out, tag.trim());
    }
    out
}

/// Why a `file://` URL cannot be subscribed: it names a named pipe, a
/// device or a directory (reading those hangs or never ends).
pub fn local_file_refusal(url: &str) -> Option<String> {
    let path = url::Url::parse(url).ok()?.to_file_path().ok()?;
    crate::fetch::local_file_refusal(&path).map(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Paths;

    fn settings(dir: &Path) -> Settings {
        let paths = Paths {
            config_dir: dir.join("config"),
            data_dir: dir.join("data"),
        };
        Settings::load(paths).expect("settings")
    }

    #[test]
    fn edit_changes_title_and_tags_in_the_file_and_the_cache_and_keeps_comments() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(
            settings.paths.feeds_file(),
            "# my feeds\n\n# the world desk\n[[feed]]\nurl = \"https://a.test/feed\" # keep me\ntitle = \"Old\"\n",
        )
        .unwrap();
        let feed = edit(
            &settings,
            "https://a.test/feed",
            Edit {
                title: Some("World desk".into()),
                tags: Some(vec!["World".into(), "news".into(), "world".into()]),
            },
        )
        .unwrap();
        assert_eq!(feed.title.as_deref(), Some("World desk"));
        assert_eq!(feed.tags, vec!["World".to_string(), "news".to_string()]);
        let text = std::fs::read_to_string(settings.paths.feeds_file()).unwrap();
        assert!(
            text.contains("# the world desk") && text.contains("# keep me"),
            "{text}"
        );
        assert!(text.contains("title = \"World desk\""), "{text}");
        assert!(text.contains("tags = [\"World\", \"news\"]"), "{text}");
        // An empty title gives the feed its own name back; tags untouched.
        edit(
            &settings,
            "https://a.test/feed",
            Edit {
                title: Some(" ".into()),
                tags: None,
            },
        )
        .unwrap();
        let again = FeedsFile::load(&settings.paths.feeds_file()).unwrap();
        assert_eq!(again.entries()[0].title, None);
        assert_eq!(again.entries()[0].tags, vec!["World", "news"]);
        let e = edit(&settings, "https://nope.test/", Edit::default()).unwrap_err();
        assert!(matches!(e, ChangeError::Usage(_)), "{e}");
    }

    #[test]
    fn a_local_feed_is_added_removed_and_read_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        let feed = dir.path().join("feed.xml");
        std::fs::write(
            &feed,
            "<rss version=\"2.0\"><channel><title>Local</title><item><guid>1</guid><title>One</title></item></channel></rss>",
        )
        .unwrap();
        let added = add(
            &settings,
            feed.to_str().unwrap(),
            dir.path(),
            vec!["here".into()],
            None,
        )
        .unwrap();
        assert!(added.url.starts_with("file://"), "{added:?}");
        assert!(
            added.line().starts_with("subscribed to file://"),
            "{}",
            added.line()
        );
        let again = add(&settings, feed.to_str().unwrap(), dir.path(), vec![], None).unwrap_err();
        assert!(again.to_string().contains("already subscribed"), "{again}");
        let mut store = Store::open(&settings.paths.database()).unwrap();
        let feeds = listed(&settings, &mut store).unwrap();
        assert_eq!(feeds.len(), 1);
        assert_eq!(feeds[0].tags, vec!["here".to_string()]);
        let gone = remove(&settings, &added.url).unwrap();
        assert_eq!(gone.url, added.url);
        assert!(listed(&settings, &mut store).unwrap().is_empty());
        let text = std::fs::read_to_string(settings.paths.feeds_file()).unwrap();
        assert!(!text.contains("feed.xml"), "{text}");
    }
}
