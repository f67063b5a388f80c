#!/usr/bin/env python3
"""Score a sentence alignment against a gold alignment: strict and lax precision, recall
and F1 (Sennrich & Volk 2010, as in Vecalign's scorer), plus sentence-link F1.

The prediction is either a comparison JSON written by `aligner compare --format json`, or,
when `--pred` is omitted, computed here by `aligner.align.align` on the gold file's two
documents (weight-free unless pivots are given with `--mt`).

    .venv/bin/python scripts/evaluate.py tests/fixtures/gold/seed_004_ru__000_ar.json
    .venv/bin/python scripts/evaluate.py GOLD.json --pred comparison.json --json
    .venv/bin/python scripts/evaluate.py GOLD.json --mt auto     # pivots via aligner.translate

Gold file format (JSON; paths relative to the gold file):
    {"src": "...", "tgt": "...", "src_lang": "ru", "tgt_lang": "ar",
     "beads": [{"src": ["opening of a SRC sentence", ...], "tgt": ["opening ...", ...]}, ...]}
Each sentence is named by its opening characters (40 or so), so the gold survives small
changes in segmentation; a sentence that cannot be found is an error (exit 2).
Exit status: 0, or 1 with `--min-f1 X` when strict F1 < X, or 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from aligner.errors import AlignerError  # noqa: E402
from aligner.evaluation import beads_from_comparison, evaluate, load_gold  # noqa: E402


def predict(src, tgt, mt: str):
    """Beads from our aligner; with `mt` other than off, pivots from aligner.translate."""
    from aligner.align import align

    src_p = tgt_p = None
    if mt != "off":
        from aligner.translate import MTOptions, pivot_documents

        src_p, tgt_p, info = pivot_documents(src, tgt, MTOptions(mode=mt))
        if info.notice:
            print(f"note: {info.notice}", file=sys.stderr)
    return [(b.src, b.tgt) for b in align(src, tgt, src_p, tgt_p)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", help="gold alignment file (JSON)")
    ap.add_argument("--pred", help="comparison JSON from `aligner compare --format json`")
    ap.add_argument("--mt", default="off", choices=("off", "auto", "ct2", "tm"),
                    help="pivot translation when aligning here (default: off, weight-free)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 if strict F1 is below this")
    args = ap.parse_args(argv)
    try:
        _, src, tgt, gold = load_gold(args.gold)
        t0 = time.perf_counter()
        if args.pred:
            try:
                pred = beads_from_comparison(json.loads(Path(args.pred).read_text(encoding="utf-8")))
            except (OSError, ValueError) as exc:
                raise AlignerError(f"cannot read prediction {args.pred}: {exc}") from exc
        else:
            pred = predict(src, tgt, args.mt)
        seconds = time.perf_counter() - t0
    except AlignerError as exc:
        print(f"evaluate: error: {exc}", file=sys.stderr)
        return exc.exit_code
    scores = evaluate(gold, pred)
    if args.json:
        print(json.dumps({"gold": args.gold, "gold_beads": len(gold), "pred_beads": len(pred),
                          "seconds": round(seconds, 3), **scores}, indent=2))
    else:
        print(f"gold {args.gold}: {len(gold)} beads; prediction: {len(pred)} beads"
              + ("" if args.pred else f" (aligned in {seconds:.3f} s, MT {args.mt})"))
        print(f"{'':8} {'precision':>9} {'recall':>7} {'F1':>7}")
        for name in ("strict", "lax", "links"):
            s = scores[name]
            print(f"{name:8} {s['precision']:>9.4f} {s['recall']:>7.4f} {s['f1']:>7.4f}")
    if args.min_f1 is not None and scores["strict"]["f1"] < args.min_f1:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
