#!/usr/bin/env bash
# Regenerates Sources/BatonProto/*.pb.swift from proto/ (our own .proto files).
# Needs protoc (Debian's protobuf-compiler; installed when missing) and protoc-gen-swift
# (built from the local swift-protobuf mirror at the tag Package.swift resolves, when missing).
# The output is committed; CI never runs this script.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SWIFT_PROTOBUF_TAG="1.39.0"
SWIFT_PROTOBUF_MIRROR="${SWIFT_PROTOBUF_MIRROR:-/opt/swift-packages/apple/swift-protobuf.git}"
PLUGIN_DIR="${ROOT}/.build-protoc/swift-protobuf-${SWIFT_PROTOBUF_TAG}"
OUT="${ROOT}/Sources/BatonProto"

if ! command -v protoc >/dev/null 2>&1; then
  echo "protoc missing: installing protobuf-compiler" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  $SUDO apt-get install -y protobuf-compiler
fi

PLUGIN="$(command -v protoc-gen-swift || true)"
if [ -z "${PLUGIN}" ]; then
  PLUGIN="${PLUGIN_DIR}/.build/release/protoc-gen-swift"
  if [ ! -x "${PLUGIN}" ]; then
    echo "protoc-gen-swift missing: building swift-protobuf ${SWIFT_PROTOBUF_TAG}" >&2
    if [ ! -d "${PLUGIN_DIR}" ]; then
      mkdir -p "$(dirname "${PLUGIN_DIR}")"
      git clone --quiet --depth 1 --branch "${SWIFT_PROTOBUF_TAG}" "${SWIFT_PROTOBUF_MIRROR}" "${PLUGIN_DIR}"
    fi
    (cd "${PLUGIN_DIR}" && swift build -c release --product protoc-gen-swift)
  fi
fi

# Well-known types (Any, Struct, Timestamp, ...) come from protoc's include dir and are provided by
# the SwiftProtobuf runtime, so only our files are generated.
PROTOS=()
while IFS= read -r f; do PROTOS+=("${f#"${ROOT}/proto/"}"); done \
  < <(find "${ROOT}/proto" -name '*.proto' | LC_ALL=C sort)

rm -f "${OUT}"/*.pb.swift
protoc \
  --plugin="protoc-gen-swift=${PLUGIN}" \
  --proto_path="${ROOT}/proto" \
  --swift_out="${OUT}" \
  --swift_opt=Visibility=Public \
  --swift_opt=FileNaming=PathToUnderscores \
  "${PROTOS[@]}"

echo "generated $(ls "${OUT}"/*.pb.swift | wc -l) files into ${OUT}" >&2
