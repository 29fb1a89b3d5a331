#!/usr/bin/env bash
# Builds the Debian package of the built tree with CPack: its dependencies are those of the
# shared libraries the executables link (dpkg-shlibdeps). Prints the .deb's path (under
# build/packages/) on stdout, everything else on stderr. Install it with
#   apt-get install ./build/packages/attention-atlas_VERSION_ARCH.deb
# and remove it with `apt-get remove attention-atlas`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >&2
if [ -f build/CMakeCache.txt ]; then
  cmake --build build >&2  # as configured (CI's warnings-as-errors build stays as it is)
else
  scripts/build.sh >&2
fi
rm -rf build/packages
cpack --config build/CPackConfig.cmake -B "$PWD/build/packages" >&2
deb=(build/packages/*.deb)
[ -f "${deb[0]}" ] || {
  echo "package: cpack made no .deb (see above)." >&2
  exit 1
}
echo "${deb[0]}"
