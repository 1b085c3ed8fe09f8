#!/usr/bin/env bash
# Runs HubSpot's official client libraries against a fresh `hubtui serve`: the v3 clients
# (hubspot-api-client, @hubspot/api-client) and the new date-based SDK (hubspot-sdk).
# Skips (exit 0, with a message) when the client cannot be installed; fails when it runs and
# something does not work. Every wait is bounded; a server that exits or never gets ready fails
# the run with a message.
#   HUBTUI_BIN            the hubtui binary (default: where cargo puts it, CARGO_TARGET_DIR too)
#   HUBTUI_READY_TIMEOUT  seconds to wait for the server's ready line (default 60)
set -euo pipefail
cd "$(dirname "$0")/../.."

# Where cargo puts binaries: CARGO_TARGET_DIR, build.target-dir, or ./target.
target_dir() {
  local dir
  dir=$(cargo metadata --format-version 1 --no-deps 2>/dev/null \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])' 2>/dev/null) || dir=""
  echo "${dir:-${CARGO_TARGET_DIR:-target}}"
}

find_bin() {
  local dir=$1 b
  for b in "$dir/release/hubtui" "$dir/debug/hubtui"; do
    [ -x "$b" ] && { echo "$b"; return 0; }
  done
  return 1
}

bin=${HUBTUI_BIN:-}
tdir=$(target_dir)
if [ -z "$bin" ]; then
  bin=$(find_bin "$tdir") || { timeout 1800 cargo build --quiet && bin=$(find_bin "$tdir"); } || {
    echo "sdk check failed: no hubtui binary under $tdir (cargo build did not make one)" >&2
    exit 1
  }
fi

out=$(mktemp)
"$bin" serve --memory --addr 127.0.0.1:0 --records 300 > "$out" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out"' EXIT
deadline=$(( $(date +%s) + ${HUBTUI_READY_TIMEOUT:-60} ))
until grep -q '^hubtui emulator listening on ' "$out" 2>/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" && status=0 || status=$?
    echo "sdk check failed: $bin serve exited (status $status) before it was ready" >&2
    exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "sdk check failed: $bin serve was not ready after ${HUBTUI_READY_TIMEOUT:-60} s" >&2
    exit 1
  fi
  sleep 0.1
done
base=$(sed -n 's/^hubtui emulator listening on //p' "$out" | head -n 1)

venv=${HUBTUI_SDK_VENV:-$tdir/sdk-venv}
if ! timeout 120 python3 -m venv "$venv" >/dev/null 2>&1 \
   || ! timeout 600 "$venv/bin/pip" install -q hubspot-api-client >/dev/null 2>&1; then
  echo "sdk check skipped: could not install hubspot-api-client"
  exit 0
fi
timeout 600 "$venv/bin/python" tests/sdk/python_conformance.py "$base"
# HubSpot's new SDK (date-based paths, 2026-03), in its own venv: strict response validation.
new_venv=${HUBTUI_SDK_NEW_VENV:-$tdir/sdk-venv-new}
if timeout 120 python3 -m venv "$new_venv" >/dev/null 2>&1 \
   && timeout 600 "$new_venv/bin/pip" install -q "hubspot-sdk==0.1.0a9" >/dev/null 2>&1; then
  timeout 600 "$new_venv/bin/python" tests/sdk/python_sdk_conformance.py "$base"
else
  echo "new sdk check skipped: could not install hubspot-sdk"
fi
# The Node client, when npm can install it.
node_dir=${HUBTUI_SDK_NODE:-$tdir/sdk-node}
if command -v npm >/dev/null && mkdir -p "$node_dir" && (cd "$node_dir" && [ -f package.json ] || npm init -y >/dev/null 2>&1) \
   && (cd "$node_dir" && timeout 600 npm install --silent @hubspot/api-client@13 >/dev/null 2>&1); then
  NODE_PATH="$node_dir/node_modules" timeout 600 node tests/sdk/node_conformance.js "$base"
else
  echo "node sdk check skipped: could not install @hubspot/api-client"
fi
