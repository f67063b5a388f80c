#!/usr/bin/env python3
"""Benchmark: weight-free alignment of two long synthetic documents, and its scaling.

The documents are built from FLORES-200 dev (Russian SRC, Arabic TGT): SRC sentences are
drawn at random (with replacement) from the 997 lines; TGT translates each one, with about
10% of them split in two and unrelated Arabic sentences inserted, so the default sizes are
5,000 x ~6,300 sentences. `align s` times `aligner.align.align` given the sentence keys
(anchors, band, DP, evidence); `features s` times the key extraction (`aligner.entities`)
apart, since it is per sentence and independent of the alignment. Reported for 1x, 2x and
4x the input, plus strict/lax F1 against the construction.

    .venv/bin/python scripts/bench_align.py            # 5,000 x ~6,300, then 2x and 4x
    .venv/bin/python scripts/bench_align.py --sizes 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from aligner.align import align  # noqa: E402
from aligner.signals import document_keys  # noqa: E402
from aligner.evaluation import evaluate, make_document, split_sentence  # noqa: E402

FLORES = ROOT.parent / "shared" / "data" / "flores200-dev"


def build(n: int, seed: int = 0, p_split: float = 0.13, p_insert: float = 0.13):
    """SRC of n sentences; TGT ~1.26 n sentences (splits + insertions); gold beads."""
    ru = (FLORES / "rus_Cyrl.dev").read_text(encoding="utf-8").splitlines()
    ar = (FLORES / "arb_Arab.dev").read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    picks = [rng.randrange(len(ru)) for _ in range(n)]
    src_lines = [ru[k] for k in picks]
    tgt_lines: list[str] = []
    gold = []
    for i, k in enumerate(picks):
        if rng.random() < p_insert:
            gold.append(((), (len(tgt_lines),)))
            tgt_lines.append(ar[rng.randrange(len(ar))])
        parts = split_sentence(ar[k]) if rng.random() < p_split else None
        if parts:
            gold.append(((i,), (len(tgt_lines), len(tgt_lines) + 1)))
            tgt_lines.extend(parts)
        else:
            gold.append(((i,), (len(tgt_lines),)))
            tgt_lines.append(ar[k])
    return make_document(src_lines, "ru", 5), make_document(tgt_lines, "ar", 5), gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000],
                    help="SRC sizes (default: 5000 and its 2x and 4x)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the best is reported")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    if not FLORES.is_dir():
        print(f"FLORES-200 dev not found at {FLORES}", file=sys.stderr)
        return 2
    rows = []
    for n in args.sizes:
        src, tgt, gold = build(n)
        t0 = time.perf_counter()
        keys = (document_keys(src), document_keys(tgt))
        feat = time.perf_counter() - t0
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            beads = align(src, tgt, keys=keys)
            best = min(best, time.perf_counter() - t0)
        scores = evaluate(gold, [(b.src, b.tgt) for b in beads])
        rows.append({"src": len(src.sentences), "tgt": len(tgt.sentences), "seconds": round(best, 3),
                     "features_seconds": round(feat, 3),
                     "strict_f1": scores["strict"]["f1"], "lax_f1": scores["lax"]["f1"]})
    base = rows[0]["seconds"]
    for r in rows:
        r["time_ratio"] = round(r["seconds"] / base, 2) if base else None
        r["size_ratio"] = round(r["src"] / rows[0]["src"], 2)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'src':>7} {'tgt':>7} {'align s':>8} {'x size':>7} {'x time':>7} "
              f"{'features s':>11} {'strict F1':>10} {'lax F1':>7}")
        for r in rows:
            print(f"{r['src']:>7} {r['tgt']:>7} {r['seconds']:>8.3f} {r['size_ratio']:>7.2f} "
                  f"{r['time_ratio']:>7.2f} {r['features_seconds']:>11.3f} {r['strict_f1']:>10.4f} {r['lax_f1']:>7.4f}")
        print("align s: aligner.align.align with sentence keys precomputed (anchors, band, DP, "
              "evidence); features s: aligner.entities keys for both documents, timed apart.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
