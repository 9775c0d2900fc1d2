# Sourced, not run, by test.sh and bench.sh: the one copy of how a throwaway PostgreSQL 15 cluster
# is installed, started and removed. The callers differ only in the server settings they pass (the
# tests' cluster skips fsync, the bench's must not), so those are the callers' to choose.

PG_BIN=/usr/lib/postgresql/15/bin
# Empty until a cluster exists, so a stop trapped before the start has nothing to remove (and an
# inherited PGTMP is never taken for ours).
PGTMP=

# debian_install WHO PACKAGE…
debian_install() {
  local who=$1 sudo
  shift
  echo "$who: installing $* from Debian…"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

as_pg() {
  # initdb refuses to run as root: run the cluster as the postgres user when we are root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# throwaway_pg_start [-c NAME=VALUE]…: a cluster of its own in a new directory under /tmp (a disk,
# whatever tmpfs the caller uses for the rest), listening on 127.0.0.1 at a free port; sets PGTMP
# and PGPORT. Exits the calling script, after showing the log, when the cluster does not start.
throwaway_pg_start() {
  PGTMP=$(mktemp -d /tmp/sandstone-pg.XXXXXX)
  PGPORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  if [ "$(id -u)" = 0 ]; then chown postgres "$PGTMP"; fi
  as_pg "$PG_BIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 \
    || { cat "$PGTMP/initdb.log"; exit 1; }
  as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
    -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 $*" start >/dev/null \
    || { cat "$PGTMP/server.log"; exit 1; }
}

throwaway_pg_stop() {
  [ -n "$PGTMP" ] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
