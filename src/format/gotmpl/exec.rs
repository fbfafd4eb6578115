//! Executing a parsed template over JSON data, as Go's `text/template/exec.go` does over
//! Go values: dot, variables and their scopes, pipelines, control structures, field
//! chains, and the printing of the final values.
//!
//! Fields: docker's data is Go structs (a missing field is an error) holding maps (labels,
//! options: a missing key is `<no value>`). JSON does not say which is which, so an object
//! is a map when it was reached as one of docker's map fields (`Labels`, `Options`, ...)
//! or has a key that does not start with a capital letter; otherwise a missing key is
//! docker's error `map has no entry for key "X"`.
//!
//! `.Label "k"` is docker's ps method: the value of label `k`, from the object's
//! `Labels` (an object, or ps's `a=b,c=d` string).

use super::fmt::{go_type, plain, MAX_OUTPUT};
use super::funcs::{self, truth, Val};
use super::parse::{Arg, Cmd, Control, Node, Pipe, Tree};
use anyhow::{anyhow, Result};
use serde_json::Value;

/// `{{template}}` calls and control structures nest at most this deep together (Go
/// allows 100,000 template calls; a thread's stack is smaller).
const MAX_EXEC_DEPTH: usize = 300;

/// At most this many loop iterations in one execution.
const MAX_ITERATIONS: u64 = 10_000_000;

enum Flow {
    Normal,
    Break,
    Continue,
}

pub struct Exec<'a> {
    src: &'a str,
    root: &'a Value,
    tree: &'a Tree,
    /// How deep `{{template}}` calls and control structures are nested.
    depth: usize,
    mode: Mode,
    vars: Vec<(String, Val)>,
    out: String,
    iterations: u64,
}

/// What the data is.
#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    /// Anything (inspect's objects).
    Plain,
    /// A listing's row: docker's row contexts marshal themselves with json.Marshal, so
    /// `json .` is HTML-escaped where `json` of anything else is not.
    Row,
    /// A table's header row: docker's HeaderFunctions leave the header cells intact
    /// (json, split, join, title, lower, upper and truncate give their first argument).
    Header,
}

/// The text, and the error that stopped it early (Go's Execute leaves what it wrote).
pub fn execute(src: &str, tree: &Tree, data: &Value, mode: Mode) -> (String, Result<()>) {
    let mut e = Exec {
        src,
        root: data,
        tree,
        depth: 0,
        mode,
        vars: vec![("$".into(), Some(data.clone()))],
        out: String::new(),
        iterations: 0,
    };
    let r = e.walk(&Some(data.clone()), &tree.main).map(|_| ());
    (e.out, r)
}

