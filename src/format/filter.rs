//! `--filter key=value` as docker parses it, and Go's `path.Match` globs that its
//! `reference` filters use.

use anyhow::{bail, Result};
use std::collections::BTreeMap;

/// Filters by key; the same key given twice keeps both values.
#[derive(Debug, Default)]
pub struct Filters {
    pub by_key: BTreeMap<String, Vec<String>>,
}

/// The CLI's own check (a usage error, exit 125 in docker).
#[derive(Debug, thiserror::Error)]
#[error(
    "invalid argument {0:?} for \"-f, --filter\" flag: bad format of filter (expected name=value)"
)]
pub struct BadFilterFormat(pub String);

impl Filters {
    /// Parse `key=value` arguments; keys outside `allowed` are refused with the engine's
    /// words (`Invalid filter 'foo'`).
    pub fn parse(args: &[String], allowed: &[&str]) -> Result<Filters> {
        let mut f = Filters::default();
        for a in args {
            let Some((k, v)) = a.split_once('=') else {
                return Err(BadFilterFormat(a.clone()).into());
            };
            let k = k.trim().to_ascii_lowercase();
            if !allowed.contains(&k.as_str()) {
                bail!("Invalid filter '{k}'");
            }
            f.by_key.entry(k).or_default().push(v.trim().to_string());
        }
        Ok(f)
    }

    pub fn get(&self, key: &str) -> &[String] {
        self.by_key.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    pub fn add(&mut self, key: &str, value: &str) {
        self.by_key
            .entry(key.to_string())
            .or_default()
            .push(value.to_string());
    }

    /// docker's GetBoolOrDefault: `true`/`1`, `false`/`0`, else an invalid filter.
    pub fn bool(&self, key: &str) -> Result<Option<bool>> {
        let vals = self.get(key);
        if vals.is_empty() {
            return Ok(None);
        }
        if vals
            .iter()
            .any(|v| v.eq_ignore_ascii_case("true") || v == "1")
        {
            return Ok(Some(true));
        }
        if vals
            .iter()
            .any(|v| v.eq_ignore_ascii_case("false") || v == "0")
        {
            return Ok(Some(false));
        }
        bail!("Invalid filter '{key}=[{}]'", vals.join(" "))
    }

    /// docker's MatchKVList for `label`: every `key` or `key=value` given must match.
    pub fn labels_match(&self, labels: &BTreeMap<String, String>) -> bool {
        self.get("label")
            .iter()
            .all(|want| match want.split_once('=') {
                Some((k, v)) => labels.get(k).is_some_and(|x| x == v),
                None => labels.contains_key(want.as_str()),
            })
    }
}

impl Filters {
    /// `label!`: true when any `key` or `key=value` given matches (the object is left out).
    pub fn labels_excluded(&self, labels: &BTreeMap<String, String>) -> bool {
        self.get("label!")
            .iter()
            .any(|want| match want.split_once('=') {
                Some((k, v)) => labels.get(k).is_some_and(|x| x == v),
                None => labels.contains_key(want.as_str()),
            })
    }
}

/// Go's `path.Match`: `*` (any run of non-`/`), `?` (one non-`/`), `[...]` classes with
/// ranges and `^` negation, `\` escapes. A malformed pattern matches nothing.
pub fn path_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    glob(&p, &n).unwrap_or(false)
}

fn glob(p: &[char], n: &[char]) -> Option<bool> {
    match p.first() {
        None => Some(n.is_empty()),
        Some('*') => {
            let rest = &p[1..];
            for i in 0..=n.len() {
                if glob(rest, &n[i..])? {
                    return Some(true);
                }
                if i < n.len() && n[i] == '/' {
                    break;
                }
            }
            Some(false)
        }
        Some('?') => match n.first() {
            Some(c) if *c != '/' => glob(&p[1..], &n[1..]),
            _ => Some(false),
        },
        Some('[') => {
            let (matched, used) = class(&p[1..], n.first().copied())?;
            if matched {
                glob(&p[1 + used..], &n[1..])
            } else {
                Some(false)
            }
        }
        Some('\\') => match (p.get(1), n.first()) {
            (Some(a), Some(b)) if a == b => glob(&p[2..], &n[1..]),
            (None, _) => None,
            _ => Some(false),
        },
        Some(c) => match n.first() {
            Some(x) if x == c => glob(&p[1..], &n[1..]),
            _ => Some(false),
        },
    }
}

/// A `[...]` class (after the `[`): whether `c` matches, and how many pattern chars
/// it used (through the `]`). None for a malformed class.
fn class(p: &[char], c: Option<char>) -> Option<(bool, usize)> {
    let mut i = 0;
    let negate = p.first() == Some(&'^');
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        let ch = *p.get(i)?;
        if ch == ']' && !first {
            i += 1;
            break;
        }
        first = false;
        let lo = if ch == '\\' {
            i += 1;
            *p.get(i)?
        } else {
            ch
        };
        i += 1;
        let mut hi = lo;
        if p.get(i) == Some(&'-') && p.get(i + 1).is_some_and(|x| *x != ']') {
            hi = if p[i + 1] == '\\' {
                i += 1;
                *p.get(i + 1)?
            } else {
                p[i + 1]
            };
            i += 2;
        }
        if let Some(c) = c {
            if lo <= c && c <= hi {
                matched = true;
            }
        }
    }
    let c = c?;
    Some((matched != negate && c != '/', i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_like_go_path_match() {
        assert!(path_match("busy*", "busybox"));
        assert!(path_match("busybox:lat*", "busybox:latest"));
        assert!(path_match("*", "busybox"));
        assert!(!path_match("*", "localhost/foo"));
        assert!(path_match("*/foo", "localhost/foo"));
        assert!(path_match("*/*", "localhost/foo"));
        assert!(path_match("b?sybox", "busybox"));
        assert!(path_match("[a-c]usybox", "busybox"));
        assert!(!path_match("[^a-c]usybox", "busybox"));
        assert!(path_match("busybox\\:latest", "busybox:latest"));
        assert!(!path_match("busy", "busybox"));
        assert!(!path_match("[", "["));
    }

    #[test]
    fn filters_parse_as_docker() {
        let f = Filters::parse(
            &["dangling=true".into(), "label=a=b".into(), "label=c".into()],
            &["dangling", "label"],
        )
        .unwrap();
        assert_eq!(f.bool("dangling").unwrap(), Some(true));
        let mut l = BTreeMap::new();
        l.insert("a".to_string(), "b".to_string());
        assert!(!f.labels_match(&l));
        l.insert("c".to_string(), "".to_string());
        assert!(f.labels_match(&l));
        let e = Filters::parse(&["foo=bar".into()], &["dangling"]).unwrap_err();
        assert_eq!(e.to_string(), "Invalid filter 'foo'");
        let e = Filters::parse(&["bogus".into()], &["dangling"]).unwrap_err();
        assert!(e.downcast_ref::<BadFilterFormat>().is_some());
        let f = Filters::parse(&["dangling=xyz".into()], &["dangling"]).unwrap();
        assert_eq!(
            f.bool("dangling").unwrap_err().to_string(),
            "Invalid filter 'dangling=[xyz]'"
        );
    }
}
