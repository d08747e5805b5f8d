#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster (Debian's postgresql package), so the storage tests run on a
# real server as well as on PGlite: `scripts/with-postgres.sh npm test`. The cluster listens on a Unix socket in a
# fresh temp folder only (no TCP port that could collide with another cluster on the machine), trusts local
# connections, and is stopped and deleted when the command ends. PostgreSQL refuses to run as root, so as root the
# cluster runs as the `postgres` user the package creates. The command gets PIA_TEST_DATABASE_URL.
set -euo pipefail
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "with-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
RUN_AS=()
DIR="$(mktemp -d /tmp/pia-pg.XXXXXX)"
if [ "$(id -u)" = 0 ]; then
  RUN_AS=(runuser -u postgres --)
  chown postgres "$DIR"
fi
stop() {
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT
"${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -o "-c listen_addresses='' -k $DIR -c fsync=off -c max_connections=200" start >/dev/null
"$BIN/psql" -h "$DIR" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -c 'CREATE DATABASE pia_test'
export PIA_TEST_DATABASE_URL="postgresql://postgres@localhost/pia_test?host=$DIR"
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on $DIR (PIA_TEST_DATABASE_URL)"
"$@"
