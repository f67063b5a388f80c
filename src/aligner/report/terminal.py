"""Terminal: the readable default of `aligner compare` when no `-o` is given (rich).

What an editor needs first: the summary (verdict and why, MT, coverage, flags by severity),
then only the pairs worth a look, major flags first, then one closing line. `show_all` lists
every pair; `notes` adds the copy-editing notes that are hidden by default.

Arabic in a terminal: most terminals (xterm, tmux, kitty, alacritty, Windows Terminal) do no
bidi, so with `bidi=True` each side is wrapped in logical order, its letters joined and every
line reordered by `aligner.bidi` (the TUI's display code) and the two versions are printed
side by side. Terminals that reorder by themselves (VTE: GNOME Terminal, Tilix; Konsole,
mlterm) get `bidi=False`: the text goes out in logical order, one version under the other,
so each screen line has one direction for the terminal to resolve. Piped output is the same
plain logical text without colour.

Article text goes in as `rich.text.Text`, never as markup, and control characters are shown
as visible pictures (ESC as ␛), so an article cannot drive the terminal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from aligner import bidi as _bidi
from aligner.report.common import (
    VERDICT_LABELS,
    Piece,
    bead_counts,
    flag_text,
    is_divergent,
    lang_name,
    pair_number,
    pair_pieces,
    shown_flags,
    title,
)
from aligner.types import Comparison, Flag, Pair

VERDICT_STYLES = {"translation": "bold white on green", "partial": "bold black on yellow", "unrelated": "bold white on red"}
CLOSING_STYLES = {"translation": "bold green", "partial": "bold yellow", "unrelated": "bold red"}
SEVERITY_STYLES = {"major": "bold red", "minor": "yellow", "note": "dim"}
SPAN_STYLES = {"major": "black on yellow", "minor": "black on #d0d0a0", "note": "underline"}

# Terminals that apply the Unicode bidi algorithm themselves (so aligner must not reorder),
# known by the variable each sets: Konsole, mlterm, and VTE terminals (GNOME Terminal, Tilix,
# ...) from VTE 0.58 on, where bidi is on by default.
VTE_BIDI_SINCE = 5800


@dataclass(frozen=True, slots=True)
class View:
    """How the terminal report is laid out."""

    bidi: bool = True  # reorder RTL text ourselves, sides side by side
    show_all: bool = False  # every pair, not only the ones worth a look
    notes: bool = False  # include `note` flags
    details: bool = False  # alignment internals (bead kinds, anchors, alignment confidence)


def terminal_does_bidi(env: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """True inside a terminal known to reorder RTL text itself (and not inside tmux/screen,
    which redraw the screen cell by cell and so show our visual order as it is)."""
    env = os.environ if env is None else env
    if env.get("TMUX") or env.get("STY"):
        return False
    if env.get("KONSOLE_VERSION") or env.get("MLTERM"):
        return True
    vte = env.get("VTE_VERSION", "")
    return vte.isdigit() and int(vte) >= VTE_BIDI_SINCE


def resolve_bidi(choice: str | None, is_tty: bool, env: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """`--bidi auto|on|off` (or $ALIGNER_BIDI) -> whether aligner reorders RTL itself.
    auto: on for a terminal that does no bidi, off for one that does and for piped output."""
    env = os.environ if env is None else env
    choice = (choice or env.get("ALIGNER_BIDI") or "auto").strip().lower()
    if choice in ("on", "1", "yes", "true"):
        return True
    if choice in ("off", "0", "no", "false"):
        return False
    return is_tty and not terminal_does_bidi(env)


# ----------------------------------------------------------------------------- pieces


def _safe(text: str) -> str:
    return _bidi.visible_controls(text)


def _flag_severity(pair: Pair, piece: Piece, notes: bool) -> str | None:
    sevs = [pair.flags[i].severity for i in piece.flags if notes or pair.flags[i].severity != "note"]
    order = {"major": 0, "minor": 1, "note": 2}
    return min(sevs, key=lambda s: order.get(s, 0)) if sevs else None


def _logical_text(pair: Pair, parts: list[Piece], notes: bool) -> Text:
    out = Text()
    for piece in parts:
        if piece.sentence_break and out:
            out.append(" ¶ ", style="dim")
        sev = _flag_severity(pair, piece, notes)
        out.append(_safe(piece.text), style=SPAN_STYLES.get(sev or "", ""))
    return out


def _visual_lines(pair: Pair, parts: list[Piece], width: int, rtl: bool, notes: bool) -> Text:
    """Wrap the pieces' logical text, reorder each line (aligner.bidi), paint the spans."""
    text, spans = "", []
    for piece in parts:
        if piece.sentence_break and text:
            text += " ¶ "
            spans.append((len(text) - 2, len(text) - 1, "dim"))
        sev = _flag_severity(pair, piece, notes)
        if sev:
            spans.append((len(text), len(text) + len(piece.text), SPAN_STYLES[sev]))
        text += piece.text
    lines = _bidi.render(" ".join(text.split("\n")), width, rtl, spans)
    return Text("\n").join(lines)


