"""Divergence scoring: how far each aligned pair strays from its counterpart, and why.

`score()` turns the aligner's body beads into reported `Pair`s with a divergence in [0, 1]
and `Flag`s an editor can act on (omission, addition, number, date, name, quote,
attribution, meaning, length), adds the meta/boilerplate sentences as their own pairs, and
hands the body pairs to `aligner.verdict` for the document-level summary.

Everything except `meaning` works weight-free, from the language-neutral entity keys of
`aligner.entities` (numbers, dates, places, names, quotes, attribution cues). English MT
pivots, when present, make the scores sharper (chrF) and turn a suspicious length ratio into
a precise omission/addition, but never change what the weight-free flags mean.

Precision comes first: a flag is raised only on hard evidence (a key present on one side
and absent on the other, with the neighbouring pairs checked so a sentence boundary that the
aligner placed differently is not reported as a missing name or number).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import regex

from aligner import names
from aligner.entities import Entity, NameMatch, extract, match_names
from aligner.normalize import match_key
from aligner.types import Bead, Document, Flag, Pair, Sentence, Span, Summary


@dataclass(frozen=True, slots=True)
class DivergeConfig:
    """Thresholds for flags and per-kind weights for the pair divergence.

    The length norms are the mean and spread of log(chars) relative to English measured on
    FLORES-200 dev (997 sentences): Russian runs ~9% longer than English, Arabic ~12% shorter.
    """

    length_offsets: dict[str, float] = field(default_factory=lambda: {"en": 0.0, "ru": 0.088, "ar": -0.133})
    length_sd: float = 0.18  # sd of the log length ratio per sentence pair (FLORES: 0.16-0.18)
    length_z: float = 3.5  # flag beyond this many sd ...
    length_min_chars: int = 40  # ... and only if the excess is at least this many characters
    pivot_ratio: float = 0.55  # with pivots: shorter side below this share -> omission/addition
    chrf_meaning: float = 30.0  # chrF (0-100) of the pivots below which `meaning` is flagged
    chrf_faithful: float = 60.0  # chrF at or above which the pivots add no divergence
    spelling_similarity: float = 0.8  # two spellings this close are the same name
    weights: dict[str, float] = field(
        default_factory=lambda: {
            "omission": 0.6,  # inside a matched pair; a whole unmatched sentence is 1.0
            "addition": 0.6,
            "number": 0.5,
            "date": 0.5,
            "name": 0.35,
            "spelling": 0.15,  # the same name written two ways within one version
            "quote": 0.3,
            "attribution": 0.4,
            "length": 0.3,
        }
    )
    top_n: int = 5


# ----------------------------------------------------------------------------------------
# Per-document entity index
# ----------------------------------------------------------------------------------------

COMMON_PLACE_SHARE = 0.2
CONTEXT_SENTENCES = 12  # how far around a pair match_names looks for the names it mentions
MAX_QUOTE_SENTENCES = 3

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

    def context(self, ids: Sequence[int], radius: int = CONTEXT_SENTENCES) -> str:
        """The text around some sentences, in which the other side may look for the names
        a translation carries (bounded, so long documents stay linear)."""
        lo, hi = min(ids) - radius, max(ids) + radius
        return " ".join(x.text for x in self.doc.sentences if lo <= x.id <= hi and x.kind == "body")

    def sentence_at(self, offset: int) -> Sentence | None:
        import bisect

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

    def common_place(self, key: str) -> bool:
        """A place named in many sentences ('Japan' in an article on Japan) anchors nothing."""
        return self.place_df.get(key, 0.0) > COMMON_PLACE_SHARE

    @classmethod
    def build(cls, doc: Document) -> _Side:
        by_id = {s.id: s for s in doc.sentences}
        starts = sorted((s.start, s.end, s.id) for s in doc.sentences)
        ents: dict[int, list[Entity]] = defaultdict(list)
        quotes: list[Entity] = []
        for e in _extract_document(doc):
            if e.kind == "quote":
                spanned = sum(1 for s0, s1, _ in starts if s0 < e.end and e.start < s1)
                if spanned <= MAX_QUOTE_SENTENCES:  # longer: stray quotation marks paired up
                    quotes.append(e)
                continue
            for s0, s1, sid in starts:
                if s0 <= e.start < s1:
                    ents[sid].append(e)
                    break
        body = [x.id for x in doc.sentences if x.kind == "body"]
        df = Counter(k for i in body for k in {e.key for e in ents.get(i, ()) if e.kind == "place"})
        place_df = {k: v / max(len(body), 1) for k, v in df.items()}
        order = sorted(doc.sentences, key=lambda x: x.start)
        return cls(doc, by_id, dict(ents), quotes, place_df, None, [x.start for x in order], [x.id for x in order])

    def sentences(self, ids: Sequence[int]) -> list[Sentence]:
        return [self.by_id[i] for i in ids if i in self.by_id]

    def entities(self, ids: Sequence[int], kinds: set[str] | None = None) -> list[Entity]:
        out = [e for i in ids for e in self.ents.get(i, ())]
        return [e for e in out if kinds is None or e.kind in kinds]

    def quoted_share(self, ids: Sequence[int]) -> tuple[float, list[Span]]:
        """Share of the sentences' characters inside quotation marks, and the quoted spans."""
        sents = self.sentences(ids)
        total = sum(s.end - s.start for s in sents) or 1
        inside, spans = 0, []
        for s in sents:
            for q in self.quotes:
                a, b = max(s.start, q.start), min(s.end, q.end)
                if b > a:
                    inside += b - a
                    spans.append((a, b))
        return inside / total, spans


def _extract_document(doc: Document) -> list[Entity]:
    """Entities paragraph by paragraph (a quote spanning two sentences stays one quote, but
    an unclosed quote cannot swallow the next paragraph), with offsets into `doc.text`."""
    paragraphs: dict[int, list[Sentence]] = defaultdict(list)
    for x in doc.sentences:
        paragraphs[x.paragraph].append(x)
    out: list[Entity] = []
    for sents in paragraphs.values():
        a, b = min(x.start for x in sents), max(x.end for x in sents)
        chunk = doc.text[a:b]
        if chunk.strip():
            out.extend(Entity(e.kind, e.key, e.surface, e.start + a, e.end + a) for e in extract(chunk, doc.lang))
    return out


