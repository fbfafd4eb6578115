//! Go's text/template parser (`text/template/parse/parse.go`): the items from the lexer
//! into a tree of text, actions and control structures. Nesting is limited to
//! `MAX_DEPTH`, so hostile templates cannot overflow the stack.

use super::funcs;
use super::lexer::{err_at, lex, Item, Tok};
use anyhow::{bail, Result};
use serde_json::Value;
use std::collections::HashMap;

pub const MAX_DEPTH: usize = 100;

#[derive(Debug, Clone)]
pub enum Node {
    Text(String),
    Action(Pipe),
    If(Control),
    Range(Control),
    With(Control),
    Break,
    Continue,
    /// `{{template "name" pipeline}}` (and the call half of `{{block}}`).
    Template(usize, String, Option<Pipe>),
}

/// A template and the ones it defines (`{{define}}`, `{{block}}`).
pub struct Tree {
    pub main: Vec<Node>,
    pub defines: HashMap<String, Vec<Node>>,
}

#[derive(Debug, Clone)]
pub struct Control {
    pub pipe: Pipe,
    pub list: Vec<Node>,
    pub else_list: Vec<Node>,
}

#[derive(Debug, Clone)]
pub struct Pipe {
    pub pos: usize,
    pub decl: Vec<String>,
    /// `$x = ...` rather than `$x := ...`.
    pub assign: bool,
    pub cmds: Vec<Cmd>,
}

#[derive(Debug, Clone)]
pub struct Cmd {
    pub pos: usize,
    pub args: Vec<Arg>,
}

#[derive(Debug, Clone)]
pub enum Arg {
    Dot,
    Nil,
    /// `.A.B`
    Field(usize, Vec<String>),
    /// `$x.A.B`
    Var(usize, String, Vec<String>),
    /// `(pipe).A.B`
    Chain(Box<Arg>, Vec<String>),
    Ident(usize, String),
    Const(Value),
    Pipe(Box<Pipe>),
}

impl std::fmt::Display for Arg {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let fields = |f: &mut std::fmt::Formatter, v: &[String]| -> std::fmt::Result {
            v.iter().try_for_each(|s| write!(f, ".{s}"))
        };
        match self {
            Arg::Dot => write!(f, "."),
            Arg::Nil => write!(f, "nil"),
            Arg::Field(_, v) => fields(f, v),
            Arg::Var(_, n, v) => {
                write!(f, "{n}")?;
                fields(f, v)
            }
            Arg::Chain(a, v) => {
                write!(f, "{a}")?;
                fields(f, v)
            }
            Arg::Ident(_, n) => write!(f, "{n}"),
            Arg::Const(Value::String(s)) => write!(f, "{s:?}"),
            Arg::Const(v) => write!(f, "{v}"),
            Arg::Pipe(p) => write!(f, "({p})"),
        }
    }
}

impl std::fmt::Display for Pipe {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        if !self.decl.is_empty() {
            write!(
                f,
                "{} {} ",
                self.decl.join(", "),
                if self.assign { "=" } else { ":=" }
            )?;
        }
        for (i, c) in self.cmds.iter().enumerate() {
            if i > 0 {
                write!(f, " | ")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

impl std::fmt::Display for Cmd {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        for (i, a) in self.args.iter().enumerate() {
            if i > 0 {
                write!(f, " ")?;
            }
            write!(f, "{a}")?;
        }
        Ok(())
    }
}

struct Parser<'a> {
    src: &'a str,
    items: Vec<Item>,
    i: usize,
    vars: Vec<String>,
    depth: usize,
    range_depth: usize,
    defines: HashMap<String, Vec<Node>>,
}

/// Why a list ended.
enum Stop {
    Eof,
    End,
    /// `{{else}}`, or `{{else if ...}}` / `{{else with ...}}` (the keyword).
    Else(Option<&'static str>),
}

pub fn parse(src: &str) -> Result<Tree> {
    let mut p = Parser {
        src,
        items: lex(src)?,
        i: 0,
        vars: vec!["$".into()],
        depth: 0,
        range_depth: 0,
        defines: HashMap::new(),
    };
    let (list, end) = p.list()?;
    match end {
        Stop::Eof => Ok(Tree {
            main: list,
            defines: p.defines,
        }),
        Stop::End => bail!(p.err("unexpected {{end}}")),
        Stop::Else(_) => bail!(p.err("unexpected {{else}}")),
    }
}

impl Parser<'_> {
    fn pos(&self) -> usize {
        self.items.get(self.i).map_or(self.src.len(), |it| it.pos)
    }

    fn err(&self, msg: &str) -> anyhow::Error {
        err_at(self.src, self.pos(), msg)
    }

    fn peek(&self) -> Option<&Tok> {
        self.items.get(self.i).map(|it| &it.tok)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.items.get(self.i).map(|it| it.tok.clone());
        self.i += 1;
        t
    }

