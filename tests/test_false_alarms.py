"""The hand audit of ntrex128-dev ru->ar flags (tests/fixtures/audit_ntrex_ru_ar.jsonl) as a
test: flags labelled false stay gone (never `major` again), harmless and note-worthy ones are
at most `minor` / `note`, the real ones stay flagged `major`. Each labelled flag is found again
by its article, its gold lines, its kind and the text it flagged, so the test does not depend
on sentence ids and fails as soon as a fixed false alarm comes back (the baseline fails it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from audit_helpers import flags_now, found_again

from aligner import ntrex

FIXTURE = Path(__file__).parent / "fixtures" / "audit_ntrex_ru_ar.jsonl"
NAME_CAUSES_STILL_MAJOR = 14  # false `name` flags (P2's causes) still major: may only shrink
# False alarms this tree cannot yet tell from real ones (strict xfail: fixing one fails the
# test until it is taken off this list).
KNOWN_RESIDUAL = {
    # RU splits off 'the elevator doors closed' as a sentence; AR keeps it as a clause of the
    # sentence before, of normal length: without MT this looks exactly like a dropped sentence
    ("cbsnews.248384", 177, "omission"),
}

pytestmark = pytest.mark.skipif(not ntrex.available(), reason="ntrex128-dev not found")


def _records() -> list[dict]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if "_header" not in r]


@pytest.fixture(scope="module")
def current() -> dict[str, list]:
    """For every audited article: (gold lines of the pair, flag, SRC text, TGT text) now."""
    return flags_now("ru-ar", {r["doc"] for r in _records()})


def _again(current, rec: dict) -> list:
    return found_again(current[rec["doc"]], rec)


def test_fixture_is_a_real_audit():
    recs = _records()
    assert len(recs) >= 100
    assert {r["label"] for r in recs} <= {"real", "harmless", "note", "false"}
    assert all(r["cause"] and r["en"] for r in recs)


@pytest.mark.parametrize("rec", [
    pytest.param(r, id=f"{r['doc']}:{r['lines'][0]}:{r['kind']}:{r['cause']}",
                 marks=[pytest.mark.xfail(strict=True, reason="known residual (KNOWN_RESIDUAL)")]
                 if (r["doc"], r["lines"][0], r["kind"]) in KNOWN_RESIDUAL else [])
    for r in _records() if r["label"] == "false" and r["kind"] != "name"])
def test_false_alarm_stays_gone(current, rec):
    """Omission, addition, quote, attribution, number, date, length: the false ones are gone
    (or at most a minor note, never a claim)."""
    again = [f for f in _again(current, rec) if f.severity == "major"]
    assert not again, (rec["cause"], [f.detail for f in again])


def test_false_name_flags_do_not_come_back(current):
    """`name` false alarms (cross-script names, glued Arabic, capitalised common nouns...: the
    name matcher's causes) may only decrease from what this tree reaches."""
    left = [r for r in _records() if r["label"] == "false" and r["kind"] == "name"
            and any(f.severity == "major" for f in _again(current, r))]
    assert len(left) <= NAME_CAUSES_STILL_MAJOR, [(r["doc"], r["src_flagged"], r["cause"]) for r in left]


@pytest.mark.parametrize("rec", [r for r in _records() if r["label"] in ("harmless", "note")],
                         ids=lambda r: f"{r['doc']}:{r['lines'][0]}:{r['kind']}:{r['cause']}")
def test_harmless_and_notes_are_not_major(current, rec):
    again = _again(current, rec)
    assert all(f.severity != "major" for f in again), (rec["cause"], [(f.severity, f.detail) for f in again])
    if rec["cause"] == "unit-conversion":  # kept visible, as a minor note
        assert any(f.severity == "minor" for f in again), rec["detail"]


@pytest.mark.parametrize("rec", [r for r in _records() if r["label"] == "real"],
                         ids=lambda r: f"{r['doc']}:{r['lines'][0]}:{r['kind']}:{r['cause']}")
def test_real_divergence_stays_major(current, rec):
    again = _again(current, rec)
    assert any(f.severity == "major" for f in again), (rec["detail"], [(f.severity, f.detail) for f in again])
