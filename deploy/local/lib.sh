# Shared by the local scripts: where things live, which JDK, how to probe a port or a health endpoint.
# shellcheck shell=bash

GANTRY_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Everything a local run writes (Kafka's data, logs, pids, the gateway's key pair) lives here.
GANTRY_HOME=${GANTRY_HOME:-$GANTRY_REPO/.gantry}
GANTRY_LOGS=$GANTRY_HOME/logs
GANTRY_RUN=$GANTRY_HOME/run

GANTRY_PG_HOST=${GANTRY_PG_HOST:-127.0.0.1}
GANTRY_PG_PORT=${GANTRY_PG_PORT:-5432}
GANTRY_REDIS_HOST=${GANTRY_REDIS_HOST:-127.0.0.1}
GANTRY_REDIS_PORT=${GANTRY_REDIS_PORT:-6379}
GANTRY_KAFKA_PORT=${GANTRY_KAFKA_PORT:-9092}
GANTRY_KAFKA_CONTROLLER_PORT=${GANTRY_KAFKA_CONTROLLER_PORT:-9093}

# The services of a local platform and their fixed ports.
GANTRY_SERVICES=(conversation-service:8081 agent-worker:8082 sandbox-manager:8083 event-store:8084
  integrations-service:8085 gateway:8080)
# The gateway's health and metrics are on its management interface, not its public port.
GANTRY_GATEWAY_MANAGEMENT_PORT=9080

# The port of a service's /q/health and /q/metrics: the gateway's management port, the others' own port.
management_port() {
  if [[ $1 == gateway ]]; then echo "$GANTRY_GATEWAY_MANAGEMENT_PORT"; else echo "$2"; fi
}

log() { printf '\033[1m[gantry]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[gantry] %s\033[0m\n' "$*" >&2; exit 1; }

# Sets JAVA_HOME to a JDK 21 or newer: the one given, the default java, or one under /usr/lib/jvm.
use_jdk21() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    [[ -n $candidate && -x $candidate/bin/javac ]] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
    if [[ ${version%%.*} -ge 21 ]]; then
      export JAVA_HOME=${candidate%/}
      export PATH=$JAVA_HOME/bin:$PATH
      return 0
    fi
  done
  die "Gantry needs a JDK 21 or newer (javac included): install one (apt-get install openjdk-21-jdk-headless, or Temurin) or set JAVA_HOME."
}

require_maven() {
  command -v mvn >/dev/null || die "Gantry builds with Maven 3.8 or newer: install it (apt-get install maven)."
}

# true when something accepts TCP connections on host:port
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# the HTTP status line's code of a GET, or nothing
http_status() {
  local host=$1 port=$2 path=$3 line
  { exec 3<>"/dev/tcp/$host/$port" && printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3 &&
    IFS= read -r -t 5 line <&3 && echo "$line" | awk '{print $2}'; } 2>/dev/null
}

# waits until a check command succeeds, or gives up after some seconds
wait_for() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# The JVM options that start a Quarkus application on the archive its build trained beside quarkus-run.jar (the
# root pom: app.aot, a JDK AOT cache, made on JDK 25+; app-cds.jsa, AppCDS, otherwise); none when there is none this
# java can read. The application must be started from that directory with -jar quarkus-run.jar.
startup_archive_options() {
  local app=$1 version
  version=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  if [[ -f $app/app.aot && ${version%%.*} -ge 24 ]]; then
    echo "-XX:AOTCache=app.aot"
  elif [[ -f $app/app-cds.jsa ]]; then
    echo "-XX:SharedArchiveFile=app-cds.jsa"
  fi
}

pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stops the process of a pid file: TERM, then KILL if it has not exited after 30 s
stop_pidfile() {
  local name=$1 pidfile=$2 pid
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return
  fi
  pid=$(cat "$pidfile")
  log "$name: stopping (pid $pid)"
  kill "$pid" 2>/dev/null || true
  wait_for 30 "$name" bash -c "! kill -0 $pid 2>/dev/null" || { log "$name: killing it"; kill -9 "$pid" 2>/dev/null || true; }
  rm -f "$pidfile"
}

