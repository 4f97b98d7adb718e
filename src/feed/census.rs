//! One walk over a document's tags, counting what `verdict` weighs
//! feed-rs's reading against: item starts, titles, links, descriptions,
//! `isPermaLink="false"` on a guid, and bodies that hold raw markup.
//! Each check used to scan the whole document on its own; this walk
//! visits each tag once and jumps over CDATA sections (whose markup is
//! text) in one search each.
//!
//! A start tag counts under its local name whether prefixed or not
//! (`<title>`, `<media:title>`), not when the prefix is empty or holds a
//! colon of its own (`<:title>`, `<a:b:title>`).

/// What one walk over a document's tags found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Census {
    /// Where the names of item start tags begin (`entry` in Atom).
    pub item_starts: Vec<usize>,
    /// `title` start tags.
    pub titles: usize,
    /// `link` start tags.
    pub links: usize,
    /// Unprefixed start tags whose name begins with `link` (what a search
    /// for `<link` finds).
    pub bare_links: usize,
    /// `description` start tags, and in RSS the other bodies an item may
    /// hold (`content:encoded`, an XHTML `body` or prefixed `div`, Atom's
    /// `summary` and `content`).
    pub descriptions: usize,
    /// Some `guid` says `isPermaLink="false"` (either quote, any case).
    pub permalink_false: bool,
    /// Some title or body that is not inline XML opens a child tag before
    /// any end tag: feed-rs cuts it there (see `verdict`).
    pub cuts_text: bool,
    /// Some `description`, `encoded`, `summary` or `content` element opens
    /// with a child tag (`<description><p>...`).
    pub body_starts_with_markup: bool,
    /// The first `itunes:author` after each RSS item start: the item's
    /// index in `item_starts` and where the tag's name ends. An item's
    /// author, which feed-rs does not give items (see `item_authors`).
    pub itunes_authors: Vec<(usize, usize)>,
    /// Some element names a date feed-rs does not read: Dublin Core
    /// terms' `modified`, `issued`, `created`, or Atom 0.3's in Atom 1.0.
    pub other_dates: bool,
    /// A CDATA section holds another's start: it was left open and ran on
    /// to the next section's end, swallowing the items between.
    pub cdata_left_open: bool,
    /// Some RSS item holds both an `enclosure` and a `media:content`:
    /// feed-rs keeps the enclosure only when the media object has no
    /// content, so a podcast's audio beside its cover image was lost.
    pub enclosure_beside_media: bool,
    /// Some `enclosure` names its address in another case (`URL=`): feed-rs
    /// reads `url` only, as XML's case-sensitive names say; the lenient
    /// reader reads any case, as forgiving readers do.
    pub enclosure_url_cased: bool,
    /// The root, a channel, an item or a body declares `xml:base`: relative
    /// references inside bodies resolve against it (see `content_links`),
    /// which feed-rs does not do.
    pub xml_base: bool,
    /// Some RSS item holds its text as an XHTML `body` or prefixed `div`,
    /// which feed-rs does not read.
    pub xhtml_body: bool,
}

/// Which names mark items and which hold text, by the kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    /// RSS 0.9x/1.0/2.0: `item`; text in `title`, `description`,
    /// `content:encoded`.
    Rss,
    /// Atom: `entry`; text in `title`, `summary`, `content`.
    Atom,
    /// JSON Feed through the XML path: nothing is cut at markup.
    Json,
}

