//! The Dockerfile parser for BuildKit's grammar (`docker build` in docker 28): the text
//! split into instructions (`lines.rs`), each one typed here with its flags, exec or
//! shell form, and name=value pairs; variables are substituted later, at build time,
//! with `words.rs` (ENV values depend on the instructions before them). Errors are
//! BuildKit's: `dockerfile parse error on line N: ...`.

pub mod lines;
pub mod words;

use anyhow::{anyhow, bail, Result};
pub use lines::{Directives, Heredoc};

/// A command in exec form (`["a", "b"]`) or shell form (run by the stage's SHELL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Exec(Vec<String>),
    Shell(String),
}

/// COPY and ADD.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Copy {
    /// Sources then the destination, as written (substituted at build time); with
    /// heredocs, a source may name one (`<<EOF`).
    pub args: Vec<String>,
    /// The arguments were a JSON array (no word splitting of paths with spaces).
    pub json: bool,
    pub from: Option<String>,
    pub chown: Option<String>,
    pub chmod: Option<String>,
    pub link: bool,
    pub parents: bool,
    pub exclude: Vec<String>,
    /// ADD only.
    pub checksum: Option<String>,
    pub keep_git_dir: bool,
    pub heredocs: Vec<Heredoc>,
}

/// HEALTHCHECK.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Health {
    /// None: `HEALTHCHECK NONE`.
    pub cmd: Option<Command>,
    pub interval: Option<String>,
    pub timeout: Option<String>,
    pub start_period: Option<String>,
    pub start_interval: Option<String>,
    pub retries: Option<String>,
}

/// One instruction, typed, its variables not yet substituted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instruction {
    From {
        image: String,
        alias: Option<String>,
        platform: Option<String>,
    },
    Run {
        cmd: Command,
        mounts: Vec<String>,
        network: Option<String>,
        security: Option<String>,
        heredocs: Vec<Heredoc>,
    },
    Cmd(Command),
    Entrypoint(Command),
    Copy(Copy),
    Add(Copy),
    /// name=value pairs; values as written (quotes in place).
    Env(Vec<(String, String)>),
    /// name[=default] pairs.
    Arg(Vec<(String, Option<String>)>),
    Label(Vec<(String, String)>),
    Expose(String),
    Workdir(String),
    User(String),
    /// JSON array, or words as written.
    Volume(Vec<String>, bool),
    StopSignal(String),
    Healthcheck(Health),
    Shell(Vec<String>),
    /// The trigger's text (checked to be a valid instruction).
    Onbuild(String),
    Maintainer(String),
}

/// An instruction with where it was and how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub line: usize,
    pub instruction: Instruction,
    /// `KEYWORD rest` as written (continuations joined): BuildKit's history text.
    pub text: String,
}

/// A build stage: its FROM and what follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub from: Step,
    /// `FROM ... AS name`, lowercased as BuildKit keeps it.
    pub name: Option<String>,
    pub steps: Vec<Step>,
}

/// A parsed Dockerfile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dockerfile {
    pub directives: Directives,
    /// ARGs before the first FROM (usable in FROM lines).
    pub global_args: Vec<Step>,
    pub stages: Vec<Stage>,
}

