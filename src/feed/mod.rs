//! Feed documents → `ParsedFeed`. Pure: bytes in, plain data out.
//!
//! The strict path hands the bytes to feed-rs as they are. Only when that
//! fails, and the bytes look like XML, is the document repaired (see
//! `repair`) and parsed again; each repair is reported in
//! `ParsedFeed::repairs`. JSON Feeds get a smaller repair of their own.

pub mod bounds;
mod contacts;
mod decode;
mod json;
mod map;
mod quiet_panic;
mod repair;
mod sniff;

use crate::model::ParsedFeed;
use sniff::Root;

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
    let base_url = base_url.filter(|u| url::Url::parse(u).is_ok());
    let start = sniff::content_start(bytes);
    match bytes.get(start) {
        None => Err(FeedError::Empty),
        Some(b'{' | b'[') => json::parse(&bytes[start..], base_url),
        Some(_) => parse_xml(bytes, base_url),
    }
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

/// Atom 0.3 names that Atom 1.0 (and so feed-rs) calls otherwise.
const ATOM_03_RENAMES: &[(&str, &str)] = &[
    ("issued", "published"),
    ("modified", "updated"),
    ("tagline", "subtitle"),
    ("copyright", "rights"),
];

fn parse_xml(bytes: &[u8], base_url: Option<&str>) -> Result<ParsedFeed, FeedError> {
    let decoded = decode::decode(bytes);
    let mut notes = decoded.notes;
    let (text, atom_03) = sniff::normalize_namespaces(&decoded.bytes);
    // Atom 0.3 needs element renames: route it through the rewriter.
    let strict = if atom_03 {
        Attempt::NoFeedRoot
    } else {
        run_feed_rs(&text, base_url)
    };
    let failure = match strict {
        Attempt::Parsed(feed) => return Ok(map::to_parsed(*feed, base_url, notes)),
        Attempt::TooDeep => return Err(too_deep()),
        Attempt::NoFeedRoot => None,
        Attempt::Failed(message) => Some(message),
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
        Root::Other(name) if failure.is_none() => {
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
    let renames = if atom_03 { ATOM_03_RENAMES } else { &[] };
    let repaired = repair::repair(body, renames).map_err(|_| too_deep())?;
    notes.extend(repaired.notes);
    match run_feed_rs(repaired.text.as_bytes(), base_url) {
        Attempt::Parsed(feed) => Ok(map::to_parsed(*feed, base_url, notes)),
        Attempt::TooDeep => Err(too_deep()),
        Attempt::NoFeedRoot => Err(not_a_feed(&root.describe())),
        Attempt::Failed(message) => Err(invalid_xml(&repaired.text, message)),
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
