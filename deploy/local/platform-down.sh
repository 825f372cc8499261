#!/usr/bin/env bash
# Stops the services started by platform-up.sh, then the infrastructure (infra-down.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# the gateway first, so nobody starts new work while the others stop
for ((i = ${#GANTRY_SERVICES[@]} - 1; i >= 0; i--)); do
  name=${GANTRY_SERVICES[i]%%:*}
  stop_pidfile "$name" "$GANTRY_RUN/$name.pid"
done
"$GANTRY_REPO/deploy/local/infra-down.sh"
