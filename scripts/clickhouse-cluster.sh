#!/usr/bin/env bash
# A local two-shard ClickHouse cluster on loopback, for tests and trials of the ClickHouse engine
# (issue 18). Uses Debian's clickhouse-server (18.16 on bookworm); needs node for port probing and
# HTTP checks (the project already needs it).
#
#   scripts/clickhouse-cluster.sh start    start both shards; the LAST line printed is the engine URL
#                                          clickhouse://orderlens:PASS@127.0.0.1:HTTPPORT/orderlens?cluster=orderlens
#   scripts/clickhouse-cluster.sh stop     stop both shards (idempotent)
#   scripts/clickhouse-cluster.sh status   say what runs (exit 0 if both shards run, 3 otherwise)
#
# Environment:
#   ORDERLENS_CLICKHOUSE_DIR        state directory (default ${TMPDIR:-/tmp}/orderlens-clickhouse);
#                                   holds per shard s1/ s2/ (config, data, tmp, logs, pid) and the
#                                   password file (mode 600)
#   ORDERLENS_CLICKHOUSE_BASE_PORT  use six consecutive ports from this one (HTTP, native TCP and
#                                   interserver HTTP of shard 1, then of shard 2) instead of probing
#   ORDERLENS_CLICKHOUSE_SERVER     the server binary (default: clickhouse-server on PATH or /usr/sbin)
#
# `start` on a running cluster only prints its URL again; a new start writes a new password.
# The URL's port is shard 1's HTTP port; a Distributed(orderlens, orderlens, table, key) table
# created on either shard reaches both. Each shard's own HTTP port is in the state dir
# (s1/http_port, s2/http_port) and printed by `status`, so tests can inspect each shard's local
# tables. DDL must be sent to each shard: `ON CLUSTER` needs ZooKeeper on 18.16 (see below).
#
# No replica: replicated tables (and ON CLUSTER DDL) on 18.16 need a ZooKeeper ensemble (no clickhouse-keeper then), a
# Java service that is neither cheap nor simple on a shared 2-core machine. A "replica" made by a
# Distributed table writing to two plain MergeTree copies (internal_replication=false) would double
# the processes and is not consistent on failure, so it is left out.
#
# Memory: 18.16 has no server-wide max_server_memory_usage (added in 20.x); the limits are per user
# profile instead: max_memory_usage per query and max_memory_usage_for_all_queries, plus small caches.
set -euo pipefail

readonly CLUSTER=orderlens DATABASE=orderlens USER_NAME=orderlens
STATE_DIR=${ORDERLENS_CLICKHOUSE_DIR:-${TMPDIR:-/tmp}/orderlens-clickhouse}
readonly SHARDS=(s1 s2)
readonly PASSWORD_FILE=password
readonly QUERY_MEMORY=$((2 * 1024 * 1024 * 1024))       # per query
readonly ALL_QUERIES_MEMORY=$((3 * 1024 * 1024 * 1024)) # per server, all queries together
readonly CACHE_BYTES=$((128 * 1024 * 1024))             # mark cache and uncompressed cache

die() { echo "clickhouse-cluster: $*" >&2; exit 1; }
say() { echo "clickhouse-cluster: $*" >&2; }

server_binary() {
  local candidate
  for candidate in "${ORDERLENS_CLICKHOUSE_SERVER:-}" "$(command -v clickhouse-server 2>/dev/null || true)" /usr/sbin/clickhouse-server; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  die "clickhouse-server is not installed. Install it with:
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clickhouse-server clickhouse-client
(or set ORDERLENS_CLICKHOUSE_SERVER to the server binary)."
}

command -v node >/dev/null || die 'node is needed (to probe free ports and to check the servers over HTTP).'

# --- ports ---------------------------------------------------------------------------------------

# Six free loopback ports, all held open until all are chosen so they differ.
probe_ports() {
  node -e '
    const net = require("node:net");
    const held = [];
    const next = () => new Promise((ok, fail) => {
      const s = net.createServer();
      s.once("error", fail);
      s.listen(0, "127.0.0.1", () => { held.push(s); ok(s.address().port); });
    });
    (async () => {
      const ports = [];
      for (let i = 0; i < 6; i++) ports.push(await next());
      held.forEach((s) => s.close());
      console.log(ports.join(" "));
    })().catch((e) => { console.error(e.message); process.exit(1); });
  '
}

