//! `feeds.toml`: the subscriptions. Read into plain entries; edited in place
//! with toml_edit so the user's comments and order survive every change.

use std::path::{Path, PathBuf};
use std::time::Duration;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::reader::{ConfigError, TableReader, parse_document};

/// The comment a new `feeds.toml` starts with.
const HEADER: &str = "\
# sift subscriptions. One [[feed]] per feed:
#   url       = \"https://...\"            (required; http, https or file)
#   title     = \"...\"                    (optional; replaces the feed's own)
#   tags      = [\"world\", \"news\"]        (optional)
#   full_text = \"auto\" | \"always\" | \"never\" (fetch whole articles; default auto)
#   refresh   = 60                       (optional; minutes between polls)
# `sift feeds add`, `remove` and `import` edit this file and keep comments.

";

/// When to fetch the linked page for an item's full text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FullText {
    /// When the item carries no content or only a short summary.
    #[default]
    Auto,
    Always,
    Never,
}

impl FullText {
    pub const NAMES: [&'static str; 3] = ["auto", "always", "never"];

    fn from_name(name: &str) -> FullText {
        match name {
            "always" => FullText::Always,
            "never" => FullText::Never,
            _ => FullText::Auto,
        }
    }
}

/// One subscription.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedEntry {
    pub url: String,
    pub title: Option<String>,
    pub tags: Vec<String>,
    pub full_text: FullText,
    pub refresh: Option<Duration>,
}

/// The subscriptions file, loaded for reading and editing.
#[derive(Debug)]
pub struct FeedsFile {
    path: PathBuf,
    doc: DocumentMut,
    entries: Vec<FeedEntry>,
}

/// Why an entry could not be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("already subscribed to {0}")]
pub struct Duplicate(pub String);

