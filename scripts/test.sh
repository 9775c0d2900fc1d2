#!/usr/bin/env bash
# Runs every suite: type check, unit + integration on SQLite and PostgreSQL, browser journeys in
# Chromium. Installs Debian's chromium, postgresql and poppler-utils (a journey reads the text of
# each page of a printed PDF) when missing, and runs a throwaway
# PostgreSQL cluster on a free port for the duration of the run.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/throwaway-pg.sh
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x "$PG_BIN/initdb" ] || need+=(postgresql)
[ -x /usr/bin/pdftotext ] || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then debian_install test.sh "${need[@]}"; fi

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
cleanup() {
  throwaway_pg_stop
  rm -rf "$SCRATCH"
}
trap cleanup EXIT
# fsync=off: as with the scratch space above, no test needs a commit to survive a power cut.
throwaway_pg_start -c fsync=off -c max_connections=300
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
