# The network figures of scripts/bench (sourced by it after its setup: uses as_user, $B,
# $work, $TEST_DIR, $RUNS, have_podman). Medians of $BENCH_NET_RUNS (5) runs each:
#   - container -> host loopback (iperf3, $BENCH_IPERF_SECS s): berth through
#     `--add-host host.docker.internal:host-gateway`, pasta's splice path
#     (`pasta --config-net -T PORT -- iperf3 -c 127.0.0.1 -p PORT`), slirp4netns
#     (podman's `--network slirp4netns:allow_host_loopback=true`, to 10.0.2.2);
#   - host -> container through a published port (iperf3 server in the container): berth
#     vs podman's default (slirp4netns + rootlesskit's port handler), a client on the
#     host's loopback and, when tests/peer-setup.sh made it, one in the peer namespace
#     (a non-loopback client); with berth's supervisor CPU per Gbit/s;
#   - 1,000 short HTTP requests (new connection each) to busybox httpd through `-p`:
#     p50 and p99 latency;
#   - `run --rm busybox true` on the default network vs podman's default.
# Every iperf3 uses the host's default congestion control (-C). A figure berth cannot
# give yet reads "n/a" with the error. Traffic stays on loopback and the peer namespace.

NRUNS=${BENCH_NET_RUNS:-5}
SECS=${BENCH_IPERF_SECS:-5}
CC=$(sysctl -n net.ipv4.tcp_congestion_control)
CLK_TCK=$(getconf CLK_TCK)
PEER_NS=berth-peer
PEER_HOST_SIDE=10.231.0.1

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
free_port() { python3 -c 'import socket; s = socket.socket(socket.AF_INET6); s.bind(("::", 0)); print(s.getsockname()[1])'; }
# Gbit/s received from iperf3 -J output on stdin, or "n/a: why".
gbps() {
    local j; j=$(cat)
    jq -r 'if .error then "n/a: " + .error else (.end.sum_received.bits_per_second / 1e9 | tostring) end' \
        <<<"$j" 2>/dev/null || echo "n/a: $(head -c 200 <<<"$j" | tr '\n' ' ')"
}
# Run "$@" NRUNS times; each run prints a number (last line) or an n/a. Prints the median,
# or the first n/a.
measure() {
    local vals=() out i
    for i in $(seq "$NRUNS"); do
        out=$("$@" 2>&1 | tail -n 1) || true
        if [[ $out =~ ^[0-9.e+-]+$ ]]; then vals+=("$out"); continue; fi
        [[ $out == n/a* ]] && echo "$out" || echo "n/a: $(first "$out")"
        return
    done
    printf '%s\n' "${vals[@]}" | median
}
num() { [[ $1 =~ ^[0-9.e+-]+$ ]]; }
fmt() { if num "$1"; then printf '%8.2f' "$1"; else printf '%8s' n/a; fi; }
ratio() { if num "$1" && num "$2"; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; else printf 'n/a'; fi; }
# The n/a reasons of a figure list, for a line after the table row.
why() { local v; for v in "$@"; do [[ $v != n/a* ]] || printf '    (%s)\n' "$v"; done; }
# The first line of an error, shortened: what an n/a says.
first() { sed -n '/[^[:space:]]/{s/^[[:space:]]*//;p;q}' <<<"$1" | cut -c1-160; }
# user+system CPU ticks of a process (all its threads).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

echo "network: iperf3 ${SECS}s x $NRUNS runs (medians), congestion control $CC"

# --- the bench image: busybox + the host's iperf3 and the libraries ldd names ----------
python3 - "$work/bench-iperf3.tar" <<'PY'
import os, subprocess, sys
sys.path.insert(0, "tests/fixtures")
import mkimages as m
iperf = "/usr/bin/iperf3"
libs = [w for line in subprocess.run(["ldd", iperf], capture_output=True, text=True, check=True).stdout.splitlines()
        for w in line.split() if w.startswith("/")]
