"""What the viewer shows, computed without any widget: rows, filters, search hits, spans.

Kept apart from the Textual code so the rules an editor relies on (what counts as
divergent, what a filter keeps, where a search hit or a flagged span falls) are plain
functions with plain tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from aligner import names
from aligner.entities import Entity, extract
from aligner.normalize import fold_char, match_key
from aligner.report.common import shown_flags
from aligner.types import FLAG_KINDS, Comparison, Document, Flag, Pair

# A body pair at or above this divergence is "divergent" even without a flag.
DIVERGENT_AT = 0.35
# Row tints, by how far the two versions diverge (dark theme; the cursor paints over them).
HIGH_AT = 0.6

FLAG_STYLES: dict[str, str] = {
    "number": "bold black on #e5c07b",
    "date": "bold black on #e5c07b",
    "name": "bold black on #61afef",
    "quote": "bold black on #c678dd",
    "attribution": "bold black on #c678dd",
    "meaning": "underline",
    "length": "underline",
    "omission": "bold",
    "addition": "bold",
}
SEARCH_STYLE = "bold black on #98c379"
FLAG_CODES: dict[str, str] = {
    "omission": "omit",
    "addition": "add",
    "number": "num",
    "date": "date",
    "name": "name",
    "quote": "quot",
    "attribution": "attr",
    "meaning": "mean",
    "length": "len",
}


def is_unmatched(pair: Pair) -> bool:
    return not pair.src or not pair.tgt


def is_divergent(pair: Pair, notes: bool = False) -> bool:
    """Pairs an editor should look at: a flag the reader sees (whatever the section: an
    appended trailer is an addition), or a body pair unmatched or scored high. Notes count
    only when shown."""
    if shown_flags(pair, notes):
        return True
    if pair.section != "body":
        return False
    return is_unmatched(pair) or pair.divergence >= DIVERGENT_AT


def severity(pair: Pair, notes: bool = False) -> str:
    """"high" | "medium" | "low" | "meta": picks the row tint and the divergence colour.
    A major flag tints the row red, a minor one (or a shown note) amber."""
    flags = shown_flags(pair, notes)
    if flags and flags[0][1].severity == "major" and (is_unmatched(pair) or pair.divergence >= HIGH_AT or pair.section != "body"):
        return "high"
    if pair.section != "body":
        return "medium" if flags else "meta"
    if not flags and is_unmatched(pair):
        return "high"
    if flags or is_divergent(pair, notes):
        return "medium"
    return "low"


@dataclass(frozen=True, slots=True)
class Filter:
    """Which pairs the table lists: all, divergent only, or those with one flag kind."""

    mode: str = "all"  # all | divergent | kind
    kind: str | None = None
    notes: bool = False  # whether notes are shown (they then count as divergent)

    @property
    def label(self) -> str:
        if self.mode == "kind":
            return f"flag: {self.kind}"
        return {"all": "all pairs", "divergent": "divergent only"}.get(self.mode, self.mode)

    def keeps(self, pair: Pair) -> bool:
        if self.mode == "divergent":
            return is_divergent(pair, self.notes)
        if self.mode == "kind":
            return any(f.kind == self.kind for _, f in shown_flags(pair, self.notes))
        return True


def filter_choices(comparison: Comparison, notes: bool = False) -> list[tuple[Filter, int]]:
    """Every filter worth offering, with how many rows it would keep (kinds in use only)."""
    pairs = comparison.pairs
    divergent = Filter("divergent", notes=notes)
    out = [(Filter("all", notes=notes), len(pairs)), (divergent, sum(map(divergent.keeps, pairs)))]
    used = {f.kind for p in pairs for _, f in shown_flags(p, notes)}
    kinds = [k for k in FLAG_KINDS if k in used] + sorted(used - set(FLAG_KINDS))
    for kind in kinds:
        flt = Filter("kind", kind, notes)
        out.append((flt, sum(map(flt.keeps, pairs))))
    return out


def visible_rows(comparison: Comparison, flt: Filter) -> list[int]:
    """Indices into `comparison.pairs` that the filter keeps, in document order."""
    return [i for i, p in enumerate(comparison.pairs) if flt.keeps(p)]


@dataclass(slots=True)
class Cell:
    """One side of a pair as shown: its sentences joined by a space, plus the map from
    document offsets to cell offsets (so flags, which carry document spans, can be painted)."""

    text: str
    pieces: list[tuple[int, int, int]] = field(default_factory=list)  # (cell_start, doc_start, doc_end)

    def span(self, doc_span: tuple[int, int] | None) -> tuple[int, int] | None:
        """A document span clipped to this cell, in cell offsets; None if outside it."""
        if not doc_span:
            return None
        a, b = doc_span
        hits = []
        for cell_start, ds, de in self.pieces:
            lo, hi = max(a, ds), min(b, de)
            if lo < hi:
                hits.append((cell_start + lo - ds, cell_start + hi - ds))
        if not hits:
            return None
        return hits[0][0], hits[-1][1]


def cell_for(doc: Document, ids: tuple[int, ...], fallback: str) -> Cell:
    """Build the cell from the document's own sentences; the pair text if ids do not resolve."""
    by_id = {s.id: s for s in doc.sentences}
    if not ids or not all(i in by_id for i in ids):
        return Cell(fallback)
    parts, pieces, pos = [], [], 0
    for i in ids:
        s = by_id[i]
        if parts:
            pos += 1
        pieces.append((pos, s.start, s.end))
        parts.append(s.text)
        pos += len(s.text)
    return Cell(" ".join(parts), pieces)


