//! The CLI's only way to the terminal. Every line is sanitised on the way
//! out (sift's own formatting has no control sequences, so anything that
//! does came from outside), a failed write on standard output is an error
//! with a clear message, and a reader that stopped early (`| head`) ends
//! the output quietly.

use std::cell::RefCell;
use std::fmt::Display;
use std::io::{ErrorKind, Write};

use super::CliError;

/// Prints `text` and a newline on standard output.
pub fn print_line(text: impl Display) -> Result<(), CliError> {
    let mut line = text.to_string();
    line.push('\n');
    write_out(&line)
}

/// Prints `text` as it is (no newline added) on standard output.
pub fn write_out(text: &str) -> Result<(), CliError> {
    if captured(|(out, _)| out.push_str(&crate::text::sanitize(text))) {
        return Ok(());
    }
    emit(&mut std::io::stdout().lock(), text)
}

/// Prints bytes sift made (a man page, a script, a document) that may
/// carry text from outside: decoded lossily, then sanitised like the rest.
pub fn write_out_bytes(bytes: &[u8]) -> Result<(), CliError> {
    write_out(&String::from_utf8_lossy(bytes))
}

/// Prints `value` as pretty JSON and a newline on standard output. The
/// values are sanitised too: JSON escapes C0 controls, but a reader such
/// as `jq -r` would turn them back into escapes.
pub fn print_json(value: &impl serde::Serialize) -> Result<(), CliError> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Failed(format!("cannot write the output: {e}")))?;
    text.push('\n');
    write_out(&sanitize_json_strings(&text))
}

/// Every string literal of a JSON text, decoded, sanitised and encoded
/// again; the rest of the text as it is.
fn sanitize_json_strings(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..open]);
        let literal = &rest[open..];
        let len = string_literal_len(literal);
        let (literal, after) = literal.split_at(len);
        let suspicious = literal.contains("\\u") || !literal.is_ascii();
        match serde_json::from_str::<String>(literal) {
            Ok(value) if suspicious => {
                let clean = crate::text::sanitize(&value);
                out.push_str(&serde_json::to_string(&clean).unwrap_or_default());
            }
            _ => out.push_str(literal),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Bytes from the opening quote of `s` through its closing quote.
fn string_literal_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Prints `text` and a newline on standard error. Best effort: a failing
/// standard error has nowhere left to report to.
pub fn print_warning(text: impl Display) {
    let mut line = text.to_string();
    line.push('\n');
    if !captured(|(_, err)| err.push_str(&crate::text::sanitize(&line))) {
        let _ = emit(&mut std::io::stderr().lock(), &line);
    }
}

thread_local! {
    /// Set by `capture`: this thread's (standard output, standard error).
    static CAPTURED: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Hands the capture buffers to `add` when this thread is capturing.
fn captured(add: impl FnOnce(&mut (String, String))) -> bool {
    CAPTURED.with_borrow_mut(|slot| slot.as_mut().map(add).is_some())
}

/// Runs `f` with what this thread prints collected instead of written,
/// exactly as it would have been written: (what `f` returned, standard
/// output, standard error). For tests that drive commands in-process.
pub fn capture<R>(f: impl FnOnce() -> R) -> (R, String, String) {
    /// Puts the outer state back when dropped, also when `f` panics.
    struct Restore(Option<(String, String)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CAPTURED.set(self.0.take());
        }
    }
    let _restore = Restore(CAPTURED.replace(Some(Default::default())));
    let result = f();
    let (out, err) = CAPTURED.take().unwrap_or_default();
    (result, out, err)
}

/// `println!` through `print_line`: `say!("{n} new")?`.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::output::print_line(format_args!($($arg)*))
    };
}

/// `eprintln!` through `print_warning`.
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::cli::output::print_warning(format_args!($($arg)*))
    };
}

pub(crate) use {note, say};

/// Writes `text` sanitised. A closed pipe is success: the reader has all
/// it wanted.
fn emit(out: &mut impl Write, text: &str) -> Result<(), CliError> {
    let clean = crate::text::sanitize(text);
    match out.write_all(clean.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(write_failed(&e)),
        Ok(()) => Ok(()),
    }
}

/// The message for an output that could not be written.
pub fn write_failed(e: &std::io::Error) -> CliError {
    CliError::Failed(format!("cannot write the output: {}", io_reason(e)))
}

/// An I/O error in words a user can act on.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::StorageFull => "the disk is full".to_owned(),
        ErrorKind::QuotaExceeded => "the disk quota is used up".to_owned(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails like a full disk.
    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::from_raw_os_error(28))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A reader that went away.
    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn output_is_sanitised() {
        let mut out = Vec::new();
        emit(
            &mut out,
            "a\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}31m\u{202e}evil\n",
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "aevil\n");
    }

    #[test]
    fn json_values_are_sanitised_and_the_rest_kept() {
        let value = serde_json::json!({"b": "a\u{1b}[2Jx\u{202e}y", "a": ["q\"\\", 1]});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let clean = sanitize_json_strings(&text);
        let back: serde_json::Value = serde_json::from_str(&clean).unwrap();
        assert_eq!(back, serde_json::json!({"b": "axy", "a": ["q\"\\", 1]}));
        assert_eq!(
            sanitize_json_strings("[\"plain\", \"é\"]"),
            "[\"plain\", \"é\"]"
        );
    }

    #[test]
    fn capture_collects_what_would_be_printed_and_nests() {
        let ((), out, err) = capture(|| {
            say!("one \u{1b}[2Jline").unwrap();
            let ((), inner, _) = capture(|| say!("inner").unwrap());
            assert_eq!(inner, "inner\n");
            note!("a note");
        });
        assert_eq!((out.as_str(), err.as_str()), ("one line\n", "a note\n"));
    }

    #[test]
    fn a_full_disk_is_an_error_and_a_closed_pipe_is_not() {
        let e = emit(&mut Full, "x\n").unwrap_err();
        assert!(e.to_string().contains("the disk is full"), "{e}");
        assert!(emit(&mut Closed, "x\n").is_ok());
    }
}
