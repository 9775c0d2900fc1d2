#!/usr/bin/env bash
# `npm run bench`: every benchmark, on SQLite and on PostgreSQL. The cluster named by
# SANDSTONE_TEST_PG_URL or DATABASE_URL when either is set; otherwise a throwaway PostgreSQL 15
# cluster for the duration of the run, installed from Debian when missing, as test.sh does.
# Arguments, when given, are the command to run in place of the whole bench, so that one bench can
# be tried on the same cluster:
#   BENCH_DATABASE=postgres BENCH_POST_MESSAGES=100 scripts/bench.sh node --import tsx bench/post.ts
set -euo pipefail
cd "$(dirname "$0")/.."

# tsx itself, not through npx: npx's shell does not pass a TERM on, which left the bench running.
if [ $# -eq 0 ]; then set -- node_modules/.bin/tsx bench/run.ts; fi
source scripts/throwaway-pg.sh

bench=
SCRATCH=
stop() {
  # A bench still running would go on against a cluster that is gone: its whole process group,
  # since the benches start servers and importers of their own.
  if [ -n "$bench" ]; then kill -TERM -- "-$bench" 2>/dev/null || true; fi
  throwaway_pg_stop
  if [ -n "$SCRATCH" ]; then rm -rf "$SCRATCH"; fi
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# The URL itself is not shown: it may hold a password.
if [ -n "${SANDSTONE_TEST_PG_URL:-}" ]; then
  echo "bench.sh: PostgreSQL at SANDSTONE_TEST_PG_URL (no cluster started)" >&2
elif [ -n "${DATABASE_URL:-}" ]; then
  echo "bench.sh: PostgreSQL at DATABASE_URL (no cluster started)" >&2
else
  [ -x "$PG_BIN/initdb" ] || debian_install bench.sh postgresql
  # Unlike the tests' cluster, fsync stays on: the bench measures commit rates, and a commit that
  # is not flushed measures nothing. Its data directory is on /tmp, a disk, for the same reason.
  throwaway_pg_start -c max_connections=400
  export SANDSTONE_TEST_PG_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
  echo "bench.sh: PostgreSQL 15 on port $PGPORT, data in $PGTMP (throwaway, fsync on)" >&2
fi

# The benches' own files (databases, generated import files of tens of MB) go to a directory
# removed at the end: a bench killed midway leaves its own behind. Still under TMPDIR (or
# /tmp): the same filesystem as without this. Made once the cluster runs, whose initdb (as the
# postgres user when we are root) must not inherit a TMPDIR it cannot enter.
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/sandstone-bench-run.XXXXXX")
export TMPDIR="$SCRATCH"

# In the background, waited for: a trapped signal interrupts wait at once, whereas bash would run
# the trap only after a command in the foreground ended, leaving the cluster up until then. In a
# session of its own (setsid does not fork here, so its pid is the group's) for stop() to end.
setsid "$@" &
bench=$!
status=0
wait "$bench" || status=$?
bench=
exit "$status"
