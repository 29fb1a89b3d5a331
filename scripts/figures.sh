#!/usr/bin/env bash
# Makes the figure gallery of docs/figures.md with the app itself: every view that has a figure,
# exported at a journal's single column (English), a double column (Chinese) and a 16:9 slide
# (English), into docs/images/figures/. The PNGs are written at a screen's resolution to keep
# the repository small; an author asks for --dpi 300 or a PDF.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/app/attention-atlas ] || { scripts/install-deps.sh && scripts/build.sh; }
app=build/app/attention-atlas
out=docs/images/figures
mkdir -p "$out"
sentence="sentence:the cat sat on the mat because it was warm"
figure() {  # VIEW VARIANT PRESET LANG [options...]
  local view=$1 variant=$2 preset=$3 lang=$4
  shift 4
  "$app" export --view "$view" --variant "$variant" --preset "$preset" --lang "$lang" \
    --dpi 110 "$@" --out "$out/$view-$preset-$lang.png" >/dev/null
}
for spec in "column en" "double zh_CN" "slide en"; do
  set -- $spec
  preset=$1 lang=$2
  figure heatmap scaled_dot "$preset" "$lang" --input "$sentence" --set causal=true
  figure output scaled_dot "$preset" "$lang" --input "$sentence"
  figure sparsity bigbird "$preset" "$lang" --n 48
  figure walkthrough scaled_dot "$preset" "$lang" --input "sentence:the cat sat on the mat" \
    --d 4 --step 7
  figure teaching flash "$preset" "$lang" --n 48 --set tile_q=8 --set tile_k=8 --step 10
  figure lowrank linformer "$preset" "$lang" --input clustered --n 48
  if [ "$preset" = column ]; then  # eight curves and their legend do not fit 3.5 in
    figure complexity scaled_dot "$preset" "$lang" --variants scaled_dot,local_window,linear,performer
  else
    figure complexity scaled_dot "$preset" "$lang"
  fi
  if [ "$preset" = column ]; then
    figure gallery scaled_dot "$preset" "$lang" --n 32 \
      --variants scaled_dot,local_window,bigbird,lsh,linformer,performer
  else
    figure gallery scaled_dot "$preset" "$lang" --n 32
  fi
done
echo "wrote $(ls "$out" | wc -l) figures into $out"
