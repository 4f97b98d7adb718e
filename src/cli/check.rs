//! `sift config --check`: every file the user writes, read by the loader
//! sift itself uses, and each problem said with its file and line. It needs
//! no valid config to run: a broken config.toml is one of its findings.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::output::{note, say};
use super::{CliError, CliResult};
use crate::config::reader::{line_of, parse_document, read_optional};
use crate::config::{Config, ConfigError, Paths, feeds::FeedsFile};
use crate::topics::TopicSet;

/// One thing wrong in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based; 0 when the loader knows no line (a file that cannot be read).
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file.display(), self.message),
            line => write!(f, "{}:{line}: {}", self.file.display(), self.message),
        }
    }
}

impl From<ConfigError> for Problem {
    fn from(e: ConfigError) -> Problem {
        Problem {
            file: e.file,
            line: e.line,
            message: e.message,
        }
    }
}

/// What a check found: the files that exist (with a note such as "2
/// feeds") and the problems in them.
#[derive(Debug, Default)]
pub struct Findings {
    pub files: Vec<(PathBuf, String)>,
    pub problems: Vec<Problem>,
}

impl Findings {
    fn checked(&mut self, file: &Path, note: impl Into<String>) {
        self.files.push((file.to_path_buf(), note.into()));
    }
}

/// Checks every user file under `paths.config_dir`.
pub fn check(paths: &Paths) -> Findings {
    let mut found = Findings::default();
    let topics = check_topics(paths, &mut found);
    check_config(paths, &topics, &mut found);
    check_feeds(paths, &mut found);
    check_keymap(paths, &mut found);
    check_rules(paths, &mut found);
    found.files.sort();
    found
        .problems
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    found
}

