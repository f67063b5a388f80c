#!/usr/bin/env python3
"""Benchmark: peak memory of alignment (key extraction + `aligner.align.align`) as the
input grows, measured in one run, one fresh process per size.

The documents are `bench_align.build`'s (FLORES-200 dev, Russian SRC drawn with
replacement, Arabic TGT with ~6% of sentences split and ~6% unrelated insertions, so TGT
is ~1.12x SRC). Each size runs in its own child process, which reports its resident set
after building the documents (`base MB`) and its peak resident set after aligning
(`peak MB`, `ru_maxrss`); `align MB` is the difference, the memory alignment itself took.
`x size` and `x memory` are ratios to the first size: linear growth means `x memory` of
`align MB` stays near `x size`. Target (issue 14 item 7): 100k x 100k sentences in
<= 1.5 GB peak.

    .venv/bin/python scripts/bench_memory.py                      # 20k, 50k, 100k SRC sentences
    .venv/bin/python scripts/bench_memory.py --sizes 5000 10000 --json
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout can be measured
sys.path.insert(0, str(ROOT / "scripts"))


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def child(n: int) -> dict:
    """Build, extract keys, align one size; report sizes, memory and time."""
    from bench_align import build  # noqa: PLC0415

    from aligner.align import align  # noqa: PLC0415
    from aligner.evaluation import evaluate  # noqa: PLC0415
    from aligner.signals import pair_keys, sentence_keys  # noqa: PLC0415

    sentence_keys("", "ru"), sentence_keys("", "ar")  # gazetteer and tables: part of the base
    src, tgt, gold = build(n, p_split=0.06, p_insert=0.06)
    base = _rss_mb()
    t0 = time.perf_counter()
    keys = pair_keys([s.text for s in src.body()], src.lang, [t.text for t in tgt.body()], tgt.lang,
                     parallel=False)  # one process: its peak is the whole cost
    beads = align(src, tgt, keys=keys)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    f1 = evaluate(gold, [(b.src, b.tgt) for b in beads])["lax"]["f1"]
    return {"src": len(src.body()), "tgt": len(tgt.body()), "base_mb": round(base, 1),
            "peak_mb": round(peak, 1), "align_mb": round(peak - base, 1),
            "seconds": round(seconds, 2), "lax_f1": f1}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20000, 50000, 100000],
                    help="SRC sizes (default 20000 50000 100000)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    rows = []
    for n in args.sizes:
        proc = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True, text=True)
        if proc.returncode:
            print(f"bench_memory: error: size {n} failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            return 1
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    first = rows[0]
    for r in rows:
        r["size_ratio"] = round((r["src"] + r["tgt"]) / (first["src"] + first["tgt"]), 2)
        r["memory_ratio"] = round(r["align_mb"] / first["align_mb"], 2) if first["align_mb"] > 0 else None
        r["time_ratio"] = round(r["seconds"] / first["seconds"], 2) if first["seconds"] else None
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'src':>7} {'tgt':>7} {'base MB':>8} {'peak MB':>8} {'align MB':>9} {'x size':>7} "
          f"{'x memory':>9} {'s':>7} {'x time':>7} {'lax F1':>7}")
    for r in rows:
        print(f"{r['src']:>7} {r['tgt']:>7} {r['base_mb']:>8.1f} {r['peak_mb']:>8.1f} {r['align_mb']:>9.1f} "
              f"{r['size_ratio']:>7.2f} {r['memory_ratio'] or 0:>9.2f} {r['seconds']:>7.2f} "
              f"{r['time_ratio'] or 0:>7.2f} {r['lax_f1']:>7.4f}")
    print("align MB = peak resident set - resident set before alignment (documents built, tables "
          "loaded); x memory / x size near 1 = linear growth.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