def _flag_line(flag: Flag, bidi: bool, width: int) -> Text:
    line = Text("⚑ ", style=SEVERITY_STYLES.get(flag.severity, ""))
    line.append(flag.severity, style=SEVERITY_STYLES.get(flag.severity, ""))
    line.append(" ")
    body = flag_text(flag)
    if bidi:  # English prose quoting both languages: LTR base, Arabic runs reordered
        lines = _bidi.render(" ".join(body.split()), max(10, width - len(flag.severity) - 3), False)
        pad = " " * (len(flag.severity) + 3)
        line.append(Text("\n" + pad).join(Text(ln.plain.rstrip()) for ln in lines))
    else:
        line.append(_safe(body))
    return line


# ----------------------------------------------------------------------------- summary


def summary_panel(comparison: Comparison, view: View = View()) -> Panel:
    s = comparison.summary
    src, tgt = comparison.src, comparison.tgt
    lines = Text()
    lines.append(f" {VERDICT_LABELS.get(s.verdict, s.verdict)} ", style=VERDICT_STYLES.get(s.verdict, "bold"))
    if s.verdict_reason:
        lines.append("  " + _safe(s.verdict_reason))
    lines.append("\n")
    lines.append(f"overall divergence {s.overall_divergence:.2f}", style="bold")
    lines.append(" (0 = faithful, 1 = unrelated)", style="dim")
    lines.append(
        f"\naligned: {s.coverage_src:.0%} of the {lang_name(src.lang)} body, {s.coverage_tgt:.0%} of the {lang_name(tgt.lang)} body"
    )
    lines.append("\nflags: ")
    lines.append_text(_severity_summary(comparison, view))
    mt = comparison.mt
    lines.append("\n")
    if mt.notice:
        lines.append(_safe(mt.notice), style="yellow")
    elif mt.mode == "off":
        lines.append("MT is off: pairs were matched without an English pivot", style="yellow")
    else:
        lines.append(f"MT pivots: {mt.backend or mt.mode}", style="dim")
    if view.details:
        beads = bead_counts(comparison)
        lines.append(
            f"\nalignment details: {s.anchored_share:.0%} of matched pairs confirmed by a shared name, number or date",
            style="dim",
        )
        if beads:
            lines.append("; sentences per pair (SRC-TGT): " + ", ".join(f"{k} ×{v}" for k, v in beads.items()), style="dim")
    return Panel(lines, title=Text(_safe(title(comparison))), title_align="left", box=box.ROUNDED)


def severity_counts(comparison: Comparison) -> dict[str, int]:
    """Flags per severity over every pair (body, meta and boilerplate)."""
    out = {"major": 0, "minor": 0, "note": 0}
    for p in comparison.pairs:
        for f in p.flags:
            out[f.severity] = out.get(f.severity, 0) + 1
    return out


def _severity_summary(comparison: Comparison, view: View) -> Text:
    sev = severity_counts(comparison)
    out = Text()
    if not any(sev.values()):
        out.append("none", style="green")
        return out
    parts = []
    for name in ("major", "minor", "note"):
        n = sev.get(name, 0)
        if not n:
            continue
        kinds: dict[str, int] = {}
        for p in comparison.pairs:
            for f in p.flags:
                if f.severity == name:
                    kinds[f.kind] = kinds.get(f.kind, 0) + 1
        label = f"{n} {name}" + ("s" if name == "note" and n > 1 else "")
        detail = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
        hidden = name == "note" and not view.notes
        parts.append((f"{label} ({detail}" + ("; hidden, --notes shows them)" if hidden else ")"), SEVERITY_STYLES[name]))
    for i, (text, style) in enumerate(parts):
        if i:
            out.append(" · ")
        out.append(text, style=style)
    return out


# ----------------------------------------------------------------------------- pairs


def selected_pairs(comparison: Comparison, view: View = View()) -> list[int]:
    """Indices of the pairs the report lists: every pair with --all, else the divergent ones
    (none for an `unrelated` verdict: there, every pair differs and the verdict says it all)."""
    if view.show_all:
        return list(range(len(comparison.pairs)))
    if comparison.summary.verdict == "unrelated":
        return []
    return [i for i, p in enumerate(comparison.pairs) if is_divergent(p, view.notes)]


