//! `--format` templates: docker's Go text/template language (the engine is
//! `format/gotmpl/`), and `json`, the whole value as docker prints it.

use super::gotmpl::Template;
use anyhow::{anyhow, Result};
use serde_json::Value;

/// Render `tpl` over `v`. Errors are docker's: `template parsing error: ` and Go's
/// `template: :1: ...` when it does not parse, or
/// `template: :1:2: executing "" at <.X>: ...` when it fails while it runs.
pub fn render(tpl: &str, v: &Value) -> Result<String> {
    if tpl == "json" {
        return go_json(v);
    }
    parse(tpl)?.execute(v).map_err(wrap)
}

/// `render` for a listing's row (ps, images): docker's row contexts marshal themselves
/// with json.Marshal, so `{{json .}}` is HTML-escaped (`\u003cnone\u003e`) while `json`
/// of a field is not (docker's `json` function does not escape).
pub fn render_row(tpl: &str, v: &Value) -> Result<String> {
    parse(tpl)?.execute_row(v).map_err(wrap)
}

/// `render` for a table's header row: docker's HeaderFunctions keep the cells intact
/// (`{{upper .Names}}` is headed `NAMES`, `{{truncate .ID 5}}` `CONTAINER ID`), and an
/// error while it runs leaves the cells written before it, as docker ignores it.
pub fn render_header(tpl: &str, headers: &Value) -> Result<String> {
    Ok(parse(tpl)?.execute_header(headers))
}

fn parse(tpl: &str) -> Result<Template> {
    Template::parse(tpl).map_err(wrap)
}

fn wrap(e: anyhow::Error) -> anyhow::Error {
    anyhow!("template parsing error: {e}")
}

/// Go's json.Marshal: `<`, `>`, `&`, U+2028 and U+2029 escaped, floats as Go writes them.
pub fn go_json(v: &Value) -> Result<String> {
    Ok(super::gotmpl::marshal(v, true))
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
        // A listing's row marshals itself escaped; docker's `json` function does not escape.
        assert_eq!(
            render_row("{{json .}} {{json .Digest}}", &v).unwrap(),
            r#"{"Digest":"\u003cnone\u003e","P":null} "<none>""#
        );
        assert_eq!(
            render("{{json .}}", &v).unwrap(),
            r#"{"Digest":"<none>","P":null}"#
        );
        assert_eq!(render("{{.Digest}} {{.P}}", &v).unwrap(), "<none> <nil>");
    }
}
