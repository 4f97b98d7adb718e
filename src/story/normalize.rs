//! Title and standfirst to a set of comparable words: lowercase, no
//! punctuation, no stopwords, demonyms folded into their country
//! ("Russian" and "Russia's" both give `russia`), and a light suffix
//! stemmer ("talks", "talked", "talking" give `talk`). Pure and cheap.

/// How much of the summary counts: its first sentence, at most this many
/// characters (feeds that put the whole body in the summary would
/// otherwise swamp the title). One sentence measured better than two on
/// the tuning set: later sentences add detail each outlet picks
/// differently.
const STANDFIRST_CHARS: usize = 320;
const SENTENCES: usize = 1;

/// The normalised words of an article, sorted, without repeats.
pub fn story_words(title: &str, summary: Option<&str>) -> Vec<String> {
    let mut words = Vec::new();
    push_words(title, &mut words);
    if let Some(summary) = summary {
        let plain = if summary.contains(['<', '&']) {
            crate::text::html_to_plain(summary)
        } else {
            summary.to_string()
        };
        push_words(standfirst(&plain), &mut words);
    }
    words.sort_unstable();
    words.dedup();
    words
}

/// The first sentence of `text`, cut at a character boundary.
pub fn standfirst(text: &str) -> &str {
    let mut sentences = 0;
    let mut end = text.len();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= STANDFIRST_CHARS {
            end = i;
            break;
        }
        // A full stop followed by a space ends a sentence ("$60.5bn" and
        // "U.S." mostly do not).
        if matches!(c, '.' | '!' | '?') && chars.peek().is_some_and(|(_, n)| n.is_whitespace()) {
            sentences += 1;
            if sentences == SENTENCES {
                end = i + c.len_utf8();
                break;
            }
        }
    }
    &text[..end]
}

fn push_words(text: &str, out: &mut Vec<String>) {
    // Most words are short ASCII and most of those are dropped or folded:
    // they are lowercased on the stack, and only a kept word is allocated.
    let mut buf = [0u8; 32];
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() {
            continue;
        }
        // "US" in capitals is the country, "us" the pronoun.
        if raw == "US" || raw == "USA" {
            out.push("usa".into());
            continue;
        }
        let owned;
        let lower = match ascii_lowercase_in(raw, &mut buf) {
            Some(lower) => lower,
            None => {
                owned = raw.to_lowercase();
                owned.as_str()
            }
        };
        if let Some(folded) = fold_name(lower) {
            out.push(folded.into());
            continue;
        }
        let is_number = lower.bytes().all(|c| c.is_ascii_digit());
        if !is_number && (lower.chars().count() < 2 || is_stopword(lower)) {
            continue;
        }
        out.push(if is_number {
            lower.to_owned()
        } else {
            stem(lower)
        });
    }
}

/// `word` lowercased in `buf`, when it is ASCII and fits.
fn ascii_lowercase_in<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if !word.is_ascii() || bytes.len() > buf.len() {
        return None;
    }
    let lower = &mut buf[..bytes.len()];
    for (to, from) in lower.iter_mut().zip(bytes) {
        *to = from.to_ascii_lowercase();
    }
    std::str::from_utf8(lower).ok()
}

/// Whether `word` (lowercase) is a stopword: a binary search of the list
/// sorted once, where a scan of it cost more than the rest of the
/// normalising.
fn is_stopword(word: &str) -> bool {
    static SORTED: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        sorted
    });
    SORTED.binary_search(&word).is_ok()
}

