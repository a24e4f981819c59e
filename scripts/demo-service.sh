#!/usr/bin/env bash
# `make demo-service`: baton-segment in service mode between a simulated Segment workspace and a
# stand-in ConductorOne (both on loopback, TLS with a private CA), through a short queue of tasks:
# hello, sync, grant, revoke. Each task and its outcome is printed in words. No token needed.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "Building baton-segment and the demo (the first build on a fresh machine takes several minutes)..." >&2
if ! { swift build --product baton-segment && swift build --product service-demo; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "build failed" >&2
  exit 1
fi
bin=$(swift build --show-bin-path)
echo >&2
"$bin/service-demo" --connector "$bin/baton-segment"
