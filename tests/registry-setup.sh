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
# What it leaves running, each started with setsid/nohup so it outlives this script:
#   127.0.0.1:5000  plain HTTP, no auth           (config $REG/plain.yml, data $REG/plain-data)
#   127.0.0.1:5443  HTTPS + htpasswd basic auth   (config $REG/tls.yml,   data $REG/tls-data)
#                   user labuser, password labpass
# with $REG = $BERTH_TEST_DIR/registry, logs in $REG/plain.log and $REG/tls.log,
# pids in $REG/plain.pid and $REG/tls.pid.
# TLS material made here with openssl (kept across runs, renewed when near expiry):
#   $REG/ca.crt      the test CA (0644, world-readable: give it to --cert-dir or copy it
#                    to ~/.config/containers/certs.d/127.0.0.1:5443/ca.crt)
#   $REG/certs/ca.crt a copy alone in a directory, usable as --cert-dir as it is
#   $REG/server.crt  server certificate for 127.0.0.1, ::1 and localhost, signed by the CA
# The registry is Debian's `docker-registry` package (the distribution registry v2).
set -euo pipefail

TEST_DIR="${BERTH_TEST_DIR:-/var/tmp/berth-test}"
REG="$TEST_DIR/registry"
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
# ours binds 127.0.0.1:5000 and must own it.
if command -v systemctl >/dev/null && systemctl is-active --quiet docker-registry 2>/dev/null; then
    systemctl stop docker-registry || true
    systemctl disable docker-registry >/dev/null 2>&1 || true
fi

install -d -m 0755 "$TEST_DIR" "$REG" "$REG/certs"
install -d -m 0700 "$REG/plain-data" "$REG/tls-data"

# Is pid one of our registries (not a recycled pid of something else)?
ours() { # name pid
    [[ -n $2 && -r /proc/$2/cmdline ]] || return 1
    [[ $(tr '\0' ' ' <"/proc/$2/cmdline") == *"serve $REG/$1.yml"* ]]
}

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
    if [[ -f $REG/tls.pid ]] && ours tls "$(cat "$REG/tls.pid")"; then
        kill "$(cat "$REG/tls.pid")" 2>/dev/null || true
        sleep 0.5
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

# --- configs -----------------------------------------------------------------
cat >"$REG/plain.yml" <<YML
version: 0.1
log:
  level: info
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $REG/plain-data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5000
  secret: berth-test-plain
  headers:
    X-Content-Type-Options: [nosniff]
YML
cat >"$REG/tls.yml" <<YML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $REG/tls-data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5443
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

# --- start -------------------------------------------------------------------
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() { # name port
    local name=$1 port=$2 pid=""
    [[ -f $REG/$name.pid ]] && pid=$(cat "$REG/$name.pid")
    if ours "$name" "$pid" && listening "$port"; then
        step "$name registry already running on 127.0.0.1:$port (pid $pid)"
        return
    fi
    if listening "$port"; then
        die "127.0.0.1:$port is taken by another process (not ours: see ss -ltnp)"
    fi
    # Keep the access logs from growing without end across runs.
    if [[ -f $REG/$name.log ]] && (($(stat -c %s "$REG/$name.log") > 20000000)); then
        : >"$REG/$name.log"
    fi
    setsid nohup docker-registry serve "$REG/$name.yml" >>"$REG/$name.log" 2>&1 </dev/null &
    echo $! >"$REG/$name.pid"
    for _ in $(seq 1 100); do
        listening "$port" && { step "$name registry started on 127.0.0.1:$port (pid $(cat "$REG/$name.pid"))"; return; }
        ours "$name" "$(cat "$REG/$name.pid")" || break
        sleep 0.1
    done
    tail -n 20 "$REG/$name.log" >&2 || true
    die "$name registry did not start (log: $REG/$name.log)"
}
start plain 5000
start tls 5443
