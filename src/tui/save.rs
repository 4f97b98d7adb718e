//! Saving one article as a Markdown file: title, source, date, link and
//! the cleaned text. The text is what the reader shows (noise removed),
//! with every control character gone; an existing file is never
//! overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::Article;

/// The article as Markdown; `text` is its cleaned body as plain text.
pub fn markdown(article: &Article, text: &str) -> String {
    let line = |s: &str| crate::text::sanitize_line(s);
    let title = line(&article.title);
    let mut out = format!(
        "# {}\n\n",
        if title.is_empty() {
            "(untitled)"
        } else {
            &title
        }
    );
    out.push_str(&format!("- Source: {}\n", line(&article.feed_title)));
    if let Some(author) = article
        .author
        .as_deref()
        .map(line)
        .filter(|a| !a.is_empty())
    {
        out.push_str(&format!("- Author: {author}\n"));
    }
    let date = chrono::DateTime::from_timestamp(article.date, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "unknown".into());
    out.push_str(&format!("- Date: {date}\n"));
    if let Some(link) = &article.link {
        out.push_str(&format!("- Link: <{}>\n", crate::text::sanitize_url(link)));
    }
    out.push('\n');
    out.push_str(crate::text::sanitize(text).trim_end());
    out.push('\n');
    out
}

/// A file name from the title: `2026-12-06-envoys-agree-a-ceasefire.md`.
pub fn file_name(article: &Article) -> String {
    let day = chrono::DateTime::from_timestamp(article.date, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "undated".into());
    let mut slug = String::new();
    for c in crate::text::sanitize_line(&article.title).chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.chars().count() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("{day}-article-{}.md", article.id)
    } else {
        format!("{day}-{slug}.md")
    }
}

/// Where to write: `typed` (a file, or a folder to put it in; `~/`
/// is the home folder), else `default_dir`.
pub fn target(typed: Option<&str>, default_dir: &Path, article: &Article) -> PathBuf {
    let Some(typed) = typed.map(str::trim).filter(|t| !t.is_empty()) else {
        return default_dir.join(file_name(article));
    };
    let path = match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    };
    if path.is_dir() || typed.ends_with('/') {
        path.join(file_name(article))
    } else {
        path
    }
}

/// Writes `text` to `path`, a new file (folders made as needed).
pub fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article {
            enclosures: Vec::new(),
            id: 7,
            feed_id: 1,
            feed_title: "World \u{1b}[31mdesk".into(),
            guid: "g".into(),
            link: Some("https://example.test/a".into()),
            title: "Envoys agree a ceasefire: talks resume\u{7}".into(),
            author: Some("A. Writer".into()),
            published: None,
            updated: None,
            first_seen: 0,
            date: 1_795_874_700,
            summary: None,
            content: None,
            read: false,
            starred: false,
            tags: vec![],
            noise_kind: None,
            noise_rule: None,
            full_html: None,
            full_error: None,
        }
    }

    #[test]
    fn markdown_has_title_source_date_link_and_clean_text() {
        let text = markdown(&article(), "First paragraph.\n\nSecond \u{1b}[2J one.\n");
        assert!(
            text.starts_with("# Envoys agree a ceasefire: talks resume\n\n"),
            "{text}"
        );
        let source = crate::text::sanitize_line(&article().feed_title);
        assert!(text.contains(&format!("- Source: {source}\n")), "{text}");
        assert!(text.contains("- Author: A. Writer\n"), "{text}");
        assert!(text.contains("- Date: 2026-11-28 14:05 UTC\n"), "{text}");
        assert!(
            text.contains("- Link: <https://example.test/a>\n"),
            "{text}"
        );
        assert!(text.contains("First paragraph.\n\nSecond"), "{text}");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }

    #[test]
    fn files_are_named_after_the_article_and_never_overwritten() {
        let a = article();
        assert_eq!(
            file_name(&a),
            "2026-11-28-envoys-agree-a-ceasefire-talks-resume.md"
        );
        let dir = tempfile::tempdir().unwrap();
        let into_dir = target(
            Some(dir.path().to_str().unwrap()),
            Path::new("/nowhere"),
            &a,
        );
        assert_eq!(into_dir, dir.path().join(file_name(&a)));
        let default = target(None, dir.path(), &a);
        assert_eq!(default, dir.path().join(file_name(&a)));
        write_new(&default, "one").unwrap();
        let again = write_new(&default, "two").unwrap_err();
        assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&default).unwrap(), "one");
        let nested = dir.path().join("a/b/c.md");
        write_new(&nested, "x").unwrap();
        assert!(nested.exists());
    }
}
