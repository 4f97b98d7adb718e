//! Article bodies as plain text for the terminal (html2text), with every
//! control character removed from what it produces.

use crate::model::Article;

/// Bodies larger than this are cut before rendering: html2text's cost grows
/// fast with size and nesting, and nobody reads 1 MiB of one article.
pub const MAX_RENDER_BYTES: usize = 1024 * 1024;

/// The body of `article` (full text, else content, else summary) as
/// wrapped text.
pub fn body_text(article: &Article, width: usize) -> String {
    let html = article
        .full_html
        .as_deref()
        .or(article.content.as_deref())
        .or(article.summary.as_deref())
        .unwrap_or("");
    html_to_text(html, width)
}

/// Renders HTML (or plain text, which parses as HTML too) at `width`.
pub fn html_to_text(html: &str, width: usize) -> String {
    let mut end = html.len().min(MAX_RENDER_BYTES);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let input = &html[..end];
    let width = width.clamp(20, 400);
    let rendered = html2text::config::plain()
        .allow_width_overflow()
        .string_from_read(input.as_bytes(), width)
        .unwrap_or_else(|_| crate::text::html_to_plain(input));
    crate::text::sanitize(rendered.trim_end()).into_owned()
}

/// HTML as text with one line per block (paragraphs unwrapped), no
/// decorations: the input of the plain-text cleaner.
pub fn html_to_lines(html: &str) -> String {
    let mut end = html.len().min(MAX_RENDER_BYTES * 4);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let input = &html[..end];
    let decorator = html2text::render::TrivialDecorator::new();
    let rendered = html2text::config::with_decorator(decorator)
        .allow_width_overflow()
        .no_link_wrapping()
        .string_from_read(input.as_bytes(), 100_000)
        .unwrap_or_else(|_| crate::text::html_to_plain(input));
    crate::text::sanitize(&rendered).into_owned()
}

/// The article's body (full text, else content, else summary) cleaned:
/// blocks kept and blocks hidden.
pub fn cleaned_body(article: &Article, rules: &crate::clean::RuleSet) -> crate::clean::Cleaned {
    let html = article
        .full_html
        .as_deref()
        .or(article.content.as_deref())
        .or(article.summary.as_deref())
        .unwrap_or("");
    crate::clean::clean_text(&html_to_lines(html), article.link.as_deref(), rules)
}

/// Kept blocks wrapped at `width`, a blank line between them.
pub fn blocks_to_text(blocks: &[String], width: usize) -> String {
    let mut html = String::new();
    for block in blocks {
        html.push_str("<p>");
        for c in block.chars() {
            match c {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                c => html.push(c),
            }
        }
        html.push_str("</p>");
    }
    html_to_text(&html, width)
}
