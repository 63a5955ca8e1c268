#!/usr/bin/env bash
# Regenerate the pinned requirements*.txt from requirements*.in with uv's resolver.
#   bash tools/lock-requirements.sh            keep today's pins, add or drop what the .in files changed
#   bash tools/lock-requirements.sh --upgrade  move every package to the newest release the ranges allow
# Then run the tests (python -m pytest -q) in a fresh environment before committing.
# --universal writes one lock for every platform (environment markers, e.g. the CUDA libraries
# only on Linux); the dev lock is constrained by the runtime lock so both pin the same versions.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v uv >/dev/null 2>&1 || { echo "uv not found: pip install -r requirements-dev.txt" >&2; exit 2; }
upgrade=()
[ "${1:-}" = "--upgrade" ] && upgrade=(--upgrade)
common=(--universal --python-version 3.11 --fork-strategy fewest --quiet "${upgrade[@]}")
uv pip compile requirements.in "${common[@]}" -o requirements.txt
uv pip compile requirements-dev.in -c requirements.txt "${common[@]}" -o requirements-dev.txt
