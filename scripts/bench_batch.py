#!/usr/bin/env python
"""Benchmark `aligner batch`: pairs/s of the local engine vs the Ray engine, 1..N workers.

The corpus is synthetic but made of real text: each pair is a block of consecutive
FLORES-200 dev sentences, Russian as SRC and Arabic as TGT, laid out in paragraphs, and one
pair in ten of each kind is perturbed the way wire copy goes wrong (a dropped sentence, a
changed number, an added sentence, an unrelated article), so every stage of the pipeline
does its real work. Same seed, same corpus.

    .venv/bin/python scripts/bench_batch.py                   # 300 pairs, 1 and 2 workers
    .venv/bin/python scripts/bench_batch.py --pairs 600 --workers 1 2 4 --json bench.json

Every run writes to a fresh output directory; the script checks that the Ray engine's
per-pair JSON results equal the local engine's before it reports any figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLORES = ROOT.parent / "shared" / "data" / "flores200-dev"


def load_flores(flores_dir: Path = FLORES) -> tuple[list[str], list[str]]:
    ru = (flores_dir / "rus_Cyrl.dev").read_text(encoding="utf-8").splitlines()
    ar = (flores_dir / "arb_Arab.dev").read_text(encoding="utf-8").splitlines()
    if len(ru) != len(ar) or not ru:
        raise SystemExit(f"{flores_dir}: FLORES files are not line-parallel")
    return ru, ar


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    """Wire copy has short paragraphs of one to three sentences."""
    out, i = [], 0
    while i < len(sentences):
        n = rng.randint(1, 3)
        out.append(" ".join(sentences[i : i + n]))
        i += n
    return "\n\n".join(out) + "\n"


def _change_a_number(sentences: list[str]) -> list[str]:
    for i, s in enumerate(sentences):
        m = re.search(r"\d+", s)
        if m:
            changed = str(int(m.group()) + 7)
            return sentences[:i] + [s[: m.start()] + changed + s[m.end() :]] + sentences[i + 1 :]
    return sentences


KINDS = ("faithful",) * 6 + ("dropped", "number", "added", "unrelated")


def make_corpus(out_dir: Path, n_pairs: int, seed: int = 8, flores_dir: Path = FLORES) -> Path:
    """Write n_pairs SRC/TGT files and a `pairs.toml` manifest; return the manifest's path."""
    ru, ar = load_flores(flores_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = ["# Synthetic benchmark pairs from FLORES-200 dev (CC BY-SA 4.0); see scripts/bench_batch.py", ""]
    for i in range(n_pairs):
        rng = random.Random(seed * 100_003 + i)
        k = rng.randint(6, 14)
        start = rng.randrange(len(ru) - k)
        src = ru[start : start + k]
        tgt = ar[start : start + k]
        kind = KINDS[i % len(KINDS)]
        if kind == "dropped":
            del tgt[rng.randrange(1, k)]
        elif kind == "number":
            tgt = _change_a_number(tgt)
        elif kind == "added":
            tgt.insert(rng.randrange(1, k), ar[(start + 500) % len(ar)])
        elif kind == "unrelated":
            other = (start + len(ar) // 2) % (len(ar) - k)
            tgt = ar[other : other + k]
        name = f"p{i:04d}-{kind}"
        (out_dir / f"{name}.ru.txt").write_text(_paragraphs(src, rng), encoding="utf-8")
        (out_dir / f"{name}.ar.txt").write_text(_paragraphs(tgt, rng), encoding="utf-8")
        lines += [
            "[[pair]]",
            f'name = "{name}"',
            f'src = "{name}.ru.txt"',
            f'tgt = "{name}.ar.txt"',
            'src_lang = "ru"',
            'tgt_lang = "ar"',
            "",
        ]
    manifest = out_dir / "pairs.toml"
    manifest.write_text("\n".join(lines), encoding="utf-8")
    return manifest


# Fields of the index / per-pair records that legitimately differ between two runs.
VOLATILE = re.compile(r"(time|elapsed|duration|seconds|started|finished|created|host|pid|engine|workers|pairs_per_s)", re.I)


def _strip_volatile(value):
    if isinstance(value, dict):
        return {k: _strip_volatile(v) for k, v in value.items() if not VOLATILE.search(k)}
    if isinstance(value, list):
        return [_strip_volatile(v) for v in value]
    return value


def results_of(out_dir: Path) -> dict[str, object]:
    """Every JSON file under an output directory, minus timing fields, by relative path."""
    found = {}
    for path in sorted(out_dir.rglob("*.json")):
        rel = path.relative_to(out_dir).as_posix()
        found[rel] = _strip_volatile(json.loads(path.read_text(encoding="utf-8")))
    return found


def run_batch_cli(manifest: Path, out_dir: Path, engine: str, workers: int, extra: list[str]) -> float:
    """Wall seconds of one `aligner batch` run, as a user runs it (process start included)."""
    import subprocess

    cmd = [sys.executable, "-m", "aligner", "batch", str(manifest), "-o", str(out_dir),
           "--engine", engine, "--workers", str(workers), "--progress", "none", *extra]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 5):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()[-800:]}")
    return wall


