"""Divergence scoring on long documents: the per-document name index must give exactly what
the per-pair extraction of the context gave (the reference path, kept here), and scoring
must not extract the context again for every pair."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from aligner import entities
from aligner.align import align
from aligner.diverge import evidence, score, wording
from aligner.evaluation import make_document, split_sentence
from aligner.segment import load_document, segment

ROOT = Path(__file__).resolve().parents[1]


def _reference_context_names(self, ids, radius=evidence.CONTEXT_SENTENCES):
    """The old path: extract the joined context of every pair (the body sentences within
    `radius` of the pair's sentences)."""
    lo, hi = min(ids) - radius, max(ids) + radius
    context = " ".join(x.text for x in self.doc.sentences if lo <= x.id <= hi and x.kind == "body")
    return entities._doc_names(context, self.doc.lang)


def _reference_speech(side, ids):
    """The old `wording._speech`: every quote of the document scanned for every pair."""
    sents = side.sentences(ids)
    total = sum(x.end - x.start for x in sents) or 1
    spans = []
    for x in sents:
        for q in side.quotes:
            a, b = max(x.start, q.start), min(x.end, q.end)
            if b > a:
                spans.append((a, b))
    words = [len(evidence._WORD.findall(side.doc.text[q.start : q.end])) for q in side.quotes]
    keep = []
    for sp in spans:
        q = next(q for q in side.quotes if q.start <= sp[0] and sp[1] <= q.end)
        n = words[side.quotes.index(q)]
        share = (sp[1] - sp[0]) / total
        if n >= wording.SPEECH_MIN_WORDS or (n >= 4 and share >= 0.2) or (n >= 3 and share >= 0.3):
            keep.append(sp)
    return sum(b - a for a, b in keep) / total, keep


def _reference_names_sharing_stem(self, stems):
    """The old count in `_person_like`: every name entity of the document compared."""
    lang = self.doc.lang
    return sum(1 for ents in self.ents.values() for o in ents if o.kind == "name" and evidence._stems(o.surface, lang) & stems)


def _reference_arabic_hits(text, wanted, wanted_lang, exclude, strict=frozenset()):
    """`_arabic_hits` with every (name, token) pair sent to `same_name` (no screening)."""
    real = entities._maybe_same
    entities._maybe_same = lambda *a: None
    try:
        return _real_arabic_hits(text, wanted, wanted_lang, exclude, strict)
    finally:
        entities._maybe_same = real


_real_arabic_hits = entities._arabic_hits


@pytest.fixture
def reference(monkeypatch):
    """Switch scoring to the straightforward per-pair implementations."""

    def on():
        monkeypatch.setattr(evidence._Side, "context_names", _reference_context_names)
        monkeypatch.setattr(evidence._Side, "names_sharing_stem", _reference_names_sharing_stem)
        monkeypatch.setattr(wording, "_speech", _reference_speech)
        monkeypatch.setattr(entities, "_arabic_hits", _reference_arabic_hits)

    return on


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
def test_score_equals_reference_on_flores(flores, reference, lang, seed):
    src, tgt = _pair(flores, lang, 120, seed)
    beads = align(src, tgt)
    fast, fast_summary = score(src, tgt, beads)
    reference()
    ref, ref_summary = score(src, tgt, beads)
    assert _flags(fast) == _flags(ref)
    assert fast_summary == ref_summary
    assert sum(len(p.flags) for p in fast) > 5


def test_score_equals_reference_on_seed_pair(seed_ru, seed_ar, reference):
    src, tgt = load_document(seed_ru), load_document(seed_ar)
    beads = align(src, tgt)
    fast, _ = score(src, tgt, beads)
    reference()
    ref, _ = score(src, tgt, beads)
    assert _flags(fast) == _flags(ref)
    assert sum(len(p.flags) for p in fast) == 5


def test_score_equals_reference_on_perturbation_suite(reference):
    """Every perturbed seed pair of scripts/perturb_eval.py scores alike on both paths."""
    spec = importlib.util.spec_from_file_location("perturb_eval", ROOT / "scripts" / "perturb_eval.py")
    perturb = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = perturb
    spec.loader.exec_module(perturb)
    seed = {"src": (perturb.SEEDS / perturb.SRC_FILE).read_text(encoding="utf-8"),
            "tgt": (perturb.SEEDS / perturb.TGT_FILE).read_text(encoding="utf-8")}
    cases = [perturb.apply(perturb.apply(seed, c.base), c.edits) for c in perturb.CASES]
    docs = []
    for texts in cases:
        src, tgt = segment(texts["src"], "ru"), segment(texts["tgt"], "ar")
        docs.append((src, tgt, align(src, tgt)))
    fast = [_flags(score(*d)[0]) for d in docs]
    reference()
    ref = [_flags(score(*d)[0]) for d in docs]
    assert len(cases) >= 30
    assert fast == ref


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


def test_a_paragraph_without_line_breaks_is_read_sentence_by_sentence(monkeypatch):
    """A text of one 'paragraph' over LONG_PARAGRAPH characters (no line breaks) is read
    sentence by sentence, as the aligner's keys read it: extraction once per sentence text
    (memoised), not again over the whole paragraph, which took most of the time on a 5 MB
    line. A quote that runs across two of its sentences is still one quote."""
    filler = "Погода в Москве была тёплой, и жители гуляли по улицам города. " * 900
    text = filler + "«Мы готовы к переговорам. Решение примем до 5 мая», — сказал Дмитрий Песков. " + filler
    doc = segment(text, "ru")
    assert len({x.paragraph for x in doc.sentences}) == 1 and len(text) > evidence.LONG_PARAGRAPH
    seen: list[int] = []
    real = evidence.extract
    monkeypatch.setattr(evidence, "extract", lambda t, lang: seen.append(len(t)) or real(t, lang))
    ents = evidence._extract_document(doc)
    assert max(seen) < 1000, max(seen)  # never the whole paragraph
    assert [e.surface for e in ents if e.kind == "quote"] == ["«Мы готовы к переговорам. Решение примем до 5 мая»"]
    assert sum(e.kind == "place" for e in ents) == 1800
    assert any(e.kind == "date" for e in ents) and [e.surface for e in ents if e.kind == "name"] == ["Дмитрий", "Песков"]
