#!/usr/bin/env bash
# Sync benchmark (issue 18 point 5): a real Tiny Tiny RSS on 127.0.0.1
# (tests/support/ttrss/start.sh) fills itself with FEEDS x ITEMS generated
# articles (../shared/bench/gen_feeds.py, served by start.sh's feed server,
# fetched by TT-RSS's own update step); then an empty sift syncs them all,
# and an incremental sync carries CHANGES flag changes each way (half read,
# half starred). Prints wall time, sift's request count and peak memory
# (/usr/bin/time -v) of each sync, and how many requests carried the
# changes sent. Everything lives under $BENCH_WORK and is removed at the
# end; every process started is stopped.
#
# Usage: benches/sync_ttrss.sh            (after `cargo build --release`)
# Env:   FEEDS (50), ITEMS (200), CHANGES (100), BENCH_WORK (/tmp/sift-sync-bench),
#        SIFT (target/release/sift), GEN_FEEDS (../shared/bench/gen_feeds.py)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIFT=${SIFT:-$ROOT/target/release/sift}
GEN_FEEDS=${GEN_FEEDS:-$ROOT/../shared/bench/gen_feeds.py}
FEEDS=${FEEDS:-50}
ITEMS=${ITEMS:-200}
CHANGES=${CHANGES:-100}
WORK=${BENCH_WORK:-/tmp/sift-sync-bench}
case "$WORK" in /tmp/?*) ;; *) echo "BENCH_WORK must be under /tmp" >&2; exit 2;; esac
[ -x "$SIFT" ] || { echo "no $SIFT: run cargo build --release" >&2; exit 2; }
[ -f "$GEN_FEEDS" ] || { echo "no gen_feeds.py at $GEN_FEEDS (set GEN_FEEDS)" >&2; exit 2; }

export TTRSS_BASE=$WORK/ttrss
cleanup() {
  "$ROOT/tests/support/ttrss/stop.sh" --clean >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
rm -rf "$WORK"
mkdir -p "$WORK"

echo "== TT-RSS: start, $FEEDS feeds x $ITEMS items"
TTRSS_OWNER_PID=$$ "$ROOT/tests/support/ttrss/start.sh" >"$WORK/start.log" 2>&1 \
  || { cat "$WORK/start.log"; exit 1; }
# shellcheck disable=SC1091
source "$TTRSS_BASE/ttrss.env"
psql_ttrss() {
  PGPASSWORD=ttrss psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$TTRSS_PG_PORT" -U ttrss -d ttrss "$@"
}
python3 "$GEN_FEEDS" "$FEEDS" "$TTRSS_BASE/feedsrv/gen" --items "$ITEMS" >/dev/null
FEED_BASE=${TTRSS_FEED_URL%/feed.xml}
psql_ttrss -c "$(sed "s|.*|INSERT INTO ttrss_feeds (owner_uid, title, feed_url) VALUES (1, 'gen &', '$FEED_BASE/gen/&');|" \
  "$TTRSS_BASE/feedsrv/gen/feeds.txt")"
t0=$(date +%s.%N)
"$TTRSS_UPDATE_CMD" >"$WORK/update.log" 2>&1 || { tail -20 "$WORK/update.log"; exit 1; }
t1=$(date +%s.%N)
echo "TT-RSS update step: $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", b-a}') s;" \
  "server holds $(psql_ttrss -c 'SELECT count(*) FROM ttrss_user_entries') articles in" \
  "$(psql_ttrss -c 'SELECT count(DISTINCT feed_id) FROM ttrss_user_entries') feeds"

SANDBOX=$WORK/sift
mkdir -p "$SANDBOX/config" "$SANDBOX/data"
printf '%s\n' "$TTRSS_PASSWORD" >"$SANDBOX/pw"
# No article pages: the generated links point at example.com.
cat >"$SANDBOX/config/config.toml" <<EOF
[poll]
full_text_fetches = 0
[sync]
backend = "ttrss"
url = "$TTRSS_URL"
user = "$TTRSS_USER"
password_file = "$SANDBOX/pw"
EOF
sift() { "$SIFT" --config-dir "$SANDBOX/config" --data-dir "$SANDBOX/data" "$@"; }
timed_sync() {  # label
  /usr/bin/time -v "$SIFT" --config-dir "$SANDBOX/config" --data-dir "$SANDBOX/data" sync \
    >"$WORK/sync.out" 2>"$WORK/sync.time"
  echo "$1: $(cat "$WORK/sync.out")"
  echo "  wall $(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$WORK/sync.time")," \
    "CPU $(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.1f s", u+s}' "$WORK/sync.time")," \
    "peak RSS $(awk -F': ' '/Maximum resident/{printf "%.0f MB", $2/1024}' "$WORK/sync.time")"
}

echo "== first sync of an empty sift"
timed_sync "first sync"
echo "  sift holds $(sift list --json --limit 100000 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') articles"

echo "== incremental sync: $CHANGES changes each way"
half=$((CHANGES / 2))
# On the server: the oldest articles, half read, half starred.
psql_ttrss -c "UPDATE ttrss_user_entries SET unread = false, last_read = NOW()
  WHERE int_id IN (SELECT int_id FROM ttrss_user_entries WHERE unread ORDER BY int_id LIMIT $half)"
psql_ttrss -c "UPDATE ttrss_user_entries SET marked = true, last_marked = NOW()
  WHERE int_id IN (SELECT int_id FROM ttrss_user_entries WHERE unread AND NOT marked ORDER BY int_id LIMIT $((CHANGES - half)))"
# In sift: the newest articles, half read, half starred.
last=$(sift list --json --limit 100000 | python3 -c 'import json,sys; print(max(a["id"] for a in json.load(sys.stdin)))')
sift mark $(seq $((last - CHANGES + 1)) $((last - half))) --read >/dev/null
sift mark $(seq $((last - half + 1)) "$last") --star >/dev/null
timed_sync "incremental sync"
echo "  server now: $(psql_ttrss -c 'SELECT count(*) FROM ttrss_user_entries WHERE NOT unread') read," \
  "$(psql_ttrss -c 'SELECT count(*) FROM ttrss_user_entries WHERE marked') starred (expected $CHANGES and $CHANGES);" \
  "sift: $(sift list --count --unread) unread, $(sift list --count --starred) starred"