impl Census {
    /// Walks `text` once, from tag to tag.
    pub(super) fn of(text: &[u8], dialect: Dialect) -> Census {
        let mut census = Census::default();
        // The last item that held an enclosure, and a media:content.
        let (mut enclosure_in, mut media_in) = (None, None);
        let mut seen_root = false;
        let mut at = 0;
        while let Some(lt) = memchr::memchr(b'<', &text[at..]) {
            let name_at = at + lt + 1;
            let rest = &text[name_at..];
            if rest.starts_with(b"![CDATA[") {
                // An unclosed section runs to the end: no tags remain.
                let Some((end, holds_start)) = cdata_section(&rest[8..]) else {
                    break;
                };
                census.cdata_left_open |= holds_start;
                at = name_at + 8 + end + 3;
                continue;
            }
            // End tags, comments and instructions name nothing to count.
            if !rest
                .first()
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
            {
                at = name_at;
                continue;
            }
            let name_len = rest
                .iter()
                .position(|b| !is_name_byte(*b))
                .unwrap_or(rest.len());
            at = name_at + name_len;
            let Some(local) = local_name(&rest[..name_len]) else {
                continue;
            };
            let after = &rest[name_len..];
            // A comment, an end tag or a name that runs on is no start tag.
            if !after.first().is_some_and(|b| b"/> \t\r\n".contains(b)) {
                continue;
            }
            if rest.starts_with(b"link") {
                census.bare_links += 1;
            }
            if let Some(item) = census.item_starts.len().checked_sub(1)
                && dialect == Dialect::Rss
                && rest[..name_len].eq_ignore_ascii_case(b"itunes:author")
                && census.itunes_authors.last().is_none_or(|(i, _)| *i != item)
            {
                census.itunes_authors.push((item, at));
            }
            if dialect == Dialect::Rss
                && let Some(item) = census.item_starts.len().checked_sub(1)
            {
                let name = &rest[..name_len];
                if name.eq_ignore_ascii_case(b"enclosure") {
                    enclosure_in = Some(item);
                    census.enclosure_url_cased |= names_url_in_another_case(after);
                } else if name.eq_ignore_ascii_case(b"media:content") {
                    media_in = Some(item);
                }
                census.enclosure_beside_media |= enclosure_in.is_some() && enclosure_in == media_in;
            }
            // In RSS, bodies feed-rs may not read: a prefixed `xhtml:div`,
            // Atom's `summary` and `content` (not Media RSS's).
            if dialect == Dialect::Rss
                && (local == b"div" && local.len() < name_len
                    || local == b"summary"
                    || local == b"content"
                        && !rest[..name_len].eq_ignore_ascii_case(b"media:content"))
            {
                census.descriptions += 1;
                census.xhtml_body |= local == b"div";
            }
            // The root's attributes, and then those of the channel and
            // items (`count` reads the bodies'), may declare a base.
            if !seen_root || local == b"channel" {
                seen_root = true;
                census.xml_base |= declares_base(after);
            }
            census.count(local, name_at, after, dialect);
        }
        census
    }

    /// Counts one start tag named `local` whose name begins at `name_at`;
    /// `after` is the rest of the document from the end of its name.
    fn count(&mut self, local: &[u8], name_at: usize, after: &[u8], dialect: Dialect) {
        // Feeds write `<Item>`, `<TITLE>`; forgiving readers (and the
        // lenient one) take names in any case, feed-rs only as written:
        // counted in any case, such items and titles show what feed-rs
        // missed. Only the short names below matter.
        let mut lowered = [0u8; 12];
        let local = match lowered.get_mut(..local.len()) {
            Some(buf) if local.iter().any(u8::is_ascii_uppercase) => {
                buf.copy_from_slice(local);
                buf.make_ascii_lowercase();
                &*buf
            }
            _ => local,
        };
        let item: &[u8] = match dialect {
            Dialect::Atom => b"entry",
            _ => b"item",
        };
        let (is_body, may_cut) = match local {
            b"title" => {
                self.titles += 1;
                (false, dialect != Dialect::Json)
            }
            b"link" => {
                self.links += 1;
                return;
            }
            b"guid" => {
                if !self.permalink_false
                    && let Some(end) = start_tag_end(after)
                {
                    self.permalink_false = says_not_permalink(&after[..end]);
                }
                return;
            }
            b"description" => {
                self.descriptions += 1;
                (true, dialect == Dialect::Rss)
            }
            b"encoded" => {
                // Under a namespace feed-rs does not know (written a little
                // off), `encoded` is a body it misses.
                self.descriptions += usize::from(dialect == Dialect::Rss);
                (true, dialect == Dialect::Rss)
            }
            // An RSS item's full text as an XHTML `body` (or a prefixed
            // `xhtml:div`), which feed-rs does not read: a body to count.
            b"body" if dialect == Dialect::Rss => {
                self.descriptions += 1;
                self.xhtml_body = true;
                return;
            }
            b"summary" | b"content" => (true, dialect == Dialect::Atom),
            b"modified" | b"issued" | b"created" => {
                self.other_dates = true;
                return;
            }
            _ => {
                if local == item {
                    self.item_starts.push(name_at);
                    self.xml_base |= declares_base(after);
                }
                return;
            }
        };
        // Self-closing (`<title/>`) or unfinished: no content to judge.
        if after.first() == Some(&b'/') {
            return;
        }
        let Some(gt) = start_tag_end(after) else {
            return;
        };
        let (attrs, body) = (&after[..gt], &after[gt + 1..]);
        if attrs.ends_with(b"/") {
            return;
        }
        self.xml_base |= !attrs.is_empty() && memchr::memmem::find(attrs, b"xml:base").is_some();
        if is_body && !self.body_starts_with_markup {
            let body = body.trim_ascii_start();
            self.body_starts_with_markup =
                body.first() == Some(&b'<') && body.get(1).is_some_and(u8::is_ascii_alphabetic);
        }
        if may_cut
            && !self.cuts_text
            && super::verdict::starts_a_tag_before_its_end(body)
            && !super::verdict::declares_inline_xml(attrs)
        {
            self.cuts_text = true;
        }
    }
}

