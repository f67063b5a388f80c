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

The package reads in pipeline order: `evidence` (entities per sentence), then one module per
family of flags (`figures`, `attribution`, `namecheck`, `wording`), then this module, which
runs them pair by pair, weighs the flags into a divergence and slots in meta/boilerplate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import regex
from dataclasses import dataclass, field

from aligner.diverge.attribution import _attribution_flags
from aligner.diverge.evidence import (
    _WORD,
    _Side,
    _doc_span,
    _joined,
    _loosely_present,
    _neighbour_ids,
    _shift,
    _span,
    _stems,
    _value_keys,
)
from aligner.diverge.figures import _numeric_flags, _unit
from aligner.diverge.namecheck import Link, _name_flags, _person_like, _record_anchors, flag_spelling, with_names_at_start
from aligner.diverge.wording import (
    _length_flags,
    _meaning_flags,
    _merged_sentence_flags,
    _quote_flags,
    _quote_state,
    _coverage,
    _sharpen_with_pivots,
    chrf,
)
from aligner import lang as languages
from aligner.entities import _sentence_initial, frequent_word, match_names
from aligner.types import Bead, Document, Flag, Pair, Sentence, Summary


@dataclass(frozen=True, slots=True)
class DivergeConfig:
    """Thresholds for flags and per-kind weights for the pair divergence.

    The length norms are the mean and spread of log(chars) relative to English measured on
    FLORES-200 dev (997 sentences): Russian runs ~9% longer than English, Arabic ~12% shorter;
    the other languages' come from ntrex128-dev (`Language.length_offset`).
    """

    length_offsets: dict[str, float] = field(default_factory=lambda: {
        x.code: x.length_offset for x in languages.languages() if x.length_offset is not None})  # `Language.length_offset`
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
    links = flag_pairs(body_pairs, beads, s_side, t_side, cfg, (src_pivots, tgt_pivots))
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


def flag_pairs(
    pairs: list[Pair],
    beads: list[Bead],
    s: _Side,
    t: _Side,
    cfg: DivergeConfig,
    pivots: tuple[Sequence[str | None] | None, Sequence[str | None] | None] = (None, None),
) -> list[Link]:
    """Fill `pair.flags` for every body pair; return the names matched across pairs for
    `flag_spelling` (flags that need the whole document)."""
    links: list[Link] = []
    for i, (pair, bead) in enumerate(zip(pairs, beads)):
        ss, ts = s.sentences(bead.src), t.sentences(bead.tgt)
        if not ss and not ts:
            continue
        if not ts or not ss:
            pair.flags.extend(_unmatched_flags(i, beads, s, t, pivots, cfg))
            continue
        near_src = _neighbour_ids(beads, i, "src")
        near_tgt = _neighbour_ids(beads, i, "tgt")
        flags: list[Flag] = []
        flags += _numeric_flags(bead, s, t, near_src, near_tgt)
        s_text, s_marks = _joined(s, bead.src)
        t_text, t_marks = _joined(t, bead.tgt)
        # the names around the pair, which an Arabic side (no capitals) may carry: only
        # `match_names` step 4 reads them, and only for a side with capitals facing Arabic
        nm = match_names(
            s_text, s.doc.lang, t_text, t.doc.lang,
            src_context_names=s.context_names(bead.src) if not _name_search(s) and _name_search(t) else None,
            tgt_context_names=t.context_names(bead.tgt) if not _name_search(t) and _name_search(s) else None,
        )
        _record_anchors(pair, bead, s, t, nm)
        links.extend(
            (i, _shift(a, s_marks), _shift(b, t_marks)) for a, b in nm.matched if a.kind == "name" and b.kind == "name"
        )
        # speakers for the attribution check: names on this side only (a matched name means
        # the speaker is still there, however the verb was rendered), with the sentence-initial
        # ones the document knows for names: a speaker and its verb gone (Кавано / 'وقال
        # كافانو') is claimed, while 'he' for a name is no name flag
        # (a one-word 'name' that is a common word of its language is no speaker: German
        # Berichten, Statistiken; English Big)
        people = with_names_at_start(nm, s, t, s_marks, t_marks, bead.src, bead.tgt)
        s_people = [_doc_span(a, s_marks) for a in people.src_only
                    if a.kind == "name" and not _common_word(a, s, people.src_only, s_text)]
        t_people = [_doc_span(b, t_marks) for b in people.tgt_only
                    if b.kind == "name" and not _common_word(b, t, people.tgt_only, t_text)]
        s_named = [_doc_span(a, s_marks) for a, _ in nm.matched if a.kind == "name"]
        t_named = [_doc_span(b, t_marks) for _, b in nm.matched if b.kind == "name"]
        attribution = _attribution_flags(i, beads, s, t, (s_people, s_named), (t_people, t_named))
        flags += attribution
        flags += _name_flags(nm, s_marks, t_marks, s, t, bead.src, bead.tgt, near_src, near_tgt, attribution)
        flags += _quote_flags(bead, s, t, near_src, near_tgt)
        length = _length_flags(pair, ss, ts, s.doc.lang, t.doc.lang, cfg)
        merged = _merged_sentence_flags(bead, s, t, pivots, cfg)
        # a whole sentence of the bead found uncarried says more than the length ratio
        flags += [f for f in length if f.kind not in {m.kind for m in merged}] + merged
        flags += _meaning_flags(pair, cfg)
        if pair.src_pivot and pair.tgt_pivot:
            flags = _sharpen_with_pivots(flags, pair, s, t)
        elif not merged:
            flags = _merged_by_anchors(flags, i, beads, s, t)
            if not pair.evidence.get("anchors"):  # nothing shared but lengths and position
                flags = _paired_off_by_names(flags, i, beads, s, t)
        pair.flags.extend(flags)
    return links