impl FeedsFile {
    /// Reads `path`; a missing file is an empty subscription list.
    pub fn load(path: &Path) -> Result<FeedsFile, ConfigError> {
        let src = super::reader::read_optional(path)?.unwrap_or_default();
        let parsed = parse_document(path, &src)?;
        let entries = read_entries(path, &src, parsed.as_table())?;
        let mut doc = parsed.into_mut();
        if src.trim().is_empty() {
            doc.decor_mut().set_prefix(HEADER);
        }
        Ok(FeedsFile {
            path: path.to_path_buf(),
            doc,
            entries,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn entries(&self) -> &[FeedEntry] {
        &self.entries
    }

    /// The subscriptions as the store takes them.
    pub fn subscriptions(&self) -> Vec<crate::model::Subscription> {
        self.entries
            .iter()
            .map(|e| crate::model::Subscription {
                url: e.url.clone(),
                title: e.title.clone(),
                tags: e.tags.clone(),
            })
            .collect()
    }

    pub fn find(&self, url: &str) -> Option<&FeedEntry> {
        self.entries.iter().find(|e| e.url == url)
    }

    /// Appends a subscription; a URL already present is reported, not added.
    pub fn add(&mut self, entry: FeedEntry) -> Result<(), Duplicate> {
        if self.find(&entry.url).is_some() {
            return Err(Duplicate(entry.url));
        }
        let mut table = Table::new();
        table.insert("url", value(entry.url.as_str()));
        if let Some(title) = &entry.title {
            table.insert("title", value(title.as_str()));
        }
        if !entry.tags.is_empty() {
            table.insert(
                "tags",
                value(entry.tags.iter().collect::<toml_edit::Array>()),
            );
        }
        if entry.full_text != FullText::Auto {
            let name = FullText::NAMES[entry.full_text as usize];
            table.insert("full_text", value(name));
        }
        if let Some(refresh) = entry.refresh {
            table.insert("refresh", value((refresh.as_secs() / 60) as i64));
        }
        self.feed_array().push(table);
        self.entries.push(entry);
        Ok(())
    }

    /// Removes the subscription to `url`; false when there was none.
    pub fn remove(&mut self, url: &str) -> bool {
        let Some(index) = self.entries.iter().position(|e| e.url == url) else {
            return false;
        };
        let removed = self.feed_array().remove(index);
        self.keep_detached_comments(index, &removed);
        self.entries.remove(index);
        true
    }

    /// Comments above a `[[feed]]` are parsed as part of it. Those right
    /// above it go with it; those separated from it by a blank line (the
    /// file's own header, a section note) belong to the file and move to
    /// whatever now follows.
    fn keep_detached_comments(&mut self, index: usize, removed: &Table) {
        let prefix = removed
            .decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("");
        let Some(blank) = prefix.rfind("\n\n") else {
            return;
        };
        let detached = &prefix[..blank + 2];
        if detached.trim().is_empty() {
            return;
        }
        if let Some(next) = self.feed_array().get_mut(index) {
            let own = next
                .decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_owned();
            next.decor_mut().set_prefix(format!("{detached}{own}"));
        } else {
            let trailing = self.doc.trailing().as_str().unwrap_or("").to_owned();
            self.doc.set_trailing(format!("{detached}{trailing}"));
        }
    }

    /// Replaces a subscription's URL (a permanent redirect); false when
    /// `old` is not subscribed.
    pub fn set_url(&mut self, old: &str, new: &str) -> bool {
        let Some(index) = self.entries.iter().position(|e| e.url == old) else {
            return false;
        };
        if let Some(table) = self.feed_array().get_mut(index) {
            table.insert("url", value(new));
        }
        self.entries[index].url = new.to_owned();
        true
    }

    /// Sets or (with `None`) removes the title the user gave the feed at
    /// `url`; false when `url` is not subscribed.
    pub fn set_title(&mut self, url: &str, title: Option<&str>) -> bool {
        let Some(index) = self.entries.iter().position(|e| e.url == url) else {
            return false;
        };
        if let Some(table) = self.feed_array().get_mut(index) {
            match title {
                Some(title) => {
                    table.insert("title", value(title));
                }
                None => {
                    table.remove("title");
                }
            }
        }
        self.entries[index].title = title.map(str::to_owned);
        true
    }

    /// Replaces the tags of the feed at `url` (none: the key goes);
    /// false when `url` is not subscribed.
    pub fn set_tags(&mut self, url: &str, tags: &[String]) -> bool {
        let Some(index) = self.entries.iter().position(|e| e.url == url) else {
            return false;
        };
        if let Some(table) = self.feed_array().get_mut(index) {
            if tags.is_empty() {
                table.remove("tags");
            } else {
                table.insert("tags", value(tags.iter().collect::<toml_edit::Array>()));
            }
        }
        self.entries[index].tags = tags.to_vec();
        true
    }

    /// Writes the file atomically (temporary file, then rename).
    pub fn save(&self) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension("toml.tmp");
        std::fs::write(&tmp, self.doc.to_string())?;
        std::fs::rename(&tmp, &self.path)
    }

    /// The `[[feed]]` array, created when absent (entries index into it).
    fn feed_array(&mut self) -> &mut ArrayOfTables {
        let item = self
            .doc
            .entry("feed")
            .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
        if !item.is_array_of_tables() {
            *item = Item::ArrayOfTables(ArrayOfTables::new());
        }
        item.as_array_of_tables_mut()
            .expect("just made an array of tables")
    }
}

fn read_entries(path: &Path, src: &str, root: &Table) -> Result<Vec<FeedEntry>, ConfigError> {
    let mut top = TableReader::new(path, src, root, "the top level");
    top.allow("feed");
    top.finish()?;
    let Some(item) = root.get("feed") else {
        return Ok(Vec::new());
    };
    let Some(array) = item.as_array_of_tables() else {
        let span = root.key("feed").and_then(|k| k.span());
        return Err(ConfigError::at(
            path,
            src,
            span,
            "`feed` must be written as [[feed]] tables, one per subscription".into(),
        ));
    };
    let mut entries: Vec<FeedEntry> = Vec::with_capacity(array.len());
    for (i, table) in array.iter().enumerate() {
        let name = format!("[[feed]] #{}", i + 1);
        let mut r = TableReader::new(path, src, table, name.clone());
        let Some(url) = r.string("url")? else {
            return Err(ConfigError::at(
                path,
                src,
                table.span(),
                format!("{name} has no `url`"),
            ));
        };
        let base = path.parent().unwrap_or(Path::new("."));
        let url = super::feed_url::normalize(&url, base).map_err(|e| {
            ConfigError::at(
                path,
                src,
                table.key("url").and_then(|k| k.span()),
                e.to_string(),
            )
        })?;
        let entry = FeedEntry {
            title: r.string("title")?,
            tags: r.string_list("tags")?.unwrap_or_default(),
            full_text: r
                .choice("full_text", &FullText::NAMES)?
                .map(FullText::from_name)
                .unwrap_or_default(),
            refresh: r
                .int("refresh", 1..100_001)?
                .map(|m| Duration::from_secs(m as u64 * 60)),
            url,
        };
        r.finish()?;
        if entries.iter().any(|e| e.url == entry.url) {
            return Err(ConfigError::at(
                path,
                src,
                table.span(),
                format!("{name}: {} is listed twice", entry.url),
            ));
        }
        entries.push(entry);
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, src: &str) -> PathBuf {
        let path = dir.join("feeds.toml");
        std::fs::write(&path, src).unwrap();
        path
    }

    #[test]
    fn missing_file_is_empty_and_gets_a_header_when_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.toml");
        let mut f = FeedsFile::load(&path).unwrap();
        assert!(f.entries().is_empty());
        f.add(FeedEntry {
            url: "https://a.test/feed".into(),
            tags: vec!["world".into()],
            ..Default::default()
        })
        .unwrap();
        f.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# sift subscriptions."), "{text}");
        assert!(
            text.contains("[[feed]]\nurl = \"https://a.test/feed\"\ntags = [\"world\"]"),
            "{text}"
        );
        let again = FeedsFile::load(&path).unwrap();
        assert_eq!(again.entries()[0].tags, vec!["world".to_string()]);
    }

    #[test]
    fn edits_keep_comments_and_order() {
        let dir = tempfile::tempdir().unwrap();
        let src = "# my feeds\n\n[[feed]]\nurl = \"https://b.test/\" # the B feed\ntags = [\"x\"]\n\n# keep this\n[[feed]]\nurl = \"https://c.test/\"\n";
        let path = write(dir.path(), src);
        let mut f = FeedsFile::load(&path).unwrap();
        f.add(FeedEntry {
            url: "https://d.test/".into(),
            ..Default::default()
        })
        .unwrap();
        assert!(f.set_url("https://c.test/", "https://c2.test/"));
        f.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# my feeds\n"), "{text}");
        assert!(text.contains("# the B feed"), "{text}");
        assert!(
            text.contains("# keep this\n[[feed]]\nurl = \"https://c2.test/\""),
            "{text}"
        );
        let b = text.find("b.test").unwrap();
        let c = text.find("c2.test").unwrap();
        let d = text.find("d.test").unwrap();
        assert!(b < c && c < d, "{text}");

        let mut f = FeedsFile::load(&path).unwrap();
        assert!(f.remove("https://b.test/"));
        assert!(!f.remove("https://nope.test/"));
        f.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("b.test") && text.contains("# keep this"),
            "{text}"
        );
        // The file's own comment, parsed as part of the first feed, stays.
        assert!(text.starts_with("# my feeds\n"), "{text}");
    }

