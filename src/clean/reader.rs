//! Whether a block speaks to its reader, in the languages the rules
//! know: marketing copy does ("your inbox", "Ihr Postfach", "votre
//! compte"), news copy rarely does outside the quotes it reports. Quotes
//! are read as each language writes them: “…”, „…“, »…«, «…», "…".

use super::sentence_end::TERMINAL_MARKS;

/// A block that is one quotation ("“…”", "„…“", "»…«", "«…»", "\"…\""),
/// maybe with a full stop.
pub(super) fn is_quotation(block: &str) -> bool {
    let b = block.trim_end_matches(['.', ',']);
    let mut chars = b.chars();
    let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
        return false;
    };
    closes(first, last)
}

/// Whether `close` ends a quotation opened by `open`.
fn closes(open: char, close: char) -> bool {
    matches!(
        (open, close),
        ('“', '”') | ('„', '“') | ('„', '”') | ('»', '«') | ('«', '»') | ('"', '"')
    )
}

const OPENING_QUOTES: [char; 5] = ['“', '„', '»', '«', '"'];

/// Marketing copy talks to the reader; a report about it does not, except
/// inside the quotes it reports.
pub fn addresses_reader(block: &str) -> bool {
    let outside = outside_quotes(block);
    // A sentence that opens with a call to action ("Get it here.").
    let imperative = outside
        .split(TERMINAL_MARKS)
        .filter_map(|sentence| sentence.split_whitespace().next())
        .any(|first| lowercase_is_one_of(first, CALLS_TO_ACTION));
    imperative || has_reader_word(&outside)
}

/// Whether a word of `text` addresses the reader: one of `READER_WORDS`
/// in any case, or a German formal "Sie"/"Ihr…" inside a sentence (at its
/// start it may be "she", "they" or "her"). Words split at every
/// character but letters, digits and apostrophes. ASCII bytes are
/// classed without decoding, and only a word that could be a reader word
/// is compared: this runs on most paragraphs of every body.
fn has_reader_word(text: &str) -> bool {
    has_word(text, false)
}

/// Whether `block` says "you" to its reader in a language the rules know
/// (not "our": a newsroom says "our correspondent").
pub(super) fn speaks_to_reader(block: &str) -> bool {
    has_word(block, true)
}