# ----------------------------------------------------------------------------------------
# score(): the public entry point
# ----------------------------------------------------------------------------------------


def score(
    src: Document,
    tgt: Document,
    beads: list[Bead],
    src_pivots: list[str | None] | None = None,
    tgt_pivots: list[str | None] | None = None,
    config: DivergeConfig | None = None,
) -> tuple[list[Pair], Summary]:
    """All pairs in document order (body beads scored and flagged; meta and boilerplate
    sentences as their own pairs) and the document summary with its verdict."""
    from aligner.verdict import summarize

    cfg = config or DivergeConfig()
    s_side, t_side = _Side.build(src), _Side.build(tgt)
    body_pairs = [_pair_for_bead(b, s_side, t_side, src_pivots, tgt_pivots) for b in beads]
    links = flag_pairs(body_pairs, beads, s_side, t_side, cfg)
    flag_spelling(body_pairs, s_side, t_side, cfg, links)
    for p in body_pairs:
        p.divergence = _divergence(p, cfg)
    pairs = _interleave(body_pairs, src, tgt)
    summary = summarize(pairs, beads, s_side, t_side, cfg)
    return pairs, summary


def _pair_for_bead(
    bead: Bead,
    s: _Side,
    t: _Side,
    src_pivots: list[str | None] | None,
    tgt_pivots: list[str | None] | None,
) -> Pair:
    return Pair(
        src=tuple(bead.src),
        tgt=tuple(bead.tgt),
        src_text=" ".join(x.text for x in s.sentences(bead.src)),
        tgt_text=" ".join(x.text for x in t.sentences(bead.tgt)),
        similarity=float(bead.similarity),
        src_pivot=_join_pivots(src_pivots, bead.src),
        tgt_pivot=_join_pivots(tgt_pivots, bead.tgt),
        section="body",
        evidence=dict(bead.evidence),
    )


def _join_pivots(pivots: list[str | None] | None, ids: Sequence[int]) -> str | None:
    if not pivots or not ids:
        return None
    parts = [pivots[i] for i in ids if i < len(pivots)]
    if any(p is None for p in parts):
        return None
    return " ".join(p for p in parts if p) or None


def _span(sents: list[Sentence]) -> Span | None:
    return (sents[0].start, sents[-1].end) if sents else None


# ----------------------------------------------------------------------------------------
# Per-pair flags
# ----------------------------------------------------------------------------------------


def flag_pairs(pairs: list[Pair], beads: list[Bead], s: _Side, t: _Side, cfg: DivergeConfig) -> list[Link]:
    """Fill `pair.flags` for every body pair; return the names matched across pairs for
    `flag_spelling` (flags that need the whole document)."""
    links: list[Link] = []
    for i, (pair, bead) in enumerate(zip(pairs, beads)):
        ss, ts = s.sentences(bead.src), t.sentences(bead.tgt)
        if not ss and not ts:
            continue
        if not ts:
            pair.flags.append(Flag("omission", "SRC sentence has no counterpart in TGT", _span(ss), None))
            continue
        if not ss:
            pair.flags.append(Flag("addition", "TGT sentence has no counterpart in SRC", None, _span(ts)))
            continue
        near_src = _neighbour_ids(beads, i, "src")
        near_tgt = _neighbour_ids(beads, i, "tgt")
        flags: list[Flag] = []
        flags += _numeric_flags(bead, s, t, near_src, near_tgt)
        s_text, s_marks = _joined(s, bead.src)
        t_text, t_marks = _joined(t, bead.tgt)
        nm = match_names(
            s_text, s.doc.lang, t_text, t.doc.lang, src_context=s.context(bead.src), tgt_context=t.context(bead.tgt)
        )
        _record_anchors(pair, bead, s, t, nm)
        links.extend(
            (i, _shift(a, s_marks), _shift(b, t_marks)) for a, b in nm.matched if a.kind == "name" and b.kind == "name"
        )
        # speakers for the attribution check: names on this side only (a matched name means
        # the speaker is still there, however the verb was rendered)
        s_people = [_doc_span(a, s_marks) for a in nm.src_only if a.kind == "name"]
        t_people = [_doc_span(b, t_marks) for b in nm.tgt_only if b.kind == "name"]
        s_named = [_doc_span(a, s_marks) for a, _ in nm.matched if a.kind == "name"]
        t_named = [_doc_span(b, t_marks) for _, b in nm.matched if b.kind == "name"]
        attribution = _attribution_flags(i, beads, s, t, (s_people, s_named), (t_people, t_named))
        flags += attribution
        flags += _name_flags(nm, s_marks, t_marks, s, t, bead.src, bead.tgt, near_src, near_tgt, attribution)
        flags += _quote_flags(bead, s, t)
        flags += _length_flags(pair, ss, ts, s.doc.lang, t.doc.lang, cfg)
        flags += _meaning_flags(pair, cfg)
        if pair.src_pivot and pair.tgt_pivot:
            flags = _sharpen_with_pivots(flags, pair, s, t)
        pair.flags.extend(flags)
    return links


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


def _values(e: Entity, other_has_days: bool) -> set[str]:
    vals = set(_value_keys(e))
    return vals if other_has_days else {v for v in vals if not v.startswith("d:")}


def _is_word_number(e: Entity) -> bool:
    """Numbers written as words ('двух', 'ثماني عشرة') parse less reliably than digits."""
    return not any(ch.isdigit() for ch in e.surface)


def _same_figure(a: Entity, b: Entity) -> bool:
    """Loose equality for what the exact keys miss: the same digits with another separator
    (2207 / 2,207) or a multiplier written once for a range (340 / 340 million)."""
    va, vb = a.key.partition(":")[2], b.key.partition(":")[2]
    try:
        x, y = float(va), float(vb)
    except ValueError:
        return False
    if x == 0 or y == 0:
        return x == y
    ratio = max(x, y) / min(x, y)
    if any(abs(ratio - 10.0**k) < 1e-6 * 10.0**k for k in (3, 6, 9)):
        return True
    da = "".join(ch for ch in a.surface if ch.isdigit())
    db = "".join(ch for ch in b.surface if ch.isdigit())
    return bool(da) and da == db


