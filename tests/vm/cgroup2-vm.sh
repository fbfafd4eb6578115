#!/usr/bin/env bash
# tests/vm/cgroup2-vm.sh - boot Debian's stock kernel (linux-image-amd64) under QEMU with a pure
# cgroup v2 hierarchy, delegate a subtree to the test user (as systemd's Delegate=yes does for
# user@UID.service, with cpu cpuset io memory pids), and run a command as that user with the
# host's / (9p, read-only) as the root of its own mount namespace. berth's cgroup tests run
# there (tests/vm/run.sh): the CI hosts have hybrid cgroups, where berth never writes.
# Adapted from the project's shared VM script; touches nothing under the host's /sys/fs/cgroup.
# Needs root (apt-get, qemu). Prints PASS/FAIL/INFO lines and "vm-cgroup2: N passed, M failed";
# exit 0 only if every check passed.
#
# Environment:
#   VM_WORK=/var/tmp/berth-vm   cache + scratch (kernel, initramfs, logs); one run at a time
#   VM_ACCEL=auto|tcg|kvm       KVM only with vmx/svm in /proc/cpuinfo, else TCG (software)
#   VM_MEM=768 VM_SMP=2         guest RAM (MiB), vCPUs
#   VM_TIMEOUT=900              wall-clock limit of one guest run (s)
#   VM_UID, VM_GID              the user the subtree is delegated to and the command runs as
#   VM_GUEST_CMD='...'          shell command run in the guest as VM_UID, in <delegated>/guest-cmd.scope;
#                               env: VMTEST_CGROUP (the delegated root), VMTEST_SHARE (rw share);
#                               writable: /tmp (guest tmpfs) and $VM_SHARE. Its output comes back
#                               prefixed "GUEST-CMD(guest-cmd): "; its exit status is check "guest-cmd".
#   VM_GUEST_ROOT_CMD='...'     the same as root, after it, in /sys/fs/cgroup/guest-root-cmd.scope
set -uo pipefail

T0=$(date +%s.%N)
WORK=${VM_WORK:-/var/tmp/berth-vm}
ACCEL=${VM_ACCEL:-auto}
KVM_DEADLINE=${VM_KVM_DEADLINE:-20}
MEM=${VM_MEM:-768}
SMP=${VM_SMP:-2}
VMTIMEOUT=${VM_TIMEOUT:-900}
VUID=${VM_UID:?VM_UID: the user to delegate to}
VGID=${VM_GID:-$VUID}
SHARE=${VM_SHARE:-$WORK/share}
GUEST_CMD=${VM_GUEST_CMD:-}
DEBUG=${VM_DEBUG:-0}

