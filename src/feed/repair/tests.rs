use super::*;

fn fix(s: &str) -> (String, Vec<String>) {
    let r = repair(s, &[]).unwrap();
    (r.text, r.notes)
}

#[test]
fn well_formed_input_is_unchanged_and_unreported() {
    let doc = "<rss version=\"2.0\"><channel><title a='1'>A &amp; B &#233;</title>\
               <!-- c & < --><description><![CDATA[<p>x & y</p>]]></description>\
               <?xml-stylesheet href=\"s\"?><e/><f x=\"1\" /></channel></rss>";
    let (text, notes) = fix(doc);
    assert_eq!(text, doc.replace("<f x=\"1\" />", "<f x=\"1\"/>"));
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn bare_ampersands_and_html_entities() {
    let (text, notes) = fix("<t>AT&T &eacute;t&eacute; &nbsp;&bogus; & x &amp;</t>");
    assert_eq!(
        text,
        "<t>AT&amp;T &#233;t&#233; &#160;&amp;bogus; &amp; x &amp;</t>"
    );
    assert_eq!(
        notes,
        [
            "escaped 3 bare &",
            "turned 3 HTML entities into character references"
        ]
    );
}

#[test]
fn legacy_entity_names_without_semicolon_are_references() {
    let (text, notes) =
        fix("<t a='?x=1&copy=2&amp'>Smith &amp Sons &copy 2026 AT&ampT &hellip x</t>");
    // `&hellip` was never a legacy name; `AT&ampT` runs on into a letter.
    assert_eq!(
        text,
        "<t a='?x=1&amp;copy=2&#38;'>Smith &#38; Sons &#169; 2026 AT&amp;ampT &amp;hellip x</t>"
    );
    assert_eq!(
        notes,
        [
            "escaped 3 bare &",
            "turned 3 HTML entities into character references"
        ]
    );
}

#[test]
fn forbidden_characters_and_references() {
    let (text, notes) = fix("<t>a\u{1}b&#0;c&#x1b;d&#xD800;e&#9;f\u{fffe}\u{1b}</t>");
    // ESC stays raw: sanitising later removes whole escape sequences.
    assert_eq!(text, "<t>abc\u{1b}de&#9;f\u{1b}</t>");
    assert_eq!(
        notes,
        [
            "dropped 2 character references XML forbids",
            "dropped 2 characters XML forbids"
        ]
    );
}

#[test]
fn bare_less_than() {
    let (text, notes) = fix("<t>1 < 2 <= 3 <3</t>");
    assert_eq!(text, "<t>1 &lt; 2 &lt;= 3 &lt;3</t>");
    assert_eq!(notes, ["escaped 3 bare <"]);
}

#[test]
fn mismatched_tags_use_the_stack() {
    let (text, notes) = fix("<a><b><c>x</b></zz></a>");
    assert_eq!(text, "<a><b><c>x</c></b></a>");
    assert_eq!(
        notes,
        [
            "closed 1 elements left open inside others",
            "dropped 1 end tags that matched no open element"
        ]
    );
}

#[test]
fn html_inside_text_elements_is_escaped() {
    let (text, notes) = fix("<item><description>a<br>b<p class=x>c&d</p></description></item>");
    assert_eq!(
        text,
        "<item><description>a&lt;br>b&lt;p class=x>c&amp;d&lt;/p></description></item>"
    );
    assert_eq!(
        notes,
        [
            "escaped 1 bare &",
            "escaped 3 HTML tags inside text elements"
        ]
    );
    // An unclosed description ends at its item's end, or at the next
    // item, which also ends the item left open before it.
    let (text, _) = fix("<item><description><p>x</item><item><title>t<item>");
    assert_eq!(
        text,
        "<item><description>&lt;p>x</description></item><item><title>t</title></item><item></item>"
    );
    // Atom xhtml content is real markup.
    let (text, notes) = fix("<content type=\"xhtml\"><div>x</div></content>");
    assert_eq!(text, "<content type=\"xhtml\"><div>x</div></content>");
    // So is a construct of an XML media type (RFC 4287 §4.1.3.3).
    let xml = "<title type=\"application/xml\"><thing>x</thing></title>";
    assert_eq!(fix(xml).0, xml);
    assert!(notes.is_empty());
    // Media RSS's content holds its own elements.
    let media =
        "<media:content url=\"v.mp4\"><media:description>d</media:description></media:content>";
    assert_eq!(fix(media).0, media);
}

#[test]
fn truncated_documents_are_closed() {
    let (text, notes) =
        fix("<rss version=\"2.0\"><channel><item><title>x</title></item><item><title>y</ti");
    assert_eq!(
        text,
        "<rss version=\"2.0\"><channel><item><title>x</title></item><item><title>y</title></item></channel></rss>"
    );
    assert_eq!(
        notes,
        ["closed 4 unclosed elements at end of truncated document"]
    );
    let (text, notes) = fix("<a><b x=\"1");
    assert_eq!(text, "<a></a>");
    assert_eq!(
        notes[1],
        "terminated a tag cut off by the end of the document"
    );
    let (text, notes) = fix("<a><![CDATA[abc");
    assert_eq!(text, "<a><![CDATA[abc]]></a>");
    assert!(
        notes.contains(&"terminated a CDATA section cut off by the end of the document".to_owned())
    );
    let (text, _) = fix("<a><!-- abc");
    assert_eq!(text, "<a><!-- abc--></a>");
}

#[test]
fn malformed_attributes_are_rewritten() {
    let (text, notes) = fix("<a href=x.html b c=\"1\" c=\"2\" d='it\"s' e=\"a&b\">t</a>");
    assert_eq!(
        text,
        "<a href=\"x.html\" b=\"b\" c=\"1\" d='it\"s' e=\"a&amp;b\">t</a>"
    );
    assert_eq!(notes, ["escaped 1 bare &", "rewrote 1 malformed tags"]);
    // A stray quote cannot swallow the document.
    let (text, _) = fix("<a x=\"oops><b>t</b></a>");
    assert_eq!(text, "<a x=\"oops&gt;\"><b>t</b></a>".replace("&gt;", ">"));
}

#[test]
fn rss_version_is_fixed_on_the_root_only() {
    let (text, notes) = fix("<rss><channel><rss version=\"9\"/></channel></rss>");
    assert_eq!(
        text,
        "<rss version=\"2.0\"><channel><rss version=\"9\"/></channel></rss>"
    );
    assert_eq!(notes, ["read <rss version=\"\"> as RSS 2.0"]);
    let (text, notes) = fix("<rss version=\"0.94\"><channel/></rss>");
    assert_eq!(text, "<rss version=\"2.0\"><channel/></rss>");
    assert_eq!(notes, ["read <rss version=\"0.94\"> as RSS 2.0"]);
}

#[test]
fn declarations_and_doctypes_are_dropped() {
    let (text, _) =
        fix("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x \"y\">]><rss version=\"2.0\"/>");
    assert_eq!(text, "<rss version=\"2.0\"/>");
}

#[test]
fn renames_apply_to_start_and_end_tags() {
    let r = repair(
        "<feed><issued>2004</issued></feed>",
        &[("issued", "published")],
    )
    .unwrap();
    assert_eq!(r.text, "<feed><published>2004</published></feed>");
    assert!(r.notes.is_empty());
}

#[test]
fn nesting_beyond_the_limit_is_refused() {
    let deep = "<a>".repeat(MAX_DEPTH + 1);
    assert!(repair(&deep, &[]).is_err());
    let ok = "<a>".repeat(1000);
    assert_eq!(repair(&ok, &[]).unwrap().text.len(), 7000);
}

#[test]
fn an_item_never_nests_and_end_tags_match_in_any_case() {
    let (text, notes) = fix("<channel><ITEM><title>a</TITLE><item><Title>b</title></channel>");
    assert_eq!(
        text,
        "<channel><ITEM><title>a</title></ITEM><item><Title>b</Title></item></channel>"
    );
    assert_eq!(notes, ["closed 2 elements left open inside others"]);
}

#[test]
fn an_unclosed_cdata_section_ends_with_its_element() {
    let (text, notes) = fix(
        "<item><description><![CDATA[<p>open</p></description></item><item><title>t</title></item>",
    );
    assert_eq!(
        text,
        "<item><description><![CDATA[<p>open</p>]]></description></item><item><title>t</title></item>"
    );
    assert_eq!(
        notes,
        ["ended 1 unclosed CDATA sections where their element ends"]
    );
}

#[test]
fn an_unclosed_cdata_section_does_not_run_into_the_next_one() {
    let next = "<item><description><![CDATA[<p>two</p>]]></description></item>";
    let (text, notes) = fix(&format!(
        "<rss><item><description><![CDATA[<p>open</p></description></item>{next}</rss>"
    ));
    assert_eq!(
        text,
        format!(
            "<rss version=\"2.0\"><item><description><![CDATA[<p>open</p>]]></description></item>{next}</rss>"
        )
    );
    assert!(notes.contains(&"ended 1 unclosed CDATA sections where their element ends".to_owned()));
    // A closed section that merely quotes a start keeps it.
    let (text, _) = fix("<a><![CDATA[x <![CDATA[ y]]></a>");
    assert_eq!(text, "<a><![CDATA[x <![CDATA[ y]]></a>");
}

#[test]
fn a_title_left_open_ends_at_the_next_field() {
    let (text, notes) = fix(
        "<rss><channel><item><title>One<link>https://x.test/1</link>\
         <guid>g</guid></item></channel></rss>",
    );
    assert_eq!(
        text,
        "<rss version=\"2.0\"><channel><item><title>One</title><link>https://x.test/1</link>\
         <guid>g</guid></item></channel></rss>"
    );
    assert!(notes.contains(&"closed 1 elements left open inside others".to_owned()));
    // Raw HTML in a title stays text.
    let (text, _) = fix("<feed><title>A <b>bold</b> claim</title></feed>");
    assert_eq!(
        text,
        "<feed><title>A &lt;b>bold&lt;/b> claim</title></feed>"
    );
}

#[test]
fn a_cdata_marker_in_lower_case_opens_a_section() {
    let (text, notes) = fix("<a><![cdata[<b>x</b> & y]]></a>");
    assert_eq!(text, "<a><![CDATA[<b>x</b> & y]]></a>");
    assert_eq!(notes, ["read 1 CDATA markers written in lower case"]);
    let (text, notes) = fix("<a><![CData[x]]><![CDATA[y]]></a>");
    assert_eq!(text, "<a><![CDATA[x]]><![CDATA[y]]></a>");
    assert_eq!(notes, ["read 1 CDATA markers written in lower case"]);
    // Cut short, or cut inside the marker, nothing breaks.
    let (text, _) = fix("<a><![cdata[x");
    assert_eq!(text, "<a><![CDATA[x]]></a>");
    let (text, _) = fix("<a><![cdat");
    assert!(!text.contains("<![c"), "{text}");
}
