//! inspect: containers, images and volumes in docker's JSON schema, or through `--format`.

use crate::container::record::ContainerRecord;
use crate::container::{Containers, Listed};
use crate::image::ImageStore;
use crate::store::Paths;
use anyhow::{bail, Result};
use clap::Args;
use serde_json::{json, Value};

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Format output using a Go template or 'json'
    #[arg(short = 'f', long)]
    pub format: Option<String>,
    /// Only inspect objects of this type (container, image, volume)
    #[arg(long = "type")]
    pub kind: Option<String>,
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Args, Debug)]
pub struct TypedInspectArgs {
    /// Format output using a Go template or 'json'
    #[arg(short = 'f', long)]
    pub format: Option<String>,
    #[arg(required = true)]
    pub names: Vec<String>,
}

impl TypedInspectArgs {
    pub fn typed(self, kind: &str) -> InspectArgs {
        InspectArgs {
            format: self.format,
            kind: Some(kind.into()),
            names: self.names,
        }
    }
}

pub fn inspect(paths: &Paths, a: InspectArgs) -> Result<i32> {
    let ctrs = Containers::new(paths);
    let images = ImageStore::new(paths);
    let kind = a.kind.as_deref();
    if let Some(k) = kind {
        if !matches!(k, "container" | "image" | "volume") {
            bail!("{k:?} is not a valid value for --type");
        }
    }
    let mut out = Vec::new();
    let mut failed = false;
    for n in &a.names {
        let mut found = None;
        if kind.is_none() || kind == Some("container") {
            if let Ok(id) = ctrs.resolve(n) {
                match ctrs.load(&id) {
                    Ok(l) => found = Some(container_json(paths, &l)),
                    // A damaged record: what can be told, State.Error saying why.
                    Err(e) if !crate::container::is_gone(&e) => {
                        found = Some(container_json(paths, &ctrs.broken(&id, &e)))
                    }
                    Err(_) => {}
                }
            }
        }
        if found.is_none() && (kind.is_none() || kind == Some("image")) {
            if let Some(img) = images.find(n)? {
                found = Some(image_json(&images, &img)?);
            }
        }
        // docker looks for a volume last.
        if found.is_none() && (kind.is_none() || kind == Some("volume")) {
            if let Some(v) = crate::storage::volume::Volumes::new(paths).get(n)? {
                found = Some(serde_json::to_value(&v)?);
            }
        }
        match found {
            Some(v) => out.push(v),
            None => {
                let what = match kind {
                    Some("image") => "image",
                    Some("container") => "container",
                    Some("volume") => "volume",
                    _ => "object",
                };
                eprintln!("Error: No such {what}: {n}");
                failed = true;
            }
        }
    }
    print(&out, a.format.as_deref(), failed)
}

/// What every `inspect` prints: the objects as docker's json.MarshalIndent (four
/// spaces; `[]` when none was found), or the template once per object; exit 1 when a
/// name was not found (after printing the others).
pub fn print(out: &[Value], format: Option<&str>, failed: bool) -> Result<i32> {
    match format {
        None | Some("json") | Some("") => println!(
            "{}",
            crate::format::gotmpl::marshal_indent(&Value::Array(out.to_vec()), "    ")
        ),
        Some(tpl) => {
            for v in out {
                println!("{}", crate::format::template::render(tpl, v)?);
            }
        }
    }
    if failed {
        return Err(super::ExitCode(1).into());
    }
    Ok(0)
}

fn container_json(paths: &Paths, l: &Listed) -> Value {
    let r: &ContainerRecord = &l.rec;
    let s = &l.state;
    let d = Containers::new(paths).dir(&r.id);
    let etc = paths.container(r.etc_owner());
    let images = ImageStore::new(paths);
    let lower: Vec<String> = r
        .layers
        .iter()
        .rev()
        .map(|c| images.layer_dir(c).display().to_string())
        .collect();
    let mut state = json!({
        "Status": s.status, "Running": s.running, "Paused": s.paused, "Restarting": s.restarting,
        "OOMKilled": s.oom_killed, "Dead": s.dead, "Pid": s.pid, "ExitCode": s.exit_code,
        "Error": s.error, "StartedAt": s.started_at, "FinishedAt": s.finished_at,
    });
    if let Some(h) = &s.health {
        state["Health"] = json!(h);
    }
    json!({
        "Id": r.id,
        "Created": r.created,
        "Path": r.path,
        "Args": r.args,
        "State": state,
        "Image": r.image_id,
        "ResolvConfPath": etc.join("resolv.conf"),
        "HostnamePath": etc.join("hostname"),
        "HostsPath": if r.no_hosts { String::new() } else { etc.join("hosts").display().to_string() },
        "LogPath": d.log(),
        "Name": format!("/{}", r.name),
        "RestartCount": s.restart_count,
        "Driver": r.driver,
        "Platform": "linux",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "ExecIDs": null,
        "HostConfig": r.host_config,
        "GraphDriver": {
            "Data": {
                "LowerDir": lower.join(":"),
                "MergedDir": paths.run_container(&r.id).join("merged"),
                "UpperDir": d.upper(),
                "WorkDir": d.work(),
            },
            "Name": r.driver,
        },
        // `--tmpfs` mounts are HostConfig.Tmpfs only (docker); `--mount type=tmpfs` ones show.
        "Mounts": r.mounts.iter().filter(|m| m.kind != "tmpfs" || !r.host_config.tmpfs.as_ref().is_some_and(|t| t.contains_key(&m.destination))).map(|m| m.inspect_json()).collect::<Vec<_>>(),
        "Config": config_json(r),
        "NetworkSettings": l.network_settings(),
    })
}

/// `Config`, with `--stop-timeout` where docker keeps it.
fn config_json(r: &ContainerRecord) -> Value {
    let mut c = serde_json::to_value(&r.config).unwrap_or_default();
    if let (Some(t), Some(m)) = (r.stop_timeout, c.as_object_mut()) {
        m.insert("StopTimeout".into(), t.into());
    }
    c
}

fn image_json(images: &ImageStore, img: &crate::image::ImageRecord) -> Result<Value> {
    let cfg = images.config(img)?;
    Ok(json!({
        "Id": img.id,
        "RepoTags": crate::image::store::familiar_tags(img),
        "RepoDigests": img.repo_digests,
        "Parent": "",
        "Comment": cfg.comment.clone().unwrap_or_default(),
        "Created": img.created.clone().unwrap_or_default(),
        "DockerVersion": "",
        "Author": cfg.author.clone().unwrap_or_default(),
        "Config": cfg.config,
        "Architecture": cfg.architecture,
        "Os": cfg.os,
        "Size": img.size,
        "GraphDriver": {
            "Data": {"LowerDir": img.layers.iter().rev().map(|l| images.layer_dir(&l.chain_id).display().to_string()).collect::<Vec<_>>().join(":")},
            "Name": "overlay",
        },
        "RootFS": {"Type": "layers", "Layers": img.layers.iter().map(|l| l.diff_id.clone()).collect::<Vec<_>>()},
        "Metadata": {"LastTagTime": img.loaded},
    }))
}
