//! Polling while the interface is open: a thread with its own runtime and
//! its own connection to the cache (SQLite in WAL mode lets both work at
//! once), planned as every poll is (`Settings::poll_plan`). Progress and
//! the outcome come back as messages; the interface never waits for it.

use std::sync::mpsc::Sender;

use super::app::Msg;
use crate::model::FeedId;
use crate::poller::{FeedChoice, PollEvent, PollRequest};
use crate::settings::Settings;
use crate::store::Store;

/// Starts a poll of every feed, or of one, in the background. Returns the
/// thread, which ends after it sent `Msg::PollFinished`.
pub fn start(
    settings: Settings,
    feed: Option<FeedId>,
    out: Sender<Msg>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        // `r` and auto-refresh sync first when [sync] is set; the poll
        // then leaves the server's feeds to it.
        let synced = (feed.is_none() && settings.config.sync.is_some())
            .then(|| crate::sync::sync_blocking(&settings.for_sync()));
        let mut finished = match poll(&settings, feed, &out) {
            Ok(msg) => msg,
            Err(e) => Msg::PollFinished {
                new: 0,
                failed: vec![e],
                notes: Vec::new(),
            },
        };
        if let (Some(synced), Msg::PollFinished { new, failed, .. }) = (synced, &mut finished) {
            match synced {
                Ok(report) => *new += report.articles_new as u64,
                Err(e) => failed.insert(0, format!("sync: {e}")),
            }
        }
        let _ = out.send(finished);
    })
}

fn poll(settings: &Settings, feed: Option<FeedId>, out: &Sender<Msg>) -> Result<Msg, String> {
    let store = Store::open(&settings.paths.database()).map_err(|e| e.to_string())?;
    let request = PollRequest {
        feeds: feed.map_or(FeedChoice::All, FeedChoice::One),
        // `R` on one feed means now, whatever its schedule says.
        force: feed.is_some(),
        ..PollRequest::default()
    };
    // The interface said skipped rules when it opened.
    let plan = settings
        .poll_plan(&store, &request, |_| {})
        .map_err(|e| e.to_string())?;
    if plan.is_empty() {
        return Ok(Msg::PollFinished {
            new: 0,
            failed: Vec::new(),
            notes: Vec::new(),
        });
    }
    let mut done = 0;
    let mut total = plan.targets.len();
    let on_event = |event: PollEvent<'_>| {
        match event {
            PollEvent::Feed(_) | PollEvent::Page(_) => done += 1,
            PollEvent::PagesQueued(pages) => total += pages,
        }
        let _ = out.send(Msg::PollProgress { done, total });
    };
    let outcome = plan.run(store, on_event).map_err(|e| e.to_string())?;
    let summary = &outcome.summary;
    let mut failed = summary.failures();
    let mut notes = Vec::new();
    match &summary.rescan {
        Some(Ok(report)) => notes.push(report.line()),
        Some(Err(e)) => failed.push(format!("rescan: {e}")),
        None => {}
    }
    for moved in &outcome.moves {
        match moved.followed {
            Ok(()) => notes.push(moved.line()),
            Err(_) => failed.push(moved.line()),
        }
    }
    Ok(Msg::PollFinished {
        new: summary.new_articles() as u64,
        failed,
        notes,
    })
}
