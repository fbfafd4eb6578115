//! BuildKit's word processing for the instructions that substitute variables (ADD, COPY,
//! ENV, EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR, ARG defaults):
//! quotes, the escape character, `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`,
//! `${VAR:+word}`, `${VAR+word}`, `${VAR:?msg}`, `${VAR?msg}`, and the pattern removals
//! `${VAR#p}`, `${VAR##p}`, `${VAR%p}`, `${VAR%%p}` (`*` and `?` globs).
//!
//! Single quotes take everything literally; double quotes substitute and let the escape
//! character escape only `"`, `$` and itself; outside quotes the escape character makes
//! the next character literal. A value substituted outside quotes is split into words
//! where words are asked for (`words`), never re-read for quotes.

use anyhow::{bail, Result};

/// Variables in scope: a lookup by name.
pub trait Vars {
    fn get(&self, name: &str) -> Option<String>;
}

impl Vars for [(String, String)] {
    fn get(&self, name: &str) -> Option<String> {
        // The last definition wins.
        self.iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

impl Vars for Vec<(String, String)> {
    fn get(&self, name: &str) -> Option<String> {
        Vars::get(self.as_slice(), name)
    }
}

/// How deep `${A:-${B:-...}}` may nest.
const MAX_DEPTH: usize = 64;

/// One word: quotes removed, variables substituted, no splitting.
pub fn word(text: &str, vars: &dyn Vars, escape: char) -> Result<String> {
    let mut lx = Lexer::new(text, vars, escape);
    let mut out = Words {
        keep_spaces: true,
        ..Words::default()
    };
    lx.process(&mut out, None, 0)?;
    Ok(out.finish().into_iter().next().unwrap_or_default())
}

/// Words split at unquoted whitespace (substituted values included), quotes removed.
pub fn words(text: &str, vars: &dyn Vars, escape: char) -> Result<Vec<String>> {
    let mut lx = Lexer::new(text, vars, escape);
    let mut out = Words::default();
    lx.process(&mut out, None, 0)?;
    Ok(out.finish())
}

/// The words being built: `cur` is the word under way, `started` whether it exists
/// yet (a `""` makes an empty word).
#[derive(Default)]
struct Words {
    done: Vec<String>,
    cur: String,
    started: bool,
    keep_spaces: bool,
}

impl Words {
    fn push(&mut self, c: char) {
        self.cur.push(c);
        self.started = true;
    }
    fn push_str(&mut self, s: &str) {
        self.cur.push_str(s);
        self.started = true;
    }
    /// Unquoted whitespace, or a substituted value's.
    fn space(&mut self, c: char) {
        if self.keep_spaces {
            return self.push(c);
        }
        if self.started {
            self.done.push(std::mem::take(&mut self.cur));
            self.started = false;
        }
    }
    /// A value substituted outside quotes: split where words are asked for.
    fn unquoted(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space(c);
            } else {
                self.push(c);
            }
        }
    }
    fn finish(mut self) -> Vec<String> {
        if self.started || (self.keep_spaces && self.done.is_empty()) {
            self.done.push(std::mem::take(&mut self.cur));
        }
        self.done
    }
}

struct Lexer<'a> {
    chars: Vec<char>,
    pos: usize,
    vars: &'a dyn Vars,
    escape: char,
}

