#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the MarketplaceLeads.PostgreSql tests, .ci/run and local use, from the
# binaries of a PostgreSQL installation (Debian's are under /usr/lib/postgresql/<version>/bin); no system service.
# initdb into a fresh temporary folder, pg_ctl on 127.0.0.1 and a free port, trust authentication for the local user
# 'marketplaceleads', a database 'marketplaceleads'. When no installation is found it installs Debian's `postgresql`
# package with apt-get (unless --no-install).
#
# Prints two shell lines on stdout, for eval (progress goes to stderr):
#   export MARKETPLACELEADS_POSTGRES='Host=127.0.0.1;Port=...;Username=marketplaceleads;Database=marketplaceleads'
#   export MARKETPLACELEADS_POSTGRES_DIR='/tmp/...'
# Stop it with: bash eng/stop-postgres.sh "$MARKETPLACELEADS_POSTGRES_DIR"
#
# Usage: eval "$(bash eng/start-postgres.sh [--no-install] [--no-fsync])"
#   (in a script with set -e, assign first so that a failure stops it: env=$(bash eng/start-postgres.sh); eval "$env")
#   --no-install  fail (naming what to install) instead of running apt-get when PostgreSQL is missing
#   --no-fsync    fsync=off, synchronous_commit=off, full_page_writes=off: faster, and loses data on an OS crash
#                 (never on a process crash); for tests only
# PG_BIN=/path/to/bin picks the binaries (default: the newest /usr/lib/postgresql/*/bin, else initdb on the PATH).
set -euo pipefail
install=1; fast=0
for argument in "$@"; do
  case "$argument" in
    --no-install) install=0 ;;
    --no-fsync) fast=1 ;;
    *) echo "start-postgres.sh: unknown option '$argument'" >&2; exit 2 ;;
  esac
done

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    [ -x "$PG_BIN/initdb" ] && echo "$PG_BIN"
    return 0
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; fi
}

bin=$(find_bin)
if [ -z "$bin" ]; then
  if [ "$install" -eq 1 ] && command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL not found: installing Debian's postgresql package" >&2
    sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2
    bin=$(find_bin)
  fi
  if [ -z "$bin" ]; then
    echo "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found: install PostgreSQL (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql), set PG_BIN to its bin folder, or set MARKETPLACELEADS_POSTGRES to the connection string of a server you run." >&2
    exit 1
  fi
fi

# initdb and postgres refuse to run as root: as root, the server runs as the 'postgres' user (Debian's package creates it), else 'nobody'.
run=()
dir=$(mktemp -d "${TMPDIR:-/tmp}/marketplaceleads-pg.XXXXXX")
if [ "$(id -u)" -eq 0 ]; then
  user=postgres; id -u postgres >/dev/null 2>&1 || user=nobody
  chown "$user" "$dir"
  chmod 755 "$dir"
  run=(setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups --)
fi

"${run[@]}" "$bin/initdb" -D "$dir/data" -U marketplaceleads --auth=trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }

settings="-c listen_addresses=127.0.0.1 -k $dir -c max_connections=400"
if [ "$fast" -eq 1 ]; then settings="$settings -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi

started=0
for attempt in 1 2 3 4 5 6 7 8; do
  port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi # taken
  if "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "-p $port $settings" start >/dev/null 2>&1; then
    started=1; break
  fi
  echo "PostgreSQL did not start on port $port (attempt $attempt); trying another" >&2
done
if [ "$started" -ne 1 ]; then
  cat "$dir/server.log" >&2 2>/dev/null || true
  rm -rf "$dir"
  exit 1
fi
echo "$bin" >"$dir/bin"
"$bin/createdb" -h 127.0.0.1 -p "$port" -U marketplaceleads marketplaceleads >&2
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)" >&2
echo "export MARKETPLACELEADS_POSTGRES='Host=127.0.0.1;Port=$port;Username=marketplaceleads;Database=marketplaceleads'"
echo "export MARKETPLACELEADS_POSTGRES_DIR='$dir'"
