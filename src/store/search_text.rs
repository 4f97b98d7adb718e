//! The full-text index: what goes into it (plain text, not HTML) and the
//! search that proves it works. Also `article_plain`, the title and the
//! summary's text as a reader sees it, which `/regex/` scans: a narrow
//! table of plain text instead of every wide article row and its HTML.

use rusqlite::{Connection, params};

use super::{Result, Store, StoreError};
use crate::model::{ArticleId, NewArticle};

/// One article's words, ready for the index.
#[derive(Debug)]
pub(super) struct IndexEntry {
    id: ArticleId,
    /// The article was indexed before: remove its old words first.
    replace: bool,
    title: String,
    summary: Option<String>,
    /// The feed's content and the page's full text, in the `content`
    /// column (searched as the body).
    content: Option<String>,
}

impl IndexEntry {
    /// `full` is the article's stored full text, if any: an update of the
    /// item must not drop its words from the index.
    pub(super) fn for_item(
        id: ArticleId,
        replace: bool,
        item: &NewArticle,
        full: Option<&str>,
    ) -> IndexEntry {
        IndexEntry::new(
            id,
            replace,
            &item.title,
            item.summary.as_deref(),
            item.content.as_deref(),
            full,
        )
    }

    pub(super) fn new(
        id: ArticleId,
        replace: bool,
        title: &str,
        summary: Option<&str>,
        content: Option<&str>,
        full: Option<&str>,
    ) -> IndexEntry {
        let content = match (content, full) {
            (Some(content), Some(full)) => Some(format!(
                "{}\n{}",
                html_to_plain_text(content),
                html_to_plain_text(full)
            )),
            (one, other) => one.or(other).map(html_to_plain_text),
        };
        IndexEntry {
            id,
            replace,
            title: title.to_owned(),
            summary: summary.map(html_to_plain_text),
            content,
        }
    }

    /// Writes the entry: the index and `article_plain`. Deletions of whole
    /// articles are done by the `articles_fts_delete` and
    /// `article_plain_delete` triggers.
    pub(super) fn write(&self, conn: &Connection) -> Result<()> {
        self.write_index(conn)?;
        conn.prepare_cached(
            "INSERT OR REPLACE INTO article_plain (article_id, title, summary) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![
            self.id,
            self.title,
            self.summary.as_deref().map(collapse_whitespace)
        ])?;
        Ok(())
    }

    /// Writes the full-text index entry only.
    fn write_index(&self, conn: &Connection) -> Result<()> {
        if self.replace {
            conn.prepare_cached("DELETE FROM articles_fts WHERE rowid = ?1")?
                .execute([self.id])?;
        }
        conn.prepare_cached(
            "INSERT INTO articles_fts (rowid, title, summary, content) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![self.id, self.title, self.summary, self.content])?;
        Ok(())
    }
}

/// Writes (or replaces) the full-text index entry of one article (the v2
/// backfill: `article_plain` comes with v7).
pub(super) fn index_article(
    conn: &Connection,
    id: ArticleId,
    title: &str,
    summary: Option<&str>,
    content: Option<&str>,
    full: Option<&str>,
) -> Result<()> {
    IndexEntry::new(id, true, title, summary, content, full).write_index(conn)
}

impl Store {
    /// Article ids matching an FTS5 query (`treaty AND geneva`,
    /// `title:iran`, `"exact phrase"`, `sanc*`), best match first (bm25, a
    /// title hit weighing most).
    pub fn search_ids(&self, fts_query: &str, limit: u32) -> Result<Vec<ArticleId>> {
        let bad = |e: rusqlite::Error| StoreError::BadSearch {
            query: fts_query.to_string(),
            message: e.to_string(),
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1
             ORDER BY bm25(articles_fts, 10.0, 3.0, 1.0) LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![fts_query, limit], |r| r.get(0))
            .map_err(bad)?;
        rows.collect::<rusqlite::Result<Vec<ArticleId>>>()
            .map_err(bad)
    }
}

/// HTML (or plain text) to the words a search should see: tags dropped,
/// script/style bodies dropped, common entities decoded, block tags turned
/// into spaces so words on either side do not glue together.
pub(super) fn html_to_plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            // A lone '<' is text ("a < b"), not a tag.
            push_decoded(&mut out, &rest[lt..]);
            rest = "";
            break;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        out.push(' ');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = find_ascii_ci(rest, &close)
                .and_then(|at| rest[at..].find('>').map(|gt| &rest[at + gt + 1..]))
                .unwrap_or("");
        }
    }
    push_decoded(&mut out, rest);
    // Runs of whitespace are left alone: the tokenizer skips them anyway.
    out
}

/// A summary as `article_plain` keeps it: what a reader sees.
pub(super) fn summary_plain_text(html: &str) -> String {
    collapse_whitespace(&html_to_plain_text(html))
}

/// `s` with every whitespace run as one space, trimmed: a regex sees
/// "Geneva talks" however the markup broke its lines.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Appends `text`, decoding the entities that matter for search.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        match end.and_then(|end| decode_entity(&after[..end]).map(|c| (end, c))) {
            Some((end, c)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    /// The stripped text with whitespace runs collapsed, for comparison.
    fn plain(html: &str) -> String {
        super::html_to_plain_text(html)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn strips_tags_and_keeps_words_apart() {
        assert_eq!(plain("<p>One</p><p>two <b>three</b></p>"), "One two three");
        assert_eq!(plain("plain text stays"), "plain text stays");
    }

    #[test]
    fn drops_script_and_style_bodies() {
        assert_eq!(
            plain("a<script>var x = '<p>';</script>b<STYLE>p{}</style >c"),
            "a b c"
        );
        assert_eq!(plain("a<script>never closed"), "a");
    }

    #[test]
    fn decodes_entities_and_survives_broken_markup() {
        assert_eq!(
            plain("Tom &amp; Jerry &#8211; &#x41;&nbsp;&bogus; &"),
            "Tom & Jerry – A &bogus; &"
        );
        assert_eq!(plain("a < b and c"), "a < b and c");
        assert_eq!(plain("<"), "<");
        assert_eq!(plain("&#xFFFFFFFF; é"), "&#xFFFFFFFF; é");
    }
}
