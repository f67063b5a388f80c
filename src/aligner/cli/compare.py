"""`aligner compare SRC TGT`: align two versions of an article and report the divergences."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aligner import report
from aligner.compare import add_compare_arguments, compare_files, options_from_args
from aligner.errors import EXIT_DIVERGENT, EXIT_OK, InputError

_EXTENSIONS = {".json": "json", ".tsv": "tsv", ".tmx": "tmx", ".md": "md", ".html": "html", ".htm": "html"}


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
        "--format", choices=list(report.FORMATS) + ["text"],
        help="report format (default: from -o's extension; terminal text without -o)",
    )
    p.add_argument("-o", "--output", help="write the report to this file ('-' for stdout)")
    p.add_argument(
        "--fail-over", type=float, metavar="X",
        help="exit 1 when the overall divergence of the body exceeds X (0..1), for newsroom CI",
    )
    add_compare_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.fail_over is not None and not 0.0 <= args.fail_over <= 1.0:
        raise InputError(f"--fail-over must be between 0 and 1, got {args.fail_over}")
    fmt = args.format
    if fmt is None and args.output and args.output != "-":
        fmt = _EXTENSIONS.get(Path(args.output).suffix.lower())
        if fmt is None:
            raise InputError(f"cannot tell the format from {args.output!r}; use --format {{{','.join(report.FORMATS)}}}")
    comparison = compare_files(args.src, args.tgt, options_from_args(args))
    if comparison.mt.notice:
        print(f"aligner: {comparison.mt.notice}", file=sys.stderr)
    if fmt in (None, "text"):
        report.print_terminal(comparison)
    elif args.output in (None, "-"):
        sys.stdout.write(report.render(comparison, fmt))
    else:
        report.write(comparison, fmt, args.output)
        print(f"aligner: wrote {fmt} report to {args.output}", file=sys.stderr)
    overall = comparison.summary.overall_divergence
    if args.fail_over is not None and overall > args.fail_over:
        print(f"aligner: overall divergence {overall:.3f} exceeds --fail-over {args.fail_over}", file=sys.stderr)
        return EXIT_DIVERGENT
    return EXIT_OK
