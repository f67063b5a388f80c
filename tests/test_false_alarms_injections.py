"""The injections of scripts/false_alarms.py on ntrex128-dev lines (CC BY-SA 4.0): a swapped
name replaces one person's whole name, as an editor would meet it in copy."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from aligner import ntrex

pytestmark = pytest.mark.skipif(not ntrex.available(), reason="ntrex128-dev not found")

_SPEC = importlib.util.spec_from_file_location("false_alarms", Path(__file__).parents[1] / "scripts" / "false_alarms.py")
false_alarms = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("false_alarms", false_alarms)  # (its dataclasses look their module up)
_SPEC.loader.exec_module(false_alarms)


@pytest.fixture(scope="module")
def corpus():
    return ntrex.Corpus()


def test_two_people_side_by_side_are_two_names(corpus):
    """Line 950: 'Патрика Дуайера и Фрэнсиса Бовильера' / 'باتريك دواير وفرانسيس بوفيليه'. The
    Arabic writes 'and' onto Francis, so his name sat right after Dwyer's and the two were
    one span: a swap replaced a person and a half."""
    ar = corpus.line("ar", 950)
    spans = [ar[a:b] for a, b in false_alarms._full_names(corpus, "ru", "ar", 950, ar)]
    assert "باتريك دواير" in spans and not any("دواير" in s and "فرانسيس" in s for s in spans), spans


def test_a_swapped_name_takes_the_article_with_it(corpus):
    """Line 1061: 'وليد المعلم' (Walid al-Muallem). The matched span leaves out the article,
    so a swap wrote 'الفيليب موريسون'."""
    ar = corpus.line("ar", 1061)
    for seed in range(8):
        units = [(1061, ar)]
        notes = false_alarms._name(corpus, "ru", "ar")(units, [0.0], random.Random(seed))
        if "معلم" in notes["before"]:
            assert notes["before"] == "المعلم" and "المعلم" not in units[0][1]
            assert "ال" + notes["after"] not in units[0][1], units[0][1]
            break
    else:
        pytest.fail("no seed swapped al-Muallem")
