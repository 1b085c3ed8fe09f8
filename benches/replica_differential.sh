#!/usr/bin/env bash
# The replica's differential run at the judged scale: a local CRM playing HubSpot at the free
# tier (100 calls / 10 s, 5 searches / s) with injected 429s, 503s, resets before and after the
# answer and 200-300 ms on every call, holding CARS cars (default 20,000) and the demo's
# contacts, companies, deals, notes and their associations; the initial sync, random remote
# changes (creates, updates, an archive, a merge, associations added, removed and labelled, a
# new property), an incremental sync; after each, the replica must equal the remote: every live
# record's properties, the archived set, associations with labels, definitions, and 200 random
# searches' ids and totals. Prints the calls and seconds of each sync. About 5 minutes.
#   benches/replica_differential.sh
#   CARS=5000 benches/replica_differential.sh
set -euo pipefail
cd "$(dirname "$0")/.."
HUBTUI_DIFF_CARS=${CARS:-20000} cargo test --test replica_sync -- --ignored --nocapture at_scale
