use super::*;

fn has_forbidden(s: &str) -> bool {
    s.chars().any(|c| is_forbidden(c) || c == '\r') || has_stray_joiner(s)
}

/// A ZWJ that is not between two emoji.
fn has_stray_joiner(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        c == '\u{200d}'
            && !(i > 0
                && matches!(chars[i - 1], '👨' | '\u{fe0f}')
                && chars.get(i + 1) == Some(&'👨'))
    })
}

#[test]
fn clean_text_is_borrowed() {
    for s in [
        "plain",
        "café — “quoted” ‘x’ …",
        "a\tb\nc",
        "ZWNJ \u{200c}",
        "",
    ] {
        assert!(matches!(sanitize(s), Cow::Borrowed(_)), "{s:?}");
    }
}

#[test]
fn c0_del_c1_and_newlines() {
    assert_eq!(sanitize("a\u{0}b\u{7}c\u{8}d\u{7f}e"), "abcde");
    assert_eq!(sanitize("x\u{85}y\u{80}z\u{9f}"), "xyz");
    assert_eq!(sanitize("one\r\ntwo\rthree\n"), "one\ntwo\nthree\n");
    assert_eq!(sanitize("keep\ttab"), "keep\ttab");
}

#[test]
fn every_escape_sequence_form_is_removed_whole() {
    assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
    assert_eq!(sanitize("\u{1b}[?1049h\u{1b}[2J\u{1b}[1;1Hx"), "x");
    // OSC terminated by BEL and by ST, including an OSC 8 hyperlink.
    assert_eq!(sanitize("\u{1b}]0;title\u{7}t"), "t");
    assert_eq!(
        sanitize("\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
        "link"
    );
    // DCS, SOS, PM, APC up to ST.
    assert_eq!(sanitize("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b"), "ab");
    assert_eq!(
        sanitize("a\u{1b}Xsos\u{1b}\\b\u{1b}^pm\u{1b}\\c\u{1b}_apc\u{1b}\\d"),
        "abcd"
    );
    // Two- and three-character escapes.
    assert_eq!(sanitize("a\u{1b}cb\u{1b}7c\u{1b}(Bd\u{1b}#8e"), "abcde");
    // C1 forms of CSI, OSC and ST.
    assert_eq!(sanitize("a\u{9b}31mb\u{9d}0;t\u{9c}c"), "abc");
    // A lone ESC at the end, and an ESC before non-ASCII.
    assert_eq!(sanitize("end\u{1b}"), "end");
    assert_eq!(sanitize("\u{1b}é"), "é");
}

#[test]
fn unterminated_strings_keep_the_text_inert() {
    // No terminator: the rest is shown, without any control character.
    let out = sanitize("\u{1b}]0;never ends");
    assert_eq!(out, "0;never ends");
    // An ESC inside a string aborts it and starts a new sequence.
    assert_eq!(sanitize("\u{1b}]0;a\u{1b}[1mb"), "b");
    let out = sanitize("\u{1b}[12;34");
    assert_eq!(out, "");
}

#[test]
fn bidi_and_zero_width_are_removed_but_joiners_kept() {
    let s = "a\u{202e}b\u{202a}c\u{2066}d\u{2069}e\u{200e}f\u{200f}g\u{61c}h";
    assert_eq!(sanitize(s), "abcdefgh");
    assert_eq!(sanitize("\u{feff}x\u{200b}y\u{2060}z"), "xyz");
    assert_eq!(sanitize("a\u{200d}b\u{200c}c"), "ab\u{200c}c");
}

#[test]
fn a_joiner_stays_only_between_two_emoji() {
    let family = "👨\u{200d}👩\u{200d}👧";
    assert_eq!(sanitize(family), family);
    // A flag with its presentation selector, and a gendered role.
    let flag = "🏳\u{fe0f}\u{200d}🌈 🏃\u{200d}♀\u{fe0f}";
    assert_eq!(sanitize(flag), flag);
    assert_eq!(sanitize("a\u{200d}b"), "ab");
    assert_eq!(sanitize("\u{200d}👩"), "👩");
    assert_eq!(sanitize("👨\u{200d}"), "👨");
    assert_eq!(sanitize("👨\u{200d}x"), "👨x");
    assert_eq!(sanitize("ک\u{200d}ه"), "که");
    assert_eq!(sanitize_line("a\u{200d} b"), "a b");
}

#[test]
fn sanitize_line_collapses_all_whitespace() {
    assert_eq!(
        sanitize_line("  Can a phone\n\tcall\u{a0}reset\u{2003}it?  "),
        "Can a phone call reset it?"
    );
    assert_eq!(sanitize_line("a\r\n\r\nb"), "a b");
    assert_eq!(sanitize_line(" \u{1b}[31m "), "");
    assert_eq!(sanitize_line("x\u{1b}]0;t\u{7} y"), "x y");
}

#[test]
fn sanitize_url_drops_whitespace_and_controls() {
    assert_eq!(
        sanitize_url(" https://a.test/x y\n/z\u{1b}[0m\u{202e} "),
        "https://a.test/xy/z"
    );
    assert_eq!(sanitize_url("https://a.test/\u{a0}p"), "https://a.test/p");
}

#[test]
fn sanitize_html_removes_references_to_forbidden_characters() {
    let s = "<p>a&#27;[31mb&#x1b;c&#157;d&#x202E;e&#0;f&#x9D;g&#13;h&lrm;i&ZeroWidthSpace;j</p>";
    assert_eq!(sanitize_html(s), "<p>a[31mbcdefghij</p>");
    // C1 numbers mean windows-1252's characters in HTML (`&#155;`, CSI as
    // a code point, is `›`); the five it leaves undefined are removed.
    assert_eq!(
        sanitize_html("It&#146;s A &#150; B &#x9B;&#155;&#129;&#x8D;&#143;&#144;"),
        "It\u{2019}s A \u{2013} B \u{203a}\u{203a}"
    );
    // Without the semicolon and with leading zeros, as HTML allows.
    assert_eq!(sanitize_html("a&#0027b&#x00001B;c"), "abc");
    // Out-of-range and surrogate numbers are removed too.
    assert_eq!(sanitize_html("a&#xD800;b&#99999999999;c"), "abc");
    // Safe references stay as they are; clean input is borrowed.
    let ok = "x &amp; y &eacute; &#233; &#10; &#x9; &nbsp; &bogus; & z &#";
    assert!(matches!(sanitize_html(ok), Cow::Borrowed(_)));
    assert_eq!(sanitize_html("\u{1b}[1m<b>&#x41;</b>"), "<b>&#x41;</b>");
}

#[test]
fn decode_html_only_entities_decodes_once_and_leaves_xml_ones() {
    assert_eq!(
        decode_html_only_entities("caf&eacute;&nbsp;&mdash;it&rsquo;s"),
        "café\u{a0}—it’s"
    );
    assert_eq!(
        decode_html_only_entities("&amp;amp; &lt; &gt; &quot; &apos;"),
        "&amp;amp; &lt; &gt; &quot; &apos;"
    );
    assert_eq!(decode_html_only_entities("&#233; &#xe9;"), "&#233; &#xe9;");
    assert_eq!(
        decode_html_only_entities("&bogus; &eacute &; & &#; &amp"),
        "&bogus; &eacute &; & &#; &amp"
    );
    assert!(matches!(
        decode_html_only_entities("AT&T"),
        Cow::Borrowed(_)
    ));
    // Two-codepoint entities, and entities for forbidden characters dropped.
    assert_eq!(
        decode_html_only_entities("&NotEqualTilde;"),
        "\u{2242}\u{338}"
    );
    assert_eq!(decode_html_only_entities("a&lrm;b&rlm;c"), "abc");
}

#[test]
fn html_to_plain_strips_tags_and_decodes_everything_once() {
    assert_eq!(
        html_to_plain("<b>Bold</b> &amp; <i>it&eacute;</i>"),
        "Bold & ité"
    );
    assert_eq!(
        html_to_plain("<p>one</p><p>two</p>three<br/>four"),
        "one two three four"
    );
    assert_eq!(
        html_to_plain("a<script>alert('<p>')</script>b<style>p{}</style>c"),
        "abc"
    );
    assert_eq!(html_to_plain("a<SCRIPT type=x>x</ScRiPt >b"), "ab");
    assert_eq!(html_to_plain("x<!-- <p>hidden</p> -->y"), "xy");
    assert_eq!(
        html_to_plain("&amp;amp; &#8217; &#x2019; &#146;"),
        "&amp; ’ ’ ’"
    );
    assert_eq!(html_to_plain("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
}

#[test]
fn html_to_plain_spaces_block_tags_in_any_case_and_only_them() {
    // Block tags in any case become a space; inline ones, and names
    // that only start like a block tag, join their words.
    assert_eq!(
        html_to_plain("a<DIV>b</Div>c<BlockQuote>d<FIGCAPTION>e"),
        "a b c d e"
    );
    assert_eq!(
        html_to_plain("a<blockquotes>b<pa>c<h7>d<span>e<h1x>f"),
        "abcdef"
    );
    assert_eq!(html_to_plain("a<h6>b<td>c<tr/>d"), "a b c d");
}

#[test]
fn html_to_plain_survives_malformed_input() {
    assert_eq!(html_to_plain("title <b"), "title");
    assert_eq!(html_to_plain("a<!-- never closed"), "a");
    assert_eq!(html_to_plain("a<script>never closed"), "a");
    assert_eq!(
        html_to_plain("&#27;[31mred&#x1b;&#0;&#xD800;&"),
        "[31mred\u{fffd}\u{fffd}&"
    );
    assert_eq!(html_to_plain("<<<<>>>>"), "<<<<>>>>");
    assert_eq!(html_to_plain("a <b>c"), "a c");
    assert_eq!(html_to_plain("&#x;&#;&#xffffffffff;"), "&#x;&#;\u{fffd}");
    assert_eq!(html_to_plain("\u{1b}]0;x\u{7}<p>\u{202e}t</p>"), "t");
}

/// A small deterministic generator: no dependency, same cases every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn hostile_string(rng: &mut XorShift) -> String {
    const PIECES: &[&str] = &[
        "\u{1b}", "[", "]", "\u{7}", "\\", "\u{9b}", "\u{9c}", "\u{9d}", "\u{90}", "&", "#", "x",
        "1b", "27", ";", "<", ">", "/", "p", "script", "<!--", "-->", "\r", "\n", "\u{202e}",
        "\u{feff}", "é", "\u{0}", "\u{200d}", "👨", "\u{85}", "&eacute;", "&#155;", " ", "\u{a0}",
        "a", "P", "^", "_", "(",
    ];
    let len = (rng.next() % 40) as usize;
    (0..len)
        .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
        .collect()
}

#[test]
fn property_no_output_ever_holds_a_forbidden_character() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let s = hostile_string(&mut rng);
        assert!(!has_forbidden(&sanitize(&s)), "sanitize {s:?}");
        assert!(!has_forbidden(&sanitize_line(&s)), "line {s:?}");
        assert!(!has_forbidden(&sanitize_url(&s)), "url {s:?}");
        assert!(!has_forbidden(&html_to_plain(&s)), "plain {s:?}");
        let html = sanitize_html(&s);
        assert!(!has_forbidden(&html), "html {s:?}");
        // What a renderer decodes from sanitised HTML is still clean.
        assert!(!has_forbidden(&html_to_plain(&html)), "html->plain {s:?}");
        assert!(
            !has_forbidden(&decode_html_only_entities(&sanitize(&s))),
            "entities {s:?}"
        );
    }
}

