//! `.dockerignore` with docker's patternmatcher rules: one pattern a line, `#` comments,
//! paths cleaned (leading `/` and `./` dropped, `..` applied), `!` makes an exception,
//! the last matching pattern wins, `*`/`?`/`[...]` stay inside one path component and
//! `**` spans any number of them; a pattern that matches a directory excludes what is
//! below it.

/// One pattern: its components and whether it is an exception (`!`).
#[derive(Debug, Clone)]
struct Pattern {
    text: String,
    exclusion: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Ignore {
    patterns: Vec<Pattern>,
}

/// Clean a path as Go's filepath.Clean does, relative: no leading `/` or `./`, `..`
/// clamped at the root.
pub fn clean(p: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out.join("/")
}

impl Ignore {
    pub fn parse(text: &str) -> Ignore {
        let mut patterns = Vec::new();
        for line in text.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let (exclusion, l) = match l.strip_prefix('!') {
                Some(r) => (true, r.trim()),
                None => (false, l),
            };
            let text = clean(l);
            if text.is_empty() {
                continue;
            }
            patterns.push(Pattern { text, exclusion });
        }
        Ignore { patterns }
    }

    pub fn has_exceptions(&self) -> bool {
        self.patterns.iter().any(|p| p.exclusion)
    }

    /// Is `path` (relative to the context, cleaned) excluded?
    pub fn excluded(&self, path: &str) -> bool {
        let path = clean(path);
        let mut parents = Vec::new();
        let mut acc = String::new();
        for c in path.split('/') {
            if !acc.is_empty() {
                acc.push('/');
            }
            acc.push_str(c);
            parents.push(acc.clone());
        }
        let mut out = false;
        for p in &self.patterns {
            // The path or one of its parents (a pattern naming a directory covers it).
            let hit = parents
                .iter()
                .any(|q| glob(p.text.as_bytes(), q.as_bytes()));
            if hit {
                out = !p.exclusion;
            }
        }
        out
    }
}

/// Match `pat` against `s`: `*` any run without `/`, `?` one character but `/`,
/// `[...]` a class (`^`/`!` negates, ranges), `**` anything including `/` (and `**/`
/// also nothing), `\` escapes.
pub fn glob(pat: &[u8], s: &[u8]) -> bool {
    glob_at(pat, s, 0)
}

fn glob_at(pat: &[u8], s: &[u8], depth: usize) -> bool {
    // Hostile patterns cannot recurse without end.
    if depth > 256 {
        return false;
    }
    let (Some(&c), rest) = (pat.first(), pat.get(1..).unwrap_or(&[])) else {
        return s.is_empty();
    };
    match c {
        b'*' if rest.first() == Some(&b'*') => {
            let after = &rest[1..];
            match after.strip_prefix(b"/") {
                // `**/`: no directory at all, or any run of them.
                Some(after) => {
                    glob_at(after, s, depth + 1)
                        || (0..s.len())
                            .any(|i| s[i] == b'/' && glob_at(after, &s[i + 1..], depth + 1))
                }
                None => (0..=s.len()).any(|i| glob_at(after, &s[i..], depth + 1)),
            }
        }
        b'*' => {
            if glob_at(rest, s, depth + 1) {
                return true;
            }
            for i in 0..s.len() {
                if s[i] == b'/' {
                    return false;
                }
                if glob_at(rest, &s[i + 1..], depth + 1) {
                    return true;
                }
            }
            false
        }
        b'?' => matches!(s.first(), Some(&x) if x != b'/') && glob_at(rest, &s[1..], depth + 1),
        b'[' => {
            let Some(&x) = s.first() else { return false };
            match class(rest, x) {
                Some((ok, n)) => ok && x != b'/' && glob_at(&rest[n..], &s[1..], depth + 1),
                // An unclosed class is a literal `[`.
                None => x == b'[' && glob_at(rest, &s[1..], depth + 1),
            }
        }
        b'\\' if !rest.is_empty() => {
            s.first() == Some(&rest[0]) && glob_at(&rest[1..], &s[1..], depth + 1)
        }
        c => s.first() == Some(&c) && glob_at(rest, &s[1..], depth + 1),
    }
}

/// A class after `[`: (does `x` match, bytes used including `]`), None if unclosed.
fn class(p: &[u8], x: u8) -> Option<(bool, usize)> {
    let mut i = 0;
    let neg = matches!(p.first(), Some(b'^') | Some(b'!'));
    if neg {
        i += 1;
    }
    let mut hit = false;
    let mut first = true;
    while i < p.len() {
        let c = p[i];
        if c == b']' && !first {
            return Some((hit != neg, i + 1));
        }
        first = false;
        let lo = if c == b'\\' && i + 1 < p.len() {
            i += 1;
            p[i]
        } else {
            c
        };
        if i + 2 < p.len() && p[i + 1] == b'-' && p[i + 2] != b']' {
            let hi = p[i + 2];
            hit |= lo <= x && x <= hi;
            i += 3;
        } else {
            hit |= lo == x;
            i += 1;
        }
    }
    None
}

pub fn has_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_rules() {
        let i = Ignore::parse("# c\n/secret\n*.log\n!keep.log\n**/tmp\n./build/\ndocs/*.md\n");
        assert!(i.excluded("secret"));
        assert!(i.excluded("secret/inner/file"));
        assert!(i.excluded("a.log"));
        assert!(!i.excluded("keep.log"));
        assert!(!i.excluded("sub/a.log"));
        assert!(i.excluded("tmp"));
        assert!(i.excluded("x/y/tmp/z"));
        assert!(i.excluded("build/out"));
        assert!(i.excluded("docs/a.md"));
        assert!(!i.excluded("docs/x/a.md"));
        assert!(!i.excluded("main.c"));
        // The last match wins.
        let i = Ignore::parse("!a\na\n");
        assert!(i.excluded("a"));
    }

    #[test]
    fn globs() {
        assert!(glob(b"f?o[a-c]", b"fxob"));
        assert!(!glob(b"f?o[!a-c]", b"fxob"));
        assert!(glob(b"**/*.go", b"a/b/c.go"));
        assert!(glob(b"**/*.go", b"c.go"));
        assert!(glob(b"a/**", b"a/b/c"));
        assert!(!glob(b"*", b"a/b"));
        assert!(glob(b"[", b"["));
    }
}
