//! Feed documents → `ParsedFeed`. Pure: bytes in, plain data out.
//!
//! The strict path hands the bytes to feed-rs as they are. When feed-rs
//! refuses an XML document, or misses a title the document plainly holds,
//! the document is repaired (see `repair`) and read by the lenient reader
//! (see `lenient`); each repair is reported in `ParsedFeed::repairs` and
//! `ParsedFeed::parser` says which reader read it. JSON Feeds get a
//! smaller repair of their own.

pub mod bounds;
mod census;
mod contacts;
mod content_links;
mod date;
mod decode;
mod derive;
mod entities;
mod external;
mod item_authors;
mod json;
mod json_durations;
mod kind;
mod lenient;
mod links;
mod map;
mod quiet_panic;
mod repair;
mod sniff;
mod verdict;

pub use derive::{DERIVED_TITLE_CHARS, derived_title};
pub use external::{ExternalItem, external_article};

use crate::model::ParsedFeed;
use census::Census;
use sniff::Root;
use verdict::{Verdict, dialect, found, rdf_about_ids, verdict};

/// Items kept from one document; the rest are dropped with a note.
pub const MAX_ITEMS: usize = 1000;

/// Why a document yielded no feed, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("empty document: the server sent nothing but whitespace")]
    Empty,
    #[error("this is a web page, not a feed")]
    WebPage,
    #[error("not a feed: no <rss>, <feed>, <rdf:RDF> or JSON Feed root ({found})")]
    NotAFeed { found: String },
    #[error("invalid XML at byte {position}: {message} (even after repair)")]
    InvalidXml { position: u64, message: String },
    #[error("invalid XML: {message} (even after repair)")]
    InvalidFeed { message: String },
    #[error("invalid JSON: {message}")]
    InvalidJson { message: String },
    #[error("elements nested more than {limit} deep; refusing to parse")]
    TooDeep { limit: usize },
    #[error("the feed parser failed on this document: {message}")]
    ParserCrashed { message: String },
}

/// Parses a feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.x).
/// `base_url` (usually the feed's own URL) resolves relative links.
pub fn parse_feed(bytes: &[u8], base_url: Option<&str>) -> Result<ParsedFeed, FeedError> {
    parse_feed_with_type(bytes, base_url, None)
}

/// `parse_feed` for a document fetched over HTTP: the `charset` of its
/// `Content-Type` header ranks below a byte-order mark and above the XML
/// declaration.
pub fn parse_feed_with_type(
    bytes: &[u8],
    base_url: Option<&str>,
    content_type: Option<&str>,
) -> Result<ParsedFeed, FeedError> {
    let base_url = base_url.filter(|u| url::Url::parse(u).is_ok());
    let start = sniff::content_start(bytes);
    match bytes.get(start) {
        None => Err(FeedError::Empty),
        Some(b'{' | b'[') => json::parse(&bytes[start..], base_url),
        Some(_) => parse_xml(bytes, base_url, content_type, false),
    }
}

/// The forgiving path alone, feed-rs skipped: what a document feed-rs
/// refuses costs (benchmarks) and reads as (comparisons). XML only.
pub fn parse_feed_lenient(bytes: &[u8], base_url: Option<&str>) -> Result<ParsedFeed, FeedError> {
    let base_url = base_url.filter(|u| url::Url::parse(u).is_ok());
    parse_xml(bytes, base_url, None, true)
}

/// How one run of feed-rs went.
enum Attempt {
    Parsed(Box<feed_rs::model::Feed>),
    NoFeedRoot,
    TooDeep,
    Failed(String),
}

/// Runs feed-rs; when it panics on a contact field (see `contacts`), once
/// more without them.
fn run_feed_rs(bytes: &[u8], base_url: Option<&str>) -> Attempt {
    match run_feed_rs_once(bytes, base_url) {
        Attempt::Failed(m) if m == PARSER_CRASHED => match contacts::without_contacts(bytes) {
            Some(fewer) => run_feed_rs_once(&fewer, base_url),
            None => Attempt::Failed(m),
        },
        attempt => attempt,
    }
}

const PARSER_CRASHED: &str = "the parser crashed";

/// Runs feed-rs. Its XML layer has panicked on hostile input before, so a
/// panic is caught (quietly) and reported rather than taking the caller down.
fn run_feed_rs_once(bytes: &[u8], base_url: Option<&str>) -> Attempt {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base_url)
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .timestamp_parser(date::parse_utc)
        .build();
    match quiet_panic::catch(|| parser.parse(bytes)) {
        Ok(Ok(feed)) => Attempt::Parsed(Box::new(feed)),
        Ok(Err(ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot))) => Attempt::NoFeedRoot,
        Ok(Err(e)) => {
            // feed-rs may quote the document.
            let message = crate::text::sanitize_line(&e.to_string());
            if message.contains("deeper than the supported limit") {
                Attempt::TooDeep
            } else {
                Attempt::Failed(message)
            }
        }
        Err(_) => Attempt::Failed(PARSER_CRASHED.to_owned()),
    }
}