    fn skip_space(&mut self) {
        while self.peek() == Some(&Tok::Space) {
            self.i += 1;
        }
    }

    fn next_non_space(&mut self) -> Option<Tok> {
        self.skip_space();
        self.next()
    }

    fn expect_right(&mut self, ctx: &str) -> Result<()> {
        match self.next_non_space() {
            Some(Tok::Right) => Ok(()),
            _ => {
                self.i = self.i.saturating_sub(1);
                bail!(self.err(&format!("unexpected {} in {ctx}", self.describe())))
            }
        }
    }

    fn describe(&self) -> String {
        match self.peek() {
            None => "EOF".into(),
            Some(Tok::Right) => "\"}}\"".into(),
            Some(Tok::RParen) => "\")\"".into(),
            Some(Tok::Keyword(k)) => format!("<{k}>"),
            Some(Tok::Space) => "space".into(),
            // Go's item text: the source, quoted, cut after 10 characters.
            Some(_) => {
                let start = self.items[self.i].pos;
                let end = self
                    .items
                    .get(self.i + 1)
                    .map_or(self.src.len(), |it| it.pos);
                let text = self.src.get(start..end).unwrap_or("").trim_end();
                let short: String = text.chars().take(10).collect();
                let q = super::fmt::quote(&short, '"', false);
                if short.len() < text.len() {
                    format!("{q}...")
                } else {
                    q
                }
            }
        }
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            bail!(self.err(&format!(
                "template nested more than {MAX_DEPTH} levels deep"
            )))
        }
        Ok(())
    }

    fn list(&mut self) -> Result<(Vec<Node>, Stop)> {
        let mut out = Vec::new();
        loop {
            match self.next() {
                None => return Ok((out, Stop::Eof)),
                Some(Tok::Text(t)) => out.push(Node::Text(t)),
                Some(Tok::Left) => match self.next_non_space() {
                    Some(Tok::Keyword("end")) => {
                        self.expect_right("end")?;
                        return Ok((out, Stop::End));
                    }
                    Some(Tok::Keyword("else")) => {
                        self.skip_space();
                        let kw = match self.peek() {
                            Some(Tok::Keyword(k @ ("if" | "with"))) => {
                                let k: &'static str = k;
                                self.i += 1;
                                Some(k)
                            }
                            _ => {
                                self.expect_right("else")?;
                                None
                            }
                        };
                        return Ok((out, Stop::Else(kw)));
                    }
                    Some(Tok::Keyword(k @ ("if" | "range" | "with"))) => {
                        out.push(self.control(k)?);
                    }
                    Some(Tok::Keyword(k @ ("break" | "continue"))) => {
                        if self.range_depth == 0 {
                            self.i -= 1;
                            bail!(self.err(&format!("{{{{{k}}}}} outside {{{{range}}}}")))
                        }
                        self.expect_right(k)?;
                        out.push(if k == "break" {
                            Node::Break
                        } else {
                            Node::Continue
                        });
                    }
                    Some(Tok::Keyword("define")) if self.depth == 0 => {
                        let name = self.template_name("define")?;
                        self.expect_right("define clause")?;
                        let body = self.definition()?;
                        self.defines.insert(name, body);
                    }
                    Some(Tok::Keyword("block")) => {
                        let pos = self.items[self.i - 1].pos;
                        let name = self.template_name("block")?;
                        let pipe = self.pipeline("block clause", true)?;
                        let body = self.definition()?;
                        self.defines.insert(name.clone(), body);
                        out.push(Node::Template(pos, name, Some(pipe)));
                    }
                    Some(Tok::Keyword("template")) => {
                        let pos = self.items[self.i - 1].pos;
                        let name = self.template_name("template")?;
                        self.skip_space();
                        let pipe = if self.peek() == Some(&Tok::Right) {
                            self.i += 1;
                            None
                        } else {
                            Some(self.pipeline("template clause", true)?)
                        };
                        out.push(Node::Template(pos, name, pipe));
                    }
                    Some(Tok::Keyword(k)) => {
                        self.i -= 1;
                        bail!(self.err(&format!("unexpected <{k}> in command")))
                    }
                    Some(_) => {
                        self.i -= 1;
                        let pipe = self.pipeline("command", true)?;
                        out.push(Node::Action(pipe));
                    }
                    None => bail!(self.err("unclosed action")),
                },
                Some(t) => bail!(self.err(&format!("unexpected {t:?}"))),
            }
        }
    }

    /// The quoted name after `define`, `block` or `template`.
    fn template_name(&mut self, ctx: &str) -> Result<String> {
        match self.next_non_space() {
            Some(Tok::Str(s)) => Ok(s),
            _ => {
                self.i -= 1;
                bail!(self.err(&format!("unexpected {} in {ctx} clause", self.describe())))
            }
        }
    }

