//! `--format` for listings (`ps`, later `images` ...): a Go template per item, `json`
//! (one object per line), or `table TEMPLATE` with docker's headers and alignment.

use super::table::Table;
use super::template;
use anyhow::Result;
use serde_json::Value;

/// Render `items` as `format` says. `headers` maps field names to table headers
/// (`ID` → `CONTAINER ID`). Returns the text to print.
pub fn render(format: &str, headers: &[(&str, &str)], items: &[Value]) -> Result<String> {
    // docker's preFormat: `table` off, spaces trimmed, then `\t` and `\n` typed as
    // escapes made tabs and newlines.
    let (table, tpl) = match format.strip_prefix("table") {
        Some(rest) => (true, rest),
        None => (false, format),
    };
    let tpl = tpl
        .trim_matches(' ')
        .replace("\\t", "\t")
        .replace("\\n", "\n");
    let tpl = if tpl == "json" {
        "{{json .}}".to_string()
    } else {
        tpl
    };
    if !table {
        let mut out = String::new();
        for it in items {
            out.push_str(&template::render_row(&tpl, it)?);
            out.push('\n');
        }
        return Ok(out);
    }
    let header_row = template::render_header(&tpl, &header_values(&tpl, headers))?;
    let mut t = Table::new(&header_row.split('\t').collect::<Vec<_>>());
    for it in items {
        let line = template::render_row(&tpl, it)?;
        t.row(line.split('\t').map(String::from).collect());
    }
    Ok(t.render())
}

/// An object whose fields render as their headers, for the table's first row.
fn header_values(tpl: &str, headers: &[(&str, &str)]) -> Value {
    let mut m = serde_json::Map::new();
    for (field, header) in headers {
        m.insert(field.to_string(), Value::String(header.to_string()));
    }
    // Fields without a known header show their own name in capitals, as docker does.
    for part in tpl.split("{{").skip(1) {
        if let Some(f) = part
            .split("}}")
            .next()
            .and_then(|a| a.trim().strip_prefix('.'))
        {
            let end = f
                .find(|c: char| !c.is_alphanumeric() && c != '_')
                .unwrap_or(f.len());
            let f = &f[..end];
            // ps's method `.Label "k"` reads `Labels`; its header cell is empty.
            let f = if f == "Label" { "Labels" } else { f };
            m.entry(f.to_string())
                .or_insert_with(|| Value::String(f.to_uppercase()));
        }
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_json_and_table() {
        let items = [
            json!({"ID": "abc", "Names": "web"}),
            json!({"ID": "def", "Names": "db"}),
        ];
        let h = [("ID", "CONTAINER ID"), ("Names", "NAMES")];
        assert_eq!(render("{{.Names}}", &h, &items).unwrap(), "web\ndb\n");
        assert_eq!(
            render("json", &h, &items[..1]).unwrap(),
            "{\"ID\":\"abc\",\"Names\":\"web\"}\n"
        );
        assert_eq!(
            render("table {{.ID}}\\t{{.Names}}", &h, &items).unwrap(),
            "CONTAINER ID   NAMES\nabc            web\ndef            db\n"
        );
        // ps's `.Label "key"` column is headed by the key's last part.
        let items = [json!({"Names": "web", "Labels": "com.example.tier-x=db,a=b"})];
        assert_eq!(
            render(
                "table {{.Names}}\\t{{.Label \"com.example.tier-x\"}}",
                &h,
                &items
            )
            .unwrap(),
            "NAMES     TIER X\nweb       db\n"
        );
        let items = [
            json!({"ID": "abc", "Names": "web"}),
            json!({"ID": "def", "Names": "db"}),
        ];
        // Headers stay intact through docker's functions.
        assert_eq!(
            render("table {{truncate .ID 2}}\\t{{upper .Names}}", &h, &items).unwrap(),
            "CONTAINER ID   NAMES\nab             WEB\nde             DB\n"
        );
    }
}