files = sorted(set([iperf] + libs))
dirs = {"etc"}
for f in files:
    parts = os.path.dirname(f).strip("/").split("/")
    dirs.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
t = m.TarWriter()
for d in sorted(dirs):
    t.dir(d + "/")
for f in files:
    with open(os.path.realpath(f), "rb") as fh:
        t.file(f.lstrip("/"), fh.read(), 0o755)
# Names from /etc/hosts only: never a DNS query from the bench.
t.file("etc/nsswitch.conf", b"hosts: files\n")
layer = m.Layer(t.getvalue(), "bench: the host's iperf3 and its libraries")
img = m.Image("bench-iperf3", [m.busybox_layer(m.busybox_applets()), layer])
m.write_docker_archive(sys.argv[1], img, ["bench-iperf3:latest"])
PY
chown "$USER_NAME" "$work/bench-iperf3.tar"
as_user $B load -i "$work/bench-iperf3.tar" >/dev/null
as_user $B load -i "$TEST_DIR/fixtures/web.tar" >/dev/null
have_podman_net=0
if ((have_podman)) && as_user podman load -i "$work/bench-iperf3.tar" >/dev/null 2>&1 \
    && as_user podman load -i "$TEST_DIR/fixtures/web.tar" >/dev/null 2>&1 \
    && as_user podman run --rm docker.io/library/busybox true >/dev/null 2>&1; then
    have_podman_net=1
else
    echo "network: podman's default network does not work here: its figures are n/a"
fi
have_peer=0
[[ -e /run/netns/$PEER_NS ]] && have_peer=1

# Wait (10 s at most) until an iperf3 server answers on 127.0.0.1:PORT.
iperf_ready() {
    local i
    for i in $(seq 50); do
        as_user iperf3 -c 127.0.0.1 -p "$1" -n 1K -C "$CC" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    return 1
}

# --- container -> host loopback ---------------------------------------------------------
hport=$(free_port)
as_user iperf3 -s -B 127.0.0.1 -p "$hport" -D --pidfile "$work/iperf3-host.pid"
iperf_ready "$hport" || echo "network: the host's iperf3 server did not start"

c2h_berth_run() { as_user $B exec bench-c2h iperf3 -c host.docker.internal -p "$hport" -t "$SECS" -C "$CC" -J 2>&1 | gbps; }
c2h_pasta_run() { as_user pasta --config-net -T "$hport" -- iperf3 -c 127.0.0.1 -p "$hport" -t "$SECS" -C "$CC" -J 2>&1 | gbps; }
c2h_slirp_run() {
    as_user podman run --rm --network slirp4netns:allow_host_loopback=true localhost/bench-iperf3 \
        iperf3 -c 10.0.2.2 -p "$hport" -t "$SECS" -C "$CC" -J 2>&1 | gbps
}
if out=$(as_user $B run -d --name bench-c2h --add-host host.docker.internal:host-gateway bench-iperf3 sleep 100000 2>&1); then
    c2h_berth=$(measure c2h_berth_run)
else
    c2h_berth="n/a: $(first "$out")"
fi
c2h_pasta=$(measure c2h_pasta_run)
c2h_slirp="n/a: podman unavailable"
((have_podman_net)) && c2h_slirp=$(measure c2h_slirp_run)
printf '%-26s berth %s  pasta -T %s  slirp4netns %s Gbit/s   berth/pasta %s  berth/slirp4netns %s\n' \
    "container->host loopback" "$(fmt "$c2h_berth")" "$(fmt "$c2h_pasta")" "$(fmt "$c2h_slirp")" \
    "$(ratio "$c2h_berth" "$c2h_pasta")" "$(ratio "$c2h_berth" "$c2h_slirp")"
why "$c2h_berth" "$c2h_pasta" "$c2h_slirp"
as_user kill "$(cat "$work/iperf3-host.pid")" 2>/dev/null || true