def _numeric_flags(bead: Bead, s: _Side, t: _Side, near_src: tuple[int, ...], near_tgt: tuple[int, ...]) -> list[Flag]:
    """`number` / `date` flags: a figure, year, month or day present on one side only, or
    different. Only figures written in digits are flagged; a number written as a word on
    the other side, or a small number (<= 10, often written as a word or an ordinal) that
    is merely absent, is not evidence enough."""
    kinds = set(_NUMERIC_KINDS)
    se, te = s.entities(bead.src, kinds), t.entities(bead.tgt, kinds)
    if not se and not te:
        return []
    s_vals = {v for e in se for v in _value_keys(e)}
    t_vals = {v for e in te for v in _value_keys(e)}
    s_near = {v for e in t.entities(near_tgt, kinds) for v in _value_keys(e)}  # moved into a neighbour?
    t_near = {v for e in s.entities(near_src, kinds) for v in _value_keys(e)}
    # a day of the month counts only where both sides give one ('7 октября' vs 'السابع من
    # أكتوبر', the seventh of October, written in words)
    s_days = any(v.startswith("d:") for v in s_vals)
    t_days = any(v.startswith("d:") for v in t_vals)
    s_only = [e for e in se if not _values(e, t_days) <= (t_vals | s_near)]
    t_only = [e for e in te if not _values(e, s_days) <= (s_vals | t_near)]
    # loose matches (separators, multipliers) between what is left
    for a in list(s_only):
        b = next((b for b in t_only if _NUMERIC_KINDS[b.kind] == _NUMERIC_KINDS[a.kind] and _same_figure(a, b)), None)
        if b is not None:
            s_only.remove(a)
            t_only.remove(b)
    flags: list[Flag] = []
    for group in ("number", "date"):
        a = [e for e in s_only if _NUMERIC_KINDS[e.kind] == group]
        b = [e for e in t_only if _NUMERIC_KINDS[e.kind] == group]
        if group == "number":
            if any(_is_word_number(e) for e in a + b):
                continue  # a figure in words on either side: its value is not reliable
            if not (a and b):  # absent, not changed: only figures too big to be written as words
                a = [e for e in a if not _small(e)]
                b = [e for e in b if not _small(e)]
        for k in range(max(len(a), len(b))):
            ea = a[k] if k < len(a) else None
            eb = b[k] if k < len(b) else None
            what = "figure" if group == "number" else _date_word(ea or eb)
            if ea and eb:
                detail = f"{what} differs: SRC '{ea.surface}' vs TGT '{eb.surface}'"
            elif ea:
                detail = f"{what} '{ea.surface}' in SRC is missing from TGT"
            else:
                detail = f"{what} '{eb.surface}' in TGT is not in SRC"
            flags.append(Flag(group, detail, _espan(ea), _espan(eb)))
    return flags


def _small(e: Entity) -> bool:
    try:
        v = float(e.key.partition(":")[2])
    except ValueError:
        return False
    return e.kind == "number" and v == int(v) and abs(v) <= 10


def _date_word(e: Entity | None) -> str:
    return {"year": "year", "month": "month", "date": "date"}.get(e.kind if e else "", "date")


def _espan(e: Entity | None) -> Span | None:
    return (e.start, e.end) if e is not None else None


_SOURCE_KEYS = ("agency:", "audience:")  # who reported it / who was told
_ADDED_CUES = ("cue:say", "cue:according")  # opinion verbs (see, believe) are too often not attribution


def _is_source(e: Entity) -> bool:
    return e.key.startswith(_SOURCE_KEYS)


def _source_label(ents: list[Entity]) -> str:
    parts = []
    for e in ents:
        kind, _, val = e.key.partition(":")
        parts.append(val.upper() if kind == "agency" else val.replace("_", " "))
    return " + ".join(parts)


def _cover(ents: list[Entity]) -> Span | None:
    return (min(e.start for e in ents), max(e.end for e in ents)) if ents else None


def _attribution_flags(
    i: int,
    beads: list[Bead],
    s: _Side,
    t: _Side,
    s_people: tuple[list[Span], list[Span]],
    t_people: tuple[list[Span], list[Span]],
) -> list[Flag]:
    """`attribution`: who reported it or who was told differs or is dropped ('told a TASS
    correspondent' = agency:tass + audience:correspondent vs 'told journalists' =
    audience:journalists), or a reporting cue ('as Nagoshi notes', 'according to the
    expert') has no counterpart. Cues are counted over the pair and its two neighbours, so a
    cue that the translation moved into the next sentence is not reported."""
    bead = beads[i]
    se, te = s.entities(bead.src, {"attribution"}), t.entities(bead.tgt, {"attribution"})
    if not se and not te:
        return []
    flags: list[Flag] = []
    s_src = [e for e in se if _is_source(e)]
    t_src = [e for e in te if _is_source(e)]
    s_keys, t_keys = {e.key for e in s_src}, {e.key for e in t_src}
    if s_keys != t_keys:
        window = range(max(0, i - 1), min(len(beads), i + 2))
        s_win = {e.key for j in window for e in s.entities(beads[j].src, {"attribution"})}
        t_win = {e.key for j in window for e in t.entities(beads[j].tgt, {"attribution"})}
        a = [e for e in s_src if e.key not in t_win]
        b = [e for e in t_src if e.key not in s_win]
        if a and b:
            detail = (
                f"attribution differs: SRC '{_surface(s, a)}' ({_source_label(a)}) vs "
                f"TGT '{_surface(t, b)}' ({_source_label(b)})"
            )
            flags.append(Flag("attribution", detail, _cover(a), _cover(b)))
        elif a:
            flags.append(Flag("attribution", f"source '{_surface(s, a)}' ({_source_label(a)}) in SRC is dropped in TGT", _cover(a), None))
        elif b:
            flags.append(Flag("attribution", f"source '{_surface(t, b)}' ({_source_label(b)}) in TGT is not in SRC", None, _cover(b)))
    if flags:
        return flags
    s_cues = [e for e in se if e.key.startswith("cue:")]
    t_cues = [e for e in te if e.key.startswith("cue:")]
    s_why = {id(e): _lost_speaker(e, s, bead.src, s_people, t, bead.tgt) for e in s_cues}
    t_why = {id(e): _lost_speaker(e, t, bead.tgt, t_people, s, bead.src) for e in t_cues}
    window = range(max(0, i - 1), min(len(beads), i + 2))
    near_s = tuple(x for j in window if j != i for x in beads[j].src)
    near_t = tuple(x for j in window if j != i for x in beads[j].tgt)
    s_all = sum(1 for j in window for e in s.entities(beads[j].src, {"attribution"}) if e.key.startswith("cue:"))
    t_all = sum(1 for j in window for e in t.entities(beads[j].tgt, {"attribution"}) if e.key.startswith("cue:"))
    t_strong = sum(1 for j in window for e in t.entities(beads[j].tgt, {"attribution"}) if e.key in _ADDED_CUES)
    if not t_cues:
        # a named speaker gone from the pair and from its neighbours is enough; a speaker noun
        # ('the expert') also needs the neighbourhood to have fewer cues on the other side
        named = [e for e in s_cues if s_why[id(e)] == "name" and not _speaker_near(e, s, s_people[0], t, near_t)]
        nouns = [e for e in s_cues if s_why[id(e)] == "noun"] if s_all > t_all else []
        if named or nouns:
            e = (named or nouns)[0]
            flags.append(Flag("attribution", f"reporting cue '{e.surface}' in SRC has no counterpart in TGT: who said it is dropped", _espan(e), None))
    elif not s_cues and not t_src:
        named = [e for e in t_cues if t_why[id(e)] == "name" and not _speaker_near(e, t, t_people[0], s, near_s)]
        # an added opinion verb ('sees', 'believes') counts only with a named speaker
        nouns = [e for e in t_cues if t_why[id(e)] == "noun" and e.key in _ADDED_CUES] if t_strong > s_all else []
        if named or nouns:
            e = (named or nouns)[0]
            flags.append(Flag("attribution", f"reporting cue '{e.surface}' in TGT has no counterpart in SRC: an attribution was added", None, _espan(e)))
    return flags


