//! `version`: docker's layout — a Client and a Server section (berth is both: no
//! daemon, the engine runs in the CLI), `--format` over docker's JSON shape, which
//! tools probing "docker" read (`{{.Server.Version}}`, `{{.Client.ApiVersion}}`).

use anyhow::Result;
use clap::Args;
use serde_json::{json, Value};

/// The docker Engine API version berth's command line corresponds to (docker 28).
const API_VERSION: &str = "1.50";

#[derive(Args, Debug)]
pub struct VersionArgs {
    /// Format the output using the given Go template (or json)
    #[arg(short = 'f', long)]
    pub format: Option<String>,
}

fn data() -> Value {
    let version = env!("CARGO_PKG_VERSION");
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        a => a,
    };
    let kernel = nix::sys::utsname::uname()
        .map(|u| u.release().to_string_lossy().into_owned())
        .unwrap_or_default();
    json!({
        "Client": {
            "Platform": {"Name": "berth"},
            "Version": version,
            "ApiVersion": API_VERSION,
            "DefaultAPIVersion": API_VERSION,
            "GitCommit": "",
            "GoVersion": "",
            "Os": "linux",
            "Arch": arch,
            "BuildTime": "",
            "Context": "default",
        },
        "Server": {
            "Platform": {"Name": "berth (daemonless)"},
            "Components": [{
                "Name": "Engine",
                "Version": version,
                "Details": {
                    "ApiVersion": API_VERSION,
                    "MinAPIVersion": "1.24",
                    "Os": "linux",
                    "Arch": arch,
                    "KernelVersion": kernel,
                    "Experimental": "false",
                },
            }],
            "Version": version,
            "ApiVersion": API_VERSION,
            "MinAPIVersion": "1.24",
            "GitCommit": "",
            "GoVersion": "",
            "Os": "linux",
            "Arch": arch,
            "KernelVersion": kernel,
            "BuildTime": "",
        },
    })
}

pub fn version(a: VersionArgs) -> Result<i32> {
    let v = data();
    if let Some(tpl) = a.format {
        println!("{}", crate::format::template::render(&tpl, &v)?);
        return Ok(0);
    }
    let c = &v["Client"];
    let s = &v["Server"];
    let get = |o: &Value, k: &str| o[k].as_str().unwrap_or_default().to_string();
    print!(
        "Client:\n Version:           {}\n API version:       {}\n OS/Arch:           {}/{}\n Context:           default\n\nServer: {}\n Engine:\n  Version:          {}\n  API version:      {} (minimum version {})\n  OS/Arch:          {}/{}\n  Kernel:           {}\n  Experimental:     false\n",
        get(c, "Version"),
        get(c, "ApiVersion"),
        get(c, "Os"),
        get(c, "Arch"),
        s["Platform"]["Name"].as_str().unwrap_or_default(),
        get(s, "Version"),
        get(s, "ApiVersion"),
        get(s, "MinAPIVersion"),
        get(s, "Os"),
        get(s, "Arch"),
        get(s, "KernelVersion"),
    );
    Ok(0)
}