check_base_port() {
  local base=${ORDERLENS_CLICKHOUSE_BASE_PORT:-}
  if [ -n "$base" ] && { ! [[ $base =~ ^[0-9]+$ ]] || [ "$base" -lt 1024 ] || [ "$base" -gt 65529 ]; }; then
    die "ORDERLENS_CLICKHOUSE_BASE_PORT must be a port number from 1024 to 65529, not '$base'."
  fi
}

choose_ports() {
  local base=${ORDERLENS_CLICKHOUSE_BASE_PORT:-}
  if [ -n "$base" ]; then
    echo "$base $((base + 1)) $((base + 2)) $((base + 3)) $((base + 4)) $((base + 5))"
  else
    probe_ports
  fi
}

# --- HTTP ----------------------------------------------------------------------------------------

# The node snippets below are single-quoted on purpose: ${…} in them is JavaScript, not shell.
# shellcheck disable=SC2016

# http_ping PORT → exit 0 if the server answers /ping with "Ok." (no credentials needed).
http_ping() {
  node -e '
    fetch(`http://127.0.0.1:${process.argv[1]}/ping`, { signal: AbortSignal.timeout(2000) })
      .then(async (r) => process.exit(r.ok && (await r.text()).startsWith("Ok") ? 0 : 1))
      .catch(() => process.exit(1));
  ' "$1"
}

# http_query PORT SQL → result on stdout; on an error the server's message on stderr, exit 1.
# The password is read from the state dir, never passed on a command line.
# shellcheck disable=SC2016
http_query() {
  ORDERLENS_CH_PASSWORD_FILE="$STATE_DIR/$PASSWORD_FILE" node -e '
    const fs = require("node:fs");
    const [port, user, sql] = process.argv.slice(1);
    const password = fs.readFileSync(process.env.ORDERLENS_CH_PASSWORD_FILE, "utf8").trim();
    const auth = Buffer.from(`${user}:${password}`).toString("base64");
    fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: { Authorization: `Basic ${auth}` },
      body: sql,
      signal: AbortSignal.timeout(10000),
    })
      .then(async (r) => {
        const text = await r.text();
        if (r.ok) { process.stdout.write(text); return; }
        process.stderr.write(`HTTP ${r.status}: ${text}`);
        process.exit(1);
      })
      .catch((e) => { process.stderr.write(String(e.message)); process.exit(1); });
  ' "$1" "$USER_NAME" "$2"
}

# --- processes -----------------------------------------------------------------------------------

pid_of() { # shard → pid of its server if it runs (checked against its config path), else nothing
  local pid_file="$STATE_DIR/$1/server.pid" pid
  [ -f "$pid_file" ] || return 0
  pid=$(tr -dc '0-9' <"$pid_file")
  [ -n "$pid" ] || return 0
  # A pid file can outlive its process and the pid be reused: require our config on its command line.
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$STATE_DIR/$1/config.xml"; then
    echo "$pid"
  fi
}

# A zombie (a container's init that does not reap) has an empty command line: it counts as gone.
is_alive() { [ -r "/proc/$1/cmdline" ] && [ -n "$(tr -d '\0' <"/proc/$1/cmdline" 2>/dev/null)" ]; }

port_of() { cat "$STATE_DIR/$1/$2_port" 2>/dev/null || true; }

# --- configuration -------------------------------------------------------------------------------

