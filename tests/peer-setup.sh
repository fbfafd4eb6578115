#!/usr/bin/env bash
# The "remote host" of berth's network tests: a network namespace joined to the host by
# a veth pair, with a small service in it (tests/fixtures/peer.py).
#
# Run as root. Idempotent and cheap: each run checks the namespace, its addresses and the
# service, and (re)makes only what is missing or stale; tests/setup.sh calls it before
# every test run (a reboot clears /run/netns, the veth and the process).
#
#   tests/peer-setup.sh            make or repair it
#   tests/peer-setup.sh --remove   stop the service, delete the namespace and the veth
#
# The namespace is one per machine, whatever BERTH_TEST_DIR is, so the service's state
# is too: it lives in /run/berth-test-peer (gone at reboot, with the namespace).
#
# What it leaves behind:
#   netns berth-peer      lo up, berth-peer1 = 10.231.0.2/24 and fd31:0:0:231::2/64,
#                         no other route: from in
#                         there nothing but the host's side of the veth is reachable
#   berth-peer0 (host)    10.231.0.1/24, fd31:0:0:231::1/64 (the host routes both to it)
#   peer.py               running as root in the namespace, started with setsid; its
#                         copy, pid file, log and lock in /run/berth-test-peer/
#                         (peer.py, peer.pid, peer.log, lock); restarted when the repo's
#                         tests/fixtures/peer.py differs from the copy or it stops answering
#   /run/berth-test-peer/env   the addresses as shell assignments (scripts can source it)
# Services of 10.231.0.2 (tests/fixtures/peer.py has the details; TCP and UDP echo on
# fd31:0:0:231::2 as well): TCP echo 7, UDP echo
# 7, TCP sink 9 (answers byte count and sha256), HTTP 80 (GET / answers the client's
# address; /bytes/N, /sha256/N), DNS 53 over UDP and TCP (peer.test -> 10.231.0.2,
# host.test -> 10.231.0.1), and the "call me back" port 9999 ("tcp HOST PORT PAYLOAD"
# makes the peer connect from 10.231.0.2, so an unprivileged test gets a non-loopback
# client for a published port).
# The subnet must be free on the host: the script refuses to run if any other interface
# or route already covers 10.231.0.0/24.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE=/run/berth-test-peer
NS=berth-peer
HOST_IF=berth-peer0
PEER_IF=berth-peer1
HOST_ADDR=10.231.0.1
PEER_ADDR=10.231.0.2
PREFIX=24
# IPv6 on the same veth (no duplicate address detection: usable at once).
HOST_ADDR6=fd31:0:0:231::1
PEER_ADDR6=fd31:0:0:231::2
PREFIX6=64
PY=/usr/bin/python3
SRC="$REPO/tests/fixtures/peer.py"

step() { printf 'peer-setup: %s\n' "$*"; }
die() { printf 'peer-setup: ERROR: %s\n' "$*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || die "must run as root"
command -v ip >/dev/null || die "ip not found (apt-get install iproute2)"
[[ -x $PY ]] || die "$PY not found (apt-get install python3)"
install -d -m 0755 "$STATE"
# One setup at a time (several checkouts may prepare the same machine at once).
exec 9>"$STATE/lock"
flock -w 120 9 || die "another peer-setup holds $STATE/lock"

# Is pid our peer service, in our namespace (not a recycled pid)?
ours() {
    local pid=$1
    [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
    [[ $(tr '\0' ' ' <"/proc/$pid/cmdline") == "$PY $STATE/peer.py $STATE " ]] || return 1
    [[ -e /run/netns/$NS ]] || return 1
    [[ $(readlink "/proc/$pid/ns/net" 2>/dev/null) == "net:[$(stat -L -c %i "/run/netns/$NS")]" ]]
}

# Every peer.py in the namespace, ours by pid file or left by an older layout: the
# namespace is this script's, and a stray one would hold the service's ports.
stop_peer() {
    local pids=() pid
    if [[ -e /run/netns/$NS ]]; then
        for pid in $(ip netns pids "$NS" 2>/dev/null); do
            [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == "$PY "*/peer.py\ * ]] && pids+=("$pid")
        done
    fi
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 50); do [[ -e /proc/$pid ]] || break; sleep 0.1; done
        [[ -e /proc/$pid ]] && kill -9 "$pid" 2>/dev/null
        step "stopped a peer service (pid $pid)"
    done
    rm -f "$STATE/peer.pid"
}

if [[ ${1:-} == --remove ]]; then
    stop_peer
    ip netns del "$NS" 2>/dev/null && step "deleted netns $NS" || true
    ip link del "$HOST_IF" 2>/dev/null && step "deleted $HOST_IF" || true
    rm -f "$STATE/env"
    exit 0
fi

