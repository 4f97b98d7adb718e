//! Text to words for topic matching: letters and digits in runs, every
//! other character a separator, common Latin diacritics folded
//! ("Sánchez" = "Sanchez"). Each word keeps its case for acronym checks
//! and gets a lowercase form for everything else.

/// The words of a text, laid out for one automaton pass: `stream` is
/// " w1  w2  w3 " (each lowercase word between its own two spaces), so a
/// pattern " w1  w2 " matches whole words only and matches never share
/// a space.
#[derive(Debug, Default)]
pub struct Words {
    pub stream: String,
    /// Each word as written (diacritics folded, case kept), with the
    /// byte offset of its leading space in `stream`.
    pub words: Vec<(String, usize)>,
}

impl Words {
    pub fn of(text: &str) -> Words {
        let mut out = Words::default();
        let mut word = String::new();
        for c in text.chars() {
            if c.is_alphanumeric() {
                push_folded(&mut word, c);
            } else if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            out.push(word);
        }
        out
    }

    fn push(&mut self, word: String) {
        let start = self.stream.len();
        self.stream.push(' ');
        for c in word.chars() {
            self.stream.extend(c.to_lowercase());
        }
        self.stream.push(' ');
        self.words.push((word, start));
    }

    /// The words a stream match starting at byte `start` covers.
    pub fn covered(&self, start: usize, end: usize) -> &[(String, usize)] {
        let first = self.words.partition_point(|(_, s)| *s < start);
        let last = self.words.partition_point(|(_, s)| *s < end);
        &self.words[first..last]
    }
}

/// The words of a term as written (for case checks) and its stream
/// pattern: " w1  w2 " for a whole-word term, " w1  pre" (no closing
/// space) for a prefix term written with a trailing `*`.
pub fn pattern_of(term: &str) -> Option<(Vec<String>, String)> {
    let prefix = term.trim_end().ends_with('*');
    let words = Words::of(term);
    if words.words.is_empty() {
        return None;
    }
    let mut pattern = words.stream;
    if prefix {
        pattern.pop();
    }
    Some((words.words.into_iter().map(|(w, _)| w).collect(), pattern))
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
