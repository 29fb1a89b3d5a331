#!/usr/bin/env bash
# Configures and builds the release preset into build/. Extra arguments go to cmake --build.
# ATLAS_WERROR=ON in the environment turns warnings into errors (CI does).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release -DATLAS_WERROR="${ATLAS_WERROR:-OFF}" >/dev/null
cmake --build --preset release "$@"
