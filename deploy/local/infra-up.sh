#!/usr/bin/env bash
# Makes Gantry's local infrastructure ready on a Debian/Ubuntu machine:
#  - PostgreSQL and Redis: reused when they answer; otherwise started, or installed with apt and
#    started (without systemd); then the role and databases the services use, the role's password
#    generated on the first run and kept in $GANTRY_HOME/db-password.env (mode 600);
#  - the sandboxes' confinement: bubblewrap, util-linux (setpriv, prlimit) and nftables, installed with
#    apt when missing;
#  - Kafka: a single-node KRaft broker run from Apache Kafka's jars (resolved by this project's
#    Maven build, deploy/local), its data under $GANTRY_HOME/kafka; then Gantry's topics.
# Safe to run again: what is ready is left as it is.
# Usage: deploy/local/infra-up.sh [--no-kafka]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

with_kafka=true
[[ ${1:-} == --no-kafka ]] && with_kafka=false
mkdir -p "$GANTRY_LOGS" "$GANTRY_RUN"

# databases of the services, and of their tests
DATABASES=(gantry_conversations gantry_events gantry_conversations_test gantry_events_test
  gantry_system_conversations gantry_system_events)

is_local() { [[ $1 == 127.0.0.1 || $1 == localhost || $1 == ::1 ]]; }

apt_install() {
  log "installing $* with apt"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}

ensure_postgres() {
  if port_open "$GANTRY_PG_HOST" "$GANTRY_PG_PORT"; then
    log "PostgreSQL: reusing the server at $GANTRY_PG_HOST:$GANTRY_PG_PORT"
  else
    is_local "$GANTRY_PG_HOST" || die "PostgreSQL is not reachable at $GANTRY_PG_HOST:$GANTRY_PG_PORT, and it is not on this machine: start it there."
    command -v pg_ctlcluster >/dev/null || apt_install postgresql
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    [[ -n $version ]] || die "PostgreSQL is installed but has no cluster under /etc/postgresql: create one (pg_createcluster)."
    log "PostgreSQL: starting cluster $version/main"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    echo "$version" > "$GANTRY_RUN/postgresql.started-by-gantry"
    wait_for 30 PostgreSQL port_open "$GANTRY_PG_HOST" "$GANTRY_PG_PORT" ||
      die "PostgreSQL did not open $GANTRY_PG_HOST:$GANTRY_PG_PORT within 30 s: see its log under /var/log/postgresql."
  fi
  provision_databases
}

# psql as a superuser: over TCP where the server trusts local connections, else as the postgres OS user
superuser_sql() {
  psql -h "$GANTRY_PG_HOST" -p "$GANTRY_PG_PORT" -U "${GANTRY_PG_SUPERUSER:-postgres}" -w -d postgres -v ON_ERROR_STOP=1 -qtAc "$1" 2>/dev/null ||
    as_postgres psql -p "$GANTRY_PG_PORT" -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"
}

provision_databases() {
  command -v psql >/dev/null || apt_install postgresql-client
  load_db_password
  # the role's password is the generated one, set again on every run (a role made with the old default loses it)
  superuser_sql "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gantry') THEN
                   CREATE ROLE gantry LOGIN; END IF; END \$\$;
                 ALTER ROLE gantry PASSWORD '$GANTRY_DB_PASSWORD';" ||
    die "PostgreSQL: could not create the role 'gantry' (no superuser access over TCP or as the postgres user). Create it with the password in $GANTRY_HOME/db-password.env: CREATE ROLE gantry LOGIN PASSWORD '...';"
  local db
  for db in "${DATABASES[@]}"; do
    if [[ $(superuser_sql "SELECT 1 FROM pg_database WHERE datname = '$db'") != 1 ]]; then
      superuser_sql "CREATE DATABASE $db OWNER gantry" || die "PostgreSQL: could not create database $db"
      log "PostgreSQL: created database $db"
    fi
  done
  log "PostgreSQL: role gantry and databases ${DATABASES[*]} ready"
}