/// Whether the start tag whose name ends where `after` begins declares
/// `xml:base` (a tag without attributes costs one byte's look).
fn declares_base(after: &[u8]) -> bool {
    after.first().is_some_and(u8::is_ascii_whitespace)
        && start_tag_end(after)
            .is_some_and(|end| memchr::memmem::find(&after[..end], b"xml:base").is_some())
}

/// Where a CDATA section's `body` (from after its `<![CDATA[`) ends, at
/// its `]]>`, and whether it holds another section's start: one that was
/// left open and ran on to the next section's end. One search for the
/// brackets both markers hold, which text rarely does, reads the body
/// once. None when the section never ends.
fn cdata_section(body: &[u8]) -> Option<(usize, bool)> {
    let mut holds_start = false;
    for i in memchr::memchr2_iter(b'[', b']', body) {
        if body[i] == b']' {
            if body[i..].starts_with(b"]]>") {
                return Some((i, holds_start));
            }
        } else if !holds_start && i >= 2 && body[i - 2..].starts_with(b"<![CDATA[") {
            holds_start = true;
        }
    }
    None
}

/// Whether a start tag's attributes (`after` its name) give no `url` but
/// give it in another case.
fn names_url_in_another_case(after: &[u8]) -> bool {
    let attrs = &after[..start_tag_end(after).unwrap_or(after.len())];
    let has = |name: &[u8]| {
        attrs
            .windows(name.len() + 1)
            .any(|w| w[0].is_ascii_whitespace() && w[1..].eq_ignore_ascii_case(name))
    };
    !attrs
        .windows(5)
        .any(|w| w[0].is_ascii_whitespace() && &w[1..] == b"url=")
        && has(b"url=")
}

/// Bytes of an XML name as feeds spell them (ASCII; a prefix's colon too).
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.')
}

/// The local part of a tag's name: all of it, or what follows one colon
/// after a non-empty prefix. None for an empty name or a malformed prefix.
fn local_name(qname: &[u8]) -> Option<&[u8]> {
    match memchr::memchr(b':', qname) {
        None if !qname.is_empty() => Some(qname),
        Some(colon) if colon > 0 && !qname[colon + 1..].contains(&b':') => {
            Some(&qname[colon + 1..]).filter(|l| !l.is_empty())
        }
        _ => None,
    }
}

/// Where a start tag's closing `>` is in `after` (the tag from the end of
/// its name): the first one outside quoted attribute values. None when a
/// `<` comes first (a broken tag) or the document ends. A quote left open
/// counts as text, as a forgiving reader takes it.
pub(super) fn start_tag_end(after: &[u8]) -> Option<usize> {
    /// Longer than any attribute value a feed's tag holds.
    const MAX_VALUE_BYTES: usize = 4096;
    let mut at = 0;
    while let Some(found) = memchr::memchr3(b'>', b'"', b'\'', &after[at..]) {
        let i = at + found;
        if after[at..i].contains(&b'<') {
            return None;
        }
        match after[i] {
            b'>' => return Some(i),
            // A quote not closed within `MAX_VALUE_BYTES` is text: searching
            // further would read the rest of the document once per such
            // tag (quadratic on a hostile feed).
            quote => {
                let value = &after[i + 1..];
                let value = &value[..value.len().min(MAX_VALUE_BYTES)];
                match memchr::memchr(quote, value) {
                    Some(close) => at = i + 1 + close + 1,
                    None => at = i + 1,
                }
            }
        }
    }
    None
}

