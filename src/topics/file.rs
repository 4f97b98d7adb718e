//! `topics.toml`: topics as weighted terms with a threshold each. The
//! embedded `assets/topics.toml` comes first; the user's file adds topics
//! or replaces one by name. Errors say the file, the line and what to fix.

use std::path::Path;

use toml_edit::{Item, Table};

use crate::config::ConfigError;
use crate::config::reader::{TableReader, parse_document};

/// One term of a topic: a word, a phrase (`prime minister`) or a prefix
/// (`sanction*`); negative weights count against the topic.
#[derive(Debug, Clone, PartialEq)]
pub struct TermDef {
    pub text: String,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TopicDef {
    /// What `topic:NAME` says: lowercase letters, digits, `-` and `_`.
    pub name: String,
    pub label: String,
    /// An article belongs to the topic when its raw score reaches this.
    pub threshold: f64,
    pub terms: Vec<TermDef>,
}

/// Every topic, in file order (defaults first, then the user's new ones).
#[derive(Debug, Clone, PartialEq)]
pub struct TopicSet {
    /// What a term in the title counts for, against 1 in the body.
    pub title_weight: f64,
    pub topics: Vec<TopicDef>,
}

/// Where `title_weight` starts when no file sets it.
const DEFAULT_TITLE_WEIGHT: f64 = 2.0;
/// Weights and thresholds are capped so sums stay meaningful.
const MAX_NUMBER: f64 = 1000.0;

impl TopicSet {
    pub fn empty() -> TopicSet {
        TopicSet {
            title_weight: DEFAULT_TITLE_WEIGHT,
            topics: Vec::new(),
        }
    }

    /// The topics in `src` layered over these: a topic of the same name
    /// is replaced whole, a new one is added at the end.
    pub fn apply(&mut self, file: &Path, src: &str) -> Result<(), ConfigError> {
        let doc = parse_document(file, src)?;
        let mut root = TableReader::new(file, src, doc.as_table(), "the top level");
        root.allow("title_weight");
        if let Some(w) = number(file, src, doc.as_table(), "title_weight", "the top level")? {
            if w <= 0.0 {
                let span = doc.as_table().key("title_weight").and_then(|k| k.span());
                return Err(ConfigError::at(
                    file,
                    src,
                    span,
                    format!("`title_weight` must be above 0, not {w}"),
                ));
            }
            self.title_weight = w;
        }
        if let Some(table) = root.table("topics")? {
            for (name, item) in table.iter() {
                let topic = read_topic(file, src, table, name, item)?;
                match self.topics.iter_mut().find(|t| t.name == topic.name) {
                    Some(old) => *old = topic,
                    None => self.topics.push(topic),
                }
            }
        }
        root.finish()
    }

    pub fn names(&self) -> Vec<&str> {
        self.topics.iter().map(|t| t.name.as_str()).collect()
    }
}

fn read_topic(
    file: &Path,
    src: &str,
    topics: &Table,
    name: &str,
    item: &Item,
) -> Result<TopicDef, ConfigError> {
    let at_name = |message: String| {
        let span = topics.key(name).and_then(|k| k.span());
        ConfigError::at(file, src, span.or_else(|| item.span()), message)
    };
    if !valid_name(name) {
        return Err(at_name(format!(
            "topic name `{name}` must be lowercase letters, digits, `-` or `_` \
             (it is typed as `topic:{name}`)"
        )));
    }
    let Some(table) = item.as_table() else {
        return Err(at_name(format!(
            "`topics.{name}` must be a table, like [topics.{name}]"
        )));
    };
    let section = format!("[topics.{name}]");
    let mut reader = TableReader::new(file, src, table, section.clone());
    let label = reader.string("label")?.unwrap_or_else(|| name.to_owned());
    reader.allow("threshold");
    let threshold = number(file, src, table, "threshold", &section)?.ok_or_else(|| {
        at_name(format!(
            "{section} needs a `threshold` (the score at which an article belongs)"
        ))
    })?;
    if threshold <= 0.0 {
        return Err(at_name(format!(
            "`threshold` in {section} must be above 0, not {threshold}"
        )));
    }
    reader.allow("terms");
    let terms = match table.get("terms") {
        None => Vec::new(),
        Some(terms) => read_terms(file, src, &section, terms)?,
    };
    reader.finish()?;
    if !terms.iter().any(|t| t.weight > 0.0) {
        return Err(at_name(format!(
            "{section} has no term with a positive weight; add [[topics.{name}.terms]] \
             with `weight` and `words`"
        )));
    }
    Ok(TopicDef {
        name: name.to_owned(),
        label,
        threshold,
        terms,
    })
}

/// `[[topics.NAME.terms]]` groups: one `weight` shared by a list of
/// `words`.
fn read_terms(
    file: &Path,
    src: &str,
    section: &str,
    item: &Item,
) -> Result<Vec<TermDef>, ConfigError> {
    let Some(groups) = item.as_array_of_tables() else {
        return Err(ConfigError::at(
            file,
            src,
            item.span(),
            format!(
                "`terms` in {section} must be groups written as [[{}.terms]], \
                 each with `weight` and `words`",
                section.trim_matches(|c| c == '[' || c == ']')
            ),
        ));
    };
    let mut out = Vec::new();
    for (i, group) in groups.iter().enumerate() {
        let name = format!("{} group #{} of `terms`", section, i + 1);
        let mut reader = TableReader::new(file, src, group, name.clone());
        reader.allow("weight");
        let weight = number(file, src, group, "weight", &name)?;
        let words = reader.string_list("words")?;
        reader.finish()?;
        let located = |message: String| ConfigError::at(file, src, group.span(), message);
        let weight = match weight {
            Some(w) if w != 0.0 => w,
            Some(_) => return Err(located(format!("`weight` in {name} must not be 0"))),
            None => return Err(located(format!("{name} needs a `weight`"))),
        };
        for text in words.unwrap_or_default() {
            if super::words::pattern_of(&text).is_none() {
                return Err(located(format!(
                    "the term \"{text}\" in {name} has no letter or digit to match"
                )));
            }
            out.push(TermDef { text, weight });
        }
    }
    Ok(out)
}

/// A number (whole or not) within ±MAX_NUMBER.
fn number(
    file: &Path,
    src: &str,
    table: &Table,
    key: &str,
    name: &str,
) -> Result<Option<f64>, ConfigError> {
    let Some(item) = table.get(key) else {
        return Ok(None);
    };
    let span = table.key(key).and_then(|k| k.span());
    let value = item
        .as_float()
        .or_else(|| item.as_integer().map(|n| n as f64));
    match value {
        Some(v) if v.is_finite() && v.abs() <= MAX_NUMBER => Ok(Some(v)),
        Some(v) => Err(ConfigError::at(
            file,
            src,
            span,
            format!("`{key}` in {name} is {v}; allowed: -{MAX_NUMBER} to {MAX_NUMBER}"),
        )),
        None => Err(ConfigError::at(
            file,
            src,
            span,
            format!(
                "`{key}` in {name} must be a number, not {}",
                item.type_name()
            ),
        )),
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}
