//! A quick parser for the simple HTML of most feed bodies: paragraphs,
//! lists, quotes, figures, links and emphasis, properly nested. It builds
//! the tree html5ever builds (the same nodes, created in the same order,
//! so the same ids) by calling the tree sink as html5ever's tree builder
//! does in those cases. Anything else (a table, a comment, a tag closed
//! out of order, an unquoted attribute) returns None, and html5ever
//! parses the input. html5ever's tokenizer reads one character at a time:
//! its parse was a quarter of a poll's planning.

use dom_query::{Document, NodeId};

use super::char_refs::char_ref;
use markup5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use markup5ever::tendril::StrTendril;
use markup5ever::{Attribute, LocalName, QualName, local_name, ns};

/// How an element takes part in tree building, for the elements this
/// parser knows; the others send the input to html5ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `p`: closes an open `p` (then html5ever parses).
    Paragraph,
    /// Closes an open `p`, and is "special" (stops the `li` search).
    Block,
    /// `div` and `address`: like a block, but the `li` search looks past
    /// them.
    Div,
    Heading,
    ListItem,
    /// `a`: a second one inside runs the adoption agency.
    Anchor,
    /// Formatting elements and other inline ones: inserted where they
    /// stand (properly nested, their bookkeeping never changes the tree).
    Inline,
    /// `img`, `br`, `wbr`: never hold anything.
    InlineVoid,
    /// `hr`: closes an open `p`, holds nothing.
    BlockVoid,
    /// `html` and `body`, at the bottom of the stack.
    Root,
}

impl Kind {
    fn of(name: &str) -> Option<Kind> {
        Some(match name {
            "p" => Kind::Paragraph,
            "div" | "address" => Kind::Div,
            "blockquote" | "figure" | "figcaption" | "ul" | "ol" | "section" | "article"
            | "aside" | "header" | "footer" | "nav" | "main" => Kind::Block,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
            "li" => Kind::ListItem,
            "a" => Kind::Anchor,
            "b" | "strong" | "em" | "i" | "u" | "s" | "small" | "code" | "span" | "sub" | "sup"
            | "cite" | "abbr" | "q" | "time" | "mark" | "dfn" | "kbd" | "samp" | "var" | "ins"
            | "del" | "data" => Kind::Inline,
            "img" | "br" | "wbr" => Kind::InlineVoid,
            "hr" => Kind::BlockVoid,
            _ => return None,
        })
    }

    fn is_void(self) -> bool {
        matches!(self, Kind::InlineVoid | Kind::BlockVoid)
    }

    /// Closes an open `p` when it starts.
    fn closes_p(self) -> bool {
        matches!(
            self,
            Kind::Paragraph
                | Kind::Block
                | Kind::Div
                | Kind::Heading
                | Kind::ListItem
                | Kind::BlockVoid
        )
    }
}

/// An open element.
struct Open {
    id: NodeId,
    name: LocalName,
    kind: Kind,
}

/// The tree of `html` as html5ever builds it, or None when the input
/// holds anything this parser does not know.
pub fn parse(html: &str) -> Option<Document> {
    // html5ever drops a leading byte-order mark, turns CR into LF and
    // NUL into U+FFFD: left to it.
    if html.starts_with('\u{FEFF}') || memchr::memchr2(b'\0', b'\r', html.as_bytes()).is_some() {
        return None;
    }
    let mut builder = Builder {
        doc: Document::default(),
        stack: Vec::new(),
        text: String::new(),
    };
    let bytes = html.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let Some(lt) = memchr::memchr2(b'<', b'&', &bytes[at..]).map(|i| at + i) else {
            builder.text.push_str(&html[at..]);
            break;
        };
        builder.text.push_str(&html[at..lt]);
        if bytes[lt] == b'&' {
            at = char_ref(html, lt, None, &mut builder.text);
            continue;
        }
        at = match bytes.get(lt + 1) {
            Some(b'/') => {
                let (name, end) = end_tag(html, lt + 2)?;
                builder.close(&name)?;
                end
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (tag, end) = start_tag(html, lt + 1)?;
                builder.open(tag)?;
                end
            }
            Some(b'!' | b'?') => return None,
            // A `<` that opens no tag is text.
            _ => {
                builder.text.push('<');
                lt + 1
            }
        };
    }
    builder.flush_text();
    builder.begin_body();
    Some(builder.doc)
}

struct Builder {
    doc: Document,
    /// Open elements, `html` and `body` first; empty before the first
    /// token.
    stack: Vec<Open>,
    /// Text not yet appended.
    text: String,
}

fn html_name(local: LocalName) -> QualName {
    QualName::new(None, ns!(html), local)
}

impl Builder {
    /// What html5ever does before the first token of a document with no
    /// doctype: quirks mode, then `html`, `head` (closed at once) and
    /// `body`.
    fn begin_body(&mut self) {
        if !self.stack.is_empty() {
            return;
        }
        let doc = &self.doc;
        doc.set_quirks_mode(QuirksMode::Quirks);
        let document = doc.get_document();
        let create = |name: &str| {
            doc.create_element(
                html_name(LocalName::from(name)),
                Vec::new(),
                ElementFlags::default(),
            )
        };
        let html = create("html");
        doc.append(&document, NodeOrText::AppendNode(html));
        let head = create("head");
        doc.append(&html, NodeOrText::AppendNode(head));
        let body = create("body");
        doc.append(&html, NodeOrText::AppendNode(body));
        self.stack.push(Open {
            id: html,
            name: local_name!("html"),
            kind: Kind::Root,
        });
        self.stack.push(Open {
            id: body,
            name: local_name!("body"),
            kind: Kind::Root,
        });
    }

