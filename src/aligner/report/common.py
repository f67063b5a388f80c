"""Helpers every report format shares: pair texts cut into highlighted pieces, labels, order.

Flag spans are offsets into `Document.text`; a pair only holds sentence ids. To highlight a
span inside a pair we walk the pair's sentences in the document (`Sentence.start/end`) and
cut each sentence's own text at the span boundaries, so highlights can never drift even when
a pair's display text joins several sentences.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import regex

from aligner.langid import LANG_NAMES
from aligner.types import Comparison, Document, Flag, Pair, Sentence


def is_rtl(lang: str | None) -> bool:
    """`aligner.bidi.is_rtl_lang`, imported on first use: bidi loads arabic_reshaper and
    rich, which the JSON and TSV reports and the batch index never need (~80 ms)."""
    from aligner.bidi import is_rtl_lang

    return is_rtl_lang(lang)


# What each flag kind means, in the words a desk editor uses (tooltips, legends, summaries).
FLAG_LABELS: dict[str, str] = {
    "omission": "dropped in the version under check",
    "addition": "added in the version under check",
    "number": "a number differs",
    "date": "a date differs",
    "name": "a name differs",
    "quote": "a quotation differs",
    "attribution": "the attribution (who said it) differs",
    "meaning": "the meaning differs",
    "length": "the length differs a lot",
}

# The verdict is shown as its own word everywhere (README, JSON, every report, the TUI, the
# batch index), so "unrelated" in a ticket is "unrelated" in the JSON.
VERDICT_LABELS: dict[str, str] = {"translation": "translation", "partial": "partial", "unrelated": "unrelated"}

# Severity (issue 11): major claims first; `note` (a copy-editing observation within one
# version) is hidden unless the reader asks for it; JSON keeps everything.
SEVERITY_ORDER: dict[str, int] = {"major": 0, "minor": 1, "note": 2}


def severity_rank(flag: Flag) -> int:
    return SEVERITY_ORDER.get(getattr(flag, "severity", "major"), 0)


def shown_flags(pair: Pair, notes: bool = False) -> list[tuple[int, Flag]]:
    """(index into pair.flags, flag) a reader sees, major first; notes only when asked for."""
    chosen = [(i, f) for i, f in enumerate(pair.flags) if notes or f.severity != "note"]
    return sorted(chosen, key=lambda item: (severity_rank(item[1]), item[0]))


def pair_severity(pair: Pair, notes: bool = False) -> str | None:
    """The most serious severity among the pair's shown flags (None: nothing to show)."""
    flags = shown_flags(pair, notes)
    return flags[0][1].severity if flags else None


def pair_number(index: int) -> int:
    """The pair number people see and quote: 1-based, over all pairs (meta lines included),
    the same in the terminal, Markdown, HTML, TSV, TMX and `aligner view`.
    In JSON, pair N is `pairs[N-1]`."""
    return index + 1


