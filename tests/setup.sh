#!/usr/bin/env bash
# Prepare a Debian 12 machine for berth's integration tests.
#
# Run as root. Idempotent: every step checks before it changes anything, so it
# is safe (and cheap) to run before every test run, on a fresh machine or on
# one it has already set up.
#
#   BERTH_TEST_DIR   where the fixtures go (default /var/tmp/berth-test);
#                    images end up in $BERTH_TEST_DIR/fixtures
#
# What it leaves behind: the packages below, user berthtest with subordinate
# uid/gid ranges, world-usable /dev/net/tun and /dev/fuse, the fixture
# images described in tests/fixtures/README.md, the static helpers sysprobe and
# netprobe in $BERTH_TEST_DIR/bin, two local registries (tests/registry-setup.sh)
# and the network tests' peer: netns berth-peer with a service on 10.231.0.2
# (tests/peer-setup.sh).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEST_DIR="${BERTH_TEST_DIR:-/var/tmp/berth-test}"
FIXTURES="$TEST_DIR/fixtures"
MKIMAGES="$REPO/tests/fixtures/mkimages.py"
CHECK="$REPO/tests/fixtures/check.py"
TEST_USER=berthtest
SUBID_COUNT=65536
SUBID_MIN_START=300000
PACKAGES=(gcc libc6-dev uidmap busybox-static zstd attr libcap2-bin fuse-overlayfs procps util-linux
          python3 tar gzip coreutils passwd iproute2)

step() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }
trap 'die "command failed (line $LINENO): $BASH_COMMAND"' ERR

# Run a noisy command with its output in a log; show the output on failure.
LOG="$TEST_DIR/setup.log"
logged() {
    local out
    printf '\n$ %s\n' "$*" >>"$LOG"
    if ! out=$("$@" 2>&1); then
        printf '%s\n' "$out" >>"$LOG"
        printf '%s\n' "$out" | tail -n 25 >&2
        die "'$*' failed (output above, also in $LOG)"
    fi
    printf '%s\n' "$out" >>"$LOG"
}

[[ $EUID -eq 0 ]] || die "must run as root (try: sudo $0)"
[[ -r /etc/debian_version ]] || die "expects Debian 12 (no /etc/debian_version)"
install -d -m 0755 "$TEST_DIR"
: >"$LOG"

