"""Display-only bidi: shaping, reordering per wrapped line, and the logical index maps."""

from __future__ import annotations

import unicodedata
from collections import Counter

import regex
from rich.cells import cell_len

from aligner import bidi

MARKS = regex.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]")


def unshape(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def test_visual_round_trips_to_logical_on_flores(flores):
    """Putting the visual characters back in logical order and undoing the presentation
    forms gives the logical text again (harakat aside): nothing lost, nothing invented."""
    for line in flores["ar"][:300]:
        vis, index = bidi.visual(line, True)
        assert len(vis) == len(index)
        assert len(set(index)) == len(index)  # each logical position drawn at most once
        back = "".join(ch for _, ch in sorted(zip(index, vis)))
        brackets = str.maketrans("", "", "()[]{}<>«»")  # mirrored where they sit in RTL runs
        assert unshape(back).translate(brackets) == unshape(MARKS.sub("", line)).translate(brackets)


def test_arabic_letters_are_joined_forms(flores):
    letters = shaped = 0
    for line in flores["ar"][:200]:
        vis = bidi.visual(line)[0]
        letters += len(regex.findall(r"[\u0621-\u064A]", MARKS.sub("", line)))
        shaped += len(regex.findall(r"[\uFB50-\uFDFF\uFE70-\uFEFF]", vis))
    assert shaped / letters > 0.95  # lam-alef ligatures make it a bit less than 1


def test_pure_arabic_line_is_reversed_and_numbers_keep_their_order():
    line = "قال الوزير في عام 2025 إن 3 مليارات"
    vis, _ = bidi.visual(line)
    assert "2025" in vis and "3" in vis  # digits left to right inside the RTL line
    words = [unshape(w) for w in vis.split()]
    assert words[0] == unshape("مليارات")[::-1]  # the last logical word is leftmost
    assert words[-1] == "قال"[::-1]  # the first logical word is rightmost


def test_ltr_text_is_untouched_and_mixed_ltr_keeps_latin_order():
    ru = "Правительство Японии выделит 2,5 млрд долларов."
    assert bidi.visual(ru, False)[0] == ru
    assert bidi.display(ru) == ru
    vis = bidi.display("SRC 'للصحفيين' (journalists)", rtl=False)
    assert vis.startswith("SRC '") and vis.endswith("(journalists)")


def test_wrap_respects_width_and_keeps_words_in_logical_order(flores):
    for line in flores["ar"][:100] + flores["ru"][:100]:
        for width in (12, 30, 37):
            spans = bidi.wrap(line, width)
            assert all(cell_len(line[a:b]) <= width for a, b in spans)
            assert " ".join(line[a:b] for a, b in spans).split() == line.split() or any(
                cell_len(w) > width for w in line.split()
            )


def test_render_right_aligns_arabic_and_paints_spans_on_the_right_cells():
    text = "ستخصص الحكومة اليابانية 3 مليارات دولار لإعادة إعمار منطقة توهوكو."
    k = text.index("3 مليارات")
    rows = bidi.render(text, 24, True, [(k, k + len("3 مليارات"), "bold red")])
    assert len(rows) > 1
    for row in rows:
        assert cell_len(row.plain) == 24
        assert row.plain.startswith(" ") or cell_len(row.plain.strip()) == 24
    first = rows[0].plain.rstrip()
    assert unshape(first.split()[-1]) == "ستخصص"[::-1]  # sentence starts at the top right
    painted = "".join(
        row.plain[sp.start : sp.end] for row in rows for sp in row.spans if "red" in str(sp.style)
    )
    assert Counter(unshape(painted).replace(" ", "")) == Counter("3مليارات")


def test_render_ltr_pads_on_the_right():
    rows = bidi.render("Кэнро Нагоси сказал", 10, False)
    assert [r.plain for r in rows] == ["Кэнро     ", "Нагоси    ", "сказал    "]


def test_is_rtl_lang():
    assert bidi.is_rtl_lang("ar") and bidi.is_rtl_lang("he-IL")
    assert not bidi.is_rtl_lang("ru") and not bidi.is_rtl_lang(None)
