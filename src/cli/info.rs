//! `info` / `system info`: docker's text layout and, under `--format`, docker's JSON keys
//! (`{{.ServerVersion}}`, `{{.OSType}}`, `{{json .SecurityOptions}}` are what tools
//! probe). berth is its own engine: the "server" is this store, as this user sees it.

use crate::container::record::Status;
use crate::container::Containers;
use crate::image::ImageStore;
use crate::store::Paths;
use anyhow::Result;
use clap::Args;
use serde_json::{json, Value};

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// Format output using a custom template: 'json', or a Go template
    #[arg(short = 'f', long, value_name = "STRING")]
    pub format: Option<String>,
}

/// A field of /etc/os-release (quotes removed).
fn os_release(key: &str) -> String {
    let text = std::fs::read_to_string("/etc/os-release")
        .or_else(|_| std::fs::read_to_string("/usr/lib/os-release"))
        .unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .map(|v| v.trim_matches('"').to_string())
        .unwrap_or_default()
}

fn mem_total() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        })
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

/// A stable engine id for this store (docker's is a random UUID kept by the daemon):
/// derived from the store's path, so nothing is written by a read-only command.
fn engine_id(paths: &Paths) -> String {
    let d = crate::oci::digest::sha256_digest(paths.root.as_os_str().as_encoded_bytes());
    let h = crate::oci::digest::hex_of(&d);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

fn data(paths: &Paths) -> Result<Value> {
    let listed = Containers::new(paths).list()?;
    let count = |f: &dyn Fn(Status) -> bool| listed.iter().filter(|c| f(c.state.status)).count();
    let running = count(&|s| matches!(s, Status::Running | Status::Restarting));
    let paused = count(&|s| s == Status::Paused);
    let images = ImageStore::new(paths).list()?.len();
    let driver = crate::storage::driver::choose(paths, paths.storage_driver.as_deref())?;
    let driver_status: Vec<[String; 2]> = match driver {
        crate::storage::driver::Driver::Vfs => vec![],
        _ => {
            let fs = nix::sys::statfs::statfs(&paths.root)
                .map(|s| backing_fs(s.filesystem_type().0))
                .unwrap_or("unknown");
            vec![
                ["Backing Filesystem".into(), fs.into()],
                ["Supports d_type".into(), "true".into()],
                ["Native Overlay Diff".into(), "true".into()],
                ["userxattr".into(), paths.rootless.to_string()],
            ]
        }
    };
    let uts = nix::sys::utsname::uname()?;
    let cgroup_v2 = crate::sandbox::cgroup::is_cgroup2();
    let cgroup = crate::sandbox::cgroup::Host::detect().ok();
    let limits = cgroup.is_some();
    let controllers: Vec<String> = cgroup
        .as_ref()
        .map(|h| h.controllers.clone())
        .unwrap_or_default();
    let has = |c: &str| controllers.iter().any(|x| x == c);
    let mut security = vec!["name=seccomp,profile=builtin".to_string()];
    if paths.rootless {
        security.push("name=rootless".into());
    }
    if cgroup_v2 {
        security.push("name=cgroupns".into());
    }
    let warnings: Value = if paths.rootless && !limits {
        json!(["WARNING: Running in rootless-mode without cgroups. To enable cgroups in rootless-mode, you need to boot the system in cgroup v2 mode."])
    } else {
        Value::Null
    };
    let version = env!("CARGO_PKG_VERSION");
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        a => a,
    };
    let env = |k: &str| std::env::var(k).unwrap_or_default();
    Ok(json!({
        "ID": engine_id(paths),
        "Containers": listed.len(),
        "ContainersRunning": running,
        "ContainersPaused": paused,
        "ContainersStopped": listed.len() - running - paused,
        "Images": images,
        "Driver": driver.name(),
        "DriverStatus": driver_status,
        "Plugins": {
            "Volume": ["local"],
            "Network": ["bridge", "host", "none"],
            "Authorization": null,
            "Log": ["json-file"],
        },
        "MemoryLimit": has("memory"),
        "SwapLimit": has("memory"),
        "CpuCfsPeriod": has("cpu"),
        "CpuCfsQuota": has("cpu"),
        "CPUShares": has("cpu"),
        "CPUSet": has("cpuset"),
        "PidsLimit": has("pids"),
        "IPv4Forwarding": std::fs::read_to_string("/proc/sys/net/ipv4/ip_forward").is_ok_and(|v| v.trim() == "1"),
        "Debug": false,
        "NFd": std::fs::read_dir("/proc/self/fd").map(|d| d.count()).unwrap_or(0),
        "OomKillDisable": false,
        "NGoroutines": 0,
        "SystemTime": crate::store::time::now_rfc3339(),
        "LoggingDriver": "json-file",
        "CgroupDriver": cgroup.as_ref().map_or("none", |h| h.driver()),
        // berth's own: the controllers delegated to it (none without a cgroup).
        "CgroupControllers": controllers,
        "CgroupVersion": if cgroup_v2 { "2" } else { "1" },
        "NEventsListener": 0,
        "KernelVersion": uts.release().to_string_lossy(),
        "OperatingSystem": os_release("PRETTY_NAME"),
        "OSVersion": os_release("VERSION_ID"),
        "OSType": "linux",
        "Architecture": uts.machine().to_string_lossy(),
        "IndexServerAddress": "https://index.docker.io/v1/",
        "RegistryConfig": {
            "IndexConfigs": {"docker.io": {"Mirrors": [], "Name": "docker.io", "Official": true, "Secure": true}},
            "InsecureRegistryCIDRs": ["127.0.0.0/8", "::1/128"],
            "Mirrors": [],
        },
        "NCPU": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "MemTotal": mem_total(),
        "GenericResources": null,
        "DockerRootDir": paths.root.display().to_string(),
        "HttpProxy": env("HTTP_PROXY"),
        "HttpsProxy": env("HTTPS_PROXY"),
        "NoProxy": env("NO_PROXY"),
        "Name": uts.nodename().to_string_lossy(),
        "Labels": [],
        "ExperimentalBuild": false,
        "ServerVersion": version,
        "Runtimes": {"berth": {"path": "berth"}},
        "DefaultRuntime": "berth",
        "Swarm": {"NodeID": "", "NodeAddr": "", "LocalNodeState": "inactive", "ControlAvailable": false, "Error": "", "RemoteManagers": null},
        "LiveRestoreEnabled": false,
        "Isolation": "",
        "InitBinary": "",
        "ContainerdCommit": {"ID": ""},
        "RuncCommit": {"ID": ""},
        "InitCommit": {"ID": ""},
        "SecurityOptions": security,
        "CDISpecDirs": [],
        "Warnings": warnings,
        "ClientInfo": {
            "Debug": false,
            "Version": version,
            "DefaultAPIVersion": "1.50",
            "GitCommit": "",
            "GoVersion": "",
            "Os": "linux",
            "Arch": arch,
            "BuildTime": "",
            "Context": "default",
            "Plugins": [],
            "Warnings": null,
        },
    }))
}

