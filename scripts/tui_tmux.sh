#!/usr/bin/env bash
# Drive `aligner view` in a real terminal (tmux, which does no bidi of its own), send keys,
# and capture the screen as plain text, so a person (or the check below) can see that Arabic
# reads right to left with joined letters and Russian left to right.
#
#   scripts/tui_tmux.sh [OUTDIR] [SRC TGT]    # default: the seed pair, captures in ./tui-capture
#   TUI_SIZES="100x30" scripts/tui_tmux.sh    # other terminal sizes (default "80x24 160x48")
#
# Writes OUTDIR/<size>-<step>.txt for 80x24 and 160x48: the opening screen, after `n` (first
# divergent pair), after `s` (sides swapped), after `f`+divergent filter, after `?` (help),
# after `/` + an Arabic search and after `p` (pivots; with --mt off it says MT was off).
# Then runs a check: every Arabic line in the capture must equal the same logical text shaped
# and reversed (what a bidi-less terminal must be sent), and no Russian line may be reversed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-tui-capture}"
SRC="${2:-$(ls "$ROOT"/seeds/004_*.txt)}"
TGT="${3:-$(ls "$ROOT"/seeds/000_*.txt)}"
ALIGNER="${ALIGNER:-$ROOT/.venv/bin/aligner}"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
SESSION="aligner-tui-$$"
mkdir -p "$OUT"
command -v tmux >/dev/null || { echo "tui_tmux: tmux is not installed" >&2; exit 2; }

cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; }
trap cleanup EXIT

capture() {  # $1: file name
  tmux capture-pane -p -t "$SESSION" >"$OUT/$1.txt"
}

wait_for() {  # $1: text that shows the screen is ready; gives up after ~20 s
  for _ in $(seq 1 100); do
    tmux capture-pane -p -t "$SESSION" | grep -qF -- "$1" && return 0
    sleep 0.2
  done
  echo "tui_tmux: timed out waiting for '$1'" >&2
  tmux capture-pane -p -t "$SESSION" >&2
  return 1
}

for size in ${TUI_SIZES:-80x24 160x48}; do
  cols="${size%x*}"; rows="${size#*x}"
  tmux new-session -d -s "$SESSION" -x "$cols" -y "$rows" \
    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 COLUMNS=$cols LINES=$rows '$ALIGNER' view '$SRC' '$TGT' --mt off --export-dir '$OUT'"
  tmux set-option -t "$SESSION" status off >/dev/null
  wait_for "Pair 1/"
  sleep 0.5; capture "$size-1-open"
  tmux send-keys -t "$SESSION" n; wait_for "●"; sleep 0.3; capture "$size-2-next-divergent"
  tmux send-keys -t "$SESSION" s; sleep 0.8; capture "$size-3-swapped"
  tmux send-keys -t "$SESSION" s f; wait_for "Show which pairs"
  tmux send-keys -t "$SESSION" Down Enter; wait_for "showing divergent"; sleep 0.3
  capture "$size-4-divergent-only"
  tmux send-keys -t "$SESSION" '?'; wait_for "Press any key"; sleep 0.2; capture "$size-5-help"
  tmux send-keys -t "$SESSION" Escape; sleep 0.3
  tmux send-keys -t "$SESSION" f Home Enter; sleep 0.6  # back to all pairs
  tmux send-keys -t "$SESSION" /; sleep 0.3
  tmux send-keys -t "$SESSION" -l "موسكو"; tmux send-keys -t "$SESSION" Enter; sleep 0.8
  capture "$size-6-search-arabic"
  tmux send-keys -t "$SESSION" Escape; sleep 0.4  # alone: ESC+key would read as Alt+key
  tmux send-keys -t "$SESSION" p; sleep 0.6; capture "$size-7-pivots"
  tmux send-keys -t "$SESSION" q; sleep 0.8
  cleanup
done

echo "tui_tmux: captures in $OUT/" >&2
"$PY" - "$OUT" "$SRC" "$TGT" <<'EOF'
"""Check the captures: Arabic in visual (reversed, shaped) order, Russian in logical order."""
import sys
from pathlib import Path

import regex

from aligner import bidi
from aligner.segment import load_document

out, src, tgt = sys.argv[1:4]
docs = [load_document(src), load_document(tgt)]
arabic = [s.text for d in docs if d.lang == "ar" for s in d.sentences]
russian = [s.text for d in docs if d.lang == "ru" for s in d.sentences]
ar_words = {w for t in arabic for w in regex.findall(r"\p{Arabic}{3,}", t)}
shaped_words = {bidi.visual(w)[0] for w in ar_words}  # what a correct screen shows for each word
logical_words = {bidi.shape(w)[0] for w in ar_words}  # unreordered (wrong on screen)
ru_words = {w for t in russian for w in regex.findall(r"\p{Cyrillic}{4,}", t)}
good = bad = ru_good = ru_bad = 0
for f in sorted(Path(out).glob("*.txt")):
    screen = f.read_text(encoding="utf-8")
    for w in regex.findall(r"[\p{Arabic}\uFB50-\uFDFF\uFE70-\uFEFF]{3,}", screen):
        if w in shaped_words:
            good += 1
        elif w in logical_words and w not in shaped_words:
            bad += 1
    for w in regex.findall(r"\p{Cyrillic}{4,}", screen):
        if w in ru_words:
            ru_good += 1
        elif w[::-1] in ru_words:
            ru_bad += 1
print(f"tui_tmux: Arabic words in visual order {good}, in logical (wrong) order {bad}; "
      f"Russian words in order {ru_good}, reversed {ru_bad}")
sys.exit(0 if good and not bad and ru_good and not ru_bad else 1)
EOF