/// Demonyms and short forms to one name per country or body.
fn fold_name(word: &str) -> Option<&'static str> {
    Some(match word {
        "russian" | "russians" | "russia" => "russia",
        "chinese" | "china" => "china",
        "ukrainian" | "ukrainians" | "ukraine" => "ukraine",
        "israeli" | "israelis" | "israel" => "israel",
        "iranian" | "iranians" | "iran" => "iran",
        "american" | "americans" | "america" => "usa",
        "british" | "britain" | "uk" => "uk",
        "french" | "france" => "france",
        "german" | "germany" => "germany",
        "indian" | "india" => "india",
        "pakistani" | "pakistan" => "pakistan",
        "sudanese" | "sudan" => "sudan",
        "taiwanese" | "taiwan" => "taiwan",
        "korean" | "koreans" | "korea" => "korea",
        "palestinian" | "palestinians" => "palestine",
        "syrian" | "syria" => "syria",
        "turkish" | "turkey" | "türkiye" => "turkey",
        "japanese" | "japan" => "japan",
        "european" | "europe" | "eu" => "eu",
        "canadian" | "canada" => "canada",
        "mexican" | "mexico" => "mexico",
        "saudi" | "saudis" => "saudi",
        "omani" | "oman" => "oman",
        "egyptian" | "egypt" => "egypt",
        "qatari" | "qatar" => "qatar",
        _ => return None,
    })
}

/// A light suffix stemmer: enough to fold plurals and tenses of the same
/// word, not a linguistic one (no dictionary, no exceptions list).
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    if let Some(base) = w.strip_suffix("ies").filter(|b| b.len() >= 2) {
        w = format!("{base}y");
    } else if let Some(base) = w.strip_suffix("ing").filter(|b| b.chars().count() >= 3) {
        // "agreeing" keeps its e like "agreed" ("agre"); "imposing" had
        // lost it already ("impos", as "impose" becomes).
        return undouble(base);
    } else if let Some(base) = w.strip_suffix("ed").filter(|b| b.chars().count() >= 3) {
        return undouble(base);
    } else if w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && w.chars().count() >= 4
    {
        w.pop();
    }
    if w.ends_with('e') && w.chars().count() >= 4 {
        w.pop();
    }
    w
}

/// "stopp" to "stop", "signall" stays (l, s and z double in English bases).
fn undouble(base: &str) -> String {
    let mut chars = base.chars().rev();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a == b && a.is_ascii_alphabetic() && !"aeioulsz".contains(a) => {
            base[..base.len() - a.len_utf8()].to_string()
        }
        _ => base.to_string(),
    }
}

/// Function words and the filler every news line has (days, "said").
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "latest",
    "may",
    "might",
    "more",
    "most",
    "much",
    "new",
    "no",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "per",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "today",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "yet",
    "you",
    "your",
    "said",
    "says",
    "say",
    "saying",
    "told",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "week",
    "weeks",
    "day",
    "days",
    "year",
    "years",
    "s",
    "t",
    "mr",
    "ms",
    "mrs",
    "amid",
    "via",
    "first",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "cent",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_stopword_is_found_and_no_other_word() {
        assert!(STOPWORDS.iter().all(|w| is_stopword(w)));
        for word in ["minister", "aa", "zzz", "", "saidx", "abou"] {
            assert!(!is_stopword(word), "{word}");
        }
    }

    #[test]
    fn long_and_non_ascii_words_are_lowercased_too() {
        // 33 letters: past the stack buffer, lowercased on the heap.
        let words = story_words("ÉTÉ INTERNATIONALISATIONSBESTREBUNGEN SAID", None);
        assert_eq!(words, ["internationalisationsbestrebungen", "été"]);
    }

    #[test]
    fn words_are_folded_stemmed_and_deduplicated() {
        let words = story_words(
            "Russian talks: Russia's envoys talked in the US",
            Some("<p>Talking &amp; signing. Second sentence dropped.</p>"),
        );
        assert_eq!(words, vec!["envoy", "russia", "sign", "talk", "usa"]);
    }

    #[test]
    fn stems_fold_tenses_and_plurals() {
        for (a, b) in [
            ("imposes", "imposed"),
            ("agrees", "agreed"),
            ("strikes", "strike"),
            ("stopped", "stop"),
            ("parties", "party"),
            ("seized", "seizes"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("sanction"), stem("sanctuary"));
    }

    #[test]
    fn standfirst_stops_after_two_sentences_or_the_cap() {
        assert_eq!(standfirst("One! Two. Three."), "One!");
        assert_eq!(standfirst("A $60.5bn deal. Then more."), "A $60.5bn deal.");
        let long = "word ".repeat(200);
        assert!(standfirst(&long).len() <= STANDFIRST_CHARS);
        assert_eq!(standfirst("ééé"), "ééé");
    }
}
