//! Tables that are article content: a table of films and years, of app
//! sizes before and after, of who reviewed which screen. Their cells are
//! short and many are links or lone names, which is what a menu or a
//! list of other stories looks like to the heuristics that judge a block
//! by its shape; so a data table's cells are judged by the text rules
//! alone. A layout table (the whole page in cells) is not one: it nests
//! tables or holds a long cell.

use dom_query::NodeRef;

use super::judge::{Piece, Verdict};

/// Rows of two cells or more a data table has at least (a header and
/// two rows, or three rows).
const MIN_ROWS: usize = 3;

/// Words above which a cell is a page's column, not a table's entry.
const MAX_CELL_WORDS: usize = 80;

/// The attribute `extract_main` puts on the table it writes around a run
/// of cells, so that a stored article cleaned again keeps them.
const STORED_MARK: &str = "data-sift-cells";

/// Whether the `table` element `node` holds data: three rows or more of
/// two cells or more, no table inside it, no long cell, and at most
/// three quarters of its text in links (a column of linked names beside
/// years or dates is data; a grid of links is other stories or a menu).
pub fn is_data_table(node: &NodeRef) -> bool {
    if node.has_attr(STORED_MARK) {
        return true;
    }
    let (mut rows, mut text_chars, mut link_chars) = (0, 0, 0);
    for d in node.descendants_it() {
        let Some(name) = d.node_name() else { continue };
        match name.as_ref() {
            "table" => return false,
            "tr" => {
                let cells = d
                    .children_it(false)
                    .filter(|c| matches!(c.node_name().as_deref(), Some("td" | "th")))
                    .count();
                rows += usize::from(cells >= 2);
            }
            "td" | "th" => {
                let text = d.text();
                if crate::text::word_count(&text) > MAX_CELL_WORDS {
                    return false;
                }
                text_chars += text.chars().filter(|c| !c.is_whitespace()).count();
            }
            "a" => link_chars += d.text().chars().filter(|c| !c.is_whitespace()).count(),
            _ => {}
        }
    }
    rows >= MIN_ROWS && link_chars * 4 <= text_chars * 3
}

/// The verdicts of the text rules (and of the CSS rules before them),
/// taken before the structure heuristics run, when any block is a cell.
pub(super) fn rule_verdicts(pieces: &[Piece], verdicts: &[Verdict]) -> Option<Vec<Verdict>> {
    pieces.iter().any(|p| p.cell).then(|| verdicts.to_vec())
}

/// A data table's cells get back the verdicts the rules gave them: what
/// the structure heuristics said of them does not hold.
pub(super) fn restore_cells(
    pieces: &[Piece],
    by_rules: Option<Vec<Verdict>>,
    verdicts: &mut [Verdict],
) {
    let Some(by_rules) = by_rules else { return };
    for ((piece, verdict), by_rule) in pieces.iter().zip(verdicts.iter_mut()).zip(by_rules) {
        if piece.cell {
            *verdict = by_rule;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_table(html: &str) -> bool {
        let doc = dom_query::Document::from(html);
        let table = doc.select("table");
        let node = table.nodes().first().expect("a table");
        is_data_table(node)
    }

    #[test]
    fn rows_of_short_cells_are_data_and_a_page_in_cells_is_not() {
        let films = "<table><tr><th>Film</th><th>Year</th></tr>\
            <tr><td><a href=\"/a\">Repeat Performance</a></td><td>1947</td></tr>\
            <tr><td><a href=\"/b\">Groundhog Day</a></td><td>1993</td></tr></table>";
        assert!(first_table(films));
        // Two rows are a header and one entry: too few to tell.
        let short = "<table><tr><th>Film</th><th>Year</th></tr>\
            <tr><td>Groundhog Day</td><td>1993</td></tr></table>";
        assert!(!first_table(short));
        // A page laid out in a table: one long cell.
        let long = "word ".repeat(120);
        let layout = format!(
            "<table><tr><td>Menu</td><td>Logo</td></tr><tr><td>Home</td><td>{long}</td></tr>\
             <tr><td>About</td><td>Footer</td></tr></table>"
        );
        assert!(!first_table(&layout));
        // A table around a table is layout.
        let nested = format!("<table><tr><td>{films}</td><td>x</td></tr></table>");
        assert!(!first_table(&nested));
        // Every cell a link: a grid of other stories or a menu.
        let links = "<table><tr><td><a href=\"/1\">One story</a></td><td><a href=\"/2\">Two</a></td></tr>\
            <tr><td><a href=\"/3\">Three more</a></td><td><a href=\"/4\">Four</a></td></tr>\
            <tr><td><a href=\"/5\">Five stories</a></td><td><a href=\"/6\">Six</a></td></tr></table>";
        assert!(!first_table(links));
        // One cell per row is a list, not a table.
        let column = "<table><tr><td>Home</td></tr><tr><td>News</td></tr>\
            <tr><td>Sport</td></tr><tr><td>Weather</td></tr></table>";
        assert!(!first_table(column));
    }
}
