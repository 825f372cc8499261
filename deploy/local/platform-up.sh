#!/usr/bin/env bash
# Starts the whole platform locally in its embedded default: the infrastructure (infra-up.sh),
# then the six services as processes from their built jars, sandboxes as local processes.
# Prints each service's URL once every /q/health/ready answers UP (the gateway's on its management port). Safe to run again: running
# services are left running. Builds first when a service jar is missing or nothing is running,
# or always with --build. Sandboxes run under bubblewrap; --unisolated is the operator's opt-in to
# sandboxes that run as this user and see all it sees (where bubblewrap cannot run).
# Usage: deploy/local/platform-up.sh [--build] [--unisolated]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

use_jdk21
mkdir -p "$GANTRY_LOGS" "$GANTRY_RUN" "$GANTRY_HOME/sandboxes"

build_flag= unisolated=false
for arg in "$@"; do
  case $arg in
    --build) build_flag=--build ;;
    --unisolated) unisolated=true ;;
    *) die "unknown option $arg (usage: ./gantry up [--build] [--unisolated])" ;;
  esac
done

# A server on this machine the agents need (a self-hosted git server) may be opened to the sandboxes by its TCP
# ports alone (the sandbox-manager's gantry.sandbox.process.bubblewrap.reachable-host-ports); never a port of the
# platform itself, checked before anything starts.
check_reachable_ports() {
  local ports=${GANTRY_SANDBOX_PROCESS_BUBBLEWRAP_REACHABLE_HOST_PORTS:-} port own entry reachable
  [[ -n $ports ]] || return 0
  local platform_ports=("$GANTRY_PG_PORT" "$GANTRY_REDIS_PORT" "$GANTRY_KAFKA_PORT" "$GANTRY_KAFKA_CONTROLLER_PORT")
  for entry in "${GANTRY_SERVICES[@]}"; do platform_ports+=("${entry##*:}"); done
  platform_ports+=("$GANTRY_GATEWAY_MANAGEMENT_PORT")
  IFS=, read -ra reachable <<< "$ports"
  for port in "${reachable[@]}"; do
    port=${port//[[:space:]]/}
    [[ $port =~ ^[0-9]{1,5}$ ]] && (( port >= 1 && port <= 65535 )) ||
      die "GANTRY_SANDBOX_PROCESS_BUBBLEWRAP_REACHABLE_HOST_PORTS: '$port' is not a TCP port (1-65535)"
    for own in "${platform_ports[@]}"; do
      [[ $port == "$own" ]] && die "GANTRY_SANDBOX_PROCESS_BUBBLEWRAP_REACHABLE_HOST_PORTS: $port is a port of the platform itself; name only the ports of a server the agents need (a self-hosted git server)"
    done
  done
  log "sandboxes may reach this machine's TCP ports $ports (GANTRY_SANDBOX_PROCESS_BUBBLEWRAP_REACHABLE_HOST_PORTS); its other ports stay refused"
}
check_reachable_ports

service_jar() { echo "$GANTRY_REPO/$1/target/quarkus-app/quarkus-run.jar"; }

needs_build() {
  [[ ${1:-} == --build ]] && return 0
  local entry running=false
  for entry in "${GANTRY_SERVICES[@]}"; do
    [[ -f $(service_jar "${entry%%:*}") ]] || return 0
    pid_alive "$GANTRY_RUN/${entry%%:*}.pid" && running=true
  done
  # rebuilding under running services would swap their jars: only rebuild when none runs
  ! $running
}

if needs_build "$build_flag"; then
  require_maven
  log "building Gantry (mvn package -DskipTests); the first build downloads dependencies"
  (cd "$GANTRY_REPO" && mvn -B -q package -DskipTests) >&2 || die "the build failed: see the Maven output above"
fi

"$GANTRY_REPO/deploy/local/infra-up.sh"

if $unisolated; then
  export GANTRY_SANDBOX_PROCESS_ISOLATION=none
  touch "$GANTRY_RUN/sandboxes-unisolated"
  unisolated_warning
else
  export GANTRY_SANDBOX_PROCESS_ISOLATION=bubblewrap
  rm -f "$GANTRY_RUN/sandboxes-unisolated"
  command -v bwrap >/dev/null ||
    log "WARNING: bubblewrap (bwrap) is missing: every sandbox will fail to start. Install the package bubblewrap, or run ./gantry up --unisolated"
fi

# The platform's own secrets, made once per GANTRY_HOME and kept there, readable by this user only:
# the key that encrypts users' secrets at rest (conversation-service's alone), and the credentials of internal
# calls (lib.sh, make_internal_credentials). Each service gets only what it needs (start_service).
secrets=$GANTRY_HOME/platform-secrets.env
if [[ ! -f $secrets ]]; then
  (umask 077 && printf 'GANTRY_SECRETS_MASTER_KEY=%s\n' "$(head -c 32 /dev/urandom | base64)" > "$secrets")
fi
platform_secret() { sed -n "s/^$1=//p" "$secrets"; }
make_internal_credentials
# the PostgreSQL role's generated password (infra-up.sh made it): for the two services with a database only
load_db_password
db_password=$GANTRY_DB_PASSWORD
unset GANTRY_DB_PASSWORD

# Every service's environment: where the infrastructure and the local data are.
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$GANTRY_KAFKA_PORT
export QUARKUS_REDIS_HOSTS=redis://$GANTRY_REDIS_HOST:$GANTRY_REDIS_PORT
export GANTRY_HOME
export GANTRY_SANDBOX_PROCESS_ROOT=$GANTRY_HOME/sandboxes
# each sandbox's workspace, linked by sandbox id: the path the agent is told its project lives under
export GANTRY_SANDBOX_PROCESS_WORKSPACES=$GANTRY_HOME/workspaces
export GANTRY_WORKER_WORKSPACE_PATH="$GANTRY_HOME/workspaces/{sandboxId}"
# the installation's skills: Markdown files (OpenHands' format) put here reach every new conversation
mkdir -p "$GANTRY_HOME/skills"
export GANTRY_WORKER_SKILLS_DIRECTORY=$GANTRY_HOME/skills
export GANTRY_SANDBOX_PROCESS_RUNTIME_JAR=$(service_jar sandbox-runtime)
# the URLs users name (LLM endpoint, event callbacks) may reach this machine (a cluster refuses private addresses)
export GANTRY_OUTBOUND_ALLOW_PRIVATE_ADDRESSES=true

start_service() {
  local name=$1 port=$2 pidfile=$GANTRY_RUN/$1.pid
  if pid_alive "$pidfile"; then
    log "$name: already running (pid $(cat "$pidfile"))"
    return
  fi
  port_open 127.0.0.1 "$port" && die "$name: port $port is taken by another process: stop it, or stop Gantry with ./gantry down"
  local management; management=$(management_port "$name" "$port")
  [[ $management == "$port" ]] || ! port_open 127.0.0.1 "$management" ||
    die "$name: its management port $management is taken by another process: stop it, or stop Gantry with ./gantry down"
  local datasource=() own=()
  internal_auth_env "$name"
  case $name in
    conversation-service) own=(GANTRY_SECRETS_MASTER_KEY="$(platform_secret GANTRY_SECRETS_MASTER_KEY)")
                          datasource=(QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$GANTRY_PG_HOST:$GANTRY_PG_PORT/gantry_conversations"
                                      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$GANTRY_PG_HOST:$GANTRY_PG_PORT/gantry_conversations"
                                      GANTRY_DB_PASSWORD="$db_password") ;;
    event-store) datasource=(QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$GANTRY_PG_HOST:$GANTRY_PG_PORT/gantry_events"
                             QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$GANTRY_PG_HOST:$GANTRY_PG_PORT/gantry_events"
                             GANTRY_DB_PASSWORD="$db_password") ;;
  esac
  log "$name: starting on port $port"
  local app
  app=$(dirname "$(service_jar "$name")")
  # from its quarkus-app directory, on the start-up archive the build trained there when this JDK can read it
  (cd "$app" && exec env "${datasource[@]}" "${own[@]}" "${INTERNAL_AUTH_ENV[@]}" nohup java -Xms64m -Xmx384m \
    $(startup_archive_options "$app") -jar quarkus-run.jar >> "$GANTRY_LOGS/$name.log" 2>&1) &
  echo $! > "$pidfile"
}

