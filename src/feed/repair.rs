//! One linear pass that turns almost-XML into XML a strict parser accepts:
//! bare `&` and `<` escaped, HTML entities turned into character references,
//! characters XML forbids dropped, tags balanced with a stack, truncated
//! documents closed, `<rss>` given a version feed-rs knows. CDATA sections
//! and comments are copied as they are (minus forbidden characters).

use markup5ever::data::NAMED_ENTITIES;

mod markup;
mod state;

use markup::{
    Attr, holds_text, is_feed_field, is_html_name, is_name_byte, is_name_start, parse_attributes,
    same_tag,
};
use state::{Counts, Stack};

/// Deeper nesting than this is refused (quick-xml's own limit).
pub(super) const MAX_DEPTH: usize = 65_535;

/// RSS versions feed-rs dispatches on; anything else is read as 2.0.
const KNOWN_RSS_VERSIONS: &[&str] = &["2.0", "", "0.91", "0.92"];

pub(super) struct Repaired {
    pub text: String,
    /// Short human phrases, one per kind of repair that changed something.
    pub notes: Vec<String>,
}

/// The document nests deeper than `MAX_DEPTH`.
#[derive(Debug)]
pub(super) struct TooDeep;

struct Repairer<'a> {
    src: &'a str,
    out: String,
    stack: Stack,
    counts: Counts,
    renames: &'a [(&'a str, &'a str)],
    seen_root: bool,
}

/// Repairs `src`. `renames` maps old element names to new ones (Atom 0.3's
/// `issued` → `published` and the like); renaming is not reported.
pub(super) fn repair(src: &str, renames: &[(&str, &str)]) -> Result<Repaired, TooDeep> {
    let mut r = Repairer {
        src,
        out: String::with_capacity(src.len() + src.len() / 16),
        stack: Stack::default(),
        counts: Counts::default(),
        renames,
        seen_root: false,
    };
    r.run()?;
    let closed = r.stack.names.len();
    while let Some(name) = r.stack.pop() {
        r.push_end_tag(&name);
    }
    r.counts.closed_at_eof += closed;
    Ok(Repaired {
        text: r.out,
        notes: r.counts.notes(),
    })
}

/// Where `</name>` (any letter case) first starts in `text`.
fn find_end_tag(text: &str, name: &str) -> Option<usize> {
    memchr::memmem::find_iter(text.as_bytes(), b"</").find(|&at| {
        let rest = &text.as_bytes()[at + 2..];
        rest.get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && rest
                .get(name.len())
                .is_some_and(|b| *b == b'>' || b.is_ascii_whitespace())
    })
}

/// A character the XML 1.0 `Char` production allows.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

impl<'a> Repairer<'a> {
    fn run(&mut self) -> Result<(), TooDeep> {
        let b = self.src.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while let Some(off) = memchr::memchr2(b'<', b'&', &b[i..]) {
            let at = i + off;
            self.push_text(text_start, at);
            i = if b[at] == b'&' {
                self.reference(at)
            } else {
                self.markup(at)?
            };
            text_start = i;
        }
        self.push_text(text_start, b.len());
        Ok(())
    }