NPASS=0; NFAIL=0
pass() { echo "PASS $*"; NPASS=$((NPASS+1)); }
fail() { echo "FAIL $*"; NFAIL=$((NFAIL+1)); }
info() { echo "INFO $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }

[ "$(id -u)" = 0 ] || { echo "FAIL must run as root"; exit 1; }
mkdir -p "$WORK" "$SHARE"; chmod 1777 "$SHARE"   # the guest user may write there too
cd "$WORK" || exit 1

# ---------------------------------------------------------------- 1. host packages
t=$(now)
need=()
for p in qemu-system-x86 busybox-static xz-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || need+=("$p")
done
if ! apt-cache show linux-image-amd64 >/dev/null 2>&1 || [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null 2>&1 || true
fi
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >"$WORK/apt-install.log" 2>&1 \
    || { echo "FAIL apt-get install ${need[*]} (see $WORK/apt-install.log)"; exit 1; }
fi
T_INSTALL=$(since "$t")
info "packages ready (${need[*]:-none missing}) in ${T_INSTALL}s; $(qemu-system-x86_64 --version | head -1)"

# ---------------------------------------------------------------- 2. kernel from Debian's archive
t=$(now)
KPKG=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
[ -n "$KPKG" ] || { echo "FAIL cannot resolve linux-image-amd64"; exit 1; }
KVER=${KPKG#linux-image-}
KDIR=$WORK/kernel-$KVER
MODS="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk
      9pnet 9pnet_virtio netfs fscache 9p overlay tun"
if [ ! -s "$KDIR/vmlinux" ]; then
  rm -rf "$KDIR" "$WORK/dl"; mkdir -p "$KDIR/mods" "$WORK/dl"
  (cd "$WORK/dl" && apt-get download -qq "$KPKG" >/dev/null 2>&1) || { echo "FAIL apt-get download $KPKG"; exit 1; }
  dpkg -x "$WORK"/dl/"$KPKG"_*.deb "$WORK/dl/root"
  cp "$WORK/dl/root/boot/vmlinuz-$KVER" "$KDIR/vmlinuz"
  cp "$WORK/dl/root/boot/config-$KVER" "$KDIR/config"
  # Unpack the ELF vmlinux out of the xz bzImage: QEMU boots it via PVH, skipping the BIOS real-mode
  # path and the in-guest decompression (~4 s under TCG). Fallback: boot the bzImage.
  off=$(LC_ALL=C grep -abo $'\xfd7zXZ\x00' "$KDIR/vmlinuz" | head -1 | cut -d: -f1)
  if [ -n "$off" ]; then tail -c +$((off+1)) "$KDIR/vmlinuz" | xz -dc > "$KDIR/vmlinux" 2>/dev/null; fi
  head -c 4 "$KDIR/vmlinux" 2>/dev/null | grep -q ELF || cp "$KDIR/vmlinuz" "$KDIR/vmlinux"
  # needed modules, in dependency order (read depends= from each .ko's .modinfo section)
  declare -A seen=(); order=()
  add_mod() {
    local m=$1 f d
    [ -n "${seen[$m]:-}" ] && return; seen[$m]=1
    f=$(find "$WORK/dl/root/lib/modules/$KVER" -name "$m.ko" | head -1)
    [ -n "$f" ] || { grep -q "/$m.ko" "$WORK/dl/root/lib/modules/$KVER/modules.builtin" || echo "WARN module $m missing"; return; }
    for d in $(tr '\0' '\n' < "$f" | sed -n 's/^depends=//p' | tr ',' ' '); do add_mod "$d"; done
    cp "$f" "$KDIR/mods/"; order+=("$m")
  }
  for m in $MODS; do add_mod "$m"; done
  printf '%s\n' "${order[@]}" > "$KDIR/mods/order"
  rm -rf "$WORK/dl"
fi
T_KERNEL=$(since "$t")
info "kernel $KVER ready in ${T_KERNEL}s ($(head -c 4 "$KDIR/vmlinux" | grep -q ELF && echo 'PVH vmlinux' || echo bzImage))"

# ---------------------------------------------------------------- 3. initramfs
t=$(now)
TOKEN=$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
rm -f "$SHARE/token" "$SHARE/results.txt"
echo "$TOKEN" > "$SHARE/token"
IR=$WORK/initramfs
rm -rf "$IR"; mkdir -p "$IR"/{bin,dev,proc,sys,tmp,run,etc,mnt/share,mnt/host,lib/modules,tests}
cp /bin/busybox "$IR/bin/busybox"
cp "$KDIR"/mods/*.ko "$KDIR/mods/order" "$IR/lib/modules/"
echo 'root:x:0:0:root:/root:/bin/sh
tester:x:1000:1000:tester:/tmp:/bin/sh' > "$IR/etc/passwd"
echo 'root:x:0:
tester:x:1000:' > "$IR/etc/group"
[ -n "$GUEST_CMD" ] && printf '%s\n' "$GUEST_CMD" > "$IR/tests/guest-cmd"
[ -n "${VM_GUEST_ROOT_CMD:-}" ] && printf '%s\n' "$VM_GUEST_ROOT_CMD" > "$IR/tests/guest-root-cmd"
printf 'SHARE_HOSTPATH=%s\nHOSTROOT_CACHE=%s\nVUID=%s\nVGID=%s\n' "$SHARE" "${VM_9P_CACHE:-loose}" "$VUID" "$VGID" > "$IR/tests/env"

cat > "$IR/tests/lib.sh" <<'EOF'
# shared by /init (root) and /tests/user.sh (uid 1000): results go to the serial console
pass() { echo "VMTEST PASS $*"; echo "PASS $*" >> /run/results; }
fail() { echo "VMTEST FAIL $*"; echo "FAIL $*" >> /run/results; }
info() { echo "VMTEST INFO $*"; }
check() { n=$1; shift; if "$@" 2>/tmp/.chk.$$; then pass "$n"; else fail "$n $(head -c 300 /tmp/.chk.$$ | tr '\n' ' ')"; fi; rm -f /tmp/.chk.$$; }
kv() { awk -v k="$1" '$1==k{print $2}' "$2"; }        # kv oom_kill memory.events
up() { cut -d' ' -f1 /proc/uptime; }
elapsed() { awk -v a="$1" -v b="$(up)" 'BEGIN{printf "%.2f", b-a}'; }
EOF

cat > "$IR/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin HOME=/root
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm; mount -t devpts devpts /dev/pts; mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mount -t tmpfs -o mode=1777 tmpfs /tmp; mount -t tmpfs -o mode=755 tmpfs /run
echo "VMTEST INIT uptime=$(cut -d' ' -f1 /proc/uptime) kernel=$(uname -r) cmdline=$(cat /proc/cmdline)"
: > /run/results; chmod 666 /run/results
. /tests/lib.sh; . /tests/env
for m in $(cat /lib/modules/order); do insmod /lib/modules/$m.ko 2>/dev/null || info "insmod $m failed"; done

# --- cgroup v2 only
mount -t cgroup2 -o nsdelegate cgroup2 /sys/fs/cgroup
CG=/sys/fs/cgroup
check cgroup2-mounted grep -q '^cgroup2 /sys/fs/cgroup cgroup2' /proc/mounts
check no-cgroup-v1 sh -c "! grep -q ' cgroup ' /proc/mounts && awk 'NR>1 && \$2!=0{bad=1} END{exit bad}' /proc/cgroups"
ctl=$(cat $CG/cgroup.controllers); info "root controllers: $ctl"
check controllers-available sh -c "for c in cpu io memory pids; do echo ' $ctl ' | grep -q \" \$c \" || exit 1; done"

# --- delegate a subtree to the test user the way systemd does for user@UID.service with
#     Delegate=yes (stock Debian 12 delegates only "pids memory cpu"; a drop-in adds the rest).
#     cpuset and io are delegated here too, so the tests can exercise every limit.
U=$CG/user.slice/user-$VUID.slice/user@$VUID.service
mkdir -p $U
for d in $CG $CG/user.slice $CG/user.slice/user-$VUID.slice; do
  echo "+cpu +cpuset +io +memory +pids" > $d/cgroup.subtree_control
done
chown $VUID:$VGID $U $U/cgroup.procs $U/cgroup.threads $U/cgroup.subtree_control
check delegate-subtree-to-test-user sh -c "[ \"\$(stat -c %u $U/cgroup.procs)\" = $VUID ] && grep -q memory $U/cgroup.controllers"
echo $U > /run/deleg
# a block device for io.max, owned by the test user (like a user-owned loop device)
if [ -e /sys/block/vda/dev ]; then chown $VUID:$VGID /dev/vda; cat /sys/block/vda/dev > /run/vda.majmin; fi
check virtio-blk-disk [ -s /run/vda.majmin ]
info "/dev/net/tun as created by devtmpfs: $(stat -c '%A %t:%T' /dev/net/tun 2>&1); chmod 666 as udev's 50-udev-default.rules does"
chmod 666 /dev/net/tun 2>/dev/null
check dev-net-tun sh -c "[ -c /dev/net/tun ] && [ \"\$(stat -c %a /dev/net/tun)\" = 666 ]"
info "userns sysctls: max_user_namespaces=$(cat /proc/sys/user/max_user_namespaces) unprivileged_userns_clone=$(cat /proc/sys/kernel/unprivileged_userns_clone 2>/dev/null || echo n/a)"

# --- 9p shares: rw share with token + results, ro host root for host-built binaries
if mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 share /mnt/share 2>/dev/null; then
  tok=$(sed -n 's/.*vmtest.token=\([0-9a-f]*\).*/\1/p' /proc/cmdline)
  check 9p-share-read [ "$(cat /mnt/share/token 2>/dev/null)" = "$tok" ]
  check 9p-share-write sh -c "echo from-guest-$tok > /mnt/share/guest-wrote && sync"
else fail 9p-share-mount; fi
HOSTROOT=
if mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,ro,cache=$HOSTROOT_CACHE hostroot /mnt/host 2>/dev/null; then
  H=/mnt/host
  mount -t proc proc $H/proc && mount -o rbind /sys $H/sys && mount -o rbind /dev $H/dev \
    && mount -t tmpfs -o mode=1777 tmpfs $H/tmp && mount -t tmpfs tmpfs $H/run \
    && mount -o bind /mnt/share $H$SHARE_HOSTPATH && HOSTROOT=$H
  check 9p-hostroot-chroot-dynamic-binary sh -c "[ -n '$HOSTROOT' ] && chroot $H /usr/bin/setpriv --reuid=$VUID --regid=$VGID --clear-groups /usr/bin/id -u | grep -qx $VUID"
else fail 9p-hostroot-mount; fi

# --- host programs (host-built, dynamically linked) run chrooted into the 9p host root,
#     as the test user, in a scope of the delegated subtree (like `systemd-run --user --scope`)
in_host() {  # NAME SCRIPT [root]
  [ -n "$HOSTROOT" ] || { fail "$1 no-hostroot"; return; }
  # as root: a scope of its own beside the delegated subtree, no user switch
  if [ "${3:-}" = root ]; then scope=$CG/$1.scope; mkdir $scope; as=""
  else scope=$U/$1.scope; mkdir $scope && chown -R $VUID:$VGID $scope
       as="/usr/bin/setpriv --reuid=$VUID --regid=$VGID --init-groups"; fi
  cp $2 $HOSTROOT/tmp/$1.sh && chmod 755 $HOSTROOT/tmp/$1.sh
  info "$1 start uptime=$(up)"
  # the host root becomes the root of a new mount namespace (mount --move over /), not a
  # plain chroot: the kernel refuses user namespaces to chrooted callers
  sh -c "echo \$\$ > $scope/cgroup.procs && exec unshare -m --propagation private sh -c 'cd $HOSTROOT && mount --move . / && exec chroot . \"\$@\"' sh /usr/bin/env -i \
     PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp TMPDIR=/tmp \
     VMTEST_CGROUP=$U VMTEST_SHARE=$SHARE_HOSTPATH \
     $as /bin/sh -c '/bin/sh /tmp/$1.sh; echo \$? > /tmp/$1.rc'" 2>&1 | sed "s/^/GUEST-CMD($1): /"
  rc=$(cat $HOSTROOT/tmp/$1.rc 2>/dev/null); check $1 [ "$rc" = 0 ]
  info "$1 end uptime=$(up) rc=$rc"
}
[ -s /tests/guest-cmd ] && in_host guest-cmd /tests/guest-cmd
[ -s /tests/guest-root-cmd ] && in_host guest-root-cmd /tests/guest-root-cmd root
np=$(grep -c '^PASS' /run/results); nf=$(grep -c '^FAIL' /run/results)
[ -d /mnt/share ] && cp /run/results /mnt/share/results.txt 2>/dev/null && sync
echo "VMTEST DONE pass=$np fail=$nf uptime=$(up)"
poweroff -f
EOF

chmod 755 "$IR/init"
(cd "$IR" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1 > "$WORK/initramfs.cpio.gz")
rm -f "$WORK/disk.img"; truncate -s 64M "$WORK/disk.img"
T_INITRD=$(since "$t")
info "initramfs built in ${T_INITRD}s ($(du -k "$WORK/initramfs.cpio.gz" | cut -f1) KiB)"

# ---------------------------------------------------------------- 4. boot
APPEND="console=ttyS0 panic=-1 systemd.unified_cgroup_hierarchy=1 cgroup_no_v1=all vmtest.token=$TOKEN"
[ "$DEBUG" = 1 ] || APPEND="$APPEND quiet loglevel=3"
QPID=
cleanup() { [ -n "$QPID" ] && kill "$QPID" 2>/dev/null; }
trap cleanup EXIT
# boot_vm ACCEL INIT_DEADLINE -> 0 done, 1 no DONE line / timeout, 2 /init not reached before deadline
boot_vm() {
  local accel=$1 deadline=$2 cpu st
  if [ "$accel" = kvm ]; then cpu='host,-arch-capabilities'; else cpu=${VM_CPU:-max}; fi
  LOG=$WORK/console-$accel.log; : > "$LOG"
  st=$(now)
  qemu-system-x86_64 -accel "$accel" -cpu "$cpu" -m "$MEM" -smp "$SMP" \
    -nodefaults -display none -no-reboot -monitor none -serial "file:$LOG" \
    -kernel "$KDIR/vmlinux" -initrd "$WORK/initramfs.cpio.gz" -append "$APPEND" \
    -drive "file=$WORK/disk.img,format=raw,if=virtio" \
    -fsdev "local,id=fs0,path=$SHARE,security_model=none" -device virtio-9p-pci,fsdev=fs0,mount_tag=share \
    -fsdev "local,id=fs1,path=/,security_model=none,readonly=on,multidevs=remap" -device virtio-9p-pci,fsdev=fs1,mount_tag=hostroot \
    </dev/null >"$WORK/qemu-$accel.err" 2>&1 &
  QPID=$!
  T_INIT=""
  local st_us=${EPOCHREALTIME/./} now_us
  while kill -0 "$QPID" 2>/dev/null; do    # cheap poll: one grep + one sleep per 0.1 s
    now_us=${EPOCHREALTIME/./}
    if [ -z "$T_INIT" ] && grep -qa 'VMTEST INIT' "$LOG"; then T_INIT=$(since "$st"); fi
    if [ -z "$T_INIT" ] && (( now_us - st_us > deadline * 1000000 )); then
      kill "$QPID"; wait "$QPID" 2>/dev/null; QPID=; T_VM=$(since "$st"); return 2
    fi
    if (( now_us - st_us > VMTIMEOUT * 1000000 )); then
      kill "$QPID"; wait "$QPID" 2>/dev/null; QPID=; T_VM=$(since "$st"); return 1
    fi
    sleep 0.1
  done
  wait "$QPID" 2>/dev/null; QPID=
  T_VM=$(since "$st")
  [ -z "$T_INIT" ] && grep -qa 'VMTEST INIT' "$LOG" && T_INIT="<$T_VM"
  grep -qa 'VMTEST DONE' "$LOG"
}

USED=
if [ "$ACCEL" = auto ] && [ -e /dev/kvm ] && ! grep -qE '\b(vmx|svm)\b' /proc/cpuinfo; then
  # e.g. Firecracker-style hosts where /dev/kvm is kvm_pvm (paravirtual nested KVM), which
  # only runs PVM-enabled guest kernels; a stock kernel crawls through KVM's emulator and then dies
  # ("KVM internal error ... emulation failure" on cmpxchg16b). Skip it; VM_ACCEL=kvm forces a try.
  info "kvm: skipped: no vmx/svm in /proc/cpuinfo$([ -d /sys/module/kvm_pvm ] && echo ', /dev/kvm is kvm_pvm'); using TCG"
  ACCEL=tcg
fi
if [ "$ACCEL" != tcg ] && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
  boot_vm kvm "$KVM_DEADLINE"; rc=$?; USED=kvm
  if [ $rc = 2 ]; then
    info "kvm: guest did not reach /init within ${KVM_DEADLINE}s; last console line: $(tr -d '\r' < "$WORK/console-kvm.log" | grep -a . | tail -1 | cut -c1-120)"
    [ "$ACCEL" = kvm ] || { info "kvm: falling back to TCG"; USED=; }
  fi
fi
if [ -z "$USED" ]; then boot_vm tcg "$VMTIMEOUT"; rc=$?; USED=tcg; fi

# ---------------------------------------------------------------- 5. results from the serial console
tr -d '\r' < "$WORK/console-$USED.log" | grep -a '^VMTEST \(PASS\|FAIL\|INFO\)' | sed 's/^VMTEST //' > "$WORK/results.host"
while read -r kind rest; do
  case $kind in PASS) pass "$rest";; FAIL) fail "$rest";; INFO) info "$rest";; esac
