#!/bin/sh
# One command to set up (first time only) and run every benchmark: sh bench/run.sh [--quick] [--only ...]
set -e
extras="[test]"  # pyte, to read the screen the TUI draws
. "$(dirname "$0")/../scripts/venv.sh"
cd "$root"
exec "$venv/bin/python" bench/run.py "$@"
