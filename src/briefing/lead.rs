//! A story's lead: its first two or three sentences, taken from the text
//! the cleaner kept (so promo lines, related-story lists, captions and
//! credits never reach it), capped in length.

use crate::clean::{Block, Role, RuleSet};
use crate::model::Article;

use super::sentences::split_sentences;

/// The longest lead, in characters (a first sentence longer than this is
/// cut at a word and ends with "…").
pub const LEAD_MAX_CHARS: usize = 480;

/// At most this many sentences.
pub const LEAD_SENTENCES: usize = 3;

/// The lead of `article`: from its cleaned body (full text, else content,
/// else summary); when that yields no paragraph, from its cleaned summary.
pub fn lead_of(article: &Article, rules: &RuleSet) -> String {
    let cleaned = crate::render::cleaned_body(article, rules);
    let lead = lead_from_blocks(&cleaned.blocks, &article.title);
    if !lead.is_empty() || article.summary.is_none() {
        return lead;
    }
    let summary_only = Article {
        enclosures: Vec::new(),
        full_html: None,
        content: None,
        ..article.clone()
    };
    let cleaned = crate::render::cleaned_body(&summary_only, rules);
    lead_from_blocks(&cleaned.blocks, &article.title)
}

/// Two or three sentences of the paragraphs among `blocks` (headings,
/// captions, quotes, list items and code are not lead material), leaving
/// out a paragraph that repeats the title and short bylines.
pub fn lead_from_blocks(blocks: &[Block], title: &str) -> String {
    let title = crate::text::sanitize_line(title).to_lowercase();
    let paragraphs = blocks
        .iter()
        .filter(|b| b.role == Role::Paragraph)
        .map(|b| crate::text::sanitize_line(&b.text))
        .filter(|p| !p.is_empty() && p.to_lowercase() != title && !looks_like_byline(p));
    let mut taken: Vec<String> = Vec::new();
    let mut length = 0;
    for paragraph in paragraphs {
        for sentence in split_sentences(&paragraph) {
            if taken.is_empty() {
                let first = cap_chars(sentence, LEAD_MAX_CHARS);
                length = first.chars().count();
                taken.push(first);
            } else {
                let extra = 1 + sentence.chars().count();
                if length + extra > LEAD_MAX_CHARS {
                    return taken.join(" ");
                }
                length += extra;
                taken.push(sentence.to_owned());
            }
            if taken.len() == LEAD_SENTENCES {
                return taken.join(" ");
            }
        }
    }
    taken.join(" ")
}

/// "By Jane Doe", "The Week Staff", "Updated 3 hours ago": a few words
/// and no sentence end.
fn looks_like_byline(paragraph: &str) -> bool {
    paragraph.split_whitespace().count() < 5
        && !paragraph
            .trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with(['.', '!', '?', '…'])
}

/// `s` cut to at most `max` characters at a word boundary, with "…".
pub fn cap_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        at_word.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean_text;

    fn lead_of_text(text: &str, title: &str) -> String {
        let cleaned = clean_text(text, None, &RuleSet::builtin());
        lead_from_blocks(&cleaned.blocks, title)
    }

    #[test]
    fn the_lead_is_three_sentences_without_title_or_byline() {
        let lead = lead_of_text(
            "Ceasefire holds in the north\nBy Jane Doe\nThe ceasefire held overnight. \
             Both armies pulled back 2.5 km. Mr. Ortiz called it fragile. A fourth \
             sentence stays out.\nA second paragraph stays out too.",
            "Ceasefire holds in the north",
        );
        assert_eq!(
            lead,
            "The ceasefire held overnight. Both armies pulled back 2.5 km. Mr. Ortiz called it fragile."
        );
    }

    #[test]
    fn sentences_continue_across_paragraphs() {
        let lead = lead_of_text(
            "The talks resumed in Geneva on Monday.\nBoth sides said progress was slow but real.",
            "Talks",
        );
        assert_eq!(
            lead,
            "The talks resumed in Geneva on Monday. Both sides said progress was slow but real."
        );
    }

    #[test]
    fn a_promo_line_in_the_body_never_reaches_the_lead() {
        let lead = lead_of_text(
            "Envoys met in Vienna on Tuesday to revive the nuclear talks.\n\
             Sign up for our free newsletter\n\
             A free daily email with the biggest news stories of the day – and the best features from TheWeek.com\n\
             The meeting lasted four hours.",
            "Envoys meet",
        );
        assert_eq!(
            lead,
            "Envoys met in Vienna on Tuesday to revive the nuclear talks. The meeting lasted four hours."
        );
        assert!(!lead.contains("newsletter") && !lead.contains("daily email"));
    }

    #[test]
    fn the_lead_is_capped() {
        let long = format!("{} end.", "word ".repeat(200));
        let lead = lead_of_text(&format!("{long} Second sentence here."), "T");
        assert!(lead.chars().count() <= LEAD_MAX_CHARS, "{lead}");
        assert!(lead.ends_with('…'), "{lead}");
        // A second sentence that would pass the cap is left out.
        let first = format!("{}.", "Some words here ".repeat(25).trim_end());
        let second = format!("{}.", "More words there ".repeat(10).trim_end());
        let lead = lead_of_text(&format!("{first} {second}"), "T");
        assert_eq!(lead, first);
    }

    #[test]
    fn a_figure_caption_and_its_credit_never_reach_the_lead() {
        let html = "<figure><img src=\"https://img.example/x.jpg\" alt=\"\">\
                    <figcaption>Soldiers wait at the crossing on Monday. Photo: Jane Roe / Getty Images</figcaption>\
                    </figure><p>The border reopened on Monday after nine days.</p>\
                    <p>Trucks queued for 12 km.</p>";
        let cleaned = crate::clean::clean_fragment(html, None, &RuleSet::builtin());
        let lead = lead_from_blocks(&cleaned.blocks, "Border reopens");
        assert_eq!(
            lead,
            "The border reopened on Monday after nine days. Trucks queued for 12 km."
        );
    }

    #[test]
    fn captions_and_headings_are_not_lead_material() {
        let blocks = vec![
            Block::plain(Role::Heading, "A heading that is long enough to count."),
            Block::plain(Role::Caption, "Soldiers at the border, on Monday."),
            Block::plain(Role::Paragraph, "The border reopened.\u{1b}[31m"),
        ];
        assert_eq!(lead_from_blocks(&blocks, "T"), "The border reopened.");
    }
}
