#!/usr/bin/env bash
# Stops what deploy/local/infra-up.sh started: the Kafka broker, and PostgreSQL or Redis only if
# it was infra-up.sh that started them (servers that were already running are left running).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

stop_pidfile Kafka "$GANTRY_RUN/kafka.pid"
if [[ -f $GANTRY_RUN/redis.started-by-gantry ]]; then
  stop_pidfile Redis "$GANTRY_RUN/redis.pid"
  rm -f "$GANTRY_RUN/redis.started-by-gantry"
fi
if [[ -f $GANTRY_RUN/postgresql.started-by-gantry ]]; then
  version=$(cat "$GANTRY_RUN/postgresql.started-by-gantry")
  log "PostgreSQL: stopping cluster $version/main"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main stop || true
  rm -f "$GANTRY_RUN/postgresql.started-by-gantry"
fi
log "infrastructure stopped"
