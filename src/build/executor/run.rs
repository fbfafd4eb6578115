//! RUN: a container made from the step's image, run in the foreground (its output on
//! stderr with the progress), its upper dir written as a layer in the storage child;
//! `RUN --mount` turned into the container's mounts.

use super::*;

impl Builder<'_> {
    /// RUN: from the cache, or run in a container and its changes made a layer.
    pub(super) fn run_step(
        &mut self,
        st: &mut State,
        step: &Step,
        label: &str,
        cfg: ImageConfigBlob,
    ) -> Result<()> {
        let Instruction::Run {
            cmd,
            mounts,
            heredocs,
            network,
            security,
        } = &step.instruction
        else {
            bail!("not a RUN step");
        };
        let esc = self.esc;
        let run_mounts: Vec<String> = mounts
            .iter()
            .map(|m| self.run_mount(&words::word(m, &self.vars(st), esc)?))
            .collect::<Result<Vec<Option<String>>>>()?
            .into_iter()
            .flatten()
            .collect();
        if let Some(n) = network {
            if !matches!(n.as_str(), "default" | "none" | "host") {
                bail!("RUN --network={n}: use default, none or host");
            }
        }
        if let Some(sec) = security.as_deref().filter(|s| *s != "sandbox") {
            bail!("RUN --security={sec} is not allowed: berth build grants no entitlements");
        }
        let shell = cfg
            .config
            .shell
            .clone()
            .unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into()]);
        let argv: Vec<String> = match cmd {
            Command::Exec(v) => v.clone(),
            Command::Shell(text)
                if !heredocs.is_empty()
                    && text.trim().starts_with("<<")
                    && heredocs.len() == 1
                    && text.split_whitespace().count() == 1 =>
            {
                let body = &heredocs[0].content;
                if body.starts_with("#!") {
                    let script = "f=$(mktemp) && printf '%s' \"$0\" > \"$f\" && chmod +x \"$f\" && \"$f\"; r=$?; rm -f \"$f\"; exit $r";
                    vec!["/bin/sh".into(), "-c".into(), script.into(), body.clone()]
                } else {
                    let mut v = shell.clone();
                    v.push(body.clone());
                    v
                }
            }
            Command::Shell(text) => {
                let mut full = text.clone();
                for h in heredocs {
                    full.push('\n');
                    full.push_str(&h.content);
                    if !h.content.ends_with('\n') {
                        full.push('\n');
                    }
                    full.push_str(&h.name);
                }
                let mut v = shell.clone();
                v.push(full);
                v
            }
        };
        let vars = self.vars(st);
        let in_scope: Vec<(String, String)> = st
            .declared
            .iter()
            .map(|k| (k.clone(), words::Vars::get(&vars, k).unwrap_or_default()))
            .collect();
        // A shebang heredoc is run from a file: BuildKit's history names it
        // as mounted there.
        let shown_argv = match heredocs.first() {
            Some(h) if argv.get(3) == Some(&h.content) && h.content.starts_with("#!") => {
                let mut v = shell.clone();
                v.push(format!("/dev/pipes/{}", h.name));
                v
            }
            _ => argv.clone(),
        };
        let created_by = history::run(&shown_argv, &in_scope);
        let text_shown = step.text.clone();
        self.progress.begin(&format!("{label} {text_shown}"));
        let key_text = format!("RUN {:?} {:?} {:?} {:?}", argv, st.args, mounts, network);
        if let Some(img) = self.cache_hit(st.img.as_ref(), &key_text) {
            self.progress.cached();
            return self.advance(st, img);
        }
        let layer = self.run(st, &argv, run_mounts, network.as_deref())?;
        let h = self.history(&created_by, layer.is_none());
        let img = self.commit(&cfg, &self.layers_of(st), Some(h), layer)?;
        self.save_cache(st.img.as_ref(), &key_text, &img)?;
        self.progress.done();
        self.advance(st, img)
    }

    /// `RUN --mount=...` as a container `--mount`: a cache dir kept under the store per
    /// id (default: the target), a tmpfs, a bind of a context path (read-only unless
    /// `rw`; writes are not kept), or a `--secret` file bound read-only (default at
    /// /run/secrets/ID; a missing secret is skipped unless `required`).
    pub(super) fn run_mount(&self, spec: &str) -> Result<Option<String>> {
        let mut kind = "bind".to_string();
        let (mut target, mut source, mut id) = (None, None, None);
        let mut rw = false;
        let mut from = None;
        let mut required = false;
        for field in spec.split(',') {
            let (k, v) = field.split_once('=').unwrap_or((field, ""));
            match k {
                "type" => kind = v.to_string(),
                "target" | "dst" | "destination" => target = Some(v.to_string()),
                "source" | "src" => source = Some(v.to_string()),
                "id" => id = Some(v.to_string()),
                "rw" | "readwrite" => rw = v.is_empty() || v == "true",
                "ro" | "readonly" => rw = !(v.is_empty() || v == "true"),
                "from" => from = Some(v.to_string()),
                "required" => required = v.is_empty() || v == "true",
                // Accepted; one build at a time shares a cache dir anyway.
                "sharing" | "mode" | "uid" | "gid" | "size" => {}
                k => bail!("unexpected key '{k}' in '{field}'"),
            }
        }
        if kind == "secret" {
            return self.secret_mount(id, target, required);
        }
        let target = target.ok_or_else(|| anyhow!("mount target is required: {spec}"))?;
        if target.contains(',') {
            bail!("invalid mount target {target:?}");
        }
        match kind.as_str() {
            "cache" => {
                let key = sha256_hex(id.as_deref().unwrap_or(&target).as_bytes());
                let dir = cache_dir(self.paths).join("mounts").join(key);
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("creating cache dir {}", dir.display()))?;
                Ok(Some(format!(
                    "type=bind,source={},target={target}",
                    dir.display()
                )))
            }
            "tmpfs" => Ok(Some(format!("type=tmpfs,target={target}"))),
            "bind" => {
                if from.is_some() {
                    bail!("RUN --mount=type=bind,from=... is not supported by berth build yet");
                }
                let src = source.unwrap_or_default();
                let fd = crate::sys::resolve::open_in_root(
                    &self.ctx.fd,
                    &crate::build::ignore::clean(&src),
                    libc::O_PATH,
                )
                .map_err(|_| {
                    anyhow!(
                        "failed to compute cache key: \"/{}\": not found",
                        crate::build::ignore::clean(&src)
                    )
                })?;
                // The path the kernel resolved inside the context.
                let real = std::fs::read_link(format!(
                    "/proc/self/fd/{}",
                    std::os::fd::AsRawFd::as_raw_fd(&fd)
                ))?;
                let real = real.display().to_string();
                if real.contains(',') {
                    bail!("context path {real:?} cannot be mounted (a comma in the path)");
                }
                if rw {
                    // BuildKit discards such writes; a bind would make them to the context.
                    bail!("RUN --mount=type=bind,rw is not supported by berth build yet");
                }
                Ok(Some(format!(
                    "type=bind,source={real},target={target},readonly"
                )))
            }
            "ssh" => {
                bail!("RUN --mount=type={kind} is not supported by berth build yet")
            }
            k => bail!("unsupported mount type {k:?}"),
        }
    }

    /// `--mount=type=secret`: the secret's file bound read-only for this RUN only.
    fn secret_mount(
        &self,
        id: Option<String>,
        target: Option<String>,
        required: bool,
    ) -> Result<Option<String>> {
        // BuildKit: the id defaults to the target's name, the target to /run/secrets/ID.
        let id = match (&id, &target) {
            (Some(i), _) => i.clone(),
            (None, Some(t)) => t.rsplit('/').next().unwrap_or_default().to_string(),
            (None, None) => bail!("secret mount needs an id or a target"),
        };
        let target = target.unwrap_or_else(|| format!("/run/secrets/{id}"));
        if target.contains(',') || !target.starts_with('/') {
            bail!("invalid secret mount target {target:?}");
        }
        match self.o.secrets.iter().find(|(i, _)| *i == id) {
            Some((_, path)) => {
                let p = path.display().to_string();
                if p.contains(',') {
                    bail!("secret file {p:?} cannot be mounted (a comma in the path)");
                }
                Ok(Some(format!(
                    "type=bind,source={p},target={target},readonly"
                )))
            }
            None if required => bail!("secret {id} not found"),
            None => Ok(None),
        }
    }

    pub(super) fn run(
        &self,
        st: &State,
        argv: &[String],
        mounts: Vec<String>,
        step_network: Option<&str>,
    ) -> Result<Option<(Written, PathBuf)>> {
        let img = st
            .img
            .as_ref()
            .context("RUN needs a base image with a shell (FROM scratch has none)")?;
        let env: Vec<String> = st
            .args
            .iter()
            .filter(|(k, _)| {
                !st.cfg
                    .config
                    .env
                    .iter()
                    .flatten()
                    .any(|e| e.split_once('=').map(|x| x.0) == Some(k.as_str()))
            })
            .map(|(k, v)| format!("{k}={v}"))
            .chain(
                self.o
                    .build_args
                    .iter()
                    .filter(|(k, _)| PROXY_ARGS.contains(&k.as_str()))
                    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}"))),
            )
            .collect();
        let network = match step_network.or(self.o.network.as_deref()) {
            None | Some("default") => None,
            Some(n) => Some(n.to_string()),
        };
        let opts = CreateOptions {
            create_command: vec!["berth".into(), "build".into()],
            image: img.id.clone(),
            command: argv.to_vec(),
            entrypoint: Some(String::new()),
            env,
            network,
            extra_hosts: self.o.add_hosts.clone(),
            shm_size: self.o.shm_size,
            ulimits: self.o.ulimits.clone(),
            mounts: mounts.clone(),
            ..Default::default()
        };
        let rec = create(self.paths, &opts)?;
        let id = rec.id.clone();
        let cleanup = |paths: &Paths| {
            let _ = crate::container::volumes::remove_container(paths, &id, true, true);
        };
        if rec.driver == "vfs" {
            cleanup(self.paths);
            bail!("berth build needs an overlay storage driver (overlay or fuse-overlayfs); vfs is not supported yet");
        }
        // The step's output goes to stderr with the progress, each line prefixed as
        // BuildKit prints it (`#N 0.123 text`).
        let show = !self.o.quiet;
        let code = if show {
            prefixed(self.progress.n, || {
                crate::container::supervise::run_attached(self.paths, &id, false, [true, true])
            })
            .and_then(|r| r)
        } else {
            crate::container::supervise::run_attached(self.paths, &id, false, [false, false])
        };
        let code = match code {
            Ok(c) => c,
            Err(e) => {
                cleanup(self.paths);
                return Err(e);
            }
        };
        if code != 0 {
            cleanup(self.paths);
            bail!(
                "process \"{}\" did not complete successfully: exit code: {code}",
                argv.join(" ")
            );
        }
        // Mount points the runtime made for the step's mounts (and the parents it had to
        // create) are not the step's changes.
        let lower: Vec<PathBuf> = img
            .layers
            .iter()
            .map(|l| self.store.layer_dir(&l.chain_id))
            .collect();
        let mut skip: Vec<String> = ["etc/hosts", "etc/hostname", "etc/resolv.conf"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for m in &mounts {
            let Some(t) = m.split(',').find_map(|f| f.strip_prefix("target=")) else {
                continue;
            };
            let mut rel = t.trim_matches('/').to_string();
            skip.push(rel.clone());
            while let Some((parent, _)) = rel.rsplit_once('/') {
                if crate::storage::layered::stat(&lower, &format!("/{parent}")).is_some() {
                    break;
                }
                skip.push(parent.to_string());
                rel = parent.to_string();
            }
        }
        let upper = ContainerDir::new(self.paths, &id).upper();
        let scratch = self.store.scratch("run")?;
        let blob = scratch.join("layer.tar.gz");
        let result = scratch.join("result.json");
        let r = crate::storage::mapped::run_mapped(|| {
            // The runtime's mount points for the container's /etc files are not
            // the step's changes (RUN cannot write them: they are bind mounts).
            let skip: Vec<&str> = skip.iter().map(String::as_str).collect();
            let w = crate::storage::difftar::write_upper(&upper, &blob, &skip)?;
            crate::store::write_json_atomic(&result, &w)
        });
        cleanup(self.paths);
        let w = r.and_then(|_| crate::store::read_json::<Option<Written>>(&result));
        match w {
            Ok(Some(w)) => Ok(Some((w, blob))),
            other => {
                let _ = crate::storage::mapped::remove_tree(&scratch);
                other.map(|_| None)
            }
        }
    }
}

