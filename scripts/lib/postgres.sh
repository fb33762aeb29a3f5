# shellcheck shell=bash
# A project-local PostgreSQL cluster: find or install the server, create a cluster in a folder,
# start it on 127.0.0.1 at a free port, stop it. Sourced by scripts/run, scripts/test, scripts/bench.
# Why not the machine's own cluster: the project must run on a fresh machine without touching
# anything outside its folder (design.md §7).

# Finds the directory holding initdb and pg_ctl; installs Debian's postgresql when missing and root.
pg_find_bin() {
  local d
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    PG_BIN=$(dirname "$(readlink -f "$(command -v initdb)")")
    return 0
  fi
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then PG_BIN=$d; return 0; fi
  done
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL is not installed: installing Debian's postgresql (once)…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    for d in /usr/lib/postgresql/*/bin; do
      if [ -x "$d/initdb" ]; then PG_BIN=$d; return 0; fi
    done
  fi
  echo "PostgreSQL (initdb, pg_ctl) was not found. Install it, e.g. 'sudo apt-get install postgresql', and run again." >&2
  return 1
}

# PostgreSQL refuses to run as root, so root runs the cluster as the 'postgres' system user.
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    # From /, since the caller's folder may be closed to the postgres user (a private temporary clone); paths are absolute.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# A TCP port on 127.0.0.1 that nothing listens on, starting from $1.
pg_free_port() {
  local port=${1:-54320}
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# pg_start DIR [PORT]: creates the cluster in DIR/pg when missing and starts it.
# Sets PG_PORT, PG_PASSWORD and PG_CONNECTION (an Npgsql connection string without a database).
# Extra server settings may come in PG_EXTRA_OPTS (e.g. "-c fsync=off" for throw-away clusters).
pg_start() {
  local dir=$1 wanted_port=${2:-}
  pg_find_bin || return 1
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && { id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres; chown postgres "$dir"; }
  if [ ! -f "$dir/password" ]; then
    head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$dir/password"
    chmod 600 "$dir/password"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/password"
  fi
  PG_PASSWORD=$(cat "$dir/password")
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    rm -rf "$dir/pg"
    pg_as_owner "$PG_BIN/initdb" -D "$dir/pg" -U vc --pwfile="$dir/password" -E UTF8 --locale=C.UTF-8 \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  # A cluster left running by an earlier run is reused. A pid file left by a killed cluster is
  # ignored: postgres itself replaces it when its process is gone.
  if pg_running "$dir"; then
    PG_PORT=$(cat "$dir/port")
    pg_wait_ready "$PG_PORT" || { echo "PostgreSQL in $dir/pg runs but does not answer; try scripts/run --stop." >&2; return 1; }
  else
    pg_wait_gone "$dir"
    PG_PORT=${wanted_port:-$(pg_free_port 54320)}
    echo "$PG_PORT" > "$dir/port"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/pg" -l "$dir/postgres.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories='$dir/pg' ${PG_EXTRA_OPTS:-}" >/dev/null \
      || { tail -n 20 "$dir/postgres.log" >&2; return 1; }
  fi
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=vc;Password=$PG_PASSWORD"
}

# True when the cluster's postmaster lives (a killed one may linger as a zombie for a moment).
pg_running() {
  local pid state
  pid=$(head -n 1 "$1/pg/postmaster.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)
  [ -n "$state" ] && [ "$state" != Z ]
}

# A postmaster killed a moment ago can linger as a zombie, and postgres refuses to start while its
# pid file names a process that exists: wait (up to 10 s) until it is gone.
pg_wait_gone() {
  local pid i
  pid=$(head -n 1 "$1/pg/postmaster.pid" 2>/dev/null) || return 0
  for i in $(seq 1 40); do
    [ -n "$pid" ] && [ -e "/proc/$pid" ] || return 0
    sleep 0.25
  done
}

# Waits up to 30 s for the server on 127.0.0.1:PORT to accept connections.
pg_wait_ready() {
  local i
  for i in $(seq 1 60); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$1" && return 0
    sleep 0.5
  done
  return 1
}

# pg_create_database NAME: creates the database when it does not exist yet.
pg_create_database() {
  local name=$1
  if ! PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U vc -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U vc -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}

# pg_stop DIR: stops the cluster in DIR/pg if it runs.
pg_stop() {
  local dir=$1
  pg_find_bin || return 1
  if [ -f "$dir/pg/PG_VERSION" ] && pg_running "$dir"; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null
  fi
}
