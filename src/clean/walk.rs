//! From a cleaned-up DOM to blocks in reading order: one block per
//! paragraph, heading, list item, quote paragraph, caption or preformatted
//! run, with its inline HTML and how much of it is link text. Iterative,
//! so any depth of nesting is safe.

use std::collections::HashSet;

use dom_query::{NodeData, NodeId, NodeRef};

use super::data_tables::is_data_table;
use super::dom::{MARKER, Removal, collapse};
use super::judge::Piece;
use super::{Block, NoiseKind, Role, escape_html, push_escaped_html};

/// A block and where it stood.
pub struct Walked {
    pub piece: Piece,
    /// Inside the article's region.
    pub inside: bool,
    /// Part of the headline element.
    pub headline: bool,
}

/// What the walk needs to know about the page.
pub struct WalkPlan<'a> {
    /// Elements that make up the article (empty: everything is).
    pub region: &'a HashSet<NodeId>,
    pub headline: Option<NodeId>,
    pub removals: &'a [Removal],
    /// Resolves relative links.
    pub base: Option<&'a url::Url>,
}

/// Elements that end the current block.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "br"
    )
}

/// MathML's token elements: identifiers, numbers, operators, text.
fn is_math_token(name: &str) -> bool {
    matches!(name, "mi" | "mn" | "mo" | "mtext" | "ms")
}

/// Inline elements whose meaning survives into the block's HTML.
fn inline_tag(name: &str) -> Option<&'static str> {
    Some(match name {
        "b" | "strong" => "strong",
        "i" | "em" | "cite" => "em",
        "code" | "kbd" | "samp" => "code",
        "sup" => "sup",
        "sub" => "sub",
        _ => return None,
    })
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Exit(Exit),
}

enum Exit {
    Block,
    Inline {
        close: &'static str,
    },
    Link,
    Quote,
    Pre,
    Heading,
    Item,
    Caption,
    Headline,
    Region,
    Figure,
    DataTable,
    /// After a MathML token: a space, so `x` and `2` stay two words.
    Space,
}

#[derive(Default)]
struct Buffer {
    text: String,
    html: String,
    link_chars: usize,
    role: Option<Role>,
    list_depth: usize,
    cell: bool,
    inside: bool,
    headline: bool,
}

struct Walker<'p> {
    plan: &'p WalkPlan<'p>,
    out: Vec<Walked>,
    buf: Buffer,
    /// Open inline tags, and whether each was written into `buf.html`.
    inline: Vec<(String, &'static str, bool)>,
    links: u32,
    quote: u32,
    pre: u32,
    heading: u32,
    item: u32,
    caption: u32,
    headline: u32,
    region: u32,
    /// Data tables we are inside (see `data_tables`).
    data_table: u32,
    /// The figures we are inside: the link of each one's image, and
    /// whether it has a caption (which then speaks for the image).
    figures: Vec<Figure>,
    /// A text node's text on its way into `buf`.
    scratch: String,
}

struct Figure {
    image: Option<String>,
    captioned: bool,
}

/// Images narrower or shorter than this are icons, not figures.
const MIN_IMAGE_PIXELS: u32 = 64;

/// The blocks under `root`, in reading order.
pub fn walk(root: &NodeRef, plan: &WalkPlan) -> Vec<Walked> {
    let mut w = Walker {
        plan,
        out: Vec::new(),
        buf: Buffer::default(),
        scratch: String::new(),
        inline: Vec::new(),
        links: 0,
        quote: 0,
        pre: 0,
        heading: 0,
        item: 0,
        caption: 0,
        headline: 0,
        region: 0,
        data_table: 0,
        figures: Vec::new(),
    };
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => w.enter(node, &mut stack),
            Step::Exit(exit) => w.exit(exit),
        }
    }
    w.flush();
    w.out
}

