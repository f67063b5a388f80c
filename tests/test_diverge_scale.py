"""Divergence scoring on long documents: the per-document name index must give exactly what
the per-pair extraction of the context gave (the reference path, kept here), and scoring
must not extract the context again for every pair."""

from __future__ import annotations

import random

import pytest

from aligner import entities
from aligner.align import align
from aligner.diverge import evidence, score
from aligner.evaluation import make_document, split_sentence
from aligner.segment import load_document


def _reference_context_names(self, ids, radius=evidence.CONTEXT_SENTENCES):
    """The old path: extract the joined context of every pair."""
    return entities._doc_names(self.context(ids, radius), self.doc.lang)


def _flags(pairs):
    return [(p.section, p.src, p.tgt, p.divergence, [(f.kind, f.detail, f.src_span, f.tgt_span) for f in p.flags]) for p in pairs]


def _pair(flores, src_lang, n, seed):
    """A FLORES document pair with TGT sentences split, inserted and shuffled locally."""
    rng = random.Random(seed)
    picks = rng.sample(range(len(flores[src_lang])), n)
    tgt = []
    for k in picks:
        if rng.random() < 0.1:
            tgt.append(flores["ar"][rng.randrange(len(flores["ar"]))])
        parts = split_sentence(flores["ar"][k]) if rng.random() < 0.15 else None
        tgt.extend(parts or [flores["ar"][k]])
    # no final stop on some SRC lines: the next sentence's first word is then not initial
    src = [s.rstrip(".") if rng.random() < 0.1 else s for s in (flores[src_lang][k] for k in picks)]
    return make_document(src, src_lang, 4), make_document(tgt, "ar", 4)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_context_windows_equal_whole_window_extraction(flores, lang):
    texts = flores[lang][:400]
    texts = [t.rstrip(".") if k % 7 == 0 else t for k, t in enumerate(texts)]  # unpunctuated ends
    index = entities.ContextNames(texts, lang)
    checked = 0
    for lo in range(0, 380, 9):
        for width in (1, 5, 25):
            want = entities._doc_names(" ".join(texts[lo : lo + width]), lang)
            assert index.window(lo, lo + width) == want, (lo, width)
            checked += len(want)
    assert checked > 200  # the windows do hold names


@pytest.mark.parametrize(("lang", "seed"), [("ru", 1), ("en", 2), ("ru", 3)])
def test_score_equals_reference_on_flores(flores, monkeypatch, lang, seed):
    src, tgt = _pair(flores, lang, 120, seed)
    beads = align(src, tgt)
    fast, fast_summary = score(src, tgt, beads)
    monkeypatch.setattr(evidence._Side, "context_names", _reference_context_names)
    ref, ref_summary = score(src, tgt, beads)
    assert _flags(fast) == _flags(ref)
    assert fast_summary == ref_summary
    assert sum(len(p.flags) for p in fast) > 5


def test_score_equals_reference_on_seed_pair(seed_ru, seed_ar, monkeypatch):
    src, tgt = load_document(seed_ru), load_document(seed_ar)
    beads = align(src, tgt)
    fast, _ = score(src, tgt, beads)
    monkeypatch.setattr(evidence._Side, "context_names", _reference_context_names)
    ref, _ = score(src, tgt, beads)
    assert _flags(fast) == _flags(ref)


def test_context_extracted_once_per_sentence(flores, monkeypatch):
    """The index extracts each body sentence at most once, however many pairs look at it,
    and never extracts a joined window of sentences."""
    src, tgt = _pair(flores, "ru", 150, 4)
    beads = align(src, tgt)
    entities._sentence_name_words.cache_clear()
    windows = []
    monkeypatch.setattr(entities, "_doc_names", lambda text, lang: windows.append(text) or ())
    score(src, tgt, beads)
    assert entities._sentence_name_words.cache_info().misses <= len(src.sentences)
    assert entities._sentence_name_words.cache_info().misses > 100
    assert windows == []
