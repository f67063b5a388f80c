"""Alignment signals: keys across scripts, Gale-Church length, pivot chrF."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.helpers import extract_all_char_ngrams

from aligner import signals


def test_numbers_match_across_digit_systems():
    ru = signals.sentence_keys("В 2025 году рост составил 2,5 процента.", "ru")
    ar = signals.sentence_keys("وفي عام ٢٠٢٥ بلغ النمو ٢٫٥ في المئة.", "ar")
    ru_all = {k for ks in ru.keys.values() for k in ks}
    ar_all = {k for ks in ar.keys.values() for k in ks}
    shared = ru_all & ar_all
    assert any("2025" in k for k in shared), (ru_all, ar_all)
    assert "numbers" in ru.keys


def test_key_weights_damp_recurring_keys():
    src = [signals.SentenceKeys({"places": frozenset({"place:JP"}), "numbers": frozenset({"year:1999"})})]
    src += [signals.SentenceKeys({"places": frozenset({"place:JP"})}) for _ in range(8)]
    tgt = [signals.SentenceKeys({"places": frozenset({"place:JP"}), "numbers": frozenset({"year:1999"})})]
    tgt += [signals.SentenceKeys({"places": frozenset({"place:JP"})}) for _ in range(8)]
    index = signals.build_key_index(src, tgt)
    assert index.src[0]["year:1999"] > 3 * index.src[0]["place:JP"]
    s, t, v = signals.key_overlaps(index)
    # Pair (0, 0) shares both keys; every other pair only the damped place.
    best = np.argmax(v)
    assert (s[best], t[best]) == (0, 0)
    assert len(s) == 81  # 9 x 9 pairs share place:JP


def test_probes_turn_into_keys_only_against_real_keys():
    # Arabic has no capitals: its token skeletons only count where Russian found a name.
    src = [signals.SentenceKeys({"names": frozenset({"name:NGS"})})]
    tgt = [signals.SentenceKeys({}, probe=frozenset({"name:NGS", "name:KTB"}))]
    index = signals.build_key_index(src, tgt)
    assert set(index.tgt[0]) == {"name:NGS"}



def test_a_name_spelt_one_step_apart_across_scripts_is_shared():
    """ntrex128-dev line 1 (ru/ar): Супердраг / سوبردراج (g read as j) and Дебенхэмс /
    ديبنهامز (final s / z) have no equal skeleton, so exact probes miss them; Johnny English
    in Turkish (English spelling, ANGLS) meets إنجليش (ANJLS) the same way.
    Near matches are their own, weaker category, and off between sides of one script."""
    ru = "Сейнсбери собирается установить отделы косметики и парфюмерии в магазинах Бутс, Супердраг и Дебенхэмс."
    ar = "تتنافس سينسبري مع بوتس وسوبردراج وديبنهامز بتوفير ممرات لمنتجات تجميل على غرار المتاجر."
    src, tgt = [signals.sentence_keys(ru, "ru")], [signals.sentence_keys(ar, "ar")]
    near = {k for k in signals.build_key_index(src, tgt).tgt[0] if k.startswith("near:")}
    assert {"near:name:SBRDRG", "near:name:DBNHMS"} <= near, near
    index = signals.build_key_index(src, tgt)
    assert index.src[0]["near:name:SBRDRG"] < signals.CATEGORY_WEIGHTS["names"]  # weaker than an exact name
    assert not any(k.startswith("near:") for k in signals.build_key_index(src, tgt, near_names=False).tgt[0])
    tr = [signals.sentence_keys("Johnny English'in helikoptere yaklaştığı sahneyi beğendim.", "tr")]
    ar2 = [signals.sentence_keys("لقد أحببت جوني إنجليش حين كان يقترب من طائرة هليكوبتر.", "ar")]
    assert "near:name:ANGLS" in signals.build_key_index(tr, ar2).tgt[0]


def test_a_near_match_is_only_sought_for_a_name_the_other_side_lacks_everywhere():
    # The other side writes NGRH exactly somewhere: a probe one step away elsewhere is no match.
    src = [signals.SentenceKeys({"names": frozenset({"name:NGRH"})}) for _ in range(2)]
    tgt = [signals.SentenceKeys({}, probe=frozenset({"name:NGRH"})),
           signals.SentenceKeys({}, probe=frozenset({"name:NJRH"}))]
    index = signals.build_key_index(src, tgt)
    assert set(index.tgt[1]) == set()
    tgt[0] = signals.SentenceKeys({}, probe=frozenset({"name:KTB"}))
    assert set(signals.build_key_index(src, tgt).tgt[1]) == {"near:name:NGRH"}

def test_key_specificity_of_numbers():
    assert signals.key_specificity("num:7", "numbers") < signals.key_specificity("num:74", "numbers")
    assert signals.key_specificity("num:74", "numbers") < signals.key_specificity("num:3.14", "numbers")
    assert signals.key_specificity("place:JP", "places") == 1.0


def test_key_evidence_is_dice_per_category():
    src = [signals.SentenceKeys({"numbers": frozenset({"year:2025", "num:74"})})]
    tgt = [signals.SentenceKeys({"numbers": frozenset({"year:2025"})})]
    index = signals.build_key_index(src, tgt)
    ev = signals.key_evidence(index, [0], [0])
    assert 0.0 < ev["numbers"] <= 1.0


def test_length_llr_prefers_the_expected_ratio():
    good = signals.length_llr(100, 80, ratio=0.8)
    half = signals.length_llr(100, 40, ratio=0.8)
    double = signals.length_llr(100, 160, ratio=0.8)
    assert good > 0 > half
    assert good > 0 > double
    # Vectorised and monotone away from the expected ratio.
    vals = signals.length_llr(np.full(5, 100.0), np.array([80, 90, 110, 140, 200]), ratio=0.8)
    assert np.all(np.diff(vals) < 0)
    assert signals.length_score(100, 80, 0.8) == pytest.approx(1.0, abs=0.02)


def test_length_ratio_prior_matches_flores(flores):
    ru = sum(len(x) for x in flores["ru"])
    ar = sum(len(x) for x in flores["ar"])
    assert math.isclose(ar / ru, signals.LENGTH_RATIO_PRIOR[("ru", "ar")], rel_tol=0.05)


def test_vectorised_chrf_equals_sacrebleu(flores):
    chrf = CHRF()
    pairs = [(flores["en"][k], flores["en"][k + (k % 3)]) for k in range(0, 60, 4)]
    for ref, hyp in pairs:
        r = extract_all_char_ngrams(ref, 6, False)
        h = extract_all_char_ngrams(hyp, 6, False)
        hyp_tot = np.array([sum(c.values()) for c in h], dtype=float)
        ref_tot = np.array([sum(c.values()) for c in r], dtype=float)
        match = np.array([sum((x & y).values()) for x, y in zip(h, r)], dtype=float)
        ours = float(signals.ChrfSignal.f_from_stats(hyp_tot, ref_tot, match))
        theirs = chrf.sentence_score(hyp, [ref]).score / 100
        assert ours == pytest.approx(theirs, abs=1e-6)


def test_chrf_separates_translations_from_chance(flores):
    en = flores["en"]
    sig = signals.ChrfSignal()
    same = sig.exact(en[3], en[3])
    other = sig.exact(en[3], en[11])
    assert same == pytest.approx(1.0)
    assert other < signals.CHRF_MID < same
    assert signals.chrf_llr(np.array([same]))[0] > 0 > signals.chrf_llr(np.array([other]))[0]


def test_pivot_keys_skip_stopwords():
    keys = signals.pivot_keys("They said that the Prime Minister visited Tokyo in 2025.")
    assert "pivot:tokyo" in keys and "pivot:2025" in keys
    assert "pivot:that" not in keys and "pivot:said" not in keys
    assert signals.pivot_keys(None) == frozenset()


def test_pair_keys_parallel_and_deduplicated_equal_serial(flores):
    """Key extraction for long documents (each distinct sentence once, half of them in a
    forked worker) gives exactly the keys of `sentence_keys`, in order, and a fresh object
    for every sentence, so extending one (pivot keys) cannot leak into a duplicate."""
    ru = flores["ru"][:300] + flores["ru"][:50]  # repeats on purpose
    ar = flores["ar"][:300]
    want_ru = [signals.sentence_keys(t, "ru") for t in ru]
    want_ar = [signals.sentence_keys(t, "ar") for t in ar]
    for parallel in (False, True):
        got_ru, got_ar = signals.pair_keys(ru, "ru", ar, "ar", parallel=parallel)
        assert [(k.keys, k.probe) for k in got_ru] == [(k.keys, k.probe) for k in want_ru]
        assert [(k.keys, k.probe) for k in got_ar] == [(k.keys, k.probe) for k in want_ar]
        assert got_ru[0] is not got_ru[300] and got_ru[0].keys is not got_ru[300].keys
        got_ru[0].keys["pivot"] = frozenset({"pivot:x"})
        assert "pivot" not in got_ru[300].keys
    assert signals.texts_keys(ar[:5], "ar") == signals.texts_keys(ar[:5], "ar", parallel=True)
    # the worker really runs here (Linux, 2+ cores in CI) and agrees with the serial path
    items = [(t, "ar") for t in ar[:40]]
    forked = signals._keys_two_processes(items)
    if forked is not None:
        assert [(k.keys, k.probe) for k in forked] == [(k.keys, k.probe) for k in want_ar[:40]]


def test_key_overlaps_in_a_window_never_builds_the_full_product():
    """Issue 14 item 7: a key found in k sentences a side made k * k pairs before the band
    filter (memory quadratic in the input). With a window only in-band pairs are made."""
    import tracemalloc

    k = 3000  # a question mark in every sentence: 9M pairs if built in full
    src = [signals.SentenceKeys({"marks": frozenset({"mark:question"})}) for _ in range(k)]
    tgt = [signals.SentenceKeys({"marks": frozenset({"mark:question"})}) for _ in range(k)]
    index = signals.build_key_index(src, tgt)
    tracemalloc.start()
    s, t, v = signals.key_overlaps(index, lambda s: (s - 5, s + 6))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(s) == sum(min(k, i + 6) - max(0, i - 5) for i in range(k))
    assert np.all(np.abs(s - t) <= 5)
    assert peak < 20 * 2**20  # the full product alone would be > 200 MB


# -- word lexicon learned from FLORES (aligner.lexicon) -----------------------------------------


def test_lexicon_tells_a_line_from_its_translations_neighbour_in_news():
    """The ru-ar lexicon is learned on FLORES-200; on ntrex128-dev news (another corpus) a
    line shares an entry with its translation far more often than with the translation of
    the line next to it, which is what a dropped line is paired with by mistake."""
    import pytest

    from aligner import lexicon, ntrex

    if not ntrex.available():
        pytest.skip("ntrex128-dev not present")
    lex = lexicon.load("ru", "ar")
    assert lex is not None and lexicon.load("ar", "ru") is not None and lexicon.load("ru", "uk") is None
    corpus = ntrex.Corpus()
    true = neigh = n_true = n_neigh = 0
    for art in corpus.articles[::3]:
        for k, line in enumerate(art.lines[:-1]):
            ru = corpus.line("ru", line)
            true += lex.links(ru, corpus.line("ar", line)) > 0
            neigh += lex.links(ru, corpus.line("ar", art.lines[k + 1])) > 0
            n_true += 1
            n_neigh += 1
    assert true / n_true >= 0.5 and neigh / n_neigh <= 0.2, (true / n_true, neigh / n_neigh)


def test_lexicon_stems_strip_arabic_clitics_and_split_glued_words():
    from aligner import lexicon

    assert lexicon.stem("والسوبرماركت", "Arabic") == lexicon.stem("سوبرماركت", "Arabic")
    assert lexicon.stem("Супермаркета", "Cyrillic") == "суперм"[:5]
    assert lexicon.stem("и", "Cyrillic") is None


def test_lexicon_value_is_missing_evidence_where_a_side_has_no_known_stem():
    from aligner import lexicon

    lex = lexicon.load("ru", "ar")
    assert float(lex.value(0, 0)) == 0.0  # nothing known on one side: no evidence either way
    assert float(lex.value(0, 5)) < 0 < float(lex.value(2, 5))
    for row in lex.llr:  # more shared entries are never less evidence
        assert list(row) == sorted(row)


def test_lexicon_file_is_what_the_build_script_makes():
    """The shipped tables come from `scripts/build_lexicon.py` on FLORES-200 dev, unedited."""
    import importlib.util
    from pathlib import Path

    import pytest

    from aligner import lexicon
    from aligner.signals import script

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("build_lexicon", root / "scripts" / "build_lexicon.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if not mod.FLORES.is_dir():
        pytest.skip("FLORES-200 dev not present")
    lines = {lang: (mod.FLORES / name).read_text(encoding="utf-8").splitlines() for lang, name in mod.FILES.items()}
    src = [lexicon.stems(x, script("ru")) for x in lines["ru"]]
    tgt = [lexicon.stems(x, script("ar")) for x in lines["ar"]]
    lex = lexicon.load("ru", "ar")
    assert [list(r) for r in lex.llr] == mod.llr_table(src, tgt)
    assert sum(len(v) for v in lex.entries.values()) == sum(len(v) for v in mod.learn(src, tgt).values())
