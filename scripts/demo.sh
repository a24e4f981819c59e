#!/usr/bin/env bash
# `make demo`: start the simulated Segment workspace (demo preset) on a free loopback port,
# sync it into ./sync.c1z with baton-segment and print what was synced, make a few access changes
# through the workspace's API, sync again into the same file, and print what changed. No token needed.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/quiet-build.sh
source scripts/quiet-build.sh
echo "Building (the first build on a fresh machine takes several minutes)..." >&2
quiet_build segment-simulator --product segment-simulator
quiet_build baton-segment --product baton-segment
bin=$(swift build --show-bin-path)

workdir=$(mktemp -d)
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true
  rm -rf "$workdir"
}
trap cleanup EXIT

"$bin/segment-simulator" --preset demo --port 0 >"$workdir/simulator.out" 2>"$workdir/simulator.err" &
sim_pid=$!

# The simulator prints `listening on http://HOST:PORT` first; wait for it (up to 30 s).
base_url=""
for _ in $(seq 1 300); do
  if read -r line <"$workdir/simulator.out" 2>/dev/null && [[ "$line" == listening\ on\ * ]]; then
    base_url=${line#listening on }
    break
  fi
  if ! kill -0 "$sim_pid" 2>/dev/null; then
    echo "the simulator exited: $(cat "$workdir/simulator.err")" >&2
    exit 1
  fi
  sleep 0.1
done
[ -n "$base_url" ] || { echo "the simulator did not start within 30 s" >&2; exit 1; }

echo "Simulated Segment workspace (demo preset) at $base_url" >&2
echo >&2
# A fresh file: the comparison at the end is between this run's two syncs only.
rm -f sync.c1z
"$bin/baton-segment" --token sim-token --base-url "$base_url" --file sync.c1z \
  --log-level warn --log-format console --summary
echo
echo "Meanwhile, an admin changes access in the workspace (through its API):"
"$bin/segment-simulator" demo-changes --base-url "$base_url" --token sim-token
echo
echo "Syncing again into the same file (it now holds both syncs)..."
"$bin/baton-segment" --token sim-token --base-url "$base_url" --file sync.c1z --log-level warn --log-format console
echo
"$bin/baton-segment" changes --file sync.c1z
echo
echo "Open it with the baton CLI, e.g.: baton -f sync.c1z diff   (or: baton -f sync.c1z syncs)"
