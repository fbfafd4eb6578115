//! The network settings around the translator: `--network` modes, the /etc files
//! each mode gets, `-p`/`--expose`/`--dns*`/`--add-host` as recorded and refused,
//! `port`, `ps` PORTS and inspect's NetworkSettings, exec and `container:` namespaces.

mod common;
use common::*;

fn host_ns(kind: &str) -> String {
    std::fs::read_link(format!("/proc/self/ns/{kind}"))
        .unwrap()
        .display()
        .to_string()
}

/// exec joins exactly the namespaces the container has of its own: with the host's
/// network too (which the container's user namespace cannot join: EPERM before).
fn exec_in_every_mode(b: Berth) {
    for mode in ["bridge", "none", "host"] {
        let name = format!("ex-{mode}");
        b.ok(&[
            "run",
            "-d",
            "--name",
            &name,
            "--network",
            mode,
            "busybox",
            "sleep",
            "1000",
        ]);
        let out = b.ok(&[
            "exec",
            &name,
            "sh",
            "-c",
            "for f in self/ns/net 1/ns/net self/ns/pid 1/ns/pid; do readlink /proc/$f; done",
        ]);
        let l: Vec<&str> = out.lines().collect();
        assert_eq!(l.len(), 4, "{out}");
        assert_eq!(l[0], l[1], "{mode}: exec is in the container's network");
        assert_eq!(
            l[2], l[3],
            "{mode}: exec is in the container's pid namespace"
        );
        assert_eq!(l[0] == host_ns("net"), mode == "host", "{mode}: {out}");
        b.ok(&["rm", "-f", &name]);
    }
}

#[test]
fn exec_joins_the_namespaces_of_every_mode() {
    exec_in_every_mode(busybox("net-exec"));
}

#[test]
fn root_pass_exec_joins_the_namespaces_of_every_mode() {
    if let Some(b) = Berth::root("net-exec-root") {
        b.load("busybox.tar");
        exec_in_every_mode(b);
    }
}

/// `--network container:X`: the new container is in X's network namespace (a server
/// X listens with on its loopback answers it), exec into it joins that namespace, and a
/// target that does not run is refused with docker's words.
fn join_another_containers_network(b: Berth) {
    b.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo hello-from-web | nc -l -p 8080; sleep 1000",
    ]);
    poll_until("web's listener", || {
        b.run(&["exec", "web", "sh", "-c", "netstat -ltn | grep -q :8080"])
            .code
            == 0
    });
    let web_ns = b.ok(&["exec", "web", "readlink", "/proc/self/ns/net"]);
    let out = b.ok(&[
        "run",
        "--rm",
        "--network",
        "container:web",
        "busybox",
        "sh",
        "-c",
        "readlink /proc/self/ns/net; nc 127.0.0.1 8080 </dev/null",
    ]);
    assert_eq!(out, format!("{web_ns}hello-from-web\n"));
    // Its record names the target by full id; exec joins the shared namespace.
    let web_id = b.ok(&["inspect", "-f", "{{.Id}}", "web"]);
    b.ok(&[
        "run",
        "-d",
        "--name",
        "side",
        "--network",
        "container:web",
        "busybox",
        "sleep",
        "1000",
    ]);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.HostConfig.NetworkMode}}", "side"]),
        format!("container:{web_id}")
    );
    assert_eq!(
        b.ok(&["exec", "side", "readlink", "/proc/self/ns/net"]),
        web_ns
    );
    // X's hostname and /etc files.
    let out = b.ok(&["exec", "side", "sh", "-c", "hostname; cat /etc/hostname"]);
    assert_eq!(out, format!("{0}\n{0}\n", &web_id.trim()[..12]));
    b.ok(&["rm", "-f", "side"]);
    b.ok(&["stop", "-t", "0", "web"]);
    let o = b.run(&[
        "run",
        "--rm",
        "--network",
        "container:web",
        "busybox",
        "true",
    ]);
    assert_eq!(
        (o.code, o.stderr.trim()),
        (
            125,
            format!(
                "Error: cannot join network of a non running container: {}",
                web_id.trim()
            )
            .as_str()
        )
    );
}

#[test]
fn container_network_mode() {
    join_another_containers_network(busybox("net-join"));
}