# Prints a token for a local user ([userId] [--admin]), signed with the key pair the gateway made in
# $GANTRY_HOME/keys on its first start.
local_token() {
  local app=$GANTRY_REPO/gateway/target/quarkus-app
  [[ -f $GANTRY_HOME/keys/jwt-private.pem ]] || die "no local signing key in $GANTRY_HOME/keys: start Gantry once with ./gantry up"
  GANTRY_HOME=$GANTRY_HOME java -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*:$app/quarkus/*" \
    dev.gantry.gateway.auth.LocalTokenCommand "$@"
}

# Runs a command as the operating-system user that owns PostgreSQL (peer authentication).
as_postgres() {
  if [[ $(id -un) == postgres ]]; then "$@"
  elif [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"
  elif command -v sudo >/dev/null; then sudo -n -u postgres "$@"
  else return 1; fi
}

# Runs a command as root, for package installation.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "installing $* needs root: run as root or install sudo"; fi
}

# The credentials of internal calls (docs/INTERNAL-API.md, "Caller identity"), made once per GANTRY_HOME
# under $GANTRY_HOME/internal-auth, readable by this user only: the gateway's key pair for the user tokens it
# signs, and the own token of each service that calls the others. Delete the folder and restart to rotate all.
GANTRY_INTERNAL_AUTH=$GANTRY_HOME/internal-auth
GANTRY_CALLING_SERVICES=(gateway agent-worker integrations-service)

make_internal_credentials() {
  command -v openssl >/dev/null || die "making the platform's internal keys needs openssl: apt-get install openssl"
  local dir=$GANTRY_INTERNAL_AUTH service
  (
    umask 077
    mkdir -p "$dir"
    if [[ ! -f $dir/user-token-private.pem ]]; then
      openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/user-token-private.pem.new" 2>/dev/null
      mv "$dir/user-token-private.pem.new" "$dir/user-token-private.pem"
      rm -f "$dir/user-token-public.pem"
    fi
    [[ -f $dir/user-token-public.pem ]] || openssl pkey -in "$dir/user-token-private.pem" -pubout -out "$dir/user-token-public.pem"
    for service in "${GANTRY_CALLING_SERVICES[@]}"; do
      [[ -s $dir/$service.token ]] || head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$dir/$service.token"
    done
  )
}

# Fills the array INTERNAL_AUTH_ENV with one service's GANTRY_AUTH_* variables (NAME=value, for env): the
# private key for the gateway alone, a service's own token for that service alone, and for every service that
# verifies callers the public key and the SHA-256 digests of the calling services' tokens.
internal_auth_env() {
  local service=$1 dir=$GANTRY_INTERNAL_AUTH caller accepted=()
  INTERNAL_AUTH_ENV=()
  if [[ $service == gateway ]]; then
    INTERNAL_AUTH_ENV+=("GANTRY_AUTH_USER_TOKEN_PRIVATE_KEY=$(cat "$dir/user-token-private.pem")")
  else
    for caller in "${GANTRY_CALLING_SERVICES[@]}"; do
      accepted+=("$caller:$(sha256sum < "$dir/$caller.token" | cut -d' ' -f1)")
    done
    INTERNAL_AUTH_ENV+=("GANTRY_AUTH_USER_TOKEN_PUBLIC_KEY=$(cat "$dir/user-token-public.pem")"
      "GANTRY_AUTH_ACCEPTED_SERVICE_TOKENS=$(IFS=,; echo "${accepted[*]}")")
  fi
  if [[ -f $dir/$service.token ]]; then
    INTERNAL_AUTH_ENV+=("GANTRY_AUTH_SERVICE_TOKEN=$(cat "$dir/$service.token")")
  fi
}

# Said by `up --unisolated` and `status` while sandboxes run without bubblewrap.
unisolated_warning() {
  cat >&2 <<'WARN'

  !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
  !!  SANDBOXES ARE UNISOLATED (./gantry up --unisolated): every agent's shell runs as this user, !!
  !!  reads the platform's secrets, every workspace and every process, and reaches PostgreSQL,    !!
  !!  Redis, Kafka and the services. Only for a machine where bubblewrap cannot run.              !!
  !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!

WARN
}

# The PostgreSQL role's password, generated once per GANTRY_HOME (readable by this user only) and
# exported as GANTRY_DB_PASSWORD, which the services and the tests read.
load_db_password() {
  local file=$GANTRY_HOME/db-password.env
  if [[ ! -f $file ]]; then
    mkdir -p "$GANTRY_HOME"
    (umask 077 && printf 'GANTRY_DB_PASSWORD=%s\n' "$(head -c 24 /dev/urandom | base64 | tr -d '+/=')" > "$file")
  fi
  set -a
  source "$file"
  set +a
}
