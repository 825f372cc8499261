#!/usr/bin/env bash
# Installs the real MCP servers the tests talk to (@modelcontextprotocol/server-everything and
# server-filesystem, from npm) into a cache outside the repository, once; test.sh calls it.
# The cache is $GANTRY_MCP_CACHE, by default ~/.cache/gantry/npm; its bin directory then holds
# mcp-server-everything and mcp-server-filesystem.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CACHE=${GANTRY_MCP_CACHE:-$HOME/.cache/gantry/npm}
PACKAGES=(@modelcontextprotocol/server-everything@2026.8.31 @modelcontextprotocol/server-filesystem@2026.8.31)

command -v npm >/dev/null || die "npm is missing: install Node.js 20 or newer (the MCP tests start real npm servers)"
mkdir -p "$CACHE"
if [[ -x $CACHE/node_modules/.bin/mcp-server-everything && -x $CACHE/node_modules/.bin/mcp-server-filesystem \
      && -f $CACHE/.installed && $(cat "$CACHE/.installed") == "${PACKAGES[*]}" ]]; then
  exit 0
fi
log "installing ${PACKAGES[*]} into $CACHE"
[[ -f $CACHE/package.json ]] || printf '{"name":"gantry-test-mcp-servers","private":true}\n' > "$CACHE/package.json"
npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error "${PACKAGES[@]}" >&2
echo "${PACKAGES[*]}" > "$CACHE/.installed"
