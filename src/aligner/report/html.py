"""HTML: one self-contained page (inline CSS and JS, no external assets, works offline).

Both versions side by side, right-to-left languages in `dir="rtl"` cells, flagged spans
highlighted with the reason on hover, focus or in the flag list under the pair, a filter for
divergent pairs (and by flag kind), major flags first and notes hidden until asked for, the
summary on top and the MT notice. Rendered with
Jinja2 autoescaping, so every piece of article text is escaped; a Content-Security-Policy
forbids any network access from the page as a second line of defence.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import jinja2

from aligner import __version__
from aligner.report.common import (
    FLAG_LABELS,
    SEVERITY_ORDER,
    VERDICT_LABELS,
    Piece,
    bead_counts,
    flag_kinds,
    flag_label,
    flag_text,
    ids_label,
    is_divergent,
    is_rtl,
    lang_name,
    pair_number,
    pair_pieces,
    shown_flags,
    title,
)
from aligner.types import Comparison, Pair

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("aligner.report", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


@dataclass(slots=True)
class Mark:
    """A piece of text ready for the template: plain, or highlighted with its reasons."""

    text: str
    kinds: str = ""  # space-separated flag kinds and the severity (sev-major ...), for CSS classes
    reasons: str = ""  # tooltip text
    ids: str = ""  # flag ids shared with the other side, to light up both ends together
    sentence_break: bool = False


@dataclass(slots=True)
class Row:
    index: int
    number: int  # what people see and quote (common.pair_number)
    pair: Pair
    src: list[Mark]
    tgt: list[Mark]
    kinds: list[str]
    flags: list[tuple[str, str]]  # (severity, text), major first, notes included
    divergent: bool  # without notes
    severity: str  # most serious severity among the flags ("" for none)
    has_notes: bool
    extra: dict[str, str] = field(default_factory=dict)


def _marks(number: int, pair: Pair, parts: list[Piece]) -> list[Mark]:
    out = []
    for piece in parts:
        if piece.flags:
            flags = [pair.flags[i] for i in piece.flags]
            sev = min((f.severity for f in flags), key=lambda v: SEVERITY_ORDER.get(v, 0))
            out.append(
                Mark(
                    piece.text,
                    " ".join(sorted({f.kind for f in flags})) + f" sev-{sev}",
                    "\n".join(f"{f.severity}: {flag_text(f)}" for f in flags),
                    " ".join(f"p{number}f{i}" for i in piece.flags),
                    piece.sentence_break,
                )
            )
        else:
            out.append(Mark(piece.text, sentence_break=piece.sentence_break))
    return out


def rows(comparison: Comparison) -> list[Row]:
    out = []
    for n, pair in enumerate(comparison.pairs):
        number = pair_number(n)
        src, tgt = pair_pieces(comparison, pair)
        ordered = shown_flags(pair, notes=True)
        out.append(
            Row(
                n,
                number,
                pair,
                _marks(number, pair, src),
                _marks(number, pair, tgt),
                flag_kinds(pair),
                [(f.severity, flag_text(f)) for _, f in ordered],
                is_divergent(pair),
                ordered[0][1].severity if ordered else "",
                any(f.severity == "note" for f in pair.flags),
            )
        )
    return out


def render(comparison: Comparison, now: _dt.datetime | None = None) -> str:
    now = now or _dt.datetime.now(_dt.timezone.utc)
    counts: dict[str, int] = {}
    for p in comparison.pairs:
        for f in p.flags:
            counts[f.kind] = counts.get(f.kind, 0) + 1
    sev_counts = {k: sum(1 for p in comparison.pairs for f in p.flags if f.severity == k) for k in SEVERITY_ORDER}
    s = comparison.summary
    return _ENV.get_template("report.html.j2").render(
        c=comparison,
        s=s,
        title=title(comparison),
        verdict_label=VERDICT_LABELS.get(s.verdict, s.verdict),
        rows=rows(comparison),
        flag_counts=sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
        flag_labels=FLAG_LABELS,
        flag_label=flag_label,
        bead_counts=bead_counts(comparison),
        ids_label=ids_label,
        src_dir="rtl" if is_rtl(comparison.src.lang) else "ltr",
        tgt_dir="rtl" if is_rtl(comparison.tgt.lang) else "ltr",
        src_name=lang_name(comparison.src.lang),
        tgt_name=lang_name(comparison.tgt.lang),
        sev_counts=sev_counts,
        n_divergent=sum(1 for p in comparison.pairs if is_divergent(p)),
        n_body=sum(1 for p in comparison.pairs if p.section == "body"),
        has_pivots=any(p.src_pivot or p.tgt_pivot for p in comparison.pairs),
        generated=now.strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
    )