new_password() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# write_config SHARD HTTP TCP INTERSERVER TCP_OF_S1 TCP_OF_S2 PASSWORD
write_config() {
  local shard=$1 http=$2 tcp=$3 interserver=$4 tcp1=$5 tcp2=$6 password=$7
  local dir="$STATE_DIR/$shard"
  mkdir -p "$dir/data" "$dir/tmp" "$dir/log" "$dir/user_files" "$dir/format_schemas"
  (
    umask 077
    cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<!-- Generated by scripts/clickhouse-cluster.sh for shard $shard; rewritten at every start. -->
<yandex>
    <logger>
        <level>information</level>
        <log>$dir/log/clickhouse-server.log</log>
        <errorlog>$dir/log/clickhouse-server.err.log</errorlog>
        <size>50M</size>
        <count>2</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>$http</http_port>
    <tcp_port>$tcp</tcp_port>
    <interserver_http_port>$interserver</interserver_http_port>
    <interserver_http_host>127.0.0.1</interserver_http_host>
    <max_connections>256</max_connections>
    <keep_alive_timeout>3</keep_alive_timeout>
    <max_concurrent_queries>32</max_concurrent_queries>
    <uncompressed_cache_size>$CACHE_BYTES</uncompressed_cache_size>
    <mark_cache_size>$CACHE_BYTES</mark_cache_size>
    <path>$dir/data/</path>
    <tmp_path>$dir/tmp/</tmp_path>
    <user_files_path>$dir/user_files/</user_files_path>
    <format_schema_path>$dir/format_schemas/</format_schema_path>
    <users_config>$dir/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <umask>077</umask>
    <mlock_executable>false</mlock_executable>
    <remote_servers>
        <$CLUSTER>
            <shard>
                <internal_replication>false</internal_replication>
                <replica>
                    <host>127.0.0.1</host>
                    <port>$tcp1</port>
                    <user>$USER_NAME</user>
                    <password>$password</password>
                </replica>
            </shard>
            <shard>
                <internal_replication>false</internal_replication>
                <replica>
                    <host>127.0.0.1</host>
                    <port>$tcp2</port>
                    <user>$USER_NAME</user>
                    <password>$password</password>
                </replica>
            </shard>
        </$CLUSTER>
    </remote_servers>
    <max_session_timeout>3600</max_session_timeout>
    <default_session_timeout>60</default_session_timeout>
</yandex>
XML
    local sha
    sha=$(printf '%s' "$password" | sha256sum | cut -d' ' -f1)
    cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<!-- Generated by scripts/clickhouse-cluster.sh; one password-protected user, loopback only. -->
<yandex>
    <profiles>
        <default>
            <max_memory_usage>$QUERY_MEMORY</max_memory_usage>
            <max_memory_usage_for_all_queries>$ALL_QUERIES_MEMORY</max_memory_usage_for_all_queries>
            <use_uncompressed_cache>0</use_uncompressed_cache>
            <load_balancing>in_order</load_balancing>
            <max_threads>2</max_threads>
            <!-- An idle native connection (the other shard's pool) notices a stop after this many
                 seconds (default 10), so stopping takes about 1 s instead of 10. -->
            <poll_interval>1</poll_interval>
        </default>
    </profiles>
    <users>
        <$USER_NAME>
            <password_sha256_hex>$sha</password_sha256_hex>
            <networks>
                <ip>127.0.0.1</ip>
                <ip>::1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
        </$USER_NAME>
    </users>
    <quotas>
        <default>
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
            </interval>
        </default>
    </quotas>
</yandex>
XML
  )
  echo "$http" >"$dir/http_port"
  echo "$tcp" >"$dir/tcp_port"
  echo "$interserver" >"$dir/interserver_port"
}

engine_url() {
  echo "clickhouse://$USER_NAME:$(cat "$STATE_DIR/$PASSWORD_FILE")@127.0.0.1:$(port_of s1 http)/$DATABASE?cluster=$CLUSTER&shards=127.0.0.1:$(port_of s1 http),127.0.0.1:$(port_of s2 http)"
}

# --- commands ------------------------------------------------------------------------------------

running_count() {
  local shard n=0
  for shard in "${SHARDS[@]}"; do [ -n "$(pid_of "$shard")" ] && n=$((n + 1)); done
  echo "$n"
}

wait_ready() { # shard → 0 once /ping answers, 1 if the process died or 60 s passed
  local shard=$1 port deadline=$((SECONDS + 60))
  port=$(port_of "$shard" http)
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ -n "$(pid_of "$shard")" ] || return 1
    http_ping "$port" && return 0
    sleep 0.2
  done
  return 1
}

log_tail() { tail -n 15 "$STATE_DIR/$1/log/clickhouse-server.err.log" "$STATE_DIR/$1/log/stdout.log" 2>/dev/null | sed 's/^/  /' >&2 || true; }

