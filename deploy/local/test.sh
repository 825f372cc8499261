#!/usr/bin/env bash
# Runs every test of Gantry: makes sure PostgreSQL and Redis answer (reusing, starting or
# installing them as infra-up.sh does, with the test databases), that the npm MCP servers the
# MCP tests start are installed (mcp-servers.sh) and the browser the web UI's tests drive (browser.sh:
# chromium and chromium-driver from apt), then `mvn verify`.
# Kafka needs nothing: the tests start a real broker inside their JVM.
# Extra arguments go to Maven, e.g. deploy/local/test.sh -pl contracts
#   --chaos  the whole chaos suite alone (system-tests ChaosTest, -Pchaos): every component killed mid-step
#   --browser the web UI tests alone in headless Chromium (system-tests WebUiTest, WebUiOidcSignInTest, -Pbrowser)
#   --load   the load run alone (system-tests LoadRunTest, -Pload): figures; -Dgantry.load.conversations=200
#            -Dgantry.load.duration=PT10M for the full run
set -euo pipefail
profile=()
case ${1:-} in
  --chaos) shift; profile=(-pl system-tests -Pchaos) ;;
  --load) shift; profile=(-pl system-tests -Pload) ;;
  --browser) shift; profile=(-pl system-tests -Pbrowser) ;;
esac
source "$(dirname "$0")/lib.sh"

use_jdk21
require_maven
"$GANTRY_REPO/deploy/local/infra-up.sh" --no-kafka
# the real MCP servers (npm) the MCP tests start, in a cache outside the repository
"$GANTRY_REPO/deploy/local/mcp-servers.sh"
# headless Chromium and chromedriver for the web UI's tests (system-tests WebUiTest)
"$GANTRY_REPO/deploy/local/browser.sh"
export GANTRY_MCP_CACHE=${GANTRY_MCP_CACHE:-$HOME/.cache/gantry/npm}
# the tests log in as the role with the password infra-up.sh generated
load_db_password
cd "$GANTRY_REPO"
log "running the tests with $(java -version 2>&1 | head -1) and $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
exec mvn -B verify ${profile[@]+"${profile[@]}"} "$@"
