//! Go's text/template language, as docker's `--format` uses it: `lexer.rs` (items),
//! `parse.rs` (the tree), `exec.rs` (running it over JSON data), `funcs.rs` (Go's and
//! docker's functions), `fmt.rs` (Go's fmt: `%v`, print, printf), `json.rs` (Go's
//! encoding/json).

mod exec;
mod fmt;
mod funcs;
mod json;
mod lexer;
mod parse;

use anyhow::Result;
pub use json::{marshal, marshal_indent};
use serde_json::{Map, Value};

/// docker's fields that hold maps (Go `map[string]...`); other objects of its types
/// are structs.
const MAP_FIELDS: [&str; 12] = [
    "Labels",
    "Options",
    "Annotations",
    "DriverOpts",
    "Data",
    "Ports",
    "Networks",
    "ExposedPorts",
    "Volumes",
    "Sysctls",
    "StorageOpt",
    "Tmpfs",
];

/// docker's struct fields left out of its JSON when empty (`omitempty`): a template
/// still finds them, with their zero value (nil pointers, "").
fn omitted_field(name: &str) -> Option<Value> {
    match name {
        "Health" | "Healthcheck" | "StopTimeout" => Some(Value::Null),
        "StopSignal" => Some(Value::String(String::new())),
        _ => None,
    }
}

/// Whether `field` (the name it was reached by) is one of docker's map fields.
fn is_map_field(field: Option<&str>) -> bool {
    field.is_some_and(|f| MAP_FIELDS.contains(&f))
}

/// Is this object a Go map (printed `map[k:v]`, keys sorted, missing keys no error)
/// rather than one of docker's structs (printed `{v1 v2}` in field order)? A map
/// field by name, an empty object, or one with a key no Go field could have.
fn is_go_map(field: Option<&str>, m: &Map<String, Value>) -> bool {
    is_map_field(field)
        || m.is_empty()
        || m.keys()
            .any(|k| !k.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// A parsed template.
pub struct Template {
    src: String,
    tree: parse::Tree,
}

impl Template {
    /// Parse `src`; errors are Go's (`template: :1: function "foo" not defined`).
    pub fn parse(src: &str) -> Result<Template> {
        Ok(Template {
            src: src.to_string(),
            tree: parse::parse(src)?,
        })
    }

    /// Run over `data`; errors are Go's (`template: :1:2: executing "" at <.X>: ...`).
    pub fn execute(&self, data: &Value) -> Result<String> {
        let (out, r) = exec::execute(&self.src, &self.tree, data, exec::Mode::Plain);
        r.map(|_| out)
    }

    /// Run over a listing's row (ps, images): as `execute`, but `json .` is escaped as
    /// docker's row contexts marshal themselves (json.Marshal: `\u003c` for `<`).
    pub fn execute_row(&self, data: &Value) -> Result<String> {
        let (out, r) = exec::execute(&self.src, &self.tree, data, exec::Mode::Row);
        r.map(|_| out)
    }

    /// Run over a table's headers (an object of header cells): docker's functions that
    /// change text (json, split, join, title, lower, upper, truncate) leave them intact.
    /// Returns what was written before any error, which docker ignores here.
    pub fn execute_header(&self, headers: &Value) -> String {
        exec::execute(&self.src, &self.tree, headers, exec::Mode::Header).0
    }
}

#[cfg(test)]
mod tests;
