#!/usr/bin/env bash
# Installs the built tree (build/) into a prefix: the executables, the desktop entry, the icons,
# the AppStream metainfo and the man pages, as `cmake --install` lays them out. The prefix is
# ATLAS_PREFIX, by default ~/.local (no root needed; Debian's ~/.profile puts ~/.local/bin on
# PATH when it exists). `scripts/install.sh --uninstall` removes what the last install wrote.
# Messages go to stderr, so that scripts/run.sh COMMAND prints the command's output alone.
set -euo pipefail
cd "$(dirname "$0")/.."
home="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
prefix="${ATLAS_PREFIX:-$home/.local}"
manifest=build/install_manifest.txt
if [ "${1:-}" = "--uninstall" ]; then
  if [ ! -f "$manifest" ]; then
    echo "install: nothing to remove ($manifest is missing: nothing was installed from build/)." >&2
    exit 1
  fi
  while IFS= read -r file; do rm -f -- "$file"; done <"$manifest"
  echo "install: removed the $(wc -l <"$manifest") files listed in $manifest." >&2
  rm -f -- "$manifest"
  exit 0
fi
cmake --install build --prefix "$prefix" >/dev/null
case ":$PATH:" in
  *":$prefix/bin:"*) echo "install: attention-atlas is installed in $prefix/bin." >&2 ;;
  *) echo "install: attention-atlas is installed in $prefix/bin, which is not on PATH:" \
    "export PATH=\"$prefix/bin:\$PATH\" (or log in again)." >&2 ;;
esac
