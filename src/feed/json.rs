//! JSON Feed: strict parse by feed-rs; on failure, fix what real feeds get
//! wrong (missing or http version, numeric ids, fields of the wrong type)
//! and parse again.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::{Attempt, FeedError, map, not_a_feed, run_feed_rs};
use crate::model::ParsedFeed;

const VERSION_1_1: &str = "https://jsonfeed.org/version/1.1";

pub(super) fn parse(bytes: &[u8], base_url: Option<&str>) -> Result<ParsedFeed, FeedError> {
    let own = own_base(bytes, base_url);
    let base_url = own.as_deref().or(base_url);
    let mut feed = parse_document(bytes, base_url)?;
    super::json_durations::add(bytes, &mut feed, base_url);
    Ok(feed)
}

/// What a JSON Feed's relative URLs resolve against, when not the URL
/// it was read from. JSON has no `xml:base`, so a feed fetched over HTTP
/// resolves against the URL it came from (RFC 3986 §5.1.3: the document's
/// real place, where a `feed_url` may be stale after a move). One read
/// from a file (a `file:` URL, or none) resolves against the address
/// the feed gives itself, `feed_url`, else its site's, `home_page_url`:
/// a file's path says nothing about the site its links are on.
fn own_base(bytes: &[u8], base_url: Option<&str>) -> Option<String> {
    if base_url.is_some_and(|u| u.starts_with("http://") || u.starts_with("https://")) {
        return None;
    }
    #[derive(serde::Deserialize)]
    struct Addresses {
        feed_url: Option<Value>,
        home_page_url: Option<Value>,
    }
    let said: Addresses = serde_json::from_slice(bytes).ok()?;
    [said.feed_url, said.home_page_url]
        .into_iter()
        .flatten()
        .find_map(|v| {
            let url = url::Url::parse(v.as_str()?.trim()).ok()?;
            matches!(url.scheme(), "http" | "https").then(|| url.into())
        })
}

fn parse_document(bytes: &[u8], base_url: Option<&str>) -> Result<ParsedFeed, FeedError> {
    if let Attempt::Parsed(feed) = run_feed_rs(bytes, base_url) {
        return Ok(map::to_parsed(*feed, base_url, Vec::new()));
    }
    let (mut value, repairs) = match serde_json::from_slice(bytes) {
        Ok(value) => (value, Vec::new()),
        Err(e) => repaired(bytes).ok_or(FeedError::InvalidJson {
            message: e.to_string(),
        })?,
    };
    let mut notes = normalize(&mut value)?;
    notes.splice(0..0, repairs);
    let fixed = serde_json::to_vec(&value).map_err(|e| FeedError::InvalidJson {
        message: e.to_string(),
    })?;
    match run_feed_rs(&fixed, base_url) {
        Attempt::Parsed(feed) => Ok(map::to_parsed(*feed, base_url, notes)),
        Attempt::Failed(message) => Err(FeedError::InvalidJson { message }),
        Attempt::NoFeedRoot | Attempt::TooDeep => Err(not_a_feed("JSON that feed-rs cannot read")),
    }
}