/// Run `f` with our stdout and stderr going through a child process that writes each
/// line to stderr as `#N SECONDS line` (each stream's lines kept whole). A child, not a
/// thread: the sandbox forks while `f` runs, which needs a single-threaded process.
fn prefixed<T>(n: usize, f: impl FnOnce() -> T) -> Result<T> {
    use nix::unistd::{dup2, fork, ForkResult};
    use std::os::fd::AsRawFd;
    let start = Instant::now();
    let pipe = || nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("pipe");
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let dup_cloexec = |fd: i32| -> Result<std::os::fd::OwnedFd> {
        // SAFETY: fds 1 and 2 are open for the whole process; the copy is owned here.
        let b = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
        Ok(rustix::io::fcntl_dupfd_cloexec(b, 3)?)
    };
    let saved_out = dup_cloexec(1)?;
    let saved_err = dup_cloexec(2)?;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: berth is single-threaded here (no registry download is running); the
    // child only reads pipes, writes stderr and `_exit`s.
    match unsafe { fork() }.context("fork")? {
        ForkResult::Child => {
            drop((out_w, err_w));
            relay(n, start, [out_r, err_r]);
            crate::sys::process::exit_now(0)
        }
        ForkResult::Parent { child } => {
            drop((out_r, err_r));
            dup2(out_w.as_raw_fd(), 1)?;
            dup2(err_w.as_raw_fd(), 2)?;
            drop((out_w, err_w));
            let out = f();
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().flush();
            dup2(saved_out.as_raw_fd(), 1)?;
            dup2(saved_err.as_raw_fd(), 2)?;
            // The child sees the ends of the pipes now and finishes its last lines.
            let _ = nix::sys::wait::waitpid(child, None);
            Ok(out)
        }
    }
}