done < "$WORK/results.host"
if grep -qa 'VMTEST DONE' "$WORK/console-$USED.log"; then pass "vm-completed accel=$USED"
else fail "vm-completed accel=$USED (rc=$rc; see $WORK/console-$USED.log, $WORK/qemu-$USED.err)"; fi
[ "$(cat "$SHARE/guest-wrote" 2>/dev/null)" = "from-guest-$TOKEN" ] && pass 9p-host-sees-guest-write || fail 9p-host-sees-guest-write
cmp -s <(grep -a '^VMTEST \(PASS\|FAIL\)' "$WORK/console-$USED.log" | tr -d '\r' | sed 's/^VMTEST //') "$SHARE/results.txt" \
  && pass 9p-results-file-matches-console || fail 9p-results-file-matches-console
grep -a '^GUEST-CMD' "$WORK/console-$USED.log" | tr -d '\r' | sed 's/^/  /'
info "timings: install=${T_INSTALL}s kernel=${T_KERNEL}s initramfs=${T_INITRD}s boot-to-init=${T_INIT:-n/a}s vm-total=${T_VM}s script-total=$(since "$T0")s accel=$USED mem=${MEM}M smp=$SMP"
info "guest: $(tr -d '\r' < "$WORK/console-$USED.log" | grep -a -o 'VMTEST INIT uptime=[0-9.]*' | head -1) $(tr -d '\r' < "$WORK/console-$USED.log" | grep -a -o 'VMTEST DONE.*' | head -1)"
echo "vm-cgroup2: $NPASS passed, $NFAIL failed"
[ "$NFAIL" = 0 ]
