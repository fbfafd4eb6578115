//! Go's fmt for JSON values: `%v` (the default printing of a template value), `Sprint`,
//! `Sprintln` and `Sprintf` with the verbs, flags, widths and precisions that apply to
//! strings, numbers, booleans, nil, slices and maps. Widths and precisions above Go's
//! limit (1e6) end the format with `%!(NOVERB)` as Go does; output is capped.

use serde_json::Value;

/// The most text one printf may produce.
pub const MAX_OUTPUT: usize = 64 << 20;

#[derive(Default, Clone, Copy)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// Go's type name for a JSON value, as fmt's `%!v(TYPE=...)` shows it.
pub fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

/// `%v`.
pub fn plain(v: &Value) -> String {
    let mut s = String::new();
    value(&mut s, Spec::default(), 'v', v);
    s
}

/// `fmt.Sprint`: spaces between operands when neither is a string.
pub fn sprint(args: &[Value]) -> String {
    let mut s = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 && !a.is_string() && !args[i - 1].is_string() {
            s.push(' ');
        }
        s.push_str(&plain(a));
    }
    s
}

/// `fmt.Sprintln`: always spaces, and a newline.
pub fn sprintln(args: &[Value]) -> String {
    let mut s = args.iter().map(plain).collect::<Vec<_>>().join(" ");
    s.push('\n');
    s
}

pub fn sprintf(format: &str, args: &[Value]) -> Result<String, String> {
    let mut out = String::new();
    let mut argn = 0;
    // `%[n]d` chose an argument: extra arguments are not complained about.
    let mut reordered = false;
    let mut bad_index = false;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if out.len() > MAX_OUTPUT {
            return Err("output too large".into());
        }
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut sp = Spec::default();
        while let Some(&f) = chars.peek() {
            match f {
                '#' => sp.sharp = true,
                '0' => sp.zero = !sp.minus,
                '+' => sp.plus = true,
                '-' => {
                    sp.minus = true;
                    sp.zero = false;
                }
                ' ' => sp.space = true,
                _ => break,
            }
            chars.next();
        }
        // Width.
        arg_index(
            &mut chars,
            &mut argn,
            &mut reordered,
            &mut bad_index,
            args.len(),
        );
        if chars.peek() == Some(&'*') {
            chars.next();
            match args.get(argn).and_then(Value::as_i64) {
                Some(w) if w.unsigned_abs() <= 1_000_000 => {
                    if w < 0 {
                        sp.minus = true;
                        sp.zero = false;
                    }
                    sp.width = Some(w.unsigned_abs() as usize);
                }
                _ => out.push_str("%!(BADWIDTH)"),
            }
            argn += 1;
        } else {
            match number(&mut chars) {
                Some(Some(w)) => sp.width = Some(w),
                Some(None) => {
                    out.push_str("%!(NOVERB)");
                    return Ok(out);
                }
                None => {}
            }
        }
        // Precision.
        if chars.peek() == Some(&'.') {
            chars.next();
            arg_index(
                &mut chars,
                &mut argn,
                &mut reordered,
                &mut bad_index,
                args.len(),
            );
            if chars.peek() == Some(&'*') {
                chars.next();
                match args.get(argn).and_then(Value::as_i64) {
                    Some(p) if (0..=1_000_000).contains(&p) => sp.prec = Some(p as usize),
                    Some(p) if p < 0 => {}
                    _ => out.push_str("%!(BADPREC)"),
                }
                argn += 1;
            } else {
                match number(&mut chars) {
                    Some(Some(p)) => sp.prec = Some(p),
                    Some(None) => {
                        out.push_str("%!(NOVERB)");
                        return Ok(out);
                    }
                    None => sp.prec = Some(0),
                }
            }
        }
        arg_index(
            &mut chars,
            &mut argn,
            &mut reordered,
            &mut bad_index,
            args.len(),
        );
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if std::mem::take(&mut bad_index) {
            out.push_str(&format!("%!{verb}(BADINDEX)"));
            continue;
        }
        if verb == '%' {
            out.push('%');
            continue;
        }
        if verb == 'T' {
            match args.get(argn) {
                None => out.push_str("%!T(MISSING)"),
                Some(a) => pad(&mut out, sp, go_type(a)),
            }
            argn += 1;
            continue;
        }
        match args.get(argn) {
            None => out.push_str(&format!("%!{verb}(MISSING)")),
            Some(a) => value(&mut out, sp, verb, a),
        }
        argn += 1;
    }
    if !reordered && argn < args.len() {
        out.push_str("%!(EXTRA ");
        let extra: Vec<String> = args[argn..]
            .iter()
            .map(|a| match a {
                Value::Null => "<nil>".to_string(),
                a => format!("{}={}", go_type(a), plain(a)),
            })
            .collect();
        out.push_str(&extra.join(", "));
        out.push(')');
    }
    if out.len() > MAX_OUTPUT {
        return Err("output too large".into());
    }
    Ok(out)
}

