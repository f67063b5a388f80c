"""`aligner view SRC TGT` (or `aligner view report.json`): the side-by-side TUI.

Takes the same options as `compare`; the pipeline runs in the app's worker thread so the
screen shows progress at once. A saved JSON comparison opens without re-running anything.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from aligner.compare import add_compare_arguments, compare_files, options_from_args
from aligner.errors import EXIT_OK, InputError
from aligner.types import Comparison


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "view",
        help="read SRC and TGT side by side, aligned, with divergences marked (terminal UI)",
        description="Open two versions of an article side by side in the terminal, aligned "
        "sentence by sentence, divergences highlighted. With one argument, opens a saved JSON "
        "comparison (aligner compare ... -o report.json). Press ? in the viewer for the keys.",
    )
    p.add_argument("src", help="the original text file, or a saved JSON comparison")
    p.add_argument("tgt", nargs="?", help="the translated / re-written version to check")
    p.add_argument("--export-dir", default=".", help="where the e key writes reports (default: .)")
    add_compare_arguments(p)
    p.set_defaults(func=run)


def load_saved(path: str | Path) -> Comparison:
    """A comparison written by `aligner compare --format json`; one-line errors otherwise."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable JSON comparison ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: not an aligner comparison")
    try:
        return Comparison.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: malformed comparison ({type(exc).__name__}: {exc})") from None


def build_app(args: argparse.Namespace):
    """The app for these arguments (separate from `run` so tests can drive it)."""
    from aligner.tui import AlignerApp

    if args.tgt is None:
        if Path(args.src).suffix.lower() != ".json":
            raise InputError("aligner view needs SRC and TGT, or one saved JSON comparison (report.json)")
        return AlignerApp(load_saved(args.src), export_dir=args.export_dir)
    for path in (args.src, args.tgt):
        if not Path(path).is_file():
            raise InputError(f"{path}: no such file")
    options = options_from_args(args)

    def loader(progress):
        return compare_files(args.src, args.tgt, options, progress)

    return AlignerApp(
        loader=loader,
        src_label=Path(args.src).name,
        tgt_label=Path(args.tgt).name,
        export_dir=args.export_dir,
    )


def run(args: argparse.Namespace) -> int:
    app = build_app(args)
    if not sys.stdout.isatty():
        raise InputError("aligner view needs a terminal; use aligner compare for a report")
    app.run()
    return EXIT_OK