/// What real JSON feeds get wrong, mended in turn: bytes that are not
/// UTF-8 (read as windows-1252, as in XML feeds), a comma before `]` or
/// `}`, a file cut short (closed after its last complete value). The
/// value and a note per repair; None when it is still not JSON.
fn repaired(bytes: &[u8]) -> Option<(Value, Vec<String>)> {
    let mut notes = Vec::new();
    let mut text = Cow::Borrowed(bytes);
    if std::str::from_utf8(bytes).is_err() {
        let (decoded, invalid, _) = super::decode::utf8_with_windows_1252_fallback(bytes);
        notes.push(format!(
            "read {invalid} bytes that are not valid UTF-8 as windows-1252"
        ));
        text = Cow::Owned(decoded.into_bytes());
    }
    // Hand-written feeds leave a comma before `]` or `}`.
    if let Some((fixed, commas)) = without_trailing_commas(&text) {
        notes.push(format!("removed {commas} trailing commas"));
        text = Cow::Owned(fixed);
    }
    // Writers that paste text in raw leave control characters in it.
    if let Some((fixed, controls)) = controls_escaped(&text) {
        notes.push(format!(
            "escaped or dropped {controls} raw control characters"
        ));
        text = Cow::Owned(fixed);
    }
    match serde_json::from_slice(&text) {
        Ok(value) => Some((value, notes)),
        Err(e) if !e.is_eof() => {
            // Junk after the document (a second copy, a PHP warning, NULs):
            // the first value stands when it is an object.
            let mut values = serde_json::Deserializer::from_slice(&text).into_iter::<Value>();
            let value @ Value::Object(_) = values.next()?.ok()? else {
                return None;
            };
            let junk = text.len() - values.byte_offset();
            notes.push(format!("ignored {junk} bytes after the JSON document"));
            Some((value, notes))
        }
        Err(e) if e.is_eof() => {
            let closed = closed_after_last_value(&text)?;
            let value: Value = serde_json::from_slice(&closed).ok()?;
            // A cut that leaves neither a title nor an item recovered
            // nothing: it stays an error.
            let title = value.get("title").and_then(Value::as_str);
            let items = value.get("items").and_then(Value::as_array);
            if title.is_none_or(str::is_empty) && items.is_none_or(Vec::is_empty) {
                return None;
            }
            notes.push("closed a JSON document cut off by its end".to_owned());
            Some((value, notes))
        }
        Err(_) => None,
    }
}

/// `bytes` with the control characters JSON forbids unescaped (U+0000 to
/// U+001F but tab, newline and carriage return) written as `\u00XX`
/// inside strings and dropped outside them, and how many there were;
/// None when there are none.
fn controls_escaped(bytes: &[u8]) -> Option<(Vec<u8>, usize)> {
    let is_control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    if !bytes.iter().any(|b| is_control(*b)) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    let (mut in_string, mut escaped, mut found) = (false, false, 0);
    for &b in bytes {
        if is_control(b) {
            found += 1;
            if in_string {
                out.extend_from_slice(format!("\\u{b:04x}").as_bytes());
                escaped = false;
            }
            continue;
        }
        if in_string {
            (escaped, in_string) = string_step(escaped, b);
        } else if b == b'"' {
            in_string = true;
        }
        out.push(b);
    }
    Some((out, found))
}

/// A truncated document cut back to just after its last complete value
/// inside an object or array (the one before a comma, or a whole object
/// or array such as an item), with the objects and arrays still open
/// closed. None when no value was complete.
fn closed_after_last_value(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut open: Vec<u8> = Vec::new();
    // Where the last inner value ended, and how many were open around it.
    let mut last: Option<(usize, usize)> = None;
    let (mut in_string, mut escaped) = (false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            (escaped, in_string) = string_step(escaped, b);
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' => open.push(b'}'),
            b'[' => open.push(b']'),
            b'}' | b']' => {
                open.pop();
                if !open.is_empty() {
                    last = Some((i + 1, open.len()));
                }
            }
            // A comma follows a complete member or element.
            b',' if !open.is_empty() => last = Some((i, open.len())),
            _ => {}
        }
    }
    let (end, depth) = last?;
    let mut out = bytes[..end].to_vec();
    out.extend(open.get(..depth)?.iter().rev());
    Some(out)
}

/// `bytes` without the commas that stand right before a `]` or `}`
/// (outside strings), and how many went; None when there are none.
fn without_trailing_commas(bytes: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut out = Vec::with_capacity(bytes.len());
    let (mut in_string, mut escaped, mut removed) = (false, false, 0);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            (escaped, in_string) = string_step(escaped, b);
        } else if b == b'"' {
            in_string = true;
        } else if b == b',' {
            let next = bytes[i + 1..].iter().find(|c| !c.is_ascii_whitespace());
            if matches!(next, Some(b']' | b'}')) {
                removed += 1;
                continue;
            }
        }
        out.push(b);
    }
    (removed > 0).then_some((out, removed))
}

const FEED_STRINGS: &[&str] = &[
    "home_page_url",
    "feed_url",
    "language",
    "description",
    "icon",
    "favicon",
];
const ITEM_STRINGS: &[&str] = &[
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "date_published",
    "date_modified",
];