/// `[n]` at the cursor: the next argument is the n-th (from 1).
fn arg_index(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    argn: &mut usize,
    reordered: &mut bool,
    bad: &mut bool,
    nargs: usize,
) {
    if chars.peek() != Some(&'[') {
        return;
    }
    chars.next();
    *reordered = true;
    let mut n = 0usize;
    let mut digits = 0;
    while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
        n = n.saturating_mul(10).saturating_add(d as usize);
        digits += 1;
        chars.next();
    }
    if chars.next() != Some(']') || digits == 0 || n == 0 || n > nargs {
        *bad = true;
        return;
    }
    *argn = n - 1;
}

/// Digits at the cursor: None if there are none, Some(None) if the number is too large.
fn number(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<Option<usize>> {
    let mut n: Option<usize> = None;
    while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
        if n.is_some_and(|n| n > 1_000_000) {
            // Go gives up on the rest of the format.
            for _ in chars.by_ref() {}
            return Some(None);
        }
        n = Some(n.unwrap_or(0) * 10 + d as usize);
        chars.next();
    }
    n.map(Some)
}

fn bad(out: &mut String, verb: char, v: &Value) {
    match v {
        Value::Null => out.push_str(&format!("%!{verb}(<nil>)")),
        v => out.push_str(&format!("%!{verb}({}={})", go_type(v), plain(v))),
    }
}

fn value(out: &mut String, sp: Spec, verb: char, v: &Value) {
    named(out, sp, verb, v, None)
}

/// `value` of a struct field or map value reached by `field` (which tells docker's maps
/// from its structs: `super::is_go_map`).
fn named(out: &mut String, sp: Spec, verb: char, v: &Value, field: Option<&str>) {
    if out.len() > MAX_OUTPUT {
        return;
    }
    if verb == 'v' && sp.sharp {
        return pad(out, Spec { zero: false, ..sp }, &go_syntax(v));
    }
    match v {
        // A nil map field prints as Go's empty map.
        Value::Null if verb == 'v' && super::is_map_field(field) => pad(out, sp, "map[]"),
        Value::Null => match verb {
            'v' => pad(out, sp, "<nil>"),
            _ => bad(out, verb, v),
        },
        Value::Bool(b) => match verb {
            't' | 'v' => pad(out, sp, if *b { "true" } else { "false" }),
            _ => bad(out, verb, v),
        },
        Value::String(s) => string(out, sp, verb, s, v),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                integer(out, sp, verb, i as i128, v)
            } else if let Some(u) = n.as_u64() {
                integer(out, sp, verb, u as i128, v)
            } else {
                float(out, sp, verb, n.as_f64().unwrap_or(0.0), v)
            }
        }
        Value::Array(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                value(out, sp, verb, e);
            }
            out.push(']');
        }
        Value::Object(m) if super::is_go_map(field, m) => {
            // Go prints a map's keys sorted.
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push_str("map[");
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                string(out, sp, verb, k, &Value::String(k.clone()));
                out.push(':');
                named(out, sp, verb, &m[k], None);
            }
            out.push(']');
        }
        // One of docker's structs: its fields' values in order, `{v1 v2}`.
        Value::Object(m) => {
            out.push('{');
            for (i, (k, e)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                named(out, sp, verb, e, Some(k));
            }
            out.push('}');
        }
    }
}

