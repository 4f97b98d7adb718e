//! A forgiving element tree from quick-xml's tokenizer in its non-strict
//! mode: end tags need not match (an end tag closes the nearest open
//! element of its name, or nothing), a dangling `&` is text, HTML entities
//! are decoded, and a syntax error ends the document where it stands
//! (a truncated file keeps what came before the cut).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use url::Url;

/// What a namespace URI (or, undeclared, its prefix) says an element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    /// No namespace, or the feed's own (RSS, RDF's RSS 1.0, RSS 1.1, CDF).
    Plain,
    Atom,
    Content,
    Dc,
    /// Apple's podcast tags (`itunes:summary`).
    Itunes,
    Media,
    Rdf,
    Xhtml,
    Other,
}

fn ns_of_uri(uri: &str) -> Ns {
    // Forgiving readers match namespaces ignoring case
    // (`HTTP://WWW.W3.ORG/2005/Atom`).
    let uri = uri.trim().trim_end_matches(['/', '#']).to_ascii_lowercase();
    let uri = uri
        .strip_prefix("http://")
        .or_else(|| uri.strip_prefix("https://"))
        .unwrap_or(&uri);
    match uri {
        "www.w3.org/2005/atom" | "purl.org/atom/ns" => Ns::Atom,
        "purl.org/rss/1.0/modules/content" => Ns::Content,
        "purl.org/dc/elements/1.1" | "purl.org/dc/terms" => Ns::Dc,
        "search.yahoo.com/mrss" => Ns::Media,
        "www.itunes.com/dtds/podcast-1.0.dtd" => Ns::Itunes,
        "www.w3.org/1999/02/22-rdf-syntax-ns" => Ns::Rdf,
        "www.w3.org/1999/xhtml" => Ns::Xhtml,
        "purl.org/rss/1.0"
        | "purl.org/net/rss1.1"
        | "my.netscape.com/rdf/simple/0.9"
        | "backend.userland.com/rss2"
        | "backend.userland.com/rss"
        | "" => Ns::Plain,
        _ => Ns::Other,
    }
}

/// An undeclared prefix, read by its usual meaning.
fn ns_of_prefix(prefix: &str) -> Ns {
    match prefix.to_ascii_lowercase().as_str() {
        "" => Ns::Plain,
        "atom" | "atom03" | "atom10" => Ns::Atom,
        "content" => Ns::Content,
        "dc" | "dcterms" => Ns::Dc,
        "media" => Ns::Media,
        "itunes" => Ns::Itunes,
        "rdf" => Ns::Rdf,
        "xhtml" | "html" => Ns::Xhtml,
        _ => Ns::Other,
    }
}

#[derive(Debug)]
pub(super) struct Node {
    /// Local name as written (CDF writes upper case).
    pub name: String,
    pub ns: Ns,
    /// Attributes by local name, values with references decoded.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<usize>,
    /// Text and CDATA directly inside, references decoded once.
    pub text: String,
    /// Byte range of the raw content between the start and end tags.
    pub inner: (usize, usize),
    /// `xml:base` in force here, resolved against the feed's URL.
    pub base: Option<Url>,
}

impl Node {
    pub fn is(&self, local: &str) -> bool {
        self.name.eq_ignore_ascii_case(local)
    }

    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(local))
            .map(|(_, v)| v.as_str())
    }
}

/// The document's elements; index 0 is the first (root) element.
pub(super) struct Tree<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
}

impl<'a> Tree<'a> {
    pub fn node(&self, id: usize) -> &Node {
        &self.nodes[id]
    }

    /// Children of `id`, as nodes with their ids.
    pub fn children(&self, id: usize) -> impl Iterator<Item = (usize, &Node)> {
        self.nodes[id].children.iter().map(|&c| (c, &self.nodes[c]))
    }

    /// The raw markup inside `id`, as the document wrote it.
    pub fn inner(&self, id: usize) -> &'a str {
        let (from, to) = self.nodes[id].inner;
        self.src.get(from..to).unwrap_or("")
    }
}

