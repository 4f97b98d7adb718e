//! The interface's workers: one owns the database (queries, rows, writes),
//! one renders articles, so a slow query or a long article never holds up
//! a key press. They talk to the main loop in `Msg`s only.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};

use super::app::{Effect, FeedChange, Msg, Sort};
use super::{reader, save};
use crate::briefing::{self, BriefingOptions, Format};
use crate::clean::RuleSet;
use crate::model::{Article, ArticleId};
use crate::query::Query;
use crate::settings::Settings;
use crate::store::{NoiseFilter, Store, ViewOrder};
use crate::subscriptions;

/// A job for the render worker.
pub struct RenderJob {
    pub article: Box<Article>,
    pub width: u16,
    pub show_hidden: bool,
}

/// What the database worker needs to write briefings: the cleaning rules
/// (leads come from cleaned text) and the folder to write them to.
pub struct BriefingTarget {
    pub rules: Arc<RuleSet>,
    pub dir: PathBuf,
}

/// What the database worker works with besides the store.
pub struct WorkerEnv {
    pub briefing: BriefingTarget,
    /// The names `topic:` accepts.
    pub topics: Vec<String>,
    /// For the feed list: feeds.toml says which feeds are subscribed.
    pub settings: Settings,
}

/// Runs database effects until the channel closes. Of several queued
/// queries only the newest runs: typing fast costs one query, not one per
/// key.
pub fn database(
    mut store: Store,
    jobs: Receiver<Effect>,
    render: Sender<RenderJob>,
    out: Sender<Msg>,
    env: WorkerEnv,
) {
    let mut queue: VecDeque<Effect> = VecDeque::new();
    loop {
        if queue.is_empty() {
            match jobs.recv() {
                Ok(job) => queue.push_back(job),
                Err(_) => return,
            }
        }
        queue.extend(jobs.try_iter());
        let newest_query = queue
            .iter()
            .rposition(|e| matches!(e, Effect::Query { .. }));
        let Some(job) = queue.pop_front() else {
            continue;
        };
        if matches!(job, Effect::Query { .. }) && newest_query.is_some_and(|n| n > 0) {
            continue;
        }
        let reply = run(&mut store, job, &render, &env);
        if let Some(msg) = reply
            && out.send(msg).is_err()
        {
            return;
        }
    }
}

fn run(store: &mut Store, job: Effect, render: &Sender<RenderJob>, env: &WorkerEnv) -> Option<Msg> {
    let topics = &env.topics;
    let failed = |what: &str, e: &dyn std::fmt::Display| Some(Msg::Error(format!("{what}: {e}")));
    match job {
        Effect::Query {
            generation,
            text,
            noise,
            sort,
        } => {
            let now = chrono::Utc::now().timestamp();
            let query = match Query::parse_with_topics(&text, now, Some(topics)) {
                Ok(q) => q,
                Err(e) => {
                    return Some(Msg::QueryError {
                        generation,
                        message: format!("{} (at {})", e.message, e.span.start + 1),
                    });
                }
            };
            let filter = if noise {
                NoiseFilter::Include
            } else {
                NoiseFilter::Hide
            };
            let order = match sort {
                Sort::Newest => ViewOrder::Newest,
                Sort::Oldest => ViewOrder::Oldest,
                Sort::Feed => ViewOrder::Feed,
            };
            let result = (|| -> crate::store::Result<Msg> {
                let view = store.query_view(&query, filter, order)?;
                Ok(Msg::View {
                    generation,
                    ids: view.ids,
                    unread: view.unread,
                    noise: view.noise,
                    stories: view.stories,
                })
            })();
            match result {
                Ok(msg) => Some(msg),
                Err(e) => Some(Msg::QueryError {
                    generation,
                    message: e.to_string(),
                }),
            }
        }
        Effect::LoadRows(ids) => match store.summaries(&ids) {
            Ok(rows) => Some(Msg::Rows(rows)),
            Err(e) => failed("cannot read the list", &e),
        },
        Effect::Render {
            id,
            width,
            show_hidden,
        } => match store.article(id) {
            Ok(Some(article)) => {
                let _ = render.send(RenderJob {
                    article: Box::new(article),
                    width,
                    show_hidden,
                });
                None
            }
            Ok(None) => None,
            Err(e) => failed("cannot read the article", &e),
        },
        Effect::SetRead { ids, read } => match store.set_read(&ids, read) {
            Ok(_) => None,
            Err(e) => failed("cannot save", &e),
        },
        Effect::MarkAllRead(ids) => {
            // Only the unread ones change; they are what undo restores.
            let unread: Vec<_> = match store.summaries(&ids) {
                Ok(rows) => rows.into_iter().filter(|r| !r.read).map(|r| r.id).collect(),
                Err(e) => return failed("cannot read the list", &e),
            };
            match store.set_read(&unread, true) {
                Ok(_) => Some(Msg::MarkedRead(unread)),
                Err(e) => failed("cannot save", &e),
            }
        }
        Effect::SetStarred { id, starred } => match store.set_starred(&[id], starred) {
            Ok(_) => None,
            Err(e) => failed("cannot save", &e),
        },
        Effect::SetTags { id, tags } => match store.set_article_tags(id, &tags) {
            Ok(_) => None,
            Err(e) => failed("cannot save", &e),
        },
        Effect::ExportBriefing { query } => Some(export_briefing(store, &query, &env.briefing)),
        // One query per change: the feed list is loaded when it is
        // opened and after something changed it, never per frame.
        Effect::LoadFeeds => match subscriptions::listed(&env.settings, store) {
            Ok(feeds) => Some(Msg::Feeds(feeds)),
            Err(e) => failed("cannot read the feeds", &e),
        },
        Effect::ChangeFeeds(FeedChange::MarkRead { id }) => Some(Msg::FeedsChanged(
            match subscriptions::mark_read(store, id) {
                Ok(n) => Ok(format!("{n} article(s) marked read")),
                Err(e) => Err(format!("cannot mark the feed read: {e}")),
            },
        )),
        Effect::SaveArticle { id, path } => Some(save_article(store, id, path.as_deref(), env)),
        Effect::OpenUrl(_)
        | Effect::Copy(_)
        | Effect::Poll(_)
        | Effect::ChangeFeeds(_)
        | Effect::Quit => None,
    }
}

