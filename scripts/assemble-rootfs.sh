#!/usr/bin/env bash
# Assembles the container's whole root filesystem into DEST from a built baton-segment binary:
#
#   /baton-segment                       the binary (Swift runtime and Foundation linked in statically),
#                                        debug information stripped
#   <each library `ldd` names>           glibc (libc, libm, the dynamic loader), libzstd, libsqlite3,
#                                        libz, libstdc++, libgcc_s: exactly what ldd lists, no more
#   /usr/share/doc/<package>/copyright   the licence of each Debian package those libraries came from
#   /etc/ssl/certs/ca-certificates.crt   Debian's CA bundle: TLS to ConductorOne and api.segmentapis.com
#   /etc/passwd, /etc/group              root and the non-root user nonroot (65532:65532) the process runs as
#   /etc/nsswitch.conf                   "hosts: files dns": /etc/hosts before DNS, as in any Debian image
#   /tmp (1777)                          the only folder written: scratch database and c1z (emptyDir in k8s)
#
# No shell, no package manager, no other program. The Dockerfile runs this in its build stage
# (the official Swift image) and copies DEST into a `FROM scratch` stage; `scripts/check-image.sh`
# runs it on the build machine and then runs the binary inside DEST under chroot, so both describe
# the same file list.
#
# Name resolution: since glibc 2.34 the "files" and "dns" NSS modules are built into libc.so.6
# (libnss_files.so.2 and libnss_dns.so.2 are empty stubs), so no NSS library is copied;
# /etc/resolv.conf and /etc/hosts are provided by the container runtime (Kubernetes writes both).
#
# Usage: scripts/assemble-rootfs.sh BINARY DEST      (DEST must not exist or be empty; run as root
#                                                      so that every file is owned by root)
set -euo pipefail

binary=${1:?usage: assemble-rootfs.sh BINARY DEST}
dest=${2:?usage: assemble-rootfs.sh BINARY DEST}
[ -x "$binary" ] || { echo "assemble-rootfs: $binary is not an executable" >&2; exit 1; }
if [ -e "$dest" ] && [ -n "$(ls -A "$dest")" ]; then
  echo "assemble-rootfs: $dest is not empty" >&2; exit 1
fi
mkdir -p "$dest"

uid=65532
gid=65532

# 1. The binary, at the root (ENTRYPOINT ["/baton-segment"]).
install -m 0755 "$binary" "$dest/baton-segment"
# Without its DWARF debug information (216 MB -> 131 MB for 0.1.0); the symbol table stays, so
# crash backtraces still name functions.
if command -v strip >/dev/null 2>&1; then strip --strip-debug "$dest/baton-segment"; fi
echo "binary /baton-segment $(du -m "$dest/baton-segment" | cut -f1) MB"

# 2. Exactly the shared libraries ldd resolves, each at the path ldd printed (which is where the
#    dynamic loader looks for it: the interpreter path is baked into the binary, and Debian's
#    loader searches /lib/<triplet> and /usr/lib/<triplet> without needing /etc/ld.so.cache).
ldd_out=$(ldd "$binary")
if grep -q "not found" <<<"$ldd_out"; then
  echo "assemble-rootfs: unresolved libraries:" >&2
  grep "not found" <<<"$ldd_out" >&2
  exit 1
fi
libs=()
while read -r line; do
  case "$line" in
    *"=> "/*) path=${line#*=> }; path=${path%% (*} ;;   # libzstd.so.1 => /lib/x86_64-linux-gnu/libzstd.so.1 (0x...)
    /*) path=${line%% (*} ;;                             # /lib64/ld-linux-x86-64.so.2 (0x...)
    *) continue ;;                                       # linux-vdso.so.1 (in the kernel)
  esac
  libs+=("$path")
done <<<"$ldd_out"
[ ${#libs[@]} -gt 0 ] || { echo "assemble-rootfs: ldd listed no libraries (static binary?)" >&2; exit 1; }

packages=()
for path in "${libs[@]}"; do
  mkdir -p "$dest$(dirname "$path")"
  cp -L "$path" "$dest$path"         # the file itself, not the symlink chain
  chmod 0755 "$dest$path"
  # Which Debian package it came from (dpkg knows /usr/lib/... on merged-/usr systems), for its licence.
  pkg=""
  for candidate in "$path" "$(readlink -f "$path")" "/usr$path"; do
    pkg=$(dpkg -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1) && [ -n "$pkg" ] && break
  done
  if [ -n "$pkg" ]; then packages+=("$pkg"); fi
  echo "lib $path${pkg:+ ($pkg)}"
done

# 3. The CA bundle (Debian's ca-certificates package: Mozilla's roots). TrustRoots reads it first.
mkdir -p "$dest/etc/ssl/certs"
install -m 0644 /etc/ssl/certs/ca-certificates.crt "$dest/etc/ssl/certs/ca-certificates.crt"
packages+=(ca-certificates)

# Licences of everything copied (glibc is LGPL: its copyright file travels with it).
for pkg in $(printf '%s\n' "${packages[@]}" | sort -u); do
  base=${pkg%%:*}
  if [ -f "/usr/share/doc/$base/copyright" ]; then
    mkdir -p "$dest/usr/share/doc/$base"
    install -m 0644 "/usr/share/doc/$base/copyright" "$dest/usr/share/doc/$base/copyright"
  fi
done

# 4. Users: the process runs as nonroot (65532, the distroless convention); its home does not exist
#    and it has no login shell (there is none in the image).
cat >"$dest/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:$uid:$gid:nonroot:/nonexistent:/sbin/nologin
EOF
cat >"$dest/etc/group" <<EOF
root:x:0:
nonroot:x:$gid:
EOF
# 5. /etc/hosts first (Kubernetes hostAliases), then DNS; without this file glibc would ask DNS first.
cat >"$dest/etc/nsswitch.conf" <<'EOF'
passwd: files
group:  files
hosts:  files dns
EOF
chmod 0644 "$dest/etc/passwd" "$dest/etc/group" "$dest/etc/nsswitch.conf"

# 6. The one writable place (an emptyDir is mounted over it in Kubernetes).
mkdir -p "$dest/tmp"
chmod 1777 "$dest/tmp"

echo "rootfs $dest: $(find "$dest" -type f | wc -l) files, $(du -sh "$dest" | cut -f1)"
