//! One-line text input for the filter bar and prompts.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub enum LineEdit {
    Editing,
    Done,
    Cancel,
}

/// One key applied to a one-line input at its end.
pub fn edit_line(input: &mut String, key: KeyEvent) -> LineEdit {
    match key.code {
        KeyCode::Enter => LineEdit::Done,
        KeyCode::Esc => LineEdit::Cancel,
        _ => {
            let mut cursor = input.len();
            edit_at(input, &mut cursor, key);
            LineEdit::Editing
        }
    }
}

/// Text editing keys: characters, backspace, delete, left/right,
/// home/end, ctrl-u (clear), ctrl-w (delete a word).
pub fn edit_at(text: &mut String, cursor: &mut usize, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let prev = |t: &str, c: usize| t[..c].char_indices().last().map_or(0, |(i, _)| i);
    let next = |t: &str, c: usize| t[c..].chars().next().map_or(c, |ch| c + ch.len_utf8());
    match key.code {
        KeyCode::Char('u') if ctrl => {
            text.replace_range(..*cursor, "");
            *cursor = 0;
        }
        KeyCode::Char('w') if ctrl => {
            let trimmed = text[..*cursor].trim_end();
            let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
            text.replace_range(start..*cursor, "");
            *cursor = start;
        }
        KeyCode::Char(c) if !ctrl && !c.is_control() && text.len() < 1000 => {
            text.insert(*cursor, c);
            *cursor += c.len_utf8();
        }
        KeyCode::Backspace if *cursor > 0 => {
            let start = prev(text, *cursor);
            text.replace_range(start..*cursor, "");
            *cursor = start;
        }
        KeyCode::Delete if *cursor < text.len() => {
            let end = next(text, *cursor);
            text.replace_range(*cursor..end, "");
        }
        KeyCode::Left => *cursor = prev(text, *cursor),
        KeyCode::Right => *cursor = next(text, *cursor),
        KeyCode::Home => *cursor = 0,
        KeyCode::End => *cursor = text.len(),
        _ => {}
    }
}
