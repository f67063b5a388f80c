"""What divergence scoring looks at: each document's entities indexed by sentence, and the
small helpers that map entity offsets between a pair's joined text and the document.

Entities come from `aligner.entities`, extracted paragraph by paragraph so a quotation that
spans two sentences stays one quote while an unclosed quotation mark cannot swallow the
next paragraph. All offsets here are offsets into `Document.text`.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from aligner import names
from aligner import lang as languages
from aligner.entities import ContextNames, Entity, extract, quotes
from aligner.normalize import match_key
from aligner.tokens import transliterated, unglue
from aligner.types import Bead, Document, Sentence, Span


COMMON_PLACE_SHARE = 0.2  # a place in more sentences than this anchors nothing
CONTEXT_SENTENCES = 12  # how far around a pair match_names looks for the names it mentions
MAX_QUOTE_SENTENCES = 3  # a "quote" spanning more is stray quotation marks paired up

_NUMERIC_KINDS = {"number": "number", "percent": "number", "year": "date", "date": "date", "month": "date"}


@dataclass(slots=True)
class _Side:
    """One document with its entities indexed by sentence id (offsets into `doc.text`)."""

    doc: Document
    by_id: dict[int, Sentence]
    ents: dict[int, list[Entity]]  # sentence id -> entities starting inside it
    quotes: list[Entity]  # quote entities of the whole document (they may span sentences)
    place_df: dict[str, float]  # share of body sentences mentioning each place key
    _inner: set[str] | None = None
    _starts: list[int] = field(default_factory=list)
    _ids: list[int] = field(default_factory=list)
    _names: ContextNames | None = None
    _body_ids: list[int] = field(default_factory=list)
    _quotes_at: dict[int, list[int]] | None = None
    _quote_words: list[int] = field(default_factory=list)
    _name_stems: dict[str, set[int]] | None = None
    _par_bounds: dict[int, tuple[int, int]] | None = None  # paragraph -> (start, end), see wording
    _par_quotes: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def context_names(self, ids: Sequence[int], radius: int = CONTEXT_SENTENCES) -> tuple[Entity, ...]:
        """The names `match_names` finds in the body sentences within `radius` of some
        sentences (where the other side may look for the names a translation carries),
        offsets into their joined text, from an index that extracts each body sentence once
        (a per-pair extraction of the context made scoring cost ~25 extractions a pair)."""
        if self._names is None:
            body = [x for x in self.doc.sentences if x.kind == "body"]
            self._body_ids = [x.id for x in body]
            self._names = ContextNames([x.text for x in body], self.doc.lang)
        lo = bisect.bisect_left(self._body_ids, min(ids) - radius)
        hi = bisect.bisect_right(self._body_ids, max(ids) + radius)
        return self._names.window(lo, hi)

    def sentence_at(self, offset: int) -> Sentence | None:
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0:
            x = self.by_id[self._ids[k]]
            if x.start <= offset < x.end:
                return x
        return None

    def inner_names(self) -> set[str]:
        """Stems of capitalised names found inside sentences (not as the first word)."""
        if self._inner is None:
            self._inner = set()
            for x in self.doc.sentences:
                for e in self.ents.get(x.id, ()):
                    if e.kind == "name" and _WORD.search(self.doc.text[x.start : e.start]):
                        for m in _WORD.finditer(e.surface):
                            self._inner |= _stems(m.group(), self.doc.lang)
        return self._inner

    def quotes_at(self, sentence_id: int) -> list[int]:
        """Indices into `quotes` of the quotes overlapping one sentence, in `quotes` order
        (indexed once, so a pair never scans every quote of the document)."""
        if self._quotes_at is None:
            self._quotes_at = defaultdict(list)
            self._quote_words = [len(_WORD.findall(self.doc.text[q.start : q.end])) for q in self.quotes]
            for k, q in enumerate(self.quotes):
                i = max(0, bisect.bisect_right(self._starts, q.start) - 1)
                while i < len(self._starts) and self._starts[i] < q.end:
                    x = self.by_id[self._ids[i]]
                    if min(x.end, q.end) > max(x.start, q.start):
                        self._quotes_at[x.id].append(k)
                    i += 1
        return self._quotes_at.get(sentence_id, [])

    def quote_words(self, k: int) -> int:
        """Words inside quote `k` (call `quotes_at` first)."""
        return self._quote_words[k]

    def names_sharing_stem(self, stems: frozenset[str] | set[str]) -> int:
        """How many name entities of the document share a stem with `stems`."""
        if self._name_stems is None:
            self._name_stems = defaultdict(set)
            k = 0
            for ents in self.ents.values():
                for o in ents:
                    if o.kind == "name":
                        for st in _stems(o.surface, self.doc.lang):
                            self._name_stems[st].add(k)
                    k += 1
        return len(set().union(*(self._name_stems.get(st, ()) for st in stems)))

    def common_place(self, key: str) -> bool:
        """A place named in many sentences ('Japan' in an article on Japan) anchors nothing."""
        return self.place_df.get(key, 0.0) > COMMON_PLACE_SHARE

    @classmethod
    def build(cls, doc: Document) -> _Side:
        order = sorted(doc.sentences, key=lambda x: x.start)
        side = cls(doc, {x.id: x for x in doc.sentences}, {}, [], {}, None, [x.start for x in order], [x.id for x in order])
        ents: dict[int, list[Entity]] = defaultdict(list)
        for e in _extract_document(doc):
            if e.kind == "quote":
                first, last = side.sentence_at(e.start), side.sentence_at(max(e.start, e.end - 1))
                if first and last and abs(last.id - first.id) < MAX_QUOTE_SENTENCES:
                    side.quotes.append(e)
                continue
            x = side.sentence_at(e.start)
            if x is not None:
                ents[x.id].append(e)
        side.ents = dict(ents)
        body = [x.id for x in doc.sentences if x.kind == "body"]
        df = Counter(k for i in body for k in {e.key for e in side.ents.get(i, ()) if e.kind == "place"})
        side.place_df = {k: v / max(len(body), 1) for k, v in df.items()}
        return side

    def sentences(self, ids: Sequence[int]) -> list[Sentence]:
        return [self.by_id[i] for i in ids if i in self.by_id]

    def ids_between(self, lo: int, hi: int) -> list[int]:
        """The sentence ids lo..hi that exist, found by id (per pair, with no walk over the
        whole document, which made the name checks quadratic in long documents)."""
        return [k for k in range(lo, hi + 1) if k in self.by_id]

    def entities(self, ids: Sequence[int], kinds: set[str] | None = None) -> list[Entity]:
        out = [e for i in ids for e in self.ents.get(i, ())]
        return [e for e in out if kinds is None or e.kind in kinds]


LONG_PARAGRAPH = 50_000  # characters: a "paragraph" this long is a text without line breaks


def _extract_document(doc: Document) -> list[Entity]:
    """Entities paragraph by paragraph (a quote spanning two sentences stays one quote, but
    an unclosed quote cannot swallow the next paragraph), with offsets into `doc.text`. A
    paragraph longer than LONG_PARAGRAPH (a document with no line breaks) is read sentence by
    sentence, as the aligner's keys already read it (`entities.extract` is memoised), with
    its quotes still found over the whole paragraph."""
    paragraphs: dict[int, list[Sentence]] = defaultdict(list)
    for x in doc.sentences:
        paragraphs[x.paragraph].append(x)
    out: list[Entity] = []
    for sents in paragraphs.values():
        a, b = min(x.start for x in sents), max(x.end for x in sents)
        chunk = doc.text[a:b]
        if not chunk.strip():
            continue
        if b - a <= LONG_PARAGRAPH:
            out.extend(Entity(e.kind, e.key, e.surface, e.start + a, e.end + a) for e in extract(chunk, doc.lang))
            continue
        for x in sents:
            out.extend(Entity(e.kind, e.key, e.surface, e.start + x.start, e.end + x.start)
                       for e in extract(x.text, doc.lang) if e.kind != "quote")
        out.extend(Entity(e.kind, e.key, e.surface, e.start + a, e.end + a) for e in quotes(chunk))
    return sorted(out, key=lambda e: (e.start, -e.end))


def _span(sents: list[Sentence]) -> Span | None:
    return (sents[0].start, sents[-1].end) if sents else None


def _neighbour_ids(beads: list[Bead], i: int, side: str) -> tuple[int, ...]:
    """Sentence ids of one side in the beads just before and after bead i."""
    out: list[int] = []
    for j in (i - 1, i + 1):
        if 0 <= j < len(beads):
            out.extend(getattr(beads[j], side))
    return tuple(out)


def _value_keys(e: Entity) -> list[str]:
    """Comparable values of a numeric/date entity: a year and a bare number of the same
    value match (`2025` vs `2025 года`); a full date also matches its year and month."""
    kind, _, val = e.key.partition(":")
    if kind in ("num", "number", "year"):
        return [f"n:{val}"]
    if kind == "percent":
        return [f"p:{val}"]
    if kind == "month":
        return [f"m:{int(val) if val.isdigit() else val}"]
    if kind == "date":
        if val.startswith("--"):  # a day and month without a year ('1 октября': --10-01)
            val = val[1:]
        parts = val.split("-")
        out = []
        if len(parts) >= 1 and parts[0]:
            out.append(f"n:{parts[0]}")
        if len(parts) >= 2:
            out.append(f"m:{int(parts[1]) if parts[1].isdigit() else parts[1]}")
        if len(parts) >= 3:
            out.append(f"d:{int(parts[2]) if parts[2].isdigit() else parts[2]}")
        return out or [e.key]
    return [e.key]


def _espan(e: Entity | None) -> Span | None:
    return (e.start, e.end) if e is not None else None


def _cover(ents: list[Entity]) -> Span | None:
    return (min(e.start for e in ents), max(e.end for e in ents)) if ents else None


def _surface(side: _Side, ents: list[Entity]) -> str:
    a, b = _cover(ents) or (0, 0)
    return side.doc.text[a:b]


def _joined(side: _Side, ids: Sequence[int]) -> tuple[str, list[tuple[int, int]]]:
    """The sentences joined by a space, with (offset in joined text, offset in document)
    for each sentence so entity offsets from `match_names` map back to the document."""
    parts, marks, pos = [], [], 0
    for x in side.sentences(ids):
        marks.append((pos, x.start))
        parts.append(x.text)
        pos += len(x.text) + 1
    return " ".join(parts), marks


def _to_doc(offset: int, marks: list[tuple[int, int]]) -> int:
    base = marks[0]
    for m in marks:
        if m[0] <= offset:
            base = m
    return base[1] + offset - base[0]


def _shift(e: Entity, marks: list[tuple[int, int]]) -> Entity:
    start = _to_doc(e.start, marks)
    return Entity(e.kind, e.key, e.surface, start, start + (e.end - e.start))


def _doc_span(e: Entity, marks: list[tuple[int, int]]) -> Span:
    start = _to_doc(e.start, marks)
    return (start, start + (e.end - e.start))


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_AR_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_RU_ENDINGS = (
    "ского", "скому", "ском", "ской", "ская", "ские", "ских", "ским", "скую",  # Ноттингемском -> Ноттингем
    "ого", "его", "ому", "ему", "ими", "ыми", "ами", "ями", "ой", "ей", "ом", "ем", "ым", "им", "ую", "ая", "ов",
    "ев", "ах", "ях", "ам", "ям", "их", "ых", "ие", "ые", "а", "я", "у", "ю", "ы", "и", "е", "й",
)


_WORD = regex.compile(r"[\p{L}\p{M}]+")
_LATIN = regex.compile(r"[\p{Latin}\p{M}'’.\- ]+")


@lru_cache(maxsize=200_000)
def _stems(word: str, lang: str) -> frozenset[str]:
    """Forms that count as the same spelling: Arabic proclitics (و/ب/ل/ال...) and Russian
    case endings do not make a name 'spelled differently'. (Memoised: the name checks ask
    for the same words of a document again and again.)"""
    w = match_key(word, lang)
    out = {w}
    script = languages.script(lang)  # uk declines like ru, fa takes proclitics like ar
    if script is languages.Script.ARABIC:
        for p in _AR_PROCLITICS:
            if w.startswith(p) and len(w) - len(p) >= 3:
                out.add(w[len(p) :])
    elif script is languages.Script.CYRILLIC:
        for e in languages.get(lang).inflection_endings or _RU_ENDINGS:
            if w.endswith(e) and len(w) - len(e) >= 3:
                out.add(w[: -len(e)])
        # a soft sign before the ending goes with it (Ливерпуль / Ливерпуля, Феттель / Феттелем)
        out |= {x[:-1] for x in out if x.endswith("ь") and len(x) > 3}
    elif languages.known(lang):  # German -s/-en (Mazedoniens, Fregatten), Turkish 'da
        for e in languages.get(lang).inflection_endings:
            if w.endswith(e) and len(w) - len(e) >= 3:
                out.add(w[: -len(e)])
        head = match_key(names.without_case_suffix(word, lang), lang)  # Devon'daki, Londra'dakiler
        if len(head) >= 3:
            out.add(head)
    return frozenset(out)


LOOSE_NAME_SIMILARITY = 0.75
LOOSE_SKELETON_SIMILARITY = 0.6  # consonant skeletons this close: probably the same name
NATIVE_WORD = -1.2  # `tokens.transliterated` below this: an Arabic word, no transliterated name


def _skeleton_bar(a: str, b: str) -> float:
    """Short skeletons (Исибы: ASB) meet ordinary words too easily (نسبة: NSBH), so they
    must agree more closely than long ones."""
    return LOOSE_SKELETON_SIMILARITY if min(len(a), len(b)) >= 4 else 0.75


def _loosely_present(surface: str, lang: str, other: _Side, ids: Sequence[int], cut: Sequence[Span] = ()) -> bool:
    """Whether some word of the other side's sentences could be this name; not a word inside
    the spans `cut` (offsets into the other document)."""
    text, olang = other.doc.text, other.doc.lang
    words = []
    for x in other.sentences(ids):
        at, inside = x.start, sorted(sp for sp in cut if x.start <= sp[0] and sp[1] <= x.end)
        for a, b in inside:
            words += _WORD.findall(_both_ways(text[at:a], olang))
            at = b
        words += _WORD.findall(_both_ways(text[at:x.end] if inside else x.text, olang))
    return _name_among(surface, lang, words, olang)


def _both_ways(text: str, lang: str) -> str:
    """The text followed by its unglued view (`aligner.tokens`), so a word search finds both
    a glued word's pieces and the word as written."""
    view = unglue(text, lang)
    return text if view.origin is None else text + " " + view.text