/// Whether a guid's attributes say `isPermaLink="false"`: either quote,
/// the name and the value in any case (`ispermalink`, `isPermalink`),
/// spaces about the `=` and inside the quotes.
fn says_not_permalink(attrs: &[u8]) -> bool {
    const NAME: &[u8] = b"ispermalink";
    attrs
        .windows(NAME.len())
        .enumerate()
        .filter(|(_, w)| w.eq_ignore_ascii_case(NAME))
        .any(|(at, _)| {
            let rest = attrs[at + NAME.len()..].trim_ascii_start();
            let Some(rest) = rest.strip_prefix(b"=").map(<[u8]>::trim_ascii_start) else {
                return false;
            };
            let Some((&quote, value)) = rest
                .split_first()
                .filter(|(q, _)| matches!(q, b'"' | b'\''))
            else {
                return false;
            };
            let value = &value[..memchr::memchr(quote, value).unwrap_or(value.len())];
            value.trim_ascii().eq_ignore_ascii_case(b"false")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rss(text: &str) -> Census {
        Census::of(text.as_bytes(), Dialect::Rss)
    }

    #[test]
    fn an_xml_base_on_the_root_a_channel_an_item_or_a_body_is_noted() {
        for doc in [
            "<rss xml:base='https://b.test/'><channel><item><title>T</title></item></channel></rss>",
            "<rss version='2.0'><channel xml:base=\"x/\"><item><title>T</title></item></channel></rss>",
            "<rss><channel><item xml:base='x/'><title>T</title></item></channel></rss>",
            "<rss><channel><item><description xml:base='x/'>D</description></item></channel></rss>",
        ] {
            assert!(rss(doc).xml_base, "{doc}");
        }
        // Anywhere else (a link's own base, which feed-rs applies), or as text.
        for doc in [
            "<rss><channel><item><link xml:base='x/'>p</link><description>xml:base</description></item></channel></rss>",
            "<rss><channel><item><title>T</title><![CDATA[<item xml:base='x'>]]></item></channel></rss>",
        ] {
            assert!(!rss(doc).xml_base, "{doc}");
        }
    }

    #[test]
    fn an_xhtml_body_in_an_rss_item_is_noted() {
        assert!(
            rss("<item><body xmlns='http://www.w3.org/1999/xhtml'><p>x</p></body></item>")
                .xhtml_body
        );
        assert!(rss("<item><xhtml:div><p>x</p></xhtml:div></item>").xhtml_body);
        assert!(
            !rss("<item><description>&lt;body&gt;</description><div>x</div></item>").xhtml_body
        );
    }

    #[test]
    fn an_empty_document_has_nothing() {
        assert_eq!(Census::of(b"", Dialect::Rss), Census::default());
        assert_eq!(Census::of(b"<", Dialect::Atom), Census::default());
        assert_eq!(Census::of(b"<title", Dialect::Rss), Census::default());
    }

    #[test]
    fn start_tags_count_by_local_name_and_end_tags_do_not() {
        let c = rss("<rss><channel><title>T</title><link>https://a.test/</link>\
             <atom:link href='https://a.test/feed' rel='self'/>\
             <item><title>A</title><media:title>M</media:title><link>u</link></item>\
             <rss:item><description>d</description></rss:item><item/></channel></rss>");
        assert_eq!(c.item_starts.len(), 3);
        assert_eq!(c.titles, 3);
        assert_eq!(c.links, 3);
        assert_eq!(c.bare_links, 2);
        assert_eq!(c.descriptions, 1);
        assert!(!c.cuts_text && !c.body_starts_with_markup && !c.permalink_false);
    }

    #[test]
    fn an_enclosure_beside_media_content_in_one_item_is_flagged() {
        let both =
            rss("<rss><item><enclosure url='a.mp3'/><media:content url='a.jpg'/></item></rss>");
        assert!(both.enclosure_beside_media);
        let reversed =
            rss("<rss><item><MEDIA:CONTENT url='a.jpg'/><Enclosure url='a.mp3'/></item></rss>");
        assert!(reversed.enclosure_beside_media);
        // In different items, or beside a thumbnail only: feed-rs keeps both.
        let apart = rss("<rss><item><enclosure url='a.mp3'/></item>\
             <item><media:content url='b.jpg'/></item>\
             <item><enclosure url='c.mp3'/><media:thumbnail url='c.jpg'/></item></rss>");
        assert!(!apart.enclosure_beside_media);
        // Before any item (a channel's own), nothing is flagged.
        let channel = rss(
            "<rss><channel><media:content url='x.jpg'/><enclosure url='y'/><item/></channel></rss>",
        );
        assert!(!channel.enclosure_beside_media);
    }

    #[test]
    fn an_enclosure_url_in_another_case_is_flagged() {
        let upper = rss("<rss><item><enclosure URL='a.mp3' TYPE='audio/mpeg'/></item></rss>");
        assert!(upper.enclosure_url_cased);
        let plain = rss("<rss><item><enclosure url='a.mp3' type='audio/mpeg'/></item></rss>");
        assert!(!plain.enclosure_url_cased);
        // `curl=` is another attribute; beside `url=`, other cases are
        // not looked at.
        let other = rss("<rss><item><enclosure curl='x' url='a'/></item></rss>");
        assert!(!other.enclosure_url_cased);
        let both = rss("<rss><item><enclosure title='see URL=y' url='a'/></item></rss>");
        assert!(!both.enclosure_url_cased);
    }

    #[test]
    fn names_that_merely_begin_alike_or_have_odd_prefixes_are_not_counted() {
        let c = rss("<items><itemize><item.x><titles><:title>x</:title>\
             <a:b:title>y</a:b:title><linkage>z</linkage></rss>");
        assert!(c.item_starts.is_empty());
        assert_eq!(c.titles, 0);
        assert_eq!(c.links, 0);
        // A search for `<link` finds `<linkage`: kept, as before.
        assert_eq!(c.bare_links, 1);
    }

    #[test]
    fn a_cdata_section_holding_another_s_start_was_left_open() {
        let open = "<rss><item><description><![CDATA[a</description></item>\
             <item><description><![CDATA[b]]></description></item></rss>";
        let c = rss(open);
        assert!(c.cdata_left_open);
        // Its markup is text: the swallowed item is not counted.
        assert_eq!(c.item_starts.len(), 1);
        let closed = open.replacen("a</", "a]]></", 1);
        assert!(!rss(&closed).cdata_left_open);
    }

    /// The one bracket search finds what a search for each marker finds,
    /// on every string of marker pieces up to six long.
    #[test]
    fn the_bracket_search_agrees_with_a_search_per_marker() {
        let pieces: [&[u8]; 7] = [b"]]>", b"<![CDATA[", b"]", b"[", b">", b"<![", b"x"];
        let reference = |body: &[u8]| {
            let end = memchr::memmem::find(body, b"]]>")?;
            Some((
                end,
                memchr::memmem::find(&body[..end], b"<![CDATA[").is_some(),
            ))
        };
        let mut body = Vec::new();
        for n in 0..7u32.pow(6) {
            body.clear();
            let mut k = n;
            for _ in 0..6 {
                body.extend_from_slice(pieces[(k % 7) as usize]);
                k /= 7;
            }
            assert_eq!(
                cdata_section(&body),
                reference(&body),
                "{:?}",
                String::from_utf8_lossy(&body)
            );
        }
        // Prose brackets and a bracket just before the end.
        assert_eq!(cdata_section(b"[1] a [b]]]> c"), Some((9, false)));
        assert_eq!(cdata_section(b"<![CDATA["), None);
    }

    #[test]
    fn item_starts_point_at_the_names() {
        let text = "<rdf:RDF><item rdf:about=\"a\"/>\n<rss:item>x</rss:item></rdf:RDF>";
        let c = rss(text);
        let names: Vec<&str> = c.item_starts.iter().map(|&at| &text[at..at + 4]).collect();
        assert_eq!(names, ["item", "rss:"]);
        assert_eq!(&text[c.item_starts[1]..c.item_starts[1] + 8], "rss:item");
    }

    #[test]
    fn tags_inside_cdata_are_text() {
        let c = rss(
            "<item><description><![CDATA[<item><title>x</title><link>y</link>\
             <guid isPermaLink=\"false\">g</guid>]]></description></item>",
        );
        assert_eq!(c.item_starts.len(), 1);
        assert_eq!(c.titles, 0);
        assert_eq!((c.links, c.bare_links), (0, 0));
        assert!(!c.permalink_false);
        // The body is a CDATA section, which feed-rs reads whole.
        assert!(!c.cuts_text);
        assert!(!c.body_starts_with_markup);
    }

    #[test]
    fn a_cdata_section_split_in_two_hides_its_brackets() {
        // `]]>` inside text is written as two sections; the second begins
        // with `>` and must not end a tag.
        let c = rss("<description><![CDATA[a]]]]><![CDATA[>b <title>]]></description><item>");
        assert_eq!(c.titles, 0);
        assert_eq!(c.item_starts.len(), 1);
        assert!(!c.cuts_text);
    }

    #[test]
    fn an_unclosed_cdata_section_ends_the_walk() {
        let c = rss("<item><![CDATA[never closed <item><title>x");
        assert_eq!(c.item_starts.len(), 1);
        assert_eq!(c.titles, 0);
        let c = rss("<![CDATA[");
        assert_eq!(c, Census::default());
    }

    #[test]
    fn tags_in_comments_are_still_seen() {
        // As the scans it replaces did: a comment's tags are rare, and a
        // lenient reading they call for costs only time.
        let c = rss("<!-- <item> --><item><!--<b>--></item>");
        assert_eq!(c.item_starts.len(), 2);
    }

    #[test]
    fn raw_markup_in_a_body_or_title_is_found() {
        assert!(rss("<description>Lead <b>bold</b> tail</description>").cuts_text);
        assert!(rss("<title>A <i>b</i></title>").cuts_text);
        assert!(rss("<content:encoded><p>x</p></content:encoded>").cuts_text);
        let c = rss("<description>\n  <p>x</p></description>");
        assert!(c.cuts_text && c.body_starts_with_markup);
        // Escaped, after the end tag, or in a comment first: no cut.
        assert!(!rss("<description>a &lt;b&gt;</description><b>").cuts_text);
        assert!(!rss("<description>a</description><b>x</b>").cuts_text);
        assert!(!rss("<title/><b>x</b>").cuts_text);
        assert!(!rss("<title /><b>x</b>").cuts_text);
        // Lead words then markup: cut, but the body does not start with it.
        assert!(!rss("<description>Lead <b>x</b></description>").body_starts_with_markup);
    }

    #[test]
    fn which_elements_hold_text_depends_on_the_dialect() {
        let atom = |t: &str| Census::of(t.as_bytes(), Dialect::Atom);
        assert!(atom("<summary>a <b>b</b></summary>").cuts_text);
        assert!(atom("<content type=\"html\"><p>b</p></content>").cuts_text);
        assert!(!atom("<content type=\"xhtml\"><div>b</div></content>").cuts_text);
        assert!(!atom("<description>a <b>b</b></description>").cuts_text);
        assert!(!rss("<summary>a <b>b</b></summary>").cuts_text);
        // Whatever the dialect, a body that opens with a tag is noted.
        assert!(rss("<summary><p>b</p></summary>").body_starts_with_markup);
        assert!(!Census::of(b"<title>a <b>b</b></title>", Dialect::Json).cuts_text);
        let entries = atom("<feed><entry><title>x</title></entry><item/></feed>");
        assert_eq!(entries.item_starts.len(), 1);
    }

    #[test]
    fn a_quoted_gt_does_not_end_a_start_tag() {
        // The body starts after the real `>`: "Lead <b>" is raw markup.
        let c = rss("<description note=\"a>b\">Lead <b>x</b></description>");
        assert!(c.cuts_text);
        // ...and here the quoted `><p>` is an attribute, not the body.
        let c = rss("<description note='x><p>'>plain</description>");
        assert!(!c.cuts_text && !c.body_starts_with_markup);
        // The type inside the quotes still decides inline XML.
        let atom = Census::of(
            b"<content title=\"1 > 0\" type=\"xhtml\"><div>x</div></content>",
            Dialect::Atom,
        );
        assert!(!atom.cuts_text);
    }

    /// A quote that never closes is read as text a bounded way on: many
    /// such tags cost each a short search, not the rest of the document.
    #[test]
    fn an_unclosed_quote_is_text_past_the_longest_value() {
        let far = format!(
            "<description note='x>Lead <b>y</b></description>{}'",
            " ".repeat(5000)
        );
        assert!(rss(&far).cuts_text, "the quote closes too far on to count");
        let near = "<description note='x>Lead <b>y</b>'>plain</description>";
        assert!(!rss(near).cuts_text, "a value that closes is a value");
    }

    #[test]
    fn a_broken_start_tag_is_not_judged() {
        // A `<` before the tag's `>`: no body to look into.
        assert!(!rss("<description <b>x</b>").cuts_text);
        assert!(!rss("<description").cuts_text);
    }

    #[test]
    fn names_count_in_any_case() {
        let c = rss(
            "<rss><channel><TITLE>C</TITLE><Item><Title>I</Title><LINK>u</LINK>\
             <Description>d</Description></Item><ITEM/><rss:Item/></channel></rss>",
        );
        assert_eq!(c.item_starts.len(), 3);
        assert_eq!((c.titles, c.links, c.descriptions), (2, 1, 1));
        // Long names are not lowered (none that counts is long).
        assert_eq!(rss("<AVeryLongItemName><ITEM>").item_starts.len(), 1);
    }

    #[test]
    fn other_bodies_count_as_rss_bodies() {
        let c = rss("<item><body xmlns='x'><div>a</div></body></item>\
             <item><xhtml:div>b</xhtml:div></item><item><xhtml:body/></item>");
        assert_eq!(c.descriptions, 3);
        let c = rss("<item><content:encoded>a</content:encoded><c:encoded/>\
             <atom:summary>s</atom:summary><atom:content>c</atom:content>\
             <media:content url='x'/><MEDIA:CONTENT/></item>");
        assert_eq!(c.descriptions, 4);
        let atom = Census::of(
            b"<entry><content><div>a</div><x:div/></content></entry>",
            Dialect::Atom,
        );
        assert_eq!(atom.descriptions, 0);
    }

    #[test]
    fn permalink_flags_in_loose_spellings() {
        assert!(rss("<guid ispermalink=\"false\">x</guid>").permalink_false);
        assert!(rss("<guid ISPERMALINK = ' False '>x</guid>").permalink_false);
        assert!(rss("<guid isPermalink=\"false\"/>").permalink_false);
        assert!(!rss("<guid isPermaLink=\"falsely\">x</guid>").permalink_false);
        assert!(!rss("<guid isPermaLink=false>x</guid>").permalink_false);
        assert!(!rss("<guid isPermaLink=\"").permalink_false);
    }

    #[test]
    fn permalink_flags_are_read_from_guid_tags_only() {
        assert!(rss("<guid isPermaLink=\"false\">x</guid>").permalink_false);
        assert!(rss("<guid isPermaLink='FALSE'>x</guid>").permalink_false);
        assert!(rss("<item><rss:guid\n isPermaLink=\"False\">x</rss:guid>").permalink_false);
        assert!(!rss("<guid isPermaLink=\"true\">x</guid>").permalink_false);
        assert!(!rss("<guid isPermaLink=\"false'>x</guid>").permalink_false);
        assert!(!rss("<guid>isPermaLink=\"false\"</guid>").permalink_false);
        assert!(!rss("<link isPermaLink=\"false\">x</link>").permalink_false);
        // A `>` inside another attribute's value does not end the tag early.
        assert!(rss("<guid a=\">\" isPermaLink=\"false\">x</guid>").permalink_false);
        // One false flag is enough, wherever it is.
        assert!(
            rss("<guid>a</guid><guid isPermaLink=\"false\">b</guid><guid>c</guid>").permalink_false
        );
    }

    #[test]
    fn non_ascii_and_invalid_bytes_do_not_trip_the_walk() {
        // Multi-byte characters beside tags, and bytes that are not UTF-8.
        let mut text = "<title>é</title><titleé><item>日本<title>語 <b>x</b></title>"
            .as_bytes()
            .to_vec();
        text.extend_from_slice(b"<item>\xff\xfe<\xc3<description><p>\xe6\x97");
        let c = Census::of(&text, Dialect::Rss);
        assert_eq!(c.item_starts.len(), 2);
        assert_eq!(c.titles, 2);
        assert!(c.cuts_text);
        assert!(c.body_starts_with_markup);
        // Truncated anywhere, the walk neither panics nor finds more.
        for end in 0..text.len() {
            let part = Census::of(&text[..end], Dialect::Rss);
            assert!(part.item_starts.len() <= 2 && part.titles <= 2);
        }
    }
}