cmd_start() {
  local binary running
  binary=$(server_binary)
  check_base_port
  mkdir -p "$STATE_DIR"
  STATE_DIR=$(cd "$STATE_DIR" && pwd -P)
  running=$(running_count)
  if [ "$running" -eq "${#SHARDS[@]}" ]; then
    say "already running in $STATE_DIR"
    engine_url
    return 0
  fi
  [ "$running" -eq 0 ] || { say 'one shard runs without the other; stopping it first'; cmd_stop; }

  local password ports
  password=$(new_password)
  (umask 077 && printf '%s\n' "$password" >"$STATE_DIR/$PASSWORD_FILE")
  chmod 600 "$STATE_DIR/$PASSWORD_FILE"
  read -r -a ports <<<"$(choose_ports)"
  [ "${#ports[@]}" -eq 6 ] || die 'could not find six free loopback ports.'
  write_config s1 "${ports[0]}" "${ports[1]}" "${ports[2]}" "${ports[1]}" "${ports[4]}" "$password"
  write_config s2 "${ports[3]}" "${ports[4]}" "${ports[5]}" "${ports[1]}" "${ports[4]}" "$password"

  local shard dir
  for shard in "${SHARDS[@]}"; do
    dir="$STATE_DIR/$shard"
    rm -f "$dir/server.pid"
    # --daemon: the server detaches (own session, outlives this script) and writes its pid file.
    # What it prints before detaching (e.g. a config error) goes to log/stdout.log.
    "$binary" --config-file="$dir/config.xml" --pid-file="$dir/server.pid" --daemon \
      </dev/null >"$dir/log/stdout.log" 2>&1 \
      || { say "shard $shard failed to launch:"; log_tail "$shard"; cmd_stop; die "could not start shard $shard."; }
  done
  for shard in "${SHARDS[@]}"; do
    dir="$STATE_DIR/$shard"
    local waited=0
    while [ ! -s "$dir/server.pid" ] && [ "$waited" -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
    if ! wait_ready "$shard"; then
      say "shard $shard did not start; its log says:"
      log_tail "$shard"
      cmd_stop
      die "could not start shard $shard (state in $STATE_DIR)."
    fi
  done
  for shard in "${SHARDS[@]}"; do
    http_query "$(port_of "$shard" http)" "CREATE DATABASE IF NOT EXISTS $DATABASE" >/dev/null \
      || { cmd_stop; die "could not create database $DATABASE on shard $shard."; }
  done
  say "started 2 shards in $STATE_DIR (HTTP ports $(port_of s1 http) and $(port_of s2 http))"
  engine_url
}

cmd_stop() {
  [ -d "$STATE_DIR" ] || { say 'not running (no state directory)'; return 0; }
  STATE_DIR=$(cd "$STATE_DIR" && pwd -P)
  local shard pid pids=()
  for shard in "${SHARDS[@]}"; do
    pid=$(pid_of "$shard")
    if [ -n "$pid" ]; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  local deadline=$((SECONDS + 20)) alive
  while :; do
    alive=()
    for pid in "${pids[@]}"; do is_alive "$pid" && alive+=("$pid"); done
    [ "${#alive[@]}" -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "shard processes ${alive[*]} ignored SIGTERM; killing them"
      kill -KILL "${alive[@]}" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  for shard in "${SHARDS[@]}"; do rm -f "$STATE_DIR/$shard/server.pid"; done
  if [ "${#pids[@]}" -eq 0 ]; then say 'not running'; else say "stopped ${#pids[@]} shard(s) in $STATE_DIR"; fi
}

cmd_status() {
  [ -d "$STATE_DIR" ] || { echo "not running (no state directory $STATE_DIR)"; return 3; }
  STATE_DIR=$(cd "$STATE_DIR" && pwd -P)
  local shard pid n=0
  for shard in "${SHARDS[@]}"; do
    pid=$(pid_of "$shard")
    if [ -n "$pid" ]; then
      n=$((n + 1))
      echo "$shard: running, pid $pid, http 127.0.0.1:$(port_of "$shard" http), tcp 127.0.0.1:$(port_of "$shard" tcp)"
    else
      echo "$shard: not running"
    fi
  done
  echo "state directory: $STATE_DIR"
  [ "$n" -eq "${#SHARDS[@]}" ] || return 3
  engine_url
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) die "usage: $0 start|stop|status" ;;
esac