/// Elements nested deeper than this are read as text of their parent
/// (the repair pass refuses deeper documents anyway).
const MAX_OPEN: usize = 512;

/// Builds the tree of `src`. None when there is no element at all.
pub(super) fn build<'a>(src: &'a str, base: Option<&Url>) -> Option<Tree<'a>> {
    let mut reader = Reader::from_str(src);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    config.check_comments = false;
    let mut nodes: Vec<Node> = Vec::new();
    // Open elements: node id, and the namespace scope it declared.
    let mut open: Vec<(usize, Vec<(String, Ns)>)> = Vec::new();
    let mut root_closed = false;
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            // A syntax error (truncation, an unclosed CDATA...) ends the
            // document: what was read so far stands.
            Err(_) => break,
        };
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(tag) | Event::Empty(tag) if root_closed || open.len() >= MAX_OPEN => {
                let _ = tag;
            }
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                let empty = matches!(event, Event::Empty(_));
                let parent = open.last().map(|(id, _)| *id);
                let id = nodes.len();
                let node = start_node(tag, &open, parent.map(|p| &nodes[p]), base, after);
                let Some((node, scope)) = node else { continue };
                nodes.push(node);
                if let Some(p) = parent {
                    nodes[p].children.push(id);
                }
                if empty {
                    if parent.is_none() {
                        root_closed = true;
                    }
                } else {
                    open.push((id, scope));
                }
            }
            Event::End(tag) => {
                let name = tag.local_name().as_ref().to_owned();
                // Close the nearest open element of that name and all it
                // holds; an end tag that matches nothing is ignored.
                if let Some(at) = open.iter().rposition(|(id, _)| nodes[*id].is(&name)) {
                    for (id, _) in open.drain(at..) {
                        nodes[id].inner.1 = before;
                    }
                    root_closed = open.is_empty();
                }
            }
            Event::Text(text) => {
                if let Some((id, _)) = open.last() {
                    nodes[*id].text.push_str(&text);
                }
            }
            Event::GeneralRef(r) => {
                if let Some((id, _)) = open.last() {
                    let reference = format!("&{};", &*r);
                    nodes[*id]
                        .text
                        .push_str(&crate::text::decode_references(&reference));
                }
            }
            Event::CData(data) => {
                if let Some((id, _)) = open.last() {
                    nodes[*id].text.push_str(&data);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
        if root_closed && !nodes.is_empty() && open.is_empty() {
            break;
        }
    }
    // Elements left open at the end (a truncated file) end there.
    for (id, _) in open {
        nodes[id].inner.1 = src.len();
    }
    (!nodes.is_empty()).then_some(Tree { src, nodes })
}

/// A node for a start tag, and the namespace declarations it makes.
fn start_node(
    tag: &BytesStart<'_>,
    open: &[(usize, Vec<(String, Ns)>)],
    parent: Option<&Node>,
    feed_base: Option<&Url>,
    content_start: usize,
) -> Option<(Node, Vec<(String, Ns)>)> {
    let qname = tag.name().as_ref().to_owned();
    let (prefix, local) = match qname.split_once(':') {
        Some((p, l)) => (p, l),
        None => ("", qname.as_str()),
    };
    if local.is_empty() {
        return None;
    }
    let mut scope = Vec::new();
    let mut attrs = Vec::new();
    let mut xml_base = None;
    for attr in tag.html_attributes().with_checks(false).flatten() {
        let key = attr.key.as_ref().to_owned();
        let raw = &attr.value;
        let value = crate::text::decode_references(raw).into_owned();
        if key == "xmlns" {
            // A root that puts the feed in a namespace no one knows
            // (`<rss xmlns="http://example.com/ns">`) is still the feed.
            let ns = match ns_of_uri(&value) {
                Ns::Other if open.is_empty() => Ns::Plain,
                ns => ns,
            };
            scope.push((String::new(), ns));
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            scope.push((p.to_owned(), ns_of_uri(&value)));
        } else if key == "xml:base" || is_cdf_base(&key, local) {
            xml_base = Some(value);
        } else {
            let local = key.rsplit(':').next().unwrap_or(&key).to_owned();
            attrs.push((local, value));
        }
    }
    let declared = |p: &str| {
        scope
            .iter()
            .rev()
            .chain(open.iter().rev().flat_map(|(_, s)| s.iter().rev()))
            .find(|(name, _)| name == p)
            .map(|(_, ns)| *ns)
    };
    let ns = declared(prefix).unwrap_or_else(|| ns_of_prefix(prefix));
    let inherited = parent
        .and_then(|p| p.base.clone())
        .or_else(|| feed_base.cloned());
    let base = match (xml_base, &inherited) {
        (Some(b), Some(parent)) => parent.join(b.trim()).ok().or(inherited),
        (Some(b), None) => Url::parse(b.trim()).ok(),
        (None, _) => inherited,
    };
    let node = Node {
        name: local.to_owned(),
        ns,
        attrs,
        children: Vec::new(),
        text: String::new(),
        inner: (content_start, content_start),
        base,
    };
    Some((node, scope))
}