ensure_redis() {
  if port_open "$GANTRY_REDIS_HOST" "$GANTRY_REDIS_PORT"; then
    log "Redis: reusing the server at $GANTRY_REDIS_HOST:$GANTRY_REDIS_PORT"
    return
  fi
  is_local "$GANTRY_REDIS_HOST" || die "Redis is not reachable at $GANTRY_REDIS_HOST:$GANTRY_REDIS_PORT, and it is not on this machine: start it there."
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p "$GANTRY_HOME/redis"
  log "Redis: starting it on port $GANTRY_REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$GANTRY_REDIS_PORT" --save "" --appendonly no \
    --dir "$GANTRY_HOME/redis" --logfile "$GANTRY_LOGS/redis.log" --pidfile "$GANTRY_RUN/redis.pid"
  touch "$GANTRY_RUN/redis.started-by-gantry"
  wait_for 15 Redis port_open "$GANTRY_REDIS_HOST" "$GANTRY_REDIS_PORT" ||
    die "Redis did not open port $GANTRY_REDIS_PORT within 15 s: see $GANTRY_LOGS/redis.log"
}

kafka_classpath() {
  local module=$GANTRY_REPO/deploy/local
  if ! compgen -G "$module/target/lib/kafka_2.13-*.jar" >/dev/null || ! compgen -G "$module/target/gantry-local-*.jar" >/dev/null; then
    log "Kafka: resolving the broker's jars with Maven (deploy/local)"
    require_maven
    (cd "$GANTRY_REPO" && mvn -B -q -pl deploy/local -am package -DskipTests) >&2
  fi
  echo "$module/target/lib/*:$(ls "$module"/target/gantry-local-*.jar)"
}

ensure_kafka() {
  local dir=$GANTRY_HOME/kafka pidfile=$GANTRY_RUN/kafka.pid bootstrap=127.0.0.1:$GANTRY_KAFKA_PORT classpath
  classpath=$(kafka_classpath)
  if pid_alive "$pidfile"; then
    log "Kafka: reusing the broker at $bootstrap (pid $(cat "$pidfile"))"
  elif port_open 127.0.0.1 "$GANTRY_KAFKA_PORT"; then
    log "Kafka: port $GANTRY_KAFKA_PORT is taken by a process this script did not start: using it as the broker"
  else
    mkdir -p "$dir/data"
    sed -e "s#@DATA@#$dir/data#" -e "s#@PORT@#$GANTRY_KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$GANTRY_KAFKA_CONTROLLER_PORT#g" \
      "$GANTRY_REPO/deploy/local/kafka/server.properties" > "$dir/server.properties"
    if [[ ! -f $dir/data/meta.properties ]]; then
      [[ -f $dir/cluster-id ]] || java -cp "$classpath" kafka.tools.StorageTool random-uuid > "$dir/cluster-id"
      java -cp "$classpath" kafka.tools.StorageTool format -t "$(cat "$dir/cluster-id")" -c "$dir/server.properties" \
        >> "$GANTRY_LOGS/kafka.log" 2>&1 || die "Kafka: formatting its storage failed: see $GANTRY_LOGS/kafka.log"
    fi
    log "Kafka: starting a KRaft broker at $bootstrap (data in $dir/data)"
    nohup java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$GANTRY_REPO/deploy/local/kafka/log4j2.properties" \
      -cp "$classpath" kafka.Kafka "$dir/server.properties" >> "$GANTRY_LOGS/kafka.log" 2>&1 &
    echo $! > "$pidfile"
    wait_for 60 Kafka port_open 127.0.0.1 "$GANTRY_KAFKA_PORT" ||
      die "Kafka did not open port $GANTRY_KAFKA_PORT within 60 s: see $GANTRY_LOGS/kafka.log"
  fi
  java -cp "$classpath" dev.gantry.local.TopicProvisioner "$bootstrap" 1 2>>"$GANTRY_LOGS/kafka.log" | sed 's/^/[gantry] Kafka: /' >&2 ||
    die "Kafka: creating Gantry's topics failed: see $GANTRY_LOGS/kafka.log"
}

ensure_sandbox_tools() {
  local missing=()
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  { command -v setpriv && command -v prlimit; } >/dev/null || missing+=(util-linux)
  command -v nft >/dev/null || [[ -x /usr/sbin/nft ]] || missing+=(nftables)
  if ((${#missing[@]})); then
    apt_install "${missing[@]}" ||
      log "WARNING: could not install ${missing[*]}: sandboxes will not start unless you run ./gantry up --unisolated"
  fi
}

ensure_postgres
ensure_redis
ensure_sandbox_tools
if $with_kafka; then
  use_jdk21
  ensure_kafka
fi
log "infrastructure ready"