# Characters that are not allowed in XML 1.0 (C0 controls except tab/LF/CR, lone surrogates,
# U+FFFE/U+FFFF): removed from TMX output, shown as U+FFFD nowhere else.
_XML_ILLEGAL = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry at all (escaping is the serializer's job)."""
    return _XML_ILLEGAL.sub("", text)


def lang_name(lang: str | None) -> str:
    return LANG_NAMES.get((lang or "").lower(), (lang or "?").upper())


def flag_label(kind: str) -> str:
    return FLAG_LABELS.get(kind, kind)


def ids_label(ids: tuple[int, ...] | list[int]) -> str:
    """Sentence ids as people read them: `3`, `3+4`, or `-` for none."""
    return "+".join(str(i) for i in ids) if ids else "-"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of pair text with the indices (into `pair.flags`) of the flags covering it.

    `sentence_break` marks the first piece of every sentence after the first, so renderers
    can show where a 2-1 bead's sentences meet.
    """

    text: str
    flags: tuple[int, ...] = ()
    sentence_break: bool = False


def _sentence_index(doc: Document) -> dict[int, Sentence]:
    return {s.id: s for s in doc.sentences}


def pieces(doc: Document, ids: tuple[int, ...], fallback_text: str, spans: list[tuple[int, tuple[int, int] | None]]) -> list[Piece]:
    """Cut the sentences `ids` of `doc` into pieces at every flag span boundary.

    `spans` is [(flag_index, (start, end) | None)] in document offsets. If a sentence id is
    unknown (a hand-made or foreign comparison), the pair's own text is returned unhighlighted.
    """
    index = _sentence_index(doc)
    sents = [index.get(i) for i in ids]
    if not ids or any(s is None for s in sents):
        return [Piece(fallback_text)] if fallback_text else []
    out: list[Piece] = []
    for n, sent in enumerate(sents):
        assert sent is not None
        text = doc.text[sent.start : sent.end] or sent.text
        cuts = {0, len(text)}
        local: list[tuple[int, int, int]] = []
        for flag_i, span in spans:
            if not span:
                continue
            a, b = max(span[0], sent.start), min(span[1], sent.end)
            if a < b:
                local.append((flag_i, a - sent.start, b - sent.start))
                cuts.update((a - sent.start, b - sent.start))
        edges = sorted(cuts)
        first = True
        for a, b in zip(edges, edges[1:]):
            covering = tuple(fi for fi, la, lb in local if la <= a and b <= lb)
            out.append(Piece(text[a:b], covering, sentence_break=first and n > 0))
            first = False
    return out


def pair_pieces(comparison: Comparison, pair: Pair) -> tuple[list[Piece], list[Piece]]:
    """The pair's source and target texts as highlighted pieces."""
    src = pieces(comparison.src, pair.src, pair.src_text, [(i, f.src_span) for i, f in enumerate(pair.flags)])
    tgt = pieces(comparison.tgt, pair.tgt, pair.tgt_text, [(i, f.tgt_span) for i, f in enumerate(pair.flags)])
    return src, tgt


def flag_kinds(pair: Pair) -> list[str]:
    """Distinct flag kinds of a pair, in FLAG order then first-seen order."""
    seen: list[str] = []
    for f in pair.flags:
        if f.kind not in seen:
            seen.append(f.kind)
    return seen


def flag_text(flag: Flag) -> str:
    """`kind: detail`, without saying the kind twice ("attribution: attribution differs")."""
    detail = flag.detail.strip()
    if not detail:
        return flag.kind
    if detail.lower().startswith(flag.kind.lower()):
        return detail
    return f"{flag.kind}: {detail}"


def top_pair_indices(comparison: Comparison, limit: int = 10) -> list[int]:
    """Most divergent body pairs: the Summary's own choice if it made one, else by divergence."""
    chosen = [i for i in comparison.summary.top_pairs if 0 <= i < len(comparison.pairs)]
    if chosen:
        return chosen[:limit]
    body = [i for i, p in enumerate(comparison.pairs) if p.section == "body" and (p.flags or p.divergence > 0)]
    body.sort(key=lambda i: (-comparison.pairs[i].divergence, i))
    return body[:limit]


def flag_counts(comparison: Comparison) -> dict[str, int]:
    """Flags per kind: the Summary's counts, or counted from the body pairs if it has none."""
    if comparison.summary.flag_counts:
        return dict(comparison.summary.flag_counts)
    counts: dict[str, int] = {}
    for p in comparison.pairs:
        if p.section == "body":
            for f in p.flags:
                counts[f.kind] = counts.get(f.kind, 0) + 1
    return counts


def bead_counts(comparison: Comparison) -> dict[str, int]:
    """Body pairs per bead kind (1-1, 2-1, 1-0 ...), in a stable order."""
    counts: dict[str, int] = {}
    for p in comparison.pairs:
        if p.section == "body":
            counts[p.kind] = counts.get(p.kind, 0) + 1
    return dict(sorted(counts.items()))


def title(comparison: Comparison) -> str:
    """`004_x.txt (ru) → 000_y.txt (ar)` for headings."""
    def name(doc: Document, fallback: str) -> str:
        return os.path.basename(doc.path) if doc.path else fallback

    return f"{name(comparison.src, 'source')} ({comparison.src.lang}) → {name(comparison.tgt, 'target')} ({comparison.tgt.lang})"


# A pair counts as divergent (for filters and counts) when it carries a flag the reader sees,
# whatever its section (an appended subscribe trailer is an `addition` too), or when a body
# pair's divergence score is at least this high.
DIVERGENT_AT = 0.5


def is_divergent(pair: Pair, notes: bool = False) -> bool:
    if shown_flags(pair, notes):
        return True
    return pair.section == "body" and pair.divergence >= DIVERGENT_AT