/// docker's names for the filesystem under the store (statfs magic numbers).
fn backing_fs(magic: i64) -> &'static str {
    match magic {
        0xef53 => "extfs",
        0x5846_5342 => "xfs",
        0x9123_683e => "btrfs",
        0x0102_1994 => "tmpfs",
        0x794c_7630 => "overlayfs",
        0x2fc1_2fc1 => "zfs",
        _ => "<unknown>",
    }
}

pub fn info(paths: &Paths, a: InfoArgs) -> Result<i32> {
    let v = data(paths)?;
    if let Some(tpl) = a.format {
        let tpl = if tpl == "json" {
            "{{json .}}".to_string()
        } else {
            tpl
        };
        println!("{}", crate::format::template::render(&tpl, &v)?);
        return Ok(0);
    }
    let s = |k: &str| match &v[k] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut o = String::new();
    o.push_str(&format!(
        "Client:\n Version:    {}\n Context:    default\n Debug Mode: false\n\nServer:\n",
        s("ServerVersion")
    ));
    o.push_str(&format!(
        " Containers: {}\n  Running: {}\n  Paused: {}\n  Stopped: {}\n Images: {}\n Server Version: {}\n Storage Driver: {}\n",
        s("Containers"),
        s("ContainersRunning"),
        s("ContainersPaused"),
        s("ContainersStopped"),
        s("Images"),
        s("ServerVersion"),
        s("Driver")
    ));
    for kv in v["DriverStatus"].as_array().into_iter().flatten() {
        o.push_str(&format!(
            "  {}: {}\n",
            kv[0].as_str().unwrap_or_default(),
            kv[1].as_str().unwrap_or_default()
        ));
    }
    let list = |k: &str| {
        v["Plugins"][k]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    o.push_str(&format!(
        " Logging Driver: {}\n Cgroup Driver: {}\n Cgroup Version: {}\n{} Plugins:\n  Volume: {}\n  Network: {}\n  Log: {}\n Swarm: inactive\n Runtimes: berth\n Default Runtime: berth\n Init Binary: \n containerd version: \n runc version: \n init version: \n Security Options:\n",
        s("LoggingDriver"),
        s("CgroupDriver"),
        s("CgroupVersion"),
        match v["CgroupControllers"].as_array() {
            Some(a) if !a.is_empty() => format!(
                " Cgroup Controllers: {}\n",
                a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(" ")
            ),
            _ => String::new(),
        },
        list("Volume"),
        list("Network"),
        list("Log")
    ));
    for opt in v["SecurityOptions"].as_array().into_iter().flatten() {
        let opt = opt.as_str().unwrap_or_default();
        let mut parts = opt.split(',');
        let name = parts.next().unwrap_or_default().trim_start_matches("name=");
        o.push_str(&format!("  {name}\n"));
        for p in parts {
            if let Some((k, val)) = p.split_once('=') {
                let mut k = k.to_string();
                k[..1].make_ascii_uppercase();
                o.push_str(&format!("   {k}: {val}\n"));
            }
        }
    }
    o.push_str(&format!(
        " Kernel Version: {}\n Operating System: {}\n OSType: {}\n Architecture: {}\n CPUs: {}\n Total Memory: {}\n Name: {}\n ID: {}\n Docker Root Dir: {}\n Debug Mode: false\n Experimental: false\n Insecure Registries:\n  127.0.0.0/8\n  ::1/128\n Live Restore Enabled: false\n\n",
        s("KernelVersion"),
        s("OperatingSystem"),
        s("OSType"),
        s("Architecture"),
        s("NCPU"),
        binary_size(v["MemTotal"].as_u64().unwrap_or(0)),
        s("Name"),
        s("ID"),
        s("DockerRootDir"),
    ));
    print!("{o}");
    for w in v["Warnings"].as_array().into_iter().flatten() {
        eprintln!("{}", w.as_str().unwrap_or_default());
    }
    Ok(0)
}

/// docker's units.BytesSize: binary units, 4 significant digits (`23.54GiB`).
fn binary_size(n: u64) -> String {
    const UNITS: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i < UNITS.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    // Go's %.4g: 4 significant digits, trailing zeros dropped.
    let digits = if v >= 1000.0 {
        0
    } else if v >= 100.0 {
        1
    } else if v >= 10.0 {
        2
    } else {
        3
    };
    let s = format!("{v:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    format!("{s}{}", UNITS[i])
}