/// Writes the starred articles `query` selects as a Markdown briefing in
/// the target folder; says where, or why not.
fn export_briefing(store: &Store, query: &str, target: &BriefingTarget) -> Msg {
    let now = chrono::Utc::now().timestamp();
    let options = BriefingOptions {
        starred_only: true,
        since: None,
        query: (!query.trim().is_empty()).then(|| query.to_string()),
        now,
    };
    let briefing = match briefing::build_with_rules(store, &options, &target.rules) {
        Ok(b) => b,
        Err(e) => return Msg::Error(format!("briefing: {e}")),
    };
    if briefing.is_empty() {
        return Msg::Error(format!("briefing: {}", briefing.empty_message()));
    }
    let path = target.dir.join(briefing::file_name(now, Format::Markdown));
    let written = std::fs::create_dir_all(&target.dir).and_then(|()| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
        briefing::write(&briefing, Format::Markdown, &mut file)?;
        std::io::Write::flush(&mut file)
    });
    match written {
        Ok(()) => Msg::Notice(format!(
            "briefing of {} stories written to {}",
            briefing.story_count(),
            path.display()
        )),
        Err(e) => Msg::Error(format!("cannot write {}: {e}", path.display())),
    }
}

/// Writes article `id` as Markdown to `typed` (or the saved folder);
/// says where, or why not.
fn save_article(store: &Store, id: ArticleId, typed: Option<&str>, env: &WorkerEnv) -> Msg {
    let article = match store.article(id) {
        Ok(Some(article)) => article,
        Ok(None) => return Msg::Error("that article is gone from the cache".into()),
        Err(e) => return Msg::Error(format!("cannot read the article: {e}")),
    };
    let cleaned = crate::render::cleaned_body(&article, &env.briefing.rules);
    let text = crate::render::cleaned_to_text(&cleaned, 80);
    let path = save::target(typed, &env.settings.paths.saved_dir(), &article);
    match save::write_new(&path, &save::markdown(&article, &text)) {
        Ok(()) => Msg::Notice(format!("saved to {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Msg::Error(format!(
            "{} exists; not overwritten (give another path: :save PATH)",
            path.display()
        )),
        Err(e) => Msg::Error(format!("cannot write {}: {e}", path.display())),
    }
}

