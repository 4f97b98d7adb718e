//! Rich text for the terminal: html2text's annotated lines turned into
//! spans with meanings (heading, strong, emphasis, code, quote, link),
//! links numbered in the text (`the report [1]`) with their list kept
//! apart. The reader pane styles the spans; `sift show` prints them plain.

use html2text::render::RichAnnotation;

/// What a span of text is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub heading: bool,
    pub strong: bool,
    pub emphasis: bool,
    pub code: bool,
    pub quote: bool,
    pub link: bool,
    /// A block the cleaner removed, shown on request.
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub marks: Marks,
}

/// Wrapped, annotated text and the links it numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RichText {
    pub lines: Vec<Vec<Span>>,
    /// Link N of the text is `links[N - 1]`.
    pub links: Vec<String>,
}

impl RichText {
    /// Plain lines, then the numbered links.
    pub fn to_plain(&self) -> String {
        let mut out: Vec<String> = self
            .lines
            .iter()
            .map(|line| line.iter().map(|s| s.text.as_str()).collect::<String>())
            .collect();
        while out.last().is_some_and(|l| l.trim().is_empty()) {
            out.pop();
        }
        if !self.links.is_empty() {
            out.push(String::new());
            for (i, link) in self.links.iter().enumerate() {
                out.push(format!("[{}] {link}", i + 1));
            }
        }
        out.join("\n")
    }
}

/// Renders `html` at `width`. Every `<a href="…">` gets its number written
/// after it, so wrapping accounts for it. Input is capped in size and
/// nesting (see `render::MAX_RENDER_BYTES` and `clean::nesting`).
pub fn render_rich(html: &str, width: usize) -> RichText {
    let (numbered, links) = number_links(html);
    RichText {
        lines: render_numbered(&numbered, width),
        links,
    }
}

fn render_numbered(html: &str, width: usize) -> Vec<Vec<Span>> {
    let input = super::bounded(html);
    let width = width.clamp(20, 400);
    let lines = html2text::config::rich()
        .allow_width_overflow()
        .lines_from_read(input.as_bytes(), width);
    let Ok(lines) = lines else {
        let plain = crate::text::html_to_plain(&input);
        return vec![vec![Span {
            text: plain,
            marks: Marks::default(),
        }]];
    };
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let mut spans: Vec<Span> = Vec::new();
        let mut heading = false;
        let mut quote = false;
        for (i, tagged) in line.tagged_strings().enumerate() {
            let mut text = crate::text::sanitize(&tagged.s).into_owned();
            if i == 0 {
                // html2text marks headings with "# " and quotes with "> ".
                let hashes = text.chars().take_while(|c| *c == '#').count();
                if hashes > 0 && text[hashes..].starts_with(' ') {
                    heading = true;
                    text = text[hashes + 1..].to_owned();
                }
                quote = text.starts_with("> ");
            }
            let mut marks = Marks {
                heading,
                quote,
                ..Marks::default()
            };
            for tag in &tagged.tag {
                match tag {
                    RichAnnotation::Strong => marks.strong = true,
                    RichAnnotation::Emphasis => marks.emphasis = true,
                    RichAnnotation::Code | RichAnnotation::Preformat(_) => marks.code = true,
                    RichAnnotation::Link(_) => marks.link = true,
                    _ => {}
                }
            }
            match spans.last_mut() {
                Some(last) if last.marks == marks => last.text.push_str(&text),
                _ => spans.push(Span { text, marks }),
            }
        }
        out.push(spans);
    }
    out
}

/// One block to render: its HTML, and whether it is a removed one.
pub struct Part<'a> {
    pub html: &'a str,
    pub hidden: bool,
}

/// Renders blocks one after another with a blank line between them, links
/// numbered across all of them; hidden blocks are marked as such.
pub fn render_parts(parts: &[Part], width: usize) -> RichText {
    let mut out = RichText::default();
    for part in parts {
        let (numbered, links) = number_links_from(part.html, out.links.clone());
        let mut rendered = render_numbered(&numbered, width);
        for line in &mut rendered {
            for span in line.iter_mut() {
                span.marks.hidden = part.hidden;
            }
        }
        if !out.lines.is_empty() {
            out.lines.push(Vec::new());
        }
        while rendered
            .last()
            .is_some_and(|l| l.iter().all(|s| s.text.trim().is_empty()))
        {
            rendered.pop();
        }
        out.lines.extend(rendered);
        out.links = links;
    }
    out
}

/// Writes ` [N]` after each link and collects the targets (http, https
/// and mailto only; the cleaner already dropped the rest).
fn number_links(html: &str) -> (String, Vec<String>) {
    number_links_from(html, Vec::new())
}

/// The same, continuing a numbering already begun.
fn number_links_from(html: &str, mut links: Vec<String>) -> (String, Vec<String>) {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(start) = rest.find("<a href=\"") {
        let after = &rest[start + 9..];
        let Some(quote) = after.find('"') else { break };
        let Some(close) = after.find("</a>") else {
            break;
        };
        let href = unescape(&after[..quote]);
        out.push_str(&rest[..start + 9 + close + 4]);
        rest = &after[close + 4..];
        let web = href.starts_with("http://")
            || href.starts_with("https://")
            || href.starts_with("mailto:");
        if web {
            let n = match links.iter().position(|l| *l == href) {
                Some(i) => i + 1,
                None => {
                    links.push(href);
                    links.len()
                }
            };
            out.push_str(&format!(" [{n}]"));
        }
    }
    out.push_str(rest);
    (out, links)
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_numbered_once_and_listed() {
        let rich = render_rich(
            "<p>See <a href=\"https://a.test/x?a=1&amp;b=2\">the report</a> and \
             <a href=\"https://b.test/\">this</a>, and <a href=\"https://a.test/x?a=1&amp;b=2\">again</a>.</p>",
            80,
        );
        assert_eq!(
            rich.links,
            vec!["https://a.test/x?a=1&b=2", "https://b.test/"]
        );
        let plain = rich.to_plain();
        assert!(
            plain.starts_with("See the report [1] and this [2], and again [1]."),
            "{plain}"
        );
        assert!(
            plain.ends_with("[1] https://a.test/x?a=1&b=2\n[2] https://b.test/"),
            "{plain}"
        );
    }

    #[test]
    fn headings_strong_and_quotes_are_marked() {
        let rich = render_rich(
            "<h2>Background</h2><p>It was <strong>not</strong> new.</p><blockquote>Quoted words</blockquote>",
            60,
        );
        let heading = &rich.lines[0][0];
        assert_eq!(heading.text, "Background");
        assert!(heading.marks.heading);
        let strong = rich
            .lines
            .iter()
            .flatten()
            .find(|s| s.text == "not")
            .unwrap();
        assert!(strong.marks.strong);
        assert!(
            rich.lines
                .iter()
                .flatten()
                .any(|s| s.marks.quote && s.text.contains("Quoted"))
        );
        assert!(!rich.to_plain().contains("**"));
    }

    #[test]
    fn control_characters_never_come_through() {
        let rich = render_rich("<p>a\u{1b}[2Jb\u{9b}c\u{202e}d</p>", 40);
        let plain = rich.to_plain();
        assert!(
            !plain.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{plain:?}"
        );
    }
}
