"""The viewer's rules without widgets: loose search, divergent pairs, filters, span mapping."""

from __future__ import annotations

from tui_sample import sample

from aligner.tui import model
from aligner.tui.model import Filter


def test_find_folds_like_an_editor_expects_and_reports_original_offsets():
    text = "قال إن الحكومةَ ستبدأ في ٢٠٢٦ العمل في المستشفى"
    for query, expected in (("ان", "إن"), ("الحكومه", "الحكومةَ"), ("2026", "٢٠٢٦"), ("المستشفي", "المستشفى")):
        (hit,) = model.find(text, query)
        assert text[hit[0] : hit[1]].rstrip("َ") == expected.rstrip("َ")
    assert [tuple(h) for h in model.find("Он сказал, что «да», и сказал ещё", "СКАЗАЛ")] == [(3, 9), (23, 29)]
    assert model.find("abc", "") == [] and model.find("", "x") == []


def test_divergent_and_filters_on_the_sample():
    c = sample()
    divergent = [i for i, p in enumerate(c.pairs) if model.is_divergent(p)]
    assert divergent == [1, 4, 5, 6]  # number, omission, quote, addition; meta never divergent
    assert model.visible_rows(c, Filter("divergent")) == divergent
    assert model.visible_rows(c, Filter("kind", "quote")) == [5]
    choices = dict((f.label, n) for f, n in model.filter_choices(c))
    assert choices == {"all pairs": 7, "divergent only": 4, "flag: omission": 1, "flag: addition": 1,
                       "flag: number": 1, "flag: quote": 1}
    assert model.severity(c.pairs[0]) == "meta" and model.severity(c.pairs[4]) == "high"
    assert model.severity(c.pairs[3]) == "low" and model.severity(c.pairs[5]) == "medium"


def test_cell_maps_document_spans_of_a_two_sentence_side():
    c = sample()
    cell = model.cell_for(c.src, (2, 3), "")
    assert cell.text == c.src.sentences[2].text + " " + c.src.sentences[3].text
    s3 = c.src.sentences[3]
    k = s3.text.index("2026")
    a, b = cell.span((s3.start + k, s3.start + k + 4))
    assert cell.text[a:b] == "2026"
    assert cell.span((c.src.sentences[5].start, c.src.sentences[5].end)) is None  # not in this cell
    flagged = model.flag_spans(model.cell_for(c.src, (1,), ""), c.pairs[1].flags, "src")
    assert [c.src.sentences[1].text[a:b] for a, b, _ in flagged] == ["2,5"]
    assert model.pair_matches(c.pairs[1], "Тохоку") and model.pair_matches(c.pairs[1], "توهوكو")
