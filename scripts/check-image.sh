#!/usr/bin/env bash
# `make image-check`: proves the container image's contents without a container engine.
#
# 1. Builds the release binary as the Dockerfile does (`swift build -c release --product
#    baton-segment --static-swift-stdlib`, here in .build-release) and the simulator (debug).
# 2. Assembles the image's root filesystem into a folder with scripts/assemble-rootfs.sh, the same
#    script the Dockerfile runs: the binary, exactly the libraries `ldd` lists, the CA bundle,
#    /etc/passwd with nonroot (65532), /etc/nsswitch.conf, /tmp. This machine is Debian 12
#    (bookworm, glibc 2.36), like the Dockerfile's build stage, so the folder holds the same files
#    the image does.
# 3. Runs the binary inside that folder the way a container runtime with the Kubernetes manifest's
#    securityContext would: its own mount and PID namespaces (the connector is PID 1), the root
#    bind-mounted read-only, only /tmp writable (the emptyDir), /proc, a minimal /dev and the
#    runtime's /etc/hosts and /etc/resolv.conf mounted in, chroot to it as 65532:65532 with no
#    capabilities and no_new_privs, and an environment of BATON_* variables only:
#      --version; capabilities; a full sync of the simulator on loopback; a sync told to write
#      outside /tmp, which must fail; service mode with the health server, probed by
#      `health-check --endpoint live` (and `ready`, which must fail: no ConductorOne), then SIGTERM
#      and exit 0.
# 4. Takes each library out of a copy of the folder in turn and checks that the binary no longer
#    starts: every library is needed, and a missing one fails the check.
# 5. Runs scripts/lint-deploy.sh (hadolint, yamllint, kubernetes-validate).
# 6. Where podman works (not needed, usually absent), also builds a FROM scratch image of the
#    folder and runs `--version` in it.
#
# Name resolution in the folder is exercised only through /etc/hosts (the sync reaches the
# simulator as http://localhost:PORT); everything runs on loopback, so the DNS half of glibc's
# built-in resolver (used for api.segmentapis.com and the tenant's host) is not.
#
# Needs root (chroot, mounts, namespaces); installs what a fresh machine lacks (libzstd-dev etc.
# through scripts/install-deps.sh, the linters and python's cryptography through pip).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

if [ "$(id -u)" -ne 0 ]; then
  echo "check-image: needs root (chroot, mount and PID namespaces); run it as root or with sudo" >&2
  exit 2
fi
bash scripts/install-deps.sh || exit 2
for tool in chroot unshare mount setpriv pgrep ldd readelf python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "check-image: $tool is missing" >&2; exit 2; }
done
python3 -c "import cryptography" 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check cryptography >&2 || exit 2

