//! Go's text/template lexer (`text/template/parse/lex.go`): text between actions, and the
//! items inside `{{ }}`, with the trim markers `{{- ` / ` -}}` and `{{/* comments */}}`.

use anyhow::{bail, Result};

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Text(String),
    Left,
    Right,
    Space,
    /// `.Name` (the name without its dot).
    Field(String),
    Dot,
    /// `$` or `$name` (with the `$`).
    Var(String),
    Ident(String),
    Keyword(&'static str),
    Str(String),
    Char(char),
    Number(String),
    Bool(bool),
    Nil,
    Pipe,
    LParen,
    RParen,
    Declare,
    Assign,
    Comma,
}

/// A token and where it starts (a byte offset into the template).
#[derive(Debug, Clone)]
pub struct Item {
    pub tok: Tok,
    pub pos: usize,
}

const KEYWORDS: [&str; 10] = [
    "block", "break", "continue", "define", "else", "end", "if", "range", "template", "with",
];

/// `template: :LINE: msg`, Go's parse error shape.
pub fn err_at(src: &str, pos: usize, msg: &str) -> anyhow::Error {
    let line = 1 + src[..pos.min(src.len())].matches('\n').count();
    anyhow::anyhow!("template: :{line}: {msg}")
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

pub fn lex(src: &str) -> Result<Vec<Item>> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut trim_next_text = false;
    while i <= b.len() {
        let start = i;
        let left = src[i..].find("{{").map(|k| i + k);
        let text_end = left.unwrap_or(b.len());
        let mut text = &src[start..text_end];
        if trim_next_text {
            text = text.trim_start_matches([' ', '\t', '\r', '\n']);
        }
        let Some(l) = left else {
            if !text.is_empty() {
                out.push(Item {
                    tok: Tok::Text(text.into()),
                    pos: start,
                });
            }
            break;
        };
        // `{{- ` trims the text before.
        let trim_left = b.get(l + 2) == Some(&b'-') && b.get(l + 3).is_some_and(|&c| is_space(c));
        if trim_left {
            text = text.trim_end_matches([' ', '\t', '\r', '\n']);
        }
        if !text.is_empty() {
            out.push(Item {
                tok: Tok::Text(text.into()),
                pos: start,
            });
        }
        i = l + 2 + if trim_left { 2 } else { 0 };
        // A comment: `/*` right after the delimiter, `*/` right before the closing one.
        if src[i..].starts_with("/*") {
            let Some(end) = src[i..].find("*/") else {
                bail!(err_at(src, l, "unclosed comment"))
            };
            let mut j = i + end + 2;
            let mut trim_right = false;
            if src[j..].starts_with(" -}}")
                || src[j..].starts_with("\t-}}")
                || src[j..].starts_with("\n-}}")
                || src[j..].starts_with("\r-}}")
            {
                trim_right = true;
                j += 2;
            }
            if !src[j..].starts_with("}}") {
                bail!(err_at(src, l, "comment ends before closing delimiter"))
            }
            i = j + 2;
            trim_next_text = trim_right;
            continue;
        }
        out.push(Item {
            tok: Tok::Left,
            pos: l,
        });
        let (next, trim_right) = lex_action(src, i, &mut out)?;
        i = next;
        trim_next_text = trim_right;
    }
    Ok(out)
}

/// Lex inside an action from `i`; returns the position after `}}` and whether it was ` -}}`.
fn lex_action(src: &str, mut i: usize, out: &mut Vec<Item>) -> Result<(usize, bool)> {
    let b = src.as_bytes();
    let mut parens = 0usize;
    loop {
        if i >= b.len() {
            bail!(err_at(src, i, "unclosed action"))
        }
        let rest = &src[i..];
        if is_space(b[i]) {
            let start = i;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            // ` -}}`
            if src[i..].starts_with("-}}") {
                if parens > 0 {
                    bail!(err_at(src, i, "unclosed left paren"))
                }
                out.push(Item {
                    tok: Tok::Right,
                    pos: i + 1,
                });
                return Ok((i + 3, true));
            }
            out.push(Item {
                tok: Tok::Space,
                pos: start,
            });
            continue;
        }
        if rest.starts_with("}}") {
            if parens > 0 {
                bail!(err_at(src, i, "unclosed left paren"))
            }
            out.push(Item {
                tok: Tok::Right,
                pos: i,
            });
            return Ok((i + 2, false));
        }
        let c = rest.chars().next().unwrap_or('\0');
        let start = i;
        let push = |out: &mut Vec<Item>, tok| out.push(Item { tok, pos: start });
        match c {
            '|' => {
                push(out, Tok::Pipe);
                i += 1;
            }
            '(' => {
                parens += 1;
                push(out, Tok::LParen);
                i += 1;
            }
            ')' => {
                if parens == 0 {
                    bail!(err_at(src, i, "unexpected right paren"))
                }
                parens -= 1;
                push(out, Tok::RParen);
                i += 1;
            }
            ',' => {
                push(out, Tok::Comma);
                i += 1;
            }
            '=' => {
                push(out, Tok::Assign);
                i += 1;
            }
            ':' => {
                if !rest.starts_with(":=") {
                    bail!(err_at(src, i, "expected :="))
                }
                push(out, Tok::Declare);
                i += 2;
            }
            '"' => {
                let (s, n) = lex_quote(src, i)?;
                push(out, Tok::Str(s));
                i = n;
            }
            '`' => {
                let Some(e) = rest[1..].find('`') else {
                    bail!(err_at(src, i, "unterminated raw quoted string"))
                };
                push(out, Tok::Str(rest[1..1 + e].to_string()));
                i += e + 2;
            }
            '\'' => {
                let (ch, n) = lex_char(src, i)?;
                push(out, Tok::Char(ch));
                i = n;
            }
            '$' => {
                let n = i + 1 + ident_len(&rest[1..]);
                push(out, Tok::Var(src[i..n].to_string()));
                i = n;
            }
            '.' => {
                // A number like .5, a field, or dot.
                if rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
                    let n = i + number_len(rest);
                    push(out, Tok::Number(src[i..n].to_string()));
                    i = n;
                } else {
                    let n = ident_len(&rest[1..]);
                    if n == 0 {
                        push(out, Tok::Dot);
                    } else {
                        push(out, Tok::Field(rest[1..1 + n].to_string()));
                    }
                    i += 1 + n;
                }
            }
            '+' | '-' | '0'..='9' => {
                let n = number_len(rest);
                let after = rest[n..].chars().next();
                if n == 0 || n == 1 && !c.is_ascii_digit() || after.is_some_and(is_alnum) {
                    let e = n + rest[n..]
                        .find(|c: char| !is_alnum(c) && c != '.')
                        .unwrap_or(rest.len() - n);
                    bail!(err_at(
                        src,
                        i,
                        &format!("bad number syntax: {:?}", &rest[..e.max(1)])
                    ))
                }
                push(out, Tok::Number(rest[..n].to_string()));
                i += n;
            }
            c if is_alnum(c) => {
                let n = ident_len(rest);
                let word = &rest[..n];
                let tok = match word {
                    "true" => Tok::Bool(true),
                    "false" => Tok::Bool(false),
                    "nil" => Tok::Nil,
                    w => match KEYWORDS.iter().find(|k| **k == w) {
                        Some(k) => Tok::Keyword(k),
                        None => Tok::Ident(w.to_string()),
                    },
                };
                push(out, tok);
                i += n;
            }
            c => bail!(err_at(
                src,
                i,
                &format!("unrecognized character in action: U+{:04X} '{c}'", c as u32)
            )),
        }
    }
}

