#!/usr/bin/env bash
# Start a throw-away Tiny Tiny RSS (Debian 21~git20210204 snapshot) on 127.0.0.1 for sift's
# sync tests (tests/sync_ttrss.rs): own PostgreSQL cluster + PHP built-in server + a tiny
# local feed server. Everything lives under $TTRSS_BASE (default /tmp/sift-ttrss/run) and is
# wiped on each start. Needs the Debian packages postgresql php-cli php-pgsql php-xml
# php-mbstring php-intl php-curl (.ci/run installs them); tt-rss itself and php-php-gettext
# are downloaded with `apt-get download` and unpacked, not installed.
#
# Usage: start.sh
#        TTRSS_OWNER_PID=<pid>: stop everything (stop.sh --clean) when that process ends.
# Env:   TTRSS_BASE, TTRSS_PORT, TTRSS_PG_PORT, TTRSS_FEED_PORT (default: free ports),
#        TTRSS_PKG (unpacked tt-rss .deb, default /tmp/sift-ttrss/pkg),
#        TTRSS_DEB_CACHE (where .debs are kept/downloaded, default /tmp/sift-ttrss/debs),
#        TTRSS_RUN_AS (user to run services as when started by root; default nobody),
#        TTRSS_PATCH_LOOPBACK=0 to keep tt-rss's "no 127.x / ports 80,443 only" feed URL rule.
# Output: prints the API URL; writes $TTRSS_BASE/ttrss.env (source it in tests).
set -euo pipefail

T0=$(date +%s.%N)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BASE=${TTRSS_BASE:-/tmp/sift-ttrss/run}
PKG=${TTRSS_PKG:-/tmp/sift-ttrss/pkg}
DEBS=${TTRSS_DEB_CACHE:-/tmp/sift-ttrss/debs}
PATCH_LOOPBACK=${TTRSS_PATCH_LOOPBACK:-1}

since() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}'; }
log() { printf '[start %6ss] %s\n' "$(since)" "$*"; }
# A failed start stops what it started (and, for a test, removes its state).
die() {
  echo "start.sh: ERROR: $*" >&2
  if [ -d "$BASE/pids" ]; then
    TTRSS_BASE="$BASE" "$HERE/stop.sh" ${TTRSS_OWNER_PID:+--clean} >/dev/null 2>&1 || true
  fi
  exit 1
}
free_port() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# ---- 0. stop a previous instance (by its pid files) and wipe the state dir
if ls "$BASE"/pids/*.pid >/dev/null 2>&1; then
  log "previous instance found in $BASE: stopping it"
  TTRSS_BASE="$BASE" "$HERE/stop.sh" || true
fi
case "$BASE" in /tmp/?*) ;; *) die "TTRSS_BASE must be under /tmp (got $BASE)";; esac
rm -rf "$BASE"
mkdir -p "$BASE"/{pids,log,pgsock,lock,feed-icons,feedsrv,cache/{images,upload,export,feeds},home}

# ---- user to run as: tt-rss's update.php refuses root, initdb refuses root
if [ "$(id -u)" = 0 ]; then
  RUN_AS=${TTRSS_RUN_AS:-nobody}
  RUN_GROUP=$(id -gn "$RUN_AS")
  AS=(setpriv --reuid="$RUN_AS" --regid="$RUN_GROUP" --clear-groups
      env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$BASE/home" LANG=C.UTF-8)
else
  RUN_AS=$(id -un); AS=(env PATH=/usr/local/bin:/usr/bin:/bin HOME="$BASE/home" LANG=C.UTF-8)
fi

PG_BIN=${PG_BIN:-$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
[ -x "$PG_BIN/initdb" ] || die "no initdb in $PG_BIN"
PY=/usr/bin/python3; [ -x $PY ] || PY=$(command -v python3)
PORT=${TTRSS_PORT:-$(free_port)}
PG_PORT=${TTRSS_PG_PORT:-$(free_port)}
FEED_PORT=${TTRSS_FEED_PORT:-$(free_port)}

# ---- 1. sources: tt-rss package + php-php-gettext (the only missing runtime dep for the API)
mkdir -p "$DEBS"
if [ ! -d "$PKG/usr/share/tt-rss/www" ]; then
  DEB=$(ls /tmp/tt-rss_*_all.deb "$DEBS"/tt-rss_*_all.deb 2>/dev/null | head -1 || true)
  if [ -z "$DEB" ]; then (cd "$DEBS" && apt-get download tt-rss >/dev/null 2>&1) || die "cannot get tt-rss .deb"; DEB=$(ls "$DEBS"/tt-rss_*_all.deb | head -1); fi
  PKG="$BASE/pkg"; mkdir -p "$PKG"; dpkg-deb -x "$DEB" "$PKG"
fi
if [ -f /usr/share/php/php-php-gettext/gettext.inc ]; then
  GETTEXT_DIR=/usr/share/php/php-php-gettext
else
  GDEB=$(ls "$DEBS"/php-php-gettext_*_all.deb 2>/dev/null | head -1 || true)
  if [ -z "$GDEB" ]; then
    log "downloading php-php-gettext with apt-get download"
    (cd "$DEBS" && apt-get download php-php-gettext >/dev/null 2>&1) || die "apt-get download php-php-gettext failed"
    GDEB=$(ls "$DEBS"/php-php-gettext_*_all.deb | head -1)
  fi
  mkdir -p "$BASE/gettext"; dpkg-deb -x "$GDEB" "$BASE/gettext"
  GETTEXT_DIR="$BASE/gettext/usr/share/php/php-php-gettext"
fi
SCHEMA="$PKG/usr/share/tt-rss/schema/ttrss_schema_pgsql.sql"
[ -f "$SCHEMA" ] || die "schema not found: $SCHEMA"

# ---- 2. private web root (the package's www has absolute symlinks into /etc, /var/lib, /usr/share/php)
WWW="$BASE/www"
cp -a "$PKG/usr/share/tt-rss/www" "$WWW"
rm -f "$WWW/config.php" "$WWW/feed-icons" "$WWW/lib/gettext"
ln -s "$GETTEXT_DIR" "$WWW/lib/gettext"
ln -s "$BASE/feed-icons" "$WWW/feed-icons"

if [ "$PATCH_LOOPBACK" = 1 ]; then
  U="$WWW/classes/urlhelper.php"
  # (a) build_url() drops the port -> http://127.0.0.1:PORT/feed.xml would be fetched from port 80
  sed -i 's/^\(\t\t\$tmp = \$parts\[.scheme.\] \. ":\/\/" \. \$parts\[.host.\];\)$/\1\n\t\tif (isset($parts["port"])) $tmp .= ":" . $parts["port"];/' "$U"
  # (b) SSRF guard: feeds on localhost/127.x or ports other than 80/443 are refused
  sed -i -e 's/if (\$extended_filtering) {/if ($extended_filtering \&\& !defined("_ALLOW_LOOPBACK_FEEDS")) {/' \
         -e 's/strpos(\$ip_addr, "127\.") === 0)/(strpos($ip_addr, "127.") === 0 \&\& !defined("_ALLOW_LOOPBACK_FEEDS")))/' \
         -e 's/strpos(\$fetch_effective_ip_addr, "127\.") === 0)/(strpos($fetch_effective_ip_addr, "127.") === 0 \&\& !defined("_ALLOW_LOOPBACK_FEEDS")))/' "$U"
  [ "$(grep -c '_ALLOW_LOOPBACK_FEEDS' "$U")" = 4 ] && grep -q 'parts\["port"\]' "$U" || die "urlhelper.php patch did not apply"
  php -l "$U" >/dev/null || die "patched urlhelper.php has a syntax error"
fi

# config.php: the Debian /etc/tt-rss/config.php with values filled in
sed -e "s#include_once('/etc/tt-rss/database.php');#\$dbtype='pgsql'; \$dbserver='127.0.0.1'; \$dbport='$PG_PORT'; \$dbuser='ttrss'; \$dbname='ttrss'; \$dbpass='ttrss';#" \
    -e "s#'%SELF_URL_PATH'#'http://127.0.0.1:$PORT/'#" \
    -e "s#define('LOCK_DIRECTORY', '/var/lib/tt-rss');#define('LOCK_DIRECTORY', '$BASE/lock');#" \
    -e "s#define('CACHE_DIR', '/var/cache/tt-rss');#define('CACHE_DIR', '$BASE/cache');#" \
    -e "s#define('LOG_DESTINATION', 'syslog');#define('LOG_DESTINATION', '');#" \
    -e "s#define('CHECK_FOR_UPDATES', true);#define('CHECK_FOR_UPDATES', false);#" \
    "$PKG/etc/tt-rss/config.php" > "$WWW/config.php"
[ "$PATCH_LOOPBACK" = 1 ] && sed -i "s#^\(\tdefine('CONFIG_VERSION', 26);\)#\1\n\tdefine('_ALLOW_LOOPBACK_FEEDS', true);#" "$WWW/config.php"
for want in "dbport='$PG_PORT'" "127.0.0.1:$PORT/" "$BASE/lock" "$BASE/cache" "LOG_DESTINATION', ''"; do
  grep -qF "$want" "$WWW/config.php" || die "config.php substitution failed: $want"
done
php -l "$WWW/config.php" >/dev/null || die "config.php syntax error"

# a small RSS feed for tests ($BASE/feedsrv/feed.xml; tests may rewrite it)
cat > "$BASE/feedsrv/feed.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Spike Test Feed</title><link>http://127.0.0.1:$FEED_PORT/</link><description>local test feed</description>
  <item><title>First article</title><link>http://127.0.0.1:$FEED_PORT/a1.html</link><guid isPermaLink="false">spike-a1</guid>
    <pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate><description>Hello &lt;b&gt;one&lt;/b&gt;</description></item>
  <item><title>Second article</title><link>http://127.0.0.1:$FEED_PORT/a2.html</link><guid isPermaLink="false">spike-a2</guid>
    <pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate><description>Hello two</description></item>
</channel></rss>
EOF
[ "$(id -u)" = 0 ] && chown -R "$RUN_AS:$RUN_GROUP" "$BASE"
# tt-rss re-uses its copy of a feed fetched < 30 s ago (cache/feeds/<sha1>.xml): a read-only dir
# disables that, so a test can change feed.xml and update again at once. TTRSS_FEED_CACHE=1 keeps it.
[ "${TTRSS_FEED_CACHE:-0}" = 1 ] || chmod 555 "$BASE/cache/feeds"
cd "$BASE"
log "files ready (pkg=$PKG, run as $RUN_AS)"

# ---- 3. PostgreSQL: own cluster, TCP on 127.0.0.1 only, trust auth (test use only)
"${AS[@]}" "$PG_BIN/initdb" -D "$BASE/pgdata" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$BASE/log/initdb.log" 2>&1 \
  || { cat "$BASE/log/initdb.log"; die "initdb failed"; }
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$BASE/pgdata" -l "$BASE/log/postgres.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $BASE/pgsock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=30" \
  start >/dev/null || { cat "$BASE/log/postgres.log"; die "postgres did not start"; }
head -1 "$BASE/pgdata/postmaster.pid" > "$BASE/pids/postgres.pid"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT")
"${PSQL[@]}" -U postgres -d postgres -c "CREATE ROLE ttrss LOGIN PASSWORD 'ttrss'" -c "CREATE DATABASE ttrss OWNER ttrss ENCODING 'UTF8' TEMPLATE template0"
"${PSQL[@]}" -U ttrss -d ttrss -f "$SCHEMA" >"$BASE/log/schema.log" 2>&1 || { cat "$BASE/log/schema.log"; die "schema load failed"; }
# per-user "Enable API access" preference for admin (uid 1); other prefs are created at first login
"${PSQL[@]}" -U ttrss -d ttrss -c "INSERT INTO ttrss_user_prefs (owner_uid, pref_name, profile, value) VALUES (1, 'ENABLE_API_ACCESS', NULL, 'true')"
log "postgres up on 127.0.0.1:$PG_PORT (pid $(cat "$BASE/pids/postgres.pid")), schema $("${PSQL[@]}" -U ttrss -d ttrss -Atc 'select schema_version from ttrss_version') loaded"

# ---- 4. feed server + tt-rss (setsid makes each its own session; $! is the real server pid)
cd "$BASE/feedsrv"
setsid "${AS[@]}" "$PY" -m http.server "$FEED_PORT" --bind 127.0.0.1 >"$BASE/log/feedsrv.log" 2>&1 < /dev/null &
echo $! > "$BASE/pids/feedsrv.pid"
cd "$BASE"
setsid "${AS[@]}" php -d display_errors=0 -d log_errors=1 -d error_log="$BASE/log/php-errors.log" \
  -S "127.0.0.1:$PORT" -t "$WWW" >"$BASE/log/php-server.log" 2>&1 < /dev/null &
echo $! > "$BASE/pids/php.pid"

API="http://127.0.0.1:$PORT/api/"
UA="ttrss-spike-tests"   # tt-rss binds an API session to the User-Agent: keep it constant per session
for i in $(seq 1 100); do
  r=$(curl -s -A "$UA" -X POST -d '{"op":"login","user":"admin","password":"password"}' "$API" 2>/dev/null || true)
  case "$r" in *'"session_id"'*) break;; esac
  sleep 0.1
done
case "$r" in *'"session_id"'*) ;; *) tail -20 "$BASE/log/php-server.log" "$BASE/log/php-errors.log"; die "API login did not work: $r";; esac
# The feed server (python3) can start after tt-rss answers on a busy machine:
# wait for it as for the API, up to 10 s.
for i in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$FEED_PORT/feed.xml" && break
  sleep 0.1
done
curl -s -o /dev/null "http://127.0.0.1:$FEED_PORT/feed.xml" || { tail -20 "$BASE/log/feedsrv.log"; die "feed server not answering"; }
T_READY=$(since)

cat > "$BASE/ttrss.env" <<EOF
TTRSS_API_URL=$API
TTRSS_URL=http://127.0.0.1:$PORT/
TTRSS_USER=admin
TTRSS_PASSWORD=password
TTRSS_FEED_URL=http://127.0.0.1:$FEED_PORT/feed.xml
TTRSS_FEED_FILE=$BASE/feedsrv/feed.xml
TTRSS_PG_PORT=$PG_PORT
TTRSS_BASE=$BASE
TTRSS_UPDATE_CMD="$HERE/update-feeds.sh"
EOF
log "tt-rss API ready in ${T_READY}s (php pid $(cat "$BASE/pids/php.pid"), feed server pid $(cat "$BASE/pids/feedsrv.pid"))"

mem() {  # PSS in MiB of a pid and its children
  local total=0 p
  for p in "$@" $(for q in "$@"; do pgrep -P "$q" || true; done); do
    [ -r /proc/$p/smaps_rollup ] && total=$((total + $(awk '/^Pss:/{print $2}' /proc/$p/smaps_rollup)))
  done; echo "$((total / 1024))"
}

# A watchdog: when the process that asked for this server ends (a test binary, killed or
# not), everything started here is stopped and the state dir removed.
if [ -n "${TTRSS_OWNER_PID:-}" ]; then
  setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; TTRSS_BASE="$2" "$3/stop.sh" --clean >/dev/null 2>&1' \
    ttrss-watchdog "$TTRSS_OWNER_PID" "$BASE" "$HERE" >/dev/null 2>&1 < /dev/null &
fi
echo "memory (PSS): postgres $(mem "$(cat "$BASE/pids/postgres.pid")") MiB, php -S $(mem "$(cat "$BASE/pids/php.pid")") MiB, feed server $(mem "$(cat "$BASE/pids/feedsrv.pid")") MiB; disk $(du -sh "$BASE" | cut -f1)"
echo "PHP log so far: $(grep -c 'PHP Warning' "$BASE/log/php-errors.log" 2>/dev/null || true) warnings, $(grep -c 'PHP Fatal' "$BASE/log/php-errors.log" 2>/dev/null || true) fatal errors ($BASE/log/php-errors.log)"
echo "TTRSS_API_URL=$API"
echo "(settings in $BASE/ttrss.env; stop with $HERE/stop.sh)"