    /// Appends the pending text to the current element. Before the first
    /// token, leading whitespace is dropped, as the tree builder does.
    fn flush_text(&mut self) {
        if self.stack.is_empty() {
            let rest = self
                .text
                .trim_start_matches(['\t', '\n', '\x0C', ' '])
                .len();
            if rest == 0 {
                self.text.clear();
                return;
            }
            self.text.drain(..self.text.len() - rest);
            self.begin_body();
        }
        if self.text.is_empty() {
            return;
        }
        let parent = self.current().id;
        let text = StrTendril::from(self.text.as_str());
        self.text.clear();
        self.doc.append(&parent, NodeOrText::AppendText(text));
    }

    fn current(&self) -> &Open {
        self.stack.last().expect("the body is open")
    }

    fn open(&mut self, tag: StartTag) -> Option<()> {
        let kind = Kind::of(&tag.name)?;
        if tag.self_closing && !kind.is_void() {
            return None;
        }
        self.flush_text();
        self.begin_body();
        let is_open = |name: &str| self.stack.iter().any(|o| &*o.name == name);
        if kind.closes_p() && is_open("p") {
            return None;
        }
        match kind {
            Kind::Heading if self.current().kind == Kind::Heading => return None,
            Kind::Anchor if is_open("a") => return None,
            Kind::ListItem => {
                // The tree builder closes an open `li` unless a special
                // element (other than `div`) stands between.
                for open in self.stack.iter().rev() {
                    match open.kind {
                        Kind::ListItem => return None,
                        Kind::Block | Kind::Heading | Kind::Root => break,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        let name = LocalName::from(tag.name.as_str());
        let id =
            self.doc
                .create_element(html_name(name.clone()), tag.attrs, ElementFlags::default());
        let parent = self.current().id;
        self.doc.append(&parent, NodeOrText::AppendNode(id));
        if !kind.is_void() {
            self.stack.push(Open { id, name, kind });
        }
        Some(())
    }

    /// An end tag: it must close the current element.
    fn close(&mut self, name: &str) -> Option<()> {
        self.flush_text();
        let current = self.stack.last()?;
        if current.kind == Kind::Root || &*current.name != name || current.kind.is_void() {
            return None;
        }
        self.stack.pop();
        Some(())
    }
}

struct StartTag {
    name: String,
    attrs: Vec<Attribute>,
    self_closing: bool,
}

/// The bytes of the attribute names this parser reads.
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b' ')
}

/// The name of an end tag starting at `from` (after `</`) and where the
/// tag ends: only `</name>`, with spaces before the `>`.
fn end_tag(html: &str, from: usize) -> Option<(String, usize)> {
    let bytes = html.as_bytes();
    if !bytes.get(from)?.is_ascii_alphabetic() {
        return None;
    }
    let len = bytes[from..]
        .iter()
        .position(|&b| is_space(b) || b == b'/' || b == b'>')?;
    let name = html[from..from + len].to_ascii_lowercase();
    let mut at = from + len;
    while bytes.get(at).is_some_and(|&b| is_space(b)) {
        at += 1;
    }
    (bytes.get(at) == Some(&b'>')).then_some((name, at + 1))
}

/// The start tag at `from` (after `<`): its name, its quoted (or empty)
/// attributes, and where it ends.
fn start_tag(html: &str, from: usize) -> Option<(StartTag, usize)> {
    let bytes = html.as_bytes();
    let len = bytes[from..]
        .iter()
        .position(|&b| is_space(b) || b == b'/' || b == b'>')?;
    let mut tag = StartTag {
        name: html[from..from + len].to_ascii_lowercase(),
        attrs: Vec::new(),
        self_closing: false,
    };
    let mut at = from + len;
    loop {
        while bytes.get(at).is_some_and(|&b| is_space(b)) {
            at += 1;
        }
        match *bytes.get(at)? {
            b'>' => return Some((tag, at + 1)),
            b'/' => {
                if bytes.get(at + 1) != Some(&b'>') {
                    return None;
                }
                tag.self_closing = true;
                return Some((tag, at + 2));
            }
            _ => {}
        }
        let name_len = bytes[at..].iter().position(|&b| !is_name_byte(b))?;
        if name_len == 0 {
            return None;
        }
        let name = html[at..at + name_len].to_ascii_lowercase();
        at += name_len;
        while bytes.get(at).is_some_and(|&b| is_space(b)) {
            at += 1;
        }
        let mut value = String::new();
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            while bytes.get(at).is_some_and(|&b| is_space(b)) {
                at += 1;
            }
            let quote = *bytes.get(at)?;
            if quote != b'"' && quote != b'\'' {
                return None;
            }
            at += 1;
            loop {
                let stop = memchr::memchr2(quote, b'&', &bytes[at..])? + at;
                value.push_str(&html[at..stop]);
                if bytes[stop] == quote {
                    at = stop + 1;
                    break;
                }
                at = char_ref(html, stop, Some(quote), &mut value);
            }
            // After a quoted value: a space, `/` or `>`.
            if !bytes
                .get(at)
                .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
            {
                return None;
            }
        } else if !bytes
            .get(at)
            .is_some_and(|&b| b == b'/' || b == b'>' || is_name_byte(b))
        {
            // (A name byte here follows spaces: the name took the others.)
            return None;
        }
        // html5ever keeps the first of two attributes of one name.
        if tag.attrs.iter().any(|a| *a.name.local == *name) {
            return None;
        }
        tag.attrs.push(Attribute {
            name: QualName::new(None, ns!(), LocalName::from(name.as_str())),
            value: StrTendril::from(value.as_str()),
        });
    }
}

#[cfg(test)]
#[path = "quick_parse_tests.rs"]
mod tests;