def manifest_pairs(manifest: Path) -> list[tuple[str, str]]:
    import tomllib

    entries = tomllib.loads(manifest.read_text(encoding="utf-8"))["pair"]
    return [(str(manifest.parent / e["src"]), str(manifest.parent / e["tgt"])) for e in entries]


def run_engine_api(
    manifest: Path, out_dir: Path, engine: str, workers: int, mt: str, models_dir: str | None
) -> tuple[float, float]:
    """Wall seconds to compare every pair through an engine's map and write one JSON per pair
    on the driver: the engines alone, without the batch command's bookkeeping. Returns
    (total seconds, of which starting the engine), as a user pays the start on every batch."""
    import functools

    from aligner.compare import CompareOptions
    from aligner.engines.jobs import compare_pair
    from aligner.report import atomic_write_text
    from aligner.translate import MTOptions

    pairs = manifest_pairs(manifest)
    # No translation cache: every run must do its own MT, not read the previous run's.
    # Same MT threads in both engines: the node's cores shared out between the workers.
    threads = max(1, (os.cpu_count() or 1) // workers)
    mt_options = MTOptions(mode=mt, models_dir=models_dir, use_cache=False, threads=threads)
    job = functools.partial(compare_pair, CompareOptions(src_lang="ru", tgt_lang="ar", mt=mt_options))
    out_dir.mkdir(parents=True, exist_ok=True)

    def write(index: int, result: dict) -> None:
        atomic_write_text(out_dir / f"{index:05d}.json", json.dumps(result, ensure_ascii=False, sort_keys=True))

    from aligner.engines import get_engine

    t0 = time.perf_counter()
    with get_engine(engine, workers=workers) as eng:  # the local pool forks lazily, in the timing
        startup = time.perf_counter() - t0 if engine == "ray" else 0.0
        for outcome in eng.map(job, pairs):
            if outcome.error is not None:
                raise SystemExit(f"pair {outcome.index}: {outcome.error}")
            write(outcome.index, outcome.value)
    return time.perf_counter() - t0, startup


def ray_startup_seconds() -> float:
    """What starting a local Ray instance costs on this machine (paid once per batch)."""
    import ray

    t0 = time.perf_counter()
    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, logging_level="error")
    up = time.perf_counter() - t0
    ray.shutdown()
    return up


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pairs", type=int, default=300, help="synthetic pairs (default: 300)")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default: 1 2)")
    p.add_argument("--engines", nargs="+", default=["local", "ray"], choices=["local", "ray"])
    p.add_argument("--repeat", type=int, default=1, help="runs per setting; the best is reported")
    p.add_argument("--mt", default="off", help="--mt for the batch (default: off, to measure the pipeline)")
    p.add_argument("--models-dir", help="--models-dir for MT (e.g. the test model from scripts/make_test_model.py)")
    p.add_argument(
        "--via", choices=["cli", "api"], default="cli",
        help="cli: time `aligner batch --engine E` as a user runs it; api: the engines alone (default: cli)",
    )
    p.add_argument("--keep", type=Path, help="build the corpus and outputs here and keep them")
    p.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = p.parse_args(argv)

    load_before = round(os.getloadavg()[0], 2)
    work = args.keep or Path(tempfile.mkdtemp(prefix="aligner-bench-"))
    manifest = make_corpus(work / "corpus", args.pairs)
    extra = ["--mt", args.mt, "--no-cache"] + (["--models-dir", args.models_dir] if args.models_dir else [])
    rows, reference = [], None
    for engine in args.engines:
        for workers in args.workers:
            best, best_start = None, 0.0
            for r in range(args.repeat):
                out = work / f"out-{engine}-{workers}-{r}"
                if args.via == "cli":
                    wall, start = run_batch_cli(manifest, out, engine, workers, extra), 0.0
                else:
                    wall, start = run_engine_api(manifest, out, engine, workers, args.mt, args.models_dir)
                results = results_of(out)
                if reference is None:
                    reference = results
                elif results != reference:
                    raise SystemExit(f"{out}: results differ from {args.engines[0]} with {args.workers[0]} worker(s)")
                if best is None or wall < best:
                    best, best_start = wall, start
            row = {"engine": engine, "workers": workers, "seconds": round(best, 2),
                   "pairs_per_s": round(args.pairs / best, 1)}
            line = f"{engine:>5}  workers={workers:<2}  {best:7.2f} s  {args.pairs / best:7.1f} pairs/s"
            if best_start:
                row["startup_s"] = round(best_start, 2)
                row["pairs_per_s_after_start"] = round(args.pairs / (best - best_start), 1)
                line += f"   (engine start {best_start:.2f} s; {row['pairs_per_s_after_start']:.1f} pairs/s after it)"
            rows.append(row)
            print(line, flush=True)
    figures = {
        "via": args.via,
        "pairs": args.pairs,
        "mt": args.mt,
        "cpus": os.cpu_count(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "python": platform.python_version(),
        "load_before": load_before,
        "rows": rows,
        "identical_results": True,
    }
    if "ray" in args.engines:
        figures["ray_startup_s"] = round(ray_startup_seconds(), 2)
        print(f"local Ray startup alone: {figures['ray_startup_s']} s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