# --- packages ---------------------------------------------------------------
missing=()
for p in "${PACKAGES[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null) == ii* ]] || missing+=("$p")
done
if ((${#missing[@]})); then
    step "installing ${missing[*]}"
    # A fresh machine may still be running unattended-upgrades: wait for the lock.
    logged apt-get -o DPkg::Lock::Timeout=600 update -q
    logged env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
        --no-install-recommends "${missing[@]}"
else
    step "packages already installed"
fi
[[ -x /bin/busybox ]] || die "/bin/busybox missing after installing busybox-static"
for tool in newuidmap newgidmap zstd getcap setfattr fuse-overlayfs unshare runuser python3 ip; do
    command -v "$tool" >/dev/null || die "$tool not found after installing packages"
done

# --- unprivileged user namespaces -------------------------------------------
# Runtime-only knobs (not persisted): this script runs before every test run.
enable_knob() { # file wanted-value
    local f=$1 want=$2
    [[ -e $f ]] || return 0
    if [[ $(cat "$f") != "$want" ]]; then
        echo "$want" >"$f" || die "cannot set $f to $want"
        step "set ${f#/proc/sys/} = $want"
    fi
}
enable_knob /proc/sys/kernel/unprivileged_userns_clone 1   # Debian-patched kernels
enable_knob /proc/sys/kernel/apparmor_restrict_unprivileged_userns 0
if [[ $(cat /proc/sys/user/max_user_namespaces) -eq 0 ]]; then
    enable_knob /proc/sys/user/max_user_namespaces 15000
fi
step "unprivileged user namespaces enabled"

# --- test user ---------------------------------------------------------------
if id -u "$TEST_USER" >/dev/null 2>&1; then
    step "user $TEST_USER exists (uid $(id -u "$TEST_USER"))"
else
    # -K ...=0: no automatic subid range; we pick a non-overlapping one below.
    useradd --create-home --home-dir "/home/$TEST_USER" --shell /bin/bash --user-group \
        -K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 "$TEST_USER" || die "useradd $TEST_USER failed"
    step "created user $TEST_USER (uid $(id -u "$TEST_USER"))"
fi
TEST_UID=$(id -u "$TEST_USER")
# A supplementary group of the test user's (podman's `--group-add keep-groups` keeps it).
getent group berthshared >/dev/null || groupadd berthshared || die "groupadd berthshared failed"
if ! id -nG "$TEST_USER" | tr ' ' '\n' | grep -qx berthshared; then
    usermod -aG berthshared "$TEST_USER" || die "usermod -aG berthshared $TEST_USER failed"
    step "$TEST_USER is a member of berthshared"
fi
# A second user with no subordinate ids: berth must fall back to a one-id mapping.
SOLO_USER=berthsolo
if ! id -u "$SOLO_USER" >/dev/null 2>&1; then
    useradd --create-home --home-dir "/home/$SOLO_USER" --shell /bin/bash --user-group \
        -K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 "$SOLO_USER" || die "useradd $SOLO_USER failed"
    step "created user $SOLO_USER (no subordinate ids)"
fi
for f in /etc/subuid /etc/subgid; do
    if [[ -e $f ]] && grep -q "^$SOLO_USER:" "$f"; then
        sed -i "/^$SOLO_USER:/d" "$f"
        step "$f: removed $SOLO_USER's range (it must have none)"
    fi
done

# Give the user a range in /etc/subuid or /etc/subgid unless it has one already
# (by name or by uid); the new range starts at or above SUBID_MIN_START and
# overlaps no existing range.
ensure_subids() {
    local file=$1 start
    [[ -e $file ]] || install -m 0644 /dev/null "$file"
    if awk -F: -v u="$TEST_USER" -v id="$TEST_UID" '$1==u || $1==id {f=1} END {exit !f}' "$file"; then
        step "$file: $TEST_USER keeps $(awk -F: -v u="$TEST_USER" -v id="$TEST_UID" \
            '$1==u || $1==id {printf "%s%s:%s", sep, $2, $3; sep=" "}' "$file")"
        return
    fi
    start=$(awk -F: -v min="$SUBID_MIN_START" -v n="$SUBID_COUNT" '
        NF >= 3 && $1 !~ /^#/ { s[NR] = $2 + 0; e[NR] = $2 + $3 }
        END {
            c = min
            do { moved = 0
                 for (i in s) if (c < e[i] && c + n > s[i]) { c = e[i]; moved = 1 }
            } while (moved)
            print c
        }' "$file")
    echo "$TEST_USER:$start:$SUBID_COUNT" >>"$file"
    step "$file: gave $TEST_USER $start:$SUBID_COUNT"
}
ensure_subids /etc/subuid
ensure_subids /etc/subgid

# --- devices -------------------------------------------------------------------
# /dev is rebuilt at boot, so these are (re)done on every run.
if [[ ! -c /dev/net/tun ]]; then
    mkdir -p /dev/net
    mknod /dev/net/tun c 10 200 2>/dev/null || die "cannot create /dev/net/tun (mknod c 10 200)"
fi
chmod 0666 /dev/net/tun
if [[ -c /dev/fuse ]]; then
    chmod 0666 /dev/fuse
    step "/dev/net/tun and /dev/fuse are mode 0666"
else
    step "/dev/net/tun is mode 0666 (no /dev/fuse on this machine)"
fi

# --- unprivileged ping sockets ---------------------------------------------------
# The default network answers a container's ping through the host's ICMP datagram
# sockets, which the kernel gives only to the groups in net.ipv4.ping_group_range. A
# stock Debian with systemd opens them to everyone (systemd's 50-default.conf); a machine
# without systemd keeps the kernel's "1 0" (nobody). Set systemd's value.
if [[ $(sysctl -n net.ipv4.ping_group_range | tr -s '[:space:]' ' ') != "0 2147483647" ]]; then
    sysctl -q -w net.ipv4.ping_group_range="0 2147483647"
    step "net.ipv4.ping_group_range set to systemd's default (0 2147483647)"
fi

# --- static helpers tests bind into containers ---------------------------------
# sysprobe (seccomp tests), netprobe (network tests: TCP/UDP clients and servers).
install -d -m 0755 "$TEST_DIR/bin"
for probe in sysprobe netprobe; do
    probe_src="$REPO/tests/fixtures/$probe.c"
    if [[ ! -x $TEST_DIR/bin/$probe ]] || ! cmp -s "$probe_src" "$TEST_DIR/bin/$probe.c"; then
        logged gcc -O1 -static -o "$TEST_DIR/bin/$probe.new" "$probe_src"
        chmod 0755 "$TEST_DIR/bin/$probe.new"
        mv "$TEST_DIR/bin/$probe.new" "$TEST_DIR/bin/$probe"
        install -m 0644 "$probe_src" "$TEST_DIR/bin/$probe.c"
        step "built $TEST_DIR/bin/$probe"
    fi
done

# --- fixtures --------------------------------------------------------------------
# Rebuilt when mkimages.py or the busybox binary changes, or output is missing.
stamp="$(sha256sum "$MKIMAGES" /bin/busybox | awk '{print $1}' | paste -sd' ')"
if [[ -f $FIXTURES/.stamp && $(cat "$FIXTURES/.stamp") == "$stamp" ]] \
    && python3 "$CHECK" --quick "$FIXTURES" >/dev/null 2>&1; then
    step "fixtures up to date in $FIXTURES"
else
    tmp="$FIXTURES.new.$$"
    rm -rf "$tmp"
    trap 'rm -rf "$tmp"' EXIT
    logged python3 "$MKIMAGES" "$tmp"
    logged python3 "$CHECK" "$tmp"
    find "$tmp" -type d -exec chmod 0755 {} +
    find "$tmp" -type f -exec chmod 0644 {} +
    echo "$stamp" >"$tmp/.stamp"
    chmod 0644 "$tmp/.stamp"
    # Swap in whole so a failed build never leaves a half-written fixture dir.
    rm -rf "$FIXTURES.old"
    if [[ -e $FIXTURES ]]; then mv "$FIXTURES" "$FIXTURES.old"; fi
    mv "$tmp" "$FIXTURES"
    rm -rf "$FIXTURES.old"
    step "built and checked fixtures in $FIXTURES"
fi

# --- registries for the registry tests (restarted every run: CI starts with none) ---
bash "$REPO/tests/registry-setup.sh"

# --- the network tests' remote peer (netns berth-peer, 10.231.0.2) ------------------
bash "$REPO/tests/peer-setup.sh"

# --- sanity checks as the test user -------------------------------------------
as_user() { runuser -u "$TEST_USER" -- "$@"; }
as_user test -r "$FIXTURES/fixtures.json" \
    || die "$TEST_USER cannot read $FIXTURES (is a parent directory closed to others?)"
as_user unshare --user --map-root-user true 2>/dev/null \
    || die "$TEST_USER cannot create a user namespace"
# --map-auto goes through newuidmap/newgidmap and the ranges set above.
maps=$(as_user unshare --user --map-auto cat /proc/self/uid_map /proc/self/gid_map 2>&1) \
    && awk '$3 > 1 { n++ } END { exit n != 2 }' <<<"$maps" \
    || die "newuidmap/newgidmap could not map $TEST_USER's subordinate ranges: $maps"
step "$TEST_USER can read the fixtures and map its subordinate ids"
as_user "$TEST_DIR/bin/netprobe" tcp 10.231.0.2 7 ping >/dev/null \
    || die "$TEST_USER cannot reach the peer's echo service on 10.231.0.2:7"
as_user test -r /dev/net/tun -a -w /dev/net/tun \
    || die "$TEST_USER cannot open /dev/net/tun"
step "$TEST_USER reaches the peer (10.231.0.2) and may open /dev/net/tun"
step "done"
