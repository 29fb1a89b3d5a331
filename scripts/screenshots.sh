#!/usr/bin/env bash
# Makes the README's screenshots with the app itself, under a virtual X server:
# docs/images/window_en.png and docs/images/window_zh_CN.png.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
mkdir -p docs/images
for lang in en zh_CN; do
  xvfb-run -a -s "-screen 0 1600x1000x24" build/app/attention-atlas --fresh --lang "$lang" \
    --variant multi_head --size 1400x860 --screenshot "docs/images/window_$lang.png"
done
xvfb-run -a -s "-screen 0 1600x1000x24" build/app/attention-atlas --fresh --lang en \
  --variant bigbird --tab sparsity --size 1400x860 --screenshot docs/images/sparsity_en.png
xvfb-run -a -s "-screen 0 1600x1000x24" build/app/attention-atlas --fresh --lang zh_CN \
  --variant scaled_dot --tab gallery --size 1400x860 --screenshot docs/images/gallery_zh_CN.png
