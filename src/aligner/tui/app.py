"""The Textual app behind `aligner view`: two aligned columns, a detail pane, and keys.

The app renders a `Comparison` and nothing else. It gets one either ready-made (a saved
JSON report) or from a loader it runs in a worker thread (the real pipeline, which may run
MT for a minute), so the screen stays responsive and shows progress meanwhile. Errors from
the loader or from an export become notifications, never a traceback.

All Arabic drawing goes through `aligner.bidi`, per wrapped line; search, filters and flag
spans work on the logical text.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from aligner import bidi
from aligner.errors import AlignerError
from aligner.report.common import VERDICT_LABELS, flag_text, pair_number, shown_flags
from aligner.tui import model
from aligner.tui.model import Filter
from aligner.types import Comparison, Pair

Progress = Callable[..., None]
Loader = Callable[[Progress], Comparison]

ROW_BG = {"high": "on #3d1f22", "medium": "on #3a3218", "low": "", "meta": "dim"}
DIV_COLOUR = {"high": "bold #ff6b6b", "medium": "bold #e5c07b", "low": "#98c379", "meta": "dim"}
NUM_W, DIV_W = 5, 6  # the "#" and divergence columns, margins included
EXPORT_FORMATS = ("json", "tsv", "tmx", "md", "html")

HELP = """\
[b]aligner view[/b]: one row per aligned pair, SRC left, TGT right.
[on #3d1f22] red [/] high or unmatched  [on #3a3218] amber [/] flagged  [dim]dim[/] meta
[bold black on #e5c07b] number/date [/] [bold black on #61afef] name [/] \
[bold black on #c678dd] quote/attribution [/] [bold black on #98c379] search hit [/]

[b]↑ ↓  j k[/b]    move; [b]PgUp PgDn Home End[/b]: page, ends
[b]n  N[/b]        next / previous divergent pair
[b]f[/b]           filter: all, divergent only, one flag kind
[b]/[/b]           search both languages and the pivots; a name or
            place also finds its spelling in the other script
            (Enter: next hit, Esc: close the search)
[b]o[/b]           notes (copy-editing observations) on / off
[b]d[/b]           alignment details on / off
[b]p[/b]           English pivots on / off (when MT was on)
[b]s[/b]           swap sides
[b]e[/b]           export: json, tsv, tmx, md, html
[b]?[/b]           this help         [b]q[/b]  quit
Divergence: 0 = the two versions say the same, 1 = different.
Mouse: click selects a row, the wheel scrolls.
Press any key to close."""


@dataclass(frozen=True, slots=True)
class Side:
    """Which document fills a column: "src" or "tgt" of the comparison."""

    name: str

    def ids(self, pair: Pair) -> tuple[int, ...]:
        return pair.src if self.name == "src" else pair.tgt

    def text(self, pair: Pair) -> str:
        return pair.src_text if self.name == "src" else pair.tgt_text

    def pivot(self, pair: Pair) -> str | None:
        return pair.src_pivot if self.name == "src" else pair.tgt_pivot

    def span(self, flag) -> tuple[int, int] | None:
        return flag.src_span if self.name == "src" else flag.tgt_span


class HelpScreen(ModalScreen[None]):
    """The key list; any key or click closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 66; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(HELP, id="help-text")

    def on_key(self, event) -> None:
        event.stop()
        self.dismiss()

    def on_click(self) -> None:
        self.dismiss()


class FilterScreen(ModalScreen[Filter | None]):
    """Pick a filter; each choice says how many rows it keeps."""

    DEFAULT_CSS = """
    FilterScreen { align: center middle; background: $background; }
    FilterScreen > Vertical {
        width: 44; height: auto; max-height: 90%; border: round $accent; background: $surface;
    }
    FilterScreen OptionList { height: auto; max-height: 16; border: none; }
    """
    BINDINGS = [Binding("escape,f,q", "cancel", "close", show=False)]

    def __init__(self, choices: list[tuple[Filter, int]], current: Filter):
        super().__init__()
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(" Show which pairs?", id="filter-title")
            yield OptionList(
                *[Option(f"{flt.label}  ({n})", id=f"{flt.mode}:{flt.kind or ''}") for flt, n in self.choices],
                id="filter-options",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        for i, (flt, _) in enumerate(self.choices):
            if flt == self.current:
                options.highlighted = i

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Pick a report format, confirm or edit the file name, Enter writes it."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 60; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    ExportScreen OptionList { height: auto; border: none; }
    ExportScreen Input { width: 100%; }
    """
    BINDINGS = [Binding("escape", "cancel", "close", show=False)]

    def __init__(self, stem: str):
        super().__init__()
        self.stem = stem

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export the report: choose a format, then Enter to write")
            yield OptionList(*[Option(fmt, id=fmt) for fmt in EXPORT_FORMATS], id="export-formats")
            yield Input(value=f"{self.stem}.json", id="export-path")

    @on(OptionList.OptionHighlighted)
    def format_moved(self, event: OptionList.OptionHighlighted) -> None:
        path = self.query_one("#export-path", Input)
        base, _ = os.path.splitext(path.value)
        path.value = f"{base}.{event.option.id}"

    @on(OptionList.OptionSelected)
    def format_chosen(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        fmt = EXPORT_FORMATS[options.highlighted or 0]
        if event.value.strip():
            self.dismiss((fmt, event.value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class SearchInput(Input):
    """The search box, drawing an Arabic query as it reads (joined letters, right to left)
    instead of in stored order; the value itself stays logical."""

    @property
    def _value(self) -> Text:
        value = self.value
        if self.password or not bidi.has_rtl(value):
            return super()._value
        shown = bidi.display(value)
        return Text(shown + " " * max(0, len(value) - len(shown)), no_wrap=True, overflow="ignore", end="")


class PairTable(DataTable):
    """The aligned pairs; tells the app when its width changes so rows are re-wrapped."""

    BINDINGS = [
        Binding("j", "cursor_down", "down", show=False),
        Binding("k", "cursor_up", "up", show=False),
        Binding("home", "first_row", "first", show=False),
        Binding("end", "last_row", "last", show=False),
    ]

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0, animate=False)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)

    def on_resize(self) -> None:
        self.app.call_after_refresh(self.app.relayout)  # type: ignore[attr-defined]


class AlignerApp(App[None]):
    """Side-by-side viewer of one `Comparison`."""

    TITLE = "aligner view"
    ENABLE_COMMAND_PALETTE = False  # every action has its own key; keeps the footer short
    CSS = """
    Screen { layout: vertical; }
    #header { height: 3; background: $panel; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    #loading { height: 1fr; align: center middle; }
    #loading > Label { width: 100%; content-align: center middle; }
    #loading ProgressBar { width: auto; }
    PairTable { height: 1fr; scrollbar-gutter: stable; scrollbar-size-vertical: 1; }
    #detail { height: 30%; min-height: 8; max-height: 16; border-top: solid $accent; background: $surface; padding: 0 1; }
    #search { dock: bottom; display: none; }
    #search.-active { display: block; }
    """
    BINDINGS = [
        Binding("n", "next_divergent", "next"),
        Binding("N", "prev_divergent", "prev"),
        Binding("f", "filter", "filter"),
        Binding("slash", "search", "search", key_display="/"),
        Binding("p", "toggle_pivots", "pivots"),
        Binding("o", "toggle_notes", "notes", show=False),
        Binding("d", "toggle_details", "details", show=False),
        Binding("s", "swap", "swap"),
        Binding("e", "export", "export"),
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("q", "quit", "quit"),
        Binding("escape", "close_search", "close", show=False),
    ]

    show_pivots: reactive[bool] = reactive(False, init=False)
    show_notes: reactive[bool] = reactive(False, init=False)
    show_details: reactive[bool] = reactive(False, init=False)
    swapped: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        comparison: Comparison | None = None,
        loader: Loader | None = None,
        *,
        src_label: str | None = None,
        tgt_label: str | None = None,
        export_dir: str | os.PathLike[str] = ".",
    ):
        super().__init__()
        if comparison is None and loader is None:
            raise ValueError("AlignerApp needs a comparison or a loader")
        self.comparison = comparison
        self.loader = loader
        self.src_label = src_label
        self.tgt_label = tgt_label
        self.export_dir = Path(export_dir)
        self.filter = Filter()
        self.rows: list[int] = []  # pair indices, in table order
        self.query_text = ""
        self._layout_key: tuple | None = None

    # ----------------------------------------------------------------- composition

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        with Vertical(id="loading"):
            yield Label("Aligning…", id="loading-label")
            yield ProgressBar(id="progress", show_eta=False)
        table = PairTable(id="pairs", cursor_type="row", cell_padding=0, zebra_stripes=False)
        table.cursor_background_priority = "css"
        table.cursor_foreground_priority = "renderable"
        table.display = False
        yield table
        with VerticalScroll(id="detail"):
            yield Static(id="detail-text")
        yield SearchInput(placeholder="search both languages (Enter: next hit, Esc: close)", id="search")
        yield Footer()

    def on_mount(self) -> None:
        if self.comparison is not None:
            self.show_comparison(self.comparison)
        else:
            self.query_one("#header", Static).update(
                Text(f"{self.src_label or 'SRC'}  ⇄  {self.tgt_label or 'TGT'}", no_wrap=True, overflow="ellipsis")
            )
            self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        """Run the pipeline off the UI thread; report progress and errors back to it."""
        assert self.loader is not None
        try:
            comparison = self.loader(self._progress_from_thread)
        except AlignerError as exc:
            self.call_from_thread(self.load_failed, str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            self.call_from_thread(self.load_failed, f"internal error: {type(exc).__name__}: {exc}")
        else:
            self.call_from_thread(self.show_comparison, comparison)

    def _progress_from_thread(self, *args, **kwargs) -> None:
        self.call_from_thread(self.progress, *args, **kwargs)

    def progress(self, *args, **kwargs) -> None:
        """Accept (done, total), (done, total, label), (label,) or keyword forms."""
        numbers = [a for a in args if isinstance(a, (int, float)) and not isinstance(a, bool)]
        words = [a for a in args if isinstance(a, str)]
        done = kwargs.get("done", numbers[0] if numbers else None)
        total = kwargs.get("total", numbers[1] if len(numbers) > 1 else None)
        label = kwargs.get("label", kwargs.get("message", words[0] if words else None))
        bar = self.query_one("#progress", ProgressBar)
        if total:
            bar.update(total=total, progress=done or 0)
        if label:
            text = f"{label}… {done}/{total}" if total and total > 1 else f"{label}…"
            self.query_one("#loading-label", Label).update(text)

    def load_failed(self, message: str) -> None:
        self.query_one("#loading-label", Label).update(f"Could not compare: {message}\nPress q to quit.")
        self.query_one("#progress", ProgressBar).display = False
        self.notify(message, title="aligner", severity="error", timeout=30)

    def show_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.query_one("#loading").display = False
        table = self.query_one(PairTable)
        table.display = True
        table.focus()
        self.update_header()
        self.relayout(force=True)
        self.call_after_refresh(self.relayout)  # the table had no width yet if just shown
        if comparison.mt.notice:
            self.notify(comparison.mt.notice, title="MT", timeout=8)

    # ----------------------------------------------------------------- drawing

    @property
    def sides(self) -> tuple[Side, Side]:
        left, right = Side("src"), Side("tgt")
        return (right, left) if self.swapped else (left, right)

    def doc(self, side: Side):
        assert self.comparison is not None
        return self.comparison.src if side.name == "src" else self.comparison.tgt

    def label_for(self, side: Side) -> str:
        explicit = self.src_label if side.name == "src" else self.tgt_label
        doc = self.doc(side)
        return explicit or (Path(doc.path).name if doc.path else side.name.upper())

    def update_header(self) -> None:
        c = self.comparison
        if c is None:
            return
        left, right = self.sides
        line1 = Text(no_wrap=True, overflow="ellipsis", end="")
        for i, side in enumerate((left, right)):
            if i:
                line1.append("  ⇄  ", style="bold")
            line1.append(f"{side.name.upper()} ", style="bold")
            line1.append(self.label_for(side))
            line1.append(f" ({self.doc(side).lang})", style="dim")
        s = c.summary
        verdict_style = {"translation": "bold green", "partial": "bold yellow", "unrelated": "bold red"}
        line2 = Text(no_wrap=True, overflow="ellipsis", end="")
        line2.append(VERDICT_LABELS.get(s.verdict, s.verdict).upper(), style=verdict_style.get(s.verdict, "bold"))
        line2.append(f"  divergence {s.overall_divergence:.2f}")
        line2.append(f"  MT {c.mt.mode}", style="bold" if c.mt.mode != "off" else "dim")
        n_div = sum(model.is_divergent(p, self.show_notes) for p in c.pairs)
        line2.append(f"  {len(c.pairs)} pairs, {n_div} flagged")
        sev = {k: sum(f.severity == k for p in c.pairs for f in p.flags) for k in ("major", "minor", "note")}
        counts = [f"{sev[k]} {k}" for k in ("major", "minor") if sev[k]]
        if counts:
            line2.append(": " + ", ".join(counts))
        if sev["note"]:
            line2.append(f" · {sev['note']} notes{'' if self.show_notes else ' hidden (o)'}", style="dim")
        line2.append(f"  aligned {s.coverage_src:.0%}/{s.coverage_tgt:.0%}")
        if c.mt.mode != "off" and c.mt.backend:
            line2.append(f"  {c.mt.backend}", style="dim")
        line3 = Text(bidi.visible_controls(s.verdict_reason or ""), style="dim", no_wrap=True, overflow="ellipsis", end="")
        joined = Text("\n").join([line1, line2, line3])
        joined.no_wrap, joined.overflow = True, "ellipsis"  # one line each, never pushed down
        self.query_one("#header", Static).update(joined)

    def relayout(self, force: bool = False) -> None:
        """Rebuild the rows when the width, sides, pivots, filter or search changed."""
        if self.comparison is None:
            return
        table = self.query_one(PairTable)
        width = table.scrollable_content_region.width
        if width <= 0:
            return
        key = (width, self.swapped, self.show_pivots, self.show_notes, self.filter, self.query_text)
        if key == self._layout_key and not force:
            return
        self._layout_key = key
        current = self.current_index()
        text_w = max(8, (width - NUM_W - DIV_W) // 2)
        left, right = self.sides
        table.clear(columns=True)
        table.add_column(Text(" #"), width=NUM_W, key="num")
        for side in (left, right):
            head = f" {side.name.upper()} · {self.doc(side).lang} · {self.label_for(side)}"
            table.add_column(Text(head, no_wrap=True, overflow="ellipsis"), width=text_w, key=side.name)
        table.add_column(Text(" Δ"), width=DIV_W, key="div")
        self.rows = model.visible_rows(self.comparison, self.filter)
        for index in self.rows:
            cells, height = self.row_cells(index, text_w)
            table.add_row(*cells, height=height, key=str(index))
        if self.rows:
            target = self.nearest_row(current)
            table.move_cursor(row=target, animate=False)
        self.update_detail()

    def row_cells(self, index: int, text_w: int) -> tuple[list[Text], int]:
        """The four cells of one pair, all padded to the same height and tinted alike."""
        assert self.comparison is not None
        pair = self.comparison.pairs[index]
        sev = model.severity(pair, self.show_notes)
        bg = ROW_BG[sev]
        flags = [f for _, f in shown_flags(pair, self.show_notes)]
        inner = text_w - 2
        columns: list[list[Text]] = []
        for side in self.sides:
            doc = self.doc(side)
            cell = model.cell_for(doc, side.ids(pair), side.text(pair))
            spans = model.flag_spans(cell, list(reversed(flags)), side.name)  # major painted last, on top
            if self.query_text:
                spans += [(a, b, model.SEARCH_STYLE) for a, b in model.search_hits(cell.text, doc.lang, self.query_text)]
            rtl = bidi.is_rtl_lang(doc.lang)
            if cell.text:
                lines = bidi.render(cell.text, inner, rtl, spans, base_style=bg)
            else:
                lines = [Text(("∅".rjust(inner) if rtl else "∅".ljust(inner)), style=f"{bg} dim")]
            pivot = side.pivot(pair)
            if self.show_pivots and pivot:
                lines += bidi.render(pivot, inner, False, base_style=f"{bg} italic #8b949e")
            columns.append(lines)
        height = max(len(columns[0]), len(columns[1]), 1)
        kind = pair.kind if pair.section == "body" else pair.section[:4]
        num = [Text(f"{pair_number(index):>3}", style=bg), Text(f" {kind}", style=f"{bg} dim")][:height]
        div = [Text(f"{pair.divergence:.2f}" if pair.section == "body" else "", style=f"{bg} {DIV_COLOUR[sev]}")]
        codes = [model.FLAG_CODES.get(k, k[:4]) for k in dict.fromkeys(f.kind for f in flags)]
        if len(codes) >= height:  # no room for all: keep what fits and count the rest
            codes = codes[: max(0, height - 2)] + ([f"+{len(codes) - height + 2}"] if height > 1 else [])
        div += [Text(code, style=f"{bg} #e5c07b") for code in codes]
        cells = [
            _block(num, NUM_W, height, bg, margin=False),
            _block(columns[0], text_w, height, bg),
            _block(columns[1], text_w, height, bg),
            _block(div, DIV_W, height, bg),
        ]
        return cells, height

    def update_detail(self) -> None:
        self.query_one("#detail-text", Static).update(self.detail_renderable())

    def detail_renderable(self) -> RenderableType:
        c = self.comparison
        index = self.current_index()
        if c is None or index is None:
            msg = "No pair matches this filter — press f to change it." if c is not None else ""
            return Text(msg, style="dim")
        pair = c.pairs[index]
        flags = [f for _, f in shown_flags(pair, self.show_notes)]
        out = Text()
        out.append(f"Pair {pair_number(index)}/{len(c.pairs)}", style="bold")
        out.append(f" · {pair.kind} · {pair.section}")
        if pair.section == "body":
            out.append(f" · divergence {pair.divergence:.2f}")
            if self.show_details:
                out.append(f" · alignment confidence {pair.similarity:.2f}", style="dim")
        out.append(f" · showing {self.filter.label} ({len(self.rows)})", style="dim")
        if self.query_text:
            out.append(f" · search “{bidi.display(self.query_text)}”", style="dim")
        for flag in flags:
            out.append("\n● ", style=model.FLAG_STYLES.get(flag.kind, "").replace("black on", "on") or "bold")
            out.append(f"{flag.severity} ", style={"major": "bold #ff6b6b", "minor": "bold #e5c07b"}.get(flag.severity, "dim"))
            out.append(f"{flag.kind}", style="bold")
            for side in self.sides:
                span = side.span(flag)
                if span:
                    doc = self.doc(side)
                    out.append(f"  {side.name.upper()} «")
                    out.append(bidi.display(doc.text[span[0] : span[1]]), style=model.FLAG_STYLES.get(flag.kind, "bold"))
                    out.append("»")
            if flag.detail:  # English prose quoting both languages: LTR base, Arabic runs reordered
                out.append(f"  — {bidi.display(flag_text(flag), rtl=False)}", style="italic")
        if not flags:
            out.append_text(self.overview(pair))
        for side in self.sides:
            pivot = side.pivot(pair)
            if pivot:
                out.append(f"\n{side.name.upper()} in English: ", style="bold #8b949e")
                out.append(bidi.display(pivot, rtl=False), style="italic")
        if self.show_details and pair.evidence:
            ev = " · ".join(f"{k} {v:.2f}" for k, v in pair.evidence.items())
            out.append(f"\nalignment evidence (signal scores 0-1): {ev}", style="dim")
        return out

    def overview(self, pair: Pair) -> Text:
        """What the detail pane says for a pair with nothing flagged: the flagged pairs of the
        whole comparison, so the pane is useful from the first screen on."""
        c = self.comparison
        assert c is not None
        out = Text()
        hidden = sum(f.severity == "note" for f in pair.flags) if not self.show_notes else 0
        note = f" ({hidden} note{'s' if hidden > 1 else ''} hidden: o shows them)" if hidden else ""
        out.append("\nno flags on this pair" + (" (unmatched)" if model.is_unmatched(pair) else "") + note, style="dim")
        flagged = [(i, shown_flags(p, self.show_notes)) for i, p in enumerate(c.pairs)]
        flagged = [(i, fl) for i, fl in flagged if fl]
        if not flagged:
            out.append("\nNothing is flagged in this comparison.", style="green")
            return out
        out.append(f"\n{len(flagged)} flagged pair{'s' if len(flagged) > 1 else ''} (n jumps to the next):", style="bold")
        for i, fl in flagged[:12]:
            f = fl[0][1]
            out.append(f"\n  {pair_number(i):>3}  ")
            out.append(f"{f.severity} ", style={"major": "bold #ff6b6b", "minor": "bold #e5c07b"}.get(f.severity, "dim"))
            out.append(bidi.display(flag_text(f), rtl=False))
            if len(fl) > 1:
                out.append(f"  (+{len(fl) - 1})", style="dim")
        if len(flagged) > 12:
            out.append(f"\n  … {len(flagged) - 12} more", style="dim")
        return out

    # ----------------------------------------------------------------- cursor helpers

    def current_index(self) -> int | None:
        """The pair index under the cursor (None when the table is empty)."""
        if not self.rows:
            return None
        row = self.query_one(PairTable).cursor_row
        return self.rows[min(max(row, 0), len(self.rows) - 1)]

    def nearest_row(self, pair_index: int | None) -> int:
        if pair_index is None:
            return 0
        for row, index in enumerate(self.rows):
            if index >= pair_index:
                return row
        return len(self.rows) - 1

    def select_pair(self, pair_index: int) -> None:
        if pair_index in self.rows:
            self.query_one(PairTable).move_cursor(row=self.rows.index(pair_index), animate=False)

    @on(DataTable.RowHighlighted)
    def row_moved(self) -> None:
        self.update_detail()

    # ----------------------------------------------------------------- actions

    def _step(self, forward: bool, test: Callable[[Pair], bool], what: str) -> bool:
        if self.comparison is None or not self.rows:
            return False
        start = self.query_one(PairTable).cursor_row
        order = range(start + 1, len(self.rows)) if forward else range(start - 1, -1, -1)
        for row in order:
            if test(self.comparison.pairs[self.rows[row]]):
                self.query_one(PairTable).move_cursor(row=row, animate=False)
                return True
        self.notify(f"No {'next' if forward else 'previous'} {what}.", timeout=3)
        self.bell()
        return False

    def action_next_divergent(self) -> None:
        self._step(True, lambda p: model.is_divergent(p, self.show_notes), "divergent pair")

    def action_prev_divergent(self) -> None:
        self._step(False, lambda p: model.is_divergent(p, self.show_notes), "divergent pair")

    def action_toggle_notes(self) -> None:
        self.show_notes = not self.show_notes
        self.notify("Notes shown." if self.show_notes else "Notes hidden (o shows them).", timeout=3)

    def watch_show_notes(self) -> None:
        if self.filter.mode != "all" or self.filter.notes != self.show_notes:
            self.filter = Filter(self.filter.mode, self.filter.kind, self.show_notes)
        self.update_header()
        self.relayout()

    def action_toggle_details(self) -> None:
        self.show_details = not self.show_details

    def watch_show_details(self) -> None:
        self.update_detail()

    def action_toggle_pivots(self) -> None:
        if self.comparison is not None and not any(p.src_pivot or p.tgt_pivot for p in self.comparison.pairs):
            self.notify("No English pivots: MT was off for this comparison (--mt).", timeout=4)
        self.show_pivots = not self.show_pivots

    def watch_show_pivots(self) -> None:
        self.relayout()

    def action_swap(self) -> None:
        self.swapped = not self.swapped

    def watch_swapped(self) -> None:
        self.update_header()
        self.relayout()

    def action_filter(self) -> None:
        if self.comparison is None:
            return
        self.push_screen(FilterScreen(model.filter_choices(self.comparison, self.show_notes), self.filter), self.apply_filter)

    def apply_filter(self, flt: Filter | None) -> None:
        if flt is None:
            return
        self.filter = flt
        self.relayout()

    def action_search(self) -> None:
        if self.comparison is None:
            return
        box = self.query_one("#search", Input)
        box.add_class("-active")
        box.focus()

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        new_query = query != self.query_text
        if new_query:  # repaint the hits; a new query may match the row under the cursor
            self.query_text = query
            self.relayout()
        if not query:
            self.action_close_search()
            return
        c = self.comparison
        matches = [model.pair_matches(c.pairs[i], query, c.src.lang, c.tgt.lang) for i in self.rows]
        n_rows = sum(matches)
        shown = bidi.display(query)  # an Arabic query reads right to left, letters joined
        if not n_rows:
            self.notify(f"“{shown}” is not in the pairs shown.", severity="warning", timeout=4)
            return
        table = self.query_one(PairTable)
        start = table.cursor_row if new_query else table.cursor_row + 1
        order = list(range(start, len(self.rows))) + list(range(0, start))
        for row in order:
            if matches[row]:
                table.move_cursor(row=row, animate=False)
                break
        self.notify(f"“{shown}”: {n_rows} pair{'s' if n_rows != 1 else ''} match.", timeout=3)


    def action_close_search(self) -> None:
        box = self.query_one("#search", Input)
        if box.has_class("-active"):
            box.remove_class("-active")
            self.query_one(PairTable).focus()

    def action_export(self) -> None:
        if self.comparison is None:
            return
        stem = "__".join(Path(self.label_for(s)).stem for s in (Side("src"), Side("tgt")))
        self.push_screen(ExportScreen(str(self.export_dir / stem)), self.export)

    def export(self, choice: tuple[str, str] | None) -> None:
        if choice is None or self.comparison is None:
            return
        fmt, path = choice
        try:
            from aligner import report

            report.write(self.comparison, fmt, path)
        except AlignerError as exc:
            self.notify(str(exc), title="export failed", severity="error", timeout=10)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            self.notify(f"{type(exc).__name__}: {exc}", title="export failed", severity="error", timeout=10)
        else:
            self.notify(f"Wrote {fmt} report to {path}", title="export", timeout=5)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())



def _block(lines: list[Text], width: int, height: int, bg: str, margin: bool = True) -> Text:
    """Join lines into one cell: one-space margins, padded to `height` lines, all tinted."""
    out = Text(style=bg, no_wrap=True, overflow="crop", end="")
    for i in range(height):
        if i:
            out.append("\n")
        line = lines[i] if i < len(lines) else Text("")
        room = width - (2 if margin else 0)
        pad = max(0, room - cell_len(line.plain))
        if margin:
            out.append(" ", style=bg)
        out.append(line)
        out.append(" " * pad, style=bg)
        if margin:
            out.append(" ", style=bg)
    return out
