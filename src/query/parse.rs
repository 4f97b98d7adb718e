//! Tokens to a syntax tree, by recursive descent:
//!
//! ```text
//! query   := or_expr
//! or_expr := and_expr ("or" and_expr)*
//! and_expr:= unary (["and"] unary)*
//! unary   := ("not" | "-") unary | primary
//! primary := "(" or_expr ")" | word | "phrase" | field:value | /regex/
//! ```
//!
//! Nesting (parentheses and negations) and the number of terms are capped,
//! so no input can exhaust the stack or build SQL that SQLite refuses.

use super::ast::Syntax;
use super::error::{QueryError, Span};
use super::lex::{Tok, Token, tokenize};

/// Deepest nesting of parentheses and negations.
pub const MAX_DEPTH: usize = 64;
/// Most terms (words, phrases, fields, regexes) in one query.
pub const MAX_TERMS: usize = 256;

pub(super) fn parse(input: &str) -> Result<Syntax, QueryError> {
    let tokens = tokenize(input)?;
    let mut parser = Parser {
        tokens: &tokens,
        pos: 0,
        depth: 0,
        terms: 0,
        end: input.len(),
    };
    if tokens.is_empty() {
        return Ok(Syntax::And(Vec::new()));
    }
    let tree = parser.or_expr()?;
    match parser.peek() {
        None => Ok(tree),
        Some(t) if t.tok == Tok::RParen => Err(QueryError::new(
            t.span,
            "this `)` closes nothing; remove it or add a `(` before",
        )),
        // or_expr stops only at `)` or the end.
        Some(t) => Err(QueryError::new(t.span, "unexpected here")),
    }
}

struct Parser<'t, 'a> {
    tokens: &'t [Token<'a>],
    pos: usize,
    depth: usize,
    terms: usize,
    /// The input's length: where errors about "the end" point.
    end: usize,
}

/// What an operator's missing operand is called in messages.
fn operator_name(tok: &Tok<'_>) -> &'static str {
    match tok {
        Tok::And => "`and`",
        Tok::Or => "`or`",
        Tok::Not => "`not`",
        Tok::Minus => "`-`",
        _ => "this",
    }
}

/// Tokens that cannot start a term.
fn ends_operand(tok: &Tok<'_>) -> bool {
    matches!(tok, Tok::RParen | Tok::Or | Tok::And)
}

impl<'a> Parser<'_, 'a> {
    fn peek(&self) -> Option<&Token<'a>> {
        self.tokens.get(self.pos)
    }

    fn bump(&mut self) -> Option<&Token<'a>> {
        let t = self.tokens.get(self.pos);
        self.pos += 1;
        t
    }

    /// Fails unless a term can start at the current token.
    fn expect_operand_after(&self, op: &Token<'_>, side: &str) -> Result<(), QueryError> {
        match self.peek() {
            Some(t) if !ends_operand(&t.tok) => Ok(()),
            _ => Err(QueryError::new(
                op.span,
                format!("{} needs a term {side} it", operator_name(&op.tok)),
            )),
        }
    }

    fn or_expr(&mut self) -> Result<Syntax, QueryError> {
        let mut parts = vec![self.and_expr()?];
        while let Some(op) = self.peek().filter(|t| t.tok == Tok::Or).cloned() {
            self.pos += 1;
            self.expect_operand_after(&op, "after")?;
            parts.push(self.and_expr()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Syntax::Or(parts)
        })
    }

    fn and_expr(&mut self) -> Result<Syntax, QueryError> {
        if let Some(t) = self.peek()
            && matches!(t.tok, Tok::Or | Tok::And)
        {
            return Err(QueryError::new(
                t.span,
                format!("{} needs a term before it", operator_name(&t.tok)),
            ));
        }
        let mut parts = vec![self.unary()?];
        while let Some(t) = self.peek().cloned() {
            match t.tok {
                Tok::RParen | Tok::Or => break,
                Tok::And => {
                    self.pos += 1;
                    self.expect_operand_after(&t, "after")?;
                }
                _ => {}
            }
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Syntax::And(parts)
        })
    }

    fn enter(&mut self, span: Span) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(QueryError::new(
                span,
                format!("nested too deeply (at most {MAX_DEPTH} levels of parentheses and `not`)"),
            ));
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Syntax, QueryError> {
        let Some(t) = self.peek().cloned() else {
            return Err(QueryError::new(
                Span::new(self.end, self.end),
                "a term is missing at the end",
            ));
        };
        if matches!(t.tok, Tok::Not | Tok::Minus) {
            self.pos += 1;
            self.expect_operand_after(&t, "after")?;
            self.enter(t.span)?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Syntax::Not(Box::new(inner), t.span));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Syntax, QueryError> {
        let Some(t) = self.bump().cloned() else {
            return Err(QueryError::new(
                Span::new(self.end, self.end),
                "a term is missing at the end",
            ));
        };
        let span = t.span;
        let leaf = match t.tok {
            Tok::LParen => return self.group(span),
            Tok::Word(w) => Syntax::Word(w.to_string(), span),
            Tok::Phrase(p) => Syntax::Phrase(p.to_string(), span),
            Tok::Regex(r) => Syntax::Regex(r.to_string(), span),
            Tok::Field {
                name,
                name_span,
                value,
                quoted,
                value_span,
            } => Syntax::Field {
                name: name.to_ascii_lowercase(),
                name_span,
                value: value.to_string(),
                quoted,
                value_span,
                span,
            },
            Tok::RParen => {
                return Err(QueryError::new(
                    span,
                    "this `)` closes nothing; remove it or add a `(` before",
                ));
            }
            Tok::And | Tok::Or | Tok::Not | Tok::Minus => {
                return Err(QueryError::new(
                    span,
                    format!("{} is misplaced here", operator_name(&t.tok)),
                ));
            }
        };
        self.terms += 1;
        if self.terms > MAX_TERMS {
            return Err(QueryError::new(
                span,
                format!("too many terms (at most {MAX_TERMS})"),
            ));
        }
        Ok(leaf)
    }

    /// After `(` at `open`: the inside and its `)`.
    fn group(&mut self, open: Span) -> Result<Syntax, QueryError> {
        self.enter(open)?;
        match self.peek() {
            None => {
                return Err(QueryError::new(open, "this `(` is never closed"));
            }
            Some(t) if t.tok == Tok::RParen => {
                return Err(QueryError::new(
                    open.to(t.span),
                    "empty parentheses; put a term inside or remove them",
                ));
            }
            _ => {}
        }
        let inner = self.or_expr()?;
        match self.bump() {
            Some(t) if t.tok == Tok::RParen => {
                self.depth -= 1;
                Ok(inner)
            }
            _ => Err(QueryError::new(open, "this `(` is never closed")),
        }
    }
}
