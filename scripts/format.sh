#!/usr/bin/env bash
# Formats (clang-format) and lints (clang-tidy, with --tidy) the sources. Run before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files "*.cpp" "*.h" "*.inc")
clang-format -i $files
if [ "${1:-}" = "--tidy" ]; then
  [ -f build/compile_commands.json ] || scripts/build.sh
  clang-tidy -p build --quiet $(git ls-files '*.cpp') 2>/dev/null
fi
