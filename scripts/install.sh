#!/usr/bin/env bash
# Installs the built tree (build/) into a prefix: the executables, the desktop entry, the icons,
# the AppStream metainfo and the man pages, as `cmake --install` lays them out. The prefix is
# ATLAS_PREFIX, by default ~/.local (no root needed; Debian's ~/.profile puts ~/.local/bin on
# PATH when it exists). `scripts/install.sh --uninstall` removes what it installed there, listed
# in PREFIX/share/attention-atlas/installed-files.txt.
# Messages go to stderr, so that scripts/run.sh COMMAND prints the command's output alone.
set -euo pipefail
cd "$(dirname "$0")/.."
home="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
prefix="${ATLAS_PREFIX:-$home/.local}"
list="$prefix/share/attention-atlas/installed-files.txt"
if [ "${1:-}" = "--uninstall" ]; then
  if [ ! -f "$list" ]; then
    echo "install: nothing to remove: $list is missing." >&2
    exit 1
  fi
  count=0
  while IFS= read -r file || [ -n "$file" ]; do  # the list ends without a newline
    rm -f -- "$file"
    count=$((count + 1))
  done <"$list"
  rm -f -- "$list"
  rmdir -- "$prefix/share/attention-atlas" 2>/dev/null || true
  echo "install: removed the $count files attention-atlas had installed in $prefix." >&2
  exit 0
fi
cmake --install build --prefix "$prefix" >/dev/null
# cmake's own list (build/install_manifest.txt) is rewritten by every install, a test's too.
mkdir -p "$(dirname "$list")"
cp build/install_manifest.txt "$list"
case ":$PATH:" in
  *":$prefix/bin:"*) echo "install: attention-atlas is installed in $prefix/bin." >&2 ;;
  *) echo "install: attention-atlas is installed in $prefix/bin, which is not on PATH:" \
    "export PATH=\"$prefix/bin:\$PATH\" (or log in again)." >&2 ;;
esac
