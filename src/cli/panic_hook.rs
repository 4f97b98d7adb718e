//! A panic's message can quote input (a feed's text, a server's reply):
//! the default hook prints it raw, escape sequences and all, from any
//! thread, over the interface. This hook prints one sanitised line.

use std::any::Any;
use std::panic::Location;

/// Replaces the default panic hook for the whole process (worker threads
/// included). The interface's own hook, installed later, restores the
/// terminal and then calls this one.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let thread = std::thread::current();
        let line = panic_line(thread.name(), info.payload(), info.location());
        super::output::print_warning(line);
    }));
}

/// `sift: internal error (thread NAME): MESSAGE at FILE:LINE`, with every
/// control character of the message and the thread's name removed.
fn panic_line(thread: Option<&str>, payload: &dyn Any, location: Option<&Location<'_>>) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    let place = location.map_or(String::new(), |l| format!(" at {}:{}", l.file(), l.line()));
    let thread = thread.map_or(String::new(), |t| format!(" (thread {t})"));
    crate::text::sanitize_line(&format!(
        "sift: internal error{thread}: {message}{place}; please report it"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_carries_no_control_characters() {
        let payload: Box<dyn Any + Send> = Box::new(String::from(
            "bad feed \u{1b}[31mred\u{1b}[0m\u{202e}txt\nnext",
        ));
        let line = panic_line(
            Some("writer\u{7}"),
            payload.as_ref(),
            Some(Location::caller()),
        );
        assert!(
            line.starts_with("sift: internal error (thread writer"),
            "{line}"
        );
        assert!(line.contains("bad feed"), "{line}");
        assert!(line.contains("src/cli/panic_hook.rs:"), "{line}");
        assert!(
            !line.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{line:?}"
        );
        let text: Box<dyn Any + Send> = Box::new("plain");
        assert!(panic_line(None, text.as_ref(), None).contains(": plain;"));
        let other: Box<dyn Any + Send> = Box::new(7_u8);
        assert!(panic_line(None, other.as_ref(), None).contains("(no message)"));
    }
}
