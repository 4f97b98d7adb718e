//! Entities a document declares in its DOCTYPE's internal subset
//! (`<!DOCTYPE rss [<!ENTITY site "News">]>`). XML readers expand them;
//! feed-rs and quick-xml leave `&site;` as written, so they are expanded
//! here, before either reads the text. Expansion is bounded: an entity
//! used inside another is expanded once and no deeper, and the document
//! grows by at most `MAX_GROWTH` bytes, so a "billion laughs" costs
//! nothing.

use std::borrow::Cow;

use memchr::memmem;

/// Most bytes expansion may add to a document.
const MAX_GROWTH: usize = 1 << 20;

/// Most entities read from one internal subset.
const MAX_ENTITIES: usize = 256;

/// `text` with the entities its internal subset declares expanded, or
/// `text` itself when it declares none (the common case costs a scan of
/// the prolog).
pub(super) fn expand(text: Cow<'_, [u8]>) -> Cow<'_, [u8]> {
    let Some(root) = super::sniff::root_start(&text) else {
        return text;
    };
    if memmem::find(&text[..root], b"<!ENTITY").is_none() {
        return text;
    }
    let declared = declarations(&text[..root]);
    if declared.is_empty() {
        return text;
    }
    let mut out = Vec::with_capacity(text.len() + 64);
    out.extend_from_slice(&text[..root]);
    let mut budget = MAX_GROWTH;
    substitute(&text[root..], &declared, &mut out, &mut budget);
    Cow::Owned(out)
}

/// General entities with a literal value, in order of declaration; a
/// reference to an earlier one inside a value is expanded there.
fn declarations(prolog: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut found: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    // One budget for every value: together they are at most this big.
    let mut budget = MAX_GROWTH;
    for at in memmem::find_iter(prolog, b"<!ENTITY") {
        if found.len() >= MAX_ENTITIES {
            break;
        }
        let rest = &prolog[at + 8..];
        let rest = rest.trim_ascii_start();
        // Parameter entities (`%`) belong to the DTD, not the document.
        let name_len = rest.iter().take_while(|b| is_name_byte(**b)).count();
        if name_len == 0 {
            continue;
        }
        let (name, rest) = rest.split_at(name_len);
        let rest = rest.trim_ascii_start();
        // External entities (SYSTEM, PUBLIC) are not fetched.
        let Some(&quote @ (b'"' | b'\'')) = rest.first() else {
            continue;
        };
        let Some(len) = memchr::memchr(quote, &rest[1..]) else {
            continue;
        };
        if is_predefined(name) || found.iter().any(|(n, _)| n == name) {
            continue;
        }
        let mut value = Vec::new();
        substitute(&rest[1..1 + len], &found, &mut value, &mut budget);
        let Some(left) = budget.checked_sub(value.len()) else {
            break;
        };
        budget = left;
        found.push((name.to_vec(), value));
    }
    found
}

fn is_predefined(name: &[u8]) -> bool {
    matches!(name, b"amp" | b"lt" | b"gt" | b"quot" | b"apos")
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':') || b >= 0x80
}

/// Copies `text` to `out`, each `&name;` of a declared entity replaced by
/// its value (quotes escaped, since it may stand in an attribute), except
/// inside CDATA sections and comments, while `budget` (bytes of values
/// still allowed) lasts.
fn substitute(text: &[u8], declared: &[(Vec<u8>, Vec<u8>)], out: &mut Vec<u8>, budget: &mut usize) {
    let mut i = 0;
    while let Some(off) = memchr::memchr2(b'&', b'<', &text[i..]) {
        let at = i + off;
        out.extend_from_slice(&text[i..at]);
        let rest = &text[at..];
        let verbatim = [(&b"<![CDATA["[..], &b"]]>"[..]), (b"<!--", b"-->")]
            .into_iter()
            .find(|(open, _)| rest.starts_with(open));
        if let Some((open, close)) = verbatim {
            let end = memmem::find(&rest[open.len()..], close)
                .map_or(rest.len(), |e| open.len() + e + close.len());
            out.extend_from_slice(&rest[..end]);
            i = at + end;
            continue;
        }
        let name_len = rest[1..].iter().take_while(|b| is_name_byte(**b)).count();
        let value = (rest[0] == b'&' && rest.get(1 + name_len) == Some(&b';'))
            .then(|| {
                declared
                    .iter()
                    .find(|(n, _)| n[..] == rest[1..1 + name_len])
            })
            .flatten()
            .map(|(_, v)| v)
            .filter(|v| v.len() <= *budget);
        match value {
            Some(value) => {
                for &b in value.iter() {
                    match b {
                        b'"' => out.extend_from_slice(b"&quot;"),
                        b'\'' => out.extend_from_slice(b"&apos;"),
                        b => out.push(b),
                    }
                }
                *budget -= value.len();
                i = at + name_len + 2;
            }
            None => {
                out.push(rest[0]);
                i = at + 1;
            }
        }
    }
    out.extend_from_slice(&text[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expanded(doc: &str) -> String {
        String::from_utf8(expand(Cow::Borrowed(doc.as_bytes())).into_owned()).unwrap()
    }

    #[test]
    fn declared_entities_are_expanded_outside_cdata_and_comments() {
        let doc = "<!DOCTYPE rss [<!ENTITY a \"A&#38;B\"><!ENTITY b 'say \"&a;\"'>\
                   <!ENTITY % p \"x\"><!ENTITY ext SYSTEM \"http://x.test/e\">]>\
                   <rss t=\"&b;\"><t>&a; &b; &ext; &amp;</t><![CDATA[&a;]]><!-- &a; --></rss>";
        let out = expanded(doc);
        let body = &out[out.find("<rss").unwrap()..];
        assert_eq!(
            body,
            "<rss t=\"say &quot;A&#38;B&quot;\"><t>A&#38;B say &quot;A&#38;B&quot; &ext; &amp;</t>\
             <![CDATA[&a;]]><!-- &a; --></rss>"
        );
    }

    #[test]
    fn documents_without_declarations_are_borrowed() {
        let doc = b"<?xml version='1.0'?><rss><t>&a;</t></rss>";
        assert!(matches!(expand(Cow::Borrowed(doc)), Cow::Borrowed(_)));
    }

    #[test]
    fn expansion_is_bounded() {
        let mut doc = String::from("<!DOCTYPE r [<!ENTITY a \"");
        doc.push_str(&"x".repeat(1000));
        doc.push_str("\">");
        for (name, inner) in [("b", "a"), ("c", "b"), ("d", "c")] {
            doc.push_str(&format!(
                "<!ENTITY {name} \"{}\">",
                format!("&{inner};").repeat(10)
            ));
        }
        doc.push_str("]><r>");
        doc.push_str(&"&d;".repeat(10_000));
        doc.push_str("</r>");
        let out = expand(Cow::Borrowed(doc.as_bytes()));
        assert!(out.len() <= doc.len() + MAX_GROWTH, "{}", out.len());
    }
}