def clear_caches() -> None:
    """`entities.clear_caches`, and the divergence checks' own memos of words and documents,
    so that a benchmark's repeat runs pay the same cold cost as the first."""
    from aligner import entities
    from aligner.diverge import attribution, evidence, figures, namecheck, wording

    entities.clear_caches()
    for mod in (attribution, evidence, figures, namecheck, wording):
        for fn in vars(mod).values():
            if hasattr(fn, "cache_clear") and getattr(fn, "__module__", None) == mod.__name__:
                fn.cache_clear()


def _common_word(e, side: _Side, names: Sequence = (), text: str = "") -> bool:
    """A one-word name that `frequent_word` calls an ordinary word of the side's language
    (False in a language with no word-frequency list: Russian, Arabic). A word that stands
    next to another name of the side, a space between, is part of a longer name whose words
    may each be ordinary ('Metropolitan Police', 'White House'): not a common word."""
    if " " in e.surface.strip() or not frequent_word(e.surface.strip(), side.doc.lang):
        return False
    # (not at a sentence's opening, where a capital says nothing: 'Eine Person sagte')
    return not any(o is not e and o.kind == "name" and not _sentence_initial(text, min(e.start, o.start))
                   and (_one_space(text, e.end, o.start) or _one_space(text, o.end, e.start)) for o in names)


def _one_space(text: str, a: int, b: int) -> bool:
    """Exactly one run of spaces, no other character, between `a` and `b`."""
    return 0 < b - a <= 2 and text[a:b].strip(" \u00a0") == ""