def _name_among(surface: str, lang: str, words: Sequence[str], other_lang: str) -> bool:
    """Whether one of `words` could be this name: inflection and clitics stripped, and
    consonant skeletons compared when the names module is unsure."""
    mine = [v for w in _WORD.findall(surface) for v in _stems(w, lang)]
    caseless = names.script_of(surface) is not languages.Script.ARABIC and languages.script(other_lang) is languages.Script.ARABIC
    return any(_could_be(v, lang, word, other_lang, caseless) for word in set(words) for v in mine)


@lru_cache(maxsize=500_000)
def _could_be(v: str, lang: str, word: str, other_lang: str, caseless: bool) -> bool:
    """Whether `word` could be the name stem `v` (see `_name_among`). Memoised: the pairs
    around ask the same names of the same words again and again."""
    # a foreign name is written in Arabic as a transliteration: a plainly Arabic word
    # (الصاعد, "the rising", against Флитвудом) meets it by the loose skeleton only by chance
    native = caseless and transliterated(word) < NATIVE_WORD
    vs = names.skeleton(v, lang)
    for y in _stems(word, other_lang):
        if names.similar(v, lang, y, other_lang, LOOSE_NAME_SIMILARITY):
            return True
        if native:
            continue
        ys = names.skeleton(y, other_lang)
        if len(vs) >= 2 and names.skeletons_close(vs, ys, _skeleton_bar(vs, ys)):
            return True
        # or one of the readings `names` gives each (a final -ем may be a case ending or
        # the name's own: Муалем is ML and MLM, Moualem MLM)
        if len(ys) >= 3 and _variants(v, lang) & _variants(y, other_lang):
            return True
    return False


@lru_cache(maxsize=200_000)
def _variants(word: str, lang: str) -> frozenset[str]:
    return frozenset(names.skeleton_variants(word, lang))
