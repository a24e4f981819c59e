#!/usr/bin/env bash
# `make bench`: build segment-bench, segment-simulator and baton-segment in release mode and run
# every scenario (A latency, B rate limit, C 100,000 users against its floor, D service mode,
# E one-shot provisioning against C's file). Prints one JSON object per scenario on stdout; set
# BENCH_OUTPUT=FILE to also append them to FILE. Extra arguments go to segment-bench (--scenario B).
set -euo pipefail
cd "$(dirname "$0")/.."

# The bench calls the zstd and curl command-line tools; install them when missing.
missing=()
for tool in zstd curl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# shellcheck source=scripts/quiet-build.sh
source scripts/quiet-build.sh
echo "Building release (several minutes on a fresh machine)..." >&2
quiet_build "segment-simulator (release)" -c release --product segment-simulator
quiet_build "segment-bench (release)" -c release --product segment-bench
quiet_build "baton-segment (release)" -c release --product baton-segment
bin=$(swift build -c release --show-bin-path)

output=()
[ -n "${BENCH_OUTPUT:-}" ] && output=(--output "$BENCH_OUTPUT")
echo "Running scenarios (A about 1.5 min, B about 2 min, C about 5 min, D about 5 min, E about 1 min)..." >&2
"$bin/segment-bench" "${output[@]}" "$@"
