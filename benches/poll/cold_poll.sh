#!/bin/bash
# One cold poll of a generated corpus, as BENCHMARKS.md's poll figures
# were taken outside the harness (callgrind counts, per-thread CPU, peak
# memory of one build against another).
#
#   python3 ../shared/bench/gen_feeds.py 100 /tmp/corpus --items 40 --seed 1
#   benches/poll/cold_poll.sh target/release/sift /tmp/corpus [WRAPPER...]
#
# Serves the corpus on 127.0.0.1 with 50 ms latency, imports its feeds
# into a fresh cache, then runs `sift poll --jobs 16 --per-host 16` under
# WRAPPER (for example `valgrind --tool=callgrind`, or
# `python3 benches/poll/thread_cpu.py --`), timed by /usr/bin/time.
set -euo pipefail
BIN=$(realpath "$1"); CORPUS=$2; shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
SERVE=${SERVE_FEEDS:-$HERE/../../../shared/bench/serve_feeds.py}
W=$(mktemp -d "${TMPDIR:-/tmp}/sift-cold-poll-XXXX")
python3 "$SERVE" "$CORPUS" --port-file "$W/port" --latency-ms 50 --max-seconds 3600 >"$W/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$W"' EXIT
for _ in $(seq 100); do [ -s "$W/port" ] && break; sleep 0.05; done
sed "s#^#http://127.0.0.1:$(cat "$W/port")/#" "$CORPUS/feeds.txt" >"$W/urls"
mkdir -p "$W/d"
# Slow wrappers (valgrind) must not time feeds out.
printf '[poll]\ntimeout = 3600\n' >"$W/d/config.toml"
"$BIN" --config-dir "$W/d" --data-dir "$W/d" import "$W/urls" >/dev/null
/usr/bin/time -f "wall %e user %U sys %S maxrss_kb %M" "$@" \
    "$BIN" --config-dir "$W/d" --data-dir "$W/d" poll --jobs 16 --per-host 16 >/dev/null