impl<'p> Walker<'p> {
    fn enter<'a>(&mut self, node: NodeRef<'a>, stack: &mut Vec<Step<'a>>) {
        if node.is_text() {
            // Read in place: `text()` would gather the node into a new
            // tendril.
            node.query(|n| {
                if let NodeData::Text { contents } = &n.data {
                    self.add_text(contents);
                }
            });
            return;
        }
        if !(node.is_element() || node.is_document() || node.is_fragment()) {
            return;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase());
        let name = name.as_deref().unwrap_or("");
        if name == MARKER {
            self.flush();
            self.marker(&node);
            return;
        }
        // Exits are pushed before the children, so they run after them.
        if self.plan.region.contains(&node.id) {
            self.region += 1;
            stack.push(Step::Exit(Exit::Region));
        }
        if Some(node.id) == self.plan.headline {
            self.flush();
            self.headline += 1;
            stack.push(Step::Exit(Exit::Headline));
        }
        if name == "br" {
            self.flush();
            return;
        }
        if name == "img" {
            self.image(&node);
            return;
        }
        if name == "figure" {
            let named = |d: &NodeRef, tag: &str| d.node_name().as_deref() == Some(tag);
            let image = node
                .descendants_it()
                .filter(|d| named(d, "img"))
                .find_map(|img| img.attr("src").and_then(|src| self.resolve(&src)));
            let captioned = node.descendants_it().any(|d| named(&d, "figcaption"));
            self.figures.push(Figure { image, captioned });
            stack.push(Step::Exit(Exit::Figure));
        }
        if name == "table" && is_data_table(&node) {
            self.data_table += 1;
            stack.push(Step::Exit(Exit::DataTable));
        }
        if is_math_token(name) {
            // Minified MathML (`<mi>x</mi><mn>2</mn>`) has no spaces
            // between its tokens.
            self.add_text(" ");
            stack.push(Step::Exit(Exit::Space));
        }
        if is_block(name) {
            self.flush();
            stack.push(Step::Exit(Exit::Block));
            let context = match name {
                "blockquote" => Some((Exit::Quote, &mut self.quote)),
                "pre" => Some((Exit::Pre, &mut self.pre)),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some((Exit::Heading, &mut self.heading)),
                "li" | "dd" | "dt" => Some((Exit::Item, &mut self.item)),
                "figcaption" | "caption" => Some((Exit::Caption, &mut self.caption)),
                _ => None,
            };
            if let Some((exit, depth)) = context {
                *depth += 1;
                stack.push(Step::Exit(exit));
            }
        } else if name == "a" {
            self.links += 1;
            stack.push(Step::Exit(Exit::Link));
            let href = node.attr("href").and_then(|h| self.resolve(&h));
            let open = match href {
                Some(href) => format!("<a href=\"{}\">", escape_html(&href)),
                None => String::new(),
            };
            let close = if open.is_empty() { "" } else { "</a>" };
            self.open_inline(open, close);
            stack.push(Step::Exit(Exit::Inline { close }));
        } else if let Some(tag) = inline_tag(name) {
            let close: &'static str = match tag {
                "strong" => "</strong>",
                "em" => "</em>",
                "code" => "</code>",
                "sup" => "</sup>",
                _ => "</sub>",
            };
            self.open_inline(format!("<{tag}>"), close);
            stack.push(Step::Exit(Exit::Inline { close }));
        }
        for child in node.children_it(true) {
            stack.push(Step::Enter(child));
        }
    }

    fn exit(&mut self, exit: Exit) {
        match exit {
            Exit::Block => self.flush(),
            Exit::Inline { close } => {
                if let Some((_, _, written)) = self.inline.pop()
                    && written
                {
                    self.buf.html.push_str(close);
                }
            }
            Exit::Link => self.links = self.links.saturating_sub(1),
            Exit::Quote => self.quote = self.quote.saturating_sub(1),
            Exit::Pre => self.pre = self.pre.saturating_sub(1),
            Exit::Heading => self.heading = self.heading.saturating_sub(1),
            Exit::Item => self.item = self.item.saturating_sub(1),
            Exit::Caption => self.caption = self.caption.saturating_sub(1),
            Exit::Headline => {
                self.flush();
                self.headline = self.headline.saturating_sub(1);
            }
            Exit::Region => self.region = self.region.saturating_sub(1),
            Exit::Figure => {
                self.figures.pop();
            }
            Exit::DataTable => self.data_table = self.data_table.saturating_sub(1),
            Exit::Space => self.add_text(" "),
        }
    }

    fn open_inline(&mut self, open: String, close: &'static str) {
        let written = !self.buf.text.is_empty();
        if written {
            self.buf.html.push_str(&open);
        }
        self.inline.push((open, close, written));
    }

    fn add_text(&mut self, raw: &str) {
        // Built in a buffer kept between calls: every text node of every
        // feed body passes here.
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        if self.pre > 0 {
            text.push_str(raw);
        } else {
            let lead = raw.starts_with(char::is_whitespace) && !self.buf.text.is_empty();
            if lead && !self.buf.text.ends_with(' ') {
                text.push(' ');
            }
            let words_from = text.len();
            crate::text::push_words(&mut text, raw);
            if text.len() == words_from {
                // No words: a space between two words in separate elements.
                if !raw.is_empty() && !self.buf.text.is_empty() && !self.buf.text.ends_with(' ') {
                    self.buf.text.push(' ');
                    self.buf.html.push(' ');
                }
                self.scratch = text;
                return;
            }
            if raw.ends_with(char::is_whitespace) {
                text.push(' ');
            }
        }
        if let std::borrow::Cow::Owned(clean) = crate::text::sanitize(&text) {
            text = clean;
        }
        if !(text.trim().is_empty() && self.buf.text.is_empty()) {
            if self.buf.text.is_empty() {
                self.start_block();
            }
            if self.links > 0 {
                self.buf.link_chars += text.trim().chars().count();
            }
            push_escaped_html(&mut self.buf.html, &text);
            self.buf.text.push_str(&text);
        }
        self.scratch = text;
    }

    /// The first text of a block fixes its role and place, and reopens
    /// the inline tags still open.
    fn start_block(&mut self) {
        self.buf.role = Some(if self.headline > 0 {
            Role::Title
        } else if self.pre > 0 {
            Role::Code
        } else if self.heading > 0 {
            Role::Heading
        } else if self.caption > 0 && self.in_captioned_figure() {
            Role::Image
        } else if self.caption > 0 {
            Role::Caption
        } else if self.quote > 0 {
            Role::Quote
        } else if self.item > 0 {
            Role::Item
        } else {
            Role::Paragraph
        });
        self.buf.list_depth = self.item as usize;
        self.buf.cell = self.data_table > 0;
        self.buf.inside = self.plan.region.is_empty() || self.region > 0;
        self.buf.headline = self.headline > 0;
        for (open, _, written) in &mut self.inline {
            self.buf.html.push_str(open);
            *written = true;
        }
    }

    fn flush(&mut self) {
        for (_, close, written) in self.inline.iter_mut().rev() {
            if *written {
                self.buf.html.push_str(close);
                *written = false;
            }
        }
        // The block's strings are copied out at their size and the
        // buffer keeps its room for the next block: grown from empty for
        // every block, it cost a chain of reallocations each time.
        let mut text_room = std::mem::take(&mut self.buf.text);
        let mut html_room = std::mem::take(&mut self.buf.html);
        let buf = std::mem::take(&mut self.buf);
        let role = buf.role.unwrap_or(Role::Paragraph);
        let text = if role == Role::Code {
            text_room.trim_matches('\n').to_owned()
        } else {
            text_room.trim().to_owned()
        };
        let block = (!text.is_empty()).then(|| {
            if role == Role::Image && !text.starts_with(super::IMAGE_OPEN) {
                let link = self.figures.last().and_then(|f| f.image.clone());
                image_block(&text, html_room.trim(), link.as_deref())
            } else {
                (text, html_room.trim().to_owned())
            }
        });
        text_room.clear();
        html_room.clear();
        self.buf.text = text_room;
        self.buf.html = html_room;
        let Some((text, html)) = block else {
            return;
        };
        self.out.push(Walked {
            piece: Piece {
                block: Block { role, text, html },
                link_chars: buf.link_chars,
                preset: None,
                list_depth: buf.list_depth,
                cell: buf.cell,
            },
            inside: buf.inside,
            headline: buf.headline,
        });
    }

    fn in_captioned_figure(&self) -> bool {
        self.figures.last().is_some_and(|f| f.captioned)
    }

    /// An image with alt text is a block of its own, unless its figure's
    /// caption speaks for it; icons and spacers are skipped.
    fn image(&mut self, node: &NodeRef) {
        if self.in_captioned_figure() {
            return;
        }
        let small = ["width", "height"].iter().any(|a| {
            node.attr(a)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
                .is_some_and(|px| px < MIN_IMAGE_PIXELS)
        });
        let alt =
            crate::text::sanitize(&collapse(&node.attr("alt").unwrap_or_default())).into_owned();
        if small || !describes(&alt) || super::slides::on_a_hidden_slide(node) {
            return;
        }
        self.flush();
        let link = node.attr("src").and_then(|src| self.resolve(&src));
        let (text, html) = image_block(&alt, &escape_html(&alt), link.as_deref());
        self.out.push(Walked {
            piece: Piece {
                block: Block {
                    role: Role::Image,
                    text,
                    html,
                },
                link_chars: 0,
                preset: None,
                list_depth: self.item as usize,
                cell: self.data_table > 0,
            },
            inside: self.plan.region.is_empty() || self.region > 0,
            headline: false,
        });
    }

    /// A removed element's marker becomes a removed block in its place.
    fn marker(&mut self, node: &NodeRef) {
        let inside = self.plan.region.is_empty() || self.region > 0;
        let removal = node
            .attr("data-sift-n")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| self.plan.removals.get(n));
        let Some(removal) = removal else {
            return;
        };
        if removal.text.is_empty() {
            return;
        }
        let mut piece = Piece::plain(Role::Paragraph, &removal.text);
        piece.preset = Some((removal.kind, removal.rule.clone()));
        self.out.push(Walked {
            piece,
            inside,
            headline: false,
        });
    }

    fn resolve(&self, href: &str) -> Option<String> {
        let href = href.trim();
        // Most links are absolute and print back as written: no parse.
        if crate::text::is_canonical_web_url(href) {
            return Some(href.to_owned());
        }
        let url = match self.plan.base {
            Some(base) => base.join(href).ok()?,
            None => url::Url::parse(href).ok()?,
        };
        matches!(url.scheme(), "http" | "https" | "mailto")
            .then(|| crate::text::sanitize_url(url.as_str()))
    }
}