    #[test]
    fn removing_feeds_keeps_the_header_and_detached_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.toml");
        let mut f = FeedsFile::load(&path).unwrap();
        for url in ["https://a.test/", "https://b.test/"] {
            f.add(FeedEntry {
                url: url.into(),
                ..Default::default()
            })
            .unwrap();
        }
        f.save().unwrap();
        let mut f = FeedsFile::load(&path).unwrap();
        assert!(f.remove("https://a.test/"));
        f.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(HEADER), "{text}");
        assert!(!text.contains("a.test"), "{text}");

        let src = "[[feed]]\nurl = \"https://a.test/\"\n\n# the end\n\n# about z\n[[feed]]\nurl = \"https://z.test/\"\n";
        std::fs::write(&path, src).unwrap();
        let mut f = FeedsFile::load(&path).unwrap();
        assert!(f.remove("https://z.test/"));
        f.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# the end"), "{text}");
        assert!(
            !text.contains("# about z") && !text.contains("z.test"),
            "{text}"
        );
        assert_eq!(FeedsFile::load(&path).unwrap().entries().len(), 1);
    }

    #[test]
    fn duplicates_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = FeedsFile::load(&dir.path().join("feeds.toml")).unwrap();
        f.add(FeedEntry {
            url: "https://a.test/".into(),
            ..Default::default()
        })
        .unwrap();
        let e = f
            .add(FeedEntry {
                url: "https://a.test/".into(),
                ..Default::default()
            })
            .unwrap_err();
        assert_eq!(e.to_string(), "already subscribed to https://a.test/");
        assert_eq!(f.entries().len(), 1);
    }

    #[test]
    fn bad_entries_are_located_with_allowed_values() {
        let dir = tempfile::tempdir().unwrap();
        let e = FeedsFile::load(&write(
            dir.path(),
            "[[feed]]\nurl = \"https://a.test/\"\nfull_text = \"sometimes\"\n",
        ))
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message
                .contains("allowed: \"auto\", \"always\", \"never\""),
            "{e}"
        );
        let e = FeedsFile::load(&write(
            dir.path(),
            "[[feed]]\nurl = \"https://a.test/\"\ntag = [\"x\"]\n",
        ))
        .unwrap_err();
        assert!(e.message.contains("did you mean `tags`?"), "{e}");
        let e = FeedsFile::load(&write(dir.path(), "[[feed]]\nurl = \"exec:ls\"\n")).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("refused"), "{e}");
        let e = FeedsFile::load(&write(dir.path(), "[[feed]]\ntitle = \"x\"\n")).unwrap_err();
        assert!(e.message.contains("has no `url`"), "{e}");
    }
}
