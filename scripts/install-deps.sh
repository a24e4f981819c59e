#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only when they are missing
# (the zstd tool: a test checks that it decodes our files).
set -euo pipefail
missing=()
for pkg in libzstd-dev libsqlite3-dev pkg-config zstd; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
