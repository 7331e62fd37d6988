#!/bin/sh
# One command to set up (first time only) and run jigsaw: sh scripts/run.sh [ARGS...]
set -e
extras="[semantic]"
. "$(dirname "$0")/venv.sh"
exec "$venv/bin/jigsaw" "$@"