def _merged_by_anchors(flags: list[Flag], i: int, beads: list[Bead], s: _Side, t: _Side) -> list[Flag]:
    """No MT, a 2-1 / 1-2 bead: when one sentence of the longer side has two or more (and at
    least half) of its figures and names flagged missing, or two or more names and places
    that the other side writes nowhere around (`_names_unplaced`: a dropped place is no name
    flag), and none of its figures carried by the other side, while a bead-mate's anchors
    are, that sentence is absent (a dropped line the aligner merged into its neighbour's
    pair): one `omission` / `addition` for it instead of its piecemeal flags."""
    bead = beads[i]
    for ids, side, other_ids, other, attr, other_side in ((bead.src, s, bead.tgt, t, "src_span", "tgt"),
                                                           (bead.tgt, t, bead.src, s, "tgt_span", "src")):
        if len(ids) < 2 or not other_ids:
            continue
        other_attr = other_side + "_span"
        missing = [f for f in flags if f.kind in ("number", "date", "name") and f.severity == "major"
                   and getattr(f, attr) and not getattr(f, other_attr)]
        kinds = _ANCHOR_KINDS | {"time"}
        other_vals = {v for e in other.entities(other_ids, kinds) for v in _value_keys(e)}

        def figures_carried(x: Sentence) -> bool:
            figs = {v for e in side.entities([x.id], kinds) if not _small_figure(e) for v in _value_keys(e)}
            return bool(figs & other_vals)

        def carried(x: Sentence) -> bool:
            names = [e.surface for e in side.entities([x.id], {"name", "place"}) if len(e.surface) >= 4]
            return figures_carried(x) or any(_loosely_present(n, side.doc.lang, other, other_ids) for n in names)

        sents = side.sentences(ids)
        for x in sents:
            inside = [f for f in missing if x.start <= getattr(f, attr)[0] < x.end]
            anchors = len(side.entities([x.id], kinds | {"name", "place"}))
            # most of its anchors flagged missing, none of its figures carried; a bead-mate's carried
            flagged = len(inside) >= 2 and 2 * len(inside) >= anchors
            unplaced = [] if flagged else _names_unplaced(i, beads, side, other, [x.id], other_side)
            if figures_carried(x) or not any(carried(y) for y in sents if y is not x) or not (flagged or unplaced):
                continue
            who, whom = ("SRC", "TGT") if attr == "src_span" else ("TGT", "SRC")
            kind = "omission" if attr == "src_span" else "addition"
            what = ", ".join([f"'{side.doc.text[getattr(f, attr)[0]:getattr(f, attr)[1]]}'" for f in inside] if flagged
                             else [f"'{n}'" for n in unplaced])
            span = (x.start, x.end)
            flags = [f for f in flags if f not in inside] + [
                Flag(kind, f"{who} sentence has no counterpart in {whom}: its figures and names ({what}) are missing there",
                     span if kind == "omission" else None, span if kind == "addition" else None, confidence=0.7)]
    return flags


def _paired_off_by_names(flags: list[Flag], i: int, beads: list[Bead], s: _Side, t: _Side) -> list[Flag]:
    """No MT, a 1-1 bead that shares no anchor, with a swapped name (`name differs`): when one
    side's name is what a neighbouring pair's other side carries beyond its own (the
    sentence's content was paired there) and the other side's name is written nowhere on
    the first side around, the aligner paired a sentence that has no counterpart (an
    inserted or a dropped line) with a neighbour's stray piece: one `addition` / `omission`
    for it instead of the swap. (A bead that shares a name or figure is a real pair: there
    the swap is the claim.)"""
    bead = beads[i]
    if len(bead.src) != 1 or len(bead.tgt) != 1:
        return flags
    swaps = [f for f in flags if f.kind == "name" and f.severity == "major" and f.src_span and f.tgt_span]
    near = [j for j in (i - 1, i + 1) if 0 <= j < len(beads) and beads[j].src and beads[j].tgt]
    window = [beads[j] for j in range(max(0, i - 2), min(len(beads), i + 3))]
    for f in swaps:
        a, b = s.doc.text[slice(*f.src_span)], t.doc.text[slice(*f.tgt_span)]
        # (a name, its side; the other name, its side; the claim about the other name's sentence)
        for name, side, attr, lone, other, other_attr, kind in ((a, s, "src", b, t, "tgt", "addition"),
                                                                (b, t, "tgt", a, s, "src", "omission")):
            carried = any(_loosely_present(name, side.doc.lang, other, getattr(beads[j], other_attr))
                          and not _written_in(name, side, getattr(beads[j], attr)) for j in near)
            around = [k for x in window for k in getattr(x, attr)]
            if not carried or _loosely_present(lone, other.doc.lang, side, around):
                continue
            x = other.sentences(getattr(bead, other_attr))[0]
            who, whom = ("TGT", "SRC") if kind == "addition" else ("SRC", "TGT")
            span = (x.start, x.end)
            return [g for g in flags if g not in swaps] + [Flag(
                kind, f"{who} sentence has no counterpart in {whom}: '{lone}' appears nowhere in {whom} around, "
                      f"and the {whom} sentence paired with it ('{name}') is carried by a neighbouring pair",
                span if kind == "omission" else None, span if kind == "addition" else None, confidence=0.7)]
    return flags


