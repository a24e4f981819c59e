#!/usr/bin/env bash
# `make faults`: build baton-segment and segment-faults in release mode and run the fault matrix
# (every fault kind alone and mixed at 5%, 20% and 50% on the small and medium presets, plus
# concurrent syncs into one file and signals at random moments). Prints one Markdown table on
# stdout and exits non-zero when any attempt ended as "anything else". Extra arguments go to
# segment-faults (e.g. --presets small --signals 4).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "Building release (several minutes on a fresh machine)..." >&2
swift build -c release --product baton-segment >/dev/null
swift build -c release --product segment-faults >/dev/null
bin=$(swift build -c release --show-bin-path)

echo "Running the fault matrix (about 10 minutes on 2 cores)..." >&2
exec "$bin/segment-faults" --binary "$bin/baton-segment" "$@"
