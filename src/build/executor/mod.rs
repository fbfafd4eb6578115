//! The builder: the stages `--target` needs, in order; each step becomes an intermediate
//! image (config blob + layers through `ImageStore::add_image`, its record marked as
//! build cache), found again through the step cache (`build-cache/<key>`, key = parent
//! image + instruction + ARGs in scope + for COPY/ADD the layer's content hash), so a
//! rebuild that changes nothing yields the same image. RUN runs in a container made
//! from the intermediate image, its upper dir diffed into a layer.

use super::context::BuildContext;
use super::copy::{self, CopyJob};
use super::dockerfile::{self, words, Command, Instruction, Step};
use super::history;
use crate::container::create::{create, CreateOptions};
use crate::container::record::ContainerDir;
use crate::image::config::ImageConfigBlob;
use crate::image::store::{ImageRecord, ImageStore, NewLayer};
use crate::oci::digest::{hex_of, sha256_hex};
use crate::oci::reference::Reference;
use crate::storage::difftar::Written;
use crate::store::time::now_rfc3339;
use crate::store::Paths;
use anyhow::{anyhow, bail, Context, Result};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

const MEDIA_TYPE: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
const PROXY_ARGS: [&str; 8] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
];

pub struct Options {
    pub tags: Vec<Reference>,
    pub build_args: Vec<(String, Option<String>)>,
    pub target: Option<String>,
    pub no_cache: bool,
    pub pull: bool,
    pub quiet: bool,
    pub labels: Vec<(String, String)>,
    pub network: Option<String>,
    pub add_hosts: Vec<String>,
    pub shm_size: Option<u64>,
    pub ulimits: Vec<String>,
    /// `--secret`: id → a file holding the secret (env secrets written to one by the CLI).
    pub secrets: Vec<(String, PathBuf)>,
}

/// BuildKit-like plain progress on stderr.
struct Progress {
    n: usize,
    quiet: bool,
    start: Instant,
}

impl Progress {
    fn begin(&mut self, what: &str) -> usize {
        self.n += 1;
        self.start = Instant::now();
        if !self.quiet {
            eprintln!("#{} {what}", self.n);
        }
        self.n
    }
    fn line(&self, text: &str) {
        if !self.quiet {
            eprintln!("#{} {text}", self.n);
        }
    }
    fn done(&self) {
        if !self.quiet {
            eprintln!(
                "#{} DONE {:.1}s\n",
                self.n,
                self.start.elapsed().as_secs_f64()
            );
        }
    }
    fn cached(&self) {
        if !self.quiet {
            eprintln!("#{} CACHED\n", self.n);
        }
    }
}

/// A stage being built: its image so far and what scopes its words.
struct State {
    img: Option<ImageRecord>,
    cfg: ImageConfigBlob,
    /// Declared ARGs with values, in order.
    args: Vec<(String, String)>,
    /// This stage set CMD: a later ENTRYPOINT keeps it (the base's is dropped).
    own_cmd: bool,
    /// ARG names declared in this stage, in order (RUN's history names them).
    declared: Vec<String>,
}

pub struct Builder<'a> {
    paths: &'a Paths,
    store: ImageStore<'a>,
    ctx: &'a BuildContext,
    o: &'a Options,
    df: dockerfile::Dockerfile,
    progress: Progress,
    /// Results of built stages by index.
    built: BTreeMap<usize, (Option<ImageRecord>, ImageConfigBlob)>,
    global: Vec<(String, String)>,
    used_args: std::collections::HashSet<String>,
    pull: &'a dyn Fn(&str) -> Result<()>,
    esc: char,
    /// `COPY --from` sources flattened in this build, by image id (scratch dirs).
    flats: std::cell::RefCell<BTreeMap<String, PathBuf>>,
}

impl Drop for Builder<'_> {
    fn drop(&mut self) {
        for p in self.flats.get_mut().values() {
            let _ = crate::storage::mapped::remove_tree(p);
        }
    }
}

fn platform_args() -> Vec<(String, String)> {
    let arch = crate::image::archive::host_arch();
    let p = format!("linux/{arch}");
    vec![
        ("TARGETPLATFORM".into(), p.clone()),
        ("TARGETOS".into(), "linux".into()),
        ("TARGETARCH".into(), arch.into()),
        ("TARGETVARIANT".into(), String::new()),
        ("BUILDPLATFORM".into(), p),
        ("BUILDOS".into(), "linux".into()),
        ("BUILDARCH".into(), arch.into()),
        ("BUILDVARIANT".into(), String::new()),
    ]
}