impl Exec<'_> {
    /// `template: :LINE:COL: executing "" at <NODE>: MSG`, Go's execution error.
    fn err(&self, pos: usize, node: &dyn std::fmt::Display, msg: &str) -> anyhow::Error {
        let pos = pos.min(self.src.len());
        let before = &self.src[..pos];
        let line = 1 + before.matches('\n').count();
        let col = pos - before.rfind('\n').map_or(0, |i| i + 1);
        anyhow!("template: :{line}:{col}: executing \"\" at <{node}>: {msg}")
    }

    fn walk(&mut self, dot: &Val, nodes: &[Node]) -> Result<Flow> {
        for n in nodes {
            match n {
                Node::Text(t) => self.emit(t, 0)?,
                Node::Action(p) => {
                    let v = self.pipe(dot, p)?;
                    if p.decl.is_empty() {
                        let s = match &v {
                            None => "<no value>".to_string(),
                            Some(v) => plain(v),
                        };
                        self.emit(&s, p.pos)?;
                    }
                }
                Node::If(c) | Node::With(c) => {
                    self.deeper(c.pipe.pos)?;
                    let mark = self.vars.len();
                    let v = self.pipe(dot, &c.pipe)?;
                    let is_with = matches!(n, Node::With(_));
                    let flow = if truth(&v) {
                        self.walk(if is_with { &v } else { dot }, &c.list)?
                    } else {
                        self.walk(dot, &c.else_list)?
                    };
                    self.vars.truncate(mark);
                    self.depth -= 1;
                    if !matches!(flow, Flow::Normal) {
                        return Ok(flow);
                    }
                }
                Node::Range(c) => {
                    self.deeper(c.pipe.pos)?;
                    let mark = self.vars.len();
                    let flow = self.range(dot, c)?;
                    self.vars.truncate(mark);
                    self.depth -= 1;
                    // A break in the else of a range inside another is the outer one's.
                    if !matches!(flow, Flow::Normal) {
                        return Ok(flow);
                    }
                }
                Node::Template(pos, name, pipe) => self.template(dot, *pos, name, pipe.as_ref())?,
                Node::Break => return Ok(Flow::Break),
                Node::Continue => return Ok(Flow::Continue),
            }
        }
        Ok(Flow::Normal)
    }

    /// `{{template "name" pipeline}}`: the named template with the pipeline as dot and
    /// `$`, in a scope of its own.
    fn template(&mut self, dot: &Val, pos: usize, name: &str, pipe: Option<&Pipe>) -> Result<()> {
        let node = format!("{{{{template {name:?}}}}}");
        let tree = self.tree;
        let Some(body) = tree.defines.get(name) else {
            return Err(self.err(pos, &node, &format!("template {name:?} not defined")));
        };
        self.deeper(pos)?;
        let v = match pipe {
            Some(p) => {
                let mark = self.vars.len();
                let v = self.pipe(dot, p)?;
                self.vars.truncate(mark);
                v
            }
            None => None,
        };
        let vars = std::mem::replace(&mut self.vars, vec![("$".into(), v.clone())]);
        let r = self.walk(&v, body);
        self.depth -= 1;
        self.vars = vars;
        r.map(|_| ())
    }

    /// One level deeper, within the limit.
    fn deeper(&mut self, pos: usize) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_EXEC_DEPTH {
            let msg = format!("exceeded maximum template depth ({MAX_EXEC_DEPTH})");
            return Err(self.err(pos, &"template", &msg));
        }
        Ok(())
    }

    fn emit(&mut self, s: &str, pos: usize) -> Result<()> {
        if self.out.len() + s.len() > MAX_OUTPUT {
            return Err(self.err(pos, &"output", "output larger than 64 MiB"));
        }
        self.out.push_str(s);
        Ok(())
    }

    fn range(&mut self, dot: &Val, c: &Control) -> Result<Flow> {
        let p = &c.pipe;
        let v = self.pipe_value(dot, p)?;
        let items: Vec<(Value, Value)> = match &v {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, e)| (i.into(), e.clone()))
                .collect(),
            // Go ranges over a map in key order.
            Some(Value::Object(m)) => {
                let mut kv: Vec<(Value, Value)> = m
                    .iter()
                    .map(|(k, e)| (Value::String(k.clone()), e.clone()))
                    .collect();
                kv.sort_by(|a, b| a.0.as_str().cmp(&b.0.as_str()));
                kv
            }
            Some(Value::Number(n)) if n.is_i64() => {
                if p.decl.len() > 1 {
                    return Err(self.err(p.pos, p, "can't use range over int with two variables"));
                }
                let n = n.as_i64().unwrap_or(0).max(0) as u64;
                if n > MAX_ITERATIONS {
                    return Err(self.err(p.pos, p, "range over too many iterations"));
                }
                (0..n).map(|i| (i.into(), i.into())).collect()
            }
            Some(v) => {
                return Err(self.err(p.pos, p, &format!("range can't iterate over {}", plain(v))))
            }
        };
        if items.is_empty() {
            return self.walk(dot, &c.else_list);
        }
        for (k, e) in items {
            self.iterations += 1;
            if self.iterations > MAX_ITERATIONS {
                return Err(self.err(p.pos, p, "too many loop iterations"));
            }
            let mark = self.vars.len();
            match p.decl.as_slice() {
                [] => {}
                [x] => self.set(x, Some(e.clone()), p.assign),
                [i, x] => {
                    self.set(i, Some(k), p.assign);
                    self.set(x, Some(e.clone()), p.assign);
                }
                _ => {}
            }
            let flow = self.walk(&Some(e), &c.list)?;
            self.vars.truncate(mark);
            if matches!(flow, Flow::Break) {
                break;
            }
        }
        Ok(Flow::Normal)
    }

    fn set(&mut self, name: &str, v: Val, assign: bool) {
        if assign {
            if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                slot.1 = v;
                return;
            }
        }
        self.vars.push((name.to_string(), v));
    }

    /// A pipeline's value, its declarations made.
    fn pipe(&mut self, dot: &Val, p: &Pipe) -> Result<Val> {
        let v = self.pipe_value(dot, p)?;
        if let Some(name) = p.decl.first() {
            self.set(name, v.clone(), p.assign);
        }
        Ok(v)
    }

    fn pipe_value(&mut self, dot: &Val, p: &Pipe) -> Result<Val> {
        let mut v: Option<Val> = None;
        for c in &p.cmds {
            v = Some(self.cmd(dot, c, v)?);
        }
        Ok(v.flatten())
    }

    fn cmd(&mut self, dot: &Val, c: &Cmd, last: Option<Val>) -> Result<Val> {
        let first = &c.args[0];
        let rest = &c.args[1..];
        let no_args = |e: &Self| -> Result<()> {
            if !rest.is_empty() || last.is_some() {
                return Err(e.err(
                    c.pos,
                    first,
                    &format!("can't give argument to non-function {first}"),
                ));
            }
            Ok(())
        };
        match first {
            Arg::Ident(pos, name) => self.call(dot, (*pos, first), (c.pos, c), name, rest, last),
            Arg::Field(pos, names) => {
                self.fields(dot, dot.clone(), None, *pos, first, names, rest, last)
            }
            Arg::Var(pos, name, names) => {
                let v = self.var(name, *pos, first)?;
                if names.is_empty() {
                    no_args(self)?;
                    return Ok(v);
                }
                self.fields(dot, v, None, *pos, first, names, rest, last)
            }
            Arg::Chain(inner, names) => {
                let v = self.arg(dot, inner)?;
                self.fields(dot, v, None, c.pos, first, names, rest, last)
            }
            Arg::Nil => Err(self.err(c.pos, first, "nil is not a command")),
            _ => {
                no_args(self)?;
                self.arg(dot, first)
            }
        }
    }

    fn var(&self, name: &str, pos: usize, node: &Arg) -> Result<Val> {
        match self.vars.iter().rev().find(|(n, _)| n == name) {
            Some((_, v)) => Ok(v.clone()),
            None => Err(self.err(pos, node, &format!("undefined variable: {name}"))),
        }
    }

    /// An argument's value.
    fn arg(&mut self, dot: &Val, a: &Arg) -> Result<Val> {
        match a {
            Arg::Dot => Ok(dot.clone()),
            Arg::Nil => Ok(Some(Value::Null)),
            Arg::Const(v) => Ok(Some(v.clone())),
            Arg::Field(pos, names) => {
                self.fields(dot, dot.clone(), None, *pos, a, names, &[], None)
            }
            Arg::Var(pos, name, names) => {
                let v = self.var(name, *pos, a)?;
                if names.is_empty() {
                    return Ok(v);
                }
                self.fields(dot, v, None, *pos, a, names, &[], None)
            }
            Arg::Chain(inner, names) => {
                let v = self.arg(dot, inner)?;
                self.fields(dot, v, None, 0, a, names, &[], None)
            }
            Arg::Ident(pos, name) => self.call(dot, (*pos, a), (*pos, a), name, &[], None),
            Arg::Pipe(p) => {
                let mark = self.vars.len();
                let v = self.pipe(dot, p);
                self.vars.truncate(mark);
                v
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn fields<'n>(
        &mut self,
        dot: &Val,
        mut v: Val,
        mut parent: Option<&'n str>,
        pos: usize,
        node: &Arg,
        names: &'n [String],
        args: &[Arg],
        last: Option<Val>,
    ) -> Result<Val> {
        for (i, name) in names.iter().enumerate() {
            let final_step = i + 1 == names.len();
            let has_args = final_step && (!args.is_empty() || last.is_some());
            // docker's `.Label "key"` method on ps rows.
            if final_step && name == "Label" {
                if let Some(Value::Object(m)) = &v {
                    if !m.contains_key("Label") && m.contains_key("Labels") {
                        let mut vals = Vec::new();
                        for a in args {
                            vals.push(self.arg(dot, a)?);
                        }
                        vals.extend(last.clone());
                        if self.mode == Mode::Header {
                            return label_header(&vals).map_err(|e| self.err(pos, node, &e));
                        }
                        return label(m.get("Labels"), &vals).map_err(|e| self.err(pos, node, &e));
                    }
                }
            }
            v = self.field(v, name, parent, pos, node)?;
            if has_args {
                return Err(self.err(
                    pos,
                    node,
                    &format!("{name} is not a method but has arguments"),
                ));
            }
            parent = Some(name);
        }
        Ok(v)
    }

    fn field(
        &self,
        v: Val,
        name: &str,
        parent: Option<&str>,
        pos: usize,
        node: &Arg,
    ) -> Result<Val> {
        match v {
            None => Ok(None),
            // A nil map (docker's labels) has no entries; any other nil is Go's error.
            Some(Value::Null) if super::is_map_field(parent) => Ok(None),
            Some(Value::Null) => Err(self.err(
                pos,
                node,
                &format!("nil pointer evaluating interface {{}}.{name}"),
            )),
            Some(Value::Object(mut m)) => match m.remove(name) {
                Some(x) => Ok(Some(x)),
                None => {
                    if super::is_go_map(parent, &m) {
                        Ok(None)
                    } else if let Some(zero) = super::omitted_field(name) {
                        Ok(Some(zero))
                    } else {
                        Err(self.err(pos, node, &format!("map has no entry for key {name:?}")))
                    }
                }
            },
            Some(x) => Err(self.err(
                pos,
                node,
                &format!("can't evaluate field {name} in type {}", go_type(&x)),
            )),
        }
    }

    /// Call function `name`: `ident` is its name's node (for errors in the number of
    /// arguments), `cmd` the command (for the function's own errors), as Go reports them.
    fn call(
        &mut self,
        dot: &Val,
        ident: (usize, &Arg),
        cmd: (usize, &dyn std::fmt::Display),
        name: &str,
        args: &[Arg],
        last: Option<Val>,
    ) -> Result<Val> {
        let (pos, node) = ident;
        let wrap = |e: &Self, m: String| e.err(cmd.0, cmd.1, &format!("error calling {name}: {m}"));
        match name {
            // Short-circuit: the first value that decides, evaluated lazily.
            "and" | "or" => {
                if args.is_empty() && last.is_none() {
                    return Err(self.err(
                        pos,
                        node,
                        &format!("wrong number of args for {name}: want at least 1 got 0"),
                    ));
                }
                let n = args.len() + usize::from(last.is_some());
                let mut v = None;
                for (i, a) in args.iter().enumerate() {
                    v = self.arg(dot, a)?;
                    if (name == "and") != truth(&v) && i + 1 < n {
                        return Ok(v);
                    }
                }
                Ok(match last {
                    Some(l) => l,
                    None => v,
                })
            }
            "call" => {
                let (f, callee) = match args.first() {
                    Some(a) => (self.arg(dot, a)?, a.to_string()),
                    None => {
                        let v = last.clone().flatten();
                        let s = v.as_ref().map(plain).unwrap_or_default();
                        (v, s)
                    }
                };
                let m = match f {
                    None | Some(Value::Null) => "call of nil".to_string(),
                    Some(v) => format!("non-function {callee} of type {}", go_type(&v)),
                };
                Err(wrap(self, m))
            }
            _ => {
                let mut vals = Vec::with_capacity(args.len() + 1);
                for a in args {
                    vals.push(self.arg(dot, a)?);
                }
                vals.extend(last);
                if name == "json"
                    && self.mode == Mode::Row
                    && vals.len() == 1
                    && vals[0].as_ref() == Some(self.root)
                {
                    return Ok(Some(Value::String(super::json::marshal_row(self.root))));
                }
                const INTACT: [&str; 7] = [
                    "json", "split", "join", "title", "lower", "upper", "truncate",
                ];
                if self.mode == Mode::Header && INTACT.contains(&name) && !vals.is_empty() {
                    return Ok(vals.swap_remove(0));
                }
                funcs::call(name, &vals).map_err(|m| {
                    if m.starts_with("wrong number of args") {
                        self.err(pos, node, &m)
                    } else {
                        wrap(self, m)
                    }
                })
            }
        }
    }
}

/// The header of a `.Label "key"` column, as docker's ContainerContext.Label adds it:
/// the key's last dot-separated part, `-` and `_` as spaces, in capitals.
fn label_header(args: &[Val]) -> Result<Val, String> {
    let [Some(Value::String(key))] = args else {
        return Err("wrong type for value; expected string".into());
    };
    let last = key.rsplit('.').next().unwrap_or(key);
    Ok(Some(Value::String(
        last.replace(['-', '_'], " ").to_uppercase(),
    )))
}

/// `.Label "key"`: a label from `Labels`, an object or ps's `a=b,c=d`.
fn label(labels: Option<&Value>, args: &[Val]) -> Result<Val, String> {
    let [key] = args else {
        return Err(format!(
            "wrong number of args for Label: want 1 got {}",
            args.len()
        ));
    };
    let Some(Value::String(key)) = key else {
        return Err("wrong type for value; expected string".into());
    };
    Ok(Some(Value::String(match labels {
        Some(Value::Object(m)) => m.get(key).map(plain).unwrap_or_default(),
        Some(Value::String(s)) => s
            .split(',')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    })))
}
