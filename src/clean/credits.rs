//! Credits at the end of a caption ("… on Monday. Photograph: X/Reuters",
//! "… in Wien. Foto: Max Muster/dpa"): split off as blocks of their own,
//! so the caption stays and the credit goes.

use std::sync::LazyLock;

use super::judge::Piece;
use super::pattern::Pattern;
use super::{Block, IMAGE_OPEN, NoiseKind, Role, escape_html};
use crate::text::word_count;

// ASCII and lowercase, so it compiles with byte classes and without
// case folding (see `pattern`): the ellipsis is written as its UTF-8 bytes.
static CREDIT_TAIL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::any_case(
        r"\s*(\(?(image|photo|picture|illustration|video)\s*(credit|source)s?\s*[:,].*|\(?(photograph|photo|credit|illustration|image)s?\s*:.*|\((ap|afp|reuters) photo\b.*|\breuters/.*|\(?(illustration|photo(graph)?|images?) by\s.*|\bimage source,.*|\(?(image|photo)s?\s+courtesy of\s.*|credits?\s*(\.\.\.|\xE2\x80\xA6|:|-)\s*.*|[\[(][^\])]{2,80}/[^\])]{2,40}[\])])$",
    )
    .expect("static regex")
});
// A figure's caption credited in German or with a copyright sign: a name
// or an agency, never a sentence. Only captions: a paragraph that ends in
// "| Foto: Reuters" is a line of links, not a caption.
static NAMED_CREDIT_TAIL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::any_case(
        r"\s*(\(?\b(foto|fotos|bild|bildquelle|symbolbild)\s*:|\xC2\xA9)\s*([^.!?:/\s]+(\s+[^.!?:/\s]+){0,2}|[^.!?:]{0,60}/[^.!?:]{1,60})\)?$",
    )
    .expect("static regex")
});

/// Compiles both patterns (3.4 M instructions, too many counted
/// repetitions for a DFA built ahead) on `pattern::warm_up`'s thread,
/// so that the first caption need not wait for them.
pub(super) fn warm_up() {
    LazyLock::force(&CREDIT_TAIL);
    LazyLock::force(&NAMED_CREDIT_TAIL);
}

/// Where the credit at the end of `text` (a block of `role`) starts.
fn credit_start(role: Role, text: &str) -> Option<usize> {
    let tail = CREDIT_TAIL.find_start(text);
    let named = matches!(role, Role::Caption | Role::Image)
        .then(|| NAMED_CREDIT_TAIL.find_start(text))
        .flatten();
    match (tail, named) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Where a caption's credit starts when the page glued the word to the
/// name ("CreditKevin Frayer/Getty Images", a label and a name in two
/// elements with no space between): "Credit" at the start or after a
/// space, then a capital or nothing. Only captions: "CreditSuisse" in a
/// paragraph is not a credit.
fn glued_credit_start(role: Role, text: &str) -> Option<usize> {
    if !matches!(role, Role::Caption | Role::Image) {
        return None;
    }
    text.match_indices("Credit").map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + "Credit".len()..].chars().next();
        before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_uppercase)
    })
}

/// A caption often ends with its credit ("… on Monday. Photograph:
/// X/Reuters", "… in Wien. Foto: Max Muster/dpa"): the caption stays,
/// the credit goes as its own block. A German credit is a name or an
/// agency, never a sentence ("… zeigt ein Foto: Kinder im Sand." stays).
pub(super) fn split_credits(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    for mut piece in pieces {
        let text = piece.block.inner_text();
        let candidate = piece.preset.is_none()
            && matches!(
                piece.block.role,
                Role::Caption | Role::Image | Role::Paragraph
            )
            && word_count(text) <= 60;
        let glued = candidate
            .then(|| glued_credit_start(piece.block.role, text))
            .flatten();
        if glued == Some(0) {
            // The caption is its credit and nothing else.
            let mut removed = Piece::plain(Role::Caption, text);
            removed.preset = Some((NoiseKind::Credit, "caption-credit".into()));
            out.push(removed);
            continue;
        }
        let split = glued
            .or_else(|| {
                candidate
                    .then(|| credit_start(piece.block.role, text))
                    .flatten()
            })
            .filter(|&at| at > 0);
        let Some(at) = split else {
            out.push(piece);
            continue;
        };
        let credit = text[at..].trim().to_owned();
        let caption = text[..at].trim().to_owned();
        piece.block = with_caption(&piece.block, &caption);
        piece.link_chars = 0;
        out.push(piece);
        let mut removed = Piece::plain(Role::Caption, &credit);
        removed.preset = Some((NoiseKind::Credit, "caption-credit".into()));
        out.push(removed);
    }
    out
}

/// `block` with its text replaced by `caption`; an image keeps its link.
fn with_caption(block: &Block, caption: &str) -> Block {
    if block.role != Role::Image {
        return Block::plain(block.role, caption);
    }
    let head = match block.html.find("</a>: ") {
        Some(end) if block.html.starts_with("[<a href=") => &block.html[..end + "</a>: ".len()],
        _ => "[image: ",
    };
    Block {
        role: Role::Image,
        text: format!("{IMAGE_OPEN}{caption}]"),
        html: format!("{head}{}]", escape_html(caption)),
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::{NoiseKind, Role, RuleSet, clean_fragment};

    #[test]
    fn a_credit_glued_to_its_name_goes_and_the_caption_stays() {
        let prose = "<p>The ministers met in Vienna on Tuesday, and after six hours of talks \
            they agreed to meet again next month to settle the remaining questions.</p>";
        let html = format!(
            "{prose}<figure><img src=\"/a.jpg\" alt=\"x\"><figcaption>\
             <span>CreditKevin Frayer/Getty Images</span></figcaption></figure>\
             <figure><img src=\"/b.jpg\"><figcaption>Delegates outside the hall on Tuesday. \
             <span>CreditEllen Surrey</span></figcaption></figure>\
             <figure><img src=\"/c.jpg\"><figcaption>Credit</figcaption></figure>\
             <p>Credit Suisse and CreditSights were named in the report on Tuesday by the \
             committee, which meets again in May.</p>"
        );
        let c = clean_fragment(&html, None, &RuleSet::builtin());
        let credits: Vec<&str> = c
            .removed
            .iter()
            .filter(|r| r.kind == NoiseKind::Credit)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(
            credits,
            [
                "CreditKevin Frayer/Getty Images",
                "CreditEllen Surrey",
                "Credit"
            ],
            "{c:?}"
        );
        let images: Vec<&str> = c
            .blocks
            .iter()
            .filter(|b| b.role == Role::Image)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(images, ["[image: Delegates outside the hall on Tuesday.]"]);
        // A paragraph naming a bank is no caption.
        assert!(c.text().contains("Credit Suisse and CreditSights"));
    }
}