/// CDF's `BASE` on a channel: the base of the `HREF`s inside it.
fn is_cdf_base(key: &str, local: &str) -> bool {
    key.eq_ignore_ascii_case("base") && local.eq_ignore_ascii_case("channel")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_default_namespace_on_the_root_is_the_feed_s_own() {
        let doc = "<rss xmlns='http://example.test/ns'><channel><x xmlns='http://other.test/'/></channel></rss>";
        let t = build(doc, None).unwrap();
        assert_eq!(
            (t.node(0).ns, t.node(1).ns, t.node(2).ns),
            (Ns::Plain, Ns::Plain, Ns::Other)
        );
    }

    #[test]
    fn cdf_base_is_the_channel_s_base() {
        let doc = "<CHANNEL BASE='https://c.test/d/'><ITEM HREF='a.html'/></CHANNEL>";
        let t = build(doc, None).unwrap();
        assert_eq!(
            t.node(1).base.as_ref().unwrap().as_str(),
            "https://c.test/d/"
        );
    }

    #[test]
    fn unmatched_and_missing_end_tags_are_forgiven() {
        let t = build(
            "<rss><channel><title>A &amp; B &eacute;</x></channel><item>",
            None,
        )
        .unwrap();
        assert_eq!(t.node(0).name, "rss");
        assert_eq!(t.node(2).text, "A & B é");
        // <item> after </channel> sits under rss, left open by the cut.
        assert_eq!(t.node(0).children, [1, 3]);
    }

    #[test]
    fn namespaces_resolve_by_uri_or_by_usual_prefix() {
        let doc =
            "<a:feed xmlns:a='http://www.w3.org/2005/Atom'><a:title>T</a:title><dc:date/></a:feed>";
        let t = build(doc, None).unwrap();
        assert_eq!((t.node(0).name.as_str(), t.node(0).ns), ("feed", Ns::Atom));
        assert_eq!(t.node(2).ns, Ns::Dc);
    }

    #[test]
    fn xml_base_nests() {
        let base = Url::parse("https://f.test/feed.xml").ok();
        let doc = "<feed xml:base='/a/'><entry xml:base='b/'><link/></entry></feed>";
        let t = build(doc, base.as_ref()).unwrap();
        assert_eq!(
            t.node(2).base.as_ref().unwrap().as_str(),
            "https://f.test/a/b/"
        );
    }

    #[test]
    fn raw_inner_markup_is_kept_and_junk_after_the_root_ignored() {
        let doc = "<feed><content><div><p>x</p></div></content></feed>junk<p>more</p>";
        let t = build(doc, None).unwrap();
        assert_eq!(t.inner(1), "<div><p>x</p></div>");
        assert_eq!(t.nodes.len(), 4);
    }
}
