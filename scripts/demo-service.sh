#!/usr/bin/env bash
# `make demo-service`: baton-segment in service mode between a simulated Segment workspace and a
# stand-in ConductorOne (both on loopback, TLS with a private CA), through a short queue of tasks:
# hello, sync, grant, revoke. Each task and its outcome is printed in words. No token needed.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/quiet-build.sh
source scripts/quiet-build.sh
echo "Building baton-segment and the demo (the first build on a fresh machine takes several minutes)..." >&2
quiet_build baton-segment --product baton-segment
quiet_build service-demo --product service-demo
bin=$(swift build --show-bin-path)
echo >&2
"$bin/service-demo" --connector "$bin/baton-segment"