# --- host -> container through a published port ------------------------------------------
# One iperf3 client run against 127.0.0.1:PORT (or from the peer namespace to the host's
# side of its veth), printing Gbit/s; with a monitor pid, also its CPU share per Gbit/s
# into $work/cpu.
h2c_run() { # where port [monitor-pid]
    local where=$1 port=$2 mon=${3:-} t0 t1 out g
    [[ -n $mon ]] && t0=$(cpu_ticks "$mon")
    if [[ $where == peer ]]; then
        out=$(ip netns exec "$PEER_NS" iperf3 -c "$PEER_HOST_SIDE" -p "$port" -t "$SECS" -C "$CC" -J 2>&1 | gbps) || true
    else
        out=$(as_user iperf3 -c 127.0.0.1 -p "$port" -t "$SECS" -C "$CC" -J 2>&1 | gbps) || true
    fi
    if [[ -n $mon ]] && num "$out"; then
        t1=$(cpu_ticks "$mon")
        awk -v d="$((t1 - t0))" -v hz="$CLK_TCK" -v s="$SECS" -v g="$out" \
            'BEGIN { printf "%.2f\n", d / hz / s / g * 100 }' >>"$work/cpu-$where"
    fi
    echo "$out"
}
h2c_report() { # where label
    local where=$1 label=$2 b=$3 p=$4 cpu="n/a"
    [[ -s $work/cpu-$where ]] && cpu=$(median <"$work/cpu-$where")
    printf '%-26s berth %s  podman %s Gbit/s   berth/podman %s   berth supervisor CPU %s%% of a core per Gbit/s\n' \
        "$label" "$(fmt "$b")" "$(fmt "$p")" "$(ratio "$b" "$p")" "$cpu"
    why "$b" "$p"
}
bport=$(free_port)
pport=$(free_port)
h2c_berth="n/a: not run" h2c_berth_peer="n/a: not run" mon=""
if out=$(as_user $B run -d --name bench-h2c -p "$bport:5201" bench-iperf3 iperf3 -s 2>&1); then
    mon=$(ps -o ppid= -p "$(as_user $B inspect -f '{{.State.Pid}}' bench-h2c)" | tr -d ' ') || true
    if iperf_ready "$bport"; then
        h2c_berth=$(measure h2c_run host "$bport" "$mon")
        ((have_peer)) && h2c_berth_peer=$(measure h2c_run peer "$bport" "$mon")
    else
        h2c_berth="n/a: no answer on the published port" h2c_berth_peer=$h2c_berth
    fi
else
    h2c_berth="n/a: $(first "$out")" h2c_berth_peer=$h2c_berth
fi
h2c_pod="n/a: podman unavailable" h2c_pod_peer=$h2c_pod
if ((have_podman_net)) && as_user podman run -d --name bench-h2c -p "$pport:5201" localhost/bench-iperf3 iperf3 -s >/dev/null 2>&1; then
    if iperf_ready "$pport"; then
        h2c_pod=$(measure h2c_run host "$pport")
        ((have_peer)) && h2c_pod_peer=$(measure h2c_run peer "$pport")
    else
        h2c_pod="n/a: no answer on podman's published port" h2c_pod_peer=$h2c_pod
    fi
fi
h2c_report host "host->container (lo)" "$h2c_berth" "$h2c_pod"
if ((have_peer)); then
    h2c_report peer "host->container (peer)" "$h2c_berth_peer" "$h2c_pod_peer"
else
    echo "host->container (peer)     n/a: no peer namespace (run tests/peer-setup.sh)"
fi