def _written_in(name: str, side: _Side, ids: Sequence[int]) -> bool:
    """Some word of these sentences of the name's own side is one of the name's words, as
    inflected (`evidence._stems`)."""
    mine = {st for w in _WORD.findall(name) for st in _stems(w, side.doc.lang)}
    return any(_stems(w, side.doc.lang) & mine for x in side.sentences(ids) for w in _WORD.findall(x.text))


_CONTENT = regex.compile(r"[\p{L}\p{N}]")


def _unmatched_flags(
    i: int,
    beads: list[Bead],
    s: _Side,
    t: _Side,
    pivots: tuple[Sequence[str | None] | None, Sequence[str | None] | None],
    cfg: DivergeConfig,
) -> list[Flag]:
    """`omission` / `addition` for a sentence the aligner left unmatched, claimed only when
    the content is really absent from the other side around it: not carried by the
    neighbours' pivots (MT), not in an unmatched stretch whose other side has a matching
    length and no conflicting figures or places (a stretch the aligner could not pair), not
    merged into a neighbouring pair that is too long by about this sentence's length (a 2-1
    read as 1-1). Otherwise the row stays unaligned in the report, without a claim."""
    bead = beads[i]
    missing_src = bool(bead.src)
    side, other = (s, t) if missing_src else (t, s)
    ids = bead.src if missing_src else bead.tgt
    sents = side.sentences(ids)
    text = " ".join(x.text for x in sents)
    if not _CONTENT.search(text):
        return []  # a stray quotation mark or dash segmented on its own
    kind = "omission" if missing_src else "addition"
    who, whom = ("SRC", "TGT") if missing_src else ("TGT", "SRC")
    span = _span(sents)
    src_span, tgt_span = (span, None) if missing_src else (None, span)
    mine_attr, other_attr = ("src", "tgt") if missing_src else ("tgt", "src")
    my_piv, other_piv = (pivots[0], pivots[1]) if missing_src else (pivots[1], pivots[0])
    near = [j for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(beads)]
    # 1. with pivots: the sentence's English found in the other side's neighbours
    mine = [my_piv[k] for k in ids if my_piv and k < len(my_piv) and my_piv[k]] if my_piv else []
    if mine and other_piv:
        around = " ".join(other_piv[k] for j in near for k in getattr(beads[j], other_attr) if k < len(other_piv) and other_piv[k])
        if around:
            c = _coverage(" ".join(mine), around)
            if c >= COVERED_RECALL:
                return []  # the content is there: the aligner paired it elsewhere
            if c < cfg.chrf_meaning:
                return [Flag(kind, f"{who} sentence has no counterpart in {whom} (its English is not carried nearby)", src_span, tgt_span,
                             confidence=0.9)]
    my_len = sum(len(x.text) for x in sents)
    # 2. unmatched sentences of the other side in the same unmatched stretch, of a matching
    # length and with no conflicting figures or places: a stretch the aligner could not pair
    # Every unmatched bead holds a sentence, so a run of more than 2 * MAX_GAP beads breaks
    # the MAX_GAP bound on one side: the walk stops there (linear, not quadratic, when a
    # long document faces a short one and thousands of beads stay unmatched).
    reach = 2 * MAX_GAP + 1
    lo = hi = i
    while lo > 0 and i - lo <= reach and not (beads[lo - 1].src and beads[lo - 1].tgt):
        lo -= 1
    while hi + 1 < len(beads) and hi - i <= reach and not (beads[hi + 1].src and beads[hi + 1].tgt):
        hi += 1
    short = hi - lo < reach
    run_mine = [k for j in range(lo, hi + 1) for k in getattr(beads[j], mine_attr)] if short else []
    run_other = [k for j in range(lo, hi + 1) for k in getattr(beads[j], other_attr)] if short else []
    # (a short gap between aligned pairs; a whole unaligned document is another matter)
    if short and run_other and len(run_mine) <= MAX_GAP and len(run_other) <= MAX_GAP and (lo > 0 or hi < len(beads) - 1):
        n_mine = sum(len(x.text) for x in side.sentences(run_mine))
        n_other = sum(len(x.text) for x in other.sentences(run_other))
        z = _length_z(n_mine, n_other, side.doc.lang, other.doc.lang, cfg)
        if abs(z) <= UNPAIRED_STRETCH_Z and not _keys_conflict(side, run_mine, other, run_other):
            return []  # an alignment gap (shown as unaligned rows), not missing content
    # 3. merged into a matched neighbour whose other side is too long by about this much
    paragraphs = {x.paragraph for x in sents}
    words = sum(len(_WORD.findall(x.text)) for x in sents)
    for j in (i - 1, i + 1):
        if not (0 <= j < len(beads)) or not beads[j].src or not beads[j].tgt:
            continue
        mine_j = side.sentences(getattr(beads[j], mine_attr))
        n_mine = sum(len(x.text) for x in mine_j)
        n_other = sum(len(x.text) for x in other.sentences(getattr(beads[j], other_attr)))
        z0 = _length_z(n_mine, n_other, side.doc.lang, other.doc.lang, cfg)
        z1 = _length_z(n_mine + my_len, n_other, side.doc.lang, other.doc.lang, cfg)
        if z0 >= MERGED_Z and abs(z1) <= LIKELY_PAIR_Z:
            return []  # its content is most likely inside the neighbour (a 2-1 read as 1-1)
        # a sentence of the neighbour's paragraph, where the neighbour took more sentences of
        # the other side than of this one and this sentence makes the lengths fit: the line
        # was split in two on this side and paired one sentence off (a 2-2 read as 1-2 + 0-1)
        same_paragraph = bool(paragraphs & {x.paragraph for x in mine_j})
        if len(getattr(beads[j], other_attr)) > len(getattr(beads[j], mine_attr)) and same_paragraph and abs(z1) <= SPLIT_PAIR_Z:
            return []
        # a fragment of a few words in the neighbour's paragraph that makes the pair's lengths
        # fit better was split off that sentence ('... ودي آر.' + 'بوبو لأول مرة.' for
        # 'Dr. PawPaw впервые'): too short for its length to pass MERGED_Z
        if words <= FRAGMENT_WORDS and same_paragraph and 0 < z0 and abs(z1) < abs(z0):
            return []
    # 4. its anchors (a figure, a month, a name, quoted speech) are what a matched neighbour's
    # other side carries beyond its own pair: the aligner paired this content elsewhere
    if _carried_by_neighbour(i, beads, side, other, ids, mine_attr, other_attr):
        return []
    # 5. the aligner itself is unsure of the pairs around it: a sentence left over in a
    # stretch it could not pair well is more often misaligned than missing
    # (unless it holds a figure in digits, or several names, that the other side has nowhere
    # around: that content was not paired elsewhere)
    if not mine and _weak_surroundings(i, beads) and not _figure_unplaced(i, beads, side, other, ids, other_attr) \
            and not _names_unplaced(i, beads, side, other, ids, other_attr):
        return []
    return [Flag(kind, f"{who} sentence has no counterpart in {whom}", src_span, tgt_span, confidence=0.7)]