    /// A `define` or `block` body up to its `{{end}}`: its own variables, `$` its dot.
    fn definition(&mut self) -> Result<Vec<Node>> {
        self.enter()?;
        let vars = std::mem::replace(&mut self.vars, vec!["$".into()]);
        let range_depth = std::mem::take(&mut self.range_depth);
        let (body, end) = self.list()?;
        self.vars = vars;
        self.range_depth = range_depth;
        self.depth -= 1;
        match end {
            Stop::End => Ok(body),
            Stop::Eof => bail!(self.err("unexpected EOF")),
            Stop::Else(_) => bail!(self.err("unexpected {{else}}")),
        }
    }

    /// `if`, `range` or `with`, after the keyword: the pipeline, the list, an optional else.
    fn control(&mut self, kw: &'static str) -> Result<Node> {
        self.enter()?;
        let mark = self.vars.len();
        let pipe = self.pipeline(kw, true)?;
        if pipe.cmds.is_empty() {
            bail!(self.err(&format!("missing value for {kw}")))
        }
        if kw == "range" {
            self.range_depth += 1;
        }
        let (list, end) = self.list()?;
        if kw == "range" {
            self.range_depth -= 1;
        }
        let else_list = match end {
            Stop::Eof => bail!(self.err("unexpected EOF")),
            Stop::End => Vec::new(),
            Stop::Else(None) => match self.list()? {
                (l, Stop::End) => l,
                (_, Stop::Eof) => bail!(self.err("unexpected EOF")),
                (_, Stop::Else(_)) => bail!(self.err("expected end; found {{else}}")),
            },
            // `{{else if x}}`: an if inside the else, sharing this one's end.
            Stop::Else(Some(k)) => {
                if k != kw || kw == "range" {
                    bail!(self.err(&format!("unexpected <{k}> in else")))
                }
                vec![self.control(k)?]
            }
        };
        self.vars.truncate(mark);
        self.depth -= 1;
        let c = Control {
            pipe,
            list,
            else_list,
        };
        Ok(match kw {
            "if" => Node::If(c),
            "range" => Node::Range(c),
            _ => Node::With(c),
        })
    }

