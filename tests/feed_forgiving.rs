//! Issue 15's patterns, several fixtures each, written from the
//! specifications (RSS 0.90-2.0, RSS 1.1, Atom 0.3 and RFC 4287, JSON Feed
//! 1.0/1.1, Microsoft CDF) and the feed validator's list of common
//! mistakes: each is read by `sift parse --json` and compared with what a
//! forgiving reader recovers from it (the feed's title; each item's title,
//! link, id, and the text of its content, else its summary). Every cut of
//! every fixture is also read without a panic or a control character.

mod cli_support;

use cli_support::Sandbox;
use serde_json::Value;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/feeds/forgiving"
);

struct Case {
    file: &'static str,
    pattern: &'static str,
    title: Option<&'static str>,
    items: &'static [Item],
}

/// An item as a forgiving reader gives it. `id` may end in `*` (a hash
/// sift makes up for an item with neither guid nor link); `link` may start
/// with `{dir}` (the fixture directory's file URL, the feed's own URL).
struct Item {
    title: &'static str,
    link: Option<&'static str>,
    id: &'static str,
    /// Plain text of the content, else the summary.
    text: Option<&'static str>,
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    // content constructs
    Case {
        file: "atom03-base64-xmlbase.xml",
        pattern: "content constructs",
        title: Some("Fish & chips <3"),
        items: &[
            Item { title: "Base64 body", link: Some("https://a03.test/base/posts/one.html"), id: "tag:a03.test,2026:1", text: Some("B64 body") },
            Item { title: "Escaped & more", link: Some("https://a03.test/two.html"), id: "tag:a03.test,2026:2", text: Some("Plain body: 1 < 2 & 3") },
            Item { title: "Zero three", link: Some("https://a03.test/base/deep/three.html"), id: "tag:a03.test,2026:3", text: Some("Inline 0.3") },
        ],
    },
    Case {
        file: "atom03-prefixed-escaped.xml",
        pattern: "content constructs",
        title: Some("Prefixed 0.3"),
        items: &[
            Item { title: "Bold claim", link: Some("https://p03.test/1"), id: "tag:p03.test,2026:1", text: Some("a < b &amp; c") },
            Item { title: "Second", link: Some("https://p03.test/2"), id: "tag:p03.test,2026:2", text: Some("CDATA in 0.3") },
        ],
    },
    Case {
        file: "atom10-mime-types.xml",
        pattern: "content constructs",
        title: Some("MIME & more"),
        items: &[
            Item { title: "Q&A: 1 < 2", link: Some("https://mime.test/1"), id: "urn:mime:1", text: Some("**Bold** & more") },
            Item { title: "Smith & Sons ’92", link: Some("https://mime.test/2"), id: "urn:mime:2", text: Some("Para one") },
            Item { title: "Styled title", link: Some("https://mime.test/3"), id: "urn:mime:3", text: Some("Only a summary") },
            Item { title: "Bold inline", link: Some("https://mime.test/4"), id: "urn:mime:4", text: Some("Inline xhtml") },
        ],
    },
    Case {
        file: "atom10-xhtml-escaped.xml",
        pattern: "content constructs",
        title: Some("XHTML constructs"),
        items: &[
            Item { title: "Less <em>is</em> more", link: Some("https://xh.test/1"), id: "urn:xh:1", text: Some("Real bold and an escaped <script> tag") },
            Item { title: "Html title", link: Some("https://xh.test/2"), id: "urn:xh:2", text: Some("Html in & out") },
            Item { title: "Prefixed div", link: Some("https://xh.test/3"), id: "urn:xh:3", text: Some("Prefixed xhtml body") },
            Item { title: "Wrapperless", link: Some("https://xh.test/4"), id: "urn:xh:4", text: Some("No wrapper & no div") },
            Item { title: "CDATA html & more", link: Some("https://xh.test/5"), id: "urn:xh:5", text: Some("CDATA body & link") },
        ],
    },
    Case {
        file: "atom10-content-src.xml",
        pattern: "content constructs",
        title: Some("Out-of-line content"),
        items: &[
            // No page link: the out-of-line content is the page.
            Item { title: "Content elsewhere", link: Some("https://src.test/1.html"), id: "urn:src:1", text: Some("What it says") },
            Item { title: "", link: Some("https://src.test/2"), id: "urn:src:2", text: Some("Untitled entry") },
        ],
    },
    Case {
        file: "atom10-prefixed-xhtml-base.xml",
        pattern: "content constructs",
        title: Some("Prefixed and based"),
        items: &[
            Item { title: "A <tag> in text", link: Some("https://pxb.test/root/posts/one"), id: "urn:pxb:1", text: Some("Escaped &lt;i&gt; stays text") },
        ],
    },
    Case {
        file: "rss20-raw-html-description.xml",
        pattern: "content constructs",
        title: Some("Raw HTML bodies"),
        items: &[
            Item { title: "Unescaped markup", link: Some("https://rhd.test/1"), id: "https://rhd.test/1", text: Some("Raw html here") },
            Item { title: "Dublin Core title", link: Some("https://rhd.test/2"), id: "https://rhd.test/2", text: Some("Link in an attribute") },
            Item { title: "Both links", link: Some("https://rhd.test/3"), id: "https://rhd.test/3", text: None },
        ],
    },
    Case {
        file: "atom10-id-whitespace.xml",
        pattern: "content constructs",
        title: Some("Whitespace everywhere"),
        items: &[
            Item { title: "Spaced title", link: Some("https://ws.test/1"), id: "urn:ws:1", text: Some("Line one Line two") },
        ],
    },
    // namespaces and roots
    Case {
        file: "atom10-mixed-prefixes.xml",
        pattern: "namespaces and roots",
        title: Some("Mixed prefixes"),
        items: &[
            Item { title: "Prefixed entry", link: Some("https://mix.test/1"), id: "urn:mix:1", text: None },
            Item { title: "Plain entry", link: Some("https://mix.test/2"), id: "urn:mix:2", text: Some("Two") },
        ],
    },
    Case {
        file: "atom10-no-namespace.xml",
        pattern: "namespaces and roots",
        title: Some("No namespace at all"),
        items: &[
            Item { title: "Bare & plain", link: Some("https://nns.test/1"), id: "urn:nns:1", text: Some("Bare body") },
        ],
    },
    Case {
        file: "atom10-ns-on-entries.xml",
        pattern: "namespaces and roots",
        title: Some("Namespace on entries"),
        items: &[
            Item { title: "Declared here", link: Some("https://nse.test/1"), id: "urn:nse:1", text: Some("Entry one") },
        ],
    },
    Case {
        file: "atom10-ns-uppercase.xml",
        pattern: "namespaces and roots",
        title: Some("Shouting namespace"),
        items: &[
            Item { title: "Upper", link: Some("https://nsu.test/1"), id: "urn:nsu:1", text: Some("Upper body") },
        ],
    },
    Case {
        file: "rss10-prefixed.xml",
        pattern: "namespaces and roots",
        title: Some("Prefixed RSS 1.0"),
        items: &[
            Item { title: "Prefixed item", link: Some("https://r10p.test/1"), id: "https://r10p.test/1", text: Some("Item & text") },
        ],
    },
    Case {
        file: "rss10-ns-no-slash.xml",
        pattern: "namespaces and roots",
        title: Some("RSS 1.0, namespace without its slash"),
        items: &[
            Item { title: "About only", link: Some("https://r10n.test/about-1"), id: "https://r10n.test/about-1", text: Some("Encoded content") },
            // An RSS 1.0 item is named by its rdf:about, link or not.
            Item { title: "With a link", link: Some("https://r10n.test/2"), id: "https://r10n.test/about-2", text: None },
        ],
    },
    Case {
        file: "rss20-userland-ns.xml",
        pattern: "namespaces and roots",
        title: Some("Userland namespace"),
        items: &[
            Item { title: "Namespaced 2.0", link: Some("https://ul.test/1"), id: "https://ul.test/1", text: Some("Desc & more") },
        ],
    },
    Case {
        file: "rss20-atom-default-ns.xml",
        pattern: "namespaces and roots",
        title: Some("Atom by mistake"),
        items: &[
            Item { title: "Mistaken", link: Some("https://adn.test/1"), id: "adn-1", text: Some("Body") },
        ],
    },
    Case {
        file: "channel-root.xml",
        pattern: "namespaces and roots",
        title: Some("Channel as root"),
        items: &[
            Item { title: "Rootless", link: Some("https://cr.test/1"), id: "https://cr.test/1", text: Some("No rss element") },
        ],
    },
    Case {
        file: "rss-no-version-atom-link.xml",
        pattern: "namespaces and roots",
        title: Some("No version, Atom links"),
        items: &[
            Item { title: "Atom link only", link: Some("https://nva.test/1"), id: "nva-1", text: Some("One") },
        ],
    },
    Case {
        file: "cdf-nested.xml",
        pattern: "namespaces and roots",
        title: Some("Nested CDF"),
        items: &[
            Item { title: "Top item", link: Some("https://cdfn.test/top.html"), id: "https://cdfn.test/top.html", text: Some("Top abstract") },
            Item { title: "Sub item", link: Some("https://cdfn.test/sub/one.html"), id: "https://cdfn.test/sub/one.html", text: Some("Below") },
        ],
    },
    Case {
        file: "cdf-lowercase.xml",
        pattern: "namespaces and roots",
        title: Some("lowercase cdf"),
        items: &[
            Item { title: "Small item", link: Some("https://cdfl.test/a.html"), id: "https://cdfl.test/a.html", text: Some("Small abstract") },
        ],
    },
    Case {
        file: "rss091-netscape-1252.xml",
        pattern: "namespaces and roots",
        title: Some("Netscape à la “carte”"),
        items: &[
            Item { title: "Crème brûlée – été", link: Some("https://ns1252.test/1"), id: "https://ns1252.test/1", text: Some("Prix : 5 € & plus") },
        ],
    },
    Case {
        file: "atom-entry-root.xml",
        pattern: "namespaces and roots",
        title: None,
        items: &[
            Item { title: "A lone entry", link: Some("https://lone.test/1"), id: "urn:lone:1", text: Some("Entry documents are feeds of one") },
        ],
    },
    Case {
        file: "rss090-linkless.xml",
        pattern: "namespaces and roots",
        title: Some("Ninety, some without links"),
        items: &[
            Item { title: "Has a link", link: Some("https://n90.test/1"), id: "https://n90.test/1", text: None },
            Item { title: "Has none", link: None, id: "hash:*", text: None },
            Item { title: "Third", link: Some("https://n90.test/3"), id: "https://n90.test/3", text: None },
        ],
    },
    Case {
        file: "rss-items-no-channel.xml",
        pattern: "namespaces and roots",
        title: Some("No channel element"),
        items: &[
            Item { title: "Loose item", link: Some("https://nc.test/1"), id: "https://nc.test/1", text: None },
        ],
    },
    // encodings
    Case {
        file: "enc-windows-1253.xml",
        pattern: "encodings",
        title: Some("Ελληνικά νέα"),
        items: &[
            Item { title: "Τίτλος άρθρου", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("Τίτλος άρθρου & body") },
        ],
    },
    Case {
        file: "enc-iso-8859-5.xml",
        pattern: "encodings",
        title: Some("Русские новости"),
        items: &[
            Item { title: "Заголовок статьи", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("Заголовок статьи & body") },
        ],
    },
    Case {
        file: "enc-koi8-u.xml",
        pattern: "encodings",
        title: Some("Українські новини"),
        items: &[
            Item { title: "Їжак і єнот", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("Їжак і єнот & body") },
        ],
    },
    Case {
        file: "enc-iso-8859-15.xml",
        pattern: "encodings",
        title: Some("Prix en €"),
        items: &[
            Item { title: "Œuvre à 5 €", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("Œuvre à 5 € & body") },
        ],
    },
    Case {
        file: "enc-euc-kr.xml",
        pattern: "encodings",
        title: Some("한국 뉴스"),
        items: &[
            Item { title: "기사 제목", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("기사 제목 & body") },
        ],
    },
    Case {
        file: "enc-windows-1256.xml",
        pattern: "encodings",
        title: Some("أخبار عربية"),
        items: &[
            Item { title: "عنوان المقال", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("عنوان المقال & body") },
        ],
    },
    Case {
        file: "enc-iso-8859-9.xml",
        pattern: "encodings",
        title: Some("Türkçe haberler"),
        items: &[
            Item { title: "Şehir ığdır", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("Şehir ığdır & body") },
        ],
    },
    Case {
        file: "enc-label-cp1251.xml",
        pattern: "encodings",
        title: Some("Новости"),
        items: &[
            Item { title: "Статья дня", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("Статья дня & body") },
        ],
    },
    Case {
        file: "enc-label-shift-jis-hyphen.xml",
        pattern: "encodings",
        title: Some("日本のニュース"),
        items: &[
            Item { title: "記事の見出し", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("記事の見出し & body") },
        ],
    },
    Case {
        file: "enc-label-euc_jp-underscore.xml",
        pattern: "encodings",
        title: Some("日本のニュース"),
        items: &[
            Item { title: "記事の見出し", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("記事の見出し & body") },
        ],
    },
    Case {
        file: "enc-label-single-quotes-upper.xml",
        pattern: "encodings",
        title: Some("Новости"),
        items: &[
            Item { title: "Статья дня", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("Статья дня & body") },
        ],
    },
    Case {
        file: "enc-iso-2022-jp.xml",
        pattern: "encodings",
        title: Some("日本のニュース"),
        items: &[
            Item { title: "記事の見出し", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("記事の見出し & body") },
        ],
    },
    Case {
        file: "enc-gb18030.xml",
        pattern: "encodings",
        title: Some("中文新闻"),
        items: &[
            Item { title: "文章标题", link: Some("https://enc.test/1"), id: "https://enc.test/1", text: Some("文章标题 & body") },
        ],
    },
    Case {
        file: "enc-utf16le-bom-beats-declaration.xml",
        pattern: "encodings",
        title: Some("UTF-16 wins: Ωμέγα"),
        items: &[
            Item { title: "Второй", link: Some("https://u16.test/1"), id: "https://u16.test/1", text: None },
        ],
    },
    Case {
        file: "enc-utf8-bom-beats-koi8-r.xml",
        pattern: "encodings",
        title: Some("BOM wins: Ωμέγα"),
        items: &[
            Item { title: "Второй", link: Some("https://u8b.test/1"), id: "https://u8b.test/1", text: None },
        ],
    },
    Case {
        file: "rss11-koi8-r.xml",
        pattern: "encodings",
        title: Some("Новости РСС 1.1"),
        items: &[
            Item { title: "Первая статья", link: Some("https://r11k.test/a"), id: "https://r11k.test/a", text: Some("Текст «статьи»") },
        ],
    },
    Case {
        file: "atom03-euc-jp.xml",
        pattern: "encodings",
        title: Some("古いアトム"),
        items: &[
            Item { title: "太字の見出し", link: Some("https://a03j.test/1"), id: "tag:a03j.test,2026:1", text: Some("本文です") },
        ],
    },
    Case {
        file: "cdf-windows-1252.xml",
        pattern: "encodings",
        title: Some("Café “channel”"),
        items: &[
            Item { title: "Crème brûlée – €5", link: Some("https://cdfw.test/1.html"), id: "https://cdfw.test/1.html", text: Some("Déjà vu") },
        ],
    },
    Case {
        file: "enc-utf16-declared-utf8-bytes.xml",
        pattern: "encodings",
        title: Some("Says UTF-16, is UTF-8: café"),
        items: &[
            Item { title: "été", link: Some("https://u16lie.test/1"), id: "https://u16lie.test/1", text: None },
        ],
    },
    Case {
        file: "enc-latin1-with-cp1252-bytes.xml",
        pattern: "encodings",
        title: Some("“Latin” with cp1252 quotes"),
        items: &[
            Item { title: "Naïve – café", link: Some("https://l1.test/1"), id: "https://l1.test/1", text: None },
        ],
    },
    Case {
        file: "enc-undeclared-latin1.xml",
        pattern: "encodings",
        title: Some("No declaration, Latin-1 bytes: café"),
        items: &[
            Item { title: "été", link: Some("https://nodecl.test/1"), id: "https://nodecl.test/1", text: None },
        ],
    },
    Case {
        file: "double-bom.xml",
        pattern: "encodings",
        title: Some("Two BOMs"),
        items: &[
            Item { title: "B", link: Some("https://bom2.test/1"), id: "https://bom2.test/1", text: None },
        ],
    },
    // entities
    Case {
        file: "ent-forbidden-refs.xml",
        pattern: "entities",
        title: Some("Forbidden references"),
        items: &[
            Item { title: "Bell and gone – dash € euro", link: Some("https://efr.test/1"), id: "https://efr.test/1", text: Some("Text with surrogate null big ’quote") },
            Item { title: "CDATA ’ read as HTML", link: Some("https://efr.test/2"), id: "https://efr.test/2", text: Some("Smart “quotes” bell gone") },
        ],
    },
    Case {
        file: "ent-attributes.xml",
        pattern: "entities",
        title: Some("Entities in attributes"),
        items: &[
            Item { title: "Legacy copy parameter", link: Some("https://eat.test/1?x=1&copy=3&reg=4"), id: "urn:eat:1", text: None },
            Item { title: "HTML entity in an href", link: Some("https://eat.test/caf%C3%A9?q=%22x%22"), id: "urn:eat:2", text: Some("caption") },
        ],
    },
    Case {
        file: "ent-bidi-marks.xml",
        pattern: "entities",
        title: Some("חדשות news"),
        items: &[
            Item { title: "Embedded and marked title", link: Some("https://bidi.test/1"), id: "https://bidi.test/1", text: Some("Body with marks") },
        ],
    },
    Case {
        file: "ent-double-escaped.xml",
        pattern: "entities",
        title: Some("Smith & Sons – news"),
        items: &[
            Item { title: "<b>Bold</b> move", link: Some("https://dbl.test/1"), id: "https://dbl.test/1", text: Some("<p>Twice &amp; escaped</p>") },
            Item { title: "It’s \"quoted\"", link: Some("https://dbl.test/2"), id: "https://dbl.test/2", text: Some("Three &amp;amp; deep") },
            Item { title: "Once escaped tag", link: Some("https://dbl.test/3"), id: "https://dbl.test/3", text: None },
        ],
    },
    Case {
        file: "ent-plain-summaries.xml",
        pattern: "entities",
        title: Some("Plain summaries"),
        items: &[
            Item { title: "Escaped not CDATA", link: Some("https://eps.test/1"), id: "https://eps.test/1", text: Some("The minister’s plan for Smith & Sons …") },
            Item { title: "Named in CDATA", link: Some("https://eps.test/2"), id: "https://eps.test/2", text: Some("Café – crème & more…") },
            Item { title: "Encoded and described", link: Some("https://eps.test/3"), id: "https://eps.test/3", text: Some("Long “content” & more") },
        ],
    },
    Case {
        file: "ent-atom-text-summaries.xml",
        pattern: "entities",
        title: Some("Tom &amp; Jerry"),
        items: &[
            Item { title: "1 < 2 &amp; 3", link: Some("https://eats.test/1"), id: "urn:eats:1", text: Some("The minister&#8217;s plan") },
            Item { title: "1 < 2 & 3", link: Some("https://eats.test/2"), id: "urn:eats:2", text: Some("The minister’s plan") },
        ],
    },
    Case {
        file: "ent-undefined.xml",
        pattern: "entities",
        title: Some("Undefined entities…"),
        items: &[
            Item { title: "Café – &bogus; & École", link: Some("https://eun.test/1?a=1&b=2"), id: "https://eun.test/1?a=1&b=2", text: Some("Body © 2026 &notanentity; end") },
        ],
    },
    Case {
        file: "ent-internal-subset.xml",
        pattern: "entities",
        title: Some("Internal Subset News"),
        items: &[
            Item { title: "By The “Desk”", link: Some("https://eis.test/1"), id: "https://eis.test/1", text: Some("From Internal Subset News.") },
        ],
    },
    // links and ids
    Case {
        file: "links-atom-rel.xml",
        pattern: "links and ids",
        title: Some("Link relations"),
        items: &[
            Item { title: "Related first, alternate later", link: Some("https://rel.test/1"), id: "urn:rel:1", text: None },
            Item { title: "PDF alternate before the HTML one", link: Some("https://rel.test/2"), id: "urn:rel:2", text: None },
            Item { title: "Upper-case rel and an IANA IRI", link: Some("https://rel.test/3"), id: "urn:rel:3", text: None },
            Item { title: "Full IRI alternate", link: Some("https://rel.test/4"), id: "urn:rel:4", text: None },
            Item { title: "No id, link stands in", link: Some("https://rel.test/5"), id: "https://rel.test/5", text: None },
        ],
    },
    Case {
        file: "links-xml-base-nested.xml",
        pattern: "links and ids",
        title: Some("Nested bases"),
        items: &[
            Item { title: "Three levels", link: Some("https://xb.test/a/b/c/d.html"), id: "urn:xb:1", text: None },
            Item { title: "Dot-dot base", link: Some("https://xb.test/up/x.html?q=1#frag"), id: "urn:xb:2", text: None },
            Item { title: "Absolute base on an entry", link: Some("http://other.test/root.html"), id: "urn:xb:3", text: None },
            Item { title: "Query-only link", link: Some("https://xb.test/a/?page=2"), id: "urn:xb:4", text: None },
        ],
    },
    Case {
        file: "links-relative-root-base.xml",
        pattern: "links and ids",
        title: Some("Relative root base"),
        items: &[
            Item { title: "Relative to relative", link: Some("{dir}/blog/2026/post.html"), id: "urn:rrb:1", text: None },
        ],
    },
    Case {
        file: "links-rss-guid.xml",
        pattern: "links and ids",
        title: Some("Guids"),
        items: &[
            Item { title: "Permalink by default", link: Some("https://guids.test/a"), id: "https://guids.test/a", text: None },
            Item { title: "Not a permalink", link: None, id: "https://guids.test/internal/b", text: None },
            Item { title: "Permalink flag on a non-URL", link: Some("https://guids.test/c"), id: "post-c", text: None },
            Item { title: "Spaces around", link: Some("https://guids.test/d"), id: "https://guids.test/d", text: None },
            Item { title: "Link beats guid", link: Some("https://guids.test/e"), id: "https://guids.test/guid-e", text: None },
            Item { title: "False in capitals", link: None, id: "https://guids.test/internal/f", text: None },
        ],
    },
    Case {
        file: "links-rss-xml-base.xml",
        pattern: "links and ids",
        title: Some("RSS with xml:base"),
        items: &[
            Item { title: "Relative item link", link: Some("https://rxb.test/news/2026/one.html"), id: "rxb-1", text: None },
            Item { title: "Item base", link: Some("https://cdn.rxb.test/two.html"), id: "rxb-2", text: None },
        ],
    },
    Case {
        file: "links-rss10-about.xml",
        pattern: "links and ids",
        title: Some("About ids"),
        items: &[
            Item { title: "About and link differ", link: Some("https://r10a.test/1"), id: "https://r10a.test/id/1", text: None },
            Item { title: "URN about, no link", link: None, id: "urn:r10a:2", text: None },
        ],
    },
    Case {
        file: "rss20-cdata-links.xml",
        pattern: "links and ids",
        title: Some("CDATA links"),
        items: &[
            Item { title: "Part two end", link: Some("https://cdl.test/a?b=1&c=2"), id: "cdl-1", text: None },
            Item { title: "Empty guid", link: Some("https://cdl.test/2"), id: "https://cdl.test/2", text: None },
        ],
    },
    Case {
        file: "rss20-self-first.xml",
        pattern: "links and ids",
        title: Some("Self first"),
        items: &[
            Item { title: "Item self first", link: Some("https://sf.test/1"), id: "https://sf.test/1", text: None },
        ],
    },
    // ill-formed
    Case {
        file: "ill-atom-root-end-no-gt.xml",
        pattern: "ill-formed",
        title: Some("Atom root end"),
        items: &[
            Item { title: "Only", link: Some("https://are.test/1"), id: "urn:are:1", text: None },
        ],
    },
    Case {
        file: "ill-rdf-root-end-no-gt.xml",
        pattern: "ill-formed",
        title: Some("RDF root end"),
        items: &[
            Item { title: "Only", link: Some("https://rre.test/1"), id: "https://rre.test/1", text: None },
        ],
    },
    Case {
        file: "ill-channel-end-no-gt.xml",
        pattern: "ill-formed",
        title: Some("Channel end cut"),
        items: &[
            Item { title: "Kept", link: Some("https://cec.test/1"), id: "https://cec.test/1", text: None },
        ],
    },
    Case {
        file: "ill-cut-in-title.xml",
        pattern: "ill-formed",
        title: Some("Cut in a title"),
        items: &[
            Item { title: "Whole", link: Some("https://cut.test/1"), id: "https://cut.test/1", text: None },
            Item { title: "Half a tit", link: None, id: "hash:*", text: None },
        ],
    },
    Case {
        file: "ill-cut-in-attribute.xml",
        pattern: "ill-formed",
        title: Some("Cut in an attribute"),
        items: &[
            Item { title: "Whole", link: Some("https://cut.test/1"), id: "https://cut.test/1", text: None },
            Item { title: "Second", link: Some("https://cut.test/2"), id: "https://cut.test/2", text: None },
        ],
    },
    Case {
        file: "ill-cut-in-reference.xml",
        pattern: "ill-formed",
        title: Some("Cut in a reference"),
        items: &[
            Item { title: "Whole", link: Some("https://cut.test/1"), id: "https://cut.test/1", text: None },
            Item { title: "Fish &am", link: None, id: "hash:*", text: None },
        ],
    },
    Case {
        file: "ill-cut-in-cdata.xml",
        pattern: "ill-formed",
        title: Some("Cut in CDATA"),
        items: &[
            Item { title: "Whole", link: Some("https://cut.test/1"), id: "https://cut.test/1", text: Some("Para one Para tw") },
        ],
    },
    Case {
        file: "ill-cut-in-start-tag.xml",
        pattern: "ill-formed",
        title: Some("Cut in a start tag"),
        items: &[
            Item { title: "Whole", link: Some("https://cut.test/1"), id: "https://cut.test/1", text: None },
            Item { title: "Second", link: Some("https://cut.test/2"), id: "https://cut.test/2", text: None },
        ],
    },
    Case {
        file: "ill-cut-in-utf8-sequence.xml",
        pattern: "ill-formed",
        title: Some("Cut in a character"),
        items: &[
            Item { title: "Whole", link: Some("https://cut.test/1"), id: "https://cut.test/1", text: None },
            Item { title: "Café", link: None, id: "hash:*", text: None },
        ],
    },
    Case {
        file: "ill-unescaped-text.xml",
        pattern: "ill-formed",
        title: Some("Fish & Chips < £5"),
        items: &[
            Item { title: "AT&T < Verizon & co", link: Some("https://une.test/1?x=1&y=2"), id: "https://une.test/1?x=1&y=2", text: Some("Between 3 < 4 and 5 > 4 & then") },
            Item { title: "Q&A: what is 1<2?", link: Some("https://une.test/2"), id: "https://une.test/2", text: None },
        ],
    },
    Case {
        file: "ill-wrong-case.xml",
        pattern: "ill-formed",
        title: Some("Wrong case"),
        items: &[
            Item { title: "Capital tags", link: Some("https://wc.test/1"), id: "https://wc.test/1", text: Some("Capital body") },
            Item { title: "Mismatched close", link: Some("https://wc.test/2"), id: "https://wc.test/2", text: Some("Shouted body") },
        ],
    },
    Case {
        file: "ill-duplicates.xml",
        pattern: "ill-formed",
        title: Some("Second title counts"),
        items: &[
            Item { title: "Item with an empty first link", link: Some("https://dup.test/1"), id: "https://dup.test/1", text: None },
            Item { title: "Blank then real", link: Some("https://dup.test/2"), id: "https://dup.test/2", text: Some("Second description") },
        ],
    },
    Case {
        file: "ill-unclosed-items.xml",
        pattern: "ill-formed",
        title: Some("Items never closed"),
        items: &[
            Item { title: "First open item", link: Some("https://unc.test/1"), id: "https://unc.test/1", text: None },
            Item { title: "Second open item", link: Some("https://unc.test/2"), id: "https://unc.test/2", text: None },
            Item { title: "Third open item", link: Some("https://unc.test/3"), id: "https://unc.test/3", text: None },
        ],
    },
    Case {
        file: "ill-unquoted-attributes.xml",
        pattern: "ill-formed",
        title: Some("Unquoted attributes"),
        items: &[
            Item { title: "Guid flag unquoted", link: Some("https://unq.test/1"), id: "https://unq.test/internal/1", text: None },
            Item { title: "Bare permalink", link: Some("https://unq.test/2"), id: "https://unq.test/2", text: None },
        ],
    },
    Case {
        file: "ill-unclosed-cdata-title.xml",
        pattern: "ill-formed",
        title: Some("CDATA left open"),
        items: &[
            Item { title: "Fine", link: Some("https://ucd.test/1"), id: "https://ucd.test/1", text: None },
            Item { title: "Also fine", link: Some("https://ucd.test/2"), id: "https://ucd.test/2", text: Some("Never closed") },
        ],
    },
    Case {
        file: "ill-unclosed-cdata-middle.xml",
        pattern: "ill-formed",
        title: Some("CDATA open mid-feed"),
        items: &[
            Item { title: "First", link: Some("https://ucm.test/1"), id: "https://ucm.test/1", text: Some("Left open") },
            Item { title: "Second", link: Some("https://ucm.test/2"), id: "https://ucm.test/2", text: Some("Closed") },
            Item { title: "Third", link: Some("https://ucm.test/3"), id: "https://ucm.test/3", text: None },
        ],
    },
    Case {
        file: "ill-junk-after-atom.xml",
        pattern: "ill-formed",
        title: Some("Junk after Atom"),
        items: &[
            Item { title: "Kept entry", link: Some("https://jaa.test/1"), id: "urn:jaa:1", text: None },
        ],
    },
    Case {
        file: "ill-nul-after-root.xml",
        pattern: "ill-formed",
        title: Some("NULs after"),
        items: &[
            Item { title: "Kept", link: Some("https://nul.test/1"), id: "https://nul.test/1", text: None },
        ],
    },
    Case {
        file: "ill-guid-attr-no-value.xml",
        pattern: "ill-formed",
        title: Some("Attribute without a value"),
        items: &[
            Item { title: "Flag alone", link: Some("https://nv.test/1"), id: "https://nv.test/1", text: None },
            Item { title: "Amp in guid", link: Some("https://nv.test/2?x=1&y=2"), id: "a&b", text: None },
        ],
    },
    Case {
        file: "ill-raw-html-void.xml",
        pattern: "ill-formed",
        title: Some("Raw void elements"),
        items: &[
            Item { title: "Image then text", link: Some("https://rv.test/1"), id: "https://rv.test/1", text: Some("Caption text") },
            Item { title: "Next item", link: Some("https://rv.test/2"), id: "https://rv.test/2", text: Some("Plain") },
        ],
    },
    // JSON Feed
    Case {
        file: "json10-variants.json",
        pattern: "JSON Feed",
        title: Some("JSON &amp; friends"),
        items: &[
            Item { title: "Numeric id", link: Some("https://jf.test/42"), id: "42", text: Some("1 < 2 & 3 &amp; literal") },
            Item { title: "HTML body", link: Some("https://jf.test/h"), id: "h", text: Some("It’s & bold") },
            Item { title: "No id", link: Some("https://jf.test/no-id"), id: "https://jf.test/no-id", text: Some("id from url") },
            Item { title: "External only", link: Some("https://elsewhere.test/story"), id: "ext", text: Some("Linked elsewhere") },
            Item { title: "Text and HTML", link: Some("https://jf.test/both"), id: "both", text: Some("Rich version") },
        ],
    },
    Case {
        file: "json11-variants.json",
        pattern: "JSON Feed",
        title: Some("JSON one-one"),
        items: &[
            Item { title: "Spaces around", link: Some("https://jf11.test/1"), id: "1", text: Some("One") },
            Item { title: "Tab and bell", link: Some("https://jf11.test/2"), id: "2", text: Some("Line one Line two") },
            Item { title: "", link: Some("https://jf11.test/3"), id: "3", text: Some("Untitled post with enough words to make a title") },
        ],
    },
    Case {
        file: "json-trailing-commas.json",
        pattern: "JSON Feed",
        title: Some("Trailing commas"),
        items: &[
            Item { title: "First", link: Some("https://tc.test/1"), id: "1", text: Some("One") },
            Item { title: "Second", link: Some("https://tc.test/2"), id: "2", text: Some("Two") },
        ],
    },
    Case {
        file: "json-bom.json",
        pattern: "JSON Feed",
        title: Some("JSON with a BOM"),
        items: &[
            Item { title: "After the BOM", link: Some("https://jbom.test/1"), id: "b1", text: Some("S") },
        ],
    },
    // the leniency sweep (session 13): what feed-rs read short, and more
    Case {
        file: "rss20-raw-html-leading-markup.xml",
        pattern: "ill-formed",
        title: Some("Markup first"),
        items: &[
            Item { title: "Paragraph first", link: Some("https://lead.test/1"), id: "https://lead.test/1", text: Some("The council met on Tuesday.") },
            Item { title: "Image first", link: Some("https://lead.test/2"), id: "https://lead.test/2", text: Some("A harbour at dawn.") },
            Item { title: "Division first", link: Some("https://lead.test/3"), id: "https://lead.test/3", text: Some("Full text of the third.") },
        ],
    },
    Case {
        file: "atom10-unquoted-href.xml",
        pattern: "ill-formed",
        title: Some("Quotes forgotten"),
        items: &[
            Item { title: "No quotes", link: Some("https://uq.test/posts/1"), id: "urn:uq:1", text: Some("First entry") },
            Item { title: "With quotes", link: Some("https://uq.test/posts/2"), id: "urn:uq:2", text: Some("Second entry") },
        ],
    },
    Case {
        file: "rss20-atom-link-in-item.xml",
        pattern: "links and ids",
        title: Some("Atom links in items"),
        items: &[
            Item { title: "Linked the Atom way", link: Some("https://ali.test/stories/1"), id: "https://ali.test/stories/1", text: Some("One") },
        ],
    },
    Case {
        file: "rss20-permalink-false-uppercase.xml",
        pattern: "links and ids",
        title: Some("Shouted false"),
        items: &[
            Item { title: "Not a page", link: None, id: "https://pfu.test/internal/77", text: Some("The guid names no page.") },
            Item { title: "A page", link: Some("https://pfu.test/stories/78"), id: "https://pfu.test/stories/78", text: Some("This guid is the page.") },
        ],
    },
    Case {
        file: "atom10-undeclared-html-entities.xml",
        pattern: "entities",
        title: Some("Café society"),
        items: &[
            Item { title: "Crème brûlée — a history", link: Some("https://uhe.test/1"), id: "urn:uhe:1", text: Some("Sugar, cream & fire…") },
        ],
    },
    Case {
        file: "atom10-binary-content.xml",
        pattern: "content constructs",
        title: Some("Pictures"),
        items: &[
            Item { title: "A tiny picture", link: Some("https://bin.test/1"), id: "urn:bin:1", text: Some("A one-pixel image, inline.") },
        ],
    },
    Case {
        file: "atom10-xml-typed-title.xml",
        pattern: "content constructs",
        title: Some("XML media types"),
        items: &[
            Item { title: "Inline XML title", link: Some("https://xt.test/1"), id: "urn:xt:1", text: Some("Inline XML body") },
        ],
    },
    Case {
        file: "rss20-itunes-summary-only.xml",
        pattern: "namespaces and roots",
        title: Some("Podcast notes"),
        items: &[
            Item { title: "Episode 12", link: Some("https://pod.test/12"), id: "https://pod.test/12", text: Some("We talk about tides and the moon.") },
        ],
    },
    Case {
        file: "rss10-dc-only.xml",
        pattern: "namespaces and roots",
        title: Some("Dublin Core only"),
        items: &[
            Item { title: "Described by dc", link: Some("https://dco.test/1"), id: "https://dco.test/1", text: Some("Its text lives in dc:description.") },
        ],
    },
    Case {
        file: "rss20-unknown-default-ns.xml",
        pattern: "namespaces and roots",
        title: Some("Private namespace"),
        items: &[
            Item { title: "Still RSS", link: Some("https://pns.test/1"), id: "https://pns.test/1", text: Some("Read like any RSS item.") },
        ],
    },
    Case {
        file: "cdf-base.xml",
        pattern: "namespaces and roots",
        title: Some("CDF with a base"),
        items: &[
            Item { title: "Today", link: Some("https://cdfb.test/news/today.html"), id: "https://cdfb.test/news/today.html", text: Some("Resolved against BASE") },
        ],
    },
    Case {
        file: "rss20-undeclared-modules.xml",
        pattern: "ill-formed",
        title: Some("Modules never declared"),
        items: &[
            Item { title: "Full text hidden", link: Some("https://und.test/1"), id: "https://und.test/1", text: Some("The whole story, at length.") },
        ],
    },
    Case {
        file: "ill-unclosed-titles.xml",
        pattern: "ill-formed",
        title: Some("Titles left open"),
        items: &[
            Item { title: "First story", link: Some("https://ut.test/1"), id: "https://ut.test/1", text: Some("Body one") },
            Item { title: "Second story", link: Some("https://ut.test/2"), id: "https://ut.test/2", text: Some("Body two") },
        ],
    },
    Case {
        file: "enc-label-win-1251.xml",
        pattern: "encodings",
        title: Some("Новости"),
        items: &[
            Item { title: "Главное за день", link: Some("https://w51.test/1"), id: "https://w51.test/1", text: Some("Текст") },
        ],
    },
    Case {
        file: "json-cut-short.json",
        pattern: "JSON Feed",
        title: Some("Cut short"),
        items: &[
            Item { title: "Whole item", link: Some("https://jcut.test/1"), id: "c1", text: Some("Complete") },
            // Cut in its text: what came before the cut stands, as in XML.
            Item { title: "Half an item", link: Some("https://jcut.test/2"), id: "c2", text: None },
        ],
    },
    Case {
        file: "json-windows-1252.json",
        pattern: "JSON Feed",
        title: Some("Café “news”"),
        items: &[
            Item { title: "Crème", link: Some("https://j1252.test/1"), id: "w1", text: Some("Brûlée – done") },
        ],
    },
    // session 14: what the widened sweep found
    Case {
        file: "rss20-relative-permalink-guids.xml",
        pattern: "links and ids",
        title: Some("Relative permalinks"),
        items: &[
            Item { title: "Declared a permalink", link: Some("https://rpg.test/blog/2026/one.html"), id: "2026/one.html", text: Some("Resolved against the channel link.") },
            Item { title: "A path, nothing declared", link: Some("https://rpg.test/news/two.html"), id: "/news/two.html", text: Some("A root-relative path.") },
            Item { title: "Under an xml:base", link: Some("https://cdn.rpg.test/x/three.html"), id: "three.html", text: Some("The base in force wins.") },
            Item { title: "A word, not a page", link: None, id: "story-4", text: Some("Only an id.") },
            Item { title: "Said not to be a page", link: None, id: "/internal/5", text: Some("Only an id, too.") },
        ],
    },
    Case {
        file: "json-relative-urls.json",
        pattern: "JSON Feed",
        title: Some("Relative JSON"),
        items: &[
            // Read from a file: against feed_url, not the file.
            Item { title: "Root relative", link: Some("https://jrel.test/posts/1"), id: "r1", text: Some("One") },
            Item { title: "Beside the feed", link: Some("https://jrel.test/feeds/2"), id: "r2", text: Some("Two") },
            Item { title: "External", link: Some("https://jrel.test/ext/3"), id: "r3", text: Some("Three") },
        ],
    },
    Case {
        file: "rss20-text-then-markup.xml",
        pattern: "ill-formed",
        title: Some("Words before markup"),
        items: &[
            Item { title: "Bold in the middle", link: Some("https://wbm.test/1"), id: "https://wbm.test/1", text: Some("The council met on Tuesday and voted late.") },
            Item { title: "Paragraphs after a lead", link: Some("https://wbm.test/2"), id: "https://wbm.test/2", text: Some("Lead words First paragraph. Second paragraph, the end.") },
            Item { title: "Escaped, as it should be", link: Some("https://wbm.test/3"), id: "https://wbm.test/3", text: Some("Plain escaped text, whole.") },
        ],
    },
    Case {
        file: "atom10-content-src-only.xml",
        pattern: "content constructs",
        title: Some("Content is the page"),
        items: &[
            Item { title: "Only a self link", link: Some("https://cso.test/archive/2026/one.html"), id: "urn:cso:1", text: None },
            Item { title: "An alternate beats the src", link: Some("https://cso.test/two.html"), id: "urn:cso:2", text: Some("Two as a page") },
        ],
    },
    Case {
        file: "rss20-media-group-unclosed.xml",
        pattern: "ill-formed",
        title: Some("Videos, cut short"),
        items: &[
            Item { title: "Plain description", link: Some("https://mgu.test/1"), id: "https://mgu.test/1", text: Some("A clip of the harbour at dawn.") },
            Item { title: "HTML description", link: Some("https://mgu.test/2"), id: "https://mgu.test/2", text: Some("Boats & gulls") },
        ],
    },
    Case {
        file: "rss20-raw-markup-titles.xml",
        pattern: "ill-formed",
        title: Some("The raw review"),
        items: &[
            Item { title: "Ministers agree on the plan", link: Some("https://rmt.test/1"), id: "https://rmt.test/1", text: Some("Talks ended late.") },
            Item { title: "Exclusive: the harbour deal", link: Some("https://rmt.test/2"), id: "https://rmt.test/2", text: Some("A deal was signed.") },
        ],
    },
    Case {
        file: "atom10-raw-html-constructs.xml",
        pattern: "ill-formed",
        title: Some("Unescaped HTML constructs"),
        items: &[
            Item { title: "Talks resume today", link: Some("https://rhc.test/1"), id: "urn:rhc:1", text: Some("The envoys met again in Geneva.") },
            Item { title: "Inline markup stays", link: Some("https://rhc.test/2"), id: "urn:rhc:2", text: Some("Proper xhtml content.") },
        ],
    },
    Case {
        file: "rss20-lowercase-cdata.xml",
        pattern: "ill-formed",
        title: Some("Lower-case markers"),
        items: &[
            Item { title: "Markup in a section", link: Some("https://lc.test/1"), id: "https://lc.test/1", text: Some("Tides & the moon tonight") },
            Item { title: "Mixed & matched", link: Some("https://lc.test/2"), id: "https://lc.test/2", text: Some("An ordinary section") },
        ],
    },
];

