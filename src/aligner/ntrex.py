"""ntrex128-dev as real articles: the shared test bed for alignment and false-alarm figures.

NTREX-128 (CC BY-SA 4.0, see `../shared/data/ntrex128-dev/README.md`) is line-parallel: line i
of every language translates line i of the English. We lay each document out as a wire story
would look: the headline alone, then paragraphs of 1-3 lines (the same layout for every
language of a document, drawn from a generator seeded by the document id), and segment the
result with the real segmenter. Gold is "a SRC and a TGT sentence are linked when they share
a gold line", so splitting a line differently is not penalised.

Used by `scripts/evaluate.py --ntrex`, `scripts/false_alarms.py` and the tests.
"""

from __future__ import annotations

import os
import random
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aligner import lang as languages
from aligner.segment import segment
from aligner.types import Document

DATA_DIR = Path(os.environ.get("ALIGNER_NTREX_DIR")
                or Path(__file__).resolve().parents[3] / "shared" / "data" / "ntrex128-dev")

def corpus_files(root: Path) -> dict[str, str]:
    """aligner's language code -> the file of the corpus: ntrex128 names its files by ISO
    639-3 code (rus, arb, fas), which CLDR's language aliases map to ours."""
    from babel.core import get_global

    aliases = get_global("language_aliases")
    return {aliases[p.stem]: p.stem for p in sorted(root.glob("*.txt")) if languages.known(aliases.get(p.stem))}


FILES: dict[str, str] = corpus_files(DATA_DIR)

Line = int | None  # a gold line number of the corpus, or None for an inserted foreign line


def data_dir(path: str | Path | None = None) -> Path:
    """The ntrex128-dev folder: `path`, or `../shared/data/ntrex128-dev` beside the repo."""
    return Path(path) if path else DATA_DIR


def available(path: str | Path | None = None) -> bool:
    return (data_dir(path) / "DOCUMENT_IDS.tsv").is_file()


@dataclass(frozen=True, slots=True)
class Article:
    """One ntrex document: its id, its corpus lines, and its paragraph layout."""

    doc_id: str
    lines: tuple[int, ...]  # corpus line numbers, in order; lines[0] is the headline
    paragraphs: tuple[tuple[int, ...], ...]  # corpus line numbers per paragraph


class Corpus:
    """All lines of every language, plus the documents, read once."""

    def __init__(self, path: str | Path | None = None):
        root = data_dir(path)
        ids = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
        self.doc_ids = [line.split("\t")[0].strip() for line in ids]
        self._root = root
        self._files = corpus_files(root)
        self._lines: dict[str, list[str]] = {}
        self.articles = _layout(self.doc_ids)

    def lines(self, lang: str) -> list[str]:
        if lang not in self._lines:
            text = (self._root / f"{self._files[lang]}.txt").read_text(encoding="utf-8")
            self._lines[lang] = text.split("\n")[: len(self.doc_ids)]
        return self._lines[lang]

    def line(self, lang: str, n: int) -> str:
        return self.lines(lang)[n].strip()


def _layout(doc_ids: Sequence[str]) -> list[Article]:
    by_doc: dict[str, list[int]] = {}
    for n, d in enumerate(doc_ids):
        by_doc.setdefault(d, []).append(n)
    out = []
    for doc_id, lines in by_doc.items():
        rng = random.Random(zlib.crc32(doc_id.encode()))
        paras: list[tuple[int, ...]] = [(lines[0],)]
        k = 1
        while k < len(lines):
            size = rng.choice((1, 2, 2, 3))
            paras.append(tuple(lines[k : k + size]))
            k += size
        out.append(Article(doc_id, tuple(lines), tuple(paras)))
    return out


# ---------------------------------------------------------------------------------------------
# One side of an article as a segmented document, with the gold line of every sentence
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Side:
    doc: Document
    units: list[tuple[Line, str]]  # what the text was built from, in order
    line_of: list[frozenset[Line]]  # per sentence id: the gold lines it overlaps
    origin_of: list[tuple[int, ...]]  # per sentence id: the corpus lines its text came from


@dataclass(slots=True)
class ArticlePair:
    article: Article
    src: Side
    tgt: Side
    notes: dict[str, object] = field(default_factory=dict)  # what an injection did


