//! Text to words for topic matching: letters and digits in runs, every
//! other character a separator, common Latin diacritics folded
//! ("Sánchez" = "Sanchez"). Each word keeps its case for acronym checks
//! and gets a lowercase form for everything else.

/// The words of a text, laid out for one automaton pass: `stream` is
/// " w1  w2  w3 " (each lowercase word between its own two spaces), so a
/// pattern " w1  w2 " matches whole words only and matches never share
/// a space. No `String` per word: scoring reads every article at ingest,
/// and a word as written is most often the text itself.
#[derive(Debug)]
pub struct Words<'a> {
    text: &'a str,
    pub stream: Vec<u8>,
    /// Each word that folding changed (it has a non-ASCII letter), as
    /// written but folded, end to end.
    folded: String,
    /// Each word: where it is as written, and the byte offset of its
    /// leading space in `stream`.
    spans: Vec<(Cased, usize)>,
}

/// Where a word as written (diacritics folded, case kept) is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cased {
    /// In the text: an ASCII word, which folding leaves alone.
    Text(std::ops::Range<usize>),
    /// In `folded`.
    Folded(std::ops::Range<usize>),
}

/// Each byte's lowercase form when it is an ASCII letter or digit, else
/// 0: the scan's one lookup per byte.
const ASCII_WORD_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

impl<'a> Words<'a> {
    pub fn of(text: &'a str) -> Words<'a> {
        // Runs of ASCII letters and digits are lowercased straight into
        // the stream; only other characters are decoded. A word that
        // turns out to hold a non-ASCII letter is written again, folded,
        // when it ends.
        let mut out = Words::empty(text);
        let bytes = text.as_bytes();
        // The word being read: where it starts in the text, and where its
        // leading space is in the stream.
        let mut word: Option<(usize, usize)> = None;
        let mut ascii = true;
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            if ASCII_WORD_BYTE[usize::from(b)] != 0 {
                if word.is_none() {
                    word = Some((at, out.stream.len()));
                    ascii = true;
                    out.stream.push(b' ');
                }
                let run = &bytes[at..];
                if ascii {
                    for &b in run {
                        let lower = ASCII_WORD_BYTE[usize::from(b)];
                        if lower == 0 {
                            break;
                        }
                        out.stream.push(lower);
                        at += 1;
                    }
                } else {
                    at += run
                        .iter()
                        .take_while(|&&b| ASCII_WORD_BYTE[usize::from(b)] != 0)
                        .count();
                }
                continue;
            }
            if b < 0x80 {
                if let Some((begin, leading)) = word.take() {
                    out.finish_word(begin..at, leading, ascii);
                }
                at += 1;
                continue;
            }
            // `at` is a char boundary: runs and characters end on one.
            let c = text[at..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            if c.is_alphanumeric() {
                match word {
                    None => word = Some((at, out.stream.len())),
                    // Its ASCII start is written again with the rest.
                    Some((_, leading)) if ascii => out.stream.truncate(leading),
                    Some(_) => {}
                }
                ascii = false;
            } else if let Some((begin, leading)) = word.take() {
                out.finish_word(begin..at, leading, ascii);
            }
            at += c.len_utf8();
        }
        if let Some((begin, leading)) = word {
            out.finish_word(begin..bytes.len(), leading, ascii);
        }
        out
    }

    /// Ends the word at `range` of the text: an ASCII word is already in
    /// the stream from `leading`; any other is written now.
    fn finish_word(&mut self, range: std::ops::Range<usize>, leading: usize, ascii: bool) {
        if ascii {
            self.stream.push(b' ');
            self.spans.push((Cased::Text(range), leading));
        } else {
            self.end_word(range, false);
        }
    }

    fn empty(text: &'a str) -> Words<'a> {
        Words {
            text,
            stream: Vec::with_capacity(text.len() + text.len() / 2 + 16),
            folded: String::new(),
            spans: Vec::with_capacity(text.len() / 6),
        }
    }

    /// The reference `of` reads: one character at a time.
    #[cfg(test)]
    fn of_chars(text: &'a str) -> Words<'a> {
        let mut out = Words::empty(text);
        let mut start = None;
        let mut ascii = true;
        for (at, c) in text.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(at);
                ascii &= c.is_ascii();
            } else if let Some(begin) = start.take() {
                out.end_word(begin..at, ascii);
                ascii = true;
            }
        }
        if let Some(begin) = start {
            out.end_word(begin..text.len(), ascii);
        }
        out
    }

    /// Adds the word at `range` of the text (`ascii`: all of it is): its
    /// lowercase form goes to the stream.
    fn end_word(&mut self, range: std::ops::Range<usize>, ascii: bool) {
        let at = self.stream.len();
        self.stream.push(b' ');
        let cased = if ascii {
            let word = &self.text.as_bytes()[range.clone()];
            self.stream.extend(word.iter().map(u8::to_ascii_lowercase));
            Cased::Text(range)
        } else {
            let from = self.folded.len();
            for c in self.text[range].chars() {
                push_folded(&mut self.folded, c);
            }
            let word = &self.folded[from..];
            let mut buf = [0; 4];
            for c in word.chars().flat_map(char::to_lowercase) {
                self.stream
                    .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            Cased::Folded(from..self.folded.len())
        };
        self.stream.push(b' ');
        self.spans.push((cased, at));
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn cased(&self, cased: &Cased) -> &str {
        match cased {
            Cased::Text(range) => &self.text[range.clone()],
            Cased::Folded(range) => &self.folded[range.clone()],
        }
    }

    /// The word at `index` as written.
    pub fn word(&self, index: usize) -> Option<&str> {
        self.spans.get(index).map(|(cased, _)| self.cased(cased))
    }

    /// The words as written, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().map(|(cased, _)| self.cased(cased))
    }

    /// The index range of the words a stream match from byte `start` to
    /// `end` covers.
    pub fn covered(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let first = self.spans.partition_point(|(_, s)| *s < start);
        let last = self.spans.partition_point(|(_, s)| *s < end);
        first..last
    }
}

/// The words of a term as written (for case checks) and its stream
/// pattern: " w1  w2 " for a whole-word term, " w1  pre" (no closing
/// space) for a prefix term written with a trailing `*`.
pub fn pattern_of(term: &str) -> Option<(Vec<String>, String)> {
    let prefix = term.trim_end().ends_with('*');
    let words = Words::of(term);
    if words.is_empty() {
        return None;
    }
    let cased = words.iter().map(str::to_owned).collect();
    // The stream is built from `str`s and their lowercase chars.
    let mut pattern = String::from_utf8_lossy(&words.stream).into_owned();
    if prefix {
        pattern.pop();
    }
    Some((cased, pattern))
}

/// An acronym-like word (`UN`, `EU`, `G7`, `US`): it has an uppercase
/// letter and no lowercase one, and is then matched with its case, so
/// "UN" never hits "un" and "US" never hits "us".
pub fn is_exact(word: &str) -> bool {
    word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase)
}

/// Pushes `c` with its Latin diacritic removed when it has a common one.
fn push_folded(out: &mut String, c: char) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'ď' | 'đ' => 'd',
        'Ď' | 'Đ' => 'D',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'ğ' => 'g',
        'Ğ' => 'G',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' | 'Į' => 'I',
        'ł' | 'ľ' => 'l',
        'Ł' | 'Ľ' => 'L',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ř' => 'r',
        'Ř' => 'R',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'Ś' | 'Š' | 'Ş' | 'Ș' => 'S',
        'ť' | 'ţ' | 'ț' => 't',
        'Ť' | 'Ţ' | 'Ț' => 'T',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' | 'Ÿ' => 'Y',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        'ß' => {
            out.push_str("ss");
            return;
        }
        other => other,
    };
    out.push(folded);
}

