#!/usr/bin/env bash
# Checks (or, with --fix, applies) the formatting in .swift-format on every Swift file we write.
# Generated code (Sources/BatonProto, Sources/BatonServiceProto) keeps the generators' layout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mapfile -t files < <(git ls-files -co --exclude-standard -- '*.swift' \
  ':!:Sources/BatonProto/**' ':!:Sources/BatonServiceProto/**' | while read -r f; do [ -f "$f" ] && echo "$f"; done)

if [ "${1:-}" = "--fix" ]; then
  swift format format --in-place --parallel "${files[@]}"
  echo "formatted ${#files[@]} files"
else
  swift format lint --strict --parallel "${files[@]}"
  echo "lint: ${#files[@]} files formatted as .swift-format says"
fi
