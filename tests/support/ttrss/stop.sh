#!/usr/bin/env bash
# Stop what start.sh started, by the pids it recorded in $TTRSS_BASE/pids. Never kills by name.
# Usage: stop.sh [--clean]   (--clean also deletes $TTRSS_BASE)
set -uo pipefail
BASE=${TTRSS_BASE:-/tmp/sift-ttrss/run}
[ -d "$BASE/pids" ] || { echo "stop.sh: nothing recorded in $BASE/pids"; exit 0; }

alive_as() {  # pid is alive, not a zombie, and its command line contains $2
  local pid=$1 want=$2
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$want"
}
stop_pid() {  # name pidfile expected-cmdline-fragment
  local name=$1 f=$2 want=$3 pid i
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if alive_as "$pid" "$want"; then
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 1 50); do alive_as "$pid" "$want" || break; sleep 0.1; done
    if alive_as "$pid" "$want"; then kill -KILL "$pid" 2>/dev/null; echo "stop.sh: $name ($pid) needed SIGKILL"; fi
    echo "stopped $name (pid $pid)"
  else
    echo "$name (pid $pid) not running"
  fi
  rm -f "$f"
}

stop_pid "tt-rss php -S" "$BASE/pids/php.pid"     "-S 127.0.0.1:"
stop_pid "feed server"   "$BASE/pids/feedsrv.pid" "http.server"
# postgres: SIGINT to the postmaster = "fast" shutdown (what pg_ctl -m fast does); it ends its own children
if [ -f "$BASE/pids/postgres.pid" ]; then
  pid=$(cat "$BASE/pids/postgres.pid")
  if alive_as "$pid" "$BASE/pgdata"; then
    kill -INT "$pid"
    for i in $(seq 1 100); do alive_as "$pid" "$BASE/pgdata" || break; sleep 0.1; done
    alive_as "$pid" "$BASE/pgdata" && { kill -QUIT "$pid"; echo "stop.sh: postgres needed SIGQUIT"; }
    echo "stopped postgres (pid $pid)"
  else
    echo "postgres (pid $pid) not running"
  fi
  rm -f "$BASE/pids/postgres.pid"
fi
if [ "${1:-}" = "--clean" ]; then
  case "$BASE" in /tmp/?*) rm -rf "$BASE"; echo "removed $BASE";; esac
fi
