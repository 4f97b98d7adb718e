//! Typed reading of a parsed TOML table with errors that say what to fix:
//! the file, the line, the key, and the allowed values. Every key read is
//! remembered, so what is left over is an unknown key, reported with the
//! nearest known one.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml_edit::{Item, Table, Value};

/// A problem in a config or feeds file, located precisely.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {message}", file.display())]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based; 0 when the position is unknown.
    pub line: usize,
    pub message: String,
}

impl ConfigError {
    pub fn at(file: &Path, src: &str, span: Option<Range<usize>>, message: String) -> Self {
        let line = span.map_or(0, |s| line_of(src, s.start));
        ConfigError {
            file: file.to_path_buf(),
            line,
            message,
        }
    }
}

/// 1-based line number of a byte offset.
/// A user's config file: its text, or None when it does not exist (the
/// defaults then stand alone); any other read error names the file, and
/// bytes that are not UTF-8 name the line.
pub fn read_optional(file: &Path) -> Result<Option<String>, ConfigError> {
    match std::fs::read(file) {
        Ok(bytes) => utf8_text(bytes)
            .map(Some)
            .map_err(|(line, message)| ConfigError {
                file: file.to_path_buf(),
                line,
                message,
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ConfigError {
            file: file.to_path_buf(),
            line: 0,
            message: format!("cannot read: {e}"),
        }),
    }
}

/// The bytes of a config file as text, or the line (1-based) of the
/// first byte that is not UTF-8 and what to do about it.
pub fn utf8_text(bytes: Vec<u8>) -> Result<String, (usize, String)> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let column = at
            - bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        (
            line,
            format!("byte {column} of this line is not UTF-8; save the file as UTF-8"),
        )
    })
}

pub fn line_of(src: &str, offset: usize) -> usize {
    let end = offset.min(src.len());
    src.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses TOML text, mapping a syntax error to a located `ConfigError`.
pub fn parse_document(file: &Path, src: &str) -> Result<toml_edit::Document<String>, ConfigError> {
    toml_edit::Document::parse(src.to_owned()).map_err(|e| {
        let first_line = e
            .message()
            .lines()
            .next()
            .unwrap_or("invalid TOML")
            .trim()
            .to_owned();
        ConfigError::at(file, src, e.span(), format!("invalid TOML: {first_line}"))
    })
}

/// Reads keys of one table, then reports anything it did not read.
pub struct TableReader<'a> {
    file: &'a Path,
    src: &'a str,
    table: &'a Table,
    /// How the table is named in messages, e.g. `[poll]` or `[[feed]] #3`.
    name: String,
    seen: Vec<&'static str>,
    /// Every key was read (a free-form table).
    seen_all: bool,
}

impl<'a> TableReader<'a> {
    pub fn new(file: &'a Path, src: &'a str, table: &'a Table, name: impl Into<String>) -> Self {
        TableReader {
            file,
            src,
            table,
            name: name.into(),
            seen: Vec::new(),
            seen_all: false,
        }
    }

    fn error(&self, key: &str, message: String) -> ConfigError {
        let span = self.table.key(key).and_then(|k| k.span());
        ConfigError::at(
            self.file,
            self.src,
            span.or_else(|| self.table.span()),
            message,
        )
    }

