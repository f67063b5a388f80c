"""The HTML reports in a real browser: `scripts/check_html.py` (headless Chromium) on the seed
pair's report and on a hostile pair, plus the batch index page. Skips when Chromium is not
installed (Debian package `chromium`; CI installs it)."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aligner import report
from aligner.batch import discover, run_batch
from aligner.compare import CompareOptions, compare_files
from aligner.translate import MTOptions

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "check_html.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
OFF = CompareOptions(mt=MTOptions(mode="off", use_cache=False))


def _load_checker():
    spec = importlib.util.spec_from_file_location("check_html", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_html"] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


check_html = _load_checker()
pytestmark = pytest.mark.skipif(check_html.find_chromium() is None, reason="chromium not installed (apt-get install chromium)")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self.stack:
            self.texts.append((self.stack[-1], data))


def _elements(dom: str) -> list[str]:
    parser = _Tags()
    parser.feed(dom)
    return parser.tags


def _texts_in(dom: str, tag: str) -> list[tuple[str, str]]:
    parser = _Tags()
    parser.feed(dom)
    return [(t, text) for t, text in parser.texts if t == tag]


def _run_script(html: Path, *extra: str) -> tuple[int, dict]:
    proc = subprocess.run([sys.executable, str(SCRIPT), str(html), *extra], capture_output=True, text=True, timeout=180)
    return proc.returncode, json.loads(proc.stdout)


def test_seed_pair_report_loads_silently_with_both_scripts(seed_ru, seed_ar, tmp_path):
    html = tmp_path / "seed.html"
    report.write(compare_files(seed_ru, seed_ar, OFF), "html", html)
    shot = tmp_path / "seed.png"
    rc, result = _run_script(html, "--screenshot", str(shot))
    assert rc == 0, result
    assert result["ready"] and result["console"] == [] and result["has_cyrillic"] and result["has_arabic"]
    assert result["rows"] >= 20 and result["hidden_rows"] == 0
    assert shot.stat().st_size > 10_000  # a real page, not a blank one
    # the "#divergent" link opens the filtered view: some rows hidden, not all
    rc, filtered = _run_script(html, "--fragment", "divergent")
    assert rc == 0, filtered
    assert 0 < filtered["hidden_rows"] < filtered["rows"]


def test_hostile_pair_renders_markup_as_text(tmp_path):
    """`<script>`, `<img onerror>`, `<b>`, `]]>` and `{{ }}` in the articles stay text: the page
    runs only its own script, nothing logs to the console, no element comes from the input."""
    html = tmp_path / "hostile.html"
    comparison = compare_files(FIXTURES / "hostile.ru.txt", FIXTURES / "hostile.ar.txt", OFF)
    report.write(comparison, "html", html)
    rc, result = _run_script(html, "--screenshot", str(tmp_path / "hostile.png"))
    assert rc == 0, result
    assert result["console"] == [] and result["has_cyrillic"] and result["has_arabic"]
    browser = check_html.find_chromium()
    dom = check_html._run(browser, ["--virtual-time-budget=2000", "--dump-dom", html.as_uri()], str(tmp_path / "profile"), 120).stdout
    tags = _elements(dom)
    assert "img" not in tags and tags.count("script") == 1  # only the page's own script
    assert not any("жирный" in text or "غامق" in text for tag, text in _texts_in(dom, "b"))
    assert "&lt;script&gt;alert('ru')&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=alert(1)&gt;" in dom
    assert "{{ 7*7 }}" in dom  # no template evaluated article text


def test_batch_index_page_loads_silently(seed_ru, seed_ar, seed_unrelated, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.ru.txt").write_bytes(seed_ru.read_bytes())
    (d / "a.ar.txt").write_bytes(seed_ar.read_bytes())
    (d / "b.ru.txt").write_bytes(seed_ru.read_bytes())
    (d / "b.ar.txt").write_bytes(seed_unrelated[0].read_bytes())
    (d / "c.ar.txt").write_text("", encoding="utf-8")  # a failing entry
    out = tmp_path / "out"
    run_batch(discover(d), out, OFF, workers=1)
    result = check_html.check(out / "index.html")
    assert result.ready and result.console == [], result


def _doctored_report(seed_ru, seed_ar, tmp_path) -> Path:
    html = tmp_path / "seed.html"
    report.write(compare_files(seed_ru, seed_ar, OFF), "html", html)
    return html


def test_only_divergent_keeps_additions_and_omissions(seed_ru, seed_ar, tmp_path):
    """Issue 13.6: the appended read-more teaser and subscribe trailer (additions in the
    boilerplate section) stay visible under "Only divergent pairs"."""
    html = _doctored_report(seed_ru, seed_ar, tmp_path)
    browser = check_html.find_chromium()
    dom = check_html._run(browser, ["--virtual-time-budget=2000", "--dump-dom", html.as_uri() + "#divergent"], str(tmp_path / "profile"), 120).stdout
    rows = re.findall(r'<tr id="(p\d+)" class="pair([^"]*)" data-section="(\w+)"[^>]*data-kinds="([^"]*)"', dom)
    assert rows
    shown = [(rid, sec, kinds) for rid, cls, sec, kinds in rows if "hidden" not in cls.split()]
    additions = [(rid, sec) for rid, cls, sec, kinds in rows if "addition" in kinds.split() or "omission" in kinds.split()]
    assert additions and all((rid, sec) in [(r, s) for r, s, _ in shown] for rid, sec in additions)
    assert any(sec == "boilerplate" for _, sec, _ in shown)
    assert all(kinds for _, _, kinds in shown)  # and nothing unflagged


@pytest.mark.parametrize("width", [800, 1400])
def test_layout_at_desk_widths(seed_ru, seed_ar, tmp_path, width):
    """Issue 13.14, measured in the browser: the # column wraps no label ("boilerpl/ate"),
    reasons sit in a full-width row under the pair (not in the narrow score column, so rows
    are no taller than their text), unflagged rows repeat no figures. The screenshot is kept
    for a person to look at."""
    html = _doctored_report(seed_ru, seed_ar, tmp_path)
    shot = tmp_path / f"seed-{width}.png"
    result = check_html.check(html, shot, width=width)
    assert result.ok, result.problems
    lay = result.layout
    assert lay["width"] == width
    assert lay["wrapped_labels"] == [] and lay["reasons_in_score_column"] == 0
    assert lay["score_taller_than_text"] == [] and lay["figures_on_unflagged_rows"] == []
    assert lay["reason_rows"] >= 3
    assert shot.stat().st_size > 10_000