/// `has_reader_word`, or with `you_only` its second-person words only.
fn has_word(text: &str, you_only: bool) -> bool {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut at = 0;
    // Whether the next word opens a sentence (or a clause after a colon).
    let mut opens = true;
    while at < bytes.len() {
        let b = bytes[at];
        let (c, len) = if b.is_ascii() {
            (b as char, 1)
        } else {
            // `at` is a char boundary: every step is a whole character.
            let c = text[at..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        let in_word = c.is_alphanumeric() || c == '\'' || c == '’';
        if !in_word {
            if start < at {
                if is_reader_word(&text[start..at], opens, you_only) {
                    return true;
                }
                opens = false;
            }
            if TERMINAL_MARKS.contains(&c) || c == ':' {
                opens = true;
            }
            start = at + len;
        }
        at += len;
    }
    is_reader_word(&text[start..], opens, you_only)
}

/// Every reader word has 2 to 8 bytes and starts with one of these
/// letters (lowercase); no other character lowercases to them.
const FIRST_LETTERS: &[u8] = b"yodeuvntsi";

fn is_reader_word(word: &str, opens_sentence: bool, you_only: bool) -> bool {
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    if !(2..=8).contains(&word.len()) || !FIRST_LETTERS.contains(&first.to_ascii_lowercase()) {
        return false;
    }
    if !may_be_listed(word) {
        return false;
    }
    lowercase_is_one_of(word, YOU_WORDS)
        || (!you_only && lowercase_is_one_of(word, OUR_WORDS))
        || (!opens_sentence && FORMAL_GERMAN.contains(&word))
}

/// Every (length, first letter, second letter) of a listed word: most
/// words of a paragraph ("the", "said", "into") share a length and first
/// letter with one ("tus", "sie", "ihre") but not the second letter, and
/// are let go without comparing them with every listed word.
static LISTED_STARTS: [[u32; 26]; 9] = listed_starts();

const fn listed_starts() -> [[u32; 26]; 9] {
    let mut table = [[0u32; 26]; 9];
    let lists: [&[&str]; 3] = [YOU_WORDS, OUR_WORDS, FORMAL_GERMAN];
    let mut l = 0;
    while l < lists.len() {
        let mut w = 0;
        while w < lists[l].len() {
            let bytes = lists[l][w].as_bytes();
            let (a, b) = (bytes[0].to_ascii_lowercase(), bytes[1].to_ascii_lowercase());
            // Every listed word is 2 to 8 bytes and starts with two ASCII
            // letters (a test checks).
            if bytes.len() <= 8 && a.is_ascii_lowercase() && b.is_ascii_lowercase() {
                table[bytes.len()][(a - b'a') as usize] |= 1 << (b - b'a');
            }
            w += 1;
        }
        l += 1;
    }
    table
}

/// Whether `word` (2 to 8 bytes, an ASCII first letter) may be a listed
/// word, by its length and first two letters. A second character that is
/// not an ASCII letter is compared in full.
fn may_be_listed(word: &str) -> bool {
    let bytes = word.as_bytes();
    let (a, b) = (bytes[0].to_ascii_lowercase(), bytes[1].to_ascii_lowercase());
    if !a.is_ascii_lowercase() || !b.is_ascii_lowercase() {
        return true;
    }
    LISTED_STARTS[bytes.len()][usize::from(a - b'a')] & (1 << (b - b'a')) != 0
}

/// Words that open a call to action at a sentence's start.
const CALLS_TO_ACTION: &[&str] = &[
    "get",
    "sign",
    "subscribe",
    "join",
    "try",
    "download",
    "follow",
    "click",
    "tap",
    "register",
    "receive",
    "discover",
    "enter",
    "support",
    "start",
    // German: the informal imperative, or the infinitive a button reads
    // ("Abonnieren Sie…" names "Sie" anyway).
    "abonniere",
    "abonnieren",
    "registriere",
    "registrieren",
    "sichere",
    "sichern",
    "entdecke",
    "klicke",
    "teste",
    "testen",
    // French, Spanish, Italian.
    "abonnez-vous",
    "inscrivez-vous",
    "découvrez",
    "profitez",
    "suscríbete",
    "regístrate",
    "descubre",
    "abbonati",
    "iscriviti",
    "scopri",
];

/// The reader's words in any case: "you" in English, German (the
/// informal one; the formal one is `FORMAL_GERMAN`), French, Spanish and
/// Italian. Not French "du" ("of the") nor English "ton".
const YOU_WORDS: &[&str] = &[
    "you", "your", "you're", "you’re", "yours", // English
    "dein", "deine", "deinen", "deinem", "deiner", "deines", "dich", "dir", "euch", "euer", "eure",
    "euren", "eurem", "eurer", // German
    "vous", "votre", "vos", "tu", // French
    "usted", "ustedes", "tus", // Spanish
    "tuo", "tua", "tuoi", "vostro", "vostra", // Italian
];

/// The publication's "our", a sign of its own copy.
const OUR_WORDS: &[&str] = &[
    "our", "unser", "unsere", "unseren", "unserem", "unserer", "unseres", "notre", "nos",
    "nuestro", "nuestra", "nuestros", "nuestras", "nostro", "nostra", "nostri", "nostre",
];

/// German's formal "you", capitalised as it is only when it means the
/// reader inside a sentence.
const FORMAL_GERMAN: &[&str] = &[
    "Sie", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres", "Ihnen",
];

/// `block` without its quotations (the quote marks go too). A quotation
/// ends at the mark that closes its opening one (German „…“ closes with
/// what opens an English one).
fn outside_quotes(block: &str) -> std::borrow::Cow<'_, str> {
    if !block.contains(OPENING_QUOTES) && !block.contains('”') {
        return std::borrow::Cow::Borrowed(block);
    }
    let mut outside = String::with_capacity(block.len());
    let mut open: Option<char> = None;
    for c in block.chars() {
        match open {
            Some(o) if closes(o, c) => open = None,
            Some(_) => {}
            None if OPENING_QUOTES.contains(&c) => open = Some(c),
            // A stray closing mark opens nothing.
            None if c == '”' => {}
            None => outside.push(c),
        }
    }
    std::borrow::Cow::Owned(outside)
}

/// Whether `word` lowercased is one of `words` (each lowercase). Every
/// block's every word passes here: an ASCII word is lowercased on the
/// stack, and a long one cannot match (no listed word lowercases from
/// more than 16 bytes: only the Kelvin sign shrinks, to "k").
pub(super) fn lowercase_is_one_of(word: &str, words: &[&str]) -> bool {
    const MAX_BYTES: usize = 16;
    if word.is_empty() || word.len() > MAX_BYTES {
        return false;
    }
    if word.is_ascii() {
        let mut buf = [0u8; MAX_BYTES];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return words.iter().any(|w| w.as_bytes() == lower);
    }
    words.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `addresses_reader` written plainly, with a lowercase copy of every
    /// word and the sentence starts found by splitting.
    fn addresses_reader_with_copies(block: &str) -> bool {
        let outside = outside_quotes(block);
        let imperative = outside
            .split(['.', '?', '!'])
            .filter_map(|sentence| sentence.split_whitespace().next())
            .any(|first| CALLS_TO_ACTION.contains(&first.to_lowercase().as_str()));
        let formal = outside.split(['.', '?', '!', ':']).any(|sentence| {
            sentence
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .filter(|w| !w.is_empty())
                .skip(1)
                .any(|w| FORMAL_GERMAN.contains(&w))
        });
        imperative
            || formal
            || outside
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .any(|w| {
                    let w = w.to_lowercase();
                    YOU_WORDS.contains(&w.as_str()) || OUR_WORDS.contains(&w.as_str())
                })
    }

    #[test]
    fn every_listed_word_passes_the_start_filter() {
        for word in YOU_WORDS.iter().chain(OUR_WORDS).chain(FORMAL_GERMAN) {
            let b = word.as_bytes();
            assert!((2..=8).contains(&b.len()), "{word}");
            assert!(
                b[0].is_ascii_alphabetic() && b[1].is_ascii_alphabetic(),
                "{word}"
            );
            assert!(may_be_listed(word), "{word}");
            assert!(may_be_listed(&word.to_uppercase()), "{word}");
        }
        assert!(!may_be_listed("the") && !may_be_listed("said") && !may_be_listed("into"));
    }

    proptest::proptest! {
        #[test]
        fn addresses_reader_reads_as_lowercase_copies_do(
            block in "((get|Sign|SUBSCRIBE|you|Your|you’re|our|ours|the|word|Clic\u{212A}|yourselves|ΣΟΥ|Sie|sie|Ihr|IHR|Ihnen|unser|Vous|du)[ ,.:?!\"“”„»«\t']{1,3}){0,12}"
        ) {
            proptest::prop_assert_eq!(addresses_reader(&block), addresses_reader_with_copies(&block));
        }

        /// Words glued by any character, ASCII or not, a letter or not.
        #[test]
        fn reader_words_split_as_the_char_split_does(
            block in "((you|YOU’re|our|ours|yo|o|yourself|été|naïve|don't|Sie|Ihre|dir)[ —–é’'\u{a0}\u{300}ü1-]{0,2}){0,10}"
        ) {
            proptest::prop_assert_eq!(addresses_reader(&block), addresses_reader_with_copies(&block));
        }
    }

    #[test]
    fn addresses_reader_reads_any_case_and_ignores_quotations() {
        let cases = [
            ("Get it here.", true),
            ("SUBSCRIBE today for the full story", true),
            ("It arrives. Sign up below", true),
            ("Is YOUR inbox ready?", true),
            ("You’re invited", true),
            ("Ours is a story of yours", true),
            ("The minister said “sign up now” to the crowd.", false),
            ("He said \"your move\" and left.", false),
            ("Getting there took a year.", false),
            ("Tourists flock to the youthful city", false),
            ("ΣΟΥ is Greek, and so is σου", false),
            ("Clic\u{212A} here", true),
            ("Subscribeandsaveforeverandever now", false),
            ("", false),
        ];
        for (block, expected) in cases {
            assert_eq!(addresses_reader(block), expected, "{block}");
        }
    }

    #[test]
    fn german_french_spanish_and_italian_readers_are_addressed_too() {
        let cases = [
            (
                "Die wichtigsten Nachrichten jeden Morgen in Ihrem Postfach.",
                true,
            ),
            ("Testen Sie jetzt einen Monat kostenlos.", true),
            ("Unser Newsletter erscheint jeden Freitag.", true),
            ("Hol dir die App.", true),
            ("Recevez notre lettre chaque matin.", true),
            ("Recibe nuestro boletín cada mañana.", true),
            ("Ricevi la nostra newsletter ogni mattina.", true),
            ("Abonnieren und nichts verpassen.", true),
            // "Sie" and "Ihr" open a sentence as "she", "they", "her".
            ("Sie sagte, der Newsletter werde eingestellt.", false),
            ("Ihre Partei hatte den Newsletter eingestellt.", false),
            ("Die Ministerin: Sie will den Newsletter einstellen.", false),
            ("Die Leser haben sie am Montag gewählt.", false),
            // In German quotes, what follows the quote is outside it.
            ("„Melden Sie sich an“, sagte der Verleger am Montag.", false),
            ("„Das ist alt“, sagte er. Melden Sie sich an.", true),
            ("»Testen Sie uns«, warb der Verlag.", false),
            ("Le ministre a parlé du budget.", false),
        ];
        for (block, expected) in cases {
            assert_eq!(addresses_reader(block), expected, "{block}");
        }
    }

    #[test]
    fn a_quotation_is_one_in_each_language_s_marks() {
        for quote in [
            "“Subscribe now.”",
            "„Jetzt abonnieren“",
            "»Jetzt abonnieren«.",
            "« Abonnez-vous »",
            "\"Sign up\"",
        ] {
            assert!(is_quotation(quote), "{quote}");
        }
        for line in ["„Jetzt“ abonnieren", "Subscribe now", "“", "»x»"] {
            assert!(!is_quotation(line), "{line}");
        }
    }
}