work=$(mktemp -d /tmp/baton-image-check.XXXXXX)
chmod 0755 "$work"
sim_pid=""
svc_pid=""
cleanup() {
  [ -n "$svc_pid" ] && kill -KILL "$svc_pid" 2>/dev/null
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  if [ -n "${IMAGE_CHECK_KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
# Steps and the summary.
names=(); results=(); seconds=(); notes=()
record() {  # record NAME RESULT SECONDS NOTE
  names+=("$1"); results+=("$2"); seconds+=("$3"); notes+=("$4")
  printf '%-4s %-48s %6ss  %s\n' "$2" "$1" "$3" "$4"
}
# step NAME FUNCTION: runs FUNCTION with output to a log; FUNCTION sets $note. Prints PASS or FAIL
# (with the end of the log).
step() {
  local name=$1 fn=$2 log="$work/step-${#names[@]}.log" start end rc
  note=""
  start=$(date +%s.%N)
  "$fn" >"$log" 2>&1; rc=$?
  end=$(date +%s.%N)
  local took; took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  if [ $rc -eq 0 ]; then
    record "$name" PASS "$took" "$note"
  elif [ $rc -eq 77 ]; then
    record "$name" SKIP "$took" "$note"
  else
    record "$name" FAIL "$took" "$note"
    sed 's/^/       | /' "$log" | tail -n 25
  fi
  return $rc
}
fail() { echo "FAILED: $*"; return 1; }

# ---------------------------------------------------------------------------------------------
# Running a command inside the folder as the image would run.
rootfs="$work/rootfs"          # the image's files, exactly (what COPY --from=build /rootfs/ / gives)
container="$work/container"    # rootfs plus the mount points a runtime adds (hardlinked, not copied)
scratch="$work/tmp"            # the emptyDir mounted at /tmp
interp=""

# in_image [--background PIDFILE] [NAME=VALUE ...] -- ARG...: runs /baton-segment ARG... in the
# container with exactly the NAME=VALUE environment. stdout/stderr are the caller's.
#
# Inside a new mount and PID namespace: the root bind-mounted read-only, then the runtime's mounts
# on top (/tmp, /proc, /dev, /etc/hosts, /etc/resolv.conf), then exec (so the connector stays
# PID 1) into a small launcher that does what the container runtime does last: chroot, drop every
# capability from the bounding set, become 65532:65532 (which clears the rest), set no_new_privs,
# and exec /baton-segment with exactly the given environment. (chroot(8) and setpriv(1) cannot be
# combined to that end without a program inside the root, and the image has none.)
launcher="$work/launch.py"
cat >"$launcher" <<'PY'
import ctypes, errno, os, sys
root, envfile, *argv = sys.argv[1:]
env = dict(e.split("=", 1) for e in open(envfile, "rb").read().decode().split("\0") if e)
libc = ctypes.CDLL(None, use_errno=True)
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 24, 38
os.chroot(root)
os.chdir("/")
for cap in range(64):                                   # securityContext.capabilities.drop: [ALL]
    if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() != errno.EINVAL:
        sys.exit(f"launch: cannot drop capability {cap}: {os.strerror(ctypes.get_errno())}")
os.setgroups([65532]); os.setgid(65532); os.setuid(65532)  # runAsUser/runAsGroup: 65532
if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:     # allowPrivilegeEscalation: false
    sys.exit("launch: cannot set no_new_privs")
os.execve(argv[0], argv, env)
PY
in_image_setup='
  set -e
  c=$1; s=$2; envfile=$3; launcher=$4; shift 4
  mount --bind "$c" "$c"
  mount -o remount,bind,ro "$c"
  mount --bind "$s" "$c/tmp"
  mount -t proc -o nosuid,nodev,noexec proc "$c/proc"
  mount -t tmpfs -o mode=0755,nosuid,size=64k tmpfs "$c/dev"
  for d in null zero full random urandom; do : >"$c/dev/$d"; mount --bind "/dev/$d" "$c/dev/$d"; done
  mount -o remount,ro,bind "$c/dev"
  mount --bind -o ro "$c.hosts" "$c/etc/hosts"
  mount --bind -o ro "$c.resolv" "$c/etc/resolv.conf"
  exec python3 "$launcher" "$c" "$envfile" "$@"'
# With measure=1 the run's peak RSS (in kB, of its largest process) is left in $work/rss.
measure=0
in_image() {
  local pidfile="" prefix=()
  if [ "$measure" = 1 ] && [ -x /usr/bin/time ]; then prefix=(/usr/bin/time -q -o "$work/rss" -f %M); fi
  if [ "$1" = "--background" ]; then pidfile=$2; shift 2; fi
  local envfile; envfile=$(mktemp "$work/env.XXXXXX")
  while [ "$1" != "--" ]; do printf '%s\0' "$1" >>"$envfile"; shift; done
  shift
  if [ -n "$pidfile" ]; then
    unshare --mount --pid --fork --kill-child -- \
      /bin/bash -c "$in_image_setup" setup "$container" "$scratch" "$envfile" "$launcher" /baton-segment "$@" &
    echo $! >"$pidfile"
  else
    "${prefix[@]}" unshare --mount --pid --fork --kill-child -- \
      /bin/bash -c "$in_image_setup" setup "$container" "$scratch" "$envfile" "$launcher" /baton-segment "$@"
  fi
}

rss_note() { [ -s "$work/rss" ] && echo ", peak RSS $(( $(tail -n1 "$work/rss") / 1024 )) MB"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# ---------------------------------------------------------------------------------------------
# The steps.
release_bin=""
build_release() {
  if [ -n "${IMAGE_CHECK_BINARY:-}" ]; then     # for iterating on this script only
    release_bin=$IMAGE_CHECK_BINARY
    note="IMAGE_CHECK_BINARY=$release_bin, not the release build"
    return 0
  fi
  swift build -c release --product baton-segment --static-swift-stdlib --scratch-path .build-release || return 1
  release_bin="$(swift build -c release --product baton-segment --static-swift-stdlib --scratch-path .build-release --show-bin-path)/baton-segment"
  [ -x "$release_bin" ] || { fail "no binary at $release_bin"; return 1; }
  note="$(du -m "$release_bin" | cut -f1) MB with debug information (the image strips it)"
}
sim_bin=""
build_simulator() {
  swift build --product segment-simulator || return 1
  sim_bin="$(swift build --show-bin-path)/segment-simulator"
  [ -x "$sim_bin" ] || { fail "no simulator at $sim_bin"; return 1; }
}

lib_list=()
assemble() {
  bash scripts/assemble-rootfs.sh "$release_bin" "$rootfs" | tee "$work/assemble.out" || return 1
  mapfile -t lib_list < <(sed -n 's/^lib \([^ ]*\).*/\1/p' "$work/assemble.out")
  interp=$(readelf -l "$rootfs/baton-segment" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
  [ -n "$interp" ] && [ -f "$rootfs$interp" ] || { fail "the ELF interpreter ($interp) is not in the folder"; return 1; }
  # The container: the same inodes, plus the mount points a runtime creates.
  cp -al "$rootfs" "$container"
  mkdir -p "$container/proc" "$container/dev"
  : >"$container/etc/hosts"; : >"$container/etc/resolv.conf"
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$container.hosts"
  printf 'nameserver 127.0.0.1\noptions ndots:5\n' >"$container.resolv"
  mkdir -p "$scratch"; chown 65532:65532 "$scratch"; chmod 0700 "$scratch"
  local names=() l
  for l in "${lib_list[@]}"; do names+=("$(basename "$l")"); done
  note="${#lib_list[@]} libraries: ${names[*]}"
}

inspect_rootfs() {
  local bad
  # No shell or any other program: the only executables are the binary and the shared objects.
  bad=$(find "$rootfs" -type f -perm /111 ! -path "$rootfs/baton-segment" ! -name '*.so*' ! -name 'ld-linux*')
  [ -z "$bad" ] || { fail "unexpected executables: $bad"; return 1; }
  bad=$(find "$rootfs" \( -name sh -o -name bash -o -name dash -o -name busybox -o -name apt -o -name dpkg \))
  [ -z "$bad" ] || { fail "shell or package manager present: $bad"; return 1; }
  # Everything owned by root and not writable by others, but /tmp (1777, the runtime mounts over it).
  bad=$(find "$rootfs" ! -user 0 -o ! -group 0 -o \( -perm /022 ! -path "$rootfs/tmp" ! -type l \))
  [ -z "$bad" ] || { fail "files not root-owned or writable by others: $bad"; return 1; }
  [ "$(stat -c %a "$rootfs/tmp")" = 1777 ] || { fail "/tmp is not 1777"; return 1; }
  grep -q '^nonroot:x:65532:65532:' "$rootfs/etc/passwd" || { fail "no nonroot user in /etc/passwd"; return 1; }
  grep -q 'BEGIN CERTIFICATE' "$rootfs/etc/ssl/certs/ca-certificates.crt" || { fail "no CA bundle"; return 1; }
  local certs; certs=$(grep -c 'BEGIN CERTIFICATE' "$rootfs/etc/ssl/certs/ca-certificates.crt")
  # glibc in the folder is the build machine's (the Dockerfile: the build image's).
  local glibc; glibc=$(ldd --version | head -n1 | awk '{print $NF}')
  find "$rootfs" -type f | sed "s|^$rootfs||" | sort
  note="$(find "$rootfs" -type f | wc -l) files, $(du -sm "$rootfs" | cut -f1) MB, glibc $glibc, $certs CA certificates, no shell"
}

loader_resolves() {
  # The dynamic loader inside the folder lists what it would load: everything must resolve there.
  local out
  out=$(/usr/sbin/chroot "$container" "$interp" --list /baton-segment) || { fail "the loader failed in the folder"; return 1; }
  echo "$out"
  ! grep -q "not found" <<<"$out" || { fail "unresolved inside the folder"; return 1; }
}

version() {
  local out
  out=$(in_image -- --version) || { fail "exit $?"; return 1; }
  echo "$out"
  grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+' <<<"$out" || { fail "not a version: $out"; return 1; }
  note="prints $out"
}

capabilities() {
  in_image -- capabilities >"$work/capabilities.json" || { fail "exit $?"; return 1; }
  python3 - "$work/capabilities.json" <<'PY' || return 1
import json, sys
doc = json.load(open(sys.argv[1]))
types = [t["resourceType"]["id"] for t in doc["resourceTypeCapabilities"]]
assert "CAPABILITY_SYNC" in doc["connectorCapabilities"], doc["connectorCapabilities"]
print("resource types:", ", ".join(types))
PY
  note="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["resourceTypeCapabilities"]))' "$work/capabilities.json") resource types, no token needed"
}

base_url=""
start_simulator() {
  "$sim_bin" --preset demo --port 0 >"$work/simulator.out" 2>"$work/simulator.err" &
  sim_pid=$!
  local line
  for _ in $(seq 1 300); do
    if read -r line <"$work/simulator.out" 2>/dev/null && [[ "$line" == listening\ on\ * ]]; then
      base_url=${line#listening on }
      break
    fi
    kill -0 "$sim_pid" 2>/dev/null || { fail "the simulator exited: $(cat "$work/simulator.err")"; return 1; }
    sleep 0.1
  done
  [ -n "$base_url" ] || { fail "the simulator did not start"; return 1; }
  # Reach it by name, through the folder's /etc/nsswitch.conf and the runtime's /etc/hosts.
  base_url=${base_url/127.0.0.1/localhost}
  note="$base_url"
}

sync_in_image() {
  rm -f "$scratch"/sync.c1z
  rm -f "$work/rss"
  measure=1 in_image BATON_TOKEN=sim-token BATON_BASE_URL="$base_url" BATON_FILE=/tmp/sync.c1z \
    BATON_C1Z_TEMP_DIR=/tmp BATON_LOG_FORMAT=json BATON_LOG_LEVEL=info -- || { fail "sync exited $?"; return 1; }
  [ -s "$scratch/sync.c1z" ] || { fail "no /tmp/sync.c1z"; return 1; }
  [ "$(head -c 4 "$scratch/sync.c1z")" = "C1ZF" ] || { fail "/tmp/sync.c1z is not a c1z"; return 1; }
  local owner; owner=$(stat -c %u:%g "$scratch/sync.c1z")
  [ "$owner" = 65532:65532 ] || { fail "written as $owner, not 65532:65532"; return 1; }
  # Nothing else left behind in /tmp (the scratch database is removed).
  local left; left=$(find "$scratch" -mindepth 1 ! -name sync.c1z)
  [ -z "$left" ] || { fail "left in /tmp: $left"; return 1; }
  note="/tmp/sync.c1z, $(stat -c %s "$scratch/sync.c1z") bytes, owned by 65532$(rss_note)"
}

sync_outside_tmp_fails() {
  # The same sync told to write its file to /: the read-only root must refuse it.
  local rc=0
  find "$scratch" -mindepth 1 -delete
  in_image BATON_TOKEN=sim-token BATON_BASE_URL="$base_url" BATON_FILE=/sync.c1z \
    BATON_LOG_FORMAT=json -- 2>"$work/ro.err" || rc=$?
  cat "$work/ro.err"
  [ $rc -ne 0 ] || { fail "a sync into / succeeded: the root is writable"; return 1; }
  [ ! -e "$container/sync.c1z" ] || { fail "/sync.c1z exists"; return 1; }
  echo "left in /tmp:"; find "$scratch" -mindepth 1 -printf '%p %s bytes\n'
  local left; left=$(find "$scratch" -mindepth 1 | wc -l)
  find "$scratch" -mindepth 1 -delete
  local why; why=$(grep -o 'Read-only file system' "$work/ro.err" | head -n1)
  note="exit $rc${why:+ ($why)}, $left files left in /tmp"
}

svc_env=()
health_port=""
service_mode() {
  local c1_port secret
  c1_port=$(free_port)          # nothing listens there: ConductorOne is unreachable
  health_port=$(free_port)
  secret=$(python3 - <<'PY'
import base64, json
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
b64 = lambda v: base64.urlsafe_b64encode(v).rstrip(b"=").decode()
key = Ed25519PrivateKey.generate()
raw = serialization.Encoding.Raw
d = key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
x = key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
jwk = json.dumps({"kty": "OKP", "crv": "Ed25519", "x": b64(x), "d": b64(d)}, separators=(",", ":"))
print("secret-token:conductorone.com:v1:" + b64(jwk.encode()))
PY
) || { fail "could not make a client secret"; return 1; }
  svc_env=(BATON_CLIENT_ID=image-check@tenant.invalid/image-check BATON_CLIENT_SECRET="$secret"
           BATON_TOKEN=sim-token BATON_BASE_URL="$base_url" BATON_C1_API_HOST="127.0.0.1:$c1_port"
           BATON_HOST_ID=image-check BATON_HEALTH_CHECK=true BATON_HEALTH_CHECK_PORT="$health_port"
           BATON_HEALTH_CHECK_BIND_ADDRESS=127.0.0.1 BATON_C1Z_TEMP_DIR=/tmp BATON_LOG_FORMAT=json)
  in_image --background "$work/svc.pid" "${svc_env[@]}" -- 2>"$work/service.err"
  local unshare_pid; unshare_pid=$(cat "$work/svc.pid")
  # The connector: the child of unshare (PID 1 in its namespace).
  for _ in $(seq 1 100); do
    svc_pid=$(pgrep -P "$unshare_pid" | head -n1)
    [ -n "$svc_pid" ] && grep -q "baton-segment" "/proc/$svc_pid/cmdline" 2>/dev/null && break
    sleep 0.1
  done
  [ -n "$svc_pid" ] || { fail "the service did not start: $(cat "$work/service.err")"; return 1; }
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$health_port") 2>/dev/null && break
    kill -0 "$svc_pid" 2>/dev/null || { fail "the service exited: $(tail -5 "$work/service.err")"; return 1; }
    sleep 0.1
  done
  local status="/proc/$svc_pid/status"
  grep -E '^(Uid|Gid|Groups|CapEff|CapPrm|NoNewPrivs|NSpid):' "$status"
  grep -qE '^Uid:\s+65532\s+65532\s+65532\s+65532' "$status" || { fail "not running as 65532"; return 1; }
  grep -qE '^CapEff:\s+0+$' "$status" || { fail "has capabilities"; return 1; }
  grep -qE '^CapBnd:\s+0+$' "$status" || { fail "capability bounding set not empty"; return 1; }
  grep -qE '^NoNewPrivs:\s+1' "$status" || { fail "no_new_privs not set"; return 1; }
  grep -qE '^NSpid:\s+[0-9]+\s+1$' "$status" || { fail "not PID 1 in its namespace"; return 1; }
  note="PID 1, uid 65532, no capabilities, NoNewPrivs 1, health on :$health_port"
}

probe_live() {
  local out
  rm -f "$work/rss"
  out=$(measure=1 in_image "${svc_env[@]}" -- health-check --endpoint live --timeout 5) || { fail "exit $?: $out"; return 1; }
  echo "$out"
  [ "$out" = "live: ok" ] || { fail "said: $out"; return 1; }
  note="$out (exit 0)$(rss_note)"
}

probe_ready_fails() {
  local rc=0
  in_image "${svc_env[@]}" -- health-check --endpoint ready --timeout 5 || rc=$?
  [ $rc -ne 0 ] || { fail "ready without ConductorOne"; return 1; }
  note="exit $rc: not ready (no ConductorOne to say Hello to)"
}

sigterm_exits_0() {
  local unshare_pid rc=0 start
  unshare_pid=$(cat "$work/svc.pid")
  start=$(date +%s)
  kill -TERM "$svc_pid"
  wait "$unshare_pid" || rc=$?
  svc_pid=""
  tail -n 5 "$work/service.err"
  [ $rc -eq 0 ] || { fail "exit $rc after SIGTERM"; return 1; }
  [ -z "$(find "$scratch" -mindepth 1)" ] || { fail "left in /tmp: $(find "$scratch" -mindepth 1)"; return 1; }
  note="exit 0 in $(( $(date +%s) - start )) s, /tmp empty"
}

missing_library_fails() {
  # Take each library out of a copy of the folder in turn: the binary must no longer start.
  local lib copy rc failures=0 count=0
  for lib in "${lib_list[@]}"; do
    copy="$work/without"
    rm -rf "$copy"; cp -al "$rootfs" "$copy"; rm -f "$copy$lib"
    rc=0
    /usr/sbin/chroot --userspec=65532:65532 "$copy" /baton-segment --version >"$work/without.out" 2>&1 || rc=$?
    echo "without $lib: exit $rc: $(head -c 160 "$work/without.out")"
    if [ $rc -eq 0 ]; then failures=$((failures + 1)); fi
    count=$((count + 1))
  done
  rm -rf "$copy"
  [ $failures -eq 0 ] || { fail "$failures libraries were not needed"; return 1; }
  note="each of $count: the binary does not start without it"
}

lint() {
  bash scripts/lint-deploy.sh || return 1
  note="hadolint, yamllint, kubernetes-validate --strict"
}

podman_image() {
  if ! command -v podman >/dev/null 2>&1; then note="podman not installed (optional)"; return 77; fi
  if ! podman info >/dev/null 2>&1; then note="podman present but cannot run here (optional)"; return 77; fi
  printf 'FROM scratch\nCOPY . /\nUSER 65532:65532\nENV BATON_FILE=/tmp/sync.c1z\nENTRYPOINT ["/baton-segment"]\n' >"$work/Containerfile"
  podman build -q -t baton-segment:image-check -f "$work/Containerfile" "$rootfs" || return 1
  local out; out=$(podman run --rm --read-only --cap-drop=ALL --security-opt=no-new-privileges baton-segment:image-check --version) || return 1
  podman rmi -f baton-segment:image-check >/dev/null 2>&1
  note="podman run --read-only: $out"
}

# ---------------------------------------------------------------------------------------------
echo "baton-segment image check ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(. /etc/os-release && echo "$PRETTY_NAME"), glibc $(ldd --version | head -n1 | awk '{print $NF}'))"
echo
total_start=$(date +%s)
step "release build (--static-swift-stdlib)" build_release || { echo "FAIL: cannot build"; exit 1; }
step "simulator build (debug)" build_simulator || { echo "FAIL: cannot build the simulator"; exit 1; }
step "assemble the image's root filesystem" assemble || { echo "FAIL: cannot assemble"; exit 1; }
step "contents: no shell, root-owned, nonroot, CA" inspect_rootfs
step "loader resolves every library in the folder" loader_resolves
step "--version" version
step "capabilities" capabilities
if step "simulator on loopback" start_simulator; then
  step "full sync, BATON_* only, writes /tmp only" sync_in_image
  step "sync into / fails (read-only root)" sync_outside_tmp_fails
  if step "service mode as PID 1, health server" service_mode; then
    step "health-check --endpoint live" probe_live
    step "health-check --endpoint ready fails" probe_ready_fails
    step "SIGTERM: clean exit 0" sigterm_exits_0
  fi
fi
step "a missing library fails the check" missing_library_fails
step "lint (Dockerfile, manifests)" lint
step "podman: FROM scratch image of the folder" podman_image

echo
echo "Summary ($(( $(date +%s) - total_start )) s):"
failed=0
for i in "${!names[@]}"; do
  printf '  %-4s %-48s %6ss  %s\n' "${results[$i]}" "${names[$i]}" "${seconds[$i]}" "${notes[$i]}"
  [ "${results[$i]}" = FAIL ] && failed=$((failed + 1))
done
echo
if [ $failed -eq 0 ]; then
  echo "PASS: the image's files run baton-segment as the Dockerfile and deploy/kubernetes describe"
  exit 0
fi
echo "FAIL: $failed step(s) failed"
exit 1
