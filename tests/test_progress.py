"""Progress of `aligner compare` on stderr: shown on a terminal, per stage, never in pipes."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import seed

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def _on_a_terminal(argv: list[str]) -> tuple[int, str]:
    """Run `argv` with stderr on a pseudo-terminal; (exit code, what the terminal got)."""
    master, slave = os.openpty()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave,
                            env=dict(os.environ, COLUMNS="100", TERM="xterm"))
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(), out.decode("utf-8", "replace")


DRIVER = """
import time
from aligner.cli.compare import stage_progress
with stage_progress(True, delay=0.0) as progress:
    time.sleep(0.2)  # the display starts (rich loads) while the first stage runs
    progress("segment", 0, 2); progress("segment", 1, 2); progress("segment", 2, 2)
    progress("align", 0, 1); time.sleep(0.3)
    progress("score", 0, 1); time.sleep(0.3)
    progress("done", 1, 1)
"""


def test_each_stage_gets_a_line_on_a_terminal():
    code, screen = _on_a_terminal([sys.executable, "-c", DRIVER])
    assert code == 0
    for stage in ("segment", "align", "score"):
        assert stage in screen
    assert "2/2" in screen  # segment counts documents
    assert "✓" in screen  # finished stages are ticked


def test_compare_on_a_terminal_still_writes_the_report(tmp_path: Path):
    out = tmp_path / "r.json"
    argv = [sys.executable, "-m", "aligner", "compare", str(seed("004")), str(seed("000")), "--mt", "off", "-o", str(out)]
    code, screen = _on_a_terminal(argv)
    assert code == 0 and out.stat().st_size > 0
    assert f"wrote json report to {out}" in screen
    code, screen = _on_a_terminal([*argv, "--no-progress"])
    assert code == 0 and screen.strip() == f"aligner: wrote json report to {out}"


def test_no_progress_when_stderr_is_a_pipe(tmp_path: Path):
    out = tmp_path / "r.json"
    proc = subprocess.run([sys.executable, "-m", "aligner", "compare", str(seed("004")), str(seed("000")),
                           "--mt", "off", "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stderr == f"aligner: wrote json report to {out}\n"
