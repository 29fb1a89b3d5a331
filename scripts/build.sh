#!/usr/bin/env bash
# Configures and builds the release preset into build/. Extra arguments go to cmake --build.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release "$@"
