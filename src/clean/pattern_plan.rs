//! How a rule's pattern compiles, decided from its text alone. Shared
//! with `build.rs`, which compiles the shipped block patterns into DFAs
//! ahead of time: both sides must choose the same way.

/// What a block rule's `matches` compiles to: a pattern for the whole
/// block.
pub fn whole_block(pattern: &str) -> String {
    format!(r"^\s*(?:{pattern})\s*$")
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
