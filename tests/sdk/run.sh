#!/usr/bin/env bash
# Runs HubSpot's official client libraries against a fresh `hubtui serve`.
# Skips (exit 0, with a message) when the client cannot be installed; fails when it runs and
# something does not work.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=${HUBTUI_SDK_VENV:-target/sdk-venv}
if ! python3 -m venv "$venv" >/dev/null 2>&1 || ! "$venv/bin/pip" install -q hubspot-api-client >/dev/null 2>&1; then
  echo "sdk check skipped: could not install hubspot-api-client"
  exit 0
fi
bin=target/release/hubtui
[ -x "$bin" ] || bin=target/debug/hubtui
[ -x "$bin" ] || cargo build --quiet
[ -x "$bin" ] || bin=target/debug/hubtui
out=$(mktemp)
"$bin" serve --memory --addr 127.0.0.1:0 --records 300 > "$out" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out"' EXIT
until [ -s "$out" ]; do sleep 0.1; done
base=$(sed 's/^hubtui emulator listening on //' "$out")
"$venv/bin/python" tests/sdk/python_conformance.py "$base"
# The Node client, when npm can install it.
node_dir=${HUBTUI_SDK_NODE:-target/sdk-node}
if command -v npm >/dev/null && mkdir -p "$node_dir" && (cd "$node_dir" && [ -f package.json ] || npm init -y >/dev/null 2>&1) \
   && (cd "$node_dir" && npm install --silent @hubspot/api-client@13 >/dev/null 2>&1); then
  NODE_PATH="$node_dir/node_modules" node tests/sdk/node_conformance.js "$base"
else
  echo "node sdk check skipped: could not install @hubspot/api-client"
fi