/// Parse a Dockerfile's text.
pub fn parse(text: &str) -> Result<Dockerfile> {
    let (directives, raws) = lines::split(text)?;
    let esc = directives.escape;
    let mut global_args = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    for raw in raws {
        let line = raw.line;
        let err = |e: anyhow::Error| anyhow!("dockerfile parse error on line {line}: {e:#}");
        let instruction =
            instruction(&raw.keyword, &raw.rest, raw.heredocs.clone(), esc).map_err(err)?;
        let step = Step {
            line,
            text: if raw.rest.is_empty() {
                raw.keyword.clone()
            } else {
                format!("{} {}", raw.keyword, raw.rest)
            },
            instruction,
        };
        match &step.instruction {
            Instruction::From { alias, .. } => {
                let name = alias.as_ref().map(|a| a.to_ascii_lowercase());
                if let Some(n) = &name {
                    check_stage_name(n).map_err(err)?;
                    if stages.iter().any(|s| s.name.as_ref() == Some(n)) {
                        return Err(err(anyhow!("duplicate stage name {n:?}")));
                    }
                }
                stages.push(Stage {
                    from: step,
                    name,
                    steps: Vec::new(),
                });
            }
            _ => match stages.last_mut() {
                Some(s) => s.steps.push(step),
                None if matches!(step.instruction, Instruction::Arg(_)) => global_args.push(step),
                None => return Err(err(anyhow!("no build stage in current context"))),
            },
        }
    }
    if stages.is_empty() {
        bail!("the Dockerfile has no FROM instruction (file with no instructions)");
    }
    Ok(Dockerfile {
        directives,
        global_args,
        stages,
    })
}

/// BuildKit's rule for stage names.
fn check_stage_name(n: &str) -> Result<()> {
    let ok = n.starts_with(|c: char| c.is_ascii_lowercase())
        && n.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
    if !ok {
        bail!("invalid name for build stage: {n:?}, name can't start with a number or contain symbols");
    }
    Ok(())
}

/// The instruction `keyword rest` (heredocs already collected).
pub fn instruction(
    keyword: &str,
    rest: &str,
    heredocs: Vec<Heredoc>,
    esc: char,
) -> Result<Instruction> {
    let needs_args = |what: &str| -> Result<()> {
        if rest.trim().is_empty() {
            bail!("{what} requires at least one argument");
        }
        Ok(())
    };
    Ok(match keyword {
        "FROM" => {
            let (flags, rest) = Flags::take(rest, esc, &["platform"])?;
            let w = split_raw(rest, esc);
            let (image, alias) = match w.as_slice() {
                [i] => (i.clone(), None),
                [i, as_, a] if as_.eq_ignore_ascii_case("as") => (i.clone(), Some(a.clone())),
                _ => bail!("FROM requires either one or three arguments"),
            };
            Instruction::From {
                image,
                alias,
                platform: flags.value("platform"),
            }
        }
        "RUN" => {
            let (flags, rest) = Flags::take(rest, esc, &["mount", "network", "security"])?;
            if rest.trim().is_empty() && heredocs.is_empty() {
                bail!("RUN requires at least one argument");
            }
            Instruction::Run {
                cmd: command(rest),
                mounts: flags.values("mount"),
                network: flags.value("network"),
                security: flags.value("security"),
                heredocs,
            }
        }
        "CMD" => {
            needs_args("CMD")?;
            Instruction::Cmd(command(rest))
        }
        "ENTRYPOINT" => {
            needs_args("ENTRYPOINT")?;
            Instruction::Entrypoint(command(rest))
        }
        "COPY" | "ADD" => {
            let allowed: &[&str] = if keyword == "COPY" {
                &["from", "chown", "chmod", "link", "parents", "exclude"]
            } else {
                &[
                    "chown",
                    "chmod",
                    "link",
                    "checksum",
                    "keep-git-dir",
                    "exclude",
                ]
            };
            let (flags, rest) = Flags::take(rest, esc, allowed)?;
            let (args, json) = match json_array(rest) {
                Some(a) => (a, true),
                None => (split_raw(rest, esc), false),
            };
            if args.len() < 2 {
                bail!("{keyword} requires at least two arguments, but only one was provided. Destination could not be determined");
            }
            let c = Copy {
                args,
                json,
                from: flags.value("from"),
                chown: flags.value("chown"),
                chmod: flags.value("chmod"),
                link: flags.bool("link")?,
                parents: flags.bool("parents")?,
                exclude: flags.values("exclude"),
                checksum: flags.value("checksum"),
                keep_git_dir: flags.bool("keep-git-dir")?,
                heredocs,
            };
            if keyword == "COPY" {
                Instruction::Copy(c)
            } else {
                Instruction::Add(c)
            }
        }
        "ENV" => Instruction::Env(pairs("ENV", rest, esc, true)?),
        "LABEL" => Instruction::Label(pairs("LABEL", rest, esc, false)?),
        "ARG" => {
            needs_args("ARG")?;
            let mut out = Vec::new();
            for w in split_raw(rest, esc) {
                let (k, v) = match w.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (w.clone(), None),
                };
                if k.is_empty() {
                    bail!("ARG names can not be blank");
                }
                out.push((k, v));
            }
            Instruction::Arg(out)
        }
        "EXPOSE" => {
            needs_args("EXPOSE")?;
            Instruction::Expose(rest.to_string())
        }
        "WORKDIR" => {
            needs_args("WORKDIR")?;
            Instruction::Workdir(rest.to_string())
        }
        "USER" => {
            needs_args("USER")?;
            Instruction::User(rest.to_string())
        }
        "VOLUME" => {
            needs_args("VOLUME")?;
            match json_array(rest) {
                Some(a) => Instruction::Volume(a, true),
                None => Instruction::Volume(split_raw(rest, esc), false),
            }
        }
        "STOPSIGNAL" => {
            needs_args("STOPSIGNAL")?;
            Instruction::StopSignal(rest.to_string())
        }
        "HEALTHCHECK" => healthcheck(rest, esc)?,
        "SHELL" => match json_array(rest) {
            Some(a) if !a.is_empty() => Instruction::Shell(a),
            _ => bail!("SHELL requires the arguments to be in JSON form"),
        },
        "ONBUILD" => {
            needs_args("ONBUILD")?;
            let t = rest.trim_start();
            let (kw, inner) = match t.find(char::is_whitespace) {
                Some(n) => (&t[..n], t[n..].trim_start()),
                None => (t, ""),
            };
            match kw.to_ascii_uppercase().as_str() {
                "ONBUILD" => bail!("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
                "FROM" | "MAINTAINER" => {
                    bail!(
                        "{} isn't allowed as an ONBUILD trigger",
                        kw.to_ascii_uppercase()
                    )
                }
                k => {
                    instruction(k, inner, Vec::new(), esc)?;
                }
            }
            Instruction::Onbuild(t.to_string())
        }
        "MAINTAINER" => {
            needs_args("MAINTAINER")?;
            Instruction::Maintainer(rest.to_string())
        }
        k => bail!("unknown instruction: {k}"),
    })
}

