//! The functions a template can call: Go's builtins (`text/template/funcs.go`) and
//! docker's (`cli/templates/templates.go`: json, join, split, title, lower, upper, pad,
//! truncate). `and`, `or` and `call` are evaluated by exec.rs (they see unevaluated
//! arguments or need none of this). A missing value (`None`) is Go's invalid value.

use super::fmt::{go_type, plain, sprint, sprintf, sprintln};
use serde_json::Value;
use std::cmp::Ordering;

pub type Val = Option<Value>;

const NAMES: [&str; 26] = [
    "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf",
    "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne", "json", "join", "split", "title",
    "lower", "upper", "pad",
];

pub fn exists(name: &str) -> bool {
    NAMES.contains(&name) || name == "truncate"
}

/// Go's truth: false, 0, "", nil, empty slices and maps, and no value are false.
pub fn truth(v: &Val) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(m)) => !m.is_empty(),
    }
}

/// An argument passed to an `interface{}` parameter: no value becomes nil.
fn any(v: &Val) -> Value {
    v.clone().unwrap_or(Value::Null)
}

fn want(name: &str, args: &[Val], n: usize) -> Result<(), String> {
    if args.len() != n {
        return Err(format!(
            "wrong number of args for {name}: want {n} got {}",
            args.len()
        ));
    }
    Ok(())
}

fn string_arg(v: &Val) -> Result<String, String> {
    match v {
        Some(Value::String(s)) => Ok(s.clone()),
        None => Err("invalid value; expected string".into()),
        Some(v) => Err(format!(
            "wrong type for value; expected string; got {}",
            go_type(v)
        )),
    }
}

fn int_arg(v: &Val) -> Result<i64, String> {
    match v {
        Some(Value::Number(n)) if n.is_i64() => Ok(n.as_i64().unwrap_or(0)),
        None => Err("invalid value; expected int".into()),
        Some(v) => Err(format!(
            "wrong type for value; expected int; got {}",
            go_type(v)
        )),
    }
}

/// `split` gives at most this many parts (each is a JSON value: memory).
const MAX_PARTS: usize = 1 << 20;

/// A rough size of a value's text, to refuse results over the output limit before
/// building them.
fn size(v: &Value) -> usize {
    match v {
        Value::String(s) => s.len(),
        Value::Array(a) => 2 + a.iter().map(|e| size(e) + 1).sum::<usize>(),
        Value::Object(m) => 5 + m.iter().map(|(k, e)| k.len() + size(e) + 2).sum::<usize>(),
        _ => 24,
    }
}

fn bounded(n: usize) -> Result<(), String> {
    if n > super::fmt::MAX_OUTPUT {
        return Err("result larger than 64 MiB".into());
    }
    Ok(())
}