fn ident_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| !is_alnum(c))
        .map_or(s.len(), |(k, _)| k)
}

/// The length of a Go number literal at the start of `s` (sign, 0x/0o/0b, `_`, fraction,
/// exponent); validity is checked when it is parsed.
fn number_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let hex = s[i..].starts_with("0x") || s[i..].starts_with("0X");
    if hex
        || s[i..].starts_with("0o")
        || s[i..].starts_with("0b")
        || s[i..].starts_with("0O")
        || s[i..].starts_with("0B")
    {
        i += 2;
    }
    while i < b.len() {
        let c = b[i];
        let ok = c.is_ascii_digit()
            || c == b'_'
            || c == b'.'
            || (hex && c.is_ascii_hexdigit())
            || (!hex && (c == b'e' || c == b'E'))
            || (hex && (c == b'p' || c == b'P'));
        let sign = (c == b'+' || c == b'-')
            && i > 0
            && matches!(b[i - 1], b'e' | b'E' | b'p' | b'P')
            && !(hex && matches!(b[i - 1], b'e' | b'E'));
        if !ok && !sign {
            break;
        }
        i += 1;
    }
    i
}

fn lex_quote(src: &str, start: usize) -> Result<(String, usize)> {
    let mut out = String::new();
    let mut chars = src[start + 1..].char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '"' => return Ok((out, start + 1 + k + 1)),
            '\n' => break,
            '\\' => {
                let Some((_, e)) = chars.next() else { break };
                // strconv.Unquote: `\'` only in character constants.
                if e == '\'' {
                    bail!(err_at(src, start, "invalid syntax"))
                }
                out.push(unescape(e, &mut chars).map_err(|m| err_at(src, start, &m))?);
            }
            c => out.push(c),
        }
    }
    bail!(err_at(src, start, "unterminated quoted string"))
}

fn lex_char(src: &str, start: usize) -> Result<(char, usize)> {
    let mut chars = src[start + 1..].char_indices();
    let ch = match chars.next() {
        Some((_, '\\')) => match chars.next() {
            Some((_, e)) => unescape(e, &mut chars).map_err(|m| err_at(src, start, &m))?,
            None => bail!(err_at(src, start, "unterminated character constant")),
        },
        Some((_, '\'')) | Some((_, '\n')) | None => {
            bail!(err_at(src, start, "unterminated character constant"))
        }
        Some((_, c)) => c,
    };
    match chars.next() {
        Some((k, '\'')) => Ok((ch, start + 1 + k + 1)),
        _ => bail!(err_at(src, start, "unterminated character constant")),
    }
}

fn unescape(e: char, chars: &mut std::str::CharIndices) -> Result<char, String> {
    let hex = |chars: &mut std::str::CharIndices, n: usize| -> Result<char, String> {
        let s: String = chars.by_ref().take(n).map(|(_, c)| c).collect();
        u32::from_str_radix(&s, 16)
            .ok()
            .filter(|_| s.len() == n)
            .and_then(char::from_u32)
            .ok_or_else(|| "invalid syntax".to_string())
    };
    Ok(match e {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'v' => '\x0b',
        '\\' => '\\',
        '"' => '"',
        '\'' => '\'',
        'x' => hex(chars, 2)?,
        'u' => hex(chars, 4)?,
        'U' => hex(chars, 8)?,
        '0'..='7' => {
            let s: String = std::iter::once(e)
                .chain(chars.by_ref().take(2).map(|(_, c)| c))
                .collect();
            u32::from_str_radix(&s, 8)
                .ok()
                .filter(|v| s.len() == 3 && *v < 256)
                .and_then(char::from_u32)
                .ok_or("invalid syntax")?
        }
        _ => return Err("invalid syntax".into()),
    })
}
