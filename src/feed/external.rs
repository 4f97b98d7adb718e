//! Items that come from a sync server's API instead of a feed document:
//! the server is trusted for state, not for content, so its text gets the
//! same treatment as a parsed feed's (control characters and references
//! to them removed, titles and bodies capped, URLs cleaned).

use super::kind::{self, Kind};
use super::map::{author_name, resolve};
use crate::model::{Enclosure, NewArticle, Timestamp};
use crate::text::sanitize_line;

/// Characters kept of an item's identity.
const MAX_GUID_CHARS: usize = 2000;

/// One item as a server's API gives it, untrusted.
#[derive(Debug, Clone, Default)]
pub struct ExternalItem<'a> {
    pub guid: &'a str,
    /// Text or HTML (told apart as for an RSS title).
    pub title: &'a str,
    pub link: Option<&'a str>,
    pub author: Option<&'a str>,
    pub date: Option<Timestamp>,
    /// HTML.
    pub content: Option<&'a str>,
    /// URL and MIME type of each attachment.
    pub enclosures: Vec<(&'a str, Option<&'a str>)>,
}

/// The item as sift stores any feed's.
pub fn external_article(item: &ExternalItem<'_>) -> NewArticle {
    let guid: String = sanitize_line(item.guid)
        .chars()
        .take(MAX_GUID_CHARS)
        .collect();
    let enclosures = item
        .enclosures
        .iter()
        .map(|(url, mime)| Enclosure {
            url: (*url).to_owned(),
            mime_type: mime.map(str::to_owned),
            ..Default::default()
        })
        .collect();
    NewArticle {
        guid,
        link: item.link.and_then(|l| resolve(l, None)),
        title: kind::title(item.title, Kind::Sniff),
        author: item.author.map(author_name).filter(|a| !a.is_empty()),
        published: item.date,
        updated: None,
        summary: None,
        content: item.content.and_then(|c| kind::body(c, Kind::Html)),
        enclosures: kind::clean_enclosures(enclosures, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_server_text_is_cleaned_and_capped() {
        let long_title = "x".repeat(5000);
        let body = format!("<p>a\u{1b}[31m</p>{}", "y".repeat(2 * 1024 * 1024));
        let item = ExternalItem {
            guid: "g\u{1b}]0;pwned\u{7}1",
            title: &long_title,
            link: Some(" http://example.org/a\u{202e} "),
            author: Some("\u{1b}[2Jeve"),
            content: Some(&body),
            enclosures: vec![("http://example.org/a.mp3", Some("audio/mpeg"))],
            ..Default::default()
        };
        let a = external_article(&item);
        let all = format!(
            "{}{}{:?}{:?}{:?}",
            a.guid, a.title, a.link, a.author, a.content
        );
        assert!(!all.contains('\u{1b}') && !all.contains('\u{202e}') && !all.contains('\u{7}'));
        assert!(a.title.chars().count() <= super::super::bounds::MAX_TITLE_CHARS + 1);
        let content = a.content.unwrap();
        assert!(content.len() <= super::super::bounds::MAX_BODY_BYTES);
        assert!(content.ends_with(&format!("{}</p>", super::super::bounds::BODY_CUT_NOTE)));
        assert_eq!(a.link.as_deref(), Some("http://example.org/a"));
        assert_eq!(a.enclosures.len(), 1);
    }
}