/// Call the function `name` (the arguments are evaluated; the pipeline's value is last).
pub fn call(name: &str, args: &[Val]) -> Result<Val, String> {
    let s = |s: String| Ok(Some(Value::String(s)));
    match name {
        "not" => {
            want(name, args, 1)?;
            Ok(Some(Value::Bool(!truth(&args[0]))))
        }
        "len" => {
            want(name, args, 1)?;
            match &args[0] {
                None | Some(Value::Null) => Err("len of nil pointer".into()),
                Some(Value::String(t)) => Ok(Some(t.len().into())),
                Some(Value::Array(a)) => Ok(Some(a.len().into())),
                Some(Value::Object(m)) => Ok(Some(m.len().into())),
                Some(v) => Err(format!("len of type {}", go_type(v))),
            }
        }
        "index" => {
            if args.is_empty() {
                return Err(format!(
                    "wrong number of args for {name}: want at least 1 got 0"
                ));
            }
            index(&args[0], &args[1..])
        }
        "slice" => {
            if args.is_empty() {
                return Err(format!(
                    "wrong number of args for {name}: want at least 1 got 0"
                ));
            }
            slice(&args[0], &args[1..])
        }
        "print" | "println" => {
            let vals: Vec<Value> = args.iter().map(any).collect();
            bounded(vals.iter().map(size).sum())?;
            s(if name == "print" {
                sprint(&vals)
            } else {
                sprintln(&vals)
            })
        }
        "printf" => {
            if args.is_empty() {
                return Err(format!(
                    "wrong number of args for {name}: want at least 1 got 0"
                ));
            }
            let f = string_arg(&args[0])?;
            s(sprintf(&f, &args[1..].iter().map(any).collect::<Vec<_>>())?)
        }
        "html" => s(html(&text_of(args))),
        "js" => s(js(&text_of(args))),
        "urlquery" => s(urlquery(&text_of(args))),
        "eq" => {
            if args.len() < 2 {
                return Err("missing argument for comparison".into());
            }
            for b in &args[1..] {
                if eq(&args[0], b)? {
                    return Ok(Some(Value::Bool(true)));
                }
            }
            Ok(Some(Value::Bool(false)))
        }
        "ne" => {
            want(name, args, 2)?;
            Ok(Some(Value::Bool(!eq(&args[0], &args[1])?)))
        }
        "lt" | "le" | "gt" | "ge" => {
            want(name, args, 2)?;
            let o = order(&args[0], &args[1])?;
            Ok(Some(Value::Bool(match name {
                "lt" => o == Ordering::Less,
                "le" => o != Ordering::Greater,
                "gt" => o == Ordering::Greater,
                _ => o != Ordering::Less,
            })))
        }
        "json" => {
            want(name, args, 1)?;
            // docker's encoder has SetEscapeHTML(false).
            s(super::json::marshal(&any(&args[0]), false))
        }
        "join" => {
            want(name, args, 2)?;
            let sep = string_arg(&args[1])?;
            if let Some(Value::Array(a)) = &args[0] {
                bounded(a.iter().map(size).sum::<usize>() + a.len() * sep.len())?;
            }
            match &args[0] {
                None | Some(Value::Null) => s(String::new()),
                Some(Value::Array(a)) => {
                    let parts: Result<Vec<String>, String> = a
                        .iter()
                        .map(|e| match e {
                            Value::String(t) => Ok(t.clone()),
                            _ => Err(
                                "wrong type for value; expected []string; got []interface {}"
                                    .to_string(),
                            ),
                        })
                        .collect();
                    s(parts?.join(&sep))
                }
                Some(v) => Err(format!(
                    "wrong type for value; expected []string; got {}",
                    go_type(v)
                )),
            }
        }
        "split" => {
            want(name, args, 2)?;
            let (t, sep) = (string_arg(&args[0])?, string_arg(&args[1])?);
            let n = if sep.is_empty() {
                t.chars().count()
            } else {
                t.matches(sep.as_str()).count() + 1
            };
            if n > MAX_PARTS {
                return Err(format!("more than {MAX_PARTS} parts"));
            }
            let parts: Vec<Value> = if sep.is_empty() {
                t.chars().map(|c| Value::String(c.to_string())).collect()
            } else {
                t.split(sep.as_str())
                    .map(|p| Value::String(p.into()))
                    .collect()
            };
            Ok(Some(Value::Array(parts)))
        }
        "title" => {
            want(name, args, 1)?;
            s(title(&string_arg(&args[0])?))
        }
        "lower" => {
            want(name, args, 1)?;
            s(string_arg(&args[0])?.to_lowercase())
        }
        "upper" => {
            want(name, args, 1)?;
            s(string_arg(&args[0])?.to_uppercase())
        }
        "pad" => {
            want(name, args, 3)?;
            let t = string_arg(&args[0])?;
            let (l, r) = (int_arg(&args[1])?, int_arg(&args[2])?);
            if t.is_empty() {
                return s(t);
            }
            if l < 0 || r < 0 {
                return Err("strings: negative Repeat count".into());
            }
            if (l + r) as usize + t.len() > super::fmt::MAX_OUTPUT {
                return Err("padding too large".into());
            }
            s(" ".repeat(l as usize) + &t + &" ".repeat(r as usize))
        }
        "truncate" => {
            want(name, args, 2)?;
            let t = string_arg(&args[0])?;
            let n = int_arg(&args[1])?;
            if n < 0 {
                return Err(format!("slice bounds out of range [:{n}]"));
            }
            let mut cut = (n as usize).min(t.len());
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            s(t[..cut].to_string())
        }
        _ => Err(format!("function {name:?} not defined")),
    }
}

