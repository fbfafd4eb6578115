//! From a Dockerfile's text to its instructions as written: parser directives
//! (`# syntax=`, `# escape=`, `# check=`), comments and empty lines, line
//! continuations with the escape character (comments and empty lines inside them
//! skipped, as BuildKit does), and heredocs on RUN, COPY and ADD (`<<EOF`, `<<-EOF`
//! with leading tabs stripped, `<<"EOF"`/`<<'EOF'` without substitution; several in
//! one instruction, bodies in order).

use anyhow::{bail, Result};

/// The parser directives at the top of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directives {
    pub syntax: Option<String>,
    pub escape: char,
    pub check: Option<String>,
}

/// A heredoc: its name (the delimiter), body and how it was introduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    pub name: String,
    pub content: String,
    /// Unquoted delimiter: the body is substituted (COPY/ADD; RUN's shell does it).
    pub expand: bool,
    /// `<<-`: leading tabs were stripped from the body.
    pub strip_tabs: bool,
}

/// One instruction as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raw {
    /// Its first line (1-based).
    pub line: usize,
    /// The keyword in capitals.
    pub keyword: String,
    /// What follows the keyword, continuation lines joined.
    pub rest: String,
    pub heredocs: Vec<Heredoc>,
}

/// The largest Dockerfile read (BuildKit's frontend has no smaller limit that matters;
/// this keeps a hostile one from exhausting memory in the parser).
pub const MAX_LEN: usize = 16 << 20;

pub fn split(text: &str) -> Result<(Directives, Vec<Raw>)> {
    if text.len() > MAX_LEN {
        bail!("the Dockerfile is larger than {} MiB", MAX_LEN >> 20);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let (directives, mut i) = directives(&lines)?;
    let esc = directives.escape;
    let mut out = Vec::new();
    while i < lines.len() {
        let first = lines[i];
        let t = first.trim();
        if t.is_empty() || t.starts_with('#') {
            i += 1;
            continue;
        }
        let start = i;
        let mut joined = String::new();
        let mut cur = first.to_string();
        i += 1;
        loop {
            match strip_continuation(&cur, esc) {
                Some(head) => {
                    joined.push_str(head);
                    // The next line that is neither empty nor a comment goes on.
                    while i < lines.len() && is_skipped_in_continuation(lines[i]) {
                        i += 1;
                    }
                    if i >= lines.len() {
                        break;
                    }
                    cur = lines[i].to_string();
                    i += 1;
                }
                None => {
                    joined.push_str(&cur);
                    break;
                }
            }
        }
        let body = joined.trim_start();
        let (keyword, rest) = match body.find(char::is_whitespace) {
            Some(n) => (&body[..n], body[n..].trim_start()),
            None => (body, ""),
        };
        let keyword = keyword.to_ascii_uppercase();
        let mut heredocs = Vec::new();
        if matches!(keyword.as_str(), "RUN" | "COPY" | "ADD") {
            for (name, expand, strip_tabs) in markers(rest, esc) {
                let mut content = String::new();
                let mut ended = false;
                while i < lines.len() {
                    let l = lines[i];
                    i += 1;
                    let l = if strip_tabs {
                        l.trim_start_matches('\t')
                    } else {
                        l
                    };
                    if l == name {
                        ended = true;
                        break;
                    }
                    content.push_str(l);
                    content.push('\n');
                }
                if !ended {
                    bail!(
                        "dockerfile parse error on line {}: unterminated heredoc {name}",
                        start + 1
                    );
                }
                heredocs.push(Heredoc {
                    name,
                    content,
                    expand,
                    strip_tabs,
                });
            }
        }
        out.push(Raw {
            line: start + 1,
            keyword,
            rest: rest.trim_end().to_string(),
            heredocs,
        });
    }
    Ok((directives, out))
}

/// Skipped while a continuation looks for its next line: comments and empty lines.
fn is_skipped_in_continuation(l: &str) -> bool {
    let t = l.trim();
    t.is_empty() || t.starts_with('#')
}

/// A line that ends with the escape character (then only spaces or tabs) continues:
/// what comes before it.
fn strip_continuation(l: &str, esc: char) -> Option<&str> {
    let t = l.trim_end_matches([' ', '\t']);
    t.strip_suffix(esc)
}

/// Parser directives: `# key=value` lines at the very top; the first line that is not
/// one (an unknown key included, which is a comment) ends them.
fn directives(lines: &[&str]) -> Result<(Directives, usize)> {
    let mut d = Directives {
        syntax: None,
        escape: '\\',
        check: None,
    };
    let mut seen: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((key, value)) = directive(lines[i]) else {
            break;
        };
        if !matches!(key.as_str(), "syntax" | "escape" | "check") {
            break;
        }
        if seen.contains(&key) {
            bail!(
                "dockerfile parse error on line {}: only one {key} parser directive can be used",
                i + 1
            );
        }
        match key.as_str() {
            "syntax" => d.syntax = Some(value),
            "check" => d.check = Some(value),
            _ => {
                d.escape = match value.as_str() {
                    "\\" => '\\',
                    "`" => '`',
                    v => bail!("invalid escape token '{v}' does not match ` or \\"),
                }
            }
        }
        seen.push(key);
        i += 1;
    }
    Ok((d, i))
}

/// `# key = value` (BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`).
fn directive(l: &str) -> Option<(String, String)> {
    let rest = l.strip_prefix('#')?.trim_start();
    let key_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let key = &rest[..key_end];
    if key.is_empty() || !key.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let value = rest[key_end..].trim_start().strip_prefix('=')?.trim();
    if value.is_empty() {
        return None;
    }
    Some((key.to_ascii_lowercase(), value.to_string()))
}

