//! How a rule's pattern compiles, decided from its text alone. Shared
//! with `build.rs`, which compiles the shipped block patterns into DFAs
//! ahead of time: both sides must choose the same way.

/// What a block rule's `matches` compiles to: a pattern for the whole
/// block.
pub fn whole_block(pattern: &str) -> String {
    format!(r"^\s*(?:{pattern})\s*$")
}

/// A whole block that is a date (`header::DATE_LINE`, where it is
/// described). ASCII and lowercase: it compiles with byte classes and
/// meets folded text.
pub fn date_line() -> String {
    let month = r"(jan(uary|uar|vier)?|feb(ruary|ruar)?|f\xC3\xA9vrier|mar(ch|s)?|m(\xC3\xA4|ae)rz|apr(il)?|avril|ma[iy]|june?|juni|juin|july?|juli|juillet|aug(ust)?|ao\xC3\xBBt|sept?(ember|embre)?|oct(ober|obre)?|okt(ober)?|nov(ember|embre)?|dec(ember)?|dez(ember)?|d\xC3\xA9cembre)\.?";
    let day = r"[0-9]{1,2}(st|nd|rd|th|er)?\.?";
    let date = format!(
        r"({month}\s+{day},?(\s+[0-9]{{4}})?|{day}\s+{month},?(\s+[0-9]{{4}})?|[0-9]{{1,2}}[./-][0-9]{{1,2}}[./-]([0-9]{{4}}|[0-9]{{2}})|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})"
    );
    let time = r"[0-9]{1,2}[:.h][0-9]{2}(\s*[ap]\.?m\.?)?(\s*(uhr|[a-z]{2,4}\b))?";
    let weekday = r"((mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?";
    let label = r"((last\s+)?(updated|published|posted|modified|created)|aktualisiert|ver\xC3\xB6ffentlicht|stand|publi\xC3\xA9|mis\s+\xC3\xA0\s+jour)(\s+(on|am|le))?:?";
    let glue = r"(on|am|le|at|um|\xC3\xA0|[0-9]{4}|[|,/()-]|\xE2\x80\xA2|\xC2\xB7|\xE2\x80\x94|\xE2\x80\x93)";
    let part = format!(r"({label}|{weekday}|{time}|{glue})");
    format!(r"^\s*({part}\s*)*{date}(\s*({part}|{date}))*\s*$")
}

/// Whether `pattern` means the same with `(?i)` over ASCII as without it
/// over folded text: ASCII, no uppercase letter outside an escape
/// (`\S`, `\xC3`, `\p{Lu}`), no group with flags of its own, and no
/// named class (`[[:upper:]]` matches letters only under `(?i)`).
pub fn is_lowercase_ascii(pattern: &str) -> bool {
    if has_named_class(pattern) {
        return false;
    }
    let b = pattern.as_bytes();
    let mut at = 0;
    while let Some(&c) = b.get(at) {
        match c {
            b'\\' => {
                at += match b.get(at + 1) {
                    Some(b'x' | b'p' | b'P') if b.get(at + 2) == Some(&b'{') => b[at..]
                        .iter()
                        .position(|&c| c == b'}')
                        .map_or(b.len(), |n| n + 1),
                    Some(b'x') => 4,
                    Some(b'p' | b'P') => 3,
                    _ => 2,
                };
                continue;
            }
            b'(' if b.get(at + 1) == Some(&b'?') && b.get(at + 2) != Some(&b':') => return false,
            c if !c.is_ascii() || c.is_ascii_uppercase() => return false,
            _ => {}
        }
        at += 1;
    }
    true
}

/// Whether `pattern` may hold a named class (`[:upper:]`, `[:^alpha:]`);
/// a class that only starts with a colon (`[:,]`, `[:.h]`) is none.
fn has_named_class(pattern: &str) -> bool {
    pattern.match_indices("[:").any(|(at, _)| {
        let rest = pattern[at + 2..].trim_start_matches('^');
        let name = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_lowercase())
                .len();
        name > 0 && rest[name..].starts_with(":]")
    })
}