def _speaker_near(cue: Entity, side: _Side, one_sided: list[Span], other: _Side, near_ids: Sequence[int]) -> bool:
    """The cue's named speaker appears in the neighbouring pairs of the other side: the
    translation moved the attribution across a sentence boundary."""
    lo, hi = cue.start - _SPEAKER_WINDOW, cue.end + _SPEAKER_WINDOW
    for a, b in one_sided:
        if a < hi and lo < b and _loosely_present(side.doc.text[a:b], side.doc.lang, other, near_ids):
            return True
    return False


# Nouns for people who are quoted: a reporting verb next to one of these (or to a name) is
# an attribution; a reporting verb alone ('speaks English', 'depending on') often is not.
_PERSON_NOUNS = {
    "ru": regex.compile(
        r"(?i)\b(?:эксперт|профессор|посол|министр|представител|источник|журналист|аналитик|президент|"
        r"премьер|глав[аыуе]|спикер|пресс-секретар|директор|сотрудник|корреспондент|учен|политолог|"
        r"депутат|сенатор|генерал|губернатор|мэр|дипломат|чиновник|официальн|лидер|руководител|председател)\w*"
    ),
    "ar": regex.compile(
        r"(?:الخبير|خبير|البروفيسور|الأستاذ|السفير|الوزير|وزير|المتحدث|متحدث|مصدر|مصادر|المصادر|المحلل|الرئيس|"
        r"رئيس|الصحفي|مسؤول|المسؤول|الدبلوماسي|الجنرال|النائب|السيناتور|المحافظ|العمدة|الزعيم|المدير)"
    ),
    "en": regex.compile(
        r"(?i)\b(?:expert|professor|ambassador|minister|spokes\w+|source|official|analyst|president|"
        r"premier|head|director|correspondent|scientist|lawmaker|senator|general|governor|mayor|diplomat|leader|chair\w*)s?\b"
    ),
}
_SPEAKER_WINDOW = 40  # characters between a reporting verb and its speaker


def _lost_speaker(
    cue: Entity, side: _Side, ids: Sequence[int], people: tuple[list[Span], list[Span]], other: _Side, other_ids: Sequence[int]
) -> str | None:
    """Whether a reporting cue's speaker is missing from the other side: "name" for a name
    found on this side only, "noun" for a noun such as 'expert' when the other side names no
    such person, None otherwise (a cue next to a name both sides carry is only a verb
    rendered differently)."""
    lo, hi = cue.start - _SPEAKER_WINDOW, cue.end + _SPEAKER_WINDOW
    one_sided, matched = people
    if any(a < hi and lo < b for a, b in matched):
        return None
    if any(a < hi and lo < b for a, b in one_sided):
        return "name"
    nouns = _PERSON_NOUNS.get(side.doc.lang)
    if nouns is None:
        return None
    near = any(
        x.start + m.start() < hi and lo < x.start + m.end() for x in side.sentences(ids) for m in nouns.finditer(x.text)
    )
    other_nouns = _PERSON_NOUNS.get(other.doc.lang)
    elsewhere = other_nouns is not None and any(other_nouns.search(x.text) for x in other.sentences(other_ids))
    return "noun" if near and not elsewhere else None


def _cue_phrase(side: _Side, cue: Entity, people: object) -> str:
    return cue.surface


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


def _record_anchors(pair: Pair, bead: Bead, s: _Side, t: _Side, nm: NameMatch) -> None:
    """Evidence for the verdict: how many hard anchors (same number, date, person name,
    agency, or a place that is not named all over both texts) the two sides share, and
    whether both sides had anything of that grade to anchor on at all."""
    kinds = set(_NUMERIC_KINDS)
    s_vals = {v for e in s.entities(bead.src, kinds) for v in _value_keys(e)}
    t_vals = {v for e in t.entities(bead.tgt, kinds) for v in _value_keys(e)}
    s_attr = {e.key for e in s.entities(bead.src, {"attribution"})}
    t_attr = {e.key for e in t.entities(bead.tgt, {"attribution"})}
    names = 0.0
    for a, b in nm.matched:
        if a.kind == "place" or b.kind == "place":
            names += 0.5 if not (s.common_place(a.key) or t.common_place(b.key)) else 0.0
        else:
            names += 1.0
    pair.evidence["anchors"] = len(s_vals & t_vals) + len(s_attr & t_attr) + names

    def graded(ents: list[Entity], side: _Side) -> bool:
        return any(e.kind != "place" or not side.common_place(e.key) for e in ents)

    has_s = bool(s_vals or s_attr or graded([a for a, _ in nm.matched] + list(nm.src_only), s))
    has_t = bool(t_vals or t_attr or graded([b for _, b in nm.matched] + list(nm.tgt_only), t))
    pair.evidence["anchorable"] = 1.0 if has_s and has_t else 0.0