    /// Copies `src[from..to]`, dropping characters XML forbids.
    fn push_text(&mut self, from: usize, to: usize) {
        let text = &self.src[from..to];
        let suspicious = text
            .bytes()
            .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x1b)) || b == 0xef);
        if !suspicious {
            self.out.push_str(text);
            return;
        }
        for c in text.chars() {
            // ESC stays (quick-xml accepts it) so that sanitising later can
            // remove whole escape sequences rather than leave "[31m".
            if is_xml_char(c) || c == '\u{1b}' {
                self.out.push(c);
            } else {
                self.counts.forbidden_chars += 1;
            }
        }
    }

    /// Handles `&` at `at`; returns where scanning resumes.
    fn reference(&mut self, at: usize) -> usize {
        let b = self.src.as_bytes();
        if b.get(at + 1) == Some(&b'#') {
            let hex = matches!(b.get(at + 2), Some(b'x' | b'X'));
            let start = at + if hex { 3 } else { 2 };
            let radix = if hex { 16 } else { 10 };
            let end = start
                + b[start.min(b.len())..]
                    .iter()
                    .take_while(|c| (**c as char).is_digit(radix))
                    .count();
            if end > start && b.get(end) == Some(&b';') {
                let value = u32::from_str_radix(&self.src[start..end], radix).ok();
                let c = value.and_then(char::from_u32);
                if c.is_some_and(is_xml_char) {
                    self.out.push_str(&self.src[at..=end]);
                } else if c == Some('\u{1b}') {
                    // Kept raw: sanitising later removes the whole escape
                    // sequence, not just its first character.
                    self.out.push('\u{1b}');
                } else {
                    self.counts.bad_char_refs += 1;
                }
                return end + 1;
            }
        } else {
            let end = at + 1 + b[at + 1..].iter().take_while(|c| is_name_byte(**c)).count();
            if end > at + 1 && b.get(end) == Some(&b';') {
                let name = &self.src[at + 1..end];
                if matches!(name, "amp" | "lt" | "gt" | "quot" | "apos") {
                    self.out.push_str(&self.src[at..=end]);
                    return end + 1;
                }
                if let Some(&(first, second)) = NAMED_ENTITIES
                    .get(&self.src[at + 1..=end])
                    .filter(|(first, _)| *first != 0)
                {
                    for cp in [first, second].into_iter().filter(|cp| *cp != 0) {
                        self.out.push_str(&format!("&#{cp};"));
                    }
                    self.counts.html_entities += 1;
                    return end + 1;
                }
            } else if end > at + 1 && b.get(end) != Some(&b'=') {
                // One of HTML's legacy names without its `;` (`&amp Sons`,
                // `&copy 2026`), read as browsers read it; not before `=`
                // (`?a=1&copy=2`), and a longer name (`AT&ampT`) is none.
                if let Some(&(cp, _)) = NAMED_ENTITIES
                    .get(&self.src[at + 1..end])
                    .filter(|(cp, _)| *cp != 0)
                {
                    self.out.push_str(&format!("&#{cp};"));
                    self.counts.html_entities += 1;
                    return end;
                }
            }
        }
        self.out.push_str("&amp;");
        self.counts.bare_amp += 1;
        at + 1
    }

    /// Handles `<` at `at`; returns where scanning resumes.
    fn markup(&mut self, at: usize) -> Result<usize, TooDeep> {
        let rest = &self.src[at..];
        if rest.starts_with("<!--") {
            return Ok(self.verbatim(at, "<!--", "-->", "a comment"));
        }
        // `<![cdata[` is no CDATA section in XML, but is written as one.
        if rest
            .as_bytes()
            .get(..9)
            .is_some_and(|m| m.eq_ignore_ascii_case(b"<![CDATA["))
        {
            if !rest.starts_with("<![CDATA[") {
                self.counts.cdata_markers += 1;
            }
            return Ok(self.verbatim(at, "<![CDATA[", "]]>", "a CDATA section"));
        }
        let next = rest.as_bytes().get(1).copied().unwrap_or(0);
        match next {
            b'!' => Ok(self.skip_declaration(at)),
            b'?' => Ok(self.processing_instruction(at)),
            b'/' => Ok(self.end_tag(at)),
            b if is_name_start(b) => self.start_tag(at),
            _ => {
                self.out.push_str("&lt;");
                self.counts.bare_lt += 1;
                Ok(at + 1)
            }
        }
    }

    /// Copies a comment or CDATA section, its opening marker as `open`
    /// spells it; closes it at end of input.
    fn verbatim(&mut self, at: usize, open: &str, close: &str, what: &'static str) -> usize {
        let body = at + open.len();
        self.out.push_str(open);
        let found = self.src[body..].find(close);
        if let Some(end) = found.and_then(|end| self.left_open_cdata_end(open, body, end)) {
            self.push_text(body, end);
            self.out.push_str(close);
            self.counts.cdata_closed_early += 1;
            return end;
        }
        match found {
            Some(end) => {
                let end = body + end + close.len();
                self.push_text(body, end);
                end
            }
            None => {
                // A CDATA section left open ends where the element holding
                // it ends, rather than swallowing the items after it.
                let end = match self.stack.names.last() {
                    Some(parent) if open == "<![CDATA[" => {
                        find_end_tag(&self.src[body..], parent).map(|e| body + e)
                    }
                    _ => None,
                };
                self.push_text(body, end.unwrap_or(self.src.len()));
                self.out.push_str(close);
                match end {
                    Some(end) => {
                        self.counts.cdata_closed_early += 1;
                        end
                    }
                    None => {
                        self.counts.unterminated.push(what);
                        self.src.len()
                    }
                }
            }
        }
    }

    /// A CDATA section whose `]]>` (at `body + end`) comes after another
    /// section's start was left open and ran on into the next one: it
    /// ends where the element holding it ends, if that comes first.
    fn left_open_cdata_end(&self, open: &str, body: usize, end: usize) -> Option<usize> {
        if open != "<![CDATA[" {
            return None;
        }
        let inside = &self.src[body..body + end];
        let nested = memchr::memmem::find(inside.as_bytes(), open.as_bytes())?;
        let parent = self.stack.names.last()?;
        find_end_tag(&inside[..nested], parent).map(|e| body + e)
    }

    /// Drops `<!DOCTYPE ...>` and other markup declarations: feed-rs
    /// ignores them, and HTML doctypes only get in the way.
    fn skip_declaration(&mut self, at: usize) -> usize {
        let mut depth = 0usize;
        for (off, &b) in self.src.as_bytes()[at..].iter().enumerate() {
            match b {
                b'[' => depth += 1,
                b']' => depth = depth.saturating_sub(1),
                b'>' if depth == 0 => return at + off + 1,
                _ => {}
            }
        }
        self.src.len()
    }

    /// Keeps processing instructions (stylesheets) but drops XML
    /// declarations: the text is UTF-8 now, whatever they said.
    fn processing_instruction(&mut self, at: usize) -> usize {
        let rest = &self.src[at..];
        let Some(end) = rest
            .find("?>")
            .map(|e| e + 2)
            .or_else(|| rest.find('>').map(|e| e + 1))
        else {
            return self.src.len();
        };
        let target_len = rest[2..].bytes().take_while(|b| is_name_byte(*b)).count();
        if &rest[2..2 + target_len] != "xml" && rest[..end].ends_with("?>") {
            self.push_text(at, at + end);
        }
        at + end
    }

    /// Where a tag starting at `at` ends: the index just past `>`, or the
    /// index of a `<` that cuts it short, or None at end of input. Quotes
    /// are respected, but a `<` always ends the tag (XML forbids it in
    /// attribute values), so a stray quote cannot swallow the document.
    fn tag_end(&self, at: usize) -> Option<(usize, usize)> {
        let mut quote = None;
        for (off, &b) in self.src.as_bytes()[at + 1..].iter().enumerate() {
            let pos = at + 1 + off;
            match (quote, b) {
                (_, b'<') => return Some((pos, pos)),
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if b == q => quote = None,
                (None, b'>') => return Some((pos, pos + 1)),
                _ => {}
            }
        }
        None
    }

    fn end_tag(&mut self, at: usize) -> usize {
        let src: &'a str = self.src;
        let Some((inner_end, resume)) = self.tag_end(at) else {
            // `</ti` at end of input: the close at EOF handles it.
            return src.len();
        };
        let name = src[at + 2..inner_end].trim();
        let name = name.split(|c: char| c.is_whitespace()).next().unwrap_or("");
        let name = self.renamed(name);
        // `</TITLE>` closes an open `<title>`: tag names are matched
        // exactly first, then ignoring ASCII case, as forgiving readers do.
        let name = self.stack.open_name_like(name).unwrap_or(name).to_owned();
        let top_matches = self.stack.names.last() == Some(&name);
        if self.stack.in_text_only() && !top_matches && is_html_name(&name) {
            self.escape_markup(at, resume);
            return resume;
        }
        if !self.stack.contains(&name) {
            self.counts.dropped_end_tags += 1;
            return resume;
        }
        while let Some(open) = self.stack.pop() {
            self.push_end_tag(&open);
            if open == name {
                break;
            }
            self.counts.closed_inside += 1;
        }
        resume
    }

    fn push_end_tag(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    fn renamed<'n>(&self, name: &'n str) -> &'n str
    where
        'a: 'n,
    {
        self.renames
            .iter()
            .find(|(from, _)| *from == name)
            .map_or(name, |(_, to)| to)
    }

    fn start_tag(&mut self, at: usize) -> Result<usize, TooDeep> {
        let src: &'a str = self.src;
        let Some((inner_end, resume)) = self.tag_end(at) else {
            self.counts.unterminated.push("a tag");
            return Ok(src.len());
        };
        let original = &src[at..resume];
        let inner = &src[at + 1..inner_end];
        let name_len = inner.bytes().take_while(|b| is_name_byte(*b)).count();
        if self.stack.in_text_only() {
            // A title left open ends at the next field of its item
            // (`<title>One<link>...`): a title holds no such element.
            let title_open = self.stack.names.last().is_some_and(|open| {
                let local = open.rsplit(':').next().unwrap_or(open);
                local.eq_ignore_ascii_case("title")
            });
            if title_open
                && is_feed_field(&inner[..name_len])
                && let Some(open) = self.stack.pop()
            {
                self.push_end_tag(&open);
                self.counts.closed_inside += 1;
            }
        }
        if self.stack.in_text_only() {
            // A new item or entry means the text element was never closed.
            if !matches!(&inner[..name_len], "item" | "entry") {
                self.escape_markup(at, resume);
                return Ok(resume);
            }
            while self.stack.in_text_only() {
                if let Some(open) = self.stack.pop() {
                    self.push_end_tag(&open);
                    self.counts.closed_inside += 1;
                }
            }
        }
        let name = self.renamed(&inner[..name_len]);
        self.close_open_item(name);
        let attrs_src = inner[name_len..].trim_end();
        let self_closing = attrs_src.ends_with('/');
        let attrs_src = attrs_src.trim_end_matches('/');

        let root = !self.seen_root && self.stack.names.is_empty();
        let mut attrs = parse_attributes(attrs_src);
        let mut seen: Vec<&str> = Vec::with_capacity(attrs.len());
        attrs.retain(|a| {
            let first = !seen.contains(&a.name);
            seen.push(a.name);
            first
        });
        // The tag as parsed, values raw: compared with the original it
        // tells a structural fix (quotes, duplicates, garbage) from the
        // entity fixes counted on their own.
        let close = if self_closing { "/>" } else { ">" };
        let mut raw = format!("<{}", &inner[..name_len]);
        for attr in &attrs {
            let q = attr.quote;
            raw.push_str(&format!(" {}={q}{}{q}", attr.name, attr.value));
        }
        raw.push_str(close);
        if !same_tag(original, &raw) {
            self.counts.malformed_tags += 1;
        }
        if root && name == "rss" {
            self.fix_rss_version(&mut attrs);
        }
        let mut tag = String::with_capacity(original.len() + 8);
        tag.push('<');
        tag.push_str(name);
        for attr in &attrs {
            tag.push(' ');
            tag.push_str(attr.name);
            tag.push('=');
            tag.push(attr.quote);
            self.push_attr_value(&mut tag, &attr.value, attr.quote);
            tag.push(attr.quote);
        }
        tag.push_str(close);
        self.out.push_str(&tag);
        self.seen_root = true;
        if !self_closing {
            if self.stack.names.len() >= MAX_DEPTH {
                return Err(TooDeep);
            }
            let text_only = holds_text(name, &attrs);
            let name = name.to_owned();
            self.stack.push(&name, text_only);
        }
        Ok(resume)
    }

    /// An item or entry never nests: a new one while one of that name is
    /// open means the open one was never closed, so it ends here (as an
    /// HTML parser ends an open `<p>` or `<li>`).
    fn close_open_item(&mut self, name: &str) {
        let local = name.rsplit(':').next().unwrap_or(name);
        if !(local.eq_ignore_ascii_case("item") || local.eq_ignore_ascii_case("entry")) {
            return;
        }
        let Some(open) = self.stack.open_name_like(name).map(str::to_owned) else {
            return;
        };
        while let Some(top) = self.stack.pop() {
            self.push_end_tag(&top);
            self.counts.closed_inside += 1;
            if top == open {
                break;
            }
        }
    }

    /// Writes the markup at `src[at..end]` as text: `&lt;` then the rest
    /// with references fixed (a `<` cannot occur in it; `tag_end` stops there).
    fn escape_markup(&mut self, at: usize, end: usize) {
        self.counts.escaped_html_tags += 1;
        self.out.push_str("&lt;");
        let mut sub = Repairer {
            src: &self.src[at + 1..end],
            out: String::new(),
            stack: Stack::default(),
            counts: Counts::default(),
            renames: &[],
            seen_root: true,
        };
        // Cannot fail: with no `<` in the input no tag is ever opened.
        let _ = sub.run();
        self.out.push_str(&sub.out);
        self.counts.bare_amp += sub.counts.bare_amp;
        self.counts.html_entities += sub.counts.html_entities;
        self.counts.bad_char_refs += sub.counts.bad_char_refs;
        self.counts.forbidden_chars += sub.counts.forbidden_chars;
    }

    fn fix_rss_version(&mut self, attrs: &mut Vec<Attr<'_>>) {
        match attrs.iter_mut().find(|a| a.name == "version") {
            Some(attr) if KNOWN_RSS_VERSIONS.contains(&attr.value.trim()) => {
                attr.value = attr.value.trim().to_owned();
            }
            Some(attr) => {
                self.counts.rss_version = Some(attr.value.chars().take(20).collect());
                attr.value = "2.0".to_owned();
            }
            None => {
                self.counts.rss_version = Some(String::new());
                attrs.push(Attr {
                    name: "version",
                    value: "2.0".to_owned(),
                    quote: '"',
                });
            }
        }
    }

    /// Writes an attribute value with bare `&`, `<` and the other quote
    /// character escaped, entities fixed as in text.
    fn push_attr_value(&mut self, tag: &mut String, value: &str, quote: char) {
        let mut sub = Repairer {
            src: value,
            out: String::with_capacity(value.len()),
            stack: Stack::default(),
            counts: Counts::default(),
            renames: &[],
            seen_root: true,
        };
        let b = value.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while let Some(off) = memchr::memchr3(b'&', b'<', quote as u8, &b[i..]) {
            let at = i + off;
            sub.push_text(text_start, at);
            i = match b[at] {
                b'&' => sub.reference(at),
                b'<' => {
                    sub.out.push_str("&lt;");
                    at + 1
                }
                _ => {
                    sub.out
                        .push_str(if quote == '"' { "&quot;" } else { "&apos;" });
                    at + 1
                }
            };
            text_start = i;
        }
        sub.push_text(text_start, b.len());
        tag.push_str(&sub.out);
        self.counts.bare_amp += sub.counts.bare_amp;
        self.counts.html_entities += sub.counts.html_entities;
        self.counts.bad_char_refs += sub.counts.bad_char_refs;
        self.counts.forbidden_chars += sub.counts.forbidden_chars;
    }
}

#[cfg(test)]
mod tests;