/// The prefixing child's loop: whole lines from either pipe to stderr.
fn relay(n: usize, start: Instant, fds: [std::os::fd::OwnedFd; 2]) {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    use std::os::fd::{AsFd, AsRawFd};
    let mut bufs: [Vec<u8>; 2] = [Vec::new(), Vec::new()];
    let mut open = [true, true];
    let mut err = std::io::stderr().lock();
    let emit = |line: &[u8], err: &mut std::io::StderrLock| {
        let t = start.elapsed().as_secs_f64();
        let _ = write!(err, "#{n} {t:.3} ");
        let _ = err.write_all(line);
        if line.last() != Some(&b'\n') {
            let _ = err.write_all(b"\n");
        }
    };
    while open.iter().any(|o| *o) {
        let mut pfds: Vec<PollFd> = Vec::new();
        let mut which = Vec::new();
        for (i, fd) in fds.iter().enumerate() {
            if open[i] {
                pfds.push(PollFd::new(fd.as_fd(), PollFlags::POLLIN));
                which.push(i);
            }
        }
        if poll(&mut pfds, PollTimeout::NONE).is_err() {
            break;
        }
        let ready: Vec<bool> = pfds
            .iter()
            .map(|p| p.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        drop(pfds);
        for (k, i) in which.into_iter().enumerate() {
            if !ready[k] {
                continue;
            }
            let mut chunk = [0u8; 8192];
            match nix::unistd::read(fds[i].as_raw_fd(), &mut chunk) {
                Ok(0) | Err(_) => {
                    open[i] = false;
                    if !bufs[i].is_empty() {
                        let rest = std::mem::take(&mut bufs[i]);
                        emit(&rest, &mut err);
                    }
                }
                Ok(len) => {
                    bufs[i].extend_from_slice(&chunk[..len]);
                    while let Some(p) = bufs[i].iter().position(|b| *b == b'\n') {
                        let line: Vec<u8> = bufs[i].drain(..=p).collect();
                        emit(&line, &mut err);
                    }
                }
            }
        }
    }
    let _ = err.flush();
}
