#!/usr/bin/env bash
# Makes the browser the web UI's tests drive ready: Debian's chromium and its chromedriver (packages chromium and
# chromium-driver), installed with apt when missing, as infra-up.sh installs PostgreSQL; test.sh calls it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
log "installing chromium and chromium-driver with apt (the web UI's browser tests)"
as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver >/dev/null
