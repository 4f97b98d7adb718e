//! OPML in and out. Reading: every `<outline>` with an `xmlUrl` is a feed;
//! the outlines it sits in (folders) and its `category` attribute become
//! tags. Writing: feeds nested under their first tag, all tags in
//! `category`, so an export imports back to the same subscriptions.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{ImportError, ImportedFeed, push_tag};

pub fn parse(bytes: &[u8]) -> Result<Vec<ImportedFeed>, ImportError> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = false;
    let mut feeds: Vec<ImportedFeed> = Vec::new();
    // One entry per open <outline>: the folder name it adds, if it is one.
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut saw_opml = false;
    loop {
        let position = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| ImportError::Opml {
            line: line_of(bytes, reader.error_position() as usize),
            reason: e.to_string(),
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if is(&e, "opml") => saw_opml = true,
            Event::Start(e) if is(&e, "outline") => {
                let outline = Outline::read(&e);
                let folder = match outline.xml_url {
                    Some(_) => None,
                    None => outline.text.clone(),
                };
                add_feed(&mut feeds, outline, &folders, line_of(bytes, position));
                folders.push(folder);
            }
            Event::Empty(e) if is(&e, "outline") => {
                add_feed(
                    &mut feeds,
                    Outline::read(&e),
                    &folders,
                    line_of(bytes, position),
                );
            }
            Event::End(e) if e.local_name().as_ref().eq_ignore_ascii_case("outline") => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        return Err(ImportError::Opml {
            line: 1,
            reason: "no <opml> element; is this an OPML file?".into(),
        });
    }
    Ok(feeds)
}

fn is(e: &BytesStart, name: &str) -> bool {
    e.local_name().as_ref().eq_ignore_ascii_case(name)
}

#[derive(Default)]
struct Outline {
    xml_url: Option<String>,
    text: Option<String>,
    categories: Vec<String>,
}