COVERED_RECALL = 50.0  # character n-gram recall (0-100) of a pivot in its neighbours: carried
LIKELY_PAIR_Z = 1.5  # lengths this close (in sd of the language pair's norm) may be a pair
MAX_GAP = 6  # sentences per side in an unaligned stretch read as an alignment gap
UNPAIRED_STRETCH_Z = 3.85  # an unmatched stretch within 2x of the expected length on both sides
MERGED_Z = 1.5  # a neighbour this much too long may hold the unmatched sentence
SPLIT_PAIR_Z = 2.0  # a split line paired one sentence off: the lengths fit this closely with it


def _keys_conflict(side: _Side, ids: Sequence[int], other: _Side, other_ids: Sequence[int]) -> bool:
    """Both stretches carry figures (in digits: a number in words parses less reliably) or
    places and share none: different content."""
    kinds = {"number", "percent", "year", "date", "place"}

    def keys(sd: _Side, xs: Sequence[int]) -> set[str]:
        # figures with a unit are left out: a translator may have converted them
        ents = [e for e in sd.entities(xs, kinds)
                if e.kind == "place" or (any(ch.isdigit() for ch in e.surface) and _unit(e, sd) is None)]
        return {v for e in ents for v in (_value_keys(e) if e.kind != "place" else [e.key])}

    a, b = keys(side, ids), keys(other, other_ids)
    return bool(a) and bool(b) and not (a & b)


