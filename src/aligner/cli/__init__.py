"""Command line: a thin layer over the Python API. Each subcommand lives in its own module
that exposes `register(subparsers)`; the handler returns the process exit code.

Every `AlignerError` becomes one line on stderr and its documented exit code
(see `aligner.errors`); Ctrl-C exits 130 without a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from aligner import __version__
from aligner.errors import EXIT_INTERRUPTED, AlignerError

# Subcommand modules, in the order `aligner --help` lists them.
SUBCOMMANDS = ("segment", "entities", "compare", "view", "batch", "models")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aligner",
        description="Align two language versions of an article and report where they diverge.",
    )
    parser.add_argument("--version", action="version", version=f"aligner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        module = importlib.import_module(f"aligner.cli.{name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except AlignerError as exc:
        print(f"aligner: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("aligner: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `aligner segment x | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