/// `%#v`: the value in Go's syntax, as the types JSON decodes to.
fn go_syntax(v: &Value) -> String {
    match v {
        Value::Null => "interface {}(nil)".into(),
        Value::String(s) => quote(s, '"', false),
        Value::Array(a) => format!(
            "[]interface {{}}{{{}}}",
            a.iter().map(go_syntax).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            format!(
                "map[string]interface {{}}{{{}}}",
                keys.into_iter()
                    .map(|k| format!("{}:{}", quote(k, '"', false), go_syntax(&m[k])))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        v => plain(v),
    }
}

/// Pad to the width with spaces (or zeros, Go pads strings with zeros too).
fn pad(out: &mut String, sp: Spec, s: &str) {
    let n = s.chars().count();
    let w = sp.width.unwrap_or(0);
    if n >= w {
        out.push_str(s);
        return;
    }
    let fill = if sp.zero { '0' } else { ' ' };
    let padding: String = std::iter::repeat_n(fill, w - n).collect();
    if sp.minus {
        out.push_str(s);
        out.extend(std::iter::repeat_n(' ', w - n));
    } else {
        out.push_str(&padding);
        out.push_str(s);
    }
}

fn string(out: &mut String, sp: Spec, verb: char, s: &str, v: &Value) {
    let s: String = match sp.prec {
        Some(p) if verb != 'x' && verb != 'X' => s.chars().take(p).collect(),
        _ => s.to_string(),
    };
    match verb {
        's' | 'v' => pad(out, sp, &s),
        'q' => {
            if sp.sharp && !s.contains('`') && !s.chars().any(|c| c.is_control() && c != '\t') {
                pad(out, sp, &format!("`{s}`"))
            } else {
                pad(out, sp, &quote(&s, '"', sp.plus))
            }
        }
        'x' | 'X' => {
            let bytes = s.as_bytes();
            let bytes = &bytes[..sp.prec.unwrap_or(bytes.len()).min(bytes.len())];
            let mut h = String::new();
            for (i, b) in bytes.iter().enumerate() {
                if sp.space && i > 0 {
                    h.push(' ');
                }
                if sp.sharp && (sp.space || i == 0) {
                    h.push_str(if verb == 'x' { "0x" } else { "0X" });
                }
                if verb == 'x' {
                    h.push_str(&format!("{b:02x}"));
                } else {
                    h.push_str(&format!("{b:02X}"));
                }
            }
            pad(out, sp, &h)
        }
        _ => bad(out, verb, v),
    }
}

/// strconv.Quote (`ascii`: QuoteToASCII), with `q` the quote character.
pub fn quote(s: &str, q: char, ascii: bool) -> String {
    let mut o = String::new();
    o.push(q);
    for c in s.chars() {
        match c {
            '\x07' => o.push_str("\\a"),
            '\x08' => o.push_str("\\b"),
            '\x0c' => o.push_str("\\f"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            '\x0b' => o.push_str("\\v"),
            '\\' => o.push_str("\\\\"),
            c if c == q => {
                o.push('\\');
                o.push(c);
            }
            c if (c as u32) < 0x20 || c == '\x7f' => o.push_str(&format!("\\x{:02x}", c as u32)),
            c if (ascii && !c.is_ascii()) || c.is_control() || c == '\u{feff}' || c == '\u{ad}' => {
                if (c as u32) < 0x10000 {
                    o.push_str(&format!("\\u{:04x}", c as u32))
                } else {
                    o.push_str(&format!("\\U{:08x}", c as u32))
                }
            }
            c => o.push(c),
        }
    }
    o.push(q);
    o
}

fn integer(out: &mut String, sp: Spec, verb: char, i: i128, v: &Value) {
    let neg = i < 0;
    let a = i.unsigned_abs();
    let (digits, prefix) = match verb {
        'd' | 'v' => (a.to_string(), ""),
        'x' => (format!("{a:x}"), if sp.sharp { "0x" } else { "" }),
        'X' => (format!("{a:X}"), if sp.sharp { "0X" } else { "" }),
        'o' => (format!("{a:o}"), if sp.sharp { "0" } else { "" }),
        'O' => (format!("{a:o}"), "0o"),
        'b' => (format!("{a:b}"), if sp.sharp { "0b" } else { "" }),
        'c' => {
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}');
            return pad(out, sp, &c.to_string());
        }
        'q' => {
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}');
            return pad(out, sp, &quote(&c.to_string(), '\'', sp.plus));
        }
        'U' => {
            let mut s = format!("U+{a:04X}");
            if sp.sharp {
                if let Some(c) = u32::try_from(i).ok().and_then(char::from_u32) {
                    s.push_str(&format!(" '{c}'"));
                }
            }
            return pad(out, sp, &s);
        }
        _ => return bad(out, verb, v),
    };
    let mut digits = digits;
    let sign = if neg {
        "-"
    } else if sp.plus {
        "+"
    } else if sp.space {
        " "
    } else {
        ""
    };
    // Precision: the least number of digits; zero padding from the width otherwise.
    let min = match sp.prec {
        Some(p) => p,
        None if sp.zero && !sp.minus => sp
            .width
            .unwrap_or(0)
            .saturating_sub(sign.len() + prefix.len()),
        None => 0,
    };
    if sp.prec == Some(0) && a == 0 {
        digits.clear();
    }
    if digits.len() < min {
        digits = "0".repeat(min - digits.len()) + &digits;
    }
    if verb == 'o' && sp.sharp && digits.starts_with('0') {
        return pad(out, Spec { zero: false, ..sp }, &format!("{sign}{digits}"));
    }
    pad(
        out,
        Spec { zero: false, ..sp },
        &format!("{sign}{prefix}{digits}"),
    )
}

fn float(out: &mut String, sp: Spec, verb: char, f: f64, v: &Value) {
    let body = match verb {
        'v' | 'g' | 'G' => {
            let s = fmt_g(f.abs(), sp.prec);
            if verb == 'G' {
                s.to_uppercase()
            } else {
                s
            }
        }
        'e' | 'E' => {
            let s = fmt_e(f.abs(), sp.prec.unwrap_or(6));
            if verb == 'E' {
                s.to_uppercase()
            } else {
                s
            }
        }
        'f' | 'F' => format!("{:.*}", sp.prec.unwrap_or(6), f.abs()),
        _ => return bad(out, verb, v),
    };
    let sign = if f.is_sign_negative() && f != 0.0 {
        "-"
    } else if sp.plus {
        "+"
    } else if sp.space {
        " "
    } else {
        ""
    };
    let w = sp.width.unwrap_or(0);
    let n = sign.len() + body.len();
    if sp.zero && !sp.minus && w > n {
        out.push_str(sign);
        out.push_str(&"0".repeat(w - n));
        out.push_str(&body);
        return;
    }
    pad(out, Spec { zero: false, ..sp }, &format!("{sign}{body}"))
}

/// The significant digits (trailing zeros trimmed) and the decimal exponent of `f`, rounded
/// to `prec` digits or shortest.
fn digits(f: f64, prec: Option<usize>) -> (String, i32) {
    let s = match prec {
        Some(p) => format!("{:.*e}", p.max(1) - 1, f),
        None => format!("{f:e}"),
    };
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let d: String = m.chars().filter(|c| c.is_ascii_digit()).collect();
    let d = d.trim_end_matches('0');
    let d = if d.is_empty() { "0" } else { d };
    (d.to_string(), e.parse().unwrap_or(0))
}

fn exp_suffix(e: i32) -> String {
    format!("e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%e` with `prec` decimals.
fn fmt_e(f: f64, prec: usize) -> String {
    let s = format!("{:.*e}", prec, f);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    format!("{m}{}", exp_suffix(e.parse().unwrap_or(0)))
}

/// strconv.FormatFloat(f, 'g', prec) (`None`: shortest).
fn fmt_g(f: f64, prec: Option<usize>) -> String {
    let (d, exp) = digits(f, prec);
    let nd = d.len() as i32;
    let dp = exp + 1;
    let mut p = prec.map_or(nd, |p| p.max(1) as i32);
    let mut eprec = p;
    if eprec > nd && nd >= dp {
        eprec = nd;
    }
    if prec.is_none() {
        eprec = 6;
    }
    if exp < -4 || exp >= eprec {
        if p > nd {
            p = nd;
        }
        let mut m = d[..1].to_string();
        if p > 1 {
            m.push('.');
            m.push_str(&d[1..]);
            m.push_str(&"0".repeat((p - nd).max(0) as usize));
        }
        return m + &exp_suffix(exp);
    }
    if p > dp {
        p = nd;
    }
    format!("{:.*}", (p - dp).max(0) as usize, f)
}
