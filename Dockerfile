# syntax=docker/dockerfile:1
#
# baton-segment container image: `docker build -t baton-segment .`
#
# Two stages. The build stage is the official Swift image on Debian 12 (bookworm, glibc 2.36). The
# runtime stage is `scratch` plus exactly the files scripts/assemble-rootfs.sh collects there:
# the binary, the shared libraries `ldd` says it needs (glibc, libzstd, libsqlite3), Debian's CA
# bundle, /etc/passwd with the non-root user, /etc/nsswitch.conf and an empty /tmp. No shell, no
# package manager. The glibc in the image is the build image's own, copied file for file, so the
# runtime's glibc is exactly the one the binary was linked against.
#
# `make image-check` (scripts/check-image.sh) proves this file list without a container engine: it
# runs the same assemble script on a Debian 12 machine and runs the binary in the result under
# chroot, as the non-root user, with everything but /tmp read-only.
#
# Runtime settings come from BATON_* variables (see deploy/kubernetes/); the root filesystem can be
# read-only: the process writes only to the temporary directory (/tmp, or BATON_C1Z_TEMP_DIR).

ARG SWIFT_IMAGE=swift:6.3.1-bookworm

FROM ${SWIFT_IMAGE} AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# Build-time packages, each for one reason:
#   libzstd-dev     zstd headers and library: the CZstd system library target (the c1z is a zstd frame)
#   libsqlite3-dev  SQLite headers and library: GRDB links the system libsqlite3 (the c1z's database)
#   pkg-config      how SwiftPM finds libzstd for the CZstd target
#   ca-certificates the CA bundle copied into the image (and fetching the Swift packages over https)
# Their runtime halves (libzstd1, libsqlite3-0) come along as dependencies and are what the
# assemble script copies. Versions are not pinned (hadolint DL3008): bookworm's point releases
# replace them, and a pinned version disappears from the archive with the next security update,
# breaking the build; the base image tag is what pins the distribution.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libzstd-dev libsqlite3-dev pkg-config ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
# Dependencies first, so that a source change does not fetch every package again.
COPY Package.swift ./
RUN swift package resolve
# SwiftPM checks every target's folder (tests included) when it loads the package.
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product baton-segment --static-swift-stdlib \
 && install -m 0755 .build/release/baton-segment /usr/local/bin/baton-segment

COPY scripts/assemble-rootfs.sh /usr/local/bin/assemble-rootfs.sh
RUN /usr/local/bin/assemble-rootfs.sh /usr/local/bin/baton-segment /rootfs

# Runtime: nothing but what the binary needs. Runtime "packages" (exactly the libraries `ldd` lists
# for the binary, copied from the build stage by the assemble script, licences under
# /usr/share/doc):
#   libc6           glibc: libc, libm and the dynamic loader (Swift's runtime and Foundation are
#                   linked in statically, glibc cannot be); its built-in NSS "files" and "dns"
#                   modules resolve tenant.conductor.one and api.segmentapis.com
#   libzstd1        compresses the c1z (the CZstd system library)
#   libsqlite3-0    the c1z's SQLite database (GRDB links the system SQLite dynamically)
#   zlib1g          HTTP response decompression (swift-nio-extras' NIOHTTPCompression, used by
#                   AsyncHTTPClient for the Segment API)
#   libstdc++6,     the C++ runtime and unwinder that the statically linked Swift runtime and the
#   libgcc-s1       C++ parts of the dependencies (BoringSSL, Foundation's ICU) need
#   ca-certificates /etc/ssl/certs/ca-certificates.crt: TLS roots for ConductorOne and Segment
FROM scratch
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="baton-segment" \
      org.opencontainers.image.description="Baton connector for Twilio Segment (sync to c1z, ConductorOne service mode)" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /rootfs/ /
# 65532:65532 is "nonroot" in /etc/passwd; numeric so that Kubernetes' runAsNonRoot can verify it.
USER 65532:65532
# A one-shot sync writes here by default (the root filesystem stays read-only); -f or BATON_FILE
# point it elsewhere, e.g. into a mounted volume. The working directory stays /, which the process
# cannot write, so no ./.baton.yaml can appear in it.
ENV BATON_FILE=/tmp/sync.c1z
# No HEALTHCHECK: the health server runs only in service mode with --health-check, so a
# HEALTHCHECK would mark one-shot runs unhealthy. Kubernetes uses the exec probes in
# deploy/kubernetes/deployment.yaml (`/baton-segment health-check`), which need no shell or curl.
ENTRYPOINT ["/baton-segment"]