def flag_spans(cell: Cell, flags: list[Flag], side: str) -> list[tuple[int, int, str]]:
    """(start, end, style) for each flag with a span on `side` ("src" or "tgt")."""
    out = []
    for f in flags:
        span = cell.span(f.src_span if side == "src" else f.tgt_span)
        if span and span[0] < span[1]:
            out.append((span[0], span[1], FLAG_STYLES.get(f.kind, "underline")))
    return out


def find(text: str, query: str) -> list[tuple[int, int]]:
    """Offsets of `query` in `text`, matched loosely (case, Arabic letter variants and
    diacritics, Arabic-Indic digits, typographic quotes) but reported on the original text."""
    needle = match_key(query)
    if not needle or not text:
        return []
    folded: list[str] = []
    owner: list[int] = []
    for i, ch in enumerate(text):
        key = fold_char(ch)
        folded.append(key)
        owner.extend([i] * len(key))
    hay = "".join(folded)
    hits, start = [], 0
    while (k := hay.find(needle, start)) >= 0:
        end = k + len(needle)
        hits.append((owner[k], owner[end - 1] + 1))
        start = end
    return hits


# Arabic proclitics (and, with, for, so, like, the) a name or place may carry in running text.
AR_CLITICS: tuple[str, ...] = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")


@lru_cache(maxsize=4096)
def _entities(text: str, lang: str) -> tuple[Entity, ...]:
    return tuple(extract(text, lang))


def _word_forms(word: str) -> list[tuple[int, str]]:
    """(offset, form) of a word as written and without one Arabic proclitic."""
    forms = [(0, word)]
    if names.script_of(word) is names.Script.ARABIC:
        forms += [(len(c), word[len(c) :]) for c in AR_CLITICS if word.startswith(c) and len(word) - len(c) >= 3]
    return forms


def entity_hits(text: str, lang: str, query: str) -> list[tuple[int, int]]:
    """Spans of `text` that name what `query` names in another script, by the keys the
    aligner matches with: a place with the same gazetteer key (Токио = طوكيو), a name
    with a matching consonant skeleton (Такаити = تاكايشي). Every word of the query must
    be found; same-script words are left to `find`."""
    words = regex.findall(r"\w{3,}", query)
    if not words or not text:
        return []
    out: list[tuple[int, int]] = []
    for word in words:
        wlang = names.script_of(word)
        hits: list[tuple[int, int]] = []
        keys = {e.key for e in _entities(word, wlang) if e.kind == "place"}
        if keys:
            hits += [(e.start, e.end) for e in _entities(text, lang) if e.kind == "place" and e.key in keys]
        for m in regex.finditer(r"\w{3,}", text):
            if (m.start(), m.end()) in hits or names.script_of(m.group()) == wlang:
                continue
            for cut, form in _word_forms(m.group()):
                if names.same_name(word, wlang, form, names.script_of(form)):
                    hits.append((m.start() + cut, m.end()))
                    break
        if not hits:
            return []
        out += hits
    return sorted(set(out))


def search_hits(text: str, lang: str, query: str) -> list[tuple[int, int]]:
    """What search highlights: loose matches of the query, plus cross-script entity hits."""
    return sorted(set(find(text, query)) | set(entity_hits(text, lang, query)))


def pair_matches(pair: Pair, query: str, src_lang: str = "", tgt_lang: str = "") -> bool:
    """Search looks at both sides (across scripts through entity keys) and at the pivots."""
    if any(find(t, query) for t in (pair.src_text, pair.tgt_text, pair.src_pivot or "", pair.tgt_pivot or "")):
        return True
    return bool(entity_hits(pair.src_text, src_lang, query) or entity_hits(pair.tgt_text, tgt_lang, query))