    /// A pipeline up to `}}` (or `)` when `top` is false), with its declarations.
    fn pipeline(&mut self, ctx: &str, top: bool) -> Result<Pipe> {
        self.skip_space();
        let pos = self.pos();
        let mut pipe = Pipe {
            pos,
            decl: Vec::new(),
            assign: false,
            cmds: Vec::new(),
        };
        // Declarations: `$x :=`, `$x =`, `$i, $e :=` (range only).
        let save = self.i;
        if let Some(Tok::Var(v)) = self.peek().cloned() {
            self.i += 1;
            self.skip_space();
            match self.peek() {
                Some(Tok::Declare) | Some(Tok::Assign) => {
                    pipe.assign = self.peek() == Some(&Tok::Assign);
                    self.i += 1;
                    pipe.decl.push(v);
                }
                Some(Tok::Comma) if ctx == "range" => {
                    self.i += 1;
                    self.skip_space();
                    match (self.next(), {
                        self.skip_space();
                        self.next()
                    }) {
                        (Some(Tok::Var(w)), Some(t @ (Tok::Declare | Tok::Assign))) => {
                            pipe.assign = t == Tok::Assign;
                            pipe.decl.push(v);
                            pipe.decl.push(w);
                        }
                        _ => bail!(self.err("range can only initialize variables")),
                    }
                }
                _ => self.i = save,
            }
        }
        for v in &pipe.decl {
            if pipe.assign {
                if !self.vars.contains(v) {
                    bail!(self.err(&format!("undefined variable {v:?}")))
                }
            } else {
                self.vars.push(v.clone());
            }
        }
        loop {
            self.skip_space();
            match self.peek() {
                Some(Tok::Right) if top => {
                    self.i += 1;
                    break;
                }
                Some(Tok::RParen) if !top => {
                    self.i += 1;
                    break;
                }
                None => bail!(self.err("unclosed action")),
                _ => {}
            }
            pipe.cmds.push(self.command()?);
            match self.peek() {
                Some(Tok::Pipe) => {
                    self.i += 1;
                    self.skip_space();
                    if matches!(self.peek(), Some(Tok::Right | Tok::RParen)) {
                        bail!(self.err("missing command"))
                    }
                }
                Some(Tok::Right) if top => {}
                Some(Tok::RParen) if !top => {}
                _ => bail!(self.err(&format!("unexpected {} in {ctx}", self.describe()))),
            }
        }
        if pipe.cmds.is_empty() && (ctx == "command" || !pipe.decl.is_empty()) {
            bail!(self.err(&format!("missing value for {ctx}")))
        }
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if let Some(Arg::Const(_) | Arg::Nil | Arg::Dot) = c.args.first() {
                let msg = format!("non executable command in pipeline stage {}", i + 1);
                bail!(err_at(self.src, c.pos, &msg))
            }
        }
        Ok(pipe)
    }

    fn command(&mut self) -> Result<Cmd> {
        let pos = self.pos();
        let mut cmd = Cmd {
            pos,
            args: Vec::new(),
        };
        loop {
            self.skip_space();
            match self.peek() {
                None | Some(Tok::Right | Tok::RParen | Tok::Pipe) => break,
                _ => {}
            }
            cmd.args.push(self.operand()?);
            match self.peek() {
                Some(Tok::Space) => {}
                Some(Tok::Right | Tok::RParen | Tok::Pipe) => break,
                _ => bail!(self.err(&format!("unexpected {} in operand", self.describe()))),
            }
        }
        if cmd.args.is_empty() {
            bail!(self.err("empty command"))
        }
        Ok(cmd)
    }

    fn operand(&mut self) -> Result<Arg> {
        let term = self.term()?;
        let mut chain = Vec::new();
        while let Some(Tok::Field(f)) = self.peek().cloned() {
            self.i += 1;
            chain.push(f);
        }
        if chain.is_empty() {
            return Ok(term);
        }
        Ok(match term {
            Arg::Field(p, mut v) => {
                v.extend(chain);
                Arg::Field(p, v)
            }
            Arg::Var(p, n, mut v) => {
                v.extend(chain);
                Arg::Var(p, n, v)
            }
            Arg::Pipe(_) | Arg::Ident(..) => Arg::Chain(Box::new(term), chain),
            Arg::Dot => bail!(self.err("unexpected . after term \".\"")),
            t => bail!(self.err(&format!("unexpected . after term {:?}", t.to_string()))),
        })
    }

    fn term(&mut self) -> Result<Arg> {
        let pos = self.pos();
        Ok(match self.next() {
            Some(Tok::Ident(n)) => {
                if !funcs::exists(&n) {
                    self.i -= 1;
                    bail!(self.err(&format!("function {n:?} not defined")))
                }
                Arg::Ident(pos, n)
            }
            Some(Tok::Dot) => Arg::Dot,
            Some(Tok::Nil) => Arg::Nil,
            Some(Tok::Var(v)) => {
                if !self.vars.contains(&v) {
                    self.i -= 1;
                    bail!(self.err(&format!("undefined variable {v:?}")))
                }
                Arg::Var(pos, v, Vec::new())
            }
            Some(Tok::Field(f)) => Arg::Field(pos, vec![f]),
            Some(Tok::Bool(b)) => Arg::Const(Value::Bool(b)),
            Some(Tok::Str(s)) => Arg::Const(Value::String(s)),
            Some(Tok::Char(c)) => Arg::Const(Value::from(c as u32)),
            Some(Tok::Number(n)) => Arg::Const(
                number(&n)
                    .ok_or_else(|| err_at(self.src, pos, &format!("bad number syntax: {n:?}")))?,
            ),
            Some(Tok::LParen) => {
                self.enter()?;
                let p = self.pipeline("parenthesized pipeline", false)?;
                self.depth -= 1;
                Arg::Pipe(Box::new(p))
            }
            _ => {
                self.i -= 1;
                bail!(self.err(&format!("unexpected {} in operand", self.describe())))
            }
        })
    }
}

/// A Go number constant: an integer where it is one, else a float.
fn number(text: &str) -> Option<Value> {
    let t = text.replace('_', "");
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    let radix = |p: &str, r| {
        body.strip_prefix(p)
            .or(body.strip_prefix(&p.to_uppercase()))
            .map(|d| (d.to_string(), r))
    };
    let int = radix("0x", 16)
        .or_else(|| radix("0o", 8))
        .or_else(|| radix("0b", 2))
        .or_else(|| {
            if body.len() > 1 && body.starts_with('0') && body.bytes().all(|c| c.is_ascii_digit()) {
                Some((body[1..].to_string(), 8))
            } else if body.bytes().all(|c| c.is_ascii_digit()) {
                Some((body.to_string(), 10))
            } else {
                None
            }
        });
    if let Some((digits, r)) = int {
        if let Ok(v) = i128::from_str_radix(&digits, r) {
            let v = if neg { -v } else { v };
            return i64::try_from(v)
                .map(Value::from)
                .ok()
                .or_else(|| u64::try_from(v).ok().map(Value::from))
                .or_else(|| serde_json::Number::from_f64(v as f64).map(Value::Number));
        }
        if r == 16 && !digits.contains(['p', 'P']) {
            return None;
        }
    }
    if body.starts_with("0x") || body.starts_with("0X") {
        return None;
    }
    let f: f64 = t.parse().ok()?;
    serde_json::Number::from_f64(f).map(Value::Number)
}