/// Runs a change of the subscriptions (feeds.toml and the cache), off
/// the input path: adding a feed fetches it to find out what it is.
pub fn change_feeds(settings: &Settings, change: FeedChange) -> Msg {
    let base = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let outcome = match change {
        FeedChange::Add { url } => subscriptions::add(settings, &url, &base, Vec::new(), None)
            .map(|added| format!("{}; r polls it", added.line())),
        FeedChange::Remove { url } => subscriptions::remove(settings, &url).map(|feed| {
            format!(
                "unsubscribed from {} ({} cached article(s) dropped)",
                crate::text::sanitize_line(feed.display_name()),
                feed.total
            )
        }),
        FeedChange::Edit { url, title, tags } => {
            subscriptions::edit(settings, &url, subscriptions::Edit { title, tags }).map(|feed| {
                let tags = if feed.tags.is_empty() {
                    "no tags".to_owned()
                } else {
                    format!("tags: {}", feed.tags.join(", "))
                };
                format!(
                    "feed saved: {} ({tags})",
                    crate::text::sanitize_line(feed.display_name())
                )
            })
        }
        FeedChange::Import { path } => {
            let path = match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
                (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
                _ => base.join(&path),
            };
            subscriptions::import(settings, &path, false).map(|report| {
                let mut line = report.line();
                if let Some(first) = report.notes.first() {
                    line.push_str(&format!(" · {first}"));
                }
                line
            })
        }
        FeedChange::MarkRead { id } => Store::open(&settings.paths.database())
            .map_err(subscriptions::ChangeError::from)
            .and_then(|mut store| subscriptions::mark_read(&mut store, id))
            .map(|n| format!("{n} article(s) marked read")),
    };
    Msg::FeedsChanged(outcome.map_err(|e| e.to_string()))
}

