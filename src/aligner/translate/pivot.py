"""Make English pivots for both documents: translation memory first, then the cache, then MT.

The pivots feed alignment (chrF signal), divergence scoring and the side-by-side view. They
are indexed by sentence id; an English document pivots to itself; a sentence nobody could
translate (a TM miss in `tm` mode) has the pivot None, and the weight-free signals carry it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from aligner.lang import PIVOT
from aligner.errors import InputError, ModelError
from aligner.translate.cache import TranslationCache
from aligner.translate.ct2 import CT2Translator
from aligner.translate.models import ModelInfo, find_model
from aligner.translate.options import MTOptions
from aligner.translate.tm import TranslationMemory
from aligner.types import Document, MTInfo

Progress = Callable[[int, int], None]
Pivots = list[str | None]


def _install_hint(langs: list[str]) -> str:
    from aligner.translate.models import OPUS_MT

    if all(lang in OPUS_MT for lang in langs):
        return f"run `aligner models install {' '.join(langs)}` (or `aligner models convert DIR`)"
    pair = f"{next(lang for lang in langs if lang not in OPUS_MT)}-{PIVOT}"
    return f"convert an OPUS-MT {pair} download with `aligner models convert DIR --pair {pair}`"


def _translators(langs: list[str], options: MTOptions) -> tuple[dict[str, CT2Translator], list[str]]:
    """One translator per language (a multi-pair model is loaded once); and missing langs."""
    found: dict[str, ModelInfo] = {}
    missing: list[str] = []
    for lang in langs:
        info = find_model(lang, PIVOT, options.models_dir)
        if info is None:
            missing.append(lang)
        else:
            found[lang] = info
    if missing:
        return {}, missing
    by_path: dict[str, CT2Translator] = {}
    out: dict[str, CT2Translator] = {}
    for lang, info in found.items():
        key = str(info.path)
        if key not in by_path:
            by_path[key] = CT2Translator(
                info,
                device=options.device,
                compute_type=options.compute_type,
                beam_size=options.beam_size,
                max_batch_tokens=options.max_batch_tokens,
                threads=options.threads,
                max_input_tokens=options.max_input_tokens,
            )
        out[lang] = by_path[key]
    return out, []


class _Counter:
    """Sentences done / total across both documents, for the TUI's progress bar."""

    def __init__(self, total: int, progress: Progress | None):
        self.total, self.done, self.progress = total, 0, progress

    def add(self, n: int) -> None:
        self.set(self.done + n)

    def set(self, done: int) -> None:
        self.done = min(self.total, done)
        if self.progress:
            self.progress(self.done, self.total)


def _pivot_one(
    doc: Document,
    translator: CT2Translator | None,
    tm: TranslationMemory | None,
    cache: TranslationCache | None,
    counter: _Counter,
) -> tuple[Pivots, int]:
    """Pivots for one document; returns them and the number of TM hits."""
    n = len(doc.sentences)
    if doc.lang == PIVOT:
        return [s.text for s in doc.sentences], 0
    pivots: Pivots = [None] * n
    todo: list[tuple[int, str]] = []
    tm_hits = 0
    for pos, s in enumerate(doc.sentences):
        idx = s.id if 0 <= s.id < n else pos
        hit = tm.lookup(s.text) if tm else None
        if hit is not None:
            pivots[idx] = hit
            tm_hits += 1
        else:
            todo.append((idx, s.text))
    counter.add(tm_hits)
    if translator is None or not todo:
        counter.add(len(todo))
        return pivots, tm_hits
    texts = [t for _, t in todo]
    cached = cache.get_many(translator.identity, texts) if cache else {}
    counter.add(sum(1 for t in texts if t in cached))
    missing = list(dict.fromkeys(t for t in texts if t not in cached))
    base = counter.done
    fresh = translator.translate(missing, progress=lambda d, _t: counter.set(base + d)) if missing else []
    counter.set(base + sum(1 for t in texts if t not in cached))  # repeated sentences count too
    if cache and missing:
        cache.put_many(translator.identity, zip(missing, fresh))
    got = {**cached, **dict(zip(missing, fresh))}
    for idx, text in todo:
        pivots[idx] = got[text]
    return pivots, tm_hits


def pivot_documents(
    src: Document,
    tgt: Document,
    options: MTOptions | None = None,
    progress: Progress | None = None,
) -> tuple[Pivots | None, Pivots | None, MTInfo]:
    """English pivots for `src` and `tgt` (None lists when MT is off) and what made them."""
    options = options or MTOptions()
    if options.mode == "off":
        return None, None, MTInfo(mode="off")
    tm = TranslationMemory.load(options.tm_paths) if options.tm_paths else None
    if options.mode == "tm" and tm is None:
        raise InputError("--mt tm needs a translation memory: --tm FILE (TSV, JSONL or TMX)")

    langs = list(dict.fromkeys(d.lang for d in (src, tgt) if d.lang != PIVOT))
    notices: list[str] = []
    translators: dict[str, CT2Translator] = {}
    mode = options.mode
    if mode in ("auto", "ct2") and langs:
        translators, missing = _translators(langs, options)
        if missing:
            pairs = ", ".join(f"{lang}-en" for lang in missing)
            if mode == "ct2":
                raise ModelError(f"no translation model for {pairs}; {_install_hint(missing)}")
            if tm is None:
                notice = f"MT is off: no model for {pairs}; {_install_hint(missing)} to enable pivot translation"
                return None, None, MTInfo(mode="off", notice=notice)
            mode = "tm"
            notices.append(f"no model for {pairs}, so only the translation memory is used; {_install_hint(missing)}")
        else:
            mode = "ct2"
            for name in dict.fromkeys(t.info.name for t in translators.values() if not t.info.translates):
                notices.append(f"{name} is a test model that does not translate: its pivots are gibberish")
    elif mode == "auto":
        mode = "tm" if tm else "ct2"

    cache = None
    if translators and options.use_cache:
        try:
            cache = TranslationCache(options.cache_dir)
        except (sqlite3.Error, OSError) as exc:
            notices.append(f"translation cache unavailable ({exc}); translating without it")

    total = sum(len(d.sentences) for d in (src, tgt) if d.lang != PIVOT)
    counter = _Counter(total, progress)
    try:
        src_piv, src_tm = _pivot_one(src, translators.get(src.lang), tm, cache, counter)
        tgt_piv, tgt_tm = _pivot_one(tgt, translators.get(tgt.lang), tm, cache, counter)
    except sqlite3.Error as exc:
        raise ModelError(f"translation cache {cache.path if cache else ''} failed: {exc}") from None
    finally:
        if cache:
            cache.close()

    if mode == "tm" and tm is not None:
        missed = [
            f"{d.lang} {sum(p is None for p in piv)}/{len(piv)}"
            for d, piv in ((src, src_piv), (tgt, tgt_piv))
            if d.lang != PIVOT and any(p is None for p in piv)
        ]
        if missed:
            notices.append(f"translation memory has no entry for some sentences ({', '.join(missed)} without pivot)")

    labels = list(dict.fromkeys(t.label for t in translators.values()))
    backend_parts = ([tm.label] if tm else []) + labels
    return src_piv, tgt_piv, MTInfo(
        mode=mode,
        backend=" + ".join(backend_parts) or None,
        notice="; ".join(notices) or None,
        src_model=translators[src.lang].info.name if src.lang in translators else None,
        tgt_model=translators[tgt.lang].info.name if tgt.lang in translators else None,
    )
