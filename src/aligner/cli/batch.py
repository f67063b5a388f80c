"""`aligner batch INPUT -o OUTDIR`: compare many pairs in parallel, resumably, with an index."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from aligner.compare import add_compare_arguments, options_from_args
from aligner.errors import InputError

if TYPE_CHECKING:
    from aligner import batch

EPILOG = """\
INPUT is one of:
  a directory of NAME.LANG.txt files: NAME.ru.txt + NAME.ar.txt is one pair. SRC is the
    language given by --src-lang (or the other one when --tgt-lang is given); without
    either, the first of ru, en, ar (the usual direction of wire copy here).
  a manifest, paths relative to it:
    .toml   [[pair]] tables: name, src, tgt, src_lang, tgt_lang (e.g. seeds/pairs.toml)
    .tsv    columns src, tgt[, name, src_lang, tgt_lang]; an optional header row names them
    .jsonl  one {"src": ..., "tgt": ..., "name": ..., "src_lang": ..., "tgt_lang": ...} per line

OUTDIR gets pairs/NAME.<fmt> (the reports), results/NAME.json (one record per finished
pair) and index.json, index.csv, index.html (every pair ranked by divergence, with
verdicts and errors). Run the same command again to resume: finished pairs with unchanged
inputs and options are skipped, failed ones are retried.

A pair slower than --pair-timeout SECONDS is stopped and reported as failed.

Exit codes: 0 all pairs done, 5 at least one pair failed (see the index), 2 bad input or
usage, 130 interrupted (finished pairs are kept).
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help="compare many pairs (a directory or a manifest) in parallel; resumable; ranked index",
        description="Compare many pairs of articles in parallel and write one report per pair "
        "plus an index ranking the pairs by divergence. Resumable.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", help="a directory of NAME.LANG.txt pairs, or a .toml/.tsv/.jsonl manifest")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output directory (created if missing)")
    p.add_argument(
        "--formats", metavar="LIST",
        help="per-pair report formats, comma-separated, from json,tsv,tmx,md,html (default: json,html)",
    )
    p.add_argument("--workers", type=int, metavar="N", help="parallel workers (default: one per CPU core)")
    p.add_argument("--engine", choices=("local", "ray"), default="local", help="local process pool or Ray (default: local)")
    p.add_argument("--address", metavar="ADDR", help="Ray cluster to join (auto, HOST:6379, ray://HOST:10001); --engine ray only")
    p.add_argument("--force", action="store_true", help="redo every pair, even those already done")
    p.add_argument(
        "--pair-timeout", type=float, metavar="SECONDS",
        help="fail a pair that takes longer than this (a hung input), instead of waiting for it (default: no limit)",
    )
    p.add_argument(
        "--progress", choices=("auto", "bar", "lines", "none"), default="auto",
        help="auto: a progress bar on a terminal, else one JSON line per finished pair on stderr",
    )
    add_compare_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from aligner import batch

    formats = tuple(f.strip().lower() for f in (args.formats or ",".join(batch.DEFAULT_FORMATS)).split(",") if f.strip())
    if not formats:
        raise InputError("--formats needs at least one of json,tsv,tmx,md,html")
    if args.workers is not None and args.workers < 1:
        raise InputError(f"--workers must be at least 1, got {args.workers}")
    options = options_from_args(args)
    jobs = batch.discover(args.input, args.src_lang, args.tgt_lang)
    mode = args.progress
    if mode == "auto":
        mode = "bar" if sys.stderr.isatty() else "lines"
    if mode == "bar":
        result = _with_bar(jobs, args, options, formats)
    else:
        result = batch.run_batch(
            jobs, args.output, options, formats, args.workers, args.engine, args.address, args.force,
            progress=batch.print_event if mode == "lines" else None, pair_timeout=args.pair_timeout,
        )
    if result.interrupted:
        raise KeyboardInterrupt  # the CLI's one line and exit 130; the index is written
    return result.exit_code


def _with_bar(jobs: list[batch.PairJob], args: argparse.Namespace, options: Any, formats: tuple[str, ...]) -> batch.BatchResult:
    """A rich progress bar on stderr, a line per failure, and a summary at the end."""
    from rich.console import Console

    from aligner import batch
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    console = Console(stderr=True)
    columns = (TextColumn("[bold]batch[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TimeRemainingColumn(), TextColumn("{task.fields[last]}", markup=False))
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("batch", total=len(jobs), last="")

        def on_event(event: dict[str, Any]) -> None:
            if event["event"] == "start":
                bar.update(task, completed=event["skipped"])
                if event["skipped"]:
                    console.print(f"resuming: {event['skipped']} of {event['total']} pairs already done", markup=False)
            elif event["event"] == "pair":
                bar.update(task, completed=event["done"], last=event["name"])
                if event["status"] == "failed":
                    console.print(f"failed: {event['name']}: {event['error']}", markup=False, style="red")
            elif event["event"] == "end":
                bar.update(task, last="")

        result = batch.run_batch(jobs, args.output, options, formats, args.workers, args.engine,
                                 args.address, args.force, progress=on_event, pair_timeout=args.pair_timeout)
    verdicts = ", ".join(f"{n} {v}" for v, n in result.index["verdicts"].items()) or "no verdicts"
    console.print(
        f"{result.total} pairs: {verdicts}; {result.failed} failed; {result.skipped} skipped as done; "
        f"{result.seconds:.1f} s. Index: {result.index_path.with_suffix('.html')}",
        markup=False, highlight=False, soft_wrap=True,
    )
    attention = [p for p in result.index["pairs"] if p["status"] == "failed" or p.get("verdict") in ("partial", "unrelated")
                 or p.get("major_flags") or p.get("expect_mismatch")]
    for m in result.index.get("expect_mismatches", []):
        console.print(f"not as expected: {m['name']}: expected {m['expect']}, got {m['verdict']}", markup=False, style="red")
    for p in attention[:5]:  # the top of the ranking: what an editor opens first
        if p["status"] == "failed":
            what = p["error"]
        elif p.get("verdict") == "translation":
            n = int(p.get("major_flags") or 0)
            what = f"translation, {n} major flag{'s' if n != 1 else ''}, divergence {p['overall_divergence']:.2f}"
        else:
            what = f"{p['verdict']}, divergence {p['overall_divergence']:.2f}"
        console.print(f"  {p['rank']:>3}. {p['name']}: {what}", markup=False, highlight=False, soft_wrap=True)
    if len(attention) > 5:
        console.print(f"  ... and {len(attention) - 5} more needing attention (see the index)", markup=False, highlight=False)
    return result
