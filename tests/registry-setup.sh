#!/usr/bin/env bash
# Start the two local registries that berth's registry tests push to and pull from.
#
# Run as root. Idempotent and cheap: every run checks each piece and (re)creates or
# (re)starts only what is missing, so it can run before every test run. Processes
# started by an earlier session do not survive a new machine: this script must run
# (tests/setup.sh calls it) before the registry tests.
#
#   BERTH_TEST_DIR   base directory (default /var/tmp/berth-test)
#
# What it leaves running, each started with setsid/nohup so it outlives this script, on
# free loopback ports it picks (never fixed ones: the host may run its own registry or
# anything else on 5000/5443):
#   plain  plain HTTP, no auth           (config $LIVE/plain.yml, data $LIVE/plain-data)
#   tls    HTTPS + htpasswd basic auth   (config $LIVE/tls.yml,   data $LIVE/tls-data)
#          user labuser, password labpass
# with $REG = $BERTH_TEST_DIR/registry and $LIVE = $REG/live; logs in $LIVE/plain.log and
# $LIVE/tls.log, pids in $LIVE/plain.pid and $LIVE/tls.pid. The addresses are recorded in
# $REG/ports, a file of shell assignments that the tests read (and scripts can source):
#   BERTH_TEST_REGISTRY_PLAIN=127.0.0.1:PORT
#   BERTH_TEST_REGISTRY_TLS=127.0.0.1:PORT
# A later run keeps registries that still answer on their recorded ports, and starts the
# others on new free ports.
# TLS material made here with openssl (kept across runs, renewed when near expiry):
#   $REG/ca.crt      the test CA (0644, world-readable: give it to --cert-dir or copy it
#                    to ~/.config/containers/certs.d/127.0.0.1:PORT/ca.crt)
#   $REG/certs/ca.crt a copy alone in a directory, usable as --cert-dir as it is
#   $REG/server.crt  server certificate for 127.0.0.1, ::1 and localhost, signed by the CA
# The registry is Debian's `docker-registry` package (the distribution registry v2).
set -euo pipefail

TEST_DIR="${BERTH_TEST_DIR:-/var/tmp/berth-test}"
REG="$TEST_DIR/registry"
LIVE="$REG/live"
PORTS="$REG/ports"
USER_NAME=labuser
USER_PASS=labpass

step() { printf 'registry-setup: %s\n' "$*"; }
die() { printf 'registry-setup: ERROR: %s\n' "$*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || die "must run as root"

# --- packages ----------------------------------------------------------------
missing=()
for p in docker-registry apache2-utils openssl; do
    [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null) == ii* ]] || missing+=("$p")