def build_side(units: Sequence[tuple[Line, str]], paragraph_of: Sequence[float], lang: str,
               origins: Sequence[int] | None = None) -> Side:
    """Text from (line, text) units, units sharing a paragraph number joined by a space.
    `origins` names the corpus line each unit's text came from (default: its gold line)."""
    parts: list[str] = []
    spans: list[tuple[int, int, Line, int]] = []
    pos = 0
    origins = list(origins) if origins is not None else [ln if ln is not None else -1 for ln, _ in units]
    for k, (line, text) in enumerate(units):
        if k:
            sep = " " if paragraph_of[k] == paragraph_of[k - 1] else "\n\n"
            parts.append(sep)
            pos += len(sep)
        parts.append(text)
        spans.append((pos, pos + len(text), line, origins[k]))
        pos += len(text)
    doc = segment("".join(parts), lang)
    line_of, origin_of = [], []
    for s in doc.sentences:
        hit = [(ln, o) for a, b, ln, o in spans if a < s.end and s.start < b]
        line_of.append(frozenset(ln for ln, _ in hit))
        origin_of.append(tuple(o for _, o in hit if o >= 0))
    return Side(doc, list(units), line_of, origin_of)


def side_units(corpus: Corpus, article: Article, lang: str) -> tuple[list[tuple[Line, str]], list[int]]:
    units, par_of = [], []
    for p, para in enumerate(article.paragraphs):
        for n in para:
            units.append((n, corpus.line(lang, n)))
            par_of.append(p)
    return units, par_of


Edit = Callable[[list[tuple[Line, str]], list[int], random.Random], dict[str, object]]


def article_pair(corpus: Corpus, article: Article, src_lang: str, tgt_lang: str,
                 tgt_edit: Edit | None = None, seed: int = 0) -> ArticlePair:
    """SRC and TGT of one article; `tgt_edit` may change TGT's units in place first
    (it may set notes["origins"], the corpus line each TGT unit's text came from)."""
    su, sp = side_units(corpus, article, src_lang)
    tu, tp = side_units(corpus, article, tgt_lang)
    notes: dict[str, object] = {}
    if tgt_edit is not None:
        rng = random.Random(zlib.crc32(f"{article.doc_id}:{seed}".encode()))
        notes = tgt_edit(tu, tp, rng)
    origins = notes.pop("origins", None)
    return ArticlePair(article, build_side(su, sp, src_lang),
                       build_side(tu, tp, tgt_lang, origins), notes)  # type: ignore[arg-type]


def drop_and_insert(corpus: Corpus, article: Article, lang: str) -> Edit:
    """The alignment injection: drop one body line of TGT and insert one line of another
    article (in TGT's language) elsewhere, as a paragraph of its own."""
    others = [n for a in corpus.articles if a.doc_id != article.doc_id for n in a.lines[1:]]

    def edit(units: list[tuple[Line, str]], par_of: list[float], rng: random.Random) -> dict[str, object]:
        if len(units) < 4:
            return {}
        origins = [ln for ln, _ in units]
        k = rng.randrange(1, len(units))
        dropped = units[k][0]
        del units[k], par_of[k], origins[k]
        at = rng.randrange(1, len(units) + 1)
        new_par = par_of[at - 1] + 0.5
        foreign = rng.choice(others)
        units.insert(at, (None, corpus.line(lang, foreign)))
        par_of.insert(at, new_par)
        origins.insert(at, foreign)
        return {"dropped": dropped, "inserted_at": at, "inserted_line": foreign, "origins": origins}

    return edit


def drop_lead(units: list[tuple[Line, str]], par_of: list[float], rng: random.Random) -> dict[str, object]:
    """An edit for `article_pair`: TGT's lead (the line after the headline) dropped, the
    case where a context anchor that follows pulls the SRC lead onto the TGT headline."""
    if len(units) < 3:
        return {}
    dropped = units[1][0]
    del units[1], par_of[1]
    return {"dropped": dropped}


def headlines_kept(pair: ArticlePair, beads: Sequence[tuple[Sequence[int], Sequence[int]]]) -> bool:
    """After `drop_lead`: the two headlines share a bead and the SRC lead stands alone."""
    s, t = pair.src.doc.body(), pair.tgt.doc.body()
    if len(s) < 2 or not t:
        return False
    return (any(s[0].id in a and t[0].id in b for a, b in beads)
            and any(tuple(a) == (s[1].id,) and not b for a, b in beads))


# ---------------------------------------------------------------------------------------------
# Perfect English pivots (the English original stands in for perfect MT)
# ---------------------------------------------------------------------------------------------


