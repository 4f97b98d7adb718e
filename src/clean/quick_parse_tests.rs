use std::fmt::Write;

use dom_query::Document;

use super::parse;

/// Every node of `doc` by id: its links, and its name and attributes or
/// its text; then the quirks mode. Two trees with the same dump are the
/// same tree, ids included.
pub(crate) fn dump(doc: &Document) -> String {
    let mut out = format!("{:?} {} nodes\n", doc.quirks_mode.get(), doc.tree.len());
    let id = |n: Option<dom_query::NodeRef>| n.map(|n| n.id);
    // The parser leaves no node outside the document: all are reached.
    for node in std::iter::once(doc.root()).chain(doc.root().descendants_it()) {
        let _ = write!(
            out,
            "{:?} parent {:?} prev {:?} next {:?} first {:?} last {:?} ",
            node.id,
            id(node.parent()),
            id(node.prev_sibling()),
            id(node.next_sibling()),
            id(node.first_child()),
            id(node.last_child()),
        );
        if node.is_text() {
            let _ = writeln!(out, "text {:?}", node.text().to_string());
        } else if let Some(element) = node.element_ref() {
            let attrs: Vec<(String, String, String)> = element
                .attrs
                .iter()
                .map(|a| {
                    (
                        a.name.ns.to_string(),
                        a.name.local.to_string(),
                        a.value.to_string(),
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "element {} {} {attrs:?}",
                element.name.ns, element.name.local
            );
        } else {
            let _ = writeln!(out, "other {}", node.is_document());
        }
    }
    out
}

/// Whether the quick parser took `html`; when it did, its tree is
/// html5ever's.
fn same_tree_when_taken(html: &str) -> bool {
    let Some(quick) = parse(html) else {
        return false;
    };
    assert_eq!(dump(&quick), dump(&Document::from(html)), "input: {html:?}");
    true
}

#[test]
fn a_typical_feed_body_is_taken_and_parsed_as_html5ever_does() {
    let body = "\n<p><strong>Lead</strong> text &amp; more &ldquo;quoted&rdquo; &#8217; &#x2014;</p>\n\
        <figure><img src=\"https://e.com/a.jpg\" alt=\"A &quot;cat&quot;\" width=\"800\"/>\
        <figcaption>A caption (Photo: X)</figcaption></figure>\n\
        <p>With <a href=\"https://e.com/x?a=1&b=2&amp;c=3\">a link</a> and <em>emphasis</em>.<br>Next line</p>\
        <blockquote><p>A quote</p></blockquote>\
        <h2>Heading</h2><ul><li>one</li><li>two <b>bold</b></li></ul>\
        <div class='related-stories'><h3>Related</h3><ul><li><a href='/x'>Other</a></li></ul></div>\
        <hr><p>Trailing";
    assert!(same_tree_when_taken(body));
    assert!(same_tree_when_taken("Plain text & nothing else"));
    assert!(same_tree_when_taken(""));
    assert!(same_tree_when_taken("   \n "));
    assert!(same_tree_when_taken(" <p>x</p> "));
    assert!(same_tree_when_taken(
        "<ul><li>a<ul><li>b</li></ul></li></ul>"
    ));
    assert!(same_tree_when_taken("<li>a<div><p>b</p></div></li>"));
    assert!(same_tree_when_taken("<P CLASS=\"X\" data-A=''>x</P>"));
    assert!(same_tree_when_taken("a < b > c"));
}

#[test]
fn what_it_does_not_know_goes_to_html5ever() {
    for html in [
        "<!DOCTYPE html><p>x</p>",
        "<p>a<!-- c -->b</p>",
        "<p>a<p>b",
        "<p>a<div>b</div></p>",
        "<b>a<i>b</b>c</i>",
        "<table><tr><td>x</td></tr></table>",
        "<p class=x>unquoted</p>",
        "<p class=\"a\" class=\"b\">twice</p>",
        "<li>a<li>b",
        "<a href=\"x\">a<a href=\"y\">b</a></a>",
        "<h2>a<h3>b</h3></h2>",
        "</p>x",
        "x</p>",
        "<p>a\r\nb</p>",
        "\u{FEFF}<p>x</p>",
        "<p/>x",
        "<pre>\nx</pre>",
        "<p>x</P >y</p>",
    ] {
        assert!(!same_tree_when_taken(html), "{html} was taken");
    }
}

#[test]
fn character_references_decode_as_html5ever_decodes_them() {
    for html in [
        "&notit; &not &notin; &amp &ampx &copy2024 &#0; &#128; &#x81; &#xD800; &#x110000; \
         &#99999999999; &#; &#x; &# &; &-x &unknown; &Aacute &aacute; &NotEqualTilde;",
        "<a title=\"&notit; &amp=x &ampx &amp; &copy2024 &#128; &\" href='&lt;a&gt;&'>x</a>",
        "ends with &",
        "ends with &am",
        "ends with &#12",
        "ends with &#x",
        "é &eacute; 北京 &#x5317;",
    ] {
        assert!(same_tree_when_taken(html), "{html}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// Whatever mix of known and unknown tags, entities and text: when
    /// the quick parser takes the input, its tree is html5ever's.
    #[test]
    fn a_tree_it_builds_is_html5evers(parts in proptest::collection::vec(proptest::sample::select(vec![
        "<p>", "</p>", "<div>", "</div>", "<a href=\"x\">", "</a>", "<b>", "</b>", "<strong>",
        "</strong>", "<em>", "</em>", "<ul>", "</ul>", "<li>", "</li>", "<h2>", "</h2>", "<h3>",
        "</h3>", "<span class='s'>", "</span>", "<img src=\"i\" alt=\"&amp;\">", "<br>", "<br/>",
        "<hr>", "<blockquote>", "</blockquote>", "<figure>", "</figure>", "<figcaption>",
        "</figcaption>", "<table>", "<td>", "<!-- c -->", "text", " ", "\n", "&amp;", "&not",
        "&notit;", "&#8217;", "&", "<", ">", "é", "<address>", "</address>", "<i>", "</i>",
        "<code>", "</code>", "<sup>", "</sup>", "<section>", "</section>", "<wbr>", "</br>",
    ]), 0..24)) {
        let html: String = parts.concat();
        same_tree_when_taken(&html);
    }
}

/// The bodies of every feed under `SIFT_QUICK_PARSE_FEEDS` (a directory
/// of generated feeds): each is parsed both ways. Run by hand.
#[test]
#[ignore]
fn feed_bodies_parse_as_html5ever_parses_them() {
    let Ok(dir) = std::env::var("SIFT_QUICK_PARSE_FEEDS") else {
        return;
    };
    let (mut taken, mut total) = (0, 0);
    for entry in std::fs::read_dir(dir).expect("a directory") {
        let bytes = std::fs::read(entry.expect("an entry").path()).expect("a file");
        let Ok(parsed) = crate::feed::parse_feed(&bytes, None) else {
            continue;
        };
        for item in &parsed.items {
            for body in [&item.summary, &item.content].into_iter().flatten() {
                total += 1;
                let html = super::super::nesting::limit_nesting(body, 256);
                if same_tree_when_taken(&html) {
                    taken += 1;
                }
            }
        }
    }
    eprintln!("{taken} of {total} bodies taken");
    assert!(total > 0);
}
