//! The scored pages: `<name>.html` with `<name>.expected.txt`,
//! `<name>.noise.txt` and an optional `<name>.neutral.txt` beside it.

use std::fs;
use std::path::{Path, PathBuf};

/// One page and what a perfect extractor does with it.
pub struct Page {
    pub name: String,
    pub html: String,
    /// From `<link rel=canonical>`, for the APIs that want a URL.
    pub url: Option<String>,
    /// Lines a perfect extractor keeps.
    pub expected: Vec<String>,
    /// `(kind, text)` lines that must not appear.
    pub noise: Vec<(String, String)>,
    /// Lines that count neither way.
    pub neutral: Vec<String>,
}

/// Every `*.html` page in `dir` (sorted by name) with its line files; the
/// `*.txt` pages ("copy all text" of a page) too when `text_pages`.
pub fn load_pages(dir: &Path, text_pages: bool) -> Result<Vec<Page>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut html_files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            let is_line_file = [".expected.txt", ".noise.txt", ".neutral.txt"]
                .iter()
                .any(|s| name.ends_with(s));
            name.ends_with(".html") || (text_pages && name.ends_with(".txt") && !is_line_file)
        })
        .collect();
    html_files.sort();
    let mut pages = Vec::new();
    for path in html_files {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let html = String::from_utf8_lossy(&bytes).into_owned();
        let Some(expected) = read_lines(&dir.join(format!("{name}.expected.txt")))? else {
            eprintln!("skipping {name}: no {name}.expected.txt");
            continue;
        };
        let noise = read_lines(&dir.join(format!("{name}.noise.txt")))?
            .unwrap_or_default()
            .into_iter()
            .map(|line| match line.split_once('\t') {
                Some((kind, text)) => (kind.trim().to_owned(), text.trim().to_owned()),
                None => ("?".to_owned(), line),
            })
            .filter(|(_, text)| !text.is_empty())
            .collect();
        let neutral = read_lines(&dir.join(format!("{name}.neutral.txt")))?.unwrap_or_default();
        let url = canonical_url(&html);
        pages.push(Page {
            name,
            html,
            url,
            expected,
            noise,
            neutral,
        });
    }
    Ok(pages)
}

/// Non-blank lines, or `None` when the file does not exist.
fn read_lines(path: &Path) -> Result<Option<Vec<String>>, String> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(
            String::from_utf8_lossy(&bytes)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The `href` of the first `<link ... rel="canonical" ...>`, by a plain scan.
pub fn canonical_url(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<link") {
        let start = from + at;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        from = end;
        let is_canonical =
            attr(tag, "rel").is_some_and(|v| v.split_whitespace().any(|r| r == "canonical"));
        if is_canonical {
            // Read the value from the original text: URLs are case-sensitive.
            let href = attr(tag, "href")?;
            let offset = tag.find(href)?;
            let original = &html[start + offset..start + offset + href.len()];
            return Some(original.replace("&amp;", "&"));
        }
    }
    None
}

/// The value of `name=` in a lowercased tag, quoted or not.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        let before_ok = tag[..start].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = tag[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value = rest[1..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_ascii_whitespace())
                .next()
                .unwrap_or(""),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::canonical_url;

    #[test]
    fn finds_canonical_in_either_attribute_order() {
        let a = r#"<head><link rel="stylesheet" href="/x.css"><link rel="canonical" href="https://E.com/A?b=1&amp;c=2"></head>"#;
        assert_eq!(canonical_url(a).as_deref(), Some("https://E.com/A?b=1&c=2"));
        let b = "<LINK href='https://e.com/b' REL='canonical'>";
        assert_eq!(canonical_url(b).as_deref(), Some("https://e.com/b"));
        assert_eq!(canonical_url("<link rel=icon href=/f.ico>"), None);
    }
}
