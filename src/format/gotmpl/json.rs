//! Go's encoding/json for JSON values: json.Marshal (`escape_html`: `<`, `>`, `&` as
//! `\u003c`...) and docker's `json` template function (an Encoder with SetEscapeHTML
//! false). Floats are written as Go writes them (`1`, not `1.0`; `1e+21`), map keys in
//! sorted order, U+2028 and U+2029 always escaped.

use serde_json::Value;
use std::fmt::Write;

pub fn marshal(v: &Value, escape_html: bool) -> String {
    let mut out = String::new();
    write_value(&mut out, v, escape_html, None, None);
    out
}

/// A listing's row as docker's row contexts marshal themselves: a Go map (keys
/// sorted), escaped.
pub fn marshal_row(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v, true, Some("Labels"), None);
    out
}

/// json.MarshalIndent(v, "", indent), as `docker inspect` prints.
pub fn marshal_indent(v: &Value, indent: &str) -> String {
    let mut out = String::new();
    write_value(&mut out, v, true, None, Some((indent, 0)));
    out
}

fn newline(out: &mut String, pretty: Option<(&str, usize)>) {
    if let Some((ind, depth)) = pretty {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(ind);
        }
    }
}

/// `field`: the name the value was reached by (a map's keys are sorted, a struct's
/// fields keep their order: `super::is_go_map`); `pretty`: indent and depth.
fn write_value(
    out: &mut String,
    v: &Value,
    html: bool,
    field: Option<&str>,
    pretty: Option<(&str, usize)>,
) {
    let inner = pretty.map(|(i, d)| (i, d + 1));
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => {
                let _ = write!(out, "{i}");
            }
            (_, Some(u)) => {
                let _ = write!(out, "{u}");
            }
            _ => float(out, n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => string(out, s, html),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Array(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write_value(out, e, html, None, inner);
            }
            newline(out, pretty);
            out.push(']');
        }
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            if super::is_go_map(field, m) {
                keys.sort();
            }
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                string(out, k, html);
                out.push(':');
                if pretty.is_some() {
                    out.push(' ');
                }
                write_value(out, &m[k], html, Some(k), inner);
            }
            newline(out, pretty);
            out.push('}');
        }
    }
}

/// encoding/json's floats: shortest digits, `%f` form unless the exponent is below -6 or
/// at least 21, then `%e` form with a one-digit exponent kept short (`1e-07` → `1e-7`).
fn float(out: &mut String, f: f64) {
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let s = format!("{f:e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let e: i32 = e.parse().unwrap_or(0);
        let _ = write!(out, "{m}e{}{}", if e < 0 { '-' } else { '+' }, e.abs());
    } else {
        // Display of f64 is the shortest repr without an exponent; drop Rust's ".0".
        let s = f.to_string();
        out.push_str(s.strip_suffix(".0").unwrap_or(&s));
    }
}

fn string(out: &mut String, s: &str, html: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '<' | '>' | '&' if html => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn as_go_marshals() {
        let v = json!({"b": [1, -2, 1.5, 1.0, 1e21, 1e-7, 0.000001, 123456789.0, 0.0],
            "a": "<&>\u{2028}\n\u{1}\u{8}\"\\", "c": null, "d": true, "e": u64::MAX});
        assert_eq!(
            marshal(&v, true),
            r#"{"a":"\u003c\u0026\u003e\u2028\n\u0001\b\"\\","b":[1,-2,1.5,1,1e+21,1e-7,0.000001,123456789,0],"c":null,"d":true,"e":18446744073709551615}"#
        );
        assert_eq!(marshal(&json!("<a&b>"), false), r#""<a&b>""#);
        // A struct keeps its field order, a map (by name) is sorted.
        let v =
            json!({"Z": 1, "A": {"b": 1, "a": 2}, "Labels": {"Y": 1, "X": 2}, "E": [], "F": {}});
        assert_eq!(
            marshal(&v, true),
            r#"{"Z":1,"A":{"a":2,"b":1},"Labels":{"X":2,"Y":1},"E":[],"F":{}}"#
        );
        assert_eq!(
            marshal_indent(&json!([{"Id": "x", "L": [1, 2], "E": []}]), "    "),
            "[\n    {\n        \"Id\": \"x\",\n        \"L\": [\n            1,\n            2\n        ],\n        \"E\": []\n    }\n]"
        );
    }
}
