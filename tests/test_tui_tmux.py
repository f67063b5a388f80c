"""The viewer in a real terminal: scripts/tui_tmux.sh drives `aligner view` in tmux (which
does no bidi) on the seed pair and checks the captured screens: Arabic words appear shaped
and in visual (reversed) order, Russian words in reading order. Skips without tmux."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_tmux_capture_shows_arabic_right_to_left(tmp_path, seed_ru, seed_ar):
    env = dict(
        os.environ,
        TUI_SIZES="80x24",
        ALIGNER=str(Path(sys.executable).with_name("aligner")),
        PYTHON=sys.executable,
    )
    out = tmp_path / "capture"
    run = subprocess.run(
        [str(ROOT / "scripts" / "tui_tmux.sh"), str(out), str(seed_ru), str(seed_ar)],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "in logical (wrong) order 0" in run.stdout and "reversed 0" in run.stdout
    opening = (out / "80x24-1-open.txt").read_text(encoding="utf-8")
    assert seed_ru.name in opening and "TRANSLATION" in opening.upper()
    assert "? help" in opening and "q quit" in opening  # footer fits at 80 columns
    divergent = (out / "80x24-2-next-divergent.txt").read_text(encoding="utf-8")
    assert "●" in divergent and "Pair 1/" not in divergent  # n moved to a flagged pair
    help_screen = (out / "80x24-5-help.txt").read_text(encoding="utf-8")
    assert "next / previous divergent pair" in help_screen
