#!/usr/bin/env bash
# Runs sift's fuzz targets, each for SECONDS, and prints executions and
# crashes per target at the end.
#
#   fuzz/run.sh SECONDS [TARGET...]     (default: every target)
#
# The machine has only a stable toolchain: cargo-fuzz passes nightly-only
# flags (-Z..., --cfg fuzzing with sanitizer-coverage passes), so
# RUSTC_BOOTSTRAP=1 lets the stable compiler accept them. Builds use no
# sanitizer (the code under test is safe Rust plus SQLite; speed matters
# more here) and keep debug assertions on, so integer overflow panics as
# it does in the test suite.
#
# Environment: FUZZ_TARGET_DIR (cargo target dir, default fuzz/target).
# Targets run one after another; to use two cores, run two instances with
# different targets.
set -euo pipefail

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
all_targets=(feed_ingest clean_html clean_text query render extract parse import list_query)
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all_targets[@]}")

export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

fuzz_flags=(--sanitizer none --debug-assertions)
if [[ -n ${FUZZ_TARGET_DIR:-} ]]; then
    fuzz_flags+=(--target-dir "$FUZZ_TARGET_DIR")
fi

# Copies each FILE into DIR with a zero byte in front (options off).
with_flag_byte() {
    local dir=$1 file
    shift
    for file in "$@"; do
        [[ -e $dir/$(basename "$file") ]] || { printf '\0'; cat "$file"; } >"$dir/$(basename "$file")"
    done
}

# Seed corpora: copies of the test fixtures (the corpus grows in place and
# is not committed).
seed() {
    local target=$1 dir=$here/corpus/$1
    mkdir -p "$dir"
    case $target in
    feed_ingest) cp -n "$root"/tests/fixtures/feeds/* "$dir"/ ;;
    clean_html | render)
        cp -n "$root"/tests/fixtures/clean/pages/*.html "$dir"/ 2>/dev/null || true
        cp -n "$root"/tests/fixtures/clean/heldout/*.html "$dir"/ 2>/dev/null || true
        cp -n "$root"/tests/fixtures/feeds/webpage.html "$dir"/
        ;;
    clean_text)
        cp -n "$root"/tests/fixtures/clean/theweek-article.txt "$dir"/
        find "$root"/tests/fixtures/clean -name '*.txt' -exec cp -n {} "$dir"/ \;
        ;;
    query) cp -n "$here"/seeds/query/* "$dir"/ ;;
    extract)
        cp -n "$root"/tests/fixtures/clean/pages/*.html "$dir"/ 2>/dev/null || true
        cp -n "$root"/tests/fixtures/escapes/*.html "$dir"/
        cp -n "$root"/tests/fixtures/clean/theweek-article.txt "$dir"/
        ;;
    parse)
        cp -n "$root"/tests/fixtures/feeds/* "$dir"/
        cp -n "$root"/tests/fixtures/cli/*.xml "$root"/tests/fixtures/cli/*.atom "$dir"/
        ;;
    # These targets read their options from the first byte: seeds get one.
    import) with_flag_byte "$dir" "$root"/tests/fixtures/cli/subscriptions.opml \
        "$root"/tests/fixtures/cli/newsboat-urls ;;
    list_query) with_flag_byte "$dir" "$here"/seeds/query/* ;;
    esac
}

cd "$here"
cargo fuzz build "${fuzz_flags[@]}"

mkdir -p logs
summary=()
for target in "${targets[@]}"; do
    seed "$target"
    mkdir -p "artifacts/$target"
    before=$(find "artifacts/$target" -type f | wc -l)
    log=logs/$target.log
    echo "== $target for ${seconds}s (log: fuzz/$log)"
    start=$(date +%s)
    # -timeout: a run over 10 s is a hang; -rss_limit_mb: over 2 GB is an
    # out-of-memory. A crash stops the target early; the rest still run.
    cargo fuzz run "${fuzz_flags[@]}" "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"$log" 2>&1 || true
    elapsed=$(($(date +%s) - start))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    execs=${execs:-0}
    after=$(find "artifacts/$target" -type f | wc -l)
    crashes=$((after - before))
    rate=$((execs / (elapsed > 0 ? elapsed : 1)))
    summary+=("$(printf '%-12s %6ss %12s execs %8s exec/s %3s crashes' \
        "$target" "$elapsed" "$execs" "$rate" "$crashes")")
done

echo
echo "target        seconds   executions       exec/s   crashes"
printf '%s\n' "${summary[@]}"