fn command(rest: &str) -> Command {
    match json_array(rest) {
        Some(a) => Command::Exec(a),
        None => Command::Shell(rest.to_string()),
    }
}

/// A JSON array of strings, or None (then the text is the shell form).
fn json_array(rest: &str) -> Option<Vec<String>> {
    let t = rest.trim();
    if !t.starts_with('[') {
        return None;
    }
    serde_json::from_str::<Vec<String>>(t).ok()
}

fn healthcheck(rest: &str, esc: char) -> Result<Instruction> {
    let (flags, rest) = Flags::take(
        rest,
        esc,
        &[
            "interval",
            "timeout",
            "start-period",
            "start-interval",
            "retries",
        ],
    )?;
    let t = rest.trim_start();
    let (kind, cmd) = match t.find(char::is_whitespace) {
        Some(n) => (&t[..n], t[n..].trim_start()),
        None => (t, ""),
    };
    let mut h = Health {
        interval: flags.value("interval"),
        timeout: flags.value("timeout"),
        start_period: flags.value("start-period"),
        start_interval: flags.value("start-interval"),
        retries: flags.value("retries"),
        cmd: None,
    };
    match kind.to_ascii_uppercase().as_str() {
        "NONE" => {
            if !cmd.is_empty() {
                bail!("HEALTHCHECK NONE takes no arguments");
            }
            if !flags.given.is_empty() {
                bail!("HEALTHCHECK NONE takes no options");
            }
        }
        "CMD" => {
            if cmd.is_empty() {
                bail!("Missing command after HEALTHCHECK CMD");
            }
            h.cmd = Some(command(cmd));
        }
        "" => bail!("HEALTHCHECK requires at least one argument"),
        k => bail!("Unknown type {k:?} in HEALTHCHECK (try CMD)"),
    }
    Ok(Instruction::Healthcheck(h))
}