/// Whether alt text describes a picture: three words or more (shorter
/// ones are labels: "Orchid in foam"), not a file name ("12-IMG_3886.jpg").
fn describes(alt: &str) -> bool {
    let file_name = !alt.contains(' ')
        || [".jpg", ".jpeg", ".png", ".gif", ".webp"]
            .iter()
            .any(|ext| alt.to_ascii_lowercase().ends_with(ext));
    !file_name && crate::text::word_count(alt) >= 3 && !only_names_a_picture(alt)
}

/// Alt text a site fills in for every picture ("Image for post",
/// "Featured image", "Photo of the article"): it names no subject.
fn only_names_a_picture(alt: &str) -> bool {
    crate::text::tokens(alt).all(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        matches!(
            word.to_ascii_lowercase().as_str(),
            "image"
                | "images"
                | "img"
                | "photo"
                | "photos"
                | "picture"
                | "pic"
                | "for"
                | "of"
                | "the"
                | "a"
                | "an"
                | "this"
                | "post"
                | "article"
                | "story"
                | "featured"
                | "feature"
                | "thumbnail"
                | "header"
                | "hero"
                | "cover"
                | "placeholder"
                | "default"
                | "lead"
                | "main"
                | "banner"
        )
    })
}

/// An image block's text and HTML: `[image: caption]`, with the word
/// "image" linking to the picture when there is one.
fn image_block(caption: &str, caption_html: &str, link: Option<&str>) -> (String, String) {
    let text = format!("{}{caption}]", super::IMAGE_OPEN);
    let html = match link {
        Some(link) => format!(
            "[<a href=\"{}\">image</a>: {caption_html}]",
            escape_html(link)
        ),
        None => format!("[image: {caption_html}]"),
    };
    (text, html)
}

/// A marker's kind from its stored name.
pub fn kind_from_name(name: &str) -> Option<NoiseKind> {
    Some(match name {
        "promo" => NoiseKind::Promo,
        "related" => NoiseKind::Related,
        "share" => NoiseKind::Share,
        "nav" => NoiseKind::Nav,
        "ad" => NoiseKind::Ad,
        "credit" => NoiseKind::Credit,
        "duplicate" => NoiseKind::Duplicate,
        "puzzle" => NoiseKind::Puzzle,
        "other" => NoiseKind::Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::describes;

    #[test]
    fn alt_text_that_only_names_a_picture_describes_nothing() {
        for alt in [
            "Image for post",
            "Featured image.",
            "Photo of the article",
            "Image",
        ] {
            assert!(!describes(alt), "{alt}");
        }
        for alt in [
            "Photo of the harbour at dawn",
            "A post office in Kyiv",
            "Map of the Gulf of Finland",
        ] {
            assert!(describes(alt), "{alt}");
        }
    }
}
