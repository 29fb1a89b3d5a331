#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a passing test suite: install, build, ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
export QT_QPA_PLATFORM=offscreen
ctest --preset release --output-on-failure "$@"
