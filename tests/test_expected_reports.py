"""Full JSON reports on a few fixed pairs, compared with stored expectations.

Speed work (issue 15) must not change results; this test says when anything does. The
expectations live in `tests/fixtures/expected_reports/` and are regenerated only on purpose,
when a change of results is intended (new flags, better alignment):

    ALIGNER_REGEN_EXPECTED=1 .venv/bin/python -m pytest tests/test_expected_reports.py

then review `git diff tests/fixtures/expected_reports/` and commit it with the change. Volatile
fields (file paths, the translation memory's path) are stripped before the comparison.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from aligner import ntrex, report
from aligner.compare import CompareOptions, compare_documents, compare_files
from aligner.translate import MTOptions

from conftest import seed

EXPECTED = Path(__file__).parent / "fixtures" / "expected_reports"
REGEN = os.environ.get("ALIGNER_REGEN_EXPECTED") == "1"

# (name, ntrex article index, injection, MT mode): ru -> ar articles of ntrex128-dev.
ARTICLES = [
    ("ntrex-03-ru-ar-off", 3, None, "off"),
    ("ntrex-03-ru-ar-tm", 3, None, "tm"),
    ("ntrex-17-ru-ar-drop-insert-off", 17, "drop_and_insert", "off"),
    ("ntrex-17-ru-ar-drop-insert-tm", 17, "drop_and_insert", "tm"),
]


def _stable(report_json: str, tmp_path: Path) -> dict:
    """The report without what depends on where it ran."""
    data = json.loads(report_json)
    for side in ("src", "tgt"):
        data[side].pop("path", None)
    text = json.dumps(data.get("mt"), ensure_ascii=False)
    data["mt"] = json.loads(text.replace(str(tmp_path), "<tmp>"))
    return data


def _check(name: str, data: dict) -> None:
    path = EXPECTED / f"{name}.json"
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if REGEN:
        EXPECTED.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"no expectation {path}; run with ALIGNER_REGEN_EXPECTED=1 on purpose"
    want = path.read_text(encoding="utf-8")
    if text != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), text.splitlines(True), "expected", "now", n=2))
        pytest.fail(f"{name}: the report changed (regenerate on purpose, see the docstring):\n{diff[:6000]}")


def test_seed_pair_report_is_unchanged(tmp_path):
    comparison = compare_files(seed("004"), seed("000"), CompareOptions(mt=MTOptions(mode="off")))
    _check("seed-004-000-off", _stable(report.render(comparison, "json"), tmp_path))


@pytest.fixture(scope="module")
def corpus():
    if not ntrex.available():
        pytest.skip("ntrex128-dev not found beside the project (../shared/data)")
    return ntrex.Corpus()


@pytest.mark.parametrize("name,index,edit,mode", ARTICLES, ids=[a[0] for a in ARTICLES])
def test_ntrex_article_report_is_unchanged(corpus, tmp_path, name, index, edit, mode):
    article = corpus.articles[index]
    tgt_edit = ntrex.drop_and_insert(corpus, article, "ar") if edit else None
    pair = ntrex.article_pair(corpus, article, "ru", "ar", tgt_edit)
    mt = MTOptions(mode="off")
    if mode == "tm":
        rows = (ntrex.tm_rows(pair.src, ntrex.english_pivots(corpus, pair.src))
                + ntrex.tm_rows(pair.tgt, ntrex.english_pivots(corpus, pair.tgt)))
        tm = tmp_path / "memory.tsv"
        tm.write_text("".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")
        mt = MTOptions(mode="tm", tm_paths=(str(tm),), use_cache=False)
    comparison = compare_documents(pair.src.doc, pair.tgt.doc, CompareOptions(mt=mt))
    _check(name, _stable(report.render(comparison, "json"), tmp_path))