    fn value(&mut self, key: &'static str) -> Option<&'a Item> {
        self.seen.push(key);
        self.table.get(key)
    }

    fn type_error(&self, key: &str, expected: &str, item: &Item) -> ConfigError {
        self.error(
            key,
            format!(
                "`{key}` in {} must be {expected}, not {}",
                self.name,
                item.type_name()
            ),
        )
    }

    /// An integer within `range`.
    pub fn int(
        &mut self,
        key: &'static str,
        range: Range<i64>,
    ) -> Result<Option<i64>, ConfigError> {
        let Some(item) = self.value(key) else {
            return Ok(None);
        };
        let Some(n) = item.as_integer() else {
            return Err(self.type_error(key, "a whole number", item));
        };
        if !range.contains(&n) {
            let (lo, hi) = (range.start, range.end - 1);
            return Err(self.error(
                key,
                format!("`{key}` in {} is {n}; allowed: {lo} to {hi}", self.name),
            ));
        }
        Ok(Some(n))
    }

    pub fn boolean(&mut self, key: &'static str) -> Result<Option<bool>, ConfigError> {
        let Some(item) = self.value(key) else {
            return Ok(None);
        };
        match item.as_bool() {
            Some(b) => Ok(Some(b)),
            None => Err(self.type_error(key, "true or false", item)),
        }
    }

    /// Every key of the table as a string value, for free-form sections
    /// such as `[views]`.
    pub fn all_strings(&mut self) -> Result<Vec<(String, String)>, ConfigError> {
        let mut out = Vec::new();
        for (key, item) in self.table.iter() {
            let Some(value) = item.as_value().and_then(|v| v.as_str()) else {
                let span = item.span();
                return Err(ConfigError::at(
                    self.file,
                    self.src,
                    span,
                    format!("`{key}` in {} must be a string (a filter query)", self.name),
                ));
            };
            out.push((key.to_owned(), value.to_owned()));
        }
        self.seen_all = true;
        Ok(out)
    }

    pub fn string(&mut self, key: &'static str) -> Result<Option<String>, ConfigError> {
        let Some(item) = self.value(key) else {
            return Ok(None);
        };
        match item.as_str() {
            Some(s) => Ok(Some(s.to_owned())),
            None => Err(self.type_error(key, "a string", item)),
        }
    }

    /// One of a fixed set of strings.
    pub fn choice(
        &mut self,
        key: &'static str,
        allowed: &[&'static str],
    ) -> Result<Option<&'static str>, ConfigError> {
        let Some(s) = self.string(key)? else {
            return Ok(None);
        };
        match allowed.iter().find(|a| **a == s) {
            Some(a) => Ok(Some(a)),
            None => {
                let list = allowed
                    .iter()
                    .map(|a| format!("\"{a}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                Err(self.error(
                    key,
                    format!("`{key}` in {} is \"{s}\"; allowed: {list}", self.name),
                ))
            }
        }
    }

    pub fn string_list(&mut self, key: &'static str) -> Result<Option<Vec<String>>, ConfigError> {
        let Some(item) = self.value(key) else {
            return Ok(None);
        };
        let Some(array) = item.as_array() else {
            return Err(self.type_error(
                key,
                "a list of strings, like [\"world\", \"news\"]",
                item,
            ));
        };
        array
            .iter()
            .map(|v: &Value| {
                v.as_str().map(str::to_owned).ok_or_else(|| {
                    self.error(
                        key,
                        format!("`{key}` in {} must hold only strings", self.name),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// A nested table, for sections such as `[poll]`.
    pub fn table(&mut self, key: &'static str) -> Result<Option<&'a Table>, ConfigError> {
        let Some(item) = self.value(key) else {
            return Ok(None);
        };
        item.as_table()
            .map(Some)
            .ok_or_else(|| self.type_error(key, "a table, like [section]", item))
    }

    /// Marks a key as known without reading it (read by someone else).
    pub fn allow(&mut self, key: &'static str) {
        self.seen.push(key);
    }

    /// Fails on the first key that was never read, suggesting the nearest
    /// known key.
    pub fn finish(self) -> Result<(), ConfigError> {
        if self.seen_all {
            return Ok(());
        }
        for (key, _) in self.table.iter() {
            if self.seen.contains(&key) {
                continue;
            }
            let mut message = format!("unknown key `{key}` in {}", self.name);
            if let Some(near) = nearest(key, &self.seen) {
                message.push_str(&format!("; did you mean `{near}`?"));
            }
            let mut known = self.seen.clone();
            known.sort_unstable();
            known.dedup();
            message.push_str(&format!(" (known keys: {})", known.join(", ")));
            return Err(self.error(key, message));
        }
        Ok(())
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a likely typo.
pub fn nearest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let word = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&word, c), *c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1) + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_and_ignores_strangers() {
        let known = ["jobs", "per_host", "timeout", "connect_timeout"];
        assert_eq!(nearest("jbos", &known), Some("jobs"));
        assert_eq!(nearest("perhost", &known), Some("per_host"));
        assert_eq!(nearest("Timeout", &known), Some("timeout"));
        assert_eq!(nearest("colour", &known), None);
    }

    #[test]
    fn line_numbers_are_one_based() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