#[test]
fn root_pass_container_network_mode() {
    if let Some(b) = Berth::root("net-join-root") {
        b.load("busybox.tar");
        join_another_containers_network(b);
    }
}

/// Refused before anything is created: docker's words, one `Error:` line, exit 125
/// for flag values (its CLI's checks) with `run` and `create` alike.
#[test]
fn bad_network_flags_are_refused_and_nothing_is_created() {
    let b = busybox("net-bad");
    let cases: &[(&[&str], &str)] = &[
        (&["-p", "99999:80"], "invalid hostPort: 99999"),
        (&["-p", "80:"], "no port specified: 80:<empty>"),
        (&["-p", "8080:80/foo"], "invalid proto: foo"),
        (&["-p", "300.1.1.1:80:80"], "invalid IP address: 300.1.1.1"),
        (
            &["-p", "8000-8001:80-82"],
            "invalid ranges specified for container and host Ports: 80-82 and 8000-8001",
        ),
        (
            &["--expose", "1:2"],
            "invalid port format for --expose: 1:2",
        ),
        (
            &["--add-host", "foo"],
            r#"invalid argument "foo" for "--add-host" flag: bad format for add-host: "foo""#,
        ),
        (
            &["--add-host", "foo:bar"],
            r#"invalid argument "foo:bar" for "--add-host" flag: invalid IP address in add-host: "bar""#,
        ),
        (
            &["--dns", "1.1.1.1x"],
            r#"invalid argument "1.1.1.1x" for "--dns" flag: IP address is not correctly formatted: 1.1.1.1x"#,
        ),
        (
            &["--dns-search", "-x"],
            r#"invalid argument "-x" for "--dns-search" flag: -x is not a valid domain"#,
        ),
        (&["--network", ""], "no name set for network"),
    ];
    for (flags, words) in cases {
        for cmd in ["run", "create"] {
            let mut args = vec![cmd, "--name", "never"];
            args.extend_from_slice(flags);
            args.extend(["busybox", "true"]);
            let o = b.run(&args);
            assert_eq!(
                (o.code, o.stderr.as_str()),
                (125, format!("Error: {words}\n").as_str()),
                "{args:?}"
            );
        }
    }
    // sctp and a host-port range for one port: refused with berth's reason.
    for p in ["8080:80/sctp", "8000-8010:80"] {
        let o = b.run(&["run", "-p", p, "busybox", "true"]);
        assert_eq!(o.code, 125, "{p}: {}", o.stderr);
        assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
    }
    // The engine's checks: 125 with run, 1 with create.
    let engine: &[(&[&str], &str)] = &[
        (&["--network", "foo"], "network foo not found"),
        (&["--network", "container:nope"], "No such container: nope"),
        (
            &["--network", "container:"],
            "Invalid network mode: invalid container format container:<name|id>",
        ),
    ];
    for (flags, words) in engine {
        for (cmd, code) in [("run", 125), ("create", 1)] {
            let mut args = vec![cmd, "--name", "never"];
            args.extend_from_slice(flags);
            args.extend(["busybox", "true"]);
            let o = b.run(&args);
            assert_eq!(
                (o.code, o.stderr.as_str()),
                (code, format!("Error: {words}\n").as_str()),
                "{args:?}"
            );
        }
    }
    assert_eq!(b.ok(&["ps", "-aq"]), "");
    let left: Vec<_> = std::fs::read_dir(b.store_path("containers"))
        .unwrap()
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(std::fs::read_dir(b.store_path("names"))
        .unwrap()
        .next()
        .is_none());
}