impl Outline {
    fn read(e: &BytesStart) -> Outline {
        let mut out = Outline::default();
        let mut title = None;
        for attr in e.attributes().with_checks(false).flatten() {
            let value = decode_attribute(&attr.value);
            match attr.key.local_name().as_ref().to_ascii_lowercase().as_str() {
                "xmlurl" => out.xml_url = Some(value.trim().to_owned()).filter(|v| !v.is_empty()),
                "text" => out.text = Some(value).filter(|v| !v.trim().is_empty()),
                "title" => title = Some(value).filter(|v| !v.trim().is_empty()),
                "category" => {
                    out.categories = value
                        .split(',')
                        .flat_map(|c| c.split('/'))
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                _ => {}
            }
        }
        out.text = out.text.or(title);
        out
    }
}

fn add_feed(
    feeds: &mut Vec<ImportedFeed>,
    outline: Outline,
    folders: &[Option<String>],
    line: usize,
) {
    let Some(url) = outline.xml_url else { return };
    let mut tags = Vec::new();
    for folder in folders.iter().flatten() {
        push_tag(&mut tags, folder);
    }
    for category in &outline.categories {
        push_tag(&mut tags, category);
    }
    // The same feed in two folders is one subscription with both tags.
    if let Some(existing) = feeds.iter_mut().find(|f| f.url == url) {
        for tag in tags {
            push_tag(&mut existing.tags, &tag);
        }
        return;
    }
    // OPML needs a `text`, so untitled feeds are exported under their URL;
    // taken as a title, that would hide the feed's own title for good.
    let title = outline
        .text
        .map(|t| crate::text::sanitize_line(&t))
        .filter(|t| !t.is_empty() && t.trim() != url);
    feeds.push(ImportedFeed {
        url,
        title,
        tags,
        line,
    });
}

/// Attribute text with entities decoded once: HTML names first (OPML files
/// from the wild use them), then XML's own and numeric references.
fn decode_attribute(raw: &str) -> String {
    let text = crate::text::decode_html_only_entities(raw);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A feed to write out.
pub struct ExportFeed<'a> {
    pub url: &'a str,
    pub title: &'a str,
    pub tags: &'a [String],
}

/// OPML 2.0 with one folder per first tag.
pub fn write(feeds: &[ExportFeed]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>sift subscriptions</title>\n  </head>\n  <body>\n",
    );
    let mut folders: Vec<&str> = Vec::new();
    for feed in feeds {
        if let Some(tag) = feed.tags.first()
            && !folders.contains(&tag.as_str())
        {
            folders.push(tag);
        }
    }
    for feed in feeds.iter().filter(|f| f.tags.is_empty()) {
        write_outline(&mut out, feed, "    ");
    }
    for folder in folders {
        let name = escape(folder);
        out.push_str(&format!("    <outline text=\"{name}\" title=\"{name}\">\n"));
        for feed in feeds
            .iter()
            .filter(|f| f.tags.first().map(String::as_str) == Some(folder))
        {
            write_outline(&mut out, feed, "      ");
        }
        out.push_str("    </outline>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn write_outline(out: &mut String, feed: &ExportFeed, indent: &str) {
    let title = escape(feed.title);
    out.push_str(&format!(
        "{indent}<outline type=\"rss\" text=\"{title}\" title=\"{title}\" xmlUrl=\"{}\"",
        escape(feed.url)
    ));
    if !feed.tags.is_empty() {
        out.push_str(&format!(" category=\"{}\"", escape(&feed.tags.join(","))));
    }
    out.push_str("/>\n");
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>x</title></head><body>
  <outline text="World">
    <outline text="The Week &amp; more" type="rss" xmlUrl="https://a.test/feed"/>
    <outline text="Europe"><outline title="Caf&eacute;" xmlUrl="https://b.test/rss"></outline></outline>
  </outline>
  <outline text="Loose" xmlUrl="https://c.test/atom" category="/tech,/science"/>
  <outline text="Again" xmlUrl="https://a.test/feed" category="news"/>
</body></opml>"#;

    #[test]
    fn folders_and_categories_become_tags() {
        let feeds = parse(SAMPLE.as_bytes()).unwrap();
        assert_eq!(feeds.len(), 3);
        assert_eq!(feeds[0].url, "https://a.test/feed");
        assert_eq!(feeds[0].title.as_deref(), Some("The Week & more"));
        assert_eq!(feeds[0].tags, vec!["World", "news"]);
        assert_eq!(feeds[0].line, 4);
        assert_eq!(feeds[1].title.as_deref(), Some("Café"));
        assert_eq!(feeds[1].tags, vec!["World", "Europe"]);
        assert_eq!(feeds[2].tags, vec!["tech", "science"]);
    }

    #[test]
    fn export_imports_back_the_same() {
        let tags_a = vec!["world".to_string(), "news".to_string()];
        let feeds = [
            ExportFeed {
                url: "https://a.test/feed?x=1&y=2",
                title: "A <&> \"quoted\"",
                tags: &tags_a,
            },
            ExportFeed {
                url: "https://b.test/",
                title: "B",
                tags: &[],
            },
        ];
        let text = write(&feeds);
        let back = parse(text.as_bytes()).unwrap();
        assert_eq!(back.len(), 2);
        let a = back
            .iter()
            .find(|f| f.url == "https://a.test/feed?x=1&y=2")
            .unwrap();
        assert_eq!(a.title.as_deref(), Some("A <&> \"quoted\""));
        assert_eq!(a.tags, tags_a);
        assert!(
            back.iter()
                .any(|f| f.url == "https://b.test/" && f.tags.is_empty())
        );
    }

    #[test]
    fn a_url_written_as_the_title_is_no_title() {
        let feeds = [ExportFeed {
            url: "https://u.test/feed",
            title: "https://u.test/feed",
            tags: &[],
        }];
        let back = parse(write(&feeds).as_bytes()).unwrap();
        assert_eq!(back[0].url, "https://u.test/feed");
        assert_eq!(back[0].title, None);
    }

    #[test]
    fn broken_opml_is_an_error_with_a_line() {
        let e = parse(b"<opml><body>\n<outline xmlUrl=\"https://a.test/\"/>\n<outline xmlUrl=\"x")
            .unwrap_err();
        assert!(matches!(e, ImportError::Opml { .. }), "{e}");
        let e = parse(b"<rss version=\"2.0\"></rss>").unwrap_err();
        assert!(e.to_string().contains("no <opml> element"), "{e}");
    }
}