fn parse_xml(
    bytes: &[u8],
    base_url: Option<&str>,
    content_type: Option<&str>,
    lenient_only: bool,
) -> Result<ParsedFeed, FeedError> {
    let decoded = decode::decode(bytes, content_type);
    let mut notes = decoded.notes;
    let (text, atom_03) = sniff::normalize_namespaces(&decoded.bytes);
    let text = entities::expand(text);
    // Atom 0.3's names and modes are the lenient reader's to read.
    let strict = if lenient_only || atom_03 {
        Attempt::NoFeedRoot
    } else {
        run_feed_rs(&text, base_url)
    };
    let (failure, missed) = match strict {
        Attempt::Parsed(mut feed) => {
            let census = Census::of(&text, dialect(&feed));
            rdf_about_ids(&mut feed, &text, &census);
            let authors_unread = item_authors::itunes_authors(&mut feed, &text, &census);
            match verdict(&feed, &census, authors_unread) {
                Verdict::Whole => return Ok(map::to_parsed(*feed, base_url, notes)),
                verdict => (None, Some((feed, verdict))),
            }
        }
        Attempt::TooDeep => return Err(too_deep()),
        Attempt::NoFeedRoot => (None, None),
        Attempt::Failed(message) => (Some(message), None),
    };
    let mut root = sniff::root(&text);
    // Junk before the feed (a PHP warning, an HTML banner) hides its root.
    let mut skip = 0;
    if matches!(root, Root::Other(_) | Root::None)
        && let Some(at) = sniff::feed_root_start(&text)
    {
        (root, skip) = (Root::Feed, at);
    }
    match &root {
        Root::Html => return Err(FeedError::WebPage),
        Root::None => return Err(not_a_feed("no XML element at all")),
        Root::Other(name) if failure.is_none() && missed.is_none() => {
            return Err(not_a_feed(&format!("the root element is <{name}>")));
        }
        _ => {}
    }
    let junk_before = sniff::count_junk(&String::from_utf8_lossy(&text[..skip]));
    let as_text = String::from_utf8_lossy(&text[skip..]);
    let (body, junk) = sniff::strip_leading_junk(&as_text);
    if junk + junk_before > 0 {
        notes.push(format!(
            "removed {} bytes of junk before the first tag",
            junk + junk_before
        ));
    }
    let repaired = repair::repair(body, &[]).map_err(|_| too_deep())?;
    notes.extend(repaired.notes);
    let base = base_url.and_then(|u| url::Url::parse(u).ok());
    let lenient = lenient::read(&repaired.text, base.as_ref(), notes);
    match (lenient, missed) {
        // feed-rs read the document but fell short: keep its reading
        // unless the lenient one found more (or, where it reads better,
        // as much).
        (Some(read), Some((feed, verdict))) => {
            let strict = map::to_parsed(*feed, base_url, Vec::new());
            let (lenient, strict_found) = (found(&read), found(&strict));
            // Where it reads better it may rightly find fewer links (a
            // guid that is no permalink): items and titles decide.
            let better = match verdict {
                Verdict::Wanting => (lenient.0, lenient.1) >= (strict_found.0, strict_found.1),
                _ => lenient > strict_found,
            };
            Ok(if better { read } else { strict })
        }
        (Some(read), None) => Ok(read),
        (None, Some((feed, _))) => Ok(map::to_parsed(*feed, base_url, Vec::new())),
        (None, None) => match failure {
            Some(message) => Err(invalid_xml(&repaired.text, message)),
            None => Err(not_a_feed(&root.describe())),
        },
    }
}

fn too_deep() -> FeedError {
    FeedError::TooDeep {
        limit: repair::MAX_DEPTH,
    }
}

fn not_a_feed(found: &str) -> FeedError {
    FeedError::NotAFeed {
        found: crate::text::sanitize_line(found),
    }
}

/// Names where the repaired text is still broken, found with quick-xml.
fn invalid_xml(text: &str, fallback: String) -> FeedError {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return FeedError::InvalidXml {
                    position: reader.error_position(),
                    message: crate::text::sanitize_line(&e.to_string()),
                };
            }
        }
    }
    FeedError::InvalidFeed {
        message: crate::text::sanitize_line(&fallback),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod media_tests;

#[cfg(test)]
mod variant_tests;

#[cfg(test)]
mod field_tests;
