#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the window: install the packages, build, install
# attention-atlas into ~/.local (scripts/install.sh), start it. Arguments are passed to
# attention-atlas: window options (`scripts/run.sh --lang zh_CN`) or a command
# (`scripts/run.sh variants --json > v.json`). The script's own messages, and those of the
# package install and the build, go to stderr: stdout is attention-atlas's alone.
# A window with no display (no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM) opens inside a
# virtual X server (xvfb-run); a command never needs a display.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >&2
scripts/build.sh >&2
scripts/install.sh
app=build/app/attention-atlas
# As the app decides (app/cli/cli.cpp): a first argument that does not start with '-', or
# --help/-h/--version, is a command; anything else starts the window.
window=1
if [ $# -gt 0 ]; then
  case "$1" in
    --help | -h | --version) window=0 ;;
    -*) window=1 ;;
    *) window=0 ;;
  esac
fi
if [ "$window" = 1 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] &&
  [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run: no display found; starting the window inside a virtual X server (xvfb-run)." >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$app" "$@"
fi
exec "$app" "$@"
