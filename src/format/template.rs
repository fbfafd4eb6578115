//! A small subset of Go's text/template for `--format`: literal text, `{{.Field.Sub}}`,
//! `{{json .Field}}` and `{{json .}}`. (The full engine comes with the format work.)

use anyhow::{bail, Result};
use serde_json::Value;

pub fn render(tpl: &str, v: &Value) -> Result<String> {
    if tpl == "json" {
        return go_json(v);
    }
    let mut out = String::new();
    let mut rest = tpl;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find("}}") else {
            bail!("template: unclosed action in {tpl:?}")
        };
        let action = rest[i + 2..i + j]
            .trim()
            .trim_start_matches('-')
            .trim_end_matches('-')
            .trim();
        out.push_str(&eval(action, v)?);
        rest = &rest[i + j + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

fn eval(action: &str, v: &Value) -> Result<String> {
    let (func, path) = match action.split_once(char::is_whitespace) {
        Some((f, p)) => (Some(f), p.trim()),
        None => (None, action),
    };
    let target = lookup(path, v)?;
    match func {
        Some("json") => go_json(&target),
        Some("upper") => Ok(plain(&target).to_uppercase()),
        Some("lower") => Ok(plain(&target).to_lowercase()),
        Some(f) => bail!("template: function {f:?} not supported yet"),
        None => Ok(plain(&target)),
    }
}

fn lookup(path: &str, v: &Value) -> Result<Value> {
    if path == "." {
        return Ok(v.clone());
    }
    let Some(p) = path.strip_prefix('.') else {
        bail!("template: can't evaluate {path:?}")
    };
    let mut cur = v;
    for part in p.split('.') {
        match cur.get(part) {
            Some(n) => cur = n,
            None => bail!("template: can't evaluate field {part} in {path}"),
        }
    }
    Ok(cur.clone())
}

/// Go's json.Marshal: `<`, `>`, `&`, U+2028 and U+2029 escaped (they only occur inside
/// strings, so replacing them in the text is exact).
pub fn go_json(v: &Value) -> Result<String> {
    Ok(serde_json::to_string(v)?
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029"))
}

/// Go's default formatting of a value.
fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        // A nil pointer or interface, as Go prints it.
        Value::Null => "<nil>".into(),
        Value::Array(a) => format!("[{}]", a.iter().map(plain).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => format!(
            "map[{}]",
            m.iter()
                .map(|(k, v)| format!("{k}:{}", plain(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    #[test]
    fn renders() {
        let v = json!({"State": {"Status": "exited", "ExitCode": 3}, "Name": "/web", "Args": ["a", "b"]});
        assert_eq!(
            render("{{.State.Status}} {{.State.ExitCode}}", &v).unwrap(),
            "exited 3"
        );
        assert_eq!(render("{{json .Args}}", &v).unwrap(), "[\"a\",\"b\"]");
        assert_eq!(render("{{.Args}}", &v).unwrap(), "[a b]");
        assert!(render("{{.Nope}}", &v).is_err());
        let v = json!({"Digest": "<none>", "P": null});
        assert_eq!(
            render("{{json .}}", &v).unwrap(),
            r#"{"Digest":"\u003cnone\u003e","P":null}"#
        );
        assert_eq!(render("{{.Digest}} {{.P}}", &v).unwrap(), "<none> <nil>");
    }
}
