#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on loopback only.
# Usage: scripts/postgres.sh start|stop|status|env
#   start   installs the Debian package `postgresql` when initdb/pg_ctl are missing (as root, through apt-get), creates a
#           cluster in $LEM_PG_DIR (default ${TMPDIR:-/tmp}/lem-postgres-<port>), starts it on 127.0.0.1:<port>, creates
#           the role `lem` (password `lem`, CREATEDB) and its database `lem_test`, waits until it accepts connections and
#           prints the connection string on stdout (progress goes to stderr). Already running: reuses it.
#   stop    shuts the server down and removes the cluster folder.
#   status  exit 0 when the server runs and accepts connections, 1 otherwise.
#   env     prints `export LEM_TEST_POSTGRES_CS='...'` for eval; exit 1 when the server is not running.
# Settings: LEM_PG_PORT (default 55432), LEM_PG_DIR (cluster folder).
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user the package creates.
set -euo pipefail

port="${LEM_PG_PORT:-55432}"
if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1024 ] || [ "$port" -gt 65535 ]; then
  echo "postgres: LEM_PG_PORT must be a port number from 1024 to 65535; it is '$port'." >&2
  exit 2
fi
dir="${LEM_PG_DIR:-${TMPDIR:-/tmp}/lem-postgres-$port}"
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
dir="${dir%/}"
data="$dir/data"
role=lem
password=lem
database=lem_test
conn="Host=127.0.0.1;Port=$port;Database=$database;Username=$role;Password=$password"

say() { echo "postgres: $*" >&2; }

# The versioned bin folder of the newest installed server (/usr/lib/postgresql/<major>/bin), else what is on PATH.
find_bin() {
  local best="" major
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] || continue
    major="$(basename "$(dirname "$candidate")")"
    if [ -z "$best" ] || [ "${major%%.*}" -gt "$(basename "$(dirname "$best")" | cut -d. -f1)" ]; then best="$candidate"; fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"; return 0
  fi
  return 1
}

install_server() {
  if [ "$(id -u)" != 0 ]; then
    say "initdb/pg_ctl not found; install them with: sudo apt-get install -y postgresql"
    exit 1
  fi
  say "installing the Debian package postgresql"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the package's own service (the cluster "main" on port 5432) from starting during the install: a throwaway
  # policy-rc.d, only when none exists.
  local policy=/usr/sbin/policy-rc.d made_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=1
  fi
  local rc=0
  { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends postgresql >/dev/null; } || rc=$?
  [ "$made_policy" = 1 ] && rm -f "$policy"
  if [ "$rc" != 0 ]; then
    say "apt-get install postgresql failed (exit $rc)"
    exit 1
  fi
}

# Runs a command as the cluster's owner: the current user, or `postgres` when root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    # From / : the owner may not be allowed into the caller's working folder.
    (cd / && runuser -u "$owner" -- "$@")
  else
    "$@"
  fi
}

# Deletes the cluster folder, but only one this script made (the marker file, or nothing but what start creates).
remove_dir() {
  [ -e "$dir" ] || return 0
  local extra
  extra="$(ls -A "$dir" 2>/dev/null | grep -vxE 'data|initdb\.log|server\.log|superuser\.pw|\.lem-postgres' || true)"
  if [ -f "$dir/.lem-postgres" ] || { [ -z "$extra" ] && { [ ! -e "$dir/data" ] || [ -f "$dir/data/PG_VERSION" ]; }; }; then
    rm -rf "$dir"
  else
    say "$dir was not made by scripts/postgres.sh (no .lem-postgres marker); not deleting it, choose another LEM_PG_DIR"
    exit 1
  fi
}

# As root, the server runs as `postgres`; created as a system user when the package did not.
ensure_owner() {
  if [ "$(id -u)" = 0 ] && ! getent passwd "$owner" >/dev/null; then
    say "creating the system user $owner"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$owner"
  fi
}

running() {
  [ -n "${bin:-}" ] && [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

accepts() {
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d "$database" -U "$role" -t 1 >/dev/null 2>&1
}

port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

start() {
  if ! bin="$(find_bin)"; then
    install_server
    bin="$(find_bin)" || { say "the postgresql package is installed but initdb/pg_ctl were not found"; exit 1; }
  fi
  if running; then
    if accepts; then
      say "reusing the server in $dir"
      echo "$conn"
      return 0
    fi
    say "the server in $dir runs but does not accept connections; restarting it"
    as_owner "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  fi
  ensure_owner
  if port_taken; then
    say "port $port on 127.0.0.1 is taken by another program; choose another one with LEM_PG_PORT"
    exit 1
  fi

  remove_dir
  mkdir -p "$dir"
  chmod 700 "$dir"
  : >"$dir/.lem-postgres"
  if [ "$(id -u)" = 0 ]; then
    chown "$owner" "$dir"
    if ! runuser -u "$owner" -- test -w "$dir"; then
      say "the user $owner cannot write to $dir; point LEM_PG_DIR (or TMPDIR) to a folder it can reach"
      exit 1
    fi
  fi
  local pwfile="$dir/superuser.pw"
  as_owner sh -c "umask 077; echo postgres >'$pwfile'"
  # A throwaway cluster: no fsync, UTF-8, C locale; the superuser `postgres` only through the socket in $dir.
  as_owner "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C --no-sync \
    --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
    || { say "initdb failed:"; cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$pwfile"
  cat >>"$data/postgresql.conf" <<EOF

# scripts/postgres.sh: a throwaway test server on loopback only
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
shared_buffers = 32MB
EOF
  if ! as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1 9>&-; then
    say "the server did not start (port $port taken? choose another one with LEM_PG_PORT):"; cat "$dir/server.log" >&2; exit 1
  fi
  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres >/dev/null <<EOF
CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE $database OWNER $role;
EOF
  local i
  for i in $(seq 1 60); do
    if accepts; then
      say "started PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port (cluster in $dir)"
      echo "$conn"
      return 0
    fi
    sleep 0.5
  done
  say "the server started but does not accept connections for $role on $database:"; cat "$dir/server.log" >&2
  exit 1
}

stop() {
  bin="$(find_bin)" || bin=""
  if running; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || as_owner "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    say "stopped the server on 127.0.0.1:$port"
  fi
  remove_dir
}

cmd="${1:-}"
case "$cmd" in
  start|stop|status|env) ;;
  *) echo "usage: scripts/postgres.sh start|stop|status|env" >&2; exit 2 ;;
esac

if [ "$(id -u)" = 0 ]; then owner=postgres; else owner="$(id -un)"; fi

# One start or stop at a time per port, the resource clusters in different folders would share (the server itself does
# not inherit the lock: 9>&- above).
if [ "$cmd" = start ] || [ "$cmd" = stop ]; then
  if { exec 9>>"${TMPDIR:-/tmp}/.lem-postgres-$port.lock"; } 2>/dev/null && command -v flock >/dev/null 2>&1; then
    flock -w 300 9
  fi
fi

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status)
    bin="$(find_bin)" || exit 1
    running && accepts ;;
  env)
    bin="$(find_bin)" || { say "PostgreSQL is not installed; run scripts/postgres.sh start"; exit 1; }
    if running && accepts; then
      echo "export LEM_TEST_POSTGRES_CS='$conn'"
    else
      say "no server on 127.0.0.1:$port; run scripts/postgres.sh start"
      exit 1
    fi ;;
esac