_ANCHOR_KINDS = {"number", "percent", "year", "date", "month"}


def _carried_by_neighbour(
    i: int, beads: list[Bead], side: _Side, other: _Side, ids: Sequence[int], mine_attr: str, other_attr: str
) -> str | None:
    """Why an unmatched sentence's content sits in the matched pair right before or after
    it, or None: one of its anchors (a figure or month in digits or words, quoted speech, a
    fragment's place) is carried by that pair's other side and *not* by the pair's own side
    on this side (a surplus the pair cannot account for).
    An anchor that both sides of the neighbour carry says nothing: a dropped sentence often
    shares its names and figures with the sentences around it."""
    figures = {v for e in side.entities(ids, _ANCHOR_KINDS) if not _small_figure(e) for v in _value_keys(e)}
    # a place anchors only a fragment ('الولايات المتحدة الأمريكية.' split off a headline):
    # a whole sentence shares its places with the sentences around too often
    words = sum(len(_WORD.findall(x.text)) for x in side.sentences(ids))
    places = {e.key for e in side.entities(ids, {"place"})} if words <= FRAGMENT_WORDS else set()
    quoted = _quote_state(side, ids)[0] >= 0.5
    for j in (i - 1, i + 1):
        if not (0 <= j < len(beads) and beads[j].src and beads[j].tgt):
            continue
        own, theirs = getattr(beads[j], mine_attr), getattr(beads[j], other_attr)
        own_figs = {v for e in side.entities(own, _ANCHOR_KINDS) for v in _value_keys(e)}
        their_figs = {v for e in other.entities(theirs, _ANCHOR_KINDS) for v in _value_keys(e)}
        if figures & (their_figs - own_figs):
            return "figure"
        if places & ({e.key for e in other.entities(theirs, {"place"})} - {e.key for e in side.entities(own, {"place"})}):
            return "place"
        if quoted and _quote_state(other, theirs)[1] and not _quote_state(side, own)[1]:
            return "quote"
        # (names are no evidence: the neighbour may say 'he' where the dropped sentence named
        # the person, and a name search across scripts cost more than it found)
    return None


def _weak_surroundings(i: int, beads: list[Bead]) -> bool:
    """The nearest matched pair on each side (within an unaligned stretch's reach) is a weak
    link: none reaches FIRM_LINK. Next to a dropped sentence the aligner still pairs the
    faithful sentences around it firmly (ntrex128-dev: 0.95-1.0); after a misalignment
    the pairs around the leftover are weak too (0.7-0.88)."""
    sims = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(beads) and abs(j - i) <= MAX_GAP and not (beads[j].src and beads[j].tgt):
            j += step
        if 0 <= j < len(beads) and beads[j].src and beads[j].tgt:
            sims.append(beads[j].similarity)
    return bool(sims) and max(sims) < FIRM_LINK


