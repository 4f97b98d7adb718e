//! Filter-bar text to tokens, each with its byte span. Never fails on
//! unexpected characters: anything that is not syntax is a word.

use super::error::{QueryError, Span};

/// What a token is. Text borrows from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok<'a> {
    LParen,
    RParen,
    /// `-` glued to the term after it: exclude that term.
    Minus,
    And,
    Or,
    Not,
    Word(&'a str),
    /// The text between double quotes (no escapes: a phrase ends at the
    /// next quote).
    Phrase(&'a str),
    /// `name:value` or `name:"value"`.
    Field {
        name: &'a str,
        name_span: Span,
        value: &'a str,
        /// The value was written in quotes.
        quoted: bool,
        value_span: Span,
    },
    /// The pattern between slashes, `\/` left as written (the regex
    /// engine reads it as a slash).
    Regex(&'a str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub tok: Tok<'a>,
    pub span: Span,
}

/// Characters that end a bare word.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"')
}

/// Splits `input` into tokens.
pub(super) fn tokenize(input: &str) -> Result<Vec<Token<'_>>, QueryError> {
    let mut lexer = Lexer { input, pos: 0 };
    let mut out = Vec::new();
    while let Some(token) = lexer.next_token()? {
        out.push(token);
    }
    Ok(out)
}

struct Lexer<'a> {
    input: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Byte offset where the run of characters not ending a word, starting
    /// at `from`, stops.
    fn word_end(&self, from: usize) -> usize {
        let tail = self.input.get(from..).unwrap_or("");
        from + tail.find(ends_word).unwrap_or(tail.len())
    }

    fn next_token(&mut self) -> Result<Option<Token<'a>>, QueryError> {
        let rest = self.rest();
        let trimmed = rest.trim_start();
        self.pos += rest.len() - trimmed.len();
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        let single = |tok| Token {
            tok,
            span: Span::new(start, start + 1),
        };
        let token = match c {
            '(' => {
                self.pos += 1;
                single(Tok::LParen)
            }
            ')' => {
                self.pos += 1;
                single(Tok::RParen)
            }
            '-' => {
                self.pos += 1;
                match self.peek() {
                    Some(next) if !next.is_whitespace() && next != ')' => single(Tok::Minus),
                    _ => {
                        return Err(QueryError::new(
                            Span::new(start, start + 1),
                            "`-` needs a term right after it, as in -sport",
                        ));
                    }
                }
            }
            '"' => {
                let (text, span) = self.quoted(start)?;
                Token {
                    tok: Tok::Phrase(text),
                    span,
                }
            }
            '/' => self.regex(start)?,
            _ => self.word_or_field(start)?,
        };
        Ok(Some(token))
    }

    /// A phrase starting at the quote at `start`; returns its inside and
    /// the span including both quotes.
    fn quoted(&mut self, start: usize) -> Result<(&'a str, Span), QueryError> {
        let inside_start = start + 1;
        let tail = self.input.get(inside_start..).unwrap_or("");
        match tail.find('"') {
            Some(len) => {
                self.pos = inside_start + len + 1;
                Ok((&tail[..len], Span::new(start, self.pos)))
            }
            None => Err(QueryError::new(
                Span::new(start, self.input.len()),
                "this quote is never closed",
            )),
        }
    }

    fn regex(&mut self, start: usize) -> Result<Token<'a>, QueryError> {
        let inside_start = start + 1;
        let tail = self.input.get(inside_start..).unwrap_or("");
        let mut escaped = false;
        let mut close = None;
        for (i, c) in tail.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '/' => {
                    close = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(len) = close else {
            return Err(QueryError::new(
                Span::new(start, self.input.len()),
                "this /regex/ has no closing `/`",
            ));
        };
        self.pos = inside_start + len + 1;
        let span = Span::new(start, self.pos);
        if len == 0 {
            return Err(QueryError::new(span, "empty /regex/"));
        }
        if let Some(next) = self.peek()
            && !ends_word(next)
        {
            let end = self.word_end(self.pos);
            return Err(QueryError::new(
                Span::new(self.pos, end),
                "text glued to the end of a /regex/; put a space after the closing `/` \
                 (regexes are already case-insensitive)",
            ));
        }
        Ok(Token {
            tok: Tok::Regex(&tail[..len]),
            span,
        })
    }

    fn word_or_field(&mut self, start: usize) -> Result<Token<'a>, QueryError> {
        let rest = self.rest();
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let is_field = name_len > 0
            && rest.starts_with(|c: char| c.is_ascii_alphabetic())
            && rest[name_len..].starts_with(':');
        if is_field {
            return self.field(start, name_len);
        }
        let end = self.word_end(start);
        self.pos = end;
        let word = &self.input[start..end];
        let tok = if word.eq_ignore_ascii_case("and") {
            Tok::And
        } else if word.eq_ignore_ascii_case("or") {
            Tok::Or
        } else if word.eq_ignore_ascii_case("not") {
            Tok::Not
        } else {
            Tok::Word(word)
        };
        Ok(Token {
            tok,
            span: Span::new(start, end),
        })
    }

    /// `name:` at `start` (the name is `name_len` ASCII bytes), then its
    /// value: a phrase or a run of word characters.
    fn field(&mut self, start: usize, name_len: usize) -> Result<Token<'a>, QueryError> {
        let name_span = Span::new(start, start + name_len);
        let name = &self.input[start..start + name_len];
        let value_start = start + name_len + 1;
        self.pos = value_start;
        let quoted = self.peek() == Some('"');
        let (value, value_span) = if quoted {
            let (text, span) = self.quoted(value_start)?;
            (text, span)
        } else {
            let end = self.word_end(value_start);
            self.pos = end;
            (&self.input[value_start..end], Span::new(value_start, end))
        };
        if value.trim().is_empty() {
            return Err(QueryError::new(
                Span::new(start, self.pos),
                format!("`{name}:` needs a value right after the colon"),
            ));
        }
        Ok(Token {
            tok: Tok::Field {
                name,
                name_span,
                value,
                quoted,
                value_span,
            },
            span: Span::new(start, self.pos),
        })
    }
}
