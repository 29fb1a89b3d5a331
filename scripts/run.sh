#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the window: install, build, start.
# Arguments are passed to attention-atlas (e.g. `scripts/run.sh variants`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [ $# -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; starting the window inside a virtual X server (xvfb-run)."
  exec xvfb-run -a -s "-screen 0 1600x1000x24" build/app/attention-atlas
fi
exec build/app/attention-atlas "$@"
