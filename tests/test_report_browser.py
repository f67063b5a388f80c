"""The HTML report in headless Chromium: loads offline, script runs, console silent, both
scripts rendered, the divergent-only filter works. Skips when Chromium is not installed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from aligner import report

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("check_html", ROOT / "scripts" / "check_html.py")
check_html = importlib.util.module_from_spec(_spec)
sys.modules["check_html"] = check_html  # dataclasses look their module up
_spec.loader.exec_module(check_html)

pytestmark = pytest.mark.skipif(check_html.find_chromium() is None, reason="chromium not installed (apt-get install chromium)")


def test_hostile_report_loads_cleanly_in_chromium(tmp_path):
    from test_report import hostile_comparison

    c = hostile_comparison()
    page = tmp_path / "hostile.html"
    report.write(c, "html", page)
    result = check_html.check(page, tmp_path / "shot.png")
    assert result.ok, result.problems
    assert result.console == []  # an executed <script>/<img onerror> from the article would log or violate CSP
    assert result.rows == len(c.pairs) and result.hidden_rows == 0
    assert Path(result.screenshot).stat().st_size > 20_000
    # the #divergent link opens the filtered view: only the meta pair is hidden
    filtered = check_html.check(page, fragment="divergent")
    assert filtered.ok and filtered.hidden_rows == 1
