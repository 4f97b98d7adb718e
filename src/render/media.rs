//! Enclosures as lines of text for `sift show` and the reader: one line
//! each, numbered for the reader's keys, and the thumbnail as the
//! article's image when its body has none.

use crate::model::{Article, Enclosure};
use crate::text::sanitize_line;

/// The downloads of an article (images left out), in feed order: what
/// the reader's enclosure keys open or copy.
pub fn downloads(enclosures: &[Enclosure]) -> impl Iterator<Item = &Enclosure> {
    enclosures.iter().filter(|e| !is_image(e))
}

/// A thumbnail, or an enclosure that is an image (news feeds attach the
/// article's picture so): the article's image rather than a download.
fn is_image(e: &Enclosure) -> bool {
    e.thumbnail
        || e.mime_type
            .as_deref()
            .is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("image/"))
}

/// One line per download ("enclosure 1: URL (type, size, time) title"),
/// then "image: URL" for the first image when the body shows none.
pub fn enclosure_lines(article: &Article) -> Vec<String> {
    let mut lines: Vec<String> = downloads(&article.enclosures)
        .enumerate()
        .map(|(i, e)| describe(i + 1, e))
        .collect();
    let body_has_image = [&article.full_html, &article.content, &article.summary]
        .into_iter()
        .flatten()
        .any(|b| b.contains("<img"));
    if !body_has_image && let Some(thumb) = article.enclosures.iter().find(|e| is_image(e)) {
        lines.push(format!("image: {}", sanitize_line(&thumb.url)));
    }
    lines
}

fn describe(n: usize, e: &Enclosure) -> String {
    let mut facts = Vec::new();
    if let Some(t) = &e.mime_type {
        facts.push(sanitize_line(t));
    }
    if let Some(bytes) = e.length.filter(|b| *b > 0) {
        facts.push(size(bytes));
    }
    if let Some(secs) = e.duration.filter(|s| *s > 0) {
        facts.push(duration(secs));
    }
    let mut line = format!("enclosure {n}: {}", sanitize_line(&e.url));
    if !facts.is_empty() {
        line.push_str(&format!(" ({})", facts.join(", ")));
    }
    if let Some(title) = &e.title {
        line.push_str(&format!(" {}", sanitize_line(title)));
    }
    line
}

fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.0} kB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.1} GB", bytes as f64 / 1e9),
    }
}

fn duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_say_type_size_and_time_and_strip_controls() {
        let e = Enclosure {
            url: "https://pod.test/ep1.mp3".into(),
            mime_type: Some("audio/mpeg".into()),
            length: Some(12_345_678),
            duration: Some(3723),
            title: Some("Episode \u{1b}[31m1".into()),
            thumbnail: false,
        };
        assert_eq!(
            describe(1, &e),
            "enclosure 1: https://pod.test/ep1.mp3 (audio/mpeg, 12.3 MB, 1:02:03) Episode 1"
        );
        assert_eq!(duration(59), "0:59");
        assert_eq!(size(999), "999 B");
    }
}
