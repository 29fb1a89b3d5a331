#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a passing test suite: install the packages,
# build, install attention-atlas into ~/.local (scripts/install.sh), run ctest. Arguments go to
# ctest (e.g. `scripts/test.sh -R cli`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/install.sh
export QT_QPA_PLATFORM=offscreen
ctest --preset release --output-on-failure "$@"
