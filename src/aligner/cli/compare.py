"""`aligner compare SRC TGT`: align two versions of an article and report the divergences."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from aligner import report
from aligner.compare import add_compare_arguments, compare_files, options_from_args
from aligner.errors import EXIT_DIVERGENT, EXIT_OK, InputError

if TYPE_CHECKING:
    from aligner.compare import Progress


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="align SRC (original) with TGT (version under check) and report divergences",
        description="Align SRC (the original) with TGT (the version under check), score every "
        "aligned pair for divergence and say why. Without -o, prints a readable report.",
    )
    p.add_argument("src", help="the original text file")
    p.add_argument("tgt", help="the translated / re-written version to check")
    p.add_argument(
        "--format", choices=list(report.FORMATS),
        help="report format (default: from -o's extension; the terminal report without -o)",
    )
    p.add_argument("-o", "--output", help="write the report to this file ('-' for stdout)")
    p.add_argument(
        "--fail-over", type=float, metavar="X",
        help="exit 1 when the overall divergence of the body exceeds X (0..1), for newsroom CI",
    )
    g = p.add_argument_group("terminal and text report")
    g.add_argument("--all", action="store_true", dest="show_all", help="list every pair, not only those that need a look")
    g.add_argument("--notes", action="store_true", help="also show notes (copy-editing observations such as two spellings of one name)")
    g.add_argument("--details", action="store_true", help="show alignment internals (anchors, sentences per pair, alignment confidence)")
    g.add_argument(
        "--bidi", choices=["auto", "on", "off"], default=None,
        help="reorder Arabic for display: on for terminals without bidi (xterm, tmux, kitty, alacritty, "
        "Windows Terminal), off for those that do their own (GNOME Terminal/VTE, Konsole, mlterm); "
        "auto (default, or $ALIGNER_BIDI) guesses from the terminal; piped output is never reordered",
    )
    g.add_argument("--no-pager", action="store_true", help="never page the terminal report ($ALIGNER_PAGER, $PAGER, default less)")
    p.add_argument("--force", action="store_true", help="TMX: write units even when the verdict is not translation")
    p.add_argument("--no-progress", action="store_true",
                   help="no progress display on stderr (shown only when stderr is a terminal)")
    add_compare_arguments(p)
    p.set_defaults(func=run)


def _view(args: argparse.Namespace, is_tty: bool):
    from aligner.report.terminal import View, resolve_bidi

    return View(
        bidi=resolve_bidi(args.bidi, is_tty),
        show_all=args.show_all,
        notes=args.notes,
        details=args.details,
    )


def _pager_command() -> str | None:
    """Like git: $ALIGNER_PAGER, else $PAGER, else less; empty or `cat` means no pager."""
    cmd = os.environ.get("ALIGNER_PAGER", os.environ.get("PAGER"))
    if cmd is None:
        cmd = "less" if shutil.which("less") else ""
    cmd = cmd.strip()
    return None if cmd in ("", "cat") else cmd


def _show(text: str, page: bool) -> None:
    """Print the terminal report, through a pager when it is longer than the screen."""
    cmd = _pager_command() if page else None
    if cmd and text.count("\n") >= shutil.get_terminal_size().lines:
        env = dict(os.environ)
        env.setdefault("LESS", "FRX")  # quit if one screen, keep colours, leave the screen as is
        try:
            proc = subprocess.Popen(cmd, shell=True, stdin=subprocess.PIPE, env=env)
        except OSError:
            proc = None
        if proc is not None:
            assert proc.stdin is not None
            try:
                proc.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
                proc.stdin.close()
            except BrokenPipeError:  # the reader quit the pager early
                pass
            proc.wait()
            return
    sys.stdout.write(text)
    sys.stdout.flush()


@contextlib.contextmanager
def stage_progress(enabled: bool, delay: float = 0.3) -> Iterator[Progress | None]:
    """A line per stage on stderr while the comparison runs (segment, translate, align,
    score), with its elapsed time and, where the stage counts (documents, sentences), a bar;
    gone when the comparison ends, so the report starts on a clean screen. It appears only
    once the work has taken `delay` seconds: a quick comparison never pays for loading rich."""
    if not enabled:
        yield None
        return
    display = _StageDisplay()
    timer = threading.Timer(delay, display.show)
    timer.daemon = True
    timer.start()
    try:
        yield display.update
    finally:
        timer.cancel()
        display.close()


class _StageDisplay:
    """The stages seen so far, shown by a rich progress display from `show()` on."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stages: dict[str, tuple[int, int]] = {}  # stage -> (done, total), in order
        self.times: dict[str, list[float]] = {}  # stage -> [start, end] (time.monotonic, rich's clock)
        self.bar: Any = None
        self.tasks: dict[str, Any] = {}
        self.closed = False

    def update(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        with self.lock:
            for name, times in self.times.items():
                if name != stage and len(times) == 1:
                    times.append(now)
            if stage != "done":
                self.stages[stage] = (done, total)
                self.times.setdefault(stage, [now])
            if self.bar is not None:
                self._draw()

    def show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress as Bar, SpinnerColumn, TextColumn, TimeElapsedColumn

        columns = (SpinnerColumn(finished_text="✓"), TextColumn("{task.description:<9}"), BarColumn(),
                   TextColumn("{task.fields[count]}"), TimeElapsedColumn())
        with self.lock:
            if self.closed:
                return
            self.bar = Bar(*columns, console=Console(stderr=True), transient=True)
            self.bar.start()
            self._draw()

    def _draw(self) -> None:
        """Every stage but the latest is finished; a stage without counts pulses."""
        last = next(reversed(self.stages), None)
        for stage, (done, total) in self.stages.items():
            if stage not in self.tasks:
                self.tasks[stage] = self.bar.add_task(stage, total=total if total > 1 else None, count="")
                self.bar.tasks[-1].start_time = self.times[stage][0]  # it began before the display
            task = self.tasks[stage]
            if stage != last:
                self.bar.update(task, total=max(total, 1), completed=max(total, 1),
                                count=f"{total}/{total}" if total > 1 else "")
                times = self.times[stage]
                self.bar.tasks[list(self.tasks).index(stage)].finished_time = times[-1] - times[0]
            elif total > 1:
                self.bar.update(task, total=total, completed=done, count=f"{done}/{total}")

    def close(self) -> None:
        with self.lock:
            self.closed = True
            if self.bar is not None:
                self.bar.stop()


def run(args: argparse.Namespace) -> int:
    if args.fail_over is not None and not 0.0 <= args.fail_over <= 1.0:
        raise InputError(f"--fail-over must be between 0 and 1, got {args.fail_over}")
    fmt = args.format
    if fmt is None and args.output and args.output != "-":
        fmt = report.format_for_path(args.output)
        if fmt is None:
            raise InputError(f"cannot tell the format from {args.output!r}; use --format {{{','.join(report.FORMATS)}}}")
    if args.output:
        report.output_target(args.output)  # a path that cannot be written fails before the work
    with stage_progress(not args.no_progress and sys.stderr.isatty()) as progress:
        comparison = compare_files(args.src, args.tgt, options_from_args(args), progress)
    if comparison.mt.notice:
        print(f"aligner: {comparison.mt.notice}", file=sys.stderr)
    options: dict = {}
    if fmt == "text":
        options["view"] = _view(args, False)
    elif fmt == "tmx":
        options["force"] = args.force
        from aligner.report.tmx import refusal

        why = refusal(comparison, args.force)
        if why:
            print(f"aligner: {why}", file=sys.stderr)
    if fmt is None:
        from rich.console import Console

        console = Console(soft_wrap=False)
        view = _view(args, console.is_terminal)
        with console.capture() as captured:
            report.print_terminal(comparison, console, view)
        text = captured.get()
        if not console.is_terminal:  # plain text for pipes and files: no padding at line ends
            text = "\n".join(line.rstrip() for line in text.split("\n"))
        _show(text, page=console.is_terminal and not args.no_pager)
    elif args.output in (None, "-"):
        for piece in report.chunks(comparison, fmt, **options):
            sys.stdout.write(piece)
    else:
        where = report.write(comparison, fmt, args.output, **options)
        if where != "stdout":  # a report that went to standard output needs no receipt
            print(f"aligner: wrote {fmt} report to {where}", file=sys.stderr)
    overall = comparison.summary.overall_divergence
    if args.fail_over is not None and overall > args.fail_over:
        print(f"aligner: overall divergence {overall:.3f} exceeds --fail-over {args.fail_over}", file=sys.stderr)
        return EXIT_DIVERGENT
    return EXIT_OK
