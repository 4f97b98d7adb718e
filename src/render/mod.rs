//! Article bodies as plain text for the terminal (html2text), with every
//! control character removed from what it produces.

pub mod media;
pub mod rich;

use std::borrow::Cow;

use crate::model::Article;

/// Bodies larger than this are cut before rendering: html2text's cost grows
/// fast with size and nesting, and nobody reads 1 MiB of one article.
pub const MAX_RENDER_BYTES: usize = 1024 * 1024;

/// The body of `article` (full text, else content, else summary) as
/// wrapped text.
pub fn body_text(article: &Article, width: usize) -> String {
    html_to_text(body_source(article), width)
}

/// What an article's body is made from: the full text, else the feed's
/// content, else its summary.
fn body_source(article: &Article) -> &str {
    article
        .full_html
        .as_deref()
        .or(article.content.as_deref())
        .or(article.summary.as_deref())
        .unwrap_or("")
}

/// Renders HTML (or plain text, which parses as HTML too) at `width`.
pub fn html_to_text(html: &str, width: usize) -> String {
    let input = bounded(html);
    let input = input.as_ref();
    let width = width.clamp(20, 400);
    let rendered = html2text::config::plain()
        .allow_width_overflow()
        .string_from_read(input.as_bytes(), width)
        .unwrap_or_else(|_| crate::text::html_to_plain(input));
    crate::text::sanitize(rendered.trim_end()).into_owned()
}

/// The article's body (full text, else content, else summary) cleaned:
/// blocks kept and blocks hidden.
pub fn cleaned_body(article: &Article, rules: &crate::clean::RuleSet) -> crate::clean::Cleaned {
    crate::clean::clean_body(body_source(article), article.link.as_deref(), rules)
}

/// Kept blocks wrapped at `width`, a blank line between them, links
/// numbered with their list at the end.
pub fn cleaned_to_text(cleaned: &crate::clean::Cleaned, width: usize) -> String {
    rich::render_rich(&cleaned.to_html(), width).to_plain()
}

/// `html` cut to `MAX_RENDER_BYTES` and to a safe nesting depth.
pub(crate) fn bounded(html: &str) -> Cow<'_, str> {
    let end = html.floor_char_boundary(MAX_RENDER_BYTES);
    crate::clean::nesting::limit_nesting(&html[..end], crate::clean::nesting::MAX_DEPTH)
}