impl<'a> Lexer<'a> {
    fn new(text: &str, vars: &'a dyn Vars, escape: char) -> Lexer<'a> {
        Lexer {
            chars: text.chars().collect(),
            pos: 0,
            vars,
            escape,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// Process until the end, or until `stop` (unquoted, unescaped: the `}` that ends
    /// a `${VAR:-word}`'s word).
    fn process(&mut self, out: &mut Words, stop: Option<char>, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            bail!("variable substitutions nest too deep");
        }
        while let Some(c) = self.peek() {
            if Some(c) == stop {
                return Ok(());
            }
            self.pos += 1;
            match c {
                c if c == self.escape => match self.next() {
                    Some(n) => out.push(n),
                    // A trailing escape stays itself.
                    None => out.push(c),
                },
                '\'' => {
                    out.started = true;
                    loop {
                        match self.next() {
                            Some('\'') => break,
                            Some(ch) => out.push(ch),
                            None => {
                                bail!("unexpected end of statement while looking for matching '")
                            }
                        }
                    }
                }
                '"' => {
                    out.started = true;
                    loop {
                        match self.next() {
                            Some('"') => break,
                            Some(ch) if ch == self.escape => match self.peek() {
                                Some(n) if n == '"' || n == '$' || n == self.escape => {
                                    self.pos += 1;
                                    out.push(n);
                                }
                                _ => out.push(ch),
                            },
                            Some('$') => {
                                let v = self.dollar(depth)?;
                                out.push_str(&v);
                            }
                            Some(ch) => out.push(ch),
                            None => {
                                bail!("unexpected end of statement while looking for matching \"")
                            }
                        }
                    }
                }
                '$' => {
                    let v = self.dollar(depth)?;
                    out.unquoted(&v);
                }
                c if c.is_whitespace() => out.space(c),
                c => out.push(c),
            }
        }
        if stop.is_some() {
            bail!("missing '}}' in variable substitution");
        }
        Ok(())
    }

    /// After a `$`: the substituted value (a `$` that starts no variable is itself).
    fn dollar(&mut self, depth: usize) -> Result<String> {
        match self.peek() {
            Some('{') => {
                self.pos += 1;
                self.braced(depth)
            }
            Some(c) if c == '_' || c.is_ascii_alphanumeric() => {
                let name = self.name();
                Ok(self.vars.get(&name).unwrap_or_default())
            }
            _ => Ok("$".into()),
        }
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if c == '_' || c.is_ascii_alphanumeric() {
                name.push(c);
                self.pos += 1;
            } else {
                break;
            }
        }
        name
    }

    /// `${...}` after the `{`.
    fn braced(&mut self, depth: usize) -> Result<String> {
        let name = self.name();
        if name.is_empty() {
            bail!("bad substitution: missing variable name");
        }
        let value = self.vars.get(&name);
        let op = match self.next() {
            Some('}') => return Ok(value.unwrap_or_default()),
            Some(':') => match self.next() {
                Some(c @ ('-' | '+' | '?')) => format!(":{c}"),
                _ => bail!("unsupported modifier in ${{{name}:...}}"),
            },
            Some(c @ ('-' | '+' | '?')) => c.to_string(),
            Some('#') if self.peek() == Some('#') => {
                self.pos += 1;
                "##".into()
            }
            Some('%') if self.peek() == Some('%') => {
                self.pos += 1;
                "%%".into()
            }
            Some(c @ ('#' | '%')) => c.to_string(),
            Some(c) => bail!("unsupported modifier ({c}) in substitution"),
            None => bail!("missing '}}' in variable substitution"),
        };
        // The word after the operator: processed as a word of its own, to the `}`.
        let mut w = Words {
            keep_spaces: true,
            ..Words::default()
        };
        self.process(&mut w, Some('}'), depth + 1)?;
        self.pos += 1; // the '}'
        let word = w.finish().into_iter().next().unwrap_or_default();
        let set = value.is_some();
        let nonempty = value.as_deref().is_some_and(|v| !v.is_empty());
        Ok(match op.as_str() {
            ":-" => {
                if nonempty {
                    value.unwrap_or_default()
                } else {
                    word
                }
            }
            "-" => {
                if set {
                    value.unwrap_or_default()
                } else {
                    word
                }
            }
            ":+" => {
                if nonempty {
                    word
                } else {
                    String::new()
                }
            }
            "+" => {
                if set {
                    word
                } else {
                    String::new()
                }
            }
            ":?" if !nonempty => bail!(
                "{name}: {}",
                if word.is_empty() {
                    "parameter null or not set"
                } else {
                    &word
                }
            ),
            "?" if !set => bail!(
                "{name}: {}",
                if word.is_empty() {
                    "parameter not set"
                } else {
                    &word
                }
            ),
            ":?" | "?" => value.unwrap_or_default(),
            "#" | "##" => strip_prefix(&value.unwrap_or_default(), &word, op == "##"),
            _ => strip_suffix(&value.unwrap_or_default(), &word, op == "%%"),
        })
    }
}

/// `${VAR#p}` / `${VAR##p}`: the shortest / longest prefix matching glob `p` removed.
fn strip_prefix(v: &str, pat: &str, longest: bool) -> String {
    let ends: Vec<usize> = v.char_indices().map(|(i, _)| i).chain([v.len()]).collect();
    let mut cands: Box<dyn Iterator<Item = &usize>> = if longest {
        Box::new(ends.iter().rev())
    } else {
        Box::new(ends.iter())
    };
    match cands.find(|&&e| glob(pat, &v[..e])) {
        Some(&e) => v[e..].to_string(),
        None => v.to_string(),
    }
}

/// `${VAR%p}` / `${VAR%%p}`: the shortest / longest suffix matching `p` removed.
fn strip_suffix(v: &str, pat: &str, longest: bool) -> String {
    let starts: Vec<usize> = v.char_indices().map(|(i, _)| i).chain([v.len()]).collect();
    let mut cands: Box<dyn Iterator<Item = &usize>> = if longest {
        Box::new(starts.iter())
    } else {
        Box::new(starts.iter().rev())
    };
    match cands.find(|&&s| glob(pat, &v[s..])) {
        Some(&s) => v[..s].to_string(),
        None => v.to_string(),
    }
}

/// A shell glob: `*` any run, `?` any one character, the rest literally.
fn glob(pat: &str, s: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let t: Vec<char> = s.chars().collect();
    // Iterative matcher with one backtrack point (the last `*`).
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Vec<(String, String)> {
        [
            ("A", "apple"),
            ("E", ""),
            ("S", "a b  c"),
            ("P", "/usr/local/bin"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn w(s: &str) -> String {
        word(s, &env(), '\\').unwrap()
    }

    fn ws(s: &str) -> Vec<String> {
        words(s, &env(), '\\').unwrap()
    }

    #[test]
    fn substitution_forms() {
        assert_eq!(w("$A"), "apple");
        assert_eq!(w("${A}s"), "apples");
        assert_eq!(w("x$Ay"), "x");
        assert_eq!(w("${N:-def}"), "def");
        assert_eq!(w("${E:-def}"), "def");
        assert_eq!(w("${E-def}"), "");
        assert_eq!(w("${N-def}"), "def");
        assert_eq!(w("${A:+alt}"), "alt");
        assert_eq!(w("${E:+alt}"), "");
        assert_eq!(w("${E+alt}"), "alt");
        assert_eq!(w("${N+alt}"), "");
        assert_eq!(w("${N:-${A}-pie}"), "apple-pie");
        assert_eq!(w("${N:-'x y'}"), "x y");
        assert_eq!(w("${P#*/}"), "usr/local/bin");
        assert_eq!(w("${P##*/}"), "bin");
        assert_eq!(w("${P%/*}"), "/usr/local");
        assert_eq!(w("${P%%/l*}"), "/usr");
        assert!(word("${N:?must be set}", &env(), '\\')
            .unwrap_err()
            .to_string()
            .contains("N: must be set"));
        assert_eq!(w("${A:?x}"), "apple");
        assert!(word("${A", &env(), '\\').is_err());
        assert!(word("${:-x}", &env(), '\\').is_err());
        assert_eq!(w("$"), "$");
        assert_eq!(w("a$ b"), "a$ b");
        assert_eq!(w("$1x"), "");
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(w("'$A'"), "$A");
        assert_eq!(w("\"$A\""), "apple");
        assert_eq!(w("\\$A"), "$A");
        assert_eq!(w("\"\\$A\""), "$A");
        assert_eq!(w("\"a\\b\""), "a\\b");
        assert_eq!(w("\"a\\\"b\""), "a\"b");
        assert_eq!(w("a\\ b"), "a b");
        assert_eq!(w("'it''s'"), "its");
        assert!(word("'open", &env(), '\\').is_err());
        // The backtick as the escape character.
        assert_eq!(word("`$A \\x", &env(), '`').unwrap(), "$A \\x");
    }

    #[test]
    fn word_splitting() {
        assert_eq!(ws("a  b\tc"), ["a", "b", "c"]);
        assert_eq!(ws("\"a b\" c"), ["a b", "c"]);
        assert_eq!(ws("$S"), ["a", "b", "c"]);
        assert_eq!(ws("\"$S\""), ["a b  c"]);
        assert_eq!(ws("x \"\" y"), ["x", "", "y"]);
        assert_eq!(ws("$E"), Vec::<String>::new());
        assert_eq!(ws("  "), Vec::<String>::new());
        // One word keeps its spaces.
        assert_eq!(w("a  b"), "a  b");
    }

    #[test]
    fn globs() {
        assert!(glob("*.txt", "a.txt"));
        assert!(glob("a?c", "abc"));
        assert!(!glob("a?c", "ac"));
        assert!(glob("*", ""));
        assert!(glob("a*b*c", "aXbYc"));
        assert!(!glob("a*b*c", "aXbY"));
    }
}