done
if ((${#missing[@]})); then
    step "installing ${missing[*]}"
    apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
        --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v docker-registry >/dev/null || die "docker-registry not found after install"
# Debian's package may start its own service on :5000 (on hosts with an init system);
# that is no longer in our way (we pick free ports), so it is left alone.

install -d -m 0755 "$TEST_DIR" "$REG" "$REG/certs" "$LIVE"
install -d -m 0700 "$LIVE/plain-data" "$LIVE/tls-data"

# Is pid one of our registries (not a recycled pid of something else)?
ours() { # name pid
    [[ -n $2 && -r /proc/$2/cmdline ]] || return 1
    [[ $(tr '\0' ' ' <"/proc/$2/cmdline") == *"serve $LIVE/$1.yml"* ]]
}

# --- the old layout ---------------------------------------------------------------
# Earlier versions ran the registries on the fixed ports 5000/5443 from $REG/NAME.yml.
# Another checkout may still use them: leave them running; once gone, drop their files.
for name in plain tls; do
    old_pid=$(cat "$REG/$name.pid" 2>/dev/null || true)
    if [[ -n $old_pid && -r /proc/$old_pid/cmdline ]] \
        && [[ $(tr '\0' ' ' <"/proc/$old_pid/cmdline") == *"serve $REG/$name.yml"* ]]; then
        continue
    fi
    rm -rf "$REG/$name.pid" "$REG/$name.yml" "$REG/$name.log" "$REG/$name-data"
done

# --- TLS material ------------------------------------------------------------
if [[ ! -s $REG/ca.crt || ! -s $REG/ca.key ]] || ! openssl x509 -checkend 86400 -noout -in "$REG/ca.crt" >/dev/null 2>&1; then
    step "creating test CA"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
        -subj "/CN=berth test registry CA" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -keyout "$REG/ca.key" -out "$REG/ca.crt" 2>/dev/null
    rm -f "$REG/server.crt"
fi
if [[ ! -s $REG/server.crt || ! -s $REG/server.key ]] \
    || ! openssl x509 -checkend 86400 -noout -in "$REG/server.crt" >/dev/null 2>&1 \
    || ! openssl verify -CAfile "$REG/ca.crt" "$REG/server.crt" >/dev/null 2>&1; then
    step "creating server certificate"
    openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=127.0.0.1" \
        -keyout "$REG/server.key" -out "$REG/server.csr" 2>/dev/null
    printf '%s\n' "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost" \
        "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
        "extendedKeyUsage=serverAuth" >"$REG/server.ext"
    openssl x509 -req -in "$REG/server.csr" -CA "$REG/ca.crt" -CAkey "$REG/ca.key" \
        -CAcreateserial -days 825 -sha256 -extfile "$REG/server.ext" \
        -out "$REG/server.crt" 2>/dev/null
    rm -f "$REG/server.csr" "$REG/server.ext"
    # A running TLS registry still serves the old certificate: restart it below.
    if [[ -f $LIVE/tls.pid ]] && ours tls "$(cat "$LIVE/tls.pid")"; then
        pid=$(cat "$LIVE/tls.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do ours tls "$pid" || break; sleep 0.1; done
    fi
fi
chmod 0644 "$REG/ca.crt" "$REG/server.crt"
chmod 0600 "$REG/ca.key" "$REG/server.key"
install -m 0644 "$REG/ca.crt" "$REG/certs/ca.crt"

# --- htpasswd (bcrypt: the registry accepts nothing else) ----------------------
if [[ ! -s $REG/htpasswd ]] || ! htpasswd -vb "$REG/htpasswd" "$USER_NAME" "$USER_PASS" >/dev/null 2>&1; then
    htpasswd -Bbn "$USER_NAME" "$USER_PASS" >"$REG/htpasswd"
fi
chmod 0644 "$REG/htpasswd"

# --- configs and start -----------------------------------------------------------
# Does a distribution registry answer on this port (not just anything listening)?
answers() { # port scheme
    python3 - "$1" "$2" <<'PY' 2>/dev/null
import ssl, sys, urllib.error, urllib.request
port, scheme = sys.argv[1], sys.argv[2]
ctx = ssl._create_unverified_context()
try:
    r = urllib.request.urlopen(f"{scheme}://127.0.0.1:{port}/v2/", timeout=2, context=ctx)
except urllib.error.HTTPError as e:
    r = e
sys.exit(0 if r.headers.get("Docker-Distribution-Api-Version") else 1)
PY
}

# A port nothing listens on now (the kernel's pick). Another process may still take it
# before the registry binds: start() then tries again with a new one.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The port a registry was recorded on (empty if none).
recorded() { # NAME (PLAIN or TLS)
    [[ -r $PORTS ]] || return 0
    sed -n "s/^BERTH_TEST_REGISTRY_$1=127\.0\.0\.1:\([0-9]*\)$/\1/p" "$PORTS"
}

write_config() { # name port
    local name=$1 port=$2
    if [[ $name == plain ]]; then
        cat >"$LIVE/plain.yml" <<YML
version: 0.1
log:
  level: info
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $LIVE/plain-data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: berth-test-plain
  headers:
    X-Content-Type-Options: [nosniff]
YML
    else
        cat >"$LIVE/tls.yml" <<YML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $LIVE/tls-data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: berth-test-tls
  tls:
    certificate: $REG/server.crt
    key: $REG/server.key
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  htpasswd:
    realm: berth-test
    path: $REG/htpasswd
YML
    fi
}

# Start registry NAME unless ours already answers on its recorded port; prints the port.
start() { # name
    local name=$1 key pid="" port attempt scheme=http
    [[ $name == tls ]] && scheme=https
    key=$(tr '[:lower:]' '[:upper:]' <<<"$name")
    port=$(recorded "$key")
    [[ -f $LIVE/$name.pid ]] && pid=$(cat "$LIVE/$name.pid")
    if [[ -n $port ]] && ours "$name" "$pid" && answers "$port" "$scheme"; then
        step "$name registry already running on 127.0.0.1:$port (pid $pid)" >&2
        echo "$port"
        return
    fi
    if ours "$name" "$pid"; then # ours, but not answering where recorded
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do ours "$name" "$pid" || break; sleep 0.1; done
    fi
    # Keep the access logs from growing without end across runs.
    if [[ -f $LIVE/$name.log ]] && (($(stat -c %s "$LIVE/$name.log") > 20000000)); then
        : >"$LIVE/$name.log"
    fi
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        write_config "$name" "$port"
        setsid nohup docker-registry serve "$LIVE/$name.yml" >>"$LIVE/$name.log" 2>&1 </dev/null &
        pid=$!
        echo "$pid" >"$LIVE/$name.pid"
        # Ready when it answers; gone (port taken meanwhile, say) means try another port.
        for _ in $(seq 1 100); do
            if ours "$name" "$pid" && answers "$port" "$scheme" && ours "$name" "$pid"; then
                step "$name registry started on 127.0.0.1:$port (pid $pid)" >&2
                echo "$port"
                return
            fi
            ours "$name" "$pid" || break
            sleep 0.1
        done
        kill "$pid" 2>/dev/null || true
        step "$name registry did not come up on port $port (attempt $attempt)" >&2
    done
    tail -n 20 "$LIVE/$name.log" >&2 || true
    die "$name registry did not start (log: $LIVE/$name.log)"
}
plain_port=$(start plain)
tls_port=$(start tls)
tmp="$PORTS.tmp.$$"
printf 'BERTH_TEST_REGISTRY_PLAIN=127.0.0.1:%s\nBERTH_TEST_REGISTRY_TLS=127.0.0.1:%s\n' \
    "$plain_port" "$tls_port" >"$tmp"
chmod 0644 "$tmp"
mv "$tmp" "$PORTS"
step "addresses in $PORTS"
