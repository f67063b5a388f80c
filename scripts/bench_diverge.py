#!/usr/bin/env python3
"""Benchmark: divergence scoring (`aligner.diverge.score`) on long documents, and its scaling.

The documents are built from FLORES-200 dev (Russian SRC, Arabic TGT): SRC walks through the
997 lines in a fresh random order for every 997 sentences (so each stretch of 997 is
distinct); TGT translates each one, with about 13% of them split in two and 13% unrelated
Arabic sentences inserted. The beads come from `aligner.align.align` (untimed); only `score`
is timed, with the entity/name memo caches emptied before every run so that repeats and
larger sizes do not ride on the smaller ones. Sizes 1x, 2x and 4x are measured in one run and
the time ratios printed, which is the check that the cost grows linearly.

    .venv/bin/python scripts/bench_diverge.py                # 5,000 / 10,000 / 20,000 SRC sentences
    .venv/bin/python scripts/bench_diverge.py --sizes 1000 2000 4000 --align
    BENCH_SORT=tottime .venv/bin/python scripts/bench_diverge.py --sizes 2000 --profile   # where the time goes
"""

from __future__ import annotations

import argparse
import os
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from aligner import entities  # noqa: E402
from aligner.align import align  # noqa: E402
from aligner.diverge import clear_caches, score  # noqa: E402
from aligner.evaluation import make_document, split_sentence  # noqa: E402
from aligner.signals import sentence_keys  # noqa: E402
from aligner.types import Document  # noqa: E402

FLORES = ROOT.parent / "shared" / "data" / "flores200-dev"


def build(n: int, seed: int = 0, p_split: float = 0.13, p_insert: float = 0.13) -> tuple[Document, Document]:
    """SRC of n Russian sentences (distinct within every 997), TGT their Arabic lines with
    splits and unrelated insertions (~1.26 n sentences)."""
    ru = (FLORES / "rus_Cyrl.dev").read_text(encoding="utf-8").splitlines()
    ar = (FLORES / "arb_Arab.dev").read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    picks: list[int] = []
    while len(picks) < n:
        block = list(range(len(ru)))
        rng.shuffle(block)
        picks.extend(block[: n - len(picks)])
    tgt: list[str] = []
    for k in picks:
        if rng.random() < p_insert:
            tgt.append(ar[rng.randrange(len(ar))])
        parts = split_sentence(ar[k]) if rng.random() < p_split else None
        tgt.extend(parts or [ar[k]])
    return make_document([ru[k] for k in picks], "ru", 5), make_document(tgt, "ar", 5)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000],
                    help="SRC sizes (default: 5000 and its 2x and 4x)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the best is reported")
    ap.add_argument("--align", action="store_true", help="also time the alignment, for comparison")
    ap.add_argument("--profile", action="store_true", help="cProfile the first size's score() and print the top")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    if not FLORES.is_dir():
        print(f"FLORES-200 dev not found at {FLORES}", file=sys.stderr)
        return 2
    sentence_keys("", "ru"), sentence_keys("", "ar")  # load the gazetteer once, untimed
    rows = []
    for n in args.sizes:
        src, tgt = build(n)
        entities.clear_caches()
        t0 = time.perf_counter()
        beads = align(src, tgt)
        align_s = time.perf_counter() - t0
        best = best_cpu = None
        for _ in range(args.repeat):
            clear_caches()
            if args.profile and not rows:
                import cProfile
                import pstats

                prof = cProfile.Profile()
                prof.enable()
            t0, c0 = time.perf_counter(), time.process_time()
            pairs, summary = score(src, tgt, beads)
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
            if args.profile and not rows:
                prof.disable()
                pstats.Stats(prof, stream=sys.stderr).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(30)
            best = dt if best is None else min(best, dt)
            best_cpu = dc if best_cpu is None else min(best_cpu, dc)
        rows.append({"src": len(src.sentences), "tgt": len(tgt.sentences), "beads": len(beads),
                     "score_seconds": round(best, 3), "score_cpu_seconds": round(best_cpu, 3), "ms_per_bead": round(1000 * best / max(len(beads), 1), 3),
                     "align_seconds": round(align_s, 3) if args.align else None,
                     "flags": sum(len(p.flags) for p in pairs), "verdict": summary.verdict})
    base = rows[0]["score_seconds"]
    for r in rows:
        r["size_ratio"] = round(r["src"] / rows[0]["src"], 2)
        r["time_ratio"] = round(r["score_seconds"] / base, 2) if base else None
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'src':>7} {'tgt':>7} {'beads':>7} {'score s':>8} {'cpu s':>7} {'ms/bead':>8} {'x size':>7} {'x time':>7} "
          f"{'align s':>8} {'flags':>6}  verdict")
    for r in rows:
        al = f"{r['align_seconds']:>8.3f}" if r["align_seconds"] is not None else f"{'-':>8}"
        print(f"{r['src']:>7} {r['tgt']:>7} {r['beads']:>7} {r['score_seconds']:>8.3f} {r['score_cpu_seconds']:>7.3f} {r['ms_per_bead']:>8.3f} "
              f"{r['size_ratio']:>7.2f} {r['time_ratio']:>7.2f} {al} {r['flags']:>6}  {r['verdict']}")
    print("score s = aligner.diverge.score (beads from align, untimed unless --align); memo caches emptied before each run;\n"
          "cpu s = its process CPU time (on a shared machine others' load only ever adds: compare the least of --repeat N).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