#[test]
fn property_sanitize_is_idempotent() {
    let mut rng = XorShift(12345);
    for _ in 0..5_000 {
        let s = hostile_string(&mut rng);
        let once = sanitize(&s).into_owned();
        assert_eq!(sanitize(&once), once, "{s:?}");
        let line = sanitize_line(&s);
        assert_eq!(sanitize_line(&line), line, "{s:?}");
    }
}

#[test]
fn counted_nouns_agree_with_their_number() {
    assert_eq!(counted(0, "change"), "0 changes");
    assert_eq!(counted(1, "change"), "1 change");
    assert_eq!(counted(2, "article page"), "2 article pages");
}

#[test]
fn legacy_names_without_semicolon_decode_as_browsers_read_text() {
    // A tag-less summary: `&amp` and `&nbsp` without `;` are references.
    assert_eq!(
        decode_references("Fish &amp chips&nbsp;&copy 2026"),
        "Fish & chips\u{a0}\u{a9} 2026"
    );
    // Not before a letter, a digit or `=`: words and addresses stay whole.
    assert_eq!(
        decode_references("AT&T AT&ampT ?a=1&copy=2&sect2"),
        "AT&T AT&ampT ?a=1&copy=2&sect2"
    );
    // Only legacy names: `&hellip` was never one.
    assert_eq!(decode_references("Wait&hellip "), "Wait&hellip ");
    // Attribute values keep needing the `;`.
    assert_eq!(decode_html_only_entities("caf&eacute x"), "caf&eacute x");
}
