#!/usr/bin/env bash
# ./gantry images: builds the container images of the six services and the sandbox runtime with Jib, without a
# Docker engine, as OCI image tarballs under target/images/ (<image>.tar, images.txt lists them with digests), or
# pushes them to a registry when one is given.
#   --registry host[:port]/namespace  push there instead (or GANTRY_IMAGES_REGISTRY); credentials from the Docker
#                                     config file, or GANTRY_REGISTRY_USERNAME and GANTRY_REGISTRY_PASSWORD
#   --tag TAG                         default: the project's version without -SNAPSHOT (the chart's appVersion)
#   --base REF / --sandbox-base REF   a registry image or tar:///path as the services' / the sandbox's base
#                                     (default: built from Debian packages by deploy/images/base-images.sh)
#   --only a,b                        only these images;  --insecure  allow a plain-HTTP registry
#   -- ARGS                           the rest goes to Maven (e.g. -- -o)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

registry=${GANTRY_IMAGES_REGISTRY:-} tag="" base="" sandbox_base="" only="" insecure=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --registry) registry=${2:?--registry needs host[:port]/namespace}; shift 2 ;;
    --tag) tag=${2:?--tag needs a value}; shift 2 ;;
    --base) base=${2:?--base needs an image}; shift 2 ;;
    --sandbox-base) sandbox_base=${2:?--sandbox-base needs an image}; shift 2 ;;
    --only) only=${2:?--only needs image names}; shift 2 ;;
    --insecure) insecure=true; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "images: unknown option '$1' (see ./gantry images --help)" ;;
  esac
done
# the same rules the builder applies, checked here before minutes of building
if [[ -n $tag && ! $tag =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]]; then
  die "images: tag '$tag' is not a valid image tag: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'"
fi
if [[ -n $registry && ! $registry =~ ^[A-Za-z0-9.-]+(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*/?$ ]]; then
  die "images: registry '$registry' is not host[:port]/namespace (namespace in lower case: letters, digits, '.', '_', '-')"
fi

use_jdk21
require_maven
cd "$GANTRY_REPO"
log "building the images ($(if [[ -n $registry ]]; then echo "pushing to $registry"; else echo "tarballs in target/images"; fi))"
exec mvn -B -Pimages -pl deploy/images -am package -DskipTests \
  "-Dgantry.images.registry=$registry" "-Dgantry.images.tag=$tag" "-Dgantry.images.base=$base" \
  "-Dgantry.images.sandbox-base=$sandbox_base" "-Dgantry.images.insecure=$insecure" "-Dgantry.images.only=$only" "$@"
