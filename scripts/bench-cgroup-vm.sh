#!/usr/bin/env bash
# berth against rootless podman on a cgroup v2 machine with a delegated subtree: the
# QEMU VM of the cgroup tests (tests/vm/cgroup2-vm.sh; software emulation, so absolute
# times are inflated — compare the ratios). `run --rm --network none busybox true`
# without limits, with `-m 64m --pids-limit 50`, and berth with `--cgroups disabled`
# (the cost of the leaf itself); 5 runs each after a warm-up. Run as root after
# tests/setup.sh and a build (`cargo build`). Podman 4.3 is Debian's (apt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TEST_DIR=${BERTH_TEST_DIR:-/var/tmp/berth-test}
command -v podman >/dev/null || apt-get install -y -q podman >/dev/null
dir=$TEST_DIR/vm-bench
mkdir -p "$dir"; cp target/debug/berth "$dir/berth"; chmod 755 "$dir" "$dir/berth"
cat > "$dir/bench.sh" <<SCRIPT
export HOME=/tmp XDG_RUNTIME_DIR=/tmp/xdg; mkdir -p /tmp/xdg; chmod 700 /tmp/xdg
B="$dir/berth --root /tmp/b --runroot /tmp/br"
P="podman --root /tmp/p --runroot /tmp/pr --cgroup-manager cgroupfs --events-backend none"
avg() { tot=0; for i in 1 2 3 4 5; do s=\$(date +%s%N); "\$@" >/dev/null 2>&1 || echo "FAIL \$*"; tot=\$((tot+(\$(date +%s%N)-s)/1000000)); done; echo \$((tot/5)); }
for tool in B P; do
  eval "cmd=\\\$\$tool"
  \$cmd load -i $TEST_DIR/fixtures/busybox.tar >/dev/null 2>&1
  \$cmd run --rm --network none busybox true >/dev/null 2>&1
  echo "\$tool plain \$(avg \$cmd run --rm --network none busybox true)"
  echo "\$tool limits \$(avg \$cmd run --rm --network none -m 64m --pids-limit 50 busybox true)"
done
echo "B nocgroup \$(avg \$B run --rm --network none --cgroups disabled busybox true)"
SCRIPT
chmod 644 "$dir/bench.sh"
out=$(VM_UID=$(id -u berthtest) VM_GID=$(id -g berthtest) VM_GUEST_CMD="sh $dir/bench.sh 2>&1" \
    bash tests/vm/cgroup2-vm.sh | sed -n 's/^ *GUEST-CMD(guest-cmd): //p')
echo "$out"
ms() { echo "$out" | awk -v k="$1 $2" '$1" "$2==k{print $3}'; }
awk -v b="$(ms B plain)" -v p="$(ms P plain)" -v bl="$(ms B limits)" -v pl="$(ms P limits)" -v n="$(ms B nocgroup)" 'BEGIN{
  printf "run --rm: berth %d ms, podman %d ms: %.2fx\n", b, p, b/p
  printf "run --rm -m 64m --pids-limit 50: berth %d ms, podman %d ms: %.2fx\n", bl, pl, bl/pl
  printf "the leaf itself: %d ms with, %d ms without (--cgroups disabled)\n", b, n }'