/// Renders articles until the channel closes. Only the newest job for
/// the same article and width is rendered.
pub fn renderer(rules: Arc<RuleSet>, jobs: Receiver<RenderJob>, out: Sender<Msg>) {
    while let Ok(first) = jobs.recv() {
        let mut job = first;
        // Skip renders overtaken by a newer one (fast scrolling).
        for next in jobs.try_iter() {
            job = next;
        }
        let cleaned = crate::render::cleaned_body(&job.article, &rules);
        let doc = reader::build(&job.article, &cleaned, job.width, job.show_hidden);
        if out.send(Msg::Doc(Box::new(doc))).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NewArticle, ParsedFeed, Subscription};
    use crate::store::IngestMeta;

    fn store_with_two_articles() -> Store {
        let mut store = Store::open_in_memory().expect("store");
        let sub = Subscription {
            url: "https://world.example/feed".into(),
            title: Some("World desk".into()),
            tags: vec![],
        };
        store
            .sync_subscriptions(std::slice::from_ref(&sub))
            .expect("sync");
        let feed = store
            .feed_by_url(&sub.url)
            .expect("query")
            .expect("feed")
            .id;
        let now = chrono::Utc::now().timestamp();
        let item = |guid: &str, title: &str, body: &str| NewArticle {
            enclosures: Vec::new(),
            guid: guid.into(),
            link: Some(format!("https://world.example/{guid}")),
            title: title.into(),
            author: None,
            published: Some(now - 3600),
            updated: None,
            summary: Some(format!("<p>{body}</p>")),
            content: None,
        };
        let parsed = ParsedFeed {
            items: vec![
                item(
                    "a",
                    "Envoys agree a ceasefire",
                    "Envoys agreed a ceasefire on Tuesday. Talks resume next week. Monitors arrive soon.",
                ),
                item("b", "Cup final tonight", "The final is at eight."),
            ],
            ..ParsedFeed::default()
        };
        let meta = IngestMeta {
            now,
            ..IngestMeta::default()
        };
        let stats = store.ingest(feed, &parsed, &meta).expect("ingest");
        store.set_starred(&stats.touched[..1], true).expect("star");
        store
    }

    #[test]
    fn the_briefing_key_writes_the_starred_articles_of_the_view() {
        let store = store_with_two_articles();
        let dir = tempfile::tempdir().expect("tempdir");
        let target = BriefingTarget {
            rules: Arc::new(RuleSet::builtin()),
            dir: dir.path().join("briefings"),
        };
        let Msg::Notice(notice) = export_briefing(&store, "", &target) else {
            panic!("no notice");
        };
        assert!(notice.contains("1 stories written to"), "{notice}");
        let files: Vec<_> = std::fs::read_dir(&target.dir)
            .expect("dir")
            .map(|e| e.expect("entry").path())
            .collect();
        assert_eq!(files.len(), 1);
        let text = std::fs::read_to_string(&files[0]).expect("read");
        assert!(text.contains("Envoys agree a ceasefire"), "{text}");
        assert!(text.contains("Talks resume next week"), "{text}");
        assert!(!text.contains("Cup final"), "not starred: {text}");
        // The view's filter narrows it; nothing left is said plainly.
        let Msg::Error(error) = export_briefing(&store, "cup", &target) else {
            panic!("an empty briefing is not written");
        };
        assert!(error.starts_with("briefing: "), "{error}");
        let Msg::Error(error) = export_briefing(&store, "fed:x", &target) else {
            panic!("a bad filter is an error");
        };
        assert!(error.contains("fed"), "{error}");
    }

    fn settings_in(dir: &std::path::Path) -> Settings {
        Settings::load(crate::config::Paths {
            config_dir: dir.join("config"),
            data_dir: dir.join("data"),
        })
        .expect("settings")
    }

    fn said(msg: Msg) -> Result<String, String> {
        match msg {
            Msg::FeedsChanged(outcome) => outcome,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn feed_changes_from_the_interface_are_written_to_feeds_toml_and_the_cache() {
        let dir = tempfile::tempdir().expect("tempdir");
        let settings = settings_in(dir.path());
        let feed = dir.path().join("local.xml");
        std::fs::write(
            &feed,
            "<rss version=\"2.0\"><channel><title>Local</title><item><guid>1</guid><title>One</title></item></channel></rss>",
        )
        .unwrap();
        let url = format!("file://{}", feed.display());
        let added = said(change_feeds(
            &settings,
            FeedChange::Add { url: url.clone() },
        ))
        .unwrap();
        assert!(added.starts_with("subscribed to file://"), "{added}");
        let again = said(change_feeds(
            &settings,
            FeedChange::Add { url: url.clone() },
        ));
        assert!(again.unwrap_err().contains("already subscribed"));
        let edited = said(change_feeds(
            &settings,
            FeedChange::Edit {
                url: url.clone(),
                title: Some("Home desk".into()),
                tags: Some(vec!["home".into()]),
            },
        ))
        .unwrap();
        assert_eq!(edited, "feed saved: Home desk (tags: home)");
        let toml = std::fs::read_to_string(settings.paths.feeds_file()).unwrap();
        assert!(
            toml.contains("title = \"Home desk\"\ntags = [\"home\"]"),
            "{toml}"
        );
        let mut store = Store::open(&settings.paths.database()).unwrap();
        let listed = subscriptions::listed(&settings, &mut store).unwrap();
        assert_eq!(listed[0].display_name(), "Home desk");
        // An imported list: local files in it are refused, the rest added.
        let urls = dir.path().join("urls");
        std::fs::write(&urls, "https://a.test/feed \"world\"\nfile:///etc/passwd\n").unwrap();
        let imported = said(change_feeds(
            &settings,
            FeedChange::Import {
                path: urls.display().to_string(),
            },
        ))
        .unwrap();
        assert!(
            imported.starts_with("imported 1 feed(s); 0 already subscribed, 1 refused · "),
            "{imported}"
        );
        let removed = said(change_feeds(&settings, FeedChange::Remove { url })).unwrap();
        assert_eq!(
            removed,
            "unsubscribed from Home desk (0 cached article(s) dropped)"
        );
        let toml = std::fs::read_to_string(settings.paths.feeds_file()).unwrap();
        assert!(
            !toml.contains("local.xml") && toml.contains("a.test"),
            "{toml}"
        );
    }

    #[test]
    fn an_article_is_saved_as_markdown_once_and_never_overwritten() {
        let store = store_with_two_articles();
        let dir = tempfile::tempdir().expect("tempdir");
        let env = WorkerEnv {
            briefing: BriefingTarget {
                rules: Arc::new(RuleSet::builtin()),
                dir: dir.path().join("briefings"),
            },
            topics: Vec::new(),
            settings: settings_in(dir.path()),
        };
        let id = store
            .query_view(
                &Query::parse("ceasefire", 0).unwrap(),
                NoiseFilter::Hide,
                ViewOrder::Newest,
            )
            .unwrap()
            .ids[0];
        let target = dir.path().join("one.md");
        let typed = target.display().to_string();
        let Msg::Notice(notice) = save_article(&store, id, Some(&typed), &env) else {
            panic!("not saved")
        };
        assert_eq!(notice, format!("saved to {typed}"));
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text.starts_with("# Envoys agree a ceasefire\n"), "{text}");
        assert!(text.contains("- Source: World desk"), "{text}");
        assert!(text.contains("- Link: <https://world.example/a>"), "{text}");
        assert!(text.contains("Talks resume next week"), "{text}");
        let Msg::Error(error) = save_article(&store, id, Some(&typed), &env) else {
            panic!("overwritten")
        };
        assert!(error.contains("exists; not overwritten"), "{error}");
        // No path: a file named after it in the saved folder.
        let Msg::Notice(notice) = save_article(&store, id, None, &env) else {
            panic!("not saved")
        };
        assert!(notice.contains("/data/saved/"), "{notice}");
        assert!(notice.ends_with("-envoys-agree-a-ceasefire.md"), "{notice}");
    }
}
