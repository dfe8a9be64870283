# Sourced by scripts/bench-client-credentials and scripts/bench-sign-in: the database the benchmarked server uses.
# The sourcing script defines say and die.
#
#   BENCH_DATABASES   comma-separated, in order: h2 (the embedded default) and/or postgresql      default h2
#                     Each is measured by a run of its own, one after the other in this command, every figure
#                     with its own in-run ceilings; each RESULT line says database=h2 or database=postgresql.
#   BENCH_DB_URL      for postgresql: this database (jdbc:postgresql://…, with BENCH_DB_USER and BENCH_DB_PASSWORD)
#                     instead of a throwaway cluster. Its tables are Latchkey's: use an empty database.
# Without BENCH_DB_URL, postgresql is a throwaway cluster of Debian's PostgreSQL (/usr/lib/postgresql/*/bin):
# initdb under target/bench-postgres (as root, owned by the postgres user, which initdb requires), pg_ctl start on
# a free loopback port with PostgreSQL's default durability (fsync and synchronous_commit on), deleted at the end.

bench_pg_dir=""   # the throwaway cluster's directory, while it runs

# Runs the sourcing script ($1, arguments after it) once per database of BENCH_DATABASES and exits with the first
# failure's status (or 0), unless this is already such a run (BENCH_DATABASE set) or benchmarks a running server
# (LATCHKEY_URL): then it returns and the script measures.
bench_for_each_database() {
  local script=$1
  shift
  [ -z "${BENCH_DATABASE:-}" ] && [ -z "${LATCHKEY_URL:-}" ] || return 0
  local databases="${BENCH_DATABASES:-h2}" database status=0 run_status
  IFS=',' read -r -a database_list <<<"$databases"
  for database in "${database_list[@]}"; do
    case "$database" in
      h2|postgresql) ;;
      *) die "BENCH_DATABASES=$databases: each must be h2 or postgresql" ;;
    esac
  done
  for database in "${database_list[@]}"; do
    say "=== database $database ==="
    # Each RESULT line of the run says which database it measured.
    set +e
    BENCH_DATABASE="$database" "$script" "$@" | sed -u "s/^RESULT /RESULT database=$database /"
    run_status=${PIPESTATUS[0]}
    set -e
    [ "$run_status" = 0 ] || { say "the $database run failed (status $run_status)"; [ "$status" != 0 ] || status=$run_status; }
  done
  exit "$status"
}

# For BENCH_DATABASE=postgresql: exports LATCHKEY_DB_URL/USER/PASSWORD of BENCH_DB_URL or of a new throwaway
# cluster (bench_stop_database stops it); for h2 nothing (scripts/run's embedded H2 in the data directory).
bench_start_database() {
  [ "${BENCH_DATABASE:-h2}" = postgresql ] || return 0
  if [ -n "${BENCH_DB_URL:-}" ]; then
    export LATCHKEY_DB_URL="$BENCH_DB_URL" LATCHKEY_DB_USER="${BENCH_DB_USER:-}" \
      LATCHKEY_DB_PASSWORD="${BENCH_DB_PASSWORD:-}"
    say "PostgreSQL: $BENCH_DB_URL"
    return 0
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] \
    || die "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql, or set BENCH_DB_URL"
  local base="$root/target/bench-postgres"
  mkdir -p "$base"
  bench_pg_dir=$(mktemp -d "$base/cluster-XXXXXX")
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$bench_pg_dir"
    as=(runuser -u postgres --)
  fi
  local port
  port=$(bench_free_port)
  "${as[@]}" "$bin/initdb" -D "$bench_pg_dir/data" -U latchkey --auth=trust --encoding=UTF8 --locale=C \
    > "$bench_pg_dir/initdb.log" 2>&1 || { cat "$bench_pg_dir/initdb.log" >&2; die "initdb failed"; }
  "${as[@]}" "$bin/pg_ctl" start -w -t 60 -D "$bench_pg_dir/data" -l "$bench_pg_dir/server.log" \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$bench_pg_dir -c max_connections=50" \
    > /dev/null || { cat "$bench_pg_dir/server.log" >&2; die "PostgreSQL did not start"; }
  BENCH_PG_CTL=("${as[@]}" "$bin/pg_ctl")
  "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U latchkey latchkey || die "createdb failed"
  export LATCHKEY_DB_URL="jdbc:postgresql://127.0.0.1:$port/latchkey" LATCHKEY_DB_USER=latchkey LATCHKEY_DB_PASSWORD=""
  say "PostgreSQL $("$bin/postgres" --version | awk '{ print $3 }') started on port $port ($bench_pg_dir)"
}

# Stops and deletes the throwaway cluster, if this run started one.
bench_stop_database() {
  [ -n "$bench_pg_dir" ] || return 0
  local dir=$bench_pg_dir
  bench_pg_dir=""
  "${BENCH_PG_CTL[@]}" stop -m fast -w -t 60 -D "$dir/data" > /dev/null 2>&1 || say "pg_ctl stop failed ($dir)"
  rm -rf "$dir"
}

# A free loopback TCP port (asks the kernel for one).
bench_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $(( 20000 + RANDOM % 20000 ))
}
