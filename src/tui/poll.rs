//! Polling while the interface is open: a thread with its own runtime and
//! its own connection to the cache (SQLite in WAL mode lets both work at
//! once). Progress and the outcome come back as messages; the interface
//! never waits for it.

use std::sync::Arc;
use std::sync::mpsc::Sender;

use super::app::Msg;
use crate::clean::RuleSet;
use crate::config::feeds::FeedsFile;
use crate::config::{Config, Paths};
use crate::fetch::{FetchSettings, Fetcher};
use crate::model::FeedId;
use crate::poller::{self, PollEvent, PollOptions, PollTarget};
use crate::store::Store;

/// Starts a poll of every feed, or of one, in the background.
pub fn start(
    paths: Paths,
    config: Config,
    rules: Arc<RuleSet>,
    feed: Option<FeedId>,
    out: Sender<Msg>,
) {
    std::thread::spawn(move || {
        let finished = match poll(&paths, &config, rules, feed, &out) {
            Ok(msg) => msg,
            Err(e) => Msg::PollFinished {
                new: 0,
                failed: vec![e],
                rescan: None,
            },
        };
        let _ = out.send(finished);
    });
}

fn poll(
    paths: &Paths,
    config: &Config,
    rules: Arc<RuleSet>,
    feed: Option<FeedId>,
    out: &Sender<Msg>,
) -> Result<Msg, String> {
    let feeds = FeedsFile::load(&paths.feeds_file()).map_err(|e| e.to_string())?;
    let store = Store::open(&paths.database()).map_err(|e| e.to_string())?;
    let states = store.feeds().map_err(|e| e.to_string())?;
    let targets: Vec<PollTarget> = states
        .iter()
        .filter(|s| feed.is_none_or(|id| s.id == id))
        .filter_map(|s| {
            let entry = feeds.find(&s.url)?;
            let target = PollTarget::from_state(s, entry.refresh.map(|d| d.as_secs() as i64));
            Some(target.with_full_text(entry.full_text))
        })
        .collect();
    let total = targets.len();
    if total == 0 {
        return Ok(Msg::PollFinished {
            new: 0,
            failed: Vec::new(),
            rescan: None,
        });
    }
    let poll = &config.poll;
    let options = PollOptions {
        jobs: poll.jobs,
        per_host: poll.per_host,
        // `R` on one feed means now, whatever its schedule says.
        force: feed.is_some(),
        keep_days: config.cache.keep_days,
        keep_per_feed: config.cache.keep_per_feed,
        rules,
        full_text_fetches: poll.full_text_fetches,
    };
    let fetcher = Fetcher::new(FetchSettings {
        connect_timeout: poll.connect_timeout,
        timeout: poll.timeout,
        max_bytes: poll.max_response_bytes,
    })
    .map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let mut done = 0;
    let mut total = total;
    let on_event = |event: PollEvent<'_>| {
        match event {
            PollEvent::Feed(_) | PollEvent::Page(_) => done += 1,
            PollEvent::PagesQueued(pages) => total += pages,
        }
        let _ = out.send(Msg::PollProgress { done, total });
    };
    let (_store, summary) = runtime.block_on(poller::poll_with_events(
        store, &fetcher, targets, &options, on_event,
    ));
    runtime.shutdown_background();
    let mut failed = summary.failures();
    let rescan = match &summary.rescan {
        Some(Ok(report)) => Some(report.line()),
        Some(Err(e)) => {
            failed.push(format!("rescan: {e}"));
            None
        }
        None => None,
    };
    Ok(Msg::PollFinished {
        new: summary.new_articles() as u64,
        failed,
        rescan,
    })
}
