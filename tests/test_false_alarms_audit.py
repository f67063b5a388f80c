"""The later hand audits of ntrex128-dev flags as tests (issue 11), on top of the first one
(`test_false_alarms.py`, tests/fixtures/audit_ntrex_ru_ar.jsonl):

* tests/fixtures/audit_after_ntrex_ru_ar.jsonl: every flag (108) after the first session.
  The false alarms of the kinds the diverge checks own (attribution, figures, quotes,
  omission/addition, length) that are fixed stay gone, at *any* severity: a false minor
  shown to an editor is still noise.
* tests/fixtures/audit_census_ntrex.jsonl: a census at the end of the second session, every
  flag of ru->ar and of ar->ru. Real divergences stay flagged at their severity, harmless
  ones and notes never become major (a converted unit stays visible), false ones stay gone
  unless listed as known residuals (strict xfail: fixing one fails the test until it is taken
  off the list). False `name` flags (the name matcher's causes) may only become fewer.

Each labelled flag is found again by its article, gold lines, kind and flagged text, never
by sentence ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from audit_helpers import flags_now, found_again

from aligner import ntrex

FIXTURES = Path(__file__).parent / "fixtures"
AFTER = FIXTURES / "audit_after_ntrex_ru_ar.jsonl"
CENSUS = FIXTURES / "audit_census_ntrex.jsonl"
OWN_KINDS = {"attribution", "number", "date", "quote", "omission", "addition", "length"}

# False alarms of the first session's after-audit that this tree still raises (strict xfail).
AFTER_RESIDUAL = {
    # RU splits 'the elevator doors closed' off as a sentence; AR keeps it as a clause of the
    # sentence before, of normal length: without MT this looks exactly like a dropped sentence
    ("cbsnews.248384", 177, "omission"),
    # Arabic is verbose here ('though rare, cases ... have been recorded before'): a length
    # hint, shown as minor
    ("newsweek.51331", 123, "length"),
    ("dailymail.co.uk.298644", 766, "length"),
    ("dailymail.co.uk.298644", 772, "length"),
}
# False alarms of the census still raised (strict xfail), by (pair, doc, first line, kind).
CENSUS_RESIDUAL = {
    ("ru-ar", "cbsnews.248384", 177, "omission"),
    ("ar-ru", "cbsnews.248384", 177, "addition"),
    ("ru-ar", "newsweek.51331", 123, "length"),
    ("ar-ru", "newsweek.51331", 120, "length"),
    ("ar-ru", "newsweek.51331", 123, "length"),
    ("ru-ar", "dailymail.co.uk.298759", 457, "length"),
    ("ar-ru", "dailymail.co.uk.298759", 457, "length"),
    ("ru-ar", "dailymail.co.uk.298644", 766, "length"),
    ("ar-ru", "dailymail.co.uk.298644", 766, "length"),
    ("ru-ar", "dailymail.co.uk.298644", 772, "length"),
    ("ar-ru", "dailymail.co.uk.298644", 772, "length"),
    ("ar-ru", "cbsnews.248384", 168, "length"),
    ("ru-ar", "reuters.218909", 935, "quote"),
    ("ar-ru", "reuters.218909", 935, "quote"),
    # (reuters.218909 931 and cnbc.com.6770 889/892, Arabic lines run together and paired one
    # sentence off since ffeb775, are gone since `align.shift_skips` counts a paragraph edge
    # beside an unmatched sentence once)
}
CENSUS_NAMES_STILL_FALSE = 2  # false `name` flags of the census still raised (P2's causes): may only shrink

pytestmark = pytest.mark.skipif(not ntrex.available(), reason="ntrex128-dev not found")


def _records(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if "_header" not in r]


@pytest.fixture(scope="module")
def now() -> dict[str, dict]:
    recs = _records(AFTER) + _records(CENSUS)
    pairs = {r.get("pair", "ru-ar") for r in recs}
    return {pair: flags_now(pair, {r["doc"] for r in recs if r.get("pair", "ru-ar") == pair}) for pair in pairs}


def _again(now, rec: dict) -> list:
    return found_again(now[rec.get("pair", "ru-ar")][rec["doc"]], rec)


def _id(rec: dict) -> str:
    return f"{rec.get('pair', 'ru-ar')}:{rec['doc']}:{rec['lines'][0]}:{rec['kind']}:{rec['cause'][:40]}"


def test_census_is_a_real_audit():
    recs = _records(CENSUS)
    assert len(recs) >= 100
    assert {r["label"] for r in recs} <= {"real", "harmless", "note", "false"}
    assert all(r["cause"] and r["en"] and r["pair"] in ("ru-ar", "ar-ru") for r in recs)
    header = json.loads(CENSUS.read_text(encoding="utf-8").splitlines()[0])["_header"]
    assert "CC BY-SA" in header["licence"]


def _cases(recs: list[dict], residual: set, key) -> list:
    """One case per record; a known residual is a strict xfail, so fixing it fails the test
    until it is taken off the list."""
    mark = pytest.mark.xfail(strict=True, reason="known residual false alarm")
    return [pytest.param(r, id=_id(r), marks=[mark] if key(r) in residual else []) for r in recs]


@pytest.mark.parametrize("rec", _cases([r for r in _records(AFTER) if r["label"] == "false" and r["kind"] in OWN_KINDS],
                                       AFTER_RESIDUAL, lambda r: (r["doc"], r["lines"][0], r["kind"])))
def test_after_audit_false_alarm_stays_gone(now, rec):
    again = _again(now, rec)
    assert not again, (rec["cause"], [(f.severity, f.detail) for f in again])


@pytest.mark.parametrize("rec", [r for r in _records(AFTER) if r["label"] == "real"], ids=_id)
def test_after_audit_real_divergence_stays_major(now, rec):
    again = _again(now, rec)
    assert any(f.severity == "major" for f in again), (rec["detail"], [(f.severity, f.detail) for f in again])


@pytest.mark.parametrize("rec", _cases([r for r in _records(CENSUS) if r["label"] == "false" and r["kind"] != "name"],
                                       CENSUS_RESIDUAL, lambda r: (r["pair"], r["doc"], r["lines"][0], r["kind"])))
def test_census_false_alarm_stays_gone(now, rec):
    again = _again(now, rec)
    assert not again, (rec["cause"], [(f.severity, f.detail) for f in again])


def test_census_false_name_flags_do_not_come_back(now):
    left = [r for r in _records(CENSUS) if r["label"] == "false" and r["kind"] == "name" and _again(now, r)]
    assert len(left) <= CENSUS_NAMES_STILL_FALSE, [(r["pair"], r["doc"], r["detail"], r["cause"]) for r in left]


@pytest.mark.parametrize("rec", [r for r in _records(CENSUS) if r["label"] == "real"], ids=_id)
def test_census_real_divergence_stays_flagged(now, rec):
    again = _again(now, rec)
    want = {"major"} if rec["severity"] == "major" else {"major", "minor"}
    assert any(f.severity in want for f in again), (rec["detail"], [(f.severity, f.detail) for f in again])


@pytest.mark.parametrize("rec", [r for r in _records(CENSUS) if r["label"] in ("harmless", "note")], ids=_id)
def test_census_harmless_and_notes_stay_visible_and_not_major(now, rec):
    again = _again(now, rec)
    assert all(f.severity != "major" for f in again), (rec["cause"], [(f.severity, f.detail) for f in again])
    if rec["cause"] == "unit-conversion":  # a converted unit is consistent, and stays visible
        assert again, rec["detail"]