/// Makes a JSON object readable as a JSON Feed, or says why it is not one.
fn normalize(value: &mut Value) -> Result<Vec<String>, FeedError> {
    let Some(feed) = value.as_object_mut() else {
        return Err(not_a_feed("JSON, but not an object"));
    };
    let version = feed
        .get("version")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let is_json_feed = version
        .as_deref()
        .is_some_and(|v| v.contains("jsonfeed.org/version/1"));
    if !is_json_feed && !feed.get("items").is_some_and(Value::is_array) {
        return Err(not_a_feed(
            "JSON without a JSON Feed \"version\" or \"items\"",
        ));
    }
    let mut notes = Vec::new();
    if !version
        .as_deref()
        .is_some_and(|v| v.starts_with("https://jsonfeed.org/version/1"))
    {
        let said = version.unwrap_or_else(|| "no version".to_owned());
        notes.push(format!("read JSON ({said}) as JSON Feed 1.1"));
        feed.insert("version".into(), VERSION_1_1.into());
    }
    let mut fixed = 0;
    if !feed.get("title").is_some_and(Value::is_string) {
        fixed += usize::from(feed.contains_key("title"));
        feed.insert("title".into(), "".into());
    }
    fixed += drop_non_strings(feed, FEED_STRINGS) + fix_authors(feed);
    let items = match feed.remove("items") {
        Some(Value::Array(items)) => items,
        other => {
            fixed += usize::from(other.is_some());
            Vec::new()
        }
    };
    let mut kept = Vec::with_capacity(items.len());
    for item in items {
        let Value::Object(mut item) = item else {
            fixed += 1;
            continue;
        };
        fixed += fix_item(&mut item);
        kept.push(Value::Object(item));
    }
    feed.insert("items".into(), Value::Array(kept));
    if fixed > 0 {
        notes.push(format!(
            "dropped or fixed {fixed} JSON Feed fields of the wrong type"
        ));
    }
    Ok(notes)
}

fn fix_item(item: &mut Map<String, Value>) -> usize {
    let mut fixed = 0;
    match item.get("id") {
        Some(Value::String(_)) | None => {}
        Some(Value::Number(n)) => {
            let id = n.to_string();
            item.insert("id".into(), id.into());
            fixed += 1;
        }
        Some(_) => {
            item.remove("id");
            fixed += 1;
        }
    }
    fixed += drop_non_strings(item, ITEM_STRINGS) + fix_authors(item);
    let tags_ok = item
        .get("tags")
        .is_none_or(|t| t.as_array().is_some_and(|a| a.iter().all(Value::is_string)));
    if !tags_ok {
        item.remove("tags");
        fixed += 1;
    }
    if let Some(attachments) = item.get_mut("attachments") {
        let valid = |a: &Value| {
            a.get("url").is_some_and(Value::is_string)
                && a.get("mime_type").is_some_and(Value::is_string)
        };
        match attachments.as_array_mut() {
            Some(list) => {
                let before = list.len();
                list.retain(valid);
                fixed += before - list.len();
            }
            None => {
                item.remove("attachments");
                fixed += 1;
            }
        }
    }
    fixed
}

fn drop_non_strings(object: &mut Map<String, Value>, keys: &[&str]) -> usize {
    let mut dropped = 0;
    for key in keys {
        if object
            .get(*key)
            .is_some_and(|v| !v.is_string() && !v.is_null())
        {
            object.remove(*key);
            dropped += 1;
        }
    }
    dropped
}

/// `author` must be an object and `authors` an array of objects, each
/// with string-or-absent `name` and `url`.
fn fix_authors(object: &mut Map<String, Value>) -> usize {
    let good = |a: &Value| {
        a.as_object().is_some_and(|o| {
            ["name", "url", "avatar"]
                .iter()
                .all(|k| o.get(*k).is_none_or(|v| v.is_string() || v.is_null()))
        })
    };
    let mut fixed = 0;
    if object
        .get("author")
        .is_some_and(|a| !a.is_null() && !good(a))
    {
        object.remove("author");
        fixed += 1;
    }
    match object.get_mut("authors") {
        Some(Value::Array(list)) => {
            let before = list.len();
            list.retain(good);
            fixed += before - list.len();
        }
        Some(Value::Null) | None => {}
        Some(_) => {
            object.remove("authors");
            fixed += 1;
        }
    }
    fixed
}

