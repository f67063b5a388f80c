"""Word-level evidence of translation: a small bilingual lexicon learned from parallel text.

Names, figures and places are sparse in plain prose, and without MT a dropped line's
neighbour then looks as good a partner as its own translation. Common content words still
carry over (супермаркет / السوبر ماركت, выжила / نجت): a pair of word stems that co-occur
in the lines of a parallel corpus far more than by chance is a lexicon entry, and the number
of entries a sentence pair shares is evidence it is a translation.

The lexicon files (`aligner/data/lexicon-SRC-TGT.tsv`) are built by
`scripts/build_lexicon.py` from FLORES-200 dev (CC BY-SA 4.0): stems co-occurring in at least
3 lines with Dice >= 0.4. Their header holds the log-odds of sharing 0, 1, 2, 3+ entries for
a line and its translation against a line and its translation's *neighbour* (the competitor
after a drop), measured by two-fold cross-validation on FLORES (never on the test data),
per *opportunity*: how many stems of the poorer side the lexicon knows (1, 2-3, 4+). A pair
where one side has no known stem gets no evidence (missing evidence, not a mismatch).
Without a lexicon for a language pair this module says nothing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import regex

from aligner.lang import Script

DATA = Path(__file__).resolve().parent / "data"
STEM_LETTERS = {Script.ARABIC: 4}  # letters kept of a word's stem (others: DEFAULT_STEM_LETTERS)
DEFAULT_STEM_LETTERS = 5
MIN_WORD = 3  # shorter words (particles, pronouns) are left out
# Clitics written onto an Arabic-script word (and, so, with, for, like, the): the stem
# starts after them. Suffixes are cut off by the stem length.
CLITICS = {Script.ARABIC: ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ل", "ك")}
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*")
_MARKS = regex.compile(r"[\p{M}\u0640]")  # diacritics and tatweel
OPPORTUNITY = (1, 2, 4)  # known stems on the poorer side from which each row of the table applies


def stem_letters(script: str) -> int:
    """Letters a stem keeps: a word at least this long is cut, a shorter one is whole."""
    return STEM_LETTERS.get(script, DEFAULT_STEM_LETTERS)


def _cut(w: str, script: str) -> str | None:
    """A marks-free, case-folded word without its clitic, cut to the stem length; None for a
    short word."""
    for c in CLITICS.get(script, ()):
        if w.startswith(c) and len(w) - len(c) >= MIN_WORD:
            w = w[len(c):]
            break
    return w[: stem_letters(script)] if len(w) >= MIN_WORD else None


@functools.lru_cache(maxsize=200_000)
def stem(word: str, script: str) -> str | None:
    """The stem a lexicon entry is keyed by: case-folded, without diacritics and clitics,
    cut to a few letters; None for a short word."""
    return _cut(_MARKS.sub("", word).casefold(), script)


@functools.lru_cache(maxsize=50_000)
def stems(text: str, script: str, lang: str | None = None) -> frozenset[str]:
    """Stems of a text's words, as `stem` gives them, with the marks and case taken off the
    whole text at once (Arabic written together is split first: `tokens.unglue`, asked with
    the text's `lang` as extraction asks, so its memo answers)."""
    from aligner.tokens import unglue

    words = _WORD.findall(_MARKS.sub("", unglue(text, lang).text).casefold())
    return frozenset(x for x in (_cut(w, script) for w in words) if x)


def opportunity_row(known) -> np.ndarray:
    """Row of the log-odds table for this many known stems on the poorer side (-1: none)."""
    return np.searchsorted(np.asarray(OPPORTUNITY), np.asarray(known), side="right") - 1


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Stem pairs of one language pair, and the log-odds of sharing k of them."""

    entries: dict[str, frozenset[str]]  # SRC stem -> TGT stems
    llr: tuple[tuple[float, ...], ...]  # per OPPORTUNITY row: log-odds of 0, 1, 2, 3+ shared entries
    src_script: str
    tgt_script: str
    targets: frozenset[str]  # every TGT stem of an entry

    src_known: frozenset[str]  # every SRC stem of an entry
    meets: dict[str, frozenset[str]]  # TGT stem -> the SRC stems whose entries hold it

    def known(self, stem_set: frozenset[str], side_src: bool) -> int:
        """Stems of one side's text the lexicon knows."""
        return len(stem_set & (self.src_known if side_src else self.targets))

    def met(self, tgt_stems: frozenset[str]) -> frozenset[str]:
        """The SRC stems a TGT text's stems answer: a SRC text shares as many entries with
        it as it has of these (each SRC stem counts once)."""
        hit = [self.meets[y] for y in tgt_stems & self.targets]
        return frozenset().union(*hit) if hit else frozenset()

    def links(self, src_text: str, tgt_text: str) -> int:
        """Entries shared by two texts (each SRC stem counts once)."""
        return len(stems(src_text, self.src_script) & self.met(stems(tgt_text, self.tgt_script)))

    def value(self, count, known) -> np.ndarray:
        """Log-odds of `count` shared entries where the poorer side has `known` stems the
        lexicon knows (arrays welcome); 0 where it knows none."""
        table = np.asarray(self.llr)
        row = opportunity_row(known)
        col = np.minimum(np.asarray(count, dtype=np.int64), table.shape[1] - 1)
        return np.where(row >= 0, table[np.maximum(row, 0), col], 0.0)

    def counts(self, src_sets, met_sets, window=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sparse (s, t, shared entries) for every sentence pair sharing one, from the SRC
        stem sets and the TGT sentences' `met` sets, with TGT sentences restricted to
        `window(s_array) -> (t_lo, t_hi)` (the aligner's band): a key overlap, SRC stems
        as keys (`signals.key_overlaps`, vectorised and linear in the band)."""
        from aligner.signals import KeyIndex, key_overlaps

        src = [dict.fromkeys(x & self.src_known, 1.0) for x in src_sets]
        tgt = [dict.fromkeys(x, 1.0) for x in met_sets]
        index = KeyIndex(src, tgt, np.zeros(len(src)), np.zeros(len(tgt)), {}, None, None)  # type: ignore[arg-type]
        return key_overlaps(index, window)


def path_for(src_lang: str, tgt_lang: str) -> Path:
    return DATA / f"lexicon-{src_lang}-{tgt_lang}.tsv"


@functools.cache
def load(src_lang: str, tgt_lang: str) -> Lexicon | None:
    """The lexicon of a language pair (either direction of its file), or None."""
    from aligner.signals import script

    for a, b, flip in ((src_lang, tgt_lang, False), (tgt_lang, src_lang, True)):
        p = path_for(a, b)
        if p.is_file():
            break
    else:
        return None
    llr: list[tuple[float, ...]] = []
    entries: dict[str, set[str]] = {}
    for line in p.read_text(encoding="utf-8").splitlines():
        if line.startswith("#llr"):
            llr.append(tuple(float(x) for x in line.split("\t")[1:]))
            continue
        if not line or line.startswith("#"):
            continue
        x, y = line.split("\t")[:2]
        if flip:
            x, y = y, x
        entries.setdefault(x, set()).add(y)
    if not llr:
        return None
    meets: dict[str, set[str]] = {}
    for x, ys in entries.items():
        for y in ys:
            meets.setdefault(y, set()).add(x)
    return Lexicon({k: frozenset(v) for k, v in entries.items()}, tuple(llr), script(src_lang), script(tgt_lang),
                   frozenset(meets), frozenset(entries), {k: frozenset(v) for k, v in meets.items()})
