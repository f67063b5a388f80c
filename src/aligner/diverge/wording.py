"""`quote`, `length` and `meaning` flags, and how English pivots sharpen the others.

Quotes: only quoted *speech* counts (short quoted terms and titles are added and dropped
freely). Length: the character ratio against the language pair's norm (weight-free), or the
two pivots' lengths (MT). Meaning: chrF of the two English pivots (sacrebleu), MT only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

from aligner.diverge.evidence import _name_among, _NUMERIC_KINDS, _Side, _span, _value_keys, _WORD
from aligner import lang as languages
from aligner.entities import extract
from aligner.types import Bead, Flag, Pair, Sentence, Span

if TYPE_CHECKING:  # pragma: no cover
    from aligner.diverge import DivergeConfig


def _speech(side: _Side, ids: Sequence[int]) -> tuple[float, list[Span]]:
    """Share of the sentences' characters inside quoted *speech*, and its spans. Short
    quotes that mark a term or a title ("the Black Beauty") are left out: translators add
    and drop those freely."""
    sents = side.sentences(ids)
    total = sum(x.end - x.start for x in sents) or 1
    spans: list[tuple[Span, int]] = []  # (span, sentence id)
    for x in sents:
        for k in side.quotes_at(x.id):
            q = side.quotes[k]
            a, b = max(x.start, q.start), min(x.end, q.end)
            if b > a:
                spans.append(((a, b), x.id))
    keep = []
    for sp, sid in spans:
        # the first quote (in document order of `quotes`) holding the span; any such quote
        # overlaps the span's sentence
        k = next(k for k in side.quotes_at(sid) if side.quotes[k].start <= sp[0] and sp[1] <= side.quotes[k].end)
        n = side.quote_words(k)
        share = (sp[1] - sp[0]) / total
        if n >= SPEECH_MIN_WORDS or (n >= 4 and share >= 0.2) or (n >= 3 and share >= 0.3):
            keep.append(sp)
    return sum(b - a for a, b in keep) / total, keep


SPEECH_MIN_WORDS = 6
_QUOTE_MARKS = regex.compile(r'["«»“”„‟❝❞〝〞＂]')
_OPEN, _CLOSE = "«„‟❝〝", "»❞〞"
_EITHER = '"“”＂'  # either direction: Arabic copy uses ” and " as openers and closers alike


def _quoted_spans(text: str, start: int = 0) -> list[Span]:
    """Quoted stretches of one paragraph, outermost only, as offsets (+ `start`). A quote
    state carried across sentences: «...» and „...“ nest; ", “ and ” close the quote they
    opened whichever way they face (Arabic ”أوبر" is one quote); a closer with no opener
    quotes from the paragraph start (the quote began in an earlier paragraph), and a quote
    still open at the paragraph's end stops there (it never leaks into the next one)."""
    stack: list[tuple[str, int]] = []
    out: list[Span] = []
    for m in _QUOTE_MARKS.finditer(text):
        c, i = m.group(), m.start()
        if c in _OPEN:
            stack.append((c, i))
            continue
        closes = c in _CLOSE or (c in _EITHER and stack and (stack[-1][0] in _EITHER or stack[-1][0] == "„"))
        if closes:
            want = "«" if c in _CLOSE else None
            k = next((k for k in range(len(stack) - 1, -1, -1) if want is None or stack[k][0] == want), None)
            if k is None:
                out.append((0, i + 1))  # a closer with no opener
                continue
            if k == 0:
                out.append((stack[0][1], i + 1))
            del stack[k:]
        elif c in _EITHER:
            stack.append((c, i))
    if stack:
        out.append((stack[0][1], len(text.rstrip())))
    merged: list[Span] = []
    for a, b in sorted(out):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return [(a + start, b + start) for a, b in merged]


def _paragraph_quotes(side: _Side, par: int) -> list[Span]:
    """The quoted spans of one paragraph (from its first sentence's start to its last one's
    end), memoised on the side: scanning every sentence per call was quadratic."""
    if side._par_bounds is None:
        bounds: dict[int, tuple[int, int]] = {}
        for y in side.doc.sentences:
            a, b = bounds.get(y.paragraph, (y.start, y.end))
            bounds[y.paragraph] = (min(a, y.start), max(b, y.end))
        side._par_bounds, side._par_quotes = bounds, {}
    spans = side._par_quotes.get(par)
    if spans is None:
        a, b = side._par_bounds[par]
        spans = side._par_quotes[par] = _quoted_spans(side.doc.text[a:b], a)
    return spans


def _quote_state(side: _Side, ids: Sequence[int]) -> tuple[float, bool]:
    """Share of the sentences' characters inside quotes (the paragraph's quote state
    carried in from earlier sentences), and whether they hold or sit inside any quote."""
    sents = side.sentences(ids)
    total = sum(x.end - x.start for x in sents) or 1
    inside = 0
    touched = False
    single = languages.known(side.doc.lang) and languages.get(side.doc.lang).single_quotes
    by_par: dict[int, list[Sentence]] = {}
    for x in sents:
        by_par.setdefault(x.paragraph, []).append(x)
    for par, xs in by_par.items():
        spans = _paragraph_quotes(side, par)
        for x in xs:
            for qa, qb in spans:
                ov = min(x.end, qb) - max(x.start, qa)
                if ov > 0:
                    inside += ov
                    touched = True
            touched = touched or bool(_QUOTE_MARKS.search(x.text)) or (single and bool(_SINGLE_QUOTE.search(x.text)))
    return inside / total, touched


# a single quotation mark opening a word, or closing after punctuation ('The inquiry …,'):
# not the apostrophe of it's or students'
_SINGLE_QUOTE = regex.compile(r"(?<![\p{L}\p{N}'’‘])['‘](?=\p{L}|\p{N})|(?<=[.,!?])['’](?![\p{L}\p{N}])")


def _quote_flags(bead: Bead, s: _Side, t: _Side, near_src: Sequence[int] = (), near_tgt: Sequence[int] = ()) -> list[Flag]:
    """`quote` (always `minor`: quotation marks are punctuation; the words are checked by
    the other flags): quoted speech on one side that the other renders with no quotation
    marks in the pair or its neighbours (a quote moved across a sentence boundary is not a
    difference)."""
    _, s_spans = _speech(s, bead.src)
    _, t_spans = _speech(t, bead.tgt)
    if not s_spans and not t_spans:
        return []
    _, s_any = _quote_state(s, bead.src)
    _, t_any = _quote_state(t, bead.tgt)
    s_sp = (s_spans[0][0], s_spans[-1][1]) if s_spans else None
    t_sp = (t_spans[0][0], t_spans[-1][1]) if t_spans else None
    if s_spans and not t_any and not _quote_state(t, near_tgt)[1]:
        return [Flag("quote", "quotation marks dropped: SRC quotes this speech, TGT gives it without quotation marks", s_sp, None,
                     severity="minor", confidence=0.8)]
    if t_spans and not s_any and not _quote_state(s, near_src)[1]:
        return [Flag("quote", "quotation marks added: TGT quotes this speech, SRC gives it without quotation marks", None, t_sp,
                     severity="minor", confidence=0.8)]
    # (quote boundaries that differ while both sides quote were flagged too: all 10 such
    # flags of the ntrex128-dev audits were quote-parsing noise, never a difference)
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
        # a hint, not a claim: the ratio alone does not say what is missing (`minor`)
        return [Flag("length", detail, _span(ss), _span(ts), severity="minor", confidence=0.3)]
    return []


def _sharpen_with_pivots(flags: list[Flag], pair: Pair, s: _Side, t: _Side) -> list[Flag]:
    """With English pivots, drop weight-free flags the pivots contradict: a figure or date
    the two pivots agree on (a number written as a word on one side), a name that the other
    side's pivot does spell (a transliteration the skeletons missed)."""
    kinds = set(_NUMERIC_KINDS)
    ps = {v for e in extract(pair.src_pivot or "", languages.PIVOT) if e.kind in kinds for v in _value_keys(e)}
    pt = {v for e in extract(pair.tgt_pivot or "", languages.PIVOT) if e.kind in kinds for v in _value_keys(e)}
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
        words = [w for w in _WORD.findall(pivot) if w[:1].isupper()]
        if _name_among(side.doc.text[span[0] : span[1]], side.doc.lang, words, languages.PIVOT):
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


def _coverage(sentence: str, other: str) -> float:
    """How much of one pivot sentence the other side's pivot carries (0-100): character
    n-gram *recall* of the sentence in the other text (chrF with beta 10, so precision, i.e.
    everything else the other text says, barely counts). A chrF F-score against a long other
    side punished short sentences: a three-word sentence found word for word scored 23."""
    from sacrebleu.metrics import CHRF

    metric = _CHRF.get("recall")
    if metric is None:
        metric = _CHRF["recall"] = CHRF(beta=10)
    return metric.sentence_score(other, [sentence]).score


def _merged_sentence_flags(
    bead: Bead,
    s: _Side,
    t: _Side,
    pivots: tuple[Sequence[str | None] | None, Sequence[str | None] | None],
    cfg: DivergeConfig,
) -> list[Flag]:
    """MT only: in a 1-2 / 2-1 / 2-2 bead, a sentence the other side's pivot does not carry
    at all (while its bead-mates are carried) is an addition or omission of its own, e.g.
    a sentence from another article slipped in next to a faithful one."""
    src_piv, tgt_piv = pivots
    flags: list[Flag] = []
    for ids, other_ids, piv, opiv, side, kind, who in (
        (bead.tgt, bead.src, tgt_piv, src_piv, t, "addition", ("TGT", "SRC")),
        (bead.src, bead.tgt, src_piv, tgt_piv, s, "omission", ("SRC", "TGT")),
    ):
        if len(ids) < 2 or not piv or not opiv:
            continue
        other = [opiv[i] for i in other_ids if i < len(opiv)]
        mine = [(i, piv[i]) for i in ids if i < len(piv) and piv[i]]
        if not other or any(o is None for o in other) or len(mine) < 2:
            continue
        joined = " ".join(o for o in other if o)
        cover = [(i, _coverage(x, joined)) for i, x in mine]
        best = max(c for _, c in cover)
        for i, c in cover:
            if c < cfg.chrf_meaning and best >= cfg.chrf_faithful:
                x = side.by_id[i]
                detail = f"{who[0]} sentence has no counterpart in {who[1]} (its English pivot is not carried: chrF {c:.0f})"
                span = (x.start, x.end)
                flags.append(Flag(kind, detail, span if kind == "omission" else None, span if kind == "addition" else None))
    return flags
