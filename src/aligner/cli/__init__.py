"""Command line: a thin layer over the Python API. Each subcommand lives in its own module
that exposes `register(subparsers)`; the handler returns the process exit code.

Every `AlignerError` becomes one line on stderr and its documented exit code
(see `aligner.errors`); Ctrl-C exits 130 without a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings

from aligner import __version__
from aligner.errors import EXIT_INPUT, EXIT_INTERRUPTED, AlignerError, Notice, OutputError

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
    from aligner.compare import collect_less_often

    _one_blas_thread()
    collect_less_often()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    warnings.showwarning = _show_notice
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a full disk shows here (`> /dev/full`), not at exit as a traceback
        return code
    except AlignerError as exc:
        if isinstance(exc, OutputError):
            _silence_stdout()
        return _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        print("aligner: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `aligner segment x | head`
        _silence_stdout()
        return 0
    except OSError as exc:  # writing the output failed (full disk, I/O error): one line
        _silence_stdout()
        where = f" {exc.filename}" if exc.filename else " to standard output"
        return _fail(f"cannot write{where}: {exc.strerror or exc}", EXIT_INPUT)


def _one_blas_thread() -> None:
    """numpy's OpenBLAS starts a thread per core as numpy loads: ~0.1 s of CPU on the 2-core
    reference machine, a quarter of comparing the seed pair. aligner's arrays are elementwise
    (no matrix algebra), so one thread loses nothing. Set before any stage imports numpy; a
    value the user set wins."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


_show_warning = warnings.showwarning


def _show_notice(message, category, filename, lineno, file=None, line=None) -> None:
    """A `Notice` is one line for the user; any other warning keeps Python's format."""
    if issubclass(category, Notice):
        print(f"aligner: note: {message}", file=sys.stderr)
    else:
        _show_warning(message, category, filename, lineno, file, line)


def _fail(message: str, code: int) -> int:
    try:
        print(f"aligner: error: {message}", file=sys.stderr)
    except OSError:
        pass
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush of what could not be
    written does not print a second error at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