/// The mismatches in one case, each as "pattern / file: what".
fn check(sb: &Sandbox, case: &Case, dir_url: &str) -> (usize, Vec<String>) {
    let path = format!("{DIR}/{}", case.file);
    let out = sb.sift().args(["parse", "--json", &path]).output().unwrap();
    let mut checks = 0;
    let mut failures = Vec::new();
    // A refused document fails every check it has.
    let parsed: Value = if out.status.success() {
        serde_json::from_slice(&out.stdout).unwrap()
    } else {
        eprintln!("refused: {}", String::from_utf8_lossy(&out.stderr));
        Value::Null
    };
    let mut expect = |what: String, got: Option<&str>, want: Option<&str>| {
        checks += 1;
        let matches = match (got, want) {
            (Some(g), Some(w)) if w.ends_with('*') => g.starts_with(&w[..w.len() - 1]),
            (g, w) => g == w,
        };
        if !matches {
            failures.push(format!(
                "{} / {}: {what}: got {got:?}, want {want:?}",
                case.pattern, case.file
            ));
        }
    };
    expect("feed title".into(), parsed["title"].as_str(), case.title);
    let items = parsed["items"].as_array().cloned().unwrap_or_default();
    let count = items.len().to_string();
    expect(
        "items".into(),
        Some(&count),
        Some(&case.items.len().to_string()),
    );
    // A missing item fails each of its checks.
    for (n, want) in case.items.iter().enumerate() {
        let got = items.get(n).unwrap_or(&Value::Null);
        let link = want.link.map(|l| l.replace("{dir}", dir_url));
        let body = got["content"].as_str().or(got["summary"].as_str());
        let text = body
            .map(sift::text::html_to_plain)
            .filter(|t| !t.is_empty());
        expect(
            format!("item {n} title"),
            got["title"].as_str(),
            Some(want.title),
        );
        expect(
            format!("item {n} link"),
            got["link"].as_str(),
            link.as_deref(),
        );
        expect(format!("item {n} id"), got["id"].as_str(), Some(want.id));
        expect(format!("item {n} text"), text.as_deref(), want.text);
    }
    (checks, failures)
}