/// ENV and LABEL: `name=value ...` (values may be quoted), or ENV's legacy
/// `ENV name value with spaces`.
fn pairs(what: &str, rest: &str, esc: char, legacy: bool) -> Result<Vec<(String, String)>> {
    let w = split_raw(rest, esc);
    if w.is_empty() {
        bail!("{what} requires at least one argument");
    }
    if legacy && !w[0].contains('=') {
        // The rest of the line after the name is the value.
        let t = rest.trim_start();
        let n = t.find(char::is_whitespace).unwrap_or(t.len());
        let value = t[n..].trim_start();
        if value.is_empty() {
            bail!("ENV must have two arguments");
        }
        return Ok(vec![(w[0].clone(), value.to_string())]);
    }
    let mut out = Vec::new();
    for word in w {
        let Some((k, v)) = word.split_once('=') else {
            bail!("Syntax error - can't find = in {word:?}. Must be of the form: name=value");
        };
        if k.is_empty() {
            bail!("{what} names can not be blank");
        }
        out.push((k.to_string(), v.to_string()));
    }
    Ok(out)
}

/// BuildKit's parseWords: split at whitespace outside quotes, quotes and escapes kept
/// (they are removed when the word is substituted).
pub fn split_raw(text: &str, esc: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == esc && quote != Some('\'') {
            cur.push(c);
            if let Some(n) = chars.next() {
                cur.push(n);
            }
            continue;
        }
        match quote {
            Some(q) if c == q => {
                quote = None;
                cur.push(c);
            }
            Some(_) => cur.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                cur.push(c);
            }
            None if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            None => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// An instruction's `--name=value` / `--name` flags, in front of its arguments.
struct Flags {
    given: Vec<(String, Option<String>)>,
}

impl Flags {
    /// Take the flags off the front of `rest`; those not in `allowed` are BuildKit's
    /// `unknown flag`.
    fn take<'a>(rest: &'a str, _esc: char, allowed: &[&str]) -> Result<(Flags, &'a str)> {
        let mut given = Vec::new();
        let mut r = rest.trim_start();
        while let Some(after) = r.strip_prefix("--") {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            let tok = &after[..end];
            let (name, value) = match tok.split_once('=') {
                // Substituted, like the arguments, at build time.
                Some((n, v)) => (n, Some(v.to_string())),
                None => (tok, None),
            };
            if name.is_empty() {
                break;
            }
            if !allowed.contains(&name) {
                bail!("unknown flag: {name}");
            }
            given.push((name.to_string(), value));
            r = after[end..].trim_start();
        }
        Ok((Flags { given }, r))
    }

    fn value(&self, name: &str) -> Option<String> {
        self.given
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone().unwrap_or_default())
    }

    fn values(&self, name: &str) -> Vec<String> {
        self.given
            .iter()
            .filter(|(n, _)| n == name)
            .filter_map(|(_, v)| v.clone())
            .collect()
    }

    /// A boolean flag: `--link`, `--link=true|false`.
    fn bool(&self, name: &str) -> Result<bool> {
        match self.given.iter().rev().find(|(n, _)| n == name) {
            None => Ok(false),
            Some((_, None)) => Ok(true),
            Some((_, Some(v))) => match v.as_str() {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => bail!("expecting boolean value for flag {name}, not: {v}"),
            },
        }
    }
}

#[cfg(test)]
mod tests;