def english_pivots(corpus: Corpus, side: Side, share: float = 1.0, seed: int = 0) -> list[str | None]:
    """Per sentence, the English it translates: the English of its line(s), or, where a line
    was split into several sentences, the English line's sentence at the same position when
    the English splits into as many (else None: a pivot perfect MT would not give either).
    `share` < 1 keeps only that share of the pivots (a partial translation memory)."""
    en_split: dict[int, list[str]] = {}
    by_origin: dict[tuple[int, ...], list[int]] = {}
    for i, o in enumerate(side.origin_of):
        by_origin.setdefault(o, []).append(i)
    out: list[str | None] = [None] * len(side.doc.sentences)
    rng = random.Random(seed)
    for origin, ids in by_origin.items():
        if not origin:
            continue
        if len(ids) == 1:
            out[ids[0]] = " ".join(corpus.line(languages.PIVOT, n) for n in origin)
            continue
        if len(origin) == 1:
            n = origin[0]
            if n not in en_split:
                en_split[n] = [s.text for s in segment(corpus.line(languages.PIVOT, n), languages.PIVOT).sentences]
            if len(en_split[n]) == len(ids):
                for i, text in zip(ids, en_split[n]):
                    out[i] = text
    if share < 1.0:
        out = [p if p is not None and rng.random() < share else None for p in out]
    return out


def tm_rows(side: Side, pivots: Sequence[str | None]) -> list[tuple[str, str]]:
    """(sentence, English) rows for a translation memory file (`--mt tm --tm FILE`)."""
    return [(s.text, p) for s, p in zip(side.doc.sentences, pivots) if p]


# ---------------------------------------------------------------------------------------------
# Scoring an alignment of an ArticlePair
# ---------------------------------------------------------------------------------------------

BeadIds = tuple[Sequence[int], Sequence[int]]


@dataclass(slots=True)
class LinkCounts:
    """Sentence-link counts over many articles; `+=` adds another article's."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    sentences: int = 0
    unmatched: int = 0
    unmatched_should: int = 0  # sentences with no counterpart (dropped / inserted lines)
    unmatched_right: int = 0  # ... of which left unmatched

    def __iadd__(self, other: LinkCounts) -> LinkCounts:
        for name in self.__slots__:  # type: ignore[attr-defined]
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def unmatched_share(self) -> float:
        return self.unmatched / self.sentences if self.sentences else 0.0

    def to_dict(self) -> dict[str, float]:
        d = {"precision": self.precision, "recall": self.recall, "f1": self.f1,
             "unmatched_share": self.unmatched_share}
        if self.unmatched_should:
            d["orphans_left_unmatched"] = self.unmatched_right / self.unmatched_should
        return {k: round(v, 4) for k, v in d.items()}


def gold_links(pair: ArticlePair) -> set[tuple[int, int]]:
    by_line: dict[int, list[int]] = {}
    for t, lines in enumerate(pair.tgt.line_of):
        for ln in lines:
            if ln is not None:
                by_line.setdefault(ln, []).append(t)
    links = set()
    for s, lines in enumerate(pair.src.line_of):
        for ln in lines:
            for t in by_line.get(ln, ()) if ln is not None else ():
                links.add((s, t))
    return links


def score_links(pair: ArticlePair, beads: Iterable[BeadIds]) -> LinkCounts:
    """Segmentation-robust link precision/recall, unmatched share, orphans left unmatched."""
    gold = gold_links(pair)
    pred = {(s, t) for bs, bt in beads for s in bs for t in bt}
    matched_s = {s for s, _ in pred}
    matched_t = {t for _, t in pred}
    linked_s = {s for s, _ in gold}
    linked_t = {t for _, t in gold}
    n_s, n_t = len(pair.src.doc.sentences), len(pair.tgt.doc.sentences)
    orphans_s = [s for s in range(n_s) if s not in linked_s]
    orphans_t = [t for t in range(n_t) if t not in linked_t]
    return LinkCounts(
        predicted=len(pred),
        correct=len(pred & gold),
        gold=len(gold),
        found=len(pred & gold),
        sentences=n_s + n_t,
        unmatched=(n_s - len(matched_s)) + (n_t - len(matched_t)),
        unmatched_should=len(orphans_s) + len(orphans_t),
        unmatched_right=sum(s not in matched_s for s in orphans_s) + sum(t not in matched_t for t in orphans_t),
    )
