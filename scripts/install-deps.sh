#!/usr/bin/env bash
# Installs the Debian 12 packages Attention Atlas needs to build, test and run, if missing.
# Safe to run again: it installs only what is not there yet. Extra arguments are more packages
# (scripts/check-format.sh asks for clang-format this way). The last line's packages make and
# check the .deb (scripts/package.sh: dpkg-shlibdeps, file) and the installed files (the desktop
# entry, the AppStream metainfo, the man pages); `time` is the README's /usr/bin/time -v.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
  libqcustomplot-dev libeigen3-dev libtbb-dev
  qt6-translations-l10n
  xvfb xauth fonts-wqy-microhei
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc openssl
  python3-grpcio python3-protobuf python3-torch
  dpkg-dev file desktop-file-utils appstream groff-base time
  "$@"
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages are installed."
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    SUDO="sudo"
  else
    echo "install-deps: missing packages (${missing[*]}) and no root or sudo to install them." >&2
    exit 1
  fi
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
