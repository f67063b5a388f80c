#!/usr/bin/env python3
"""Benchmark: weight-free alignment of two long synthetic documents, and its scaling.

The documents are built from FLORES-200 dev (Russian SRC, Arabic TGT): SRC sentences are
drawn at random (with replacement) from the 997 lines; TGT translates each one, with about
10% of them split in two and unrelated Arabic sentences inserted, so the default sizes are
5,000 x ~6,300 sentences. `total s` is the end-to-end figure: key extraction
(`aligner.entities` via `signals.pair_keys`, which extracts each distinct sentence once and
splits long inputs with a second process) plus `aligner.align.align` (anchors, band, DP,
evidence); both parts are shown too. Token caches are emptied before every run, so repeats
do not flatter the extraction. The documents repeat sentences (drawn with replacement
from 997 lines), so `uniq` says how many distinct sentences were extracted; `ms/uniq` is
the extraction cost per distinct sentence. Reported for 1x, 2x and 4x the input, plus
strict/lax F1 against the construction.

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
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout can be measured

from aligner.align import align  # noqa: E402
from aligner import entities, lexicon  # noqa: E402
from aligner.signals import pair_keys, sentence_keys  # noqa: E402
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
    sentence_keys("", "ru"), sentence_keys("", "ar")  # load the gazetteer once, untimed
    rows = []
    for n in args.sizes:
        src, tgt, gold = build(n)
        S, T = [x.text for x in src.body()], [x.text for x in tgt.body()]
        best = None
        for _ in range(args.repeat):
            entities.clear_caches()
            lexicon.stem.cache_clear(), lexicon.stems.cache_clear()  # cold too (word lexicon stems)
            t0 = time.perf_counter()
            keys = pair_keys(S, src.lang, T, tgt.lang)
            t1 = time.perf_counter()
            beads = align(src, tgt, keys=keys)
            t2 = time.perf_counter()
            if best is None or t2 - t0 < best[0]:
                best = (t2 - t0, t1 - t0, t2 - t1)
        total, feat, alig = best
        uniq = len(set(S)) + len(set(T))
        scores = evaluate(gold, [(b.src, b.tgt) for b in beads])
        rows.append({"src": len(S), "tgt": len(T), "unique": uniq, "seconds": round(total, 3),
                     "features_seconds": round(feat, 3), "align_seconds": round(alig, 3),
                     "ms_per_unique": round(1000 * feat / uniq, 3),
                     "strict_f1": scores["strict"]["f1"], "lax_f1": scores["lax"]["f1"]})
    base = rows[0]["seconds"]
    for r in rows:
        r["time_ratio"] = round(r["seconds"] / base, 2) if base else None
        r["size_ratio"] = round(r["src"] / rows[0]["src"], 2)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'src':>7} {'tgt':>7} {'uniq':>6} {'total s':>8} {'x size':>7} {'x time':>7} "
              f"{'keys s':>7} {'ms/uniq':>8} {'align s':>8} {'strict F1':>10} {'lax F1':>7}")
        for r in rows:
            print(f"{r['src']:>7} {r['tgt']:>7} {r['unique']:>6} {r['seconds']:>8.3f} {r['size_ratio']:>7.2f} "
                  f"{r['time_ratio']:>7.2f} {r['features_seconds']:>7.3f} {r['ms_per_unique']:>8.3f} "
                  f"{r['align_seconds']:>8.3f} {r['strict_f1']:>10.4f} {r['lax_f1']:>7.4f}")
        print("total s = keys s (extraction, distinct sentences once, 2 processes when long) + "
              "align s (anchors, band, DP, evidence); caches emptied before each run.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
