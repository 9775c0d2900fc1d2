#!/usr/bin/env bash
# Runs every suite: type check, unit + integration on SQLite and PostgreSQL, browser journeys in
# Chromium. Installs Debian's chromium and postgresql when missing, and runs a throwaway
# PostgreSQL cluster on a free port for the duration of the run.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_BIN=/usr/lib/postgresql/15/bin
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x "$PG_BIN/initdb" ] || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} from Debian…"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# ---- scratch space ----
# Test databases, servers' files and browser profiles go to a directory of their own, on tmpfs
# when the machine has one: each SQLite commit is an fsync (synchronous = FULL), which on a disk
# costs a millisecond or more and on tmpfs next to nothing. No test depends on a commit surviving
# a power cut (the crash tests kill processes, and the page cache outlives a process).
SCRATCH_ROOT=/tmp
if [ -d /dev/shm ] && [ -w /dev/shm ]; then SCRATCH_ROOT=/dev/shm; fi
SCRATCH=$(mktemp -d "$SCRATCH_ROOT/sandstone-tests.XXXXXX")
export TMPDIR="$SCRATCH"

# ---- throwaway PostgreSQL ----
PGTMP=$(mktemp -d /tmp/sandstone-pg.XXXXXX)
PGPORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
as_pg() {
  # initdb refuses to run as root: run the cluster as the postgres user when we are root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$PGTMP"; fi
cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP" "$SCRATCH"
}
trap cleanup EXIT
as_pg "$PG_BIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 \
  || { cat "$PGTMP/initdb.log"; exit 1; }
as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
  -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
  || { cat "$PGTMP/server.log"; exit 1; }
export SANDSTONE_TEST_PG_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
export SANDSTONE_REQUIRE_PG=1
echo "test.sh: PostgreSQL 15 on port $PGPORT (throwaway)"

echo "test.sh: type check"
npx tsc --noEmit -p tsconfig.json

echo "test.sh: unit and integration tests (SQLite and PostgreSQL)"
npx vitest run

echo "test.sh: building the web app"
npx vite build --logLevel warn

# The demo world is loaded once for all the journeys (e2e/demo-template.ts): each journey file starts
# its servers on a copy of it instead of loading the world twice. (It was off from session 9 to 10
# while a first page on PostgreSQL sometimes lost its click: that was the web app's login moving to
# the next page late, fixed in web/app/session.tsx, not the copy.)
echo "test.sh: loading the demo world once for the journeys"
node --import tsx e2e/demo-template.ts "$SCRATCH/e2e-demo"
export SANDSTONE_E2E_DEMO="$SCRATCH/e2e-demo"

echo "test.sh: browser journeys (Chromium)"
# One journey file at a time: two at once (each with its own servers) saved minutes, but on a
# two-core machine a click on the search-and-rescue list then timed out on PostgreSQL (session 8).
node --import tsx --test --test-concurrency=1 e2e/*.e2e.ts