# --- namespace and veth ---------------------------------------------------------
ns_ok() {
    [[ -e /run/netns/$NS ]] || return 1
    ip -4 -o addr show dev "$HOST_IF" 2>/dev/null | grep -q " $HOST_ADDR/$PREFIX " || return 1
    ip -o link show dev "$HOST_IF" 2>/dev/null | grep -q '[<,]UP[,>]' || return 1
    ip -n "$NS" -4 -o addr show dev "$PEER_IF" 2>/dev/null | grep -q " $PEER_ADDR/$PREFIX " || return 1
    ip -n "$NS" -o link show dev "$PEER_IF" 2>/dev/null | grep -q '[<,]UP[,>]' || return 1
    ip -n "$NS" -o link show dev lo 2>/dev/null | grep -q '[<,]UP[,>]' || return 1
    # IPv6 only where the kernel has it (the tests then expect none in containers).
    [[ -e /proc/net/if_inet6 ]] || return 0
    ip -6 -o addr show dev "$HOST_IF" 2>/dev/null | grep -q " $HOST_ADDR6/$PREFIX6 " || return 1
    ip -n "$NS" -6 -o addr show dev "$PEER_IF" 2>/dev/null | grep -q " $PEER_ADDR6/$PREFIX6 "
}
if ns_ok; then
    step "netns $NS up ($HOST_IF $HOST_ADDR <-> $PEER_IF $PEER_ADDR)"
else
    # Anything else on the host using the subnet would make the tests talk to it.
    other=$(ip -4 -o addr show | awk -v ifc="$HOST_IF" '$2 != ifc && $4 ~ /^10\.231\.0\./ { print $2 " " $4 }')
    [[ -z $other ]] || die "10.231.0.0/24 is in use on this host ($other); the tests need it for their peer"
    other=$(ip -4 route show to match "$PEER_ADDR" | grep -v '^default' | grep -v " dev $HOST_IF " || true)
    [[ -z $other ]] || die "a route already covers $PEER_ADDR ($other); the tests need 10.231.0.0/24 for their peer"
    stop_peer
    ip netns del "$NS" 2>/dev/null || true
    ip link del "$HOST_IF" 2>/dev/null || true
    ip netns add "$NS"
    ip link add "$HOST_IF" type veth peer name "$PEER_IF" netns "$NS"
    ip addr add "$HOST_ADDR/$PREFIX" dev "$HOST_IF"
    ip link set "$HOST_IF" up
    ip -n "$NS" addr add "$PEER_ADDR/$PREFIX" dev "$PEER_IF"
    ip -n "$NS" link set "$PEER_IF" up
    ip -n "$NS" link set lo up
    if [[ -e /proc/net/if_inet6 ]]; then
        ip addr add "$HOST_ADDR6/$PREFIX6" dev "$HOST_IF" nodad
        ip -n "$NS" addr add "$PEER_ADDR6/$PREFIX6" dev "$PEER_IF" nodad
    fi
    ns_ok || die "netns $NS is not as expected after creating it"
    step "created netns $NS ($HOST_IF $HOST_ADDR <-> $PEER_IF $PEER_ADDR)"
fi

# --- the service ------------------------------------------------------------------
answers() {
    timeout 5 "$PY" - "$PEER_ADDR" <<'PY' 2>/dev/null
import socket, sys
s = socket.create_connection((sys.argv[1], 9999), timeout=3)
s.sendall(b"version\n")
sys.exit(0 if s.makefile("rb").readline().startswith(b"berth-peer ") else 1)
PY
}
pid=$(cat "$STATE/peer.pid" 2>/dev/null || true)
if ours "$pid" && cmp -s "$SRC" "$STATE/peer.py" && answers; then
    step "peer service running (pid $pid)"
else
    stop_peer
    install -m 0644 "$SRC" "$STATE/peer.py"
    if [[ -f $STATE/peer.log ]] && (($(stat -c %s "$STATE/peer.log") > 10000000)); then
        : >"$STATE/peer.log"
    fi
    # setsid: its own session, outliving this script; cwd / so no checkout stays busy;
    # fd 9 (the lock) closed, or the service would hold it for ever.
    (cd / && exec setsid ip netns exec "$NS" "$PY" "$STATE/peer.py" "$STATE" \
        </dev/null >>"$STATE/peer.log" 2>&1 9>&-) &
    for _ in $(seq 1 100); do
        pid=$(cat "$STATE/peer.pid" 2>/dev/null || true)
        if ours "$pid" && answers; then break; fi
        sleep 0.1
    done
    if ! { ours "$pid" && answers; }; then
        tail -n 20 "$STATE/peer.log" >&2 || true
        die "the peer service did not come up (log: $STATE/peer.log)"
    fi
    step "peer service started (pid $pid)"
fi

tmp="$STATE/env.$$"
printf '%s\n' "BERTH_TEST_PEER_NETNS=$NS" "BERTH_TEST_PEER_HOST_ADDR=$HOST_ADDR" \
    "BERTH_TEST_PEER_ADDR=$PEER_ADDR" >"$tmp"
chmod 0644 "$tmp"
mv "$tmp" "$STATE/env"
