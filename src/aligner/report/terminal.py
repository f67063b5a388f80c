"""Terminal: the readable default of `aligner compare` when no `-o` is given (rich).

Summary panel on top (verdict, reason, MT notice, coverage, flags per kind), then the body
pairs side by side with flagged spans highlighted and reasons listed under each pair, then
meta/boilerplate lines. Article text goes in as `rich.text.Text`, never as markup, so square
brackets in an article are printed as they are. Arabic is printed in logical order; terminals
with bidi support (GNOME Terminal, Konsole, iTerm2, mlterm) display it right to left.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from aligner.report.common import (
    VERDICT_LABELS,
    Piece,
    bead_counts,
    flag_counts,
    flag_text,
    is_divergent,
    lang_name,
    pair_pieces,
    title,
)
from aligner.types import Comparison, Pair

VERDICT_STYLES = {"translation": "bold white on green", "partial": "bold black on yellow", "unrelated": "bold white on red"}


def _text(parts: list[Piece]) -> Text:
    out = Text()
    for piece in parts:
        if piece.sentence_break and out:
            out.append(" ¶ ", style="dim")
        out.append(piece.text, style="black on yellow" if piece.flags else "")
    return out


def _div_style(pair: Pair) -> str:
    if pair.divergence >= 0.5:
        return "bold red"
    if pair.divergence >= 0.25 or pair.flags:
        return "yellow"
    return "green"


def summary_panel(comparison: Comparison) -> Panel:
    s = comparison.summary
    lines = Text()
    lines.append(f" {VERDICT_LABELS.get(s.verdict, s.verdict)} ", style=VERDICT_STYLES.get(s.verdict, "bold"))
    if s.verdict_reason:
        lines.append("  " + s.verdict_reason)
    lines.append("\n")
    lines.append(f"overall divergence {s.overall_divergence:.2f}", style="bold")
    lines.append(
        f" · coverage {s.coverage_src:.0%} {comparison.src.lang} / {s.coverage_tgt:.0%} {comparison.tgt.lang}"
        f" · anchored {s.anchored_share:.0%}"
    )
    beads = bead_counts(comparison)
    if beads:
        lines.append(" · units " + ", ".join(f"{k}:{v}" for k, v in beads.items()), style="dim")
    counts = flag_counts(comparison)
    lines.append("\nflags: ")
    if counts:
        lines.append(", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))), style="yellow")
    else:
        lines.append("none", style="green")
    mt = comparison.mt
    lines.append("\nMT: ", style="dim")
    if mt.notice or mt.mode == "off":
        lines.append(mt.notice or "off — pairs matched without an English pivot", style="yellow")
    else:
        lines.append(mt.backend or mt.mode, style="dim")
    return Panel(lines, title=Text(title(comparison)), title_align="left", box=box.ROUNDED)


def pairs_table(comparison: Comparison, section: str = "body", only_divergent: bool = False) -> Table | None:
    selected = [(i, p) for i, p in enumerate(comparison.pairs) if p.section == section and (not only_divergent or is_divergent(p))]
    if not selected:
        return None
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False, title=None if section == "body" else section)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column(f"{lang_name(comparison.src.lang)} ({comparison.src.lang})", ratio=1)
    table.add_column(f"{lang_name(comparison.tgt.lang)} ({comparison.tgt.lang})", ratio=1)
    table.add_column("div", justify="right", no_wrap=True)
    for i, p in selected:
        src, tgt = pair_pieces(comparison, p)
        left: Text | Group = _text(src) if src else Text("(nothing)", style="dim italic")
        right: Text | Group = _text(tgt) if tgt else Text("(nothing)", style="dim italic")
        if p.flags:
            reasons = Text("\n".join("⚑ " + flag_text(f) for f in p.flags), style="yellow")
            right = Group(right, reasons)
        table.add_row(f"{i}\n{p.kind}", left, right, Text(f"{p.divergence:.2f}", style=_div_style(p)))
    return table


def print_terminal(comparison: Comparison, console: Console | None = None, only_divergent: bool = False) -> None:
    console = console or Console()
    console.print(summary_panel(comparison))
    for section in ("body", "meta", "boilerplate"):
        table = pairs_table(comparison, section, only_divergent and section == "body")
        if table is not None:
            console.print(table)
