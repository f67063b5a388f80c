"""`aligner compare SRC TGT`: align two versions of an article and report the divergences."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

from aligner import report
from aligner.compare import add_compare_arguments, compare_files, options_from_args
from aligner.errors import EXIT_DIVERGENT, EXIT_OK, InputError


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
    comparison = compare_files(args.src, args.tgt, options_from_args(args))
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
        sys.stdout.write(report.render(comparison, fmt, **options))
    else:
        where = report.write(comparison, fmt, args.output, **options)
        if where != "stdout":  # a report that went to standard output needs no receipt
            print(f"aligner: wrote {fmt} report to {where}", file=sys.stderr)
    overall = comparison.summary.overall_divergence
    if args.fail_over is not None and overall > args.fail_over:
        print(f"aligner: overall divergence {overall:.3f} exceeds --fail-over {args.fail_over}", file=sys.stderr)
        return EXIT_DIVERGENT
    return EXIT_OK