/// `sift config --check`: problems on standard error and exit 2, or a
/// one-line summary.
pub fn run(paths: &Paths) -> CliResult {
    let found = check(paths);
    if found.problems.is_empty() {
        say!("{}", summary(&paths.config_dir, &found.files))?;
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &found.problems {
        // A loader's message of several lines (a regex's caret) stays
        // under its problem: every problem starts a line with `sift:`.
        note!(
            "sift: {}",
            problem.to_string().trim_end().replace('\n', "\n  ")
        );
    }
    let bad_files = {
        let mut files: Vec<&PathBuf> = found.problems.iter().map(|p| &p.file).collect();
        files.sort();
        files.dedup();
        files.len()
    };
    Err(CliError::Usage(format!(
        "{} in {bad_files} of {} in {}",
        crate::text::counted(found.problems.len(), "problem"),
        crate::text::counted(found.files.len().max(bad_files), "file"),
        paths.config_dir.display()
    )))
}

/// `all 3 files fine in DIR: config.toml, feeds.toml (2 feeds), rules/mine.toml`.
fn summary(dir: &Path, files: &[(PathBuf, String)]) -> String {
    if files.is_empty() {
        return format!(
            "no files in {} yet: sift runs on its defaults",
            dir.display()
        );
    }
    let names: Vec<String> = files
        .iter()
        .map(|(file, note)| {
            let name = file.strip_prefix(dir).unwrap_or(file).display().to_string();
            if note.is_empty() {
                name
            } else {
                format!("{name} ({note})")
            }
        })
        .collect();
    let all = match files.len() {
        1 => "the one file is fine".to_string(),
        n => format!("all {n} files fine"),
    };
    format!("{all} in {}: {}", dir.display(), names.join(", "))
}

/// Reads `file` when it exists, recording it; a read error is a problem.
fn read_user_file(file: &Path, found: &mut Findings) -> Option<String> {
    match read_optional(file) {
        Ok(Some(text)) => Some(text),
        Ok(None) => None,
        Err(e) => {
            found.checked(file, "");
            found.problems.push(e.into());
            None
        }
    }
}

/// topics.toml; the topics it defines (the built-in ones when it is bad),
/// for checking the `topic:` names of saved views.
fn check_topics(paths: &Paths, found: &mut Findings) -> Vec<String> {
    let file = crate::topics::user_file(&paths.config_dir);
    let mut topics = TopicSet::defaults().unwrap_or_else(|_| TopicSet::empty());
    if let Some(text) = read_user_file(&file, found) {
        let mut mine = topics.clone();
        match mine.apply(&file, &text) {
            Ok(()) => {
                found.checked(
                    &file,
                    format!(
                        "{} in all",
                        crate::text::counted(mine.topics.len(), "topic")
                    ),
                );
                topics = mine;
            }
            Err(e) => {
                found.checked(&file, "");
                found.problems.push(e.into());
            }
        }
    }
    topics.names().into_iter().map(str::to_owned).collect()
}

/// config.toml as sift reads it, then what only the interface reads from
/// it: each `[theme]` style and each saved view's query.
fn check_config(paths: &Paths, topics: &[String], found: &mut Findings) {
    let file = paths.config_file();
    let Some(text) = read_user_file(&file, found) else {
        return;
    };
    found.checked(&file, "");
    let problems = Config::default().apply_checked(&file, &text);
    found
        .problems
        .extend(problems.into_iter().map(Problem::from));
    // Broken TOML is said above; each view and style is checked otherwise.
    let Ok(doc) = parse_document(&file, &text) else {
        return;
    };
    let now = crate::poller::now();
    for (key, value, line) in string_entries(&doc, &text, "views") {
        if let Err(e) = crate::query::Query::parse_with_topics(&value, now, Some(topics)) {
            found.problems.push(Problem {
                file: file.clone(),
                line,
                message: format!("view `{key}`: bad query `{value}`: {}", e.message),
            });
        }
    }
    for (key, value, line) in string_entries(&doc, &text, "theme") {
        for message in theme_errors(&key, &value) {
            found.problems.push(Problem {
                file: file.clone(),
                line,
                message,
            });
        }
    }
}

/// The string entries of `[section]` with the line of each key.
fn string_entries(
    doc: &toml_edit::Document<String>,
    text: &str,
    section: &str,
) -> Vec<(String, String, usize)> {
    let Some(table) = doc.get(section).and_then(|t| t.as_table()) else {
        return Vec::new();
    };
    table
        .iter()
        .filter_map(|(key, item)| {
            let value = item.as_str()?.to_owned();
            let line = table
                .key(key)
                .and_then(|k| k.span())
                .map_or(0, |span| line_of(text, span.start));
            Some((key.to_owned(), value, line))
        })
        .collect()
}

/// What the interface says about one `[theme]` entry: nothing when good.
/// The one place the check calls the interface's theme loader.
fn theme_errors(name: &str, spec: &str) -> Vec<String> {
    let entry = [(name.to_owned(), spec.to_owned())];
    crate::tui::theme::Theme::colour()
        .with_overrides(&entry, true)
        .1
}

/// The user's keymap.toml, through the interface's own loader. The one
/// place the check calls it.
fn keymap_problems(file: &Path) -> Vec<Problem> {
    let (_, errors) = crate::tui::keymap::Keymap::with_user_file(file);
    errors
        .into_iter()
        .map(|e| Problem {
            file: e.file,
            line: e.line,
            message: e.message,
        })
        .collect()
}

fn check_keymap(paths: &Paths, found: &mut Findings) {
    let file = paths.config_dir.join("keymap.toml");
    if file.exists() {
        found.checked(&file, "");
        found.problems.extend(keymap_problems(&file));
    }
}

fn check_feeds(paths: &Paths, found: &mut Findings) {
    let file = paths.feeds_file();
    if !file.exists() {
        return;
    }
    match FeedsFile::load(&file) {
        Ok(feeds) => found.checked(&file, crate::text::counted(feeds.entries().len(), "feed")),
        Err(e) => {
            found.checked(&file, "");
            found.problems.push(e.into());
        }
    }
}

/// Every `rules/*.toml`, compiled as a poll compiles them.
fn check_rules(paths: &Paths, found: &mut Findings) {
    let dir = paths.rules_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    if files.is_empty() {
        return;
    }
    files.sort();
    for file in &files {
        found.checked(file, "");
    }
    let (_, errors) = crate::clean::RuleSet::with_user_rules(&dir);
    found.problems.extend(errors.into_iter().map(|e| Problem {
        file: e.file,
        line: e.line,
        message: e.message,
    }));
}
