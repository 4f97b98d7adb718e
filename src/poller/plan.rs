//! Network shell: one poll, planned and run the same way for every front
//! end (`sift poll`, the interface's `r`/`R`, the demo). The plan holds
//! the targets, the options, the fetch limits and feeds.toml; running it
//! starts the runtime, polls, and follows permanent moves in feeds.toml
//! and the cache (`moves`), so no front end can forget a step.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use super::moves::{self, MovedFeed};
use super::{PollEvent, PollOptions, PollSummary, PollTarget};
use crate::clean::RuleSet;
use crate::config::feeds::FeedsFile;
use crate::config::{Config, ConfigError};
use crate::fetch::StartingFetcher;
use crate::model::{FeedId, FeedState};
use crate::store::{Store, StoreError};
use crate::topics::Scorer;

/// Which subscriptions a poll covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum FeedChoice {
    #[default]
    All,
    One(FeedId),
    /// Those with this tag (case-insensitive); none is an error.
    Tagged(String),
}

/// What a front end asks of a poll on top of the config.
#[derive(Debug, Clone, Default)]
pub struct PollRequest {
    pub feeds: FeedChoice,
    /// Poll now, whatever schedules and backoff say.
    pub force: bool,
    /// Overrides of the config's `jobs` and `per_host`.
    pub jobs: Option<usize>,
    pub per_host: Option<usize>,
    /// Fetch no article pages this time (they stay queued).
    pub no_full_text: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cache: {0}")]
    Store(#[from] StoreError),
    #[error("no feed has the tag `{0}`")]
    NoFeedTagged(String),
    #[error("{0}")]
    Failed(String),
}

/// A poll ready to run.
pub struct PollPlan {
    pub targets: Vec<PollTarget>,
    /// Chosen feeds left out because the sync server fetches them (their
    /// articles come with `sift sync`, under the server's ids).
    pub left_to_sync: usize,
    pub options: PollOptions,
    fetcher: StartingFetcher,
    /// feeds.toml as read for the plan; moves are written to it.
    feeds: FeedsFile,
    database: PathBuf,
}

/// What a plan is made with besides the config and the feeds: the
/// settings' compiled parts, where the cache is, and the HTTP client,
/// which starts building first (`Fetcher::start`).
pub struct PlanParts {
    pub rules: Arc<RuleSet>,
    pub topics: Arc<Scorer>,
    pub database: PathBuf,
    pub fetcher: StartingFetcher,
}

/// What a poll did.
pub struct PollOutcome {
    pub store: Store,
    pub summary: PollSummary,
    /// The permanent moves followed (or not) after the poll.
    pub moves: Vec<MovedFeed>,
}

impl PollPlan {
    /// The targets are the feeds in both the cache (`states`) and
    /// feeds.toml, narrowed by `request.feeds`, each with its own
    /// `refresh` and `full_text` from feeds.toml.
    pub fn new(
        config: &Config,
        feeds: FeedsFile,
        states: &[FeedState],
        request: &PollRequest,
        parts: PlanParts,
    ) -> Result<PollPlan, PlanError> {
        let PlanParts {
            rules,
            topics,
            database,
            fetcher,
        } = parts;
        let chosen = |s: &&FeedState| match &request.feeds {
            FeedChoice::All => true,
            FeedChoice::One(id) => s.id == *id,
            FeedChoice::Tagged(tag) => s.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)),
        };
        let picked: Vec<&FeedState> = states.iter().filter(chosen).collect();
        if let FeedChoice::Tagged(tag) = &request.feeds
            && picked.is_empty()
        {
            return Err(PlanError::NoFeedTagged(tag.clone()));
        }
        let targets = picked
            .into_iter()
            .filter_map(|s| {
                let entry = feeds.find(&s.url)?;
                let refresh = entry.refresh.map(|d| d.as_secs() as i64);
                Some(PollTarget::from_state(s, refresh).with_full_text(entry.full_text))
            })
            .collect();
        let poll = &config.poll;
        let options = PollOptions {
            jobs: request.jobs.unwrap_or(poll.jobs),
            per_host: request.per_host.unwrap_or(poll.per_host),
            force: request.force,
            keep_days: config.cache.keep_days,
            keep_per_feed: config.cache.keep_per_feed,
            rules,
            topics,
            full_text_fetches: if request.no_full_text {
                0
            } else {
                poll.full_text_fetches
            },
        };
        Ok(PollPlan {
            targets,
            left_to_sync: 0,
            options,
            fetcher,
            feeds,
            database,
        })
    }

    /// The plan less the feeds whose URLs are in `synced`.
    pub fn without_synced(mut self, synced: &HashSet<String>) -> PollPlan {
        let before = self.targets.len();
        self.targets.retain(|t| !synced.contains(&t.url));
        self.left_to_sync += before - self.targets.len();
        self
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Runs the poll into `store` on a runtime of its own (so it blocks,
    /// and must not be called from inside one), then follows permanent
    /// moves. `on_event` sees each feed and page as it finishes.
    pub fn run(
        self,
        store: Store,
        on_event: impl FnMut(PollEvent<'_>),
    ) -> Result<PollOutcome, PlanError> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(PlanError::Failed(
                "a poll runs its own runtime; start it outside an async one".into(),
            ));
        }
        let fetcher = self
            .fetcher
            .wait()
            .map_err(|e| PlanError::Failed(e.to_string()))?;
        let _large_buffers = super::memory::LargeBuffersApart::during_poll();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .max_blocking_threads(super::parser_threads())
            .enable_all()
            .build()
            .map_err(|e| PlanError::Failed(format!("cannot start the runtime: {e}")))?;
        let (store, summary) = runtime.block_on(super::poll_with_events(
            store,
            &fetcher,
            self.targets,
            &self.options,
            on_event,
        ));
        // Let connections close quietly instead of blocking on them.
        runtime.shutdown_background();
        let mut store = match store {
            Some(store) => store,
            None => Store::open(&self.database)?,
        };
        let mut feeds = self.feeds;
        let moves = moves::follow(&mut feeds, &mut store, &summary.reports)?;
        Ok(PollOutcome {
            store,
            summary,
            moves,
        })
    }
}