/// The heredoc markers of an instruction's text, in order: words (outside quotes)
/// that start with `<<` (not `<<<`), then `-`, then a delimiter, possibly quoted.
/// (delimiter, substitute?, strip tabs?)
pub fn markers(text: &str, esc: char) -> Vec<(String, bool, bool)> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut quote: Option<char> = None;
    let mut word_start = true;
    while i < c.len() {
        let ch = c[i];
        if let Some(q) = quote {
            if ch == esc && q == '"' {
                i += 1;
            } else if ch == q {
                quote = None;
            }
            i += 1;
            word_start = false;
            continue;
        }
        if ch == esc {
            i += 2;
            word_start = false;
            continue;
        }
        if ch == '\'' || ch == '"' {
            quote = Some(ch);
            i += 1;
            word_start = false;
            continue;
        }
        if ch.is_whitespace() {
            word_start = true;
            i += 1;
            continue;
        }
        if word_start && ch == '<' && c.get(i + 1) == Some(&'<') && c.get(i + 2) != Some(&'<') {
            let mut j = i + 2;
            let strip = c.get(j) == Some(&'-');
            if strip {
                j += 1;
            }
            let q = c.get(j).copied().filter(|q| *q == '"' || *q == '\'');
            if q.is_some() {
                j += 1;
            }
            let name_start = j;
            while j < c.len()
                && (c[j].is_ascii_alphanumeric() || c[j] == '_' || c[j] == '-' || c[j] == '.')
            {
                j += 1;
            }
            let name: String = c[name_start..j].iter().collect();
            let closed = match q {
                Some(q) => c.get(j) == Some(&q),
                None => true,
            };
            if !name.is_empty() && closed {
                out.push((name, q.is_none(), strip));
                if q.is_some() {
                    j += 1;
                }
                i = j;
                word_start = false;
                continue;
            }
        }
        word_start = false;
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kw(raws: &[Raw]) -> Vec<(usize, &str, &str)> {
        raws.iter()
            .map(|r| (r.line, r.keyword.as_str(), r.rest.as_str()))
            .collect()
    }

    #[test]
    fn directives_comments_continuations() {
        let (d, r) = split(
            "# syntax=docker/dockerfile:1\n# ESCAPE = `\n# not=directive\nFROM a\nrun echo `\n  # a comment\n\n  b\n",
        )
        .unwrap();
        assert_eq!(d.syntax.as_deref(), Some("docker/dockerfile:1"));
        assert_eq!(d.escape, '`');
        assert_eq!(kw(&r), [(4, "FROM", "a"), (5, "RUN", "echo   b")]);
        // A directive after anything else is a comment.
        let (d, _) = split("FROM a\n# escape=`\n").unwrap();
        assert_eq!(d.escape, '\\');
        let (d, _) = split("# unknown=x\n# escape=`\nFROM a\n").unwrap();
        assert_eq!(d.escape, '\\');
        assert!(split("# escape=x\nFROM a\n")
            .unwrap_err()
            .to_string()
            .contains("invalid escape token 'x'"));
        assert!(split("# escape=\\\n# escape=`\n")
            .unwrap_err()
            .to_string()
            .contains("only one escape parser directive"));
        // Backslash continuation with trailing blanks after it; CRLF; a BOM.
        let (_, r) = split("\u{feff}FROM a\r\nRUN a \\  \r\n b\r\n").unwrap();
        assert_eq!(kw(&r), [(1, "FROM", "a"), (2, "RUN", "a  b")]);
        // A continuation at the end of the file ends the instruction.
        let (_, r) = split("RUN a \\").unwrap();
        assert_eq!(kw(&r), [(1, "RUN", "a")]);
    }

    #[test]
    fn heredocs() {
        let text = "FROM a\nRUN <<EOF\necho hi\n  EOF\nEOF\nCOPY <<-\"ONE\" <<'TWO' /dst/\n\tx $V\n\tONE\ny\nTWO\nRUN echo '<<NOT' \"<<NOT\" <<<here\n";
        let (_, r) = split(text).unwrap();
        assert_eq!(r[1].keyword, "RUN");
        assert_eq!(r[1].heredocs.len(), 1);
        assert_eq!(r[1].heredocs[0].content, "echo hi\n  EOF\n");
        assert!(r[1].heredocs[0].expand);
        assert_eq!(r[2].line, 6);
        assert_eq!(
            r[2].heredocs
                .iter()
                .map(|h| (h.name.as_str(), h.content.as_str(), h.expand, h.strip_tabs))
                .collect::<Vec<_>>(),
            [("ONE", "x $V\n", false, true), ("TWO", "y\n", false, false)]
        );
        assert_eq!(r[3].heredocs, []);
        assert_eq!(r[3].line, 11);
        assert!(split("RUN <<EOF\nnever ends\n")
            .unwrap_err()
            .to_string()
            .contains("line 1: unterminated heredoc EOF"));
        // Heredocs are for RUN, COPY and ADD only.
        let (_, r) = split("CMD cat <<EOF\n").unwrap();
        assert_eq!(r[0].heredocs, []);
    }

    #[test]
    fn marker_shapes() {
        assert_eq!(markers("<<EOF", '\\'), [("EOF".into(), true, false)]);
        assert_eq!(
            markers("python3 <<-'PY' > out", '\\'),
            [("PY".into(), false, true)]
        );
        assert_eq!(markers("cat<<EOF", '\\'), []);
        assert_eq!(markers("\\<<EOF", '\\'), []);
        assert_eq!(markers("<<\"open", '\\'), []);
    }
}