/// What docker's engine refuses with another container's network.
#[test]
fn container_mode_conflicts_as_docker() {
    let b = busybox("net-conflicts");
    b.ok(&["create", "--name", "target", "busybox"]);
    for (flags, what) in [
        (&["-h", "x"][..], "hostname and the network mode"),
        (&["--dns", "1.1.1.1"], "dns and the network mode"),
        (
            &["--add-host", "a:1.2.3.4"],
            "custom host-to-IP mapping and the network mode",
        ),
        (
            &["-p", "80"],
            "port publishing and the container type network mode",
        ),
        (
            &["-P"],
            "port publishing and the container type network mode",
        ),
        (
            &["--expose", "80"],
            "port exposing and the container type network mode",
        ),
    ] {
        let mut args = vec!["run", "--network", "container:target"];
        args.extend_from_slice(flags);
        args.extend(["busybox", "true"]);
        let o = b.run(&args);
        assert_eq!(
            (o.code, o.stderr.as_str()),
            (
                125,
                format!("Error: conflicting options: {what}\n").as_str()
            ),
            "{flags:?}"
        );
    }
    // docker only warns about ports with the host's network.
    let o = b.run(&["create", "--network", "host", "-p", "80:80", "busybox"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "WARNING: Published ports are discarded when using host network mode\n"
    );
}

/// The records: docker's shapes for the network settings, and the names of the modes.
#[test]
fn network_settings_recorded_as_docker() {
    let b = busybox("net-record");
    b.ok(&[
        "create",
        "--name",
        "rec",
        "-p",
        "8080:80",
        "-p",
        "127.0.0.1:5353:53/udp",
        "-p",
        "[::1]::9000",
        "--expose",
        "7000-7001",
        "-P",
        "--dns",
        " 1.1.1.1",
        "--dns-search",
        "corp",
        "--dns-opt",
        "ndots:2",
        "--add-host",
        "h=10.1.2.3",
        "--add-host",
        "six:[::1]",
        "busybox",
    ]);
    let tpl = "{{json .HostConfig.PortBindings}}|{{json .Config.ExposedPorts}}|{{.HostConfig.PublishAllPorts}}|{{json .HostConfig.Dns}}|{{json .HostConfig.DnsSearch}}|{{json .HostConfig.DnsOptions}}|{{json .HostConfig.ExtraHosts}}|{{.HostConfig.NetworkMode}}";
    let out = b.ok(&["inspect", "-f", tpl, "rec"]);
    let f: Vec<&str> = out.trim().split('|').collect();
    assert_eq!(
        f[0],
        r#"{"53/udp":[{"HostIp":"127.0.0.1","HostPort":"5353"}],"80/tcp":[{"HostIp":"","HostPort":"8080"}],"9000/tcp":[{"HostIp":"::1","HostPort":""}]}"#
    );
    assert_eq!(
        f[1],
        r#"{"53/udp":{},"7000/tcp":{},"7001/tcp":{},"80/tcp":{},"9000/tcp":{}}"#
    );
    assert_eq!(
        &f[2..],
        [
            "true",
            r#"["1.1.1.1"]"#,
            r#"["corp"]"#,
            r#"["ndots:2"]"#,
            r#"["h:10.1.2.3","six:::1"]"#,
            "bridge"
        ]
    );
    // Without flags: docker's empty values; ExposedPorts absent.
    b.ok(&["create", "--name", "plain", "busybox"]);
    let v: serde_json::Value = serde_json::from_str(&b.ok(&["inspect", "plain"])).unwrap();
    let c = &v[0];
    assert_eq!(c["HostConfig"]["PortBindings"], serde_json::json!({}));
    assert_eq!(c["HostConfig"]["Dns"], serde_json::json!([]));
    assert!(c["HostConfig"]["ExtraHosts"].is_null());
    assert!(c["Config"].get("ExposedPorts").is_none());
    assert_eq!(c["HostConfig"]["NetworkMode"], "bridge");
    // Every name of the default network is stored as docker's.
    for (asked, stored, listed) in [
        ("default", "bridge", "bridge"),
        ("slirp4netns", "bridge", "bridge"),
        ("pasta", "bridge", "bridge"),
        ("none", "none", "none"),
        ("host", "host", "host"),
    ] {
        let id = b.ok(&["create", "--network", asked, "busybox"]);
        let id = id.trim();
        assert_eq!(
            b.ok(&["inspect", "-f", "{{.HostConfig.NetworkMode}}", id]),
            format!("{stored}\n")
        );
        assert_eq!(
            b.ok(&[
                "ps",
                "-a",
                "--filter",
                &format!("id={id}"),
                "--format",
                "{{.Networks}}"
            ]),
            format!("{listed}\n")
        );
    }
}

fn ipv6() -> bool {
    std::path::Path::new("/proc/net/if_inet6").exists()
}

/// docker 28's defaults at the top of /etc/hosts.
fn default_hosts() -> String {
    let mut s = String::from("127.0.0.1\tlocalhost\n");
    if ipv6() {
        s.push_str("::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n");
    }
    s
}

/// The directives of a resolv.conf (no comments, no blank lines).
fn directives(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

fn host_nameservers() -> Vec<String> {
    directives(&std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default())
        .into_iter()
        .filter(|l| l.starts_with("nameserver"))
        .collect()
}

const SHOW_ETC: &str = "cat /etc/hostname; echo --; cat /etc/hosts; echo --; cat /etc/resolv.conf";

/// The three files from inside a container run with `flags`.
fn etc_of(b: &Berth, flags: &[&str]) -> (String, String, String) {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend(["busybox", "sh", "-c", SHOW_ETC]);
    let out = b.ok(&args);
    let parts: Vec<&str> = out.splitn(3, "--\n").collect();
    assert_eq!(parts.len(), 3, "{out}");
    (
        parts[0].to_string(),
        parts[1].to_string(),
        parts[2].to_string(),
    )
}

fn etc_files_per_mode(b: Berth) {
    // The default network: the container's address and name, the forwarder.
    let (hostname, hosts, resolv) = etc_of(
        &b,
        &[
            "-h",
            "web.corp",
            "--add-host",
            "h:10.1.2.3",
            "--add-host",
            "gw:host-gateway",
        ],
    );
    assert_eq!(hostname, "web.corp\n");
    assert_eq!(
        hosts,
        format!(
            "{}10.1.2.3\th\n10.0.2.2\tgw\n10.0.2.100\tweb.corp web\n",
            default_hosts()
        )
    );
    let d = directives(&resolv);
    assert_eq!(
        d.iter()
            .filter(|l| l.starts_with("nameserver"))
            .collect::<Vec<_>>(),
        ["nameserver 10.0.2.3"],
        "{resolv}"
    );
    // --dns, --dns-search, --dns-option replace the host's.
    let (_, _, resolv) = etc_of(
        &b,
        &[
            "--dns",
            "1.1.1.1",
            "--dns",
            "::2",
            "--dns-search",
            "corp",
            "--dns-search",
            "b.example",
            "--dns-option",
            "ndots:2",
            "--dns-opt",
            "rotate",
        ],
    );
    let d = directives(&resolv);
    assert_eq!(
        &d[..4],
        [
            "nameserver 1.1.1.1",
            "nameserver ::2",
            "search corp b.example",
            "options ndots:2 rotate"
        ],
        "{resolv}"
    );
    // none: no address of its own; the host's nameservers that are not loopback.
    let (hostname, hosts, resolv) = etc_of(&b, &["--network", "none", "--add-host", "six=::1"]);
    assert_eq!(hostname.trim().len(), 12);
    let six = if ipv6() { "::1\tsix\n" } else { "" };
    assert_eq!(hosts, format!("{}{six}", default_hosts()));
    let want: Vec<String> = host_nameservers()
        .into_iter()
        .filter(|l| !l.contains(" 127.") && !l.ends_with(" ::1"))
        .collect();
    let got: Vec<String> = directives(&resolv)
        .into_iter()
        .filter(|l| l.starts_with("nameserver"))
        .collect();
    if want.is_empty() {
        assert_eq!(got[..2], ["nameserver 8.8.8.8", "nameserver 8.8.4.4"]);
    } else {
        assert_eq!(got, want, "{resolv}");
    }
    // host: the host's name, hosts file and nameservers.
    let (hostname, hosts, resolv) = etc_of(&b, &["--network", "host"]);
    let host_name = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    assert_eq!(hostname, host_name);
    assert_eq!(hosts, std::fs::read_to_string("/etc/hosts").unwrap());
    let got: Vec<String> = directives(&resolv)
        .into_iter()
        .filter(|l| l.starts_with("nameserver"))
        .collect();
    assert_eq!(got, host_nameservers());
    // ... and with --add-host, docker's layout: host-gateway is the host's loopback.
    let (_, hosts, _) = etc_of(&b, &["--network", "host", "--add-host", "gw:host-gateway"]);
    assert_eq!(hosts, format!("{}127.0.0.1\tgw\n", default_hosts()));
    // --no-hosts: the image's own /etc/hosts (busybox has none).
    b.ok(&[
        "create",
        "--name",
        "nohosts",
        "--no-hosts",
        "busybox",
        "sh",
        "-c",
        "cat /etc/hosts",
    ]);
    assert_eq!(b.ok(&["inspect", "-f", "{{.HostsPath}}", "nohosts"]), "\n");
    let o = b.run(&["start", "-a", "nohosts"]);
    assert_eq!(o.code, 1, "{}", o.stdout);
    let o = b.run(&[
        "run",
        "--no-hosts",
        "--add-host",
        "a:1.2.3.4",
        "busybox",
        "true",
    ]);
    assert_eq!(o.code, 125, "{}", o.stderr);
}

#[test]
fn etc_files_for_each_mode_and_flag() {
    etc_files_per_mode(busybox("net-etc"));
}

#[test]
fn root_pass_etc_files_for_each_mode_and_flag() {
    if let Some(b) = Berth::root("net-etc-root") {
        b.load("busybox.tar");
        etc_files_per_mode(b);
    }
}

/// A running container on the default network: its address in inspect, its exposed
/// ports in PORTS; nothing of it once stopped.
#[test]
fn inspect_ps_and_port_of_running_and_stopped_containers() {
    let b = busybox("net-show");
    b.ok(&[
        "run", "-d", "--name", "srv", "--expose", "443", "busybox", "sleep", "1000",
    ]);
    let ns = |b: &Berth| -> serde_json::Value {
        let v: serde_json::Value = serde_json::from_str(&b.ok(&["inspect", "srv"])).unwrap();
        v[0]["NetworkSettings"].clone()
    };
    let s = ns(&b);
    assert_eq!(s["IPAddress"], "10.0.2.100");
    assert_eq!(s["IPPrefixLen"], 24);
    assert_eq!(s["Gateway"], "10.0.2.2");
    let mac = s["MacAddress"].as_str().unwrap().to_string();
    assert!(mac.starts_with("02:42:") && mac.len() == 17, "{mac}");
    assert_eq!(s["Ports"], serde_json::json!({"443/tcp": null}));
    let br = &s["Networks"]["bridge"];
    assert_eq!(
        (
            br["IPAddress"].as_str(),
            br["Gateway"].as_str(),
            br["MacAddress"].as_str()
        ),
        (Some("10.0.2.100"), Some("10.0.2.2"), Some(mac.as_str()))
    );
    assert_eq!(br["NetworkID"].as_str().unwrap().len(), 64);
    assert_eq!(
        b.ok(&["inspect", "-f", "{{.NetworkSettings.IPAddress}}", "srv"]),
        "10.0.2.100\n"
    );
    assert_eq!(b.ok(&["ps", "--format", "{{.Ports}}"]), "443/tcp\n");
    assert!(b.ok(&["ps"]).contains("   443/tcp   "));
    assert_eq!(
        b.ok(&["ps", "--filter", "expose=443", "--format", "{{.Names}}"]),
        "srv\n"
    );
    assert_eq!(
        b.ok(&[
            "ps",
            "--filter",
            "expose=440-450/tcp",
            "--format",
            "{{.Names}}"
        ]),
        "srv\n"
    );
    assert_eq!(b.ok(&["ps", "--filter", "expose=444", "-q"]), "");
    assert_eq!(b.ok(&["ps", "--filter", "publish=443", "-q"]), "");
    let o = b.run(&["ps", "--filter", "publish=1:2"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            1,
            "Error: filter for 'publish' should not contain ':': 1:2\n"
        )
    );
    // Nothing published: `port` prints nothing; one port: docker's error.
    assert_eq!(b.ok(&["port", "srv"]), "");
    let o = b.run(&["port", "srv", "443"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (1, "Error: No public port '443' published for srv\n")
    );
    let o = b.run(&["port", "srv", "abc"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            1,
            "Error: invalid port (abc): strconv.ParseUint: parsing \"abc\": invalid syntax\n"
        )
    );
    let o = b.run(&["port", "nope"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (1, "Error: No such container: nope\n")
    );
    b.ok(&["stop", "-t", "0", "srv"]);
    let s = ns(&b);
    for k in [
        "IPAddress",
        "Gateway",
        "MacAddress",
        "EndpointID",
        "SandboxKey",
    ] {
        assert_eq!(s[k], "", "{k}");
    }
    assert_eq!(s["Ports"], serde_json::json!({}));
    assert_eq!(s["Networks"]["bridge"]["IPAddress"], "");
    assert_eq!(b.ok(&["ps", "-a", "--format", "{{.Ports}}"]), "\n");
    // Other modes show no address.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "hostnet",
        "--network",
        "host",
        "busybox",
        "sleep",
        "1000",
    ]);
    let v: serde_json::Value = serde_json::from_str(&b.ok(&["inspect", "hostnet"])).unwrap();
    let s = &v[0]["NetworkSettings"];
    assert_eq!(
        (s["IPAddress"].as_str(), s["Ports"].clone()),
        (Some(""), serde_json::json!({}))
    );
    assert!(s["Networks"]["host"].is_object(), "{s}");
}

/// Set `State.Ports` of a running container as its supervisor records what it bound
/// (the binding itself is the translator's, tested with it): what ps, port and
/// inspect make of it.
fn record_bound_ports(b: &Berth, name: &str, ports: serde_json::Value) {
    let id = b.ok(&["inspect", "-f", "{{.Id}}", name]);
    let path = b.store_path(&format!("containers/{}/state.json", id.trim()));
    let mut s: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    s["Ports"] = ports;
    std::fs::write(&path, serde_json::to_vec(&s).unwrap()).unwrap();
}

#[test]
fn bound_ports_shown_as_docker() {
    let b = busybox("net-bound");
    b.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--expose",
        "80",
        "--expose",
        "53/udp",
        "--expose",
        "8000-8002",
        "--expose",
        "443",
        "busybox",
        "sleep",
        "1000",
    ]);
    let bound = |proto: &str, c: u16, ip: &str, h: u16| serde_json::json!({"proto": proto, "container_port": c, "host_ip": ip, "host_port": h});
    record_bound_ports(
        &b,
        "web",
        serde_json::json!([
            bound("tcp", 80, "0.0.0.0", 8080),
            bound("tcp", 80, "::", 8080),
            bound("udp", 53, "127.0.0.1", 5353),
            bound("tcp", 8000, "0.0.0.0", 8000),
            bound("tcp", 8001, "0.0.0.0", 8001),
            bound("tcp", 8002, "0.0.0.0", 8002),
        ]),
    );
    assert_eq!(
        b.ok(&["ps", "--format", "{{.Ports}}"]),
        "443/tcp, 0.0.0.0:8000-8002->8000-8002/tcp, 127.0.0.1:5353->53/udp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n"
    );
    assert_eq!(
        b.ok(&["port", "web"]),
        "53/udp -> 127.0.0.1:5353\n80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n8000/tcp -> 0.0.0.0:8000\n8001/tcp -> 0.0.0.0:8001\n8002/tcp -> 0.0.0.0:8002\n"
    );
    assert_eq!(b.ok(&["port", "web", "80"]), "0.0.0.0:8080\n[::]:8080\n");
    assert_eq!(b.ok(&["port", "web", "53/udp"]), "127.0.0.1:5353\n");
    let o = b.run(&["port", "web", "53"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (1, "Error: No public port '53' published for web\n")
    );
    assert_eq!(
        b.ok(&["inspect", "-f", "{{json .NetworkSettings.Ports}}", "web"]),
        "{\"443/tcp\":null,\"53/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"5353\"}],\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8080\"},{\"HostIp\":\"::\",\"HostPort\":\"8080\"}],\"8000/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8000\"}],\"8001/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8001\"}],\"8002/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8002\"}]}\n"
    );
    assert_eq!(
        b.ok(&[
            "ps",
            "--filter",
            "publish=8080/tcp",
            "--format",
            "{{.Names}}"
        ]),
        "web\n"
    );
    assert_eq!(b.ok(&["ps", "--filter", "publish=8080/udp", "-q"]), "");
    assert_eq!(
        b.ok(&[
            "ps",
            "--filter",
            "publish=5353/udp",
            "--format",
            "{{.Names}}"
        ]),
        "web\n"
    );
    // Stopped: no ports, and none recorded any more.
    b.ok(&["stop", "-t", "0", "web"]);
    assert_eq!(b.ok(&["port", "web"]), "");
    assert_eq!(b.ok(&["ps", "-a", "--format", "{{.Ports}}"]), "\n");
    let id = b.ok(&["inspect", "-f", "{{.Id}}", "web"]);
    let state =
        std::fs::read_to_string(b.store_path(&format!("containers/{}/state.json", id.trim())))
            .unwrap();
    assert!(!state.contains("\"Ports\""), "{state}");
}

/// `network ls/inspect/rm/create`: the predefined networks as docker shows them, its
/// filters and errors; the default network lists its running containers.
#[test]
fn network_commands() {
    let b = busybox("net-cmds");
    let out = b.ok(&["network", "ls"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].starts_with("NETWORK ID     NAME      DRIVER    SCOPE"),
        "{out}"
    );
    let names: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(names, ["bridge", "host", "none"]);
    assert_eq!(
        b.ok(&[
            "network",
            "ls",
            "-f",
            "driver=null",
            "--format",
            "{{.Name}}"
        ]),
        "none\n"
    );
    assert_eq!(
        b.ok(&[
            "network",
            "ls",
            "-f",
            "name=ho",
            "--format",
            "{{.Name}} {{.Driver}}"
        ]),
        "host host\n"
    );
    assert_eq!(b.ok(&["network", "ls", "-f", "type=custom", "-q"]), "");
    assert_eq!(b.ok(&["network", "ls", "-f", "dangling=true", "-q"]), "");
    let ids = b.ok(&["network", "ls", "-q", "--no-trunc"]);
    assert!(ids.lines().all(|l| l.len() == 64), "{ids}");
    let o = b.run(&["network", "ls", "-f", "bogus=1"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (1, "Error: Invalid filter 'bogus'\n")
    );
    let o = b.run(&["network", "ls", "-f", "type=x"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (1, "Error: invalid filter: 'type'='x'\n")
    );
    // The same network id in ls, inspect and a container's NetworkSettings.
    b.ok(&[
        "run",
        "-d",
        "--name",
        "on-bridge",
        "busybox",
        "sleep",
        "1000",
    ]);
    let id = b
        .ok(&["inspect", "-f", "{{.Id}}", "on-bridge"])
        .trim()
        .to_string();
    let net = b.ok(&[
        "inspect",
        "-f",
        "{{.NetworkSettings.Networks.bridge.NetworkID}}",
        "on-bridge",
    ]);
    let out = b.ok(&[
        "network", "inspect", "bridge", "-f",
        "{{.Id}} {{.Driver}} {{(index .IPAM.Config 0).Subnet}} {{range $k, $v := .Containers}}{{$k}} {{$v.Name}} {{$v.IPv4Address}}{{end}}",
    ]);
    assert_eq!(
        out,
        format!(
            "{} bridge 10.0.2.0/24 {id} on-bridge 10.0.2.100/24\n",
            net.trim()
        )
    );
    let out = b.ok(&["network", "inspect", "host"]);
    assert!(
        out.starts_with("[\n    {\n        \"Name\": \"host\",\n        \"Id\": \""),
        "{out}"
    );
    let o = b.run(&["network", "inspect", "nope"]);
    assert_eq!((o.code, o.stdout.as_str()), (1, "[]\n"));
    assert_eq!(
        o.stderr,
        "Error response from daemon: network nope not found\n"
    );
    let o = b.run(&["network", "rm", "bridge"]);
    assert_eq!(o.code, 1);
    assert_eq!(
        o.stderr,
        "Error response from daemon: bridge is a pre-defined network and cannot be removed\n"
    );
    let o = b.run(&["network", "create", "mynet"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .starts_with("Error: user-defined networks are not supported by berth yet"),
        "{}",
        o.stderr
    );
    assert_eq!(b.run(&["network", "exists", "none"]).code, 0);
    assert_eq!(b.run(&["network", "exists", "mynet"]).code, 1);
    b.ok(&["rm", "-f", "on-bridge"]);
}
