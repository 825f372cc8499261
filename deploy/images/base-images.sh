#!/usr/bin/env bash
# Builds the two base images Gantry's images are layered on, from Debian packages and the local JDK,
# as image tarballs (Docker archive layout, which Jib reads as a `tar://` base) - no Docker engine and no
# container registry needed:
#   <out>/jre-base.tar      Debian 12's C library (libc6 and what it needs, nothing else: no shell, no
#                           package manager), a Java runtime linked with jlink from the JDK that builds
#                           Gantry (>= 21), user gantry (185) and a world-writable /tmp.
#   <out>/sandbox-base.tar  Debian 12 minbase with bash, git, python3 (pip, venv), Node.js and npm,
#                           make, gcc and the usual tools (curl, procps, tini, unzip, xz...), the same Java
#                           runtime, user gantry (10001) owning /workspace.
# Usage: base-images.sh <out-dir>. An existing tarball is kept; delete it to rebuild it.
# Needs: mmdebstrap (apt-get install mmdebstrap; run as root or with user namespaces), a JDK 21+ with jlink.
set -euo pipefail
source "$(dirname "$0")/../local/lib.sh"

out=${1:?usage: base-images.sh <out-dir>}
mkdir -p "$out"
out=$(cd "$out" && pwd)
suite=bookworm
# the Debian mirror this machine's apt uses (its sources file), deb.debian.org elsewhere
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${GANTRY_DEBIAN_MIRROR:-${mirror:-http://deb.debian.org/debian}}
# the modules of the Java SE platform plus the JDK modules that Quarkus, Netty, Kafka and the JDBC drivers use
jre_modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management,jdk.naming.dns,jdk.net,jdk.jfr,jdk.security.auth,jdk.security.jgss,jdk.charsets,jdk.localedata,jdk.httpserver

command -v mmdebstrap >/dev/null || as_root apt-get install -y -q mmdebstrap >&2 \
  || die "mmdebstrap is needed to build the base images from Debian packages: apt-get install mmdebstrap"
use_jdk21
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A layer's tar with numeric root ownership and fixed times, so that the same input gives the same digest.
layer_tar() { # <dir> <tar>
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$1" -cf "$2" .
}

# Wraps layer tars into an image tarball in Docker archive layout: manifest.json, the config, the layers.
image_tar() { # <out.tar> <name> <user> <layer.tar>...
  local target=$1 name=$2 user=$3; shift 3
  local dir=$work/image-$name diff_ids="" layers="" sha
  mkdir -p "$dir"
  for layer in "$@"; do
    sha=$(sha256sum "$layer" | cut -d' ' -f1)
    cp "$layer" "$dir/$sha.tar"
    diff_ids+="${diff_ids:+,}\"sha256:$sha\"" layers+="${layers:+,}\"$sha.tar\""
  done
  cat >"$dir/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"$user","Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":[$diff_ids]}}
EOF
  printf '[{"Config":"config.json","RepoTags":["gantry-base/%s:local"],"Layers":[%s]}]\n' "$name" "$layers" >"$dir/manifest.json"
  (cd "$dir" && tar --owner=0 --group=0 --numeric-owner -cf "$target.part" manifest.json config.json ./*.tar)
  mv "$target.part" "$target"
  log "base image $(basename "$target"): $(du -h "$target" | cut -f1)"
}

jre_layer() {
  [[ -f $work/jre.tar ]] && return 0
  log "linking a Java runtime from $JAVA_HOME"
  mkdir -p "$work/jre/opt/java"
  "$JAVA_HOME/bin/jlink" --add-modules "$jre_modules" --strip-debug --no-man-pages --no-header-files \
    --output "$work/jre/opt/java/openjdk" >&2
  layer_tar "$work/jre" "$work/jre.tar"
}

debian_layer() { # <variant> <packages> <tar> [mmdebstrap options...]
  local variant=$1 packages=$2 tar=$3; shift 3
  log "assembling a Debian $suite root file system ($variant: $packages) from $mirror"
  mmdebstrap --quiet --variant="$variant" --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
    "$@" "$suite" "$work/rootfs.tar" "deb $mirror $suite main" >&2
  # mmdebstrap's tar is not reproducible byte for byte across runs (times); re-pack it sorted and dated 0
  mkdir -p "$work/rootfs" && tar -xpf "$work/rootfs.tar" -C "$work/rootfs" --numeric-owner --exclude="./dev/*"
  rm -f "$work/rootfs.tar"
  layer_tar "$work/rootfs" "$tar"
  rm -rf "$work/rootfs"
}

if [[ ! -f $out/jre-base.tar ]]; then
  jre_layer
  # the C library only: libc6 and its dependencies, extracted without maintainer scripts (there is no shell)
  debian_layer extract "base-files,libc6,libgcc-s1,gcc-12-base,netbase,tzdata" "$work/debian-jre.tar"
  mkdir -p "$work/users/etc" "$work/users/tmp" "$work/users/deployments"
  chmod 1777 "$work/users/tmp"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\ngantry:x:185:185:gantry:/tmp:/usr/sbin/nologin\n' >"$work/users/etc/passwd"
  printf 'root:x:0:\ngantry:x:185:\n' >"$work/users/etc/group"
  layer_tar "$work/users" "$work/users.tar"
  image_tar "$out/jre-base.tar" jre-base 185:185 "$work/debian-jre.tar" "$work/jre.tar" "$work/users.tar"
fi

if [[ ! -f $out/sandbox-base.tar ]]; then
  jre_layer
  debian_layer minbase \
    "bash,ca-certificates,curl,git,openssh-client,python3,python3-pip,python3-venv,nodejs,npm,make,gcc,g++,libc6-dev,patch,procps,tini,unzip,zip,xz-utils,bzip2,less,jq,file" \
    "$work/debian-sandbox.tar" \
    --customize-hook='chroot "$1" groupadd --gid 10001 gantry' \
    --customize-hook='chroot "$1" useradd --uid 10001 --gid 10001 --create-home --home-dir /home/gantry --shell /bin/bash gantry' \
    --customize-hook='mkdir -p "$1/workspace" && chown 10001:10001 "$1/workspace"' \
    --customize-hook='rm -rf "$1/var/lib/apt/lists/"* "$1/var/cache/apt/"*'
  image_tar "$out/sandbox-base.tar" sandbox-base 10001:10001 "$work/debian-sandbox.tar" "$work/jre.tar"
fi