def _name_flags(
    nm: NameMatch,
    s_marks: list[tuple[int, int]],
    t_marks: list[tuple[int, int]],
    s: _Side,
    t: _Side,
    bead_src: tuple[int, ...],
    bead_tgt: tuple[int, ...],
    near_src: tuple[int, ...],
    near_tgt: tuple[int, ...],
    attribution: list[Flag],
) -> list[Flag]:
    """`name`: a person/organisation name (or a place replaced by another place) present on
    one side only. See `_really_one_sided` for what is not reported."""
    s_kept = [_shift(a, s_marks) for a, _ in nm.matched]
    t_kept = [_shift(b, t_marks) for _, b in nm.matched]
    s_only = [
        e for e in nm.src_only
        if not _part_of_larger_name(_shift(e, s_marks), s, s_kept) and _really_one_sided(_shift(e, s_marks), s, t, bead_tgt, near_tgt)
    ]
    t_only = [
        e for e in nm.tgt_only
        if not _part_of_larger_name(_shift(e, t_marks), t, t_kept) and _really_one_sided(_shift(e, t_marks), t, s, bead_src, near_src)
    ]
    # a place dropped in translation is usually paraphrase ('Japanese' for 'Tokyo'); a place
    # replaced by another place is not
    s_places = [e for e in s_only if e.kind == "place"]
    t_places = [e for e in t_only if e.kind == "place"]
    if not (s_places and t_places):
        s_only = [e for e in s_only if e.kind != "place"]
        t_only = [e for e in t_only if e.kind != "place"]
    w = _SPEAKER_WINDOW  # a speaker already reported with its attribution is not reported twice
    s_taken = [(f.src_span[0] - w, f.src_span[1] + w) for f in attribution if f.src_span]
    t_taken = [(f.tgt_span[0] - w, f.tgt_span[1] + w) for f in attribution if f.tgt_span]
    flags: list[Flag] = []
    a = [(e, _doc_span(e, s_marks)) for e in s_only]
    b = [(e, _doc_span(e, t_marks)) for e in t_only]
    a = [x for x in a if not any(_overlaps(x[1], sp) for sp in s_taken)]
    b = [x for x in b if not any(_overlaps(x[1], sp) for sp in t_taken)]
    for k in range(max(len(a), len(b))):
        ea, sa = a[k] if k < len(a) else (None, None)
        eb, sb = b[k] if k < len(b) else (None, None)
        if ea and eb:
            detail = f"name differs: SRC '{ea.surface}' vs TGT '{eb.surface}'"
        elif ea:
            detail = f"name '{ea.surface}' in SRC is missing from TGT"
        else:
            detail = f"name '{eb.surface}' in TGT is not in SRC"
        flags.append(Flag("name", detail, sa, sb))
    return flags


LOOSE_NAME_SIMILARITY = 0.75


def _part_of_larger_name(e: Entity, side: _Side, kept: list[Entity]) -> bool:
    """A word of a longer name whose other words made it across (Sydney Harbour *Bridge*,
    *Гран*-при, St James' Gate *Brewery*): translators render the generic part by its meaning.
    A word in Latin script inside a Cyrillic or Arabic text is a brand or a title left in the
    original, which the other version may well translate."""
    text = side.doc.text
    before, after = text[max(0, e.start - 1) : e.start], text[e.end : e.end + 1]
    if "-" in (before + after) or "‑" in (before + after):
        return True
    if side.doc.lang != "en" and _LATIN.fullmatch(e.surface):
        return True
    return any(0 <= k.start - e.end <= 2 or 0 <= e.start - k.end <= 2 for k in kept if k.kind == "name")
LOOSE_SKELETON_SIMILARITY = 0.6  # consonant skeletons this close: probably the same name


def _really_one_sided(e: Entity, side: _Side, other: _Side, other_ids: Sequence[int], near_ids: Sequence[int]) -> bool:
    """Guards for a name the matcher left unpaired (offsets of `e` in `side.doc`):
    a capitalised first word of a sentence that is never capitalised inside a sentence is
    an ordinary word ('Храм', 'Жильцы'); a name that a looser, inflection-aware comparison
    finds among the other side's words (Калифорнией / كاليفورنيا), or that sits in the
    neighbouring pair (a sentence boundary the aligner placed differently), is not missing."""
    if e.kind == "name" and not _person_like(e, side):
        return False
    return not _loosely_present(e.surface, side.doc.lang, other, tuple(other_ids) + tuple(near_ids))


def _loosely_present(surface: str, lang: str, other: _Side, ids: Sequence[int]) -> bool:
    """Whether some word of the other side's sentences could be this name (inflection and
    clitics stripped; consonant skeletons compared when the names module is unsure)."""
    mine = [(v, names.skeleton(v, lang)) for w in _WORD.findall(surface) for v in _stems(w, lang)]
    for x in other.sentences(ids):
        for m in _WORD.finditer(x.text):
            for y in _stems(m.group(), other.doc.lang):
                ys = names.skeleton(y, other.doc.lang)
                for v, vs in mine:
                    if names.similarity(v, lang, y, other.doc.lang) >= LOOSE_NAME_SIMILARITY:
                        return True
                    if len(vs) >= 2 and names.skeleton_similarity(vs, ys) >= LOOSE_SKELETON_SIMILARITY:
                        return True
    return False


_TITLES = {
    "ru": regex.compile(r"(?i)(?:г-н|г-жа|господин|госпожа|мистер|миссис|доктор|профессор|президент|премьер\S*|министр\S*|посол|генерал\S*|глав\S+|король|королева|принц|лорд|сэр)\s*$"),
    "ar": regex.compile(r"(?:السيد|السيدة|الدكتور|الأستاذ|البروفيسور|الرئيس|رئيس الوزراء|الوزير|وزير \S+|السفير|الجنرال|الملك|الملكة|الأمير|اللورد)\s*$"),
    "en": regex.compile(r"(?:Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|President|Prime Minister|Minister|Ambassador|General|King|Queen|Prince|Lord|Sir)\s*$"),
}


