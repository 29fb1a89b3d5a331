#!/usr/bin/env bash
# Runs the command-line examples of README.md and docs/*.md verbatim, as a user would after the
# README's set-up commands (attention-atlas installed in ATLAS_PREFIX, by default ~/.local):
#   scripts/readme-examples.sh [FILE.md ...]
# What counts as an example (docs/examples.md says it for writers):
#   - every ```sh block: run as one bash script (stopping at the first failure), the blocks of a
#     file in order, in one fresh directory, so that a block can use what an earlier one wrote;
#   - every `attention-atlas ... --option ...` in the text outside blocks (a command name alone,
#     `attention-atlas bench`, is a name, not an example).
# The directory holds a copy of docs/examples/ (the input files examples name, as
# docs/examples/q.npy) and an empty docs/images/, so that paths written from the repository's
# root work. A command after a line `# not checked: REASON` in a block (the whole block when
# that is its first line), or an inline example followed by "(not checked: REASON)", is not run,
# and the reason is printed.
# An example that opens the window (attention-atlas with options but no command, other than
# --screenshot and --self-test, which quit by themselves) runs for 10 s on the offscreen
# platform: it passes if it is still open then and wrote nothing on stderr.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
home="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
prefix="${ATLAS_PREFIX:-$home/.local}"
if [ ! -x "$prefix/bin/attention-atlas" ]; then
  echo "readme-examples: $prefix/bin/attention-atlas is missing: run scripts/run.sh or" \
    "scripts/test.sh first (or set ATLAS_PREFIX)." >&2
  exit 2
fi
export PATH="$prefix/bin:$PATH"
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$root/README.md" "$root"/docs/*.md)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The window's examples keep their settings here, not in the user's ~/.config.
export XDG_CONFIG_HOME="$work/config"
passed=0 failed=0 skipped=0

# The window's examples, run through this function (it shadows the executable in the scripts).
prelude='
trap "kill \$(jobs -p) 2>/dev/null || true" EXIT  # a server an example started in the background
attention-atlas() {
  local first="${1:-}"
  case "$first" in
    "" | -*)
      case " $* " in
        *" --help "* | *" --version "* | *" --screenshot "* | *" --self-test "*) ;;
        *)
          local err code=0; err="$(mktemp)"
          QT_QPA_PLATFORM=offscreen timeout 10 "$(type -P attention-atlas)" "$@" 2>"$err" || code=$?
          if [ "$code" != 124 ] || [ -s "$err" ]; then
            echo "the window did not stay open quietly (exit $code):" >&2; cat "$err" >&2
            rm -f "$err"; return 1
          fi
          rm -f "$err"; return 0 ;;
      esac ;;
  esac
  command attention-atlas "$@"
}
'

# run NAME SCRIPT: runs one example script in the file's directory; counts and reports it.
run() {
  local name="$1" script="$2" log="$work/log"
  local start=$SECONDS
  if (cd "$dir" && timeout 600 bash -e -o pipefail -c "$prelude$script" </dev/null >"$log" 2>&1); then
    passed=$((passed + 1))
    echo "ok      $name ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    echo "FAILED  $name ($((SECONDS - start)) s):"
    printf '%s\n' "$script" | sed 's/^/    | /'
    tail -n 20 "$log" | sed 's/^/    > /'
  fi
}

skip() {
  skipped=$((skipped + 1))
  echo "skipped $1: $2"
}

for file in "${files[@]}"; do
  rel="${file#"$root"/}"
  dir="$work/$(basename "$file" .md)"
  mkdir -p "$dir/docs/images"
  [ -d "$root/docs/examples" ] && cp -r "$root/docs/examples" "$dir/docs/"
  in_block=0 block="" start=0 reason="" skipping=0 skipped_cmd="" whole=0 lineno=0
  while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    if [ $in_block = 0 ]; then
      if [ "$line" = '```sh' ]; then
        in_block=1 block="" start=$lineno reason="" skipping=0 whole=0
        continue
      fi
      # Inline examples outside blocks.
      rest="$line"
      while [[ "$rest" =~ \`(attention-atlas [^\`]*--[^\`]*)\`(.*)$ ]]; do
        cmd="${BASH_REMATCH[1]}" rest="${BASH_REMATCH[2]}"
        if [[ "$rest" =~ ^\ \(not\ checked:\ ([^\)]*)\) ]]; then
          skip "$rel:$lineno \`$cmd\`" "${BASH_REMATCH[1]}"
        else
          run "$rel:$lineno \`$cmd\`" "$cmd"
        fi
      done
      continue
    fi
    if [ "$line" = '```' ]; then
      in_block=0 skipping=0 skipped_cmd=""
      # A block of comments alone (its commands all skipped) is not run.
      if grep -qv '^[[:space:]]*\(#.*\)\?$' <<<"$block"; then
        run "$rel:$start (sh block)" "$block"
      fi
      continue
    fi
    if [[ "$line" =~ ^#\ not\ checked:\ (.*)$ ]]; then
      reason="${BASH_REMATCH[1]}" skipping=1
      if [ -z "$block" ] && [ "$whole" = 0 ] && [ "$lineno" = $((start + 1)) ]; then
        whole=1  # the block's first line: the whole block
        skip "$rel:$start (sh block)" "$reason"
      fi
      continue
    fi
    [ "$whole" = 1 ] && continue
    if [ $skipping = 1 ]; then  # the command after the marker, with its continuation lines
      [ -z "$skipped_cmd" ] && skipped_cmd="${line%\\}"
      if [[ "$line" != *\\ ]]; then
        skip "$rel:$lineno \`${skipped_cmd% }\`" "$reason"
        skipping=0 skipped_cmd=""
      fi
      continue
    fi
    block+="$line"$'\n'
  done <"$file"
done
echo "readme-examples: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
