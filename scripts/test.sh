#!/bin/sh
# One command to set up (first time only) and run every test: sh scripts/test.sh [PYTEST ARGS...]
set -e
extras="[test]"
. "$(dirname "$0")/venv.sh"
cd "$root"
exec "$venv/bin/python" -m pytest "$@"