fn cache_dir(paths: &Paths) -> PathBuf {
    paths.root.join("build-cache")
}

/// A failed step, as BuildKit prints it.
pub fn solve_error(e: anyhow::Error) -> anyhow::Error {
    anyhow!("failed to solve: {e:#}")
}

impl<'a> Builder<'a> {
    pub fn new(
        paths: &'a Paths,
        ctx: &'a BuildContext,
        o: &'a Options,
        pull: &'a dyn Fn(&str) -> Result<()>,
    ) -> Result<Builder<'a>> {
        let df = dockerfile::parse(&ctx.dockerfile).map_err(solve_error)?;
        let esc = df.directives.escape;
        Ok(Builder {
            paths,
            store: ImageStore::new(paths),
            ctx,
            o,
            esc,
            df,
            progress: Progress {
                n: 0,
                quiet: o.quiet,
                start: Instant::now(),
            },
            built: BTreeMap::new(),
            global: platform_args(),
            used_args: Default::default(),
            pull,
            flats: Default::default(),
        })
    }

    fn build_arg(&self, name: &str) -> Option<Option<String>> {
        self.o
            .build_args
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone().or_else(|| std::env::var(name).ok()))
    }

    /// Build; returns the final image id.
    pub fn build(&mut self) -> Result<String> {
        self.progress.begin(&format!(
            "[internal] load build definition from {}",
            self.ctx.dockerfile_name
        ));
        self.progress.line(&format!(
            "transferring dockerfile: {}B done",
            self.ctx.dockerfile.len()
        ));
        self.progress.done();
        for step in self.df.global_args.clone() {
            let Instruction::Arg(pairs) = &step.instruction else {
                continue;
            };
            for (k, d) in pairs {
                self.used_args.insert(k.clone());
                let v = match self.build_arg(k) {
                    Some(v) => v,
                    None => match d {
                        Some(d) => {
                            Some(words::word(d, &self.global, self.esc).map_err(solve_error)?)
                        }
                        None => None,
                    },
                };
                if let Some(v) = v {
                    self.global.push((k.clone(), v));
                }
            }
        }
        let target = match &self.o.target {
            None => self.df.stages.len() - 1,
            Some(t) => self
                .df
                .stages
                .iter()
                .position(|s| s.name.as_deref() == Some(&t.to_ascii_lowercase()))
                .ok_or_else(|| {
                    anyhow!("failed to solve: target stage \"{t}\" could not be found")
                })?,
        };
        let needed = self.needed(target)?;
        for i in needed {
            self.stage(i).map_err(solve_error)?;
        }
        let (img, mut cfg) = self.built.remove(&target).context("stage not built")?;
        let mut img = img;
        if !self.o.labels.is_empty() {
            let labels = cfg.config.labels.get_or_insert_with(Default::default);
            for (k, v) in &self.o.labels {
                labels.insert(k.clone(), v.clone());
            }
            let key = format!("labels {:?}", self.o.labels);
            img = Some(self.commit_cached(img.as_ref(), &key, cfg.clone(), None, None)?);
        }
        let img = match img {
            Some(i) => i,
            None => self.commit(&cfg, &[], None, None)?,
        };
        let unused: Vec<String> = self
            .o
            .build_args
            .iter()
            .map(|(k, _)| k.clone())
            .filter(|k| !self.used_args.contains(k) && !PROXY_ARGS.contains(&k.as_str()))
            .collect();
        if !unused.is_empty() && !self.o.quiet {
            eprintln!(
                "[Warning] One or more build-args [{}] were not consumed",
                unused.join(" ")
            );
        }
        self.finish(&img)?;
        Ok(img.id)
    }

    /// The stages `target` depends on (FROM another stage, COPY --from), then itself.
    fn needed(&self, target: usize) -> Result<Vec<usize>> {
        let mut want = std::collections::BTreeSet::new();
        let mut todo = vec![target];
        while let Some(i) = todo.pop() {
            if !want.insert(i) {
                continue;
            }
            let s = &self.df.stages[i];
            let mut refs = Vec::new();
            if let Instruction::From { image, .. } = &s.from.instruction {
                refs.push(words::word(image, &self.global, self.esc).unwrap_or_default());
            }
            for st in &s.steps {
                if let Instruction::Copy(c) | Instruction::Add(c) = &st.instruction {
                    if let Some(f) = &c.from {
                        refs.push(f.clone());
                    }
                }
            }
            for r in refs {
                if let Some(j) = self.stage_ref(&r, i) {
                    todo.push(j);
                }
            }
        }
        Ok(want.into_iter().collect())
    }

    /// A stage named (or numbered) `r`, earlier than stage `before`.
    fn stage_ref(&self, r: &str, before: usize) -> Option<usize> {
        let lower = r.to_ascii_lowercase();
        if let Some(i) = self.df.stages[..before]
            .iter()
            .position(|s| s.name.as_deref() == Some(&lower))
        {
            return Some(i);
        }
        r.parse::<usize>().ok().filter(|i| *i < before)
    }

    fn label(&self, i: usize, k: usize, n: usize) -> String {
        // BuildKit pads the index to the width of the total.
        let w = n.to_string().len();
        if self.df.stages.len() == 1 {
            format!("[{k:>w$}/{n}]")
        } else {
            let name = self.df.stages[i]
                .name
                .clone()
                .unwrap_or_else(|| format!("stage-{i}"));
            format!("[{name} {k:>w$}/{n}]")
        }
    }

    fn stage(&mut self, i: usize) -> Result<()> {
        let stage = self.df.stages[i].clone();
        let Instruction::From { image, .. } = &stage.from.instruction else {
            bail!("stage without FROM");
        };
        let name = words::word(image, &self.global, self.esc)?;
        let n = 1 + stage
            .steps
            .iter()
            .filter(|s| {
                matches!(
                    s.instruction,
                    Instruction::Run { .. }
                        | Instruction::Copy(_)
                        | Instruction::Add(_)
                        | Instruction::Workdir(_)
                )
            })
            .count();
        let label = self.label(i, 1, n);
        let mut st = if let Some(j) = self.stage_ref(&name, i) {
            let (img, cfg) = self.built.get(&j).cloned().context("stage not built")?;
            self.progress.begin(&format!("{label} FROM {name}"));
            self.progress.done();
            State {
                img,
                cfg,
                args: vec![],
                own_cmd: false,
                declared: vec![],
            }
        } else if name == "scratch" {
            State {
                img: None,
                cfg: ImageConfigBlob {
                    architecture: crate::image::archive::host_arch().into(),
                    os: "linux".into(),
                    rootfs: crate::image::config::RootFs {
                        kind: "layers".into(),
                        diff_ids: vec![],
                    },
                    // BuildKit gives a scratch image the default PATH.
                    config: crate::image::config::RunConfig {
                        env: Some(vec![
                            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
                                .into(),
                        ]),
                        ..Default::default()
                    },
                    ..Default::default()
                },
                args: vec![],
                own_cmd: false,
                declared: vec![],
            }
        } else {
            let shown = Reference::parse(&name)
                .map(|r| r.tagged().unwrap_or_else(|| r.to_string()))
                .map_err(|e| anyhow!("failed to parse stage name {name:?}: {e:#}"))?;
            self.progress.begin(&format!("{label} FROM {shown}"));
            let found = self.store.find(&name)?;
            if found.is_none() || self.o.pull {
                (self.pull)(&name)?;
            }
            let img = self
                .store
                .find(&name)?
                .with_context(|| format!("{shown}: not found"))?;
            let cfg = self.store.config(&img)?;
            self.progress.done();
            State {
                img: Some(img),
                cfg,
                args: vec![],
                own_cmd: false,
                declared: vec![],
            }
        };
        // ONBUILD triggers of the base run first; the result does not inherit them.
        if let Some(triggers) = st.cfg.config.on_build.take() {
            for t in triggers {
                let t = t.trim();
                let (kw, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
                let ins = dockerfile::instruction(
                    &kw.to_ascii_uppercase(),
                    rest.trim(),
                    vec![],
                    self.esc,
                )?;
                let step = Step {
                    line: stage.from.line,
                    instruction: ins,
                    text: t.to_string(),
                };
                self.step(i, &mut st, &step, &label)?;
            }
        }
        let mut k = 1;
        for step in &stage.steps {
            let counts = matches!(
                step.instruction,
                Instruction::Run { .. }
                    | Instruction::Copy(_)
                    | Instruction::Add(_)
                    | Instruction::Workdir(_)
            );
            if counts {
                k += 1;
            }
            let label = self.label(i, k, n);
            if let Err(e) = self.step(i, &mut st, step, &label) {
                // The step's own error line and BuildKit's summary of where it failed.
                if counts && !self.o.quiet {
                    eprintln!("#{} ERROR: {e:#}", self.progress.n);
                    eprintln!("------\n > {label} {}:\n------", step.text);
                }
                return Err(e);
            }
        }
        self.built.insert(i, (st.img, st.cfg));
        Ok(())
    }

    /// Variables for substitution: ARGs in scope, then the image's ENV (which wins).
    fn vars(&self, st: &State) -> Vec<(String, String)> {
        let mut v = st.args.clone();
        for e in st.cfg.config.env.iter().flatten() {
            if let Some((k, val)) = e.split_once('=') {
                v.push((k.to_string(), val.to_string()));
            }
        }
        v
    }

    fn word(&self, st: &State, text: &str) -> Result<String> {
        words::word(text, &self.vars(st), self.esc)
    }

    fn history(&self, text: &str, empty: bool) -> serde_json::Value {
        let mut h = json!({
            "created": now_rfc3339(),
            "created_by": text,
            "comment": "buildkit.dockerfile.v0",
        });
        if empty {
            h["empty_layer"] = json!(true);
        }
        h
    }

    fn step(&mut self, i: usize, st: &mut State, step: &Step, label: &str) -> Result<()> {
        let _ = i;
        let mut cfg = st.cfg.clone();
        let c = &mut cfg.config;
        let esc = self.esc;
        let created_by: String;
        match &step.instruction {
            Instruction::Arg(pairs) => {
                let mut shown = Vec::new();
                for (k, d) in pairs {
                    self.used_args.insert(k.clone());
                    let v = match self.build_arg(k) {
                        Some(v) => v,
                        None => match d {
                            Some(d) => Some(self.word(st, d)?),
                            None => self
                                .global
                                .iter()
                                .rev()
                                .find(|(g, _)| g == k)
                                .map(|(_, v)| v.clone()),
                        },
                    };
                    shown.push(match &v {
                        Some(v) => format!("{k}={v}"),
                        None => k.clone(),
                    });
                    if let Some(v) = v {
                        st.args.push((k.clone(), v));
                    }
                    if !st.declared.contains(k) {
                        st.declared.push(k.clone());
                    }
                }
                created_by = format!("ARG {}", shown.join(" "));
            }
            Instruction::Env(pairs) => {
                let mut env = c.env.clone().unwrap_or_default();
                let mut shown = Vec::new();
                // Every value sees the variables as they were before this ENV (docker:
                // `ENV abc=bye def=$abc` gives def the old abc).
                let vars = self.vars(st);
                for (k, v) in pairs {
                    let v = words::word(v, &vars, esc)?;
                    let entry = format!("{k}={v}");
                    // Replaced in place, as docker keeps the order.
                    match env
                        .iter_mut()
                        .find(|e| e.split_once('=').map(|x| x.0) == Some(k.as_str()))
                    {
                        Some(e) => *e = entry.clone(),
                        None => env.push(entry.clone()),
                    }
                    shown.push(entry);
                }
                c.env = Some(env);
                created_by = format!("ENV {}", shown.join(" "));
            }
            Instruction::Label(pairs) => {
                let labels = c.labels.get_or_insert_with(Default::default);
                let mut shown = Vec::new();
                let vars = self.vars(st);
                for (k, v) in pairs {
                    let k = words::word(k, &vars, esc)?;
                    let v = words::word(v, &vars, esc)?;
                    shown.push(format!("{k}={v}"));
                    labels.insert(k, v);
                }
                created_by = format!("LABEL {}", shown.join(" "));
            }
            Instruction::Expose(text) => {
                let ports = c.exposed_ports.get_or_insert_with(Default::default);
                let mut mine = std::collections::BTreeSet::new();
                for p in words::words(text, &self.vars(st), esc)? {
                    let keys = crate::network::ports::parse_expose(&p)
                        .map_err(|_| anyhow!("invalid containerPort: {p}"))?;
                    for k in keys {
                        ports.insert(k.clone(), json!({}));
                        mine.insert(k);
                    }
                }
                // This instruction's ports only, as Go prints a map: keys sorted.
                let shown: Vec<String> = mine.iter().map(|k| format!("{k}:{{}}")).collect();
                created_by = format!("EXPOSE map[{}]", shown.join(" "));
            }
            Instruction::Workdir(text) => {
                let w = self.word(st, text)?;
                let base = c.working_dir.clone().unwrap_or_else(|| "/".into());
                let w = if w.starts_with('/') {
                    w
                } else {
                    format!("{}/{w}", base.trim_end_matches('/'))
                };
                let w = format!("/{}", super::ignore::clean(&w));
                c.working_dir = Some(w.clone());
                created_by = format!("WORKDIR {w}");
                self.progress.begin(&format!("{label} WORKDIR {w}"));
                let cache_text = format!("WORKDIR {w}");
                let exists = self
                    .layer_dirs(st)
                    .ok()
                    .and_then(|l| crate::storage::layered::stat(&l, &w));
                if exists.is_some_and(|m| m.is_dir()) {
                    let h = self.history(&created_by, true);
                    let img =
                        self.commit_cached(st.img.as_ref(), &cache_text, cfg, Some(h), None)?;
                    self.progress.done();
                    return self.advance(st, img);
                }
                // BuildKit makes the directories as the stage's USER.
                let owner = match cfg.config.user.as_deref().filter(|u| !u.is_empty()) {
                    Some(u) => Some(self.chown(&self.layer_dirs(st)?, u)?),
                    None => None,
                };
                let job = CopyJob {
                    sources: vec![],
                    dest: w.clone(),
                    dest_dir: true,
                    owner,
                    chmod: None,
                    extract: false,
                    files: vec![],
                    exclude: vec![],
                };
                let layer = self.copy_layer(st, &job, None, true)?;
                let h = self.history(&created_by, layer.is_none());
                let img = self.commit_cached(st.img.as_ref(), &cache_text, cfg, Some(h), layer)?;
                self.progress.done();
                return self.advance(st, img);
            }
            Instruction::User(text) => {
                let u = self.word(st, text)?;
                c.user = Some(u.clone());
                created_by = format!("USER {u}");
            }
            Instruction::Volume(vols, _) => {
                let vars = self.vars(st);
                let m = c.volumes.get_or_insert_with(Default::default);
                let mut shown = Vec::new();
                for v in vols {
                    let v = words::word(v, &vars, esc)?;
                    shown.push(v.clone());
                    m.insert(v, json!({}));
                }
                created_by = format!("VOLUME [{}]", shown.join(" "));
            }
            Instruction::StopSignal(s) => {
                let s = self.word(st, s)?;
                crate::container::lifecycle::parse_signal(&s)?;
                c.stop_signal = Some(s.clone());
                created_by = format!("STOPSIGNAL {s}");
            }
            Instruction::Maintainer(m) => {
                cfg.author = Some(m.clone());
                created_by = format!("MAINTAINER {m}");
            }
            Instruction::Shell(v) => {
                c.shell = Some(v.clone());
                created_by = format!("SHELL {}", history::plain_list(v));
            }
            Instruction::Onbuild(t) => {
                c.on_build.get_or_insert_with(Vec::new).push(t.clone());
                // BuildKit records no history entry for ONBUILD.
                let key = format!("{}\n{:?}", step.text, st.args);
                let img = self.commit_cached(st.img.as_ref(), &key, cfg, None, None)?;
                return self.advance(st, img);
            }
            Instruction::Cmd(cmd) => {
                let argv = self.argv(&cfg, cmd);
                cfg.config.cmd = Some(argv.clone());
                cfg.config.args_escaped = Some(true);
                st.own_cmd = true;
                created_by = format!("CMD {}", history::quoted_list(&argv));
            }
            Instruction::Entrypoint(cmd) => {
                let argv = self.argv(&cfg, cmd);
                cfg.config.entrypoint = Some(argv.clone());
                // A new ENTRYPOINT drops the CMD inherited from the base.
                if !st.own_cmd {
                    cfg.config.cmd = None;
                }
                created_by = format!("ENTRYPOINT {}", history::quoted_list(&argv));
            }
            Instruction::Healthcheck(h) => {
                let hc = match &h.cmd {
                    None => json!({"Test": ["NONE"]}),
                    Some(cmd) => {
                        let test = match cmd {
                            Command::Exec(v) => {
                                let mut t = vec!["CMD".to_string()];
                                t.extend(v.iter().cloned());
                                t
                            }
                            Command::Shell(s) => vec!["CMD-SHELL".to_string(), s.clone()],
                        };
                        let mut o = json!({"Test": test});
                        for (k, v) in [
                            ("Interval", &h.interval),
                            ("Timeout", &h.timeout),
                            ("StartPeriod", &h.start_period),
                            ("StartInterval", &h.start_interval),
                        ] {
                            if let Some(v) = v {
                                let d = humantime::parse_duration(v)
                                    .map_err(|e| anyhow!("invalid duration {v:?}: {e}"))?;
                                o[k] = json!(d.as_nanos() as u64);
                            }
                        }
                        if let Some(r) = &h.retries {
                            let r: i64 = r.parse().map_err(|_| anyhow!("invalid retries {r:?}"))?;
                            o["Retries"] = json!(r);
                        }
                        o
                    }
                };
                c.healthcheck = Some(hc.clone());
                created_by = history::healthcheck(&hc);
            }
            Instruction::From { .. } => bail!("FROM inside a stage"),
            Instruction::Run { .. } => return self.run_step(st, step, label, cfg),
            Instruction::Copy(cp) | Instruction::Add(cp) => {
                return self.copy_step(st, step, label, cfg, cp);
            }
        }
        // A metadata step: a new config, no layer.
        let h = self.history(&created_by, true);
        let key = format!("{}\n{:?}", step.text, st.args);
        let img = self.commit_cached(st.img.as_ref(), &key, cfg, Some(h), None)?;
        self.advance(st, img)
    }

    fn advance(&self, st: &mut State, img: ImageRecord) -> Result<()> {
        st.cfg = self.store.config(&img)?;
        st.img = Some(img);
        Ok(())
    }

    fn argv(&self, cfg: &ImageConfigBlob, cmd: &Command) -> Vec<String> {
        match cmd {
            Command::Exec(v) => v.clone(),
            Command::Shell(s) => {
                let mut v = cfg
                    .config
                    .shell
                    .clone()
                    .unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into()]);
                v.push(s.clone());
                v
            }
        }
    }

    /// `--chown user[:group]`: names looked up in the stage's /etc/passwd and /etc/group.
    fn chown(&self, layers: &[PathBuf], spec: &str) -> Result<(u32, u32)> {
        let (u, g) = match spec.split_once(':') {
            Some((u, g)) => (u, Some(g)),
            None => (spec, None),
        };
        let lookup = |file: &str, name: &str, field: usize| -> Result<(u32, Option<u32>)> {
            if let Ok(n) = name.parse::<u32>() {
                return Ok((n, None));
            }
            let data =
                crate::storage::layered::read_file(layers, file, 1 << 20).unwrap_or_default();
            for line in String::from_utf8_lossy(&data).lines() {
                let f: Vec<&str> = line.split(':').collect();
                if f.first() == Some(&name) && f.len() > field {
                    let id = f[2]
                        .parse()
                        .map_err(|_| anyhow!("bad entry for {name} in {file}"))?;
                    let gid = f.get(3).and_then(|g| g.parse().ok());
                    return Ok((id, gid));
                }
            }
            bail!("unable to convert uid/gid chown string to host mapping: can't find uid for user {name}: no such user: {name}")
        };
        let (uid, pgid) = lookup("/etc/passwd", u, 3)?;
        let gid = match g {
            Some(g) => lookup("/etc/group", g, 2)
                .map_err(|_| anyhow!("unable to convert uid/gid chown string to host mapping: can't find gid for group {g}: no such group: {g}"))?
                .0,
            None => pgid.unwrap_or(uid),
        };
        Ok((uid, gid))
    }

    fn layers_of(&self, st: &State) -> Vec<crate::image::store::LayerRef> {
        st.img
            .as_ref()
            .map(|i| i.layers.clone())
            .unwrap_or_default()
    }

    fn layer_dirs(&self, st: &State) -> Result<Vec<PathBuf>> {
        Ok(self
            .layers_of(st)
            .iter()
            .map(|l| self.store.layer_dir(&l.chain_id))
            .collect())
    }
}

mod commit;
use layers::drop_scratch;
mod layers;
mod run;