# --- 1,000 short HTTP requests through -p ---------------------------------------------------
# Prints "p50 p99" in ms (one new connection per request); fails on a bad answer.
http_lat() {
    as_user python3 - "$1" <<'PY'
import socket, sys, time
port, n, lat = int(sys.argv[1]), 1000, []
def get():
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n")
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    s.close()
    if not data.startswith(b"HTTP/1.") or b" 200 " not in data[:16]:
        sys.exit(f"bad answer: {data[:80]!r}")
for _ in range(20):
    get()
for _ in range(n):
    t = time.perf_counter()
    get()
    lat.append((time.perf_counter() - t) * 1000)
lat.sort()
print(f"{lat[n // 2]:.3f} {lat[n * 99 // 100]:.3f}")
PY
}
http_figures() { # port: median p50 and median p99 of NRUNS runs, or n/a
    local i out p50=() p99=()
    for i in $(seq "$NRUNS"); do
        out=$(http_lat "$1" 2>&1 | tail -n 1) || true
        [[ $out =~ ^[0-9.]+\ [0-9.]+$ ]] || { echo "n/a: $(first "$out")"; return; }
        p50+=("${out% *}") p99+=("${out#* }")
    done
    echo "$(printf '%s\n' "${p50[@]}" | median) $(printf '%s\n' "${p99[@]}" | median)"
}
wait_http() { local i; for i in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.2; done; return 1; }
wport=$(free_port)
http_berth="n/a: not run"
if out=$(as_user $B run -d --name bench-web -p "127.0.0.1:$wport:80" web 2>&1); then
    if wait_http "$wport"; then http_berth=$(http_figures "$wport"); else http_berth="n/a: no answer on the published port"; fi
else
    http_berth="n/a: $(first "$out")"
fi
http_pod="n/a: podman unavailable"
wport2=$(free_port)
if ((have_podman_net)) && as_user podman run -d --name bench-web -p "127.0.0.1:$wport2:80" localhost/web >/dev/null 2>&1; then
    if wait_http "$wport2"; then http_pod=$(http_figures "$wport2"); else http_pod="n/a: no answer on podman's published port"; fi
fi
read -r b50 b99 <<<"$(if [[ $http_berth == n/a* ]]; then echo "x x"; else echo "$http_berth"; fi)"
read -r p50 p99 <<<"$(if [[ $http_pod == n/a* ]]; then echo "x x"; else echo "$http_pod"; fi)"
printf '%-26s berth p50 %s p99 %s ms   podman p50 %s p99 %s ms   berth/podman p50 %s p99 %s\n' \
    "1000 HTTP requests via -p" "$(fmt "$b50")" "$(fmt "$b99")" "$(fmt "$p50")" "$(fmt "$p99")" \
    "$(ratio "$b50" "$p50")" "$(ratio "$b99" "$p99")"
why "$http_berth" "$http_pod"

# --- run --rm on the default network ------------------------------------------------------
# `--network bridge` names berth's default network explicitly, so this reads n/a (not the
# `none` figure) until the built-in network exists.
# hyperfine's median in seconds, or n/a.
hf_median() { # name command
    if as_user hyperfine -N -w 3 -r "$RUNS" --export-json "$work/$1.json" "$2" >/dev/null 2>&1; then
        jq -r '.results[0].median' "$work/$1.json"
    else
        echo "n/a: hyperfine failed"
    fi
}
if out=$(as_user $B run --rm --network bridge busybox true 2>&1); then
    rb=$(hf_median run-net-berth "$B run --rm --network bridge busybox true")
else
    rb="n/a: $(first "$out")"
fi
rp="n/a: podman unavailable"
((have_podman_net)) && rp=$(hf_median run-net-podman "podman run --rm docker.io/library/busybox true")
ms() { if num "$1"; then awk -v v="$1" 'BEGIN { printf "%8.2f", v * 1000 }'; else printf '%8s' n/a; fi; }
printf '%-26s berth %s ms   podman %s ms   berth/podman %s\n' "run --rm (default net)" \
    "$(ms "$rb")" "$(ms "$rp")" "$(ratio "$rb" "$rp")"
why "$rb" "$rp"

# --- clean up ---------------------------------------------------------------------------
as_user $B rm -f bench-c2h bench-h2c bench-web >/dev/null 2>&1 || true
((have_podman)) && as_user podman rm -f -t 0 bench-h2c bench-web >/dev/null 2>&1 || true