/// html, js and urlquery take their arguments as Sprint does, a lone string as it is.
fn text_of(args: &[Val]) -> String {
    match args {
        [Some(Value::String(s))] => s.clone(),
        _ => sprint(&args.iter().map(any).collect::<Vec<_>>()),
    }
}

fn html(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        match c {
            '\0' => o.push('\u{fffd}'),
            '"' => o.push_str("&#34;"),
            '\'' => o.push_str("&#39;"),
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            c => o.push(c),
        }
    }
    o
}

fn js(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            '\'' => o.push_str("\\'"),
            '"' => o.push_str("\\\""),
            '<' => o.push_str("\\u003C"),
            '>' => o.push_str("\\u003E"),
            '&' => o.push_str("\\u0026"),
            '=' => o.push_str("\\u003D"),
            '`' => o.push_str("\\u0060"),
            c if (c as u32) < 0x20 || c.is_control() => o.push_str(&format!("\\u{:04X}", c as u32)),
            c => o.push(c),
        }
    }
    o
}

fn urlquery(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                o.push(b as char)
            }
            b' ' => o.push('+'),
            b => o.push_str(&format!("%{b:02X}")),
        }
    }
    o
}

/// strings.Title: the first letter of each word in upper case.
fn title(s: &str) -> String {
    let mut prev_sep = true;
    s.chars()
        .map(|c| {
            let r = if prev_sep {
                c.to_uppercase().next().unwrap_or(c)
            } else {
                c
            };
            prev_sep = !(c.is_alphanumeric() || c == '_') && (c.is_ascii() || c.is_whitespace());
            r
        })
        .collect()
}

fn index(item: &Val, idx: &[Val]) -> Result<Val, String> {
    let mut cur = match item {
        None | Some(Value::Null) => return Err("index of untyped nil".into()),
        Some(v) => v.clone(),
    };
    for i in idx {
        cur = match (&cur, i) {
            (Value::Array(a), i) => {
                let n = position(i, a.len(), "index")?;
                if n >= a.len() {
                    return Err(format!("index out of range: {n}"));
                }
                a[n].clone()
            }
            (Value::String(s), i) => {
                let n = position(i, s.len(), "index")?;
                if n >= s.len() {
                    return Err(format!("index out of range: {n}"));
                }
                Value::from(s.as_bytes()[n])
            }
            (Value::Object(m), Some(Value::String(k))) => match m.get(k) {
                Some(v) => v.clone(),
                // The map's zero value: "" for docker's map[string]string (labels).
                None => zero_of(m),
            },
            (Value::Object(_), None) => return Err("value is nil; should be of type string".into()),
            (Value::Object(_), Some(k)) => {
                return Err(format!("value has type {}; should be string", go_type(k)))
            }
            (Value::Null, _) => return Err("index of nil pointer".into()),
            (v, _) => return Err(format!("can't index item of type {}", go_type(v))),
        };
    }
    Ok(Some(cur))
}

/// The zero value of a map's element type, as Go's index gives for a missing key: Go's
/// maps hold one type, so a map whose values are all of one kind holds that kind; an
/// empty one is taken for docker's map[string]string (labels, options).
fn zero_of(m: &serde_json::Map<String, Value>) -> Value {
    let mut kinds = m.values().map(|v| match v {
        Value::String(_) => Value::String(String::new()),
        Value::Bool(_) => Value::Bool(false),
        Value::Number(n) if n.is_f64() => Value::from(0.0),
        Value::Number(_) => Value::from(0),
        _ => Value::Null,
    });
    let first = kinds.next().unwrap_or(Value::String(String::new()));
    if kinds.all(|k| k == first) {
        first
    } else {
        Value::Null
    }
}

