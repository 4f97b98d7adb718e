//! Front-end layer: everything the user configures, loaded and validated
//! once per run and then passed down as a value (no process-wide state).
//! The CLI builds one per command, the interface and the demo one per
//! session; the poll, the query parser and the writer get their parts
//! from it.
//!
//! feeds.toml is not held here: sift writes it itself (`feeds add`, a
//! moved feed) and another sift process may too, so it is read where it
//! is used. The interface's keymap and theme are settings too
//! (`interface`): read and checked once, the first time they are asked
//! for (no CLI command draws anything).

pub mod keymap;
pub mod theme;

use std::sync::{Arc, OnceLock};

use keymap::Keymap;
use theme::Theme;

use crate::clean::RuleSet;
use crate::config::{Config, ConfigError, Paths};
use crate::fetch::{FetchSettings, Fetcher};
use crate::poller::{PlanError, PlanParts, PollPlan, PollRequest};
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
    interface: Arc<OnceLock<Arc<Interface>>>,
    /// A topics.toml the interface could not read (see
    /// `load_for_interface`): said in its message line until dismissed.
    topics_problem: Option<String>,
}

/// The interface's keys and styles: the defaults with the user's
/// `keymap.toml` and `[theme]` on top.
#[derive(Debug)]
pub struct Interface {
    pub keymap: Keymap,
    pub theme: Theme,
    /// What was skipped, each naming its file (and line) or its entry.
    pub errors: Vec<String>,
}

impl Settings {
    /// config.toml and topics.toml from `paths`, validated: a bad file is
    /// an error that names its line.
    pub fn load(paths: Paths) -> Result<Settings, ConfigError> {
        let config = Config::load(&paths)?;
        let topics = Scorer::new(&TopicSet::load(&paths.config_dir)?);
        Ok(Settings::new(paths, config, topics))
    }

    /// `load` for the interface: a bad topics.toml does not keep it from
    /// opening. The built-in topics are used and the problem, with its
    /// file and line, is one of `interface().errors`, shown until
    /// dismissed. A bad config.toml is still an error.
    pub fn load_for_interface(paths: Paths) -> Result<Settings, ConfigError> {
        let config = Config::load(&paths)?;
        let (topics, problem) = match TopicSet::load(&paths.config_dir) {
            Ok(set) => (set, None),
            Err(e) => (
                TopicSet::defaults()?,
                Some(format!(
                    "{}; the built-in topics are used until it is fixed",
                    crate::text::sanitize_line(&e.to_string())
                )),
            ),
        };
        let mut settings = Settings::new(paths, config, Scorer::new(&topics));
        settings.topics_problem = problem;
        Ok(settings)
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
            interface: Arc::new(OnceLock::new()),
            topics_problem: None,
        }
    }

    /// The noise rules: the built-in ones with the user's `rules/*.toml`
    /// on top, read and compiled once. `report` hears each user rule that
    /// was skipped, and only on the call that compiled them, so a bad file
    /// is said once a run however often the rules are used.
    /// The parts of the settings a sync reads; the rules are compiled
    /// when the sync first asks for them.
    pub fn for_sync(&self) -> crate::sync::SyncSettings<'_> {
        crate::sync::SyncSettings::new(&self.config, &self.paths, Arc::clone(&self.topics), || {
            self.rules(|_| {})
        })
    }

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

    /// The keymap (`keymap.toml` in the config dir on the defaults) and
    /// the theme (`[theme]` in config.toml; no colour with `NO_COLOR` or
    /// `[ui] color = false`), read and checked once.
    pub fn interface(&self) -> Arc<Interface> {
        let loaded = self.interface.get_or_init(|| {
            let file = self.paths.config_dir.join("keymap.toml");
            let (keymap, key_errors) = Keymap::with_user_file(&file);
            let ui = &self.config.ui;
            let colour = Theme::use_colour(ui.color);
            let (theme, theme_errors) = Theme::from_env(ui.color).with_overrides(&ui.theme, colour);
            let errors = key_errors
                .iter()
                .map(|e| format!("key skipped: {e}"))
                .chain(theme_errors)
                .chain(self.topics_problem.clone())
                .collect();
            Arc::new(Interface {
                keymap,
                theme,
                errors,
            })
        });
        Arc::clone(loaded)
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
        // The client builds while the feeds are read and the rules compile.
        let fetcher = Fetcher::start(FetchSettings::of(&self.config.poll));
        let feeds = crate::config::feeds::FeedsFile::load(&self.paths.feeds_file())?;
        let states = store.feeds()?;
        let parts = PlanParts {
            rules: self.rules(report),
            topics: Arc::clone(&self.topics),
            database: self.paths.database(),
            fetcher,
        };
        let plan = PollPlan::new(&self.config, feeds, &states, request, parts)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_topics_file_opens_the_interface_with_the_problem_in_its_messages() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(
            config.join("topics.toml"),
            "title_weight = 2.0\n[topics.x\n",
        )
        .unwrap();
        let paths = || Paths {
            config_dir: config.clone(),
            data_dir: dir.path().join("data"),
        };
        let strict = Settings::load(paths()).unwrap_err().to_string();
        assert!(strict.contains("topics.toml"), "{strict}");
        let settings = Settings::load_for_interface(paths()).unwrap();
        let builtin = crate::topics::builtin_scorer().unwrap().names();
        assert_eq!(settings.topic_names(), builtin);
        let errors = &settings.interface().errors;
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("topics.toml:2"), "{errors:?}");
        assert!(errors[0].contains("built-in topics are used"), "{errors:?}");
    }

    #[test]
    fn keys_and_styles_are_read_once_and_say_what_was_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("keymap.toml"), "[list]\n\"z\" = \"explode\"\n").unwrap();
        std::fs::write(config.join("config.toml"), "[theme]\nunred = \"bold\"\n").unwrap();
        let settings = Settings::load(Paths {
            config_dir: config,
            data_dir: dir.path().join("data"),
        })
        .unwrap();
        let first = settings.interface();
        assert!(Arc::ptr_eq(&first, &settings.clone().interface()), "once");
        assert_eq!(first.errors.len(), 2, "{:?}", first.errors);
        assert!(
            first.errors[0].contains("keymap.toml:2: unknown action `explode`"),
            "{:?}",
            first.errors
        );
        assert!(
            first.errors[1].contains("no style called `unred`"),
            "{:?}",
            first.errors
        );
        assert_eq!(
            first
                .keymap
                .action(keymap::Place::List, keymap::Key::parse("j").unwrap()),
            Some(keymap::Action::Down)
        );
    }
}
