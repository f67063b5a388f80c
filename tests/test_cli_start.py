"""A fast CLI start (issue 15): `--help`, `--version` and argument errors load no stage.

Not a timed test (speed lives in scripts/bench_all.py): it checks which modules a fresh
interpreter has loaded, which is what the start-up time follows from.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# The stages and the heavy libraries behind them: none is needed to print help or an error.
HEAVY = (
    "numpy", "regex", "rich", "textual", "charset_normalizer", "babel", "wordfreq", "pymorphy3",
    "ctranslate2", "sqlite3", "jinja2",
    "aligner.segment", "aligner.entities", "aligner.gazetteer", "aligner.align", "aligner.signals",
    "aligner.diverge", "aligner.translate.pivot", "aligner.textio", "aligner.langid", "aligner.tui",
)

PROBE = """
import contextlib, io, json, sys
from aligner.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps({"out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def _probe(*argv: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


@pytest.mark.parametrize("argv", [
    ["--help"], ["--version"], ["compare", "--help"], ["compare", "only-one.txt"], ["view", "--help"],
    ["batch", "--help"], ["segment", "--help"], ["entities"], ["models", "--help"],
    ["compare", "a.txt", "b.txt", "--max-bead", "9"],
], ids=" ".join)
def test_help_and_argument_errors_load_no_stage(argv):
    got = _probe(*argv)
    assert got["out"].strip(), "printed nothing"
    loaded = [m for m in got["modules"] if m in HEAVY or m.split(".")[0] in HEAVY]
    assert loaded == [], f"aligner {' '.join(argv)} loaded {loaded}"


def test_entities_help_still_names_every_kind():
    """The one help that reads a stage: the kinds come from `aligner.entities` when printed."""
    from aligner.entities import ENTITY_KINDS

    text = " ".join(_probe("entities", "--help")["out"].split())
    assert f"one of {', '.join(ENTITY_KINDS)}" in text
