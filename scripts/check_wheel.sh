#!/usr/bin/env bash
# CI: build the wheel, install it with its dependencies into a fresh virtualenv (not editable), and
# run the demo and `onramp metrics` from an empty directory: what a `pipx install` user gets.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

.venv/bin/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$work/dist" .
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --no-compile "$work"/dist/onramp-*.whl
mkdir "$work/empty"
cd "$work/empty"
env -u ONRAMP_CONFIG -u ONRAMP_DB "$work/venv/bin/onramp" demo --no-serve
env -u ONRAMP_CONFIG -u ONRAMP_DB "$work/venv/bin/onramp" metrics --project eleutherai --format json \
    | "$work/venv/bin/python" -c 'import json, sys; rows = json.load(sys.stdin); assert rows, "no metrics"; print(f"wheel check: {len(rows)} metrics rows for eleutherai from an installed wheel")'