# $1: the service's name, $2: its port
ready() { [[ $(http_status 127.0.0.1 "$(management_port "$1" "$2")" /q/health/ready) == 200 ]]; }

for entry in "${GANTRY_SERVICES[@]}"; do
  start_service "${entry%%:*}" "${entry##*:}"
done
for entry in "${GANTRY_SERVICES[@]}"; do
  name=${entry%%:*} port=${entry##*:}
  if ! wait_for 90 "$name" ready "$name" "$port"; then
    pid_alive "$GANTRY_RUN/$name.pid" || log "$name: the process has exited"
    tail -n 30 "$GANTRY_LOGS/$name.log" >&2 || true
    die "$name is not ready on port $port after 90 s: see $GANTRY_LOGS/$name.log"
  fi
done

printf '\nGantry is up (logs in %s):\n' "$GANTRY_LOGS"
for entry in "${GANTRY_SERVICES[@]}"; do
  printf '  %-22s http://127.0.0.1:%s   (ready: http://127.0.0.1:%s/q/health/ready)\n' "${entry%%:*}" "${entry##*:}" \
    "$(management_port "${entry%%:*}" "${entry##*:}")"
done
printf '  %-22s 127.0.0.1:%s\n' kafka "$GANTRY_KAFKA_PORT"
# the local user's token, also kept for the gantry CLI
(umask 077 && local_token > "$GANTRY_HOME/local-user.jwt")
if $unisolated; then unisolated_warning; fi
printf '\nThe web UI is http://127.0.0.1:8080/ ; this login link signs the local user in (the token stays in the\n'
printf 'fragment, which browsers never send to the server):\n\n  http://127.0.0.1:8080/#token=%s\n' "$(cat "$GANTRY_HOME/local-user.jwt")"
printf '\nThe public API is http://127.0.0.1:8080/api/v1 (OpenAPI: http://127.0.0.1:8080/q/openapi).\n'
printf 'A token for the local user (also in %s; ./gantry token prints a new one):\n\n%s\n\n' \
  "$GANTRY_HOME/local-user.jwt" "$(cat "$GANTRY_HOME/local-user.jwt")"
printf 'Try: curl -H "Authorization: Bearer $(cat %s)" http://127.0.0.1:8080/api/v1/conversations\n' "$GANTRY_HOME/local-user.jwt"
printf 'Stop everything with ./gantry down\n'