def _person_like(e: Entity, side: _Side) -> bool:
    """Evidence that a one-sided capitalised word is a person's name and not a term the
    translator rendered by its meaning (Saturn -> زحل, The Daily Show -> البرنامج اليومي):
    a title before it, a first name and surname, or the name recurring in the document. A
    sentence's first word must also occur capitalised inside some sentence ('Фактически')."""
    text, lang = side.doc.text, side.doc.lang
    title = _TITLES.get(lang)
    titled = title is not None and bool(title.search(text[max(0, e.start - 40) : e.start]))
    if lang == "ar":
        return titled  # no capitals: without a title, a lone Arabic word is too often not a name
    mine = _stems(e.surface, lang)
    if _sentence_initial(side, e) and not (mine & side.inner_names()):
        return False
    if titled or len(_WORD.findall(e.surface)) >= 2:
        return True
    x = side.sentence_at(e.start)
    if x is not None:  # the neighbouring word is a name too (Джеймс Эвинг)
        for other in side.ents.get(x.id, ()):
            if other.kind == "name" and other is not e and (0 < other.start - e.end <= 2 or 0 < e.start - other.end <= 2):
                return True
    count = sum(1 for ents in side.ents.values() for o in ents if o.kind == "name" and _stems(o.surface, lang) & mine)
    return count >= 2


def _sentence_initial(side: _Side, e: Entity) -> bool:
    x = side.sentence_at(e.start)
    return x is not None and not _WORD.search(side.doc.text[x.start : e.start])


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _speech(side: _Side, ids: Sequence[int]) -> tuple[float, list[Span]]:
    """Share of the sentences' characters inside quoted *speech*, and its spans. Short
    quotes that mark a term or a title ("the Black Beauty") are left out: translators add
    and drop those freely."""
    sents = side.sentences(ids)
    total = sum(x.end - x.start for x in sents) or 1
    spans: list[Span] = []
    for x in sents:
        for q in side.quotes:
            a, b = max(x.start, q.start), min(x.end, q.end)
            if b > a:
                spans.append((a, b))
    words = [len(_WORD.findall(side.doc.text[q.start : q.end])) for q in side.quotes]
    keep = []
    for sp in spans:
        q = next(q for q in side.quotes if q.start <= sp[0] and sp[1] <= q.end)
        n = words[side.quotes.index(q)]
        share = (sp[1] - sp[0]) / total
        if n >= SPEECH_MIN_WORDS or (n >= 4 and share >= 0.2) or (n >= 3 and share >= 0.3):
            keep.append(sp)
    return sum(b - a for a, b in keep) / total, keep


SPEECH_MIN_WORDS = 6
_QUOTE_MARKS = regex.compile(r'["«»“”„‟❝❞〝〞＂]')


def _quote_flags(bead: Bead, s: _Side, t: _Side) -> list[Flag]:
    """`quote`: quoted speech on one side only (the other side has no quotation marks at
    all), or quote boundaries that clearly differ (most of one side quoted, little of the
    other)."""
    qs, s_spans = _speech(s, bead.src)
    qt, t_spans = _speech(t, bead.tgt)
    if not s_spans and not t_spans:
        return []
    s_any = any(_QUOTE_MARKS.search(x.text) for x in s.sentences(bead.src))
    t_any = any(_QUOTE_MARKS.search(x.text) for x in t.sentences(bead.tgt))
    s_sp = (s_spans[0][0], s_spans[-1][1]) if s_spans else None
    t_sp = (t_spans[0][0], t_spans[-1][1]) if t_spans else None
    if s_spans and not t_any:
        return [Flag("quote", "quoted speech in SRC is not quoted in TGT", s_sp, None)]
    if t_spans and not s_any:
        return [Flag("quote", "quoted speech in TGT is not quoted in SRC", None, t_sp)]
    if s_spans and t_spans and abs(qs - qt) >= 0.5:
        more = "SRC" if qs > qt else "TGT"
        return [Flag("quote", f"quote boundaries differ: {more} quotes much more of the sentence ({qs:.0%} vs {qt:.0%})", s_sp, t_sp)]
    return []


def _length_flags(pair: Pair, ss: list[Sentence], ts: list[Sentence], sl: str, tl: str, cfg: DivergeConfig) -> list[Flag]:
    """`length` (weight-free) from the character ratio against the language pair's norm;
    with pivots the English versions are compared instead and a far shorter side becomes a
    precise `omission` / `addition`."""
    if pair.src_pivot and pair.tgt_pivot:
        a, b = len(pair.src_pivot), len(pair.tgt_pivot)
        pair.evidence["pivot_length_ratio"] = b / max(a, 1)
        if b < cfg.pivot_ratio * a and a - b >= cfg.length_min_chars:
            return [Flag("omission", f"TGT carries about {1 - b / a:.0%} less content than SRC: a clause may be missing", _span(ss), _span(ts))]
        if a < cfg.pivot_ratio * b and b - a >= cfg.length_min_chars:
            return [Flag("addition", f"TGT carries about {b / a - 1:.0%} more content than SRC: a clause may be added", _span(ss), _span(ts))]
        return []
    a = sum(len(x.text) for x in ss)
    b = sum(len(x.text) for x in ts)
    if not a or not b:
        return []
    expected = cfg.length_offsets.get(tl, 0.0) - cfg.length_offsets.get(sl, 0.0)
    z = (math.log(b / a) - expected) / cfg.length_sd
    pair.evidence["length_z"] = z
    excess = abs(b - a * math.exp(expected))
    if abs(z) >= cfg.length_z and excess >= cfg.length_min_chars:
        if z < 0:
            detail = f"TGT is {a * math.exp(expected) / b:.1f}x shorter than expected for {sl}-{tl}: content may be missing"
        else:
            detail = f"TGT is {b / (a * math.exp(expected)):.1f}x longer than expected for {sl}-{tl}: content may be added"
        return [Flag("length", detail, _span(ss), _span(ts))]
    return []


