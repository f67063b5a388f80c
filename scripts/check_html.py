#!/usr/bin/env python3
"""Check an aligner HTML report in headless Chromium (Debian package `chromium`).

    python scripts/check_html.py REPORT.html [--screenshot shot.png] [--fragment divergent] [--width 800]

Loads the page from disk with networking disabled, and checks that: the page's script ran
to the end (it sets <html data-ready="1">), the console stayed silent (no errors, no CSP
violations, no log lines at all), both scripts (Cyrillic and Arabic) are in the rendered DOM,
and the screenshot was taken. `--width` sets the window width (default 1400); with it the
result also carries `layout`: measured in the page at that width (the # column never breaks a
word, flag reasons sit in their own full-width row, unflagged rows show no figures).
Prints one JSON object; exits 0 when all checks pass, 1 when one
fails, 77 when Chromium is not installed (so CI can tell "skipped" from "failed").
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)
_CONSOLE = re.compile(r":CONSOLE[^\]]*\]\s*(.*)")


@dataclass
class HtmlCheck:
    ok: bool = False
    ready: bool = False
    console: list[str] = field(default_factory=list)
    has_cyrillic: bool = False
    has_arabic: bool = False
    hidden_rows: int = 0
    rows: int = 0
    screenshot: str | None = None
    layout: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(browser: str, args: list[str], profile: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "LC_ALL": os.environ.get("LC_ALL", "C.UTF-8")},
    )


# Measures the rendered page (run in a copy of the report, after the page's own script) and
# leaves the figures as JSON in <html data-layout>, which --dump-dom then carries out.
_MEASURE = """<script>
(function () {
  function lines(node) { var r = document.createRange(); r.selectNodeContents(node); return r.getClientRects().length; }
  var broken = [];
  document.querySelectorAll("td.num small").forEach(function (s) {
    s.childNodes.forEach(function (n) { if (n.nodeType === 3 && n.textContent.trim() && lines(n) > 1) broken.push(n.textContent.trim()); });
  });
  var tall = [];
  document.querySelectorAll("tr.pair").forEach(function (tr) {
    var score = tr.querySelector("td.score"), texts = tr.querySelectorAll("td.text"), h = 0;
    texts.forEach(function (t) { h = Math.max(h, t.scrollHeight); });
    if (score && score.scrollHeight > h + 4) tall.push(tr.id);
  });
  var noisy = [];
  document.querySelectorAll("tr.pair").forEach(function (tr) {
    if (!tr.dataset.kinds && parseFloat(tr.dataset.div) < 0.01 && tr.querySelector("td.score").textContent.trim()) noisy.push(tr.id);
  });
  document.documentElement.dataset.layout = JSON.stringify({
    width: window.innerWidth, wrapped_labels: broken, score_taller_than_text: tall, figures_on_unflagged_rows: noisy,
    reasons_in_score_column: document.querySelectorAll("td.score li").length,
    reason_rows: document.querySelectorAll("tr.why").length
  });
})();
</script>"""


def layout(html: Path, width: int = 1400, browser: str | None = None, timeout: float = 60) -> dict:
    """The page's layout figures at `width` pixels (see _MEASURE)."""
    import html as _html

    browser = browser or find_chromium()
    if not browser:
        return {}
    page = Path(html).read_text(encoding="utf-8").replace("</body>", _MEASURE + "\n</body>")
    with tempfile.TemporaryDirectory(prefix="aligner-chromium-") as profile:
        copy = Path(profile) / "measure.html"
        copy.write_text(page, encoding="utf-8")
        dom = _run(browser, [f"--window-size={width},1100", "--virtual-time-budget=3000", "--dump-dom", copy.as_uri()], profile, timeout).stdout
    m = re.search(r'data-layout="([^"]*)"', dom.split(">", 2)[1] if dom.count(">") > 1 else "")
    return json.loads(_html.unescape(m.group(1))) if m else {}


def check(html: Path, screenshot: Path | None = None, fragment: str = "", browser: str | None = None, timeout: float = 60, width: int = 1400) -> HtmlCheck:
    """Load `html` in headless Chromium and report what a reader would get."""
    browser = browser or find_chromium()
    result = HtmlCheck()
    if not browser:
        result.problems.append("chromium not found")
        return result
    url = Path(html).resolve().as_uri() + (f"#{fragment}" if fragment else "")
    with tempfile.TemporaryDirectory(prefix="aligner-chromium-") as profile:
        dom = _run(browser, [f"--window-size={width},1100", "--virtual-time-budget=3000", "--dump-dom", url], profile, timeout)
        result.console = [m.group(1) for m in map(_CONSOLE.search, dom.stderr.splitlines()) if m]
        text = dom.stdout
        result.ready = 'data-ready="1"' in text.split(">", 2)[1] if text.count(">") > 1 else False
        result.has_cyrillic = bool(re.search("[\u0400-\u04ff]", text))
        result.has_arabic = bool(re.search("[\u0600-\u06ff]", text))
        result.rows = len(re.findall(r'<tr id="p\d+" class="pair', text))
        result.hidden_rows = len(re.findall(r'<tr id="p\d+" class="pair[^"]*\bhidden\b', text))
        if screenshot is not None:
            screenshot = Path(screenshot).resolve()
            shot = _run(browser, [f"--window-size={width},1100", f"--screenshot={screenshot}", url], profile, timeout)
            result.console += [m.group(1) for m in map(_CONSOLE.search, shot.stderr.splitlines()) if m]
            if screenshot.is_file() and screenshot.stat().st_size > 1000:
                result.screenshot = str(screenshot)
            else:
                result.problems.append("no screenshot written")
    if dom.returncode != 0:
        result.problems.append(f"chromium exited {dom.returncode}")
    if not result.ready:
        result.problems.append("page script did not run to the end")
    if result.console:
        result.problems.append(f"{len(result.console)} console message(s)")
    if not (result.has_cyrillic and result.has_arabic):
        result.problems.append("rendered DOM lacks Cyrillic or Arabic text")
    result.layout = layout(html, width, browser, timeout)
    lay = result.layout
    if lay.get("wrapped_labels"):
        result.problems.append(f"labels wrapped in the # column (e.g. boilerpl|ate): {lay['wrapped_labels']}")
    if lay.get("reasons_in_score_column"):
        result.problems.append("flag reasons in the narrow divergence column")
    if lay.get("figures_on_unflagged_rows"):
        result.problems.append(f"figures on {len(lay['figures_on_unflagged_rows'])} unflagged rows")
    result.ok = not result.problems
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("--fragment", default="", help="URL fragment, e.g. 'divergent' for the filtered view")
    parser.add_argument("--width", type=int, default=1400, help="window width in pixels (default 1400; try 800)")
    args = parser.parse_args(argv)
    if not find_chromium():
        print(json.dumps({"ok": False, "skipped": "chromium not installed (apt-get install chromium)"}))
        return 77
    result = check(args.html, args.screenshot, args.fragment, width=args.width)
    print(json.dumps(asdict(result), ensure_ascii=False, indent=2))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