#[cfg(test)]
mod tests {
    use super::Words;

    #[test]
    fn the_fast_path_reads_text_as_the_char_path_does() {
        for text in [
            "",
            "UN envoy: G7 talks (EU) resume -- 2024's plan, U.S.-led!",
            "  trailing and leading  ",
            "a\tb\nc_d-e'f\u{7f}g",
            "Prime Minister Keir Starmer met NATO allies in Vilnius",
            "Sánchez’s “plan” — Zürich straße ÉTÉ naïve",
            "北京2024年 Москва\u{a0}Kyiv…end",
            "İstanbul ǅemal ﬁnal Ⅻ ²",
            "Zürich2024 naïveté ÉU G7é",
        ] {
            let fast = Words::of(text);
            let slow = Words::of_chars(text);
            assert_eq!(fast.stream, slow.stream, "{text:?}");
            assert_eq!(
                fast.iter().collect::<Vec<_>>(),
                slow.iter().collect::<Vec<_>>()
            );
            assert_eq!(fast.spans, slow.spans, "{text:?}");
        }
        let words = Words::of("Sánchez met the UN");
        assert_eq!(words.stream, b" sanchez  met  the  un ");
        assert_eq!(words.word(3), Some("UN"));
    }

    proptest::proptest! {
        /// Words that start, end or change from ASCII to folded letters
        /// anywhere: the fast path writes what the char path writes.
        #[test]
        fn the_fast_path_agrees_on_any_mix(
            text in "([a-zA-Z0-9]{0,6}[éÉßİǅ北Ⅻ²]?[a-z0-9]{0,3}[ .,'\u{a0}—-]{0,2}){0,12}"
        ) {
            let fast = Words::of(&text);
            let slow = Words::of_chars(&text);
            proptest::prop_assert_eq!(&fast.stream, &slow.stream);
            proptest::prop_assert_eq!(&fast.spans, &slow.spans);
            proptest::prop_assert_eq!(fast.folded, slow.folded);
        }
    }
}
