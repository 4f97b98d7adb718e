#!/bin/bash
# What each candidate would add to sift's dependency tree: crates (name and
# version, normal + build dependencies, this host's target) that sift's
# Cargo.lock does not already have, and which html5ever each one brings.
#
# usage: benches/extractors/dep_cost.sh [SIFT_DIR]   (default: this repo)
# Works offline once the candidates are in ~/.cargo (build this bench first).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sift=$(cd "${1:-$here/../..}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

crates() {
  (cd "$1" && cargo tree --offline -e normal,build --prefix none -f '{p}' 2>/dev/null) |
    sed 's/ (\*)//; s/ (proc-macro)//' | awk '{print $1" "$2}' | sort -u
}

copy_sift() {
  mkdir -p "$1/src"
  cp "$sift/Cargo.toml" "$sift/Cargo.lock" "$1/"
  echo 'fn main() {}' >"$1/src/main.rs"
  touch "$1/src/lib.rs"
}

copy_sift "$work/base"
crates "$work/base" >"$work/base.txt"
echo "sift at $sift: $(wc -l <"$work/base.txt") crates"
echo
echo "| candidate | extra crates | html5ever in the tree | the extra crates |"
echo "|---|---:|---|---|"
while IFS='|' read -r name spec; do
  dir="$work/$name"
  copy_sift "$dir"
  # The candidate goes first in [dependencies].
  sed -i "0,/^\[dependencies\]/s//[dependencies]\n$spec/" "$dir/Cargo.toml"
  crates "$dir" >"$dir.txt"
  extra=$(comm -13 "$work/base.txt" "$dir.txt")
  h5=$(grep -E '^(spider-)?html5ever ' "$dir.txt" | tr '\n' ',' | sed 's/,$//; s/,/, /g')
  echo "| $name | $(echo "$extra" | grep -c .) | $h5 | $(echo "$extra" | tr '\n' ' ' | sed 's/ v/ /g; s/ $//') |"
done <<'LIST'
dom_smoothie 0.19|dom_smoothie = "0.19.0"
rs-trafilatura 0.2|rs-trafilatura = "0.2.2"
trafilatura 0.6|trafilatura = "0.6.0"
readability 0.3 (default features)|readability = "0.3.0"
readability 0.3 (no default features)|readability = { version = "0.3.0", default-features = false }
llm_readability 0.0.17|llm_readability = "0.0.17"
LIST
