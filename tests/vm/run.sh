#!/usr/bin/env bash
# The cgroup v2 tests (tests/cgroup.rs, #[ignore]d on the host) run inside a QEMU VM with a
# pure cgroup v2 hierarchy and a subtree delegated to the test user (tests/vm/cgroup2-vm.sh):
# the CI hosts have hybrid cgroups, where berth never writes. Called by scripts/test as root
# after `cargo test`; the binaries are copied where the test user can read them (the
# checkout may sit under a directory it cannot enter). Under CI=true a VM that cannot boot
# is a failure like any other.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
TEST_DIR=${BERTH_TEST_DIR:-/var/tmp/berth-test}
USER_NAME=berthtest
exe=$(cargo test --locked --test cgroup --no-run --message-format=json 2>/dev/null \
    | grep '"name":"cgroup","src_path"' | grep '"test":true' \
    | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
[[ -x $exe ]] || { echo "vm: the cgroup test binary was not built" >&2; exit 1; }
dir=$TEST_DIR/vm-bin
rm -rf "$dir"; mkdir -p "$dir"
cp "$exe" "$dir/cgroup-tests"; cp target/debug/berth "$dir/berth"
chmod 755 "$dir" "$dir"/*
uid=$(id -u "$USER_NAME"); gid=$(id -g "$USER_NAME")
# In the guest: the host's / read-only (fixtures, binaries), /tmp a guest tmpfs for the
# stores. Its exit status is the VM check "guest-cmd".
cmd="cd /tmp && mkdir -p /tmp/work && exec env BERTH_TEST_DIR=$TEST_DIR BERTH_TEST_WORK=/tmp/work \
BERTH_TEST_BIN=$dir/berth BERTH_CGROUP_VM=1 CI=true RUST_BACKTRACE=1 \
$dir/cgroup-tests --ignored --test-threads 2 2>&1"
# The root pass: the same tests as root (BERTH_CGROUP_VM_ROOT: stores of Berth::root).
root_cmd="cd /tmp && mkdir -p /tmp/work-root && exec env BERTH_TEST_DIR=$TEST_DIR \
BERTH_TEST_WORK=/tmp/work-root BERTH_TEST_BIN=$dir/berth BERTH_CGROUP_VM=1 BERTH_CGROUP_VM_ROOT=1 \
CI=true RUST_BACKTRACE=1 $dir/cgroup-tests --ignored --test-threads 2 2>&1"
set +e
VM_UID=$uid VM_GID=$gid VM_GUEST_CMD="$cmd" VM_GUEST_ROOT_CMD="$root_cmd" bash tests/vm/cgroup2-vm.sh
status=$?
set -e
exit $status
