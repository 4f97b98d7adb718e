//! How a line ends, said once: the cleaner tells prose from titles,
//! labels and links by whether a sentence ends it. The text is read as
//! given (callers trim it, or already hold it trimmed).

/// The marks that end a sentence.
pub const TERMINAL_MARKS: [char; 3] = ['.', '!', '?'];

/// A sentence's last character: a terminal mark, or the quote that
/// closes a quoted sentence ("…he said.”").
const SENTENCE_END: [char; 5] = ['.', '!', '?', '"', '\u{201d}'];

/// Marks after which the text goes on: a label ("Read more:"), a line
/// cut from a list.
const CLAUSE_END: [char; 3] = [':', ';', ','];

/// Full stops, the ideographic ones included (Chinese and Japanese
/// prose: `。`, `．`).
const FULL_STOPS: [char; 3] = ['.', '\u{3002}', '\u{ff0e}'];

/// Whether `text` ends as a sentence does.
pub fn ends_a_sentence(text: &str) -> bool {
    text.ends_with(SENTENCE_END)
}

/// Whether `text` ends with a colon, a semicolon or a comma.
pub fn ends_a_clause(text: &str) -> bool {
    text.ends_with(CLAUSE_END)
}

/// Whether `text` ends with a full stop, in any script.
pub fn ends_with_full_stop(text: &str) -> bool {
    text.ends_with(FULL_STOPS)
}

#[cfg(test)]
mod tests {
    use super::{TERMINAL_MARKS, ends_a_clause, ends_a_sentence, ends_with_full_stop};

    #[test]
    fn sentences_clauses_and_full_stops_end_as_they_are_written() {
        for sentence in [
            "The talks resumed.",
            "Will they resume?",
            "They resumed!",
            "He said: \"They resumed.\"",
            "He said: “They resumed.”",
        ] {
            assert!(ends_a_sentence(sentence), "{sentence}");
        }
        for not_one in [
            "Read more:",
            "Talks resume in Vienna",
            "Iran, Israel,",
            "(Reuters)",
            "The talks resumed. ",
            "",
        ] {
            assert!(!ends_a_sentence(not_one), "{not_one:?}");
        }
        assert!(ends_a_clause("Read more:") && ends_a_clause("first;") && ends_a_clause("a,"));
        assert!(!ends_a_clause("The end.") && !ends_a_clause("Why?"));
        for stop in ["The end.", "会谈恢复了。", "会谈恢复了．"] {
            assert!(ends_with_full_stop(stop), "{stop}");
        }
        assert!(!ends_with_full_stop("Why?") && !ends_with_full_stop("“The end.”"));
        assert!(
            TERMINAL_MARKS
                .iter()
                .all(|&m| ends_a_sentence(&m.to_string()))
        );
    }
}
