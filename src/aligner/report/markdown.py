"""Markdown: a short human summary for a ticket, a chat message or an email.

Verdict and why, MT notice, coverage, flags per severity and kind, then every pair with a
major or minor flag (major first) with the flagged spans in **bold** and the reasons under
them; notes only up to NOTE_LIMIT, with how many more there are. Article text is escaped for
Markdown *and* for the raw HTML that Markdown renderers pass through, so a hostile article
cannot inject markup into a rendered ticket.
"""

from __future__ import annotations

import regex

from aligner.report.common import (
    SEVERITY_ORDER,
    VERDICT_LABELS,
    Piece,
    flag_label,
    flag_text,
    lang_name,
    pair_number,
    pair_pieces,
    pair_severity,
    shown_flags,
    title,
)
from aligner.types import Comparison

_MD_SPECIAL = regex.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_SPACES = regex.compile(r"\s+")

# Notes (copy-editing observations) listed at most this many; majors and minors always all.
NOTE_LIMIT = 5


def escape(text: str) -> str:
    """Escape Markdown punctuation and HTML; runs of whitespace (newlines too: one pair, one
    line) become one space, kept at the edges so a highlighted span stays apart from its
    neighbours."""
    text = _SPACES.sub(" ", text)
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
    return "".join(out).strip()


def _pair_section(comparison: Comparison, i: int, notes: bool) -> list[str]:
    p = comparison.pairs[i]
    src, tgt = pair_pieces(comparison, p)
    where = "" if p.section == "body" else f" · {p.section}"
    only = f" · only in {comparison.tgt.lang}" if not p.src else f" · only in {comparison.src.lang}" if not p.tgt else ""
    lines = [
        f"### Pair {pair_number(i)}{where}{only}" + (f" · divergence {p.divergence:.2f}" if p.section == "body" else ""),
        "",
        f"- **{comparison.src.lang}:** " + (_marked(src) or "*(nothing)*"),
        f"- **{comparison.tgt.lang}:** " + (_marked(tgt) or "*(nothing)*"),
    ]
    if p.src_pivot or p.tgt_pivot:
        lines.append(f"- *en (MT):* {escape(p.src_pivot or '–')} ‖ {escape(p.tgt_pivot or '–')}")
    for _, f in shown_flags(p, notes):
        lines.append(f"  - ⚑ *{f.severity}* {escape(flag_text(f))}")
    lines.append("")
    return lines


def render(comparison: Comparison, note_limit: int = NOTE_LIMIT) -> str:
    s = comparison.summary
    src_name, tgt_name = lang_name(comparison.src.lang), lang_name(comparison.tgt.lang)
    lines = [f"# Translation check: {escape(title(comparison))}", ""]
    lines.append(f"**Verdict: {VERDICT_LABELS.get(s.verdict, s.verdict)}**" + (f" — {escape(s.verdict_reason)}" if s.verdict_reason else ""))
    lines.append("")
    if comparison.mt.notice:
        lines.append(f"> {escape(comparison.mt.notice)}")
    elif comparison.mt.mode == "off":
        lines.append("> MT is off: pairs were matched without an English pivot")
    else:
        lines.append(f"> MT pivots: {escape(comparison.mt.backend or comparison.mt.mode)}")
    lines.append("")
    lines.append(
        f"- Overall divergence: **{s.overall_divergence:.2f}** (0 = faithful, 1 = unrelated)\n"
        f"- Aligned: {s.coverage_src:.0%} of the {src_name} body, {s.coverage_tgt:.0%} of the {tgt_name} body\n"
        f"- Matched pairs confirmed by a shared name, number or date: {s.anchored_share:.0%}"
    )
    lines.append("")
    counts: dict[tuple[str, str], int] = {}
    for p in comparison.pairs:
        for f in p.flags:
            counts[(f.severity, f.kind)] = counts.get((f.severity, f.kind), 0) + 1
    if counts:
        lines += ["| Severity | Flag | Count | Meaning |", "|---|---|---:|---|"]
        for (sev, kind), n in sorted(counts.items(), key=lambda kv: (SEVERITY_ORDER.get(kv[0][0], 0), -kv[1], kv[0][1])):
            lines.append(f"| {sev} | {escape(kind)} | {n} | {escape(flag_label(kind))} |")
    else:
        lines.append("No divergence flags.")
    lines.append("")
    if s.verdict == "unrelated":
        lines += ["The two texts are not versions of one article, so their pairs are not listed.", ""]
        return "\n".join(lines).rstrip() + "\n"
    by_sev: dict[str, list[int]] = {"major": [], "minor": [], "note": []}
    for i, p in enumerate(comparison.pairs):
        sev = pair_severity(p, notes=True)
        if sev in by_sev:
            by_sev[sev].append(i)
    headings = {"major": "Major flags", "minor": "Minor flags", "note": "Notes (copy-editing)"}
    for sev in ("major", "minor", "note"):
        chosen = by_sev[sev]
        if not chosen:
            continue
        shown = chosen if sev != "note" else chosen[:note_limit]
        lines += [f"## {headings[sev]} ({len(chosen)} pair{'s' if len(chosen) != 1 else ''})", ""]
        for i in shown:
            lines += _pair_section(comparison, i, notes=sev == "note")
        if len(chosen) > len(shown):
            lines += [f"… and {len(chosen) - len(shown)} more pairs with notes (see the HTML or JSON report).", ""]
    return "\n".join(lines).rstrip() + "\n"