/// An index argument: a non-negative integer.
fn position(i: &Val, _len: usize, what: &str) -> Result<usize, String> {
    match i {
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => match n.as_i64() {
            Some(x) if x < 0 => Err(format!("{what} out of range: {x}")),
            Some(x) => Ok(x as usize),
            None => Err(format!("{what} out of range: {n}")),
        },
        None | Some(Value::Null) => Err("cannot index slice/array with nil".into()),
        Some(v) => Err(format!("cannot index slice/array with type {}", go_type(v))),
    }
}

fn slice(item: &Val, idx: &[Val]) -> Result<Val, String> {
    let item = match item {
        None | Some(Value::Null) => return Err("slice of untyped nil".into()),
        Some(v) => v,
    };
    if idx.len() > 3 {
        return Err(format!("too many slice indexes: {}", idx.len()));
    }
    let len = match item {
        Value::String(s) => {
            if idx.len() == 3 {
                return Err("cannot 3-index slice a string".into());
            }
            s.len()
        }
        Value::Array(a) => a.len(),
        v => return Err(format!("can't slice item of type {}", go_type(v))),
    };
    let mut ix = [0, len, len];
    for (k, i) in idx.iter().enumerate() {
        let n = position(i, len, "index")?;
        if n > len {
            return Err(format!("index out of range: {n}"));
        }
        ix[k] = n;
    }
    if idx.len() < 2 {
        ix[1] = len;
    }
    if ix[0] > ix[1] {
        return Err(format!("invalid slice index: {} > {}", ix[0], ix[1]));
    }
    if idx.len() == 3 && ix[1] > ix[2] {
        return Err(format!("invalid slice index: {} > {}", ix[1], ix[2]));
    }
    Ok(Some(match item {
        Value::String(s) => match s.get(ix[0]..ix[1]) {
            Some(t) => Value::String(t.to_string()),
            None => Value::String(String::from_utf8_lossy(&s.as_bytes()[ix[0]..ix[1]]).into()),
        },
        Value::Array(a) => Value::Array(a[ix[0]..ix[1]].to_vec()),
        _ => unreachable!("checked above"),
    }))
}

#[derive(PartialEq)]
enum Kind {
    Bool,
    Int,
    Float,
    Str,
    Nil,
    Other,
}

fn kind(v: &Val) -> Kind {
    match v {
        None | Some(Value::Null) => Kind::Nil,
        Some(Value::Bool(_)) => Kind::Bool,
        Some(Value::Number(n)) if n.is_f64() => Kind::Float,
        Some(Value::Number(_)) => Kind::Int,
        Some(Value::String(_)) => Kind::Str,
        Some(_) => Kind::Other,
    }
}

/// Go's eq for two values: basic kinds must match; nil equals only nil.
fn eq(a: &Val, b: &Val) -> Result<bool, String> {
    let (ka, kb) = (kind(a), kind(b));
    if ka == Kind::Nil || kb == Kind::Nil {
        return Ok(ka == kb);
    }
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => Ok(num_cmp(x, y) == Ordering::Equal),
        (Some(x @ (Value::Array(_) | Value::Object(_))), _) => {
            Err(format!("non-comparable type {}: {}", plain(x), go_type(x)))
        }
        (x, y) => Ok(x == y),
    }
}

fn num_cmp(x: &serde_json::Number, y: &serde_json::Number) -> Ordering {
    match (x.as_i64(), y.as_i64()) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => match (x.as_u64(), y.as_u64()) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => {
                let (a, b) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
                a.partial_cmp(&b).unwrap_or(Ordering::Equal)
            }
        },
    }
}

/// Go's lt: ordered basic kinds only.
fn order(a: &Val, b: &Val) -> Result<Ordering, String> {
    let (ka, kb) = (kind(a), kind(b));
    if matches!(ka, Kind::Bool | Kind::Nil | Kind::Other)
        || matches!(kb, Kind::Bool | Kind::Nil | Kind::Other)
    {
        return Err("invalid type for comparison".into());
    }
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    Ok(match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => num_cmp(x, y),
        (Some(Value::String(x)), Some(Value::String(y))) => x.cmp(y),
        _ => Ordering::Equal,
    })
}
