#!/usr/bin/env bash
# Runs the crash-safety test with more kills than CI does (default 200):
#   tests/kill_trials.sh [TRIALS]
set -euo pipefail
cd "$(dirname "$0")/.."
SIFT_KILL_TRIALS="${1:-200}" cargo test --release --test crash_safety -- --nocapture
