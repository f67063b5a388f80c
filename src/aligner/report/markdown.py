"""Markdown: a short human summary for a ticket, a chat message or an email.

Verdict and why, MT notice, coverage, flags per kind, and the most divergent pairs with the
flagged spans in **bold** and the reasons listed under them. Article text is escaped for
Markdown *and* for the raw HTML that Markdown renderers pass through, so a hostile article
cannot inject markup into a rendered ticket.
"""

from __future__ import annotations

import regex

from aligner.report.common import (
    Piece,
    bead_counts,
    flag_counts,
    flag_label,
    flag_text,
    ids_label,
    lang_name,
    pair_pieces,
    title,
    top_pair_indices,
    VERDICT_LABELS,
)
from aligner.types import Comparison

_MD_SPECIAL = regex.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def escape(text: str) -> str:
    """Escape Markdown punctuation and HTML; newlines become spaces (one pair, one line)."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _marked(parts: list[Piece]) -> str:
    out = []
    for piece in parts:
        text = escape(piece.text)
        if piece.flags and text.strip():
            # keep the bold markers tight against the text, or Markdown ignores them
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            text = f"{lead}**{text.strip()}**{trail}"
        out.append((" " if piece.sentence_break and out else "") + text)
    return "".join(out)


def render(comparison: Comparison, limit: int = 10) -> str:
    s = comparison.summary
    src_name, tgt_name = lang_name(comparison.src.lang), lang_name(comparison.tgt.lang)
    lines = [f"# Translation check: {escape(title(comparison))}", ""]
    lines.append(f"**Verdict: {VERDICT_LABELS.get(s.verdict, s.verdict)}**" + (f" — {escape(s.verdict_reason)}" if s.verdict_reason else ""))
    lines.append("")
    if comparison.mt.notice or comparison.mt.mode == "off":
        lines.append(f"> MT: {escape(comparison.mt.notice or 'off — pairs were matched without a translation pivot')}")
    else:
        lines.append(f"> MT: {escape(comparison.mt.backend or comparison.mt.mode)}")
    lines.append("")
    lines.append(
        f"- Overall divergence: **{s.overall_divergence:.2f}** (0 = faithful, 1 = unrelated)\n"
        f"- Coverage: {s.coverage_src:.0%} of the {src_name} body, {s.coverage_tgt:.0%} of the {tgt_name} body\n"
        f"- Pairs backed by a hard anchor (number, date, name): {s.anchored_share:.0%}"
    )
    beads = bead_counts(comparison)
    if beads:
        lines.append("- Aligned units: " + ", ".join(f"{k}: {v}" for k, v in beads.items()))
    lines.append("")
    counts = flag_counts(comparison)
    if counts:
        lines += ["| Flag | Count | Meaning |", "|---|---:|---|"]
        for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"| {escape(kind)} | {n} | {escape(flag_label(kind))} |")
    else:
        lines.append("No divergence flags.")
    lines.append("")
    top = top_pair_indices(comparison, limit)
    if top:
        lines += [f"## Most divergent pairs ({len(top)})", ""]
        for i in top:
            p = comparison.pairs[i]
            src, tgt = pair_pieces(comparison, p)
            lines.append(
                f"### Pair {i} · {p.kind} · {comparison.src.lang} {ids_label(p.src)} → {comparison.tgt.lang} {ids_label(p.tgt)} · divergence {p.divergence:.2f}"
            )
            lines.append("")
            lines.append(f"- **{comparison.src.lang}:** " + (_marked(src) or "*(nothing)*"))
            lines.append(f"- **{comparison.tgt.lang}:** " + (_marked(tgt) or "*(nothing)*"))
            if p.src_pivot or p.tgt_pivot:
                lines.append(f"- *en (MT):* {escape(p.src_pivot or '–')} ‖ {escape(p.tgt_pivot or '–')}")
            for f in p.flags:
                lines.append(f"  - ⚑ {escape(flag_text(f))}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