def _figure_unplaced(i: int, beads: list[Bead], side: _Side, other: _Side, ids: Sequence[int], other_attr: str) -> bool:
    """The sentence has a figure in digits (above 10) that the other side's sentences of
    the pairs around it (MAX_GAP beads either way) do not carry."""
    mine = {v for e in side.entities(ids, _ANCHOR_KINDS) if any(ch.isdigit() for ch in e.surface) and not _small_figure(e)
            for v in _value_keys(e) if not v.startswith(("d:", "m:"))}
    if not mine:
        return False
    theirs = {v for e in other.entities(_around(i, beads, other_attr), _ANCHOR_KINDS) for v in _value_keys(e)}
    return bool(mine - theirs)


def _names_unplaced(i: int, beads: list[Bead], side: _Side, other: _Side, ids: Sequence[int], other_attr: str) -> list[str]:
    """The sentence's names and places (of four letters or more) that are nowhere in the other
    side's sentences around it (MAX_GAP beads either way), not even as a loose
    transliteration, when there are at least UNPLACED_NAMES of them (else []): a misaligned
    sentence's names sit next door, a dropped one's do not."""
    # (names that read as a person's, not capitalised ordinary words: German nouns, Comité;
    # a place is also found by its key)
    ents = [e for e in side.entities(ids, {"name", "place"}) if len(e.surface) >= 4
            and (e.kind == "place" or _person_like(e, side))]
    if len({e.surface for e in ents}) < UNPLACED_NAMES:
        return []
    around = _around(i, beads, other_attr)
    places = {e.key for e in other.entities(around, {"place"})}
    out = sorted((e for e in ents if e.key not in places and not _loosely_present(e.surface, side.doc.lang, other, around)),
                 key=lambda e: e.start)
    # words side by side are one name (Elite League)
    text, names = side.doc.text, []
    for e in out:
        if names and not text[names[-1][1]:e.start].strip():
            names[-1] = (names[-1][0], e.end)
        else:
            names.append((e.start, e.end))
    unplaced = sorted({text[a:b] for a, b in names})
    return unplaced if len(unplaced) >= UNPLACED_NAMES else []


def _around(i: int, beads: list[Bead], other_attr: str) -> list[int]:
    """The other side's sentences of the beads within MAX_GAP of bead `i`."""
    return [k for j in range(max(0, i - MAX_GAP), min(len(beads), i + MAX_GAP + 1)) for k in getattr(beads[j], other_attr)]


FIRM_LINK = 0.9  # aligner similarity of a pair firm enough to vouch for its neighbour's gap
UNPLACED_NAMES = 2


FRAGMENT_WORDS = 5


def _small_figure(e) -> bool:
    """A figure up to 10 anchors nothing: it recurs, and is often a word on the other side."""
    kind, _, val = e.key.partition(":")
    try:
        return kind in ("num", "number") and abs(float(val)) <= 10
    except ValueError:
        return False


def _name_search(side: _Side) -> bool:
    """The side's language has match_names' search for names in text without capitals."""
    return languages.known(side.doc.lang) and languages.get(side.doc.lang).caseless_name_search


def _length_z(mine: int, other: int, my_lang: str, other_lang: str, cfg: DivergeConfig) -> float:
    """How far `other` chars are from what `mine` chars translate to, in sd (+: longer)."""
    if mine <= 0 or other <= 0:
        return math.inf
    expected = cfg.length_offsets.get(other_lang, 0.0) - cfg.length_offsets.get(my_lang, 0.0)
    return (math.log(other / mine) - expected) / cfg.length_sd


def _divergence(pair: Pair, cfg: DivergeConfig) -> float:
    """1 - prod(1 - w) over the flags: independent pieces of evidence add up, never past 1.
    With pivots, a low chrF raises the score even where no flag fired."""
    if not pair.src or not pair.tgt:
        return 1.0 if any(f.severity == "major" for f in pair.flags) else 0.0
    keep = 1.0
    for f in pair.flags:
        if f.kind == "meaning" or f.severity != "major":
            continue  # minor and note flags are shown, never counted
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


__all__ = ["DivergeConfig", "score", "flag_pairs", "flag_spelling", "chrf"]