/// Inside a JSON string, after byte `b`: whether the next byte is
/// escaped, and whether the string goes on.
fn string_step(escaped: bool, b: u8) -> (bool, bool) {
    match (escaped, b) {
        (true, _) => (false, true),
        (false, b'\\') => (true, true),
        (false, b'"') => (false, false),
        _ => (false, true),
    }
}

#[cfg(test)]
mod tests {
    use super::{closed_after_last_value, repaired, without_trailing_commas};

    #[test]
    fn a_cut_document_keeps_what_came_before_the_cut() {
        let cut = br#"{"title": "T", "items": [{"id": "1", "n": [1]}, {"id": "2", "title": "Tw"#;
        let closed = closed_after_last_value(cut).unwrap();
        assert_eq!(
            String::from_utf8(closed).unwrap(),
            r#"{"title": "T", "items": [{"id": "1", "n": [1]}, {"id": "2"}]}"#
        );
        // Cut inside the first item: what came before a comma stands.
        let inside = br#"{"title": "T", "items": [{"id": "1", "url": "https://x.te"#;
        assert_eq!(
            String::from_utf8(closed_after_last_value(inside).unwrap()).unwrap(),
            r#"{"title": "T", "items": [{"id": "1"}]}"#
        );
        let before_items = br#"{"title": "T", "home_page_url": "htt"#;
        assert_eq!(
            String::from_utf8(closed_after_last_value(before_items).unwrap()).unwrap(),
            r#"{"title": "T"}"#
        );
        assert_eq!(closed_after_last_value(br#"{"title": "T"#), None);
        // Closed, but with neither a title nor an item: nothing recovered.
        assert!(
            repaired(br#"{"version": "https://jsonfeed.org/version/1.1", "items": ["#).is_none()
        );
        let (value, notes) = repaired(cut).unwrap();
        assert_eq!(value["items"][0]["id"], "1");
        assert_eq!(notes, ["closed a JSON document cut off by its end"]);
    }

    #[test]
    fn raw_control_characters_are_escaped_in_strings_and_dropped_elsewhere() {
        let (value, notes) =
            repaired(b"{\"title\": \"A\x00B\x1b[1m\",\x0c\"items\": []}\x00").unwrap();
        assert_eq!(value["title"], "A\u{0}B\u{1b}[1m");
        assert_eq!(notes, ["escaped or dropped 4 raw control characters"]);
    }

    #[test]
    fn junk_after_the_document_is_ignored() {
        let doc = br#"{"title": "T", "items": []}
<br><b>Warning</b>: x"#;
        let (value, notes) = repaired(doc).unwrap();
        assert_eq!(value["title"], "T");
        assert_eq!(notes, ["ignored 22 bytes after the JSON document"]);
        // Junk instead of the document is no document.
        assert!(repaired(b"[1, 2] {}").is_none());
        assert!(repaired(br#"{"title": x}"#).is_none());
    }

    #[test]
    fn latin1_bytes_read_as_windows_1252() {
        let (value, notes) = repaired(b"{\"title\": \"Caf\xe9 \x93q\x94\"}").unwrap();
        assert_eq!(value["title"], "Café “q”");
        assert_eq!(
            notes,
            ["read 3 bytes that are not valid UTF-8 as windows-1252"]
        );
    }

    #[test]
    fn trailing_commas_go_but_not_inside_strings() {
        let (fixed, n) = without_trailing_commas(
            br#"{"a": "x,] \",}", "b": [1, 2 ,
 ], }"#,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(fixed).unwrap(),
            "{\"a\": \"x,] \\\",}\", \"b\": [1, 2 \n ] }"
        );
        assert_eq!(n, 2);
        assert_eq!(without_trailing_commas(br#"{"a": [1, 2]}"#), None);
    }
}