def _sharpen_with_pivots(flags: list[Flag], pair: Pair, s: _Side, t: _Side) -> list[Flag]:
    """With English pivots, drop weight-free flags the pivots contradict: a figure or date
    the two pivots agree on (a number written as a word on one side), a name that the other
    side's pivot does spell (a transliteration the skeletons missed)."""
    kinds = set(_NUMERIC_KINDS)
    ps = {v for e in extract(pair.src_pivot or "", "en") if e.kind in kinds for v in _value_keys(e)}
    pt = {v for e in extract(pair.tgt_pivot or "", "en") if e.kind in kinds for v in _value_keys(e)}
    pair.evidence["pivot_figures_agree"] = 1.0 if ps == pt else 0.0
    out = []
    for f in flags:
        if f.kind in ("number", "date") and ps == pt:
            continue
        if f.kind == "name" and _name_in_pivot(f, pair, s, t):
            continue
        out.append(f)
    return out


def _name_in_pivot(f: Flag, pair: Pair, s: _Side, t: _Side) -> bool:
    for span, side, pivot in ((f.src_span, s, pair.tgt_pivot), (f.tgt_span, t, pair.src_pivot)):
        if not span or not pivot:
            continue
        surface = side.doc.text[span[0] : span[1]]
        words = [w for w in _WORD.findall(pivot) if w[:1].isupper()]
        for v in {x for w in _WORD.findall(surface) for x in _stems(w, side.doc.lang)}:
            if any(names.similarity(v, side.doc.lang, w, "en") >= LOOSE_NAME_SIMILARITY for w in words):
                return True
    return False


def chrf(a: str, b: str) -> float:
    """Symmetric sentence chrF (0-100) of two English pivots (sacrebleu)."""
    from sacrebleu.metrics import CHRF

    metric = _CHRF.get("m")
    if metric is None:
        metric = _CHRF["m"] = CHRF()
    return (metric.sentence_score(a, [b]).score + metric.sentence_score(b, [a]).score) / 2


_CHRF: dict[str, object] = {}


def _meaning_flags(pair: Pair, cfg: DivergeConfig) -> list[Flag]:
    """`meaning` (MT only): the two English pivots say different things."""
    if not (pair.src_pivot and pair.tgt_pivot):
        return []
    c = chrf(pair.src_pivot, pair.tgt_pivot)
    pair.evidence["chrf"] = c
    if c < cfg.chrf_meaning:
        return [Flag("meaning", f"the English pivots differ (chrF {c:.0f}): the sense may have changed")]
    return []


# ----------------------------------------------------------------------------------------
# Names spelled several ways within one version
# ----------------------------------------------------------------------------------------

_AR_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_RU_ENDINGS = (
    "ого", "его", "ому", "ему", "ими", "ыми", "ами", "ями", "ой", "ей", "ом", "ем", "ым", "им", "ую", "ая", "ов",
    "ев", "ах", "ях", "ам", "ям", "их", "ых", "ие", "ые", "а", "я", "у", "ю", "ы", "и", "е", "й",
)
_SPELLING_BY_SIMILARITY = ("ar", "en")  # Russian declines names: near-identical forms are cases
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_LATIN = regex.compile(r"[\p{Latin}\p{M}'’.\- ]+")


def _stems(word: str, lang: str) -> set[str]:
    """Forms that count as the same spelling: Arabic proclitics (و/ب/ل/ال...) and Russian
    case endings do not make a name 'spelled differently'."""
    w = match_key(word, lang)
    out = {w}
    if lang == "ar":
        for p in _AR_PROCLITICS:
            if w.startswith(p) and len(w) - len(p) >= 3:
                out.add(w[len(p) :])
    elif lang == "ru":
        for e in _RU_ENDINGS:
            if w.endswith(e) and len(w) - len(e) >= 3:
                out.add(w[: -len(e)])
    return out


@dataclass(slots=True)
class _Occurrence:
    word: str
    stems: frozenset[str]
    span: Span
    pair: int


Link = tuple[int, Entity, Entity]  # (pair index, SRC name, TGT name), offsets in the documents


def flag_spelling(pairs: list[Pair], s: _Side, t: _Side, cfg: DivergeConfig, links: list[Link] | None = None) -> None:
    """`name`: the same name written several ways within one version (e.g. تاكايشي and
    تاكايتشي, or Sanae as ساناي and سناء). Two kinds of evidence: near-identical spellings
    within the version, and one name of the other version rendered two different ways in
    matched pairs. The minority spelling (on a tie, the later one) is flagged where it occurs."""
    links = links or []
    for side, other, key in ((s, t, "src"), (t, s, "tgt")):
        occ: list[_Occurrence] = []
        for pi, p in enumerate(pairs):
            for e in side.entities(getattr(p, key), {"name"}):
                occ.extend(_tokens(e, side.doc.lang, pi))
        found = _spelling_variants(occ, cfg) if side.doc.lang in _SPELLING_BY_SIMILARITY else []
        found += _linked_variants(links, key, side.doc.lang, other.doc.lang)
        for variant, canon, n_canon in found:
            detail = (
                f"name spelled inconsistently in {key.upper()}: '{variant.word}' here, "
                f"'{canon.word}' elsewhere ({n_canon}x)"
            )
            flag = Flag("name", detail, variant.span if key == "src" else None, variant.span if key == "tgt" else None)
            target = pairs[variant.pair]
            if not any(f.kind == "name" and variant.span in (f.src_span, f.tgt_span) for f in target.flags):
                target.flags.append(flag)


def _tokens(e: Entity, lang: str, pair: int) -> list[_Occurrence]:
    out = []
    for m in _WORD.finditer(e.surface):
        if len(m.group()) >= 3:
            span = (e.start + m.start(), e.start + m.end())
            out.append(_Occurrence(m.group(), frozenset(_stems(m.group(), lang)), span, pair))
    return out


def _clusters(occ: list[_Occurrence]) -> list[list[_Occurrence]]:
    """Occurrences grouped by spelling (same stem after proclitics/case endings)."""
    forms: list[tuple[set[str], list[_Occurrence]]] = []
    for o in occ:
        for stems, members in forms:
            if stems & o.stems:
                members.append(o)
                stems |= o.stems
                break
        else:
            forms.append((set(o.stems), [o]))
    return [m for _, m in forms]


def _minority(fa: list[_Occurrence], fb: list[_Occurrence]) -> list[tuple[_Occurrence, _Occurrence, int]]:
    """The majority spelling is canonical; on a tie the one written first."""
    if (len(fb), -fb[0].span[0]) > (len(fa), -fa[0].span[0]):
        fa, fb = fb, fa
    return [(v, fa[0], len(fa)) for v in fb]


