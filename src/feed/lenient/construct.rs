//! Atom 1.0 text and content constructs (RFC 4287 §3.1, §4.1.3) and their
//! Atom 0.3 ancestors (`type` as a MIME type, `mode` = xml, escaped or
//! base64): which string holds the value, and what kind it is.

use super::tree::{Ns, Tree};
use crate::feed::kind::{Kind, is_textual};

/// The value of the construct at `id` and its kind; None when it holds
/// nothing readable (out-of-line `src`, binary base64).
pub(super) fn atom(tree: &Tree<'_>, id: usize) -> Option<(String, Kind)> {
    let node = tree.node(id);
    let type_attr = node.attr("type");
    let kind = Kind::of_atom_type(type_attr);
    let mode = node.attr("mode").map(str::to_ascii_lowercase);
    if mode.as_deref() == Some("base64") {
        if !is_textual(type_attr) {
            return None;
        }
        let bytes = base64(&node.text)?;
        return Some((String::from_utf8_lossy(&bytes).into_owned(), kind));
    }
    // Inline markup (xhtml, or Atom 0.3's default mode "xml"): the
    // element's children as written, without the xhtml wrapper div.
    if !node.children.is_empty() {
        let inner = tree.inner(xhtml_wrapper(tree, id).unwrap_or(id));
        return Some((inner.to_owned(), Kind::Html));
    }
    if node.attr("src").is_some() && node.text.trim().is_empty() {
        return None;
    }
    let is_xhtml = type_attr.is_some_and(|t| t.trim().eq_ignore_ascii_case("xhtml"));
    let kind = if is_xhtml { Kind::Html } else { kind };
    if !is_textual(type_attr) && !is_xhtml {
        return None;
    }
    Some((node.text.clone(), kind))
}

/// The `div` that wraps inline markup alone (RFC 4287 §3.1.1.3), whose
/// content is the value: its `xml:base` is the one in force there.
pub(super) fn xhtml_wrapper(tree: &Tree<'_>, id: usize) -> Option<usize> {
    let mut children = tree.children(id);
    match (children.next(), children.next()) {
        (Some((div, c)), None) if c.is("div") && tree.node(id).text.trim().is_empty() => Some(div),
        _ => None,
    }
}

/// Whether `ns` can hold an Atom construct in this document.
pub(super) fn is_atom(ns: Ns) -> bool {
    matches!(ns, Ns::Atom | Ns::Plain)
}

/// Standard base64, whitespace ignored, padding optional.
fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in text.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            b if b.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::tree::build;
    use super::*;

    fn value(doc: &str) -> Option<(String, Kind)> {
        let tree = build(doc, None).unwrap();
        atom(&tree, 0)
    }

    #[test]
    fn base64_decodes() {
        assert_eq!(base64("SGVs bG8=").unwrap(), b"Hello");
        assert_eq!(base64("SGVsbG8").unwrap(), b"Hello");
        assert_eq!(base64("*"), None);
    }

    #[test]
    fn every_mode_and_type() {
        let text = |s: &str| Some((s.to_owned(), Kind::Text));
        let html = |s: &str| Some((s.to_owned(), Kind::Html));
        assert_eq!(value("<c type='text/plain'>a &lt; b</c>"), text("a < b"));
        assert_eq!(
            value("<c mode='base64' type='text/html'>PHA+SGk8L3A+</c>"),
            html("<p>Hi</p>")
        );
        assert_eq!(value("<c mode='base64' type='image/png'>AAAA</c>"), None);
        assert_eq!(
            value("<c type='text/html' mode='escaped'>&lt;b&gt;x&lt;/b&gt;</c>"),
            html("<b>x</b>")
        );
        assert_eq!(
            value(
                "<c type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>x &amp; y</p></div></c>"
            ),
            html("<p>x &amp; y</p>")
        );
        assert_eq!(
            value("<c type='application/xhtml+xml' mode='xml'><p>a</p><p>b</p></c>"),
            html("<p>a</p><p>b</p>")
        );
        assert_eq!(
            value("<c type='html'>&lt;i&gt;i&lt;/i&gt;</c>"),
            html("<i>i</i>")
        );
        assert_eq!(value("<c src='http://x.test/a' type='text/html'/>"), None);
        assert_eq!(value("<c type='video/mp4'>data</c>"), None);
    }
}
