#!/usr/bin/env python3
"""Score a sentence alignment against a gold alignment: strict and lax precision, recall
and F1 (Sennrich & Volk 2010, as in Vecalign's scorer), plus sentence-link F1.

The prediction is either a comparison JSON written by `aligner compare --format json`, or,
when `--pred` is omitted, computed here by `aligner.align.align` on the gold file's two
documents (weight-free unless pivots are given with `--mt`).

    .venv/bin/python scripts/evaluate.py tests/fixtures/gold/seed_004_ru__000_ar.json
    .venv/bin/python scripts/evaluate.py GOLD.json --pred comparison.json --json
    .venv/bin/python scripts/evaluate.py GOLD.json --mt auto     # pivots via aligner.translate
    .venv/bin/python scripts/evaluate.py --flores                # FLORES-200 synthetic suite

`--flores` builds pseudo-documents from FLORES-200 dev (Russian SRC, Arabic TGT, blocks of
`--size` lines) with known edits on the TGT side (clean, split, merge, drop, insert, mixed),
aligns them weight-free and with simulated pivots (the English reference with a quarter of
its words lost), and also reports how much of unrelated block pairs gets matched.

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
from aligner.evaluation import (  # noqa: E402
    SYNTHETIC_EDITS,
    beads_from_comparison,
    evaluate,
    load_gold,
    make_document,
    simulated_pivots,
    synthetic_pair,
)

FLORES = ROOT.parent / "shared" / "data" / "flores200-dev"


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


def flores_suite(blocks: int, size: int) -> dict:
    """Mean strict/lax F1 per edit kind, weight-free and with simulated pivots, and the
    matched share of unrelated block pairs."""
    import random
    import statistics

    from aligner.align import align

    lines = {lang: (FLORES / name).read_text(encoding="utf-8").splitlines()
             for lang, name in (("ru", "rus_Cyrl.dev"), ("ar", "arb_Arab.dev"), ("en", "eng_Latn.dev"))}
    total = len(lines["ru"])
    out: dict = {}
    for edit, probs in SYNTHETIC_EDITS.items():
        acc: dict[str, list[float]] = {}
        for k in range(blocks):
            start = (7 + k * 137) % (total - size)
            pair = synthetic_pair(lines["ru"][start : start + size], lines["ar"][start : start + size],
                                  insert_pool=lines["ar"][-30:], seed=k, **probs)
            sp, tp = simulated_pivots(pair, lines["en"], start, random.Random(k))
            for mode, (a, b) in (("weight_free", (None, None)), ("pivots", (sp, tp))):
                beads = align(pair.src, pair.tgt, a, b)
                sc = evaluate(pair.gold, [(x.src, x.tgt) for x in beads])
                acc.setdefault(f"{mode}_strict", []).append(sc["strict"]["f1"])
                acc.setdefault(f"{mode}_lax", []).append(sc["lax"]["f1"])
        out[edit] = {key: round(statistics.mean(v), 4) for key, v in acc.items()}
    shares = []
    for k in range(blocks):
        a0 = (k * 61) % (total - size)
        b0 = (a0 + total // 2) % (total - size)
        src = make_document(lines["ru"][a0 : a0 + size], "ru")
        tgt = make_document(lines["ar"][b0 : b0 + size], "ar")
        beads = align(src, tgt)
        shares.append(sum(len(x.src) for x in beads if x.src and x.tgt) / size)
    out["unrelated_matched_share"] = {"mean": round(statistics.mean(shares), 4), "max": round(max(shares), 4)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="?", help="gold alignment file (JSON)")
    ap.add_argument("--flores", action="store_true", help="run the FLORES-200 synthetic suite instead")
    ap.add_argument("--blocks", type=int, default=12, help="--flores: blocks per edit kind (default 12)")
    ap.add_argument("--size", type=int, default=30, help="--flores: sentences per block (default 30)")
    ap.add_argument("--pred", help="comparison JSON from `aligner compare --format json`")
    ap.add_argument("--mt", default="off", choices=("off", "auto", "ct2", "tm"),
                    help="pivot translation when aligning here (default: off, weight-free)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 if strict F1 is below this")
    args = ap.parse_args(argv)
    if args.flores:
        if not FLORES.is_dir():
            print(f"evaluate: error: FLORES-200 dev not found at {FLORES}", file=sys.stderr)
            return 2
        res = flores_suite(args.blocks, args.size)
        if args.json:
            print(json.dumps(res, indent=2))
        else:
            print(f"FLORES-200 dev, ru->ar blocks of {args.size} sentences, {args.blocks} blocks per kind; F1")
            print(f"{'edit':8} {'weight-free strict':>18} {'lax':>6} {'pivots strict':>14} {'lax':>6}")
            for edit in SYNTHETIC_EDITS:
                r = res[edit]
                print(f"{edit:8} {r['weight_free_strict']:>18.4f} {r['weight_free_lax']:>6.4f} "
                      f"{r['pivots_strict']:>14.4f} {r['pivots_lax']:>6.4f}")
            u = res["unrelated_matched_share"]
            print(f"unrelated block pairs: matched share of SRC mean {u['mean']:.4f}, max {u['max']:.4f}")
        return 0
    if not args.gold:
        ap.error("a gold file is required (or --flores)")
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