#[test]
fn every_pattern_reads_as_a_forgiving_reader_reads_it() {
    let sb = Sandbox::new();
    let dir_url = url::Url::from_directory_path(DIR).unwrap();
    let dir_url = dir_url.as_str().trim_end_matches('/');
    let (mut checks, mut failures) = (0, Vec::new());
    for case in CASES {
        let (n, failed) = check(&sb, case, dir_url);
        checks += n;
        failures.extend(failed);
    }
    eprintln!(
        "{} of {checks} checks pass in {} fixtures",
        checks - failures.len(),
        CASES.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_is_in_the_table() {
    let mut files: Vec<String> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.file.to_owned()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

#[test]
fn every_cut_of_every_fixture_reads_without_panic_or_control_characters() {
    let clean = |s: &str| !s.chars().any(|c| c != '\n' && sift::text::is_forbidden(c));
    for case in CASES {
        let doc = std::fs::read(format!("{DIR}/{}", case.file)).unwrap();
        for cut in 0..doc.len() {
            let Ok(feed) = sift::feed::parse_feed(&doc[..cut], Some("https://cut.test/feed"))
            else {
                continue;
            };
            let fields = feed.title.iter().chain(feed.items.iter().flat_map(|i| {
                [Some(&i.title), Some(&i.guid), i.link.as_ref()]
                    .into_iter()
                    .chain([i.summary.as_ref(), i.content.as_ref()])
                    .flatten()
            }));
            for field in fields {
                assert!(clean(field), "{}[..{cut}]: {field:?}", case.file);
            }
        }
    }
}
