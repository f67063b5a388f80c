"""Cross-script name skeletons: the same person spelled in Russian, Arabic and English must
meet; ordinary Arabic words must not meet short names."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import names
from aligner.names import same_name, similar, similarity, skeleton, skeleton_similarity, skeletons_close

# Names of the seed pair (Russian TASS original / Arabic MK version) and two from the news.
SAME = [
    ("Нагоси", "ناغوشي"),
    ("Ноздрев", "نوزدريف"),
    ("Кисида", "كيشيدا"),
    ("Кисиды", "كيشيدا"),
    ("Такаити", "تاكايتشي"),
    ("Такаити", "تاكايشي"),  # the Arabic text itself spells it two ways
    ("Синдзо", "شينزو"),
    ("Абэ", "آبي"),
    ("Трамп", "ترامب"),
    ("Трампа", "ترامب"),
    ("Зеленский", "زيلينسكي"),
    ("Зеленским", "زيلينسكي"),
    ("Санаэ", "ساناي"),
    ("Санаэ", "سناء"),
    ("Фумио", "فوميو"),
    ("Дональда", "دونالد"),
    ("Николай", "نيكولاي"),
    ("Takaichi", "Такаити"),
    ("Kishida", "كيشيدا"),
    ("Zelensky", "Зеленский"),
    ("Shinzo", "Синдзо"),
    ("Putin", "بوتين"),
    ("Лавровым", "لافروف"),
    ("Алонсо", "ألونسو"),
    ("Apple", "أبل"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_person_across_scripts(a: str, b: str) -> None:
    assert same_name(a, None, b, None), (a, b, skeleton(a), skeleton(b), similarity(a, None, b, None))


def test_polivanov_and_english_spellings_share_a_skeleton() -> None:
    # си/ти/дзи (Polivanov) and shi/chi/ji (Hepburn, as Arabic follows it) land together
    assert skeleton("Такаити") == skeleton("تاكايتشي") == skeleton("Takaichi") == "TKT"
    assert skeleton("Нагоси") == skeleton("ناغوشي") == skeleton("Nagoshi") == "NGS"
    assert skeleton("Синдзо") == skeleton("شينزو") == skeleton("Shinzo")


# Short skeletons (<= 2 consonants) against the ordinary Arabic words that share them.
DIFFERENT = [
    ("Санаэ", "سنة"),  # 'year'
    ("Фумио", "فيما"),  # 'while'
    ("Абэ", "أبو"),  # 'father of'
    ("Трамп", "تراب"),  # 'dust'
    ("Нагоси", "نقاش"),  # 'discussion'
    ("Ноздрев", "نظر"),
    ("Токио", "تكون"),
]


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_ordinary_words_do_not_match_names(a: str, b: str) -> None:
    assert not same_name(a, None, b, None), (a, b, skeleton(a), skeleton(b))


def test_similarity_is_graded_and_symmetric() -> None:
    exact = similarity("Такаити", "ru", "تاكايتشي", "ar")
    variant = similarity("Такаити", "ru", "تاكايشي", "ar")
    unrelated = similarity("Такаити", "ru", "موسكو", "ar")
    assert exact == 1.0 > variant > 0.75 > unrelated
    assert similarity("تاكايشي", "ar", "Такаити", "ru") == variant


def test_skeleton_of_empty_and_non_letters() -> None:
    assert skeleton("") == ""
    assert skeleton("2025") == ""
    assert not same_name("", "ru", "", "ar")


# -- transliteration conventions as data (issue 11, item 5): pairs from ntrex128-dev ------

@pytest.mark.parametrize(
    ("ru", "ar"),
    [
        ("Гарварда", "هارفارد"),  # Russian Г for H
        ("Гамбург", "هامبورغ"),
        ("Литгоу", "ليثجو"),  # English th: ث against т; Egyptian ج for g
        ("Георге", "جورجي"),
        ("Твиттере", "تويتر"),  # English w: consonant و against в
        ("Бутс", "بوتس"),  # t + s, not the tsu of Japanese names
        ("Азару", "هازارد"),  # French and Spanish names: silent initial h (Hazard)
        ("Эрнандес", "هيرنانديز"),
        ("Бушар", "بوتشارد"),  # and a silent final d (Bouchard)
        ("Арианы", "أريانا"),  # a feminine name in another case against its -a (Ariana)
        ("Ариной", "أرينا"),
    ],
)
def test_transliteration_conventions_meet(ru: str, ar: str) -> None:
    assert same_name(ru, "ru", ar, "ar")


@pytest.mark.parametrize(
    ("ru", "ar"),
    [("Санаэ", "سنة"), ("Такаити", "تقود"), ("Гарварда", "حرف"), ("Литгоу", "لذلك"), ("Бутс", "بيت"),
     ("Ана", "هنا"), ("Зара", "هذا"), ("Азар", "هزار"), ("Бар", "بارد")],
)
def test_alternative_readings_do_not_loosen_short_names(ru: str, ar: str) -> None:
    assert not same_name(ru, "ru", ar, "ar")


# -- foreign names written in Arabic letters (aligner.tokens.transliterated) ---------------

# names from ntrex128-dev Arabic (CC BY-SA 4.0) and ordinary words of the same articles
FOREIGN = ["موريسون", "كاتارينا", "أوبرادور", "فليتوود", "برادلي", "هازارد", "لوبيز", "فيليب"]
ARABIC = ["المأزق", "المذيعين", "يصيحون", "محاولته", "المؤيدين", "الانقسامات", "ينتقده", "موظفيه",
          "المتضررة", "تناقض", "المألوف", "بجروح"]


def test_foreign_names_written_in_arabic_read_as_transliterations() -> None:
    from aligner.tokens import transliterated

    assert min(transliterated(w) for w in FOREIGN) > max(transliterated(w) for w in ARABIC)
    assert sum(transliterated(w) >= 0.15 for w in FOREIGN) >= 6
    assert not any(transliterated(w) >= 0.15 for w in ARABIC)


# The pruned threshold tests (`names.similar`, `names.skeletons_close`) must answer exactly as
# the edit distance does: they only skip it where its letters cannot reach the bar.
_SKELETON_LETTERS = "ABDFGHJKLMNRSTYZ"


@st.composite
def _near_skeletons(draw):
    """A skeleton and one a few edits away (cheap ones included), where the bar is decided."""
    a = draw(st.text(_SKELETON_LETTERS, max_size=9))
    b = list(a)
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(0, len(b)))
        op = draw(st.sampled_from(["sub", "ins", "del"]))
        if op == "ins" or not b:
            b.insert(k, draw(st.sampled_from(_SKELETON_LETTERS)))
        elif op == "sub":
            b[min(k, len(b) - 1)] = draw(st.sampled_from(_SKELETON_LETTERS))
        else:
            del b[min(k, len(b) - 1)]
    return a, "".join(b)


@given(_near_skeletons(), st.sampled_from([0.5, 0.6, 0.75, 0.8, 0.9, 1.0]))
@settings(max_examples=1000, deadline=None)
def test_skeletons_close_is_the_edit_similarity_at_a_bar(ab, need):
    a, b = ab
    assert skeletons_close(a, b, need) == (skeleton_similarity(a, b) >= need)


def _plain_edit_similarity(a: str, b: str) -> float:
    """The textbook weighted edit distance, with names' own costs: the reference that the
    hand-tuned DP of `skeleton_similarity` must equal."""
    if a == b or not a or not b:
        return 1.0 if a == b and a else 0.0
    d = [[0.0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        d[i][0] = d[i - 1][0] + names._indel_cost(a[i - 1])
    for j in range(1, len(b) + 1):
        d[0][j] = d[0][j - 1] + names._indel_cost(b[j - 1])
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j - 1] + names._sub_cost(a[i - 1], b[j - 1]),
                          d[i - 1][j] + names._indel_cost(a[i - 1]), d[i][j - 1] + names._indel_cost(b[j - 1]))
    return max(0.0, 1.0 - d[-1][-1] / max(len(a), len(b)))


@given(_near_skeletons())
@settings(max_examples=1000, deadline=None)
def test_the_edit_similarity_is_the_plain_weighted_edit_distance(ab):
    a, b = ab
    assert skeleton_similarity(a, b) == _plain_edit_similarity(a, b)


def _words(lines: list[str], n: int = 60) -> list[str]:
    words = regex.findall(r"\p{L}{3,}", " ".join(lines))
    return words[::max(1, len(words) // n)][:n]


def test_similar_is_similarity_at_a_bar_on_real_words(flores):
    ru, ar = _words(flores["ru"]), _words(flores["ar"])
    pairs = [(a, "ru", b, "ar") for a in ru for b in ar] + [(a, "ru", b, "ru") for a in ru for b in ru[:20]]
    pairs += [(a, "ru", b, "ar") for a, b in SAME]
    for need in (0.6, 0.75, 0.8):
        for a, la, b, lb in pairs:
            assert similar(a, la, b, lb, need) == (similarity(a, la, b, lb) >= need), (a, b, need)
    # and the best pair of variants is found, however many the letter bound lets it skip
    for a, la, b, lb in pairs:
        compared = [_plain_edit_similarity(x, y) for x, y in names._compared(a, la, b, lb)]
        assert similarity(a, la, b, lb) == max(compared, default=0.0), (a, b)
