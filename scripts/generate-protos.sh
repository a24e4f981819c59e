#!/usr/bin/env bash
# Regenerates the committed Swift code from proto/ (our own .proto files):
#   Sources/BatonProto/         c1.connector.v2 and c1.c1z.v1 messages
#   Sources/BatonServiceProto/  c1.connectorapi.baton.v1 messages, google.rpc.Status, and the
#                               BatonService client and server stubs (grpc-swift-protobuf's plugin)
# Needs protoc (Debian's protobuf-compiler; installed when missing) and the two plugins
# protoc-gen-swift and protoc-gen-grpc-swift-2, built here from the package's own dependencies
# when they are not on PATH. The output is committed; CI never runs this script.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${ROOT}"

if ! command -v protoc >/dev/null 2>&1; then
  echo "protoc missing: installing protobuf-compiler" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  $SUDO apt-get install -y protobuf-compiler
fi

# The plugins are products of packages we already depend on (swift-protobuf, grpc-swift-protobuf),
# so they build from the same checkouts at the versions Package.swift resolves.
plugin() {
  local name="$1"
  if command -v "${name}" >/dev/null 2>&1; then command -v "${name}"; return; fi
  local bin
  bin="$(swift build --product "${name}" --show-bin-path)/${name}"
  if [ ! -x "${bin}" ]; then
    echo "${name} missing: building it (a few minutes, once)" >&2
    swift build --product "${name}" >&2
  fi
  echo "${bin}"
}
SWIFT_PLUGIN="$(plugin protoc-gen-swift)"
GRPC_PLUGIN="$(plugin protoc-gen-grpc-swift-2)"

protos_under() {
  find "${ROOT}/proto/$1" -name '*.proto' | LC_ALL=C sort | sed "s|^${ROOT}/proto/||"
}

# Which Swift module holds the types of each proto file, so BatonServiceProto imports BatonProto.
MAPPING="$(mktemp)"
trap 'rm -f "${MAPPING}"' EXIT
{
  echo 'mapping {'
  echo '  module_name: "BatonProto"'
  for f in $(protos_under c1/connector) $(protos_under c1/c1z); do echo "  proto_file_path: \"${f}\""; done
  echo '}'
} > "${MAPPING}"

generate_messages() {
  local out="$1"; shift
  rm -f "${out}"/*.pb.swift
  protoc \
    --plugin="protoc-gen-swift=${SWIFT_PLUGIN}" \
    --proto_path="${ROOT}/proto" \
    --swift_out="${out}" \
    --swift_opt=Visibility=Public \
    --swift_opt=FileNaming=PathToUnderscores \
    --swift_opt=ProtoPathModuleMappings="${MAPPING}" \
    "$@"
}

# Well-known types (Any, Struct, Timestamp, Duration, ...) come from protoc's include dir and are
# provided by the SwiftProtobuf runtime, so only our files are generated.
# shellcheck disable=SC2046
generate_messages Sources/BatonProto $(protos_under c1/connector) $(protos_under c1/c1z)
# shellcheck disable=SC2046
generate_messages Sources/BatonServiceProto $(protos_under c1/connectorapi) $(protos_under google/rpc)

rm -f Sources/BatonServiceProto/*.grpc.swift
# shellcheck disable=SC2046
protoc \
  --plugin="protoc-gen-grpc-swift=${GRPC_PLUGIN}" \
  --proto_path="${ROOT}/proto" \
  --grpc-swift_out=Sources/BatonServiceProto \
  --grpc-swift_opt=Visibility=Public \
  --grpc-swift_opt=FileNaming=PathToUnderscores \
  --grpc-swift_opt=Client=true \
  --grpc-swift_opt=Server=true \
  $(protos_under c1/connectorapi)

echo "generated $(ls Sources/BatonProto/*.pb.swift | wc -l) + $(ls Sources/BatonServiceProto/*.swift | wc -l) files" >&2