def pair_block(comparison: Comparison, index: int, width: int, view: View = View()) -> RenderableType:
    """One pair: a heading line, both versions, then its flags (major first)."""
    p = comparison.pairs[index]
    src, tgt = comparison.src, comparison.tgt
    flags = [f for _, f in shown_flags(p, view.notes)]
    head = Text()
    head.append(f"Pair {pair_number(index)}", style="bold")
    section = "" if p.section == "body" else f" · {p.section}"
    head.append(f" · {p.kind}{section}", style="dim")
    if p.section == "body":
        head.append(f" · divergence {p.divergence:.2f}", style="bold red" if p.divergence >= 0.5 else "")
    if view.details and p.section == "body":
        head.append(f" · alignment confidence {p.similarity:.2f}", style="dim")
    if flags:
        head.append(" · ")
        head.append(flags[0].severity.upper() if flags[0].severity == "major" else flags[0].severity,
                    style=SEVERITY_STYLES.get(flags[0].severity, ""))
    elif p.section == "body":
        head.append(" · no flag", style="dim green")
    src_parts, tgt_parts = pair_pieces(comparison, p)
    nothing = Text("(nothing)", style="dim italic")
    parts: list[RenderableType] = [head]
    if view.bidi:
        col = max(10, (width - 3) // 2)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=col, no_wrap=True)
        grid.add_column(width=1, no_wrap=True, style="dim")
        grid.add_column(width=col, no_wrap=True)
        left = _visual_lines(p, src_parts, col, _bidi.is_rtl_lang(src.lang), view.notes) if src_parts else nothing
        right = _visual_lines(p, tgt_parts, col, _bidi.is_rtl_lang(tgt.lang), view.notes) if tgt_parts else nothing
        height = max(len(left.plain.split("\n")), len(right.plain.split("\n")))
        grid.add_row(left, Text("\n".join(["│"] * height)), right)
        parts.append(grid)
    else:
        for doc, sp in ((src, src_parts), (tgt, tgt_parts)):
            line = Text(f"{doc.lang}: ", style="bold dim")
            line.append_text(_logical_text(p, sp, view.notes) if sp else nothing)
            parts.append(line)
    for f in flags:
        parts.append(_flag_line(f, view.bidi, width))
    return Group(*parts)


def closing_line(comparison: Comparison, view: View = View()) -> Text:
    """One line that ends the report: verdict, how many pairs need a look, what is hidden."""
    s = comparison.summary
    shown = [i for i, p in enumerate(comparison.pairs) if is_divergent(p, view.notes)]
    sev = severity_counts(comparison)
    line = Text()
    line.append(VERDICT_LABELS.get(s.verdict, s.verdict), style=CLOSING_STYLES.get(s.verdict, "bold"))
    line.append(f" · {len(shown)} of {len(comparison.pairs)} pairs flagged")
    counts = [f"{sev[k]} {k}" for k in ("major", "minor") if sev.get(k)]
    if counts:
        line.append(": " + ", ".join(counts))
    if sev.get("note") and not view.notes:
        line.append(f" · {sev['note']} note{'s' if sev['note'] > 1 else ''} hidden", style="dim")
    line.append(f" · divergence {s.overall_divergence:.2f}")
    return line


def print_terminal(comparison: Comparison, console: Console | None = None, view: View | None = None) -> None:
    console = console or Console()
    view = view or View(bidi=resolve_bidi(None, console.is_terminal))
    console.print(summary_panel(comparison, view))
    chosen = selected_pairs(comparison, view)
    if not chosen and comparison.summary.verdict == "unrelated":
        console.print(Text("The two texts are not versions of one article, so their pairs are not listed (--all lists them).", style="yellow"))
    elif not chosen:
        console.print(Text("No pair needs a look.", style="green"))
    for index in chosen:
        console.print()
        console.print(pair_block(comparison, index, console.width, view))
    console.print()
    console.print(closing_line(comparison, view))


def render_text(comparison: Comparison, view: View | None = None, width: int = 100) -> str:
    """The report as plain text (the `text` format, `-o report.txt`): no colour, logical
    order (a file is read in an editor or browser that does bidi itself)."""
    import io

    view = view or View(bidi=False)
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False, no_color=True, legacy_windows=False)
    print_terminal(comparison, console, view)
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


__all__ = ["View", "print_terminal", "render_text", "resolve_bidi", "terminal_does_bidi", "summary_panel", "pair_block", "closing_line", "selected_pairs"]
