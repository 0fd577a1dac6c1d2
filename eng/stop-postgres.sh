#!/usr/bin/env bash
# Stops a server started by eng/start-postgres.sh and deletes its folder (and so its data).
# Usage: bash eng/stop-postgres.sh "$MARKETPLACELEADS_POSTGRES_DIR"
set -euo pipefail
dir=${1:-${MARKETPLACELEADS_POSTGRES_DIR:-}}
if [ -z "$dir" ] || [ ! -f "$dir/bin" ] || [ ! -d "$dir/data" ]; then
  echo "stop-postgres.sh: '$dir' is not a folder made by eng/start-postgres.sh" >&2
  exit 1
fi
bin=$(cat "$dir/bin")
run=()
if [ "$(id -u)" -eq 0 ]; then
  user=$(stat -c %U "$dir")
  run=(setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups --)
fi
"${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
rm -rf "$dir"