def _spelling_variants(occ: list[_Occurrence], cfg: DivergeConfig) -> list[tuple[_Occurrence, _Occurrence, int]]:
    """Minority spellings among near-identical spellings of one version."""
    forms = _clusters(occ)
    out = []
    for i, fa in enumerate(forms):
        for fb in forms[i + 1 :]:
            a = frozenset().union(*(o.stems for o in fa))
            b = frozenset().union(*(o.stems for o in fb))
            if _spelling_similarity(a, b) >= cfg.spelling_similarity:
                out.extend(_minority(fa, fb))
    return out


def _linked_variants(links: list[Link], key: str, lang: str, other_lang: str) -> list[tuple[_Occurrence, _Occurrence, int]]:
    """Minority spellings of one version among the renderings of one name of the other
    version (tokens of multi-word names are paired from the end: surname with surname)."""
    by_other: list[tuple[set[str], list[_Occurrence]]] = []
    for pi, a, b in links:
        mine, theirs = (a, b) if key == "src" else (b, a)
        for x, y in zip(reversed(_tokens(mine, lang, pi)), reversed(_tokens(theirs, other_lang, pi))):
            for stems, members in by_other:
                if stems & y.stems:
                    members.append(x)
                    stems |= y.stems
                    break
            else:
                by_other.append((set(y.stems), [x]))
    out = []
    for _, members in by_other:
        forms = _clusters(members)
        if len(forms) != 2:  # more than two renderings: more likely a matching error
            continue
        a, b = forms[0][0], forms[1][0]
        if names.script_of(a.word) != names.script_of(b.word):
            continue  # Fallujah / Фаллуджу: a transliteration, not a misspelling
        if SequenceMatcher(None, match_key(a.word, lang), match_key(b.word, lang)).ratio() < 0.6:
            continue  # Fred / Reid: two names the matcher paired with one, not one name spelled twice
        out.extend(_minority(forms[0], forms[1]))
    return out


def _spelling_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    best = 0.0
    for x in a:
        for y in b:
            if min(len(x), len(y)) < 5:
                continue
            best = max(best, SequenceMatcher(None, x, y).ratio())
    return best


# ----------------------------------------------------------------------------------------
# Divergence and document order
# ----------------------------------------------------------------------------------------


def _divergence(pair: Pair, cfg: DivergeConfig) -> float:
    """1 - prod(1 - w) over the flags: independent pieces of evidence add up, never past 1.
    With pivots, a low chrF raises the score even where no flag fired."""
    if not pair.src or not pair.tgt:
        return 1.0
    keep = 1.0
    for f in pair.flags:
        if f.kind == "meaning":
            continue
        w = cfg.weights["spelling"] if f.detail.startswith("name spelled") else cfg.weights.get(f.kind, 0.3)
        keep *= 1 - w
    c = pair.evidence.get("chrf")
    if c is not None:
        m = min(1.0, max(0.0, (cfg.chrf_faithful - c) / (cfg.chrf_faithful - cfg.chrf_meaning / 2)))
        keep *= 1 - m
    return round(1 - keep, 6)


def _interleave(body: list[Pair], src: Document, tgt: Document) -> list[Pair]:
    """Body pairs with the meta/boilerplate paragraphs of each side slotted in where they
    occur; a trailer added to one side is still an `addition` (or `omission`)."""
    s_extra = _extra_groups(src)
    t_extra = _extra_groups(tgt)
    out: list[Pair] = []
    si = ti = 0

    def emit_until(s_lim: float, t_lim: float) -> None:
        nonlocal si, ti
        while si < len(s_extra) and s_extra[si][0].id < s_lim:
            out.append(_extra_pair(s_extra[si], "src"))
            si += 1
        while ti < len(t_extra) and t_extra[ti][0].id < t_lim:
            out.append(_extra_pair(t_extra[ti], "tgt"))
            ti += 1

    for p in body:
        emit_until(min(p.src) if p.src else -1, min(p.tgt) if p.tgt else -1)
        out.append(p)
    emit_until(math.inf, math.inf)
    return out


def _extra_groups(doc: Document) -> list[list[Sentence]]:
    """Consecutive meta/boilerplate sentences of one paragraph and kind form one pair (a
    two-sentence subscribe trailer is one addition, not two)."""
    groups: list[list[Sentence]] = []
    prev: Sentence | None = None
    for x in doc.sentences:
        if x.kind == "body":
            prev = None
            continue
        if prev is not None and prev.kind == x.kind and prev.paragraph == x.paragraph and prev.id + 1 == x.id:
            groups[-1].append(x)
        else:
            groups.append([x])
        prev = x
    return groups


def _boilerplate_label(text: str) -> str:
    """Name the kind of boilerplate with the segmenter's own rules, for the flag's detail."""
    from aligner import segment

    t = text.strip()
    for name, label, how in (
        ("BOILERPLATE_TEASER", "read-more teaser", "match"),
        ("BOILERPLATE_SUBSCRIBE", "subscribe/follow call", "search"),
        ("BOILERPLATE_LINE", "copyright line or link", "match"),
    ):
        rx = getattr(segment, name, None)
        if rx is not None and getattr(rx, how)(t):
            return label
    return "boilerplate (teaser, trailer or credit)"


def _extra_pair(group: list[Sentence], side: str) -> Pair:
    kind = group[0].kind
    ids = tuple(x.id for x in group)
    text = " ".join(x.text for x in group)
    span = _span(group)
    flags: list[Flag] = []
    if kind == "boilerplate":
        what = _boilerplate_label(text)
        if side == "tgt":
            flags.append(Flag("addition", f"{what} in TGT only, not in SRC", None, span))
        else:
            flags.append(Flag("omission", f"{what} in SRC only, not in TGT", span, None))
    return Pair(
        src=ids if side == "src" else (),
        tgt=ids if side == "tgt" else (),
        src_text=text if side == "src" else "",
        tgt_text=text if side == "tgt" else "",
        similarity=0.0,
        divergence=1.0 if flags else 0.0,
        flags=flags,
        section=kind,
    )


__all__ = ["DivergeConfig", "score", "chrf", "flag_pairs", "flag_spelling"]
