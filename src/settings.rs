//! Front-end layer: everything the user configures, loaded and validated
//! once per run and then passed down as a value (no process-wide state).
//! The CLI builds one per command, the interface and the demo one per
//! session; the poll, the query parser and the writer get their parts
//! from it.
//!
//! feeds.toml is not held here: sift writes it itself (`feeds add`, a
//! moved feed) and another sift process may too, so it is read where it
//! is used. The keymap and theme are the interface's and loaded by it,
//! once, from `paths` and `config`.

use std::sync::{Arc, OnceLock};

use crate::clean::RuleSet;
use crate::config::{Config, ConfigError, Paths};
use crate::poller::{PlanError, PollPlan, PollRequest};
use crate::query::{Query, QueryError};
use crate::store::Store;
use crate::topics::{Scorer, TopicSet};

#[derive(Clone)]
pub struct Settings {
    pub paths: Paths,
    pub config: Config,
    /// The topics articles are scored for and `topic:` names are checked
    /// against: the built-in ones with the user's topics.toml on top.
    pub topics: Arc<Scorer>,
    /// Compiled the first time they are asked for: most commands never
    /// clean anything, and compiling them is most of a short run's time.
    rules: Arc<OnceLock<Arc<RuleSet>>>,
}

impl Settings {
    /// config.toml and topics.toml from `paths`, validated: a bad file is
    /// an error that names its line.
    pub fn load(paths: Paths) -> Result<Settings, ConfigError> {
        let config = Config::load(&paths)?;
        let topics = Scorer::new(&TopicSet::load(&paths.config_dir)?);
        Ok(Settings::new(paths, config, topics))
    }

    /// `load` without topics.toml, for work that scores and queries
    /// nothing (`sift extract`: loading topics was a third of its start).
    /// Its topic set is empty.
    pub fn load_without_topics(paths: Paths) -> Result<Settings, ConfigError> {
        let config = Config::load(&paths)?;
        Ok(Settings::new(
            paths,
            config,
            Scorer::new(&TopicSet::empty()),
        ))
    }

    fn new(paths: Paths, config: Config, topics: Scorer) -> Settings {
        Settings {
            paths,
            config,
            topics: Arc::new(topics),
            rules: Arc::new(OnceLock::new()),
        }
    }

    /// The noise rules: the built-in ones with the user's `rules/*.toml`
    /// on top, read and compiled once. `report` hears each user rule that
    /// was skipped, and only on the call that compiled them, so a bad file
    /// is said once a run however often the rules are used.
    pub fn rules(&self, report: impl FnOnce(&[String])) -> Arc<RuleSet> {
        let mut skipped = None;
        let rules = self.rules.get_or_init(|| {
            let (rules, errors) = RuleSet::with_user_rules(&self.paths.rules_dir());
            skipped = Some(errors.iter().map(ToString::to_string).collect::<Vec<_>>());
            Arc::new(rules)
        });
        if let Some(skipped) = skipped.filter(|s| !s.is_empty()) {
            report(&skipped);
        }
        Arc::clone(rules)
    }

    /// The names `topic:` accepts.
    pub fn topic_names(&self) -> Vec<String> {
        self.topics.names()
    }

    /// A filter-bar or `-q` query, its `topic:` names checked against
    /// these settings' topics.
    pub fn parse_query(
        &self,
        text: &str,
        now: crate::model::Timestamp,
    ) -> Result<Query, QueryError> {
        Query::parse_with_topics(text, now, Some(&self.topic_names()))
    }

    /// The poll `request` asks for over the feeds in `store`, with these
    /// settings' limits, rules and topics: the one way every front end
    /// plans a poll. Reads feeds.toml now (it may have changed since the
    /// run began). Skipped user rules are said to `report` the first time.
    /// With `[sync]` set, the feeds the sync server fetches are left out:
    /// polling them too would store each article twice (the server's
    /// guids are not the feed's).
    pub fn poll_plan(
        &self,
        store: &Store,
        request: &PollRequest,
        report: impl FnOnce(&[String]),
    ) -> Result<PollPlan, PlanError> {
        let feeds = crate::config::feeds::FeedsFile::load(&self.paths.feeds_file())?;
        let states = store.feeds()?;
        let plan = PollPlan::new(
            &self.config,
            feeds,
            &states,
            request,
            self.rules(report),
            Arc::clone(&self.topics),
            self.paths.database(),
        )?;
        if self.config.sync.is_none() {
            return Ok(plan);
        }
        Ok(plan.without_synced(&store.synced_feed_urls()?))
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("paths", &self.paths)
            .field("config", &self.config)
            .field("topics", &self.topic_names())
            .field("rules_loaded", &self.rules.get().is_some())
            .finish()
    }
}
