#!/usr/bin/env python3
"""Every row of the speed table in one run: what users feel, as wall time and peak RSS.

Each row runs `aligner` (or a small driver) in a fresh child process, so start-up, imports
and writing the output are all counted, and peak RSS is the child's own (`os.wait4`).
Where a row has a scaling target, the same run also measures 4x the input and prints the
ratio of the two times, so the ratio is never compared across machines or runs.

Besides wall time, each row prints the CPU seconds of its child and the workers that child
waited for (`os.wait4`): on a shared, busy machine that figure is far steadier than the wall.

Children run as an installed package does: with bytecode cached (pip compiles it at install).
This machine sets PYTHONDONTWRITEBYTECODE, which would recompile every module of aligner in
every process (~0.1-0.2 s); the children get PYTHONPYCACHEPREFIX in the run's temporary folder
instead, filled by the warm-up run. `--no-bytecode` measures the uncached start.

Rows (issue 15's table):
  help             `aligner --help`
  version          `aligner --version`
  seed-json        `aligner compare` on the seed pair (Russian 004, Arabic 000) -> JSON
  article          one ntrex128-dev ru/ar article pair, mean over all 63 in one warm process
  long 1x / 4x     `compare` of 5,000 x ~6,300 FLORES sentences -> JSON, and 4x that
  20MB-vs-4KB      `compare` of a 20 MB Russian document against a 4 KB Arabic one -> JSON
  line 5MB / 20MB  `compare` of one line with no punctuation (5 MB, and 4x) against the seed Arabic
  growth 2MB / 8MB `aligner segment` of one such line, 2 MB and 8 MB: the growth guard (ratio <= 4.5;
                   no stage may be quadratic in the length of a line)
  batch-300        `aligner batch` of 300 short ntrex/FLORES article pairs, --workers 2; the note
                   splits the CPU into the driver's and the workers' and compares the workers' per
                   pair with the same pairs compared in one warm process (the batch's overhead,
                   as a ratio of two figures from one run)

    .venv/bin/python scripts/bench_all.py                 # everything (several minutes)
    .venv/bin/python scripts/bench_all.py --quick         # smaller inputs, same rows
    .venv/bin/python scripts/bench_all.py --only help,seed-json
    .venv/bin/python scripts/bench_all.py --profile prof/ # cProfile summary per row in prof/
    .venv/bin/python scripts/bench_all.py --repeat 3      # each row's least-CPU run of three
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data"
FLORES = DATA / "flores200-dev"
SEED_SRC = next((ROOT / "seeds").glob("004_*.txt"))
SEED_TGT = next((ROOT / "seeds").glob("000_*.txt"))

# Targets on the reference 2-core machine (issue 15): (seconds, RSS MiB, max 4x ratio).
TARGETS: dict[str, tuple[float | None, float | None, float | None]] = {
    "help": (0.25, None, None),
    "version": (0.25, None, None),
    "seed-json": (0.4, None, None),
    "long": (4.0, None, 4.5),
    "20MB-vs-4KB": (20.0, 1024.0, None),
    "line": (3.0, None, 4.5),
    "growth": (None, None, 4.5),
}


@dataclass(slots=True)
class Run:
    seconds: float
    rss_mib: float
    rc: int
    tail: str = ""
    cpu: float = 0.0  # user + system seconds of the child and the workers it waited for


CHILD_ENV: dict[str, str] = {}  # set by bench(): bytecode cache for the children


REPEAT = 1  # --repeat: measured rows keep the lowest-CPU of this many runs


def run(cmd: list[str], profile: Path | None = None, label: str = "", best_of: int | None = None) -> Run:
    """Run `cmd` (argv after the Python interpreter) in a child; wall time and peak RSS. With
    `--repeat N` a measured row runs N times and keeps the run with the least CPU (on a shared
    machine the others' load only ever adds); a profiled run runs once."""
    n = 1 if profile is not None else (best_of or REPEAT)
    runs = [_run_once(cmd, profile, label) for _ in range(n)]
    return min(runs, key=lambda r: (r.rc != 0, r.cpu))


def _run_once(cmd: list[str], profile: Path | None, label: str) -> Run:
    argv = [sys.executable]
    if profile is not None:
        profile.mkdir(parents=True, exist_ok=True)
        argv += ["-m", "cProfile", "-o", str(profile / f"{label}.prof")]
    argv += cmd
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLUMNS="100", **CHILD_ENV)
    if "PYTHONPYCACHEPREFIX" in CHILD_ENV:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    rc = os.waitstatus_to_exitcode(status)
    if profile is not None:
        _summarise(profile / f"{label}.prof", profile / f"{label}.txt")
    return Run(seconds, usage.ru_maxrss / 1024, rc, err.strip().splitlines()[-1] if err.strip() else "",
               usage.ru_utime + usage.ru_stime)


def _summarise(prof: Path, out: Path) -> None:
    import io
    import pstats

    if not prof.exists():
        return
    buf = io.StringIO()
    pstats.Stats(str(prof), stream=buf).sort_stats("cumulative").print_stats(30)
    out.write_text(buf.getvalue(), encoding="utf-8")


def aligner(*args: str) -> list[str]:
    return ["-m", "aligner", *args]


# ---------------------------------------------------------------------------------------------
# Inputs, written once into a temporary folder
# ---------------------------------------------------------------------------------------------


def flores(lang: str) -> list[str]:
    name = {"ru": "rus_Cyrl.dev", "ar": "arb_Arab.dev", "en": "eng_Latn.dev"}[lang]
    return (FLORES / name).read_text(encoding="utf-8").splitlines()


def write_long_pair(tmp: Path, n: int, seed: int = 0) -> tuple[Path, Path]:
    """n Russian sentences, ~1.26 n Arabic ones (about 13% split in two, 13% foreign
    insertions), in paragraphs of five: the shape of `bench_align.py`, as files."""
    from aligner.evaluation import split_sentence

    ru, ar = flores("ru"), flores("ar")
    rng = random.Random(seed)
    picks = [rng.randrange(len(ru)) for _ in range(n)]
    tgt: list[str] = []
    for k in picks:
        if rng.random() < 0.13:
            tgt.append(ar[rng.randrange(len(ar))])
        parts = split_sentence(ar[k]) if rng.random() < 0.13 else None
        tgt.extend(parts if parts else [ar[k]])
    src_path, tgt_path = tmp / f"long{n}.ru.txt", tmp / f"long{n}.ar.txt"
    src_path.write_text(_paragraphs([ru[k] for k in picks]), encoding="utf-8")
    tgt_path.write_text(_paragraphs(tgt), encoding="utf-8")
    return src_path, tgt_path


def _paragraphs(lines: list[str], every: int = 5) -> str:
    return "\n\n".join(" ".join(lines[i : i + every]) for i in range(0, len(lines), every)) + "\n"


def write_big_vs_small(tmp: Path, megabytes: int = 20) -> tuple[Path, Path]:
    ru, ar = flores("ru"), flores("ar")
    big, size, k = [], 0, 0
    while size < megabytes * 1_000_000:
        line = ru[k % len(ru)]
        big.append(line)
        size += len(line.encode("utf-8")) + 1
        k += 1
    src = tmp / f"big{megabytes}.ru.txt"
    src.write_text(_paragraphs(big), encoding="utf-8")
    small, size = [], 0
    for line in ar:
        if size > 4000:
            break
        small.append(line)
        size += len(line.encode("utf-8")) + 1
    tgt = tmp / "small4k.ar.txt"
    tgt.write_text(_paragraphs(small), encoding="utf-8")
    return src, tgt


def write_one_line(tmp: Path, megabytes: float) -> Path:
    """One line of Russian words with no punctuation at all."""
    words = " ".join(flores("ru")).replace(".", " ").replace(",", " ").split()
    words = [w.strip("«»\"'()?!:;—-") for w in words]
    out, size, k = [], 0, 0
    while size < megabytes * 1_000_000:
        w = words[k % len(words)] or "и"
        out.append(w)
        size += len(w.encode("utf-8")) + 1
        k += 1
    path = tmp / f"line{megabytes:g}MB.txt"
    path.write_text(" ".join(out) + "\n", encoding="utf-8")
    return path


def write_batch(tmp: Path, n_pairs: int = 300) -> Path:
    """n_pairs short article pairs: every ntrex128-dev article (ru vs ar), then FLORES blocks
    of 8 lines, as NAME.LANG.txt files in one folder (the batch directory convention)."""
    folder = tmp / "batch-in"
    folder.mkdir(exist_ok=True)
    made = 0
    try:
        from aligner.ntrex import Corpus, side_units

        corpus = Corpus()
        for art in corpus.articles:
            for lang in ("ru", "ar"):
                units, par_of = side_units(corpus, art, lang)
                paras: dict[int, list[str]] = {}
                for (_, text), p in zip(units, par_of):
                    paras.setdefault(p, []).append(text)
                (folder / f"ntrex{made:03d}.{lang}.txt").write_text(
                    "\n\n".join(" ".join(v) for v in paras.values()) + "\n", encoding="utf-8")
            made += 1
            if made >= n_pairs:
                break
    except (OSError, ImportError):
        pass
    ru, ar = flores("ru"), flores("ar")
    start = 0
    while made < n_pairs:
        block = slice(start % (len(ru) - 8), start % (len(ru) - 8) + 8)
        (folder / f"flores{made:03d}.ru.txt").write_text(_paragraphs(ru[block], 2), encoding="utf-8")
        (folder / f"flores{made:03d}.ar.txt").write_text(_paragraphs(ar[block], 2), encoding="utf-8")
        made += 1
        start += 8
    return folder


ARTICLE_DRIVER = """
import sys, time
from aligner.compare import compare_documents
from aligner.ntrex import Corpus, article_pair
corpus = Corpus()
pairs = [article_pair(corpus, a, "ru", "ar") for a in corpus.articles]
compare_documents(pairs[0].src.doc, pairs[0].tgt.doc)  # warm: imports, gazetteer
t0 = time.perf_counter()
for p in pairs:
    compare_documents(p.src.doc, p.tgt.doc)
print((time.perf_counter() - t0) / len(pairs), file=sys.stderr)
"""


BATCH_DRIVER = """
import resource, runpy, sys
sys.argv = ["aligner"] + sys.argv[1:]
try:
    runpy.run_module("aligner", run_name="__main__")
finally:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime, file=sys.stderr)
"""

PAIRS_DRIVER = """
import sys, time
from aligner import batch
from aligner.compare import CompareOptions, warm_up
from aligner.translate.options import MTOptions
jobs = batch.discover(sys.argv[1])
opts = CompareOptions(mt=MTOptions(mode="off"))
warm_up()  # (as a batch driver does; it also sets the collector as the CLI does)
t0 = time.process_time()
for job in jobs:
    batch.run_pair(opts, ("json",), job)
print((time.process_time() - t0) / len(jobs), file=sys.stderr)
"""


# ---------------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    name: str
    seconds: float
    rss_mib: float
    note: str = ""
    ratio: float | None = None
    ok: bool = True
    cpu: float = 0.0
    cpu_ratio: float | None = None  # the 4x ratio of CPU seconds: steadier on a busy machine


def bench(args: argparse.Namespace) -> list[Row]:
    quick = args.quick
    only = set(args.only.split(",")) if args.only else None
    prof = Path(args.profile) if args.profile else None
    rows: list[Row] = []

    def want(name: str) -> bool:
        return only is None or name in only

    def add(name: str, r: Run, note: str = "", ratio: float | None = None, base: Run | None = None) -> None:
        cpu_ratio = r.cpu / base.cpu if base is not None and base.cpu > 0 else None
        rows.append(Row(name, r.seconds, r.rss_mib, note if r.rc == 0 else f"rc {r.rc}: {r.tail}", ratio, r.rc == 0,
                        r.cpu, cpu_ratio))
        print(f"  {name:<14} {r.seconds:8.2f} s {r.cpu:8.2f} cpu s {r.rss_mib:8.0f} MiB  {rows[-1].note}",
              file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="aligner-bench-") as d:
        tmp = Path(d)
        env_cache = tmp / "cache"
        os.environ["ALIGNER_CACHE_DIR"] = str(env_cache)
        if not args.no_bytecode:
            CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        # Build the gazetteer cache once, so rows measure steady state, as a user sees it.
        run(aligner("compare", str(SEED_SRC), str(SEED_TGT), "--mt", "off", "-o", str(tmp / "warm.json")), best_of=1)
        # ... and compile the modules only `segment` and `batch` load (jinja2, the index), which
        # the measured run would otherwise compile (~0.3 s)
        run(aligner("segment", str(SEED_SRC), "--format", "json"), best_of=1)
        warm_in = tmp / "warm-in"
        warm_in.mkdir()
        for lang, path in (("ru", SEED_SRC), ("ar", SEED_TGT)):
            (warm_in / f"seed.{lang}.txt").write_bytes(path.read_bytes())
        run(aligner("batch", str(warm_in), "-o", str(tmp / "warm-out"), "--workers", "1", "--mt", "off",
                    "--progress", "none", "--formats", "json"), best_of=1)
        if want("help"):
            add("help", run(aligner("--help"), prof, "help"))
        if want("version"):
            add("version", run(aligner("--version"), prof, "version"))
        if want("seed-json"):
            add("seed-json", run(aligner("compare", str(SEED_SRC), str(SEED_TGT), "--mt", "off",
                                         "-o", str(tmp / "seed.json")), prof, "seed-json"))
        if want("article"):
            r = _article_row(tmp, prof)
            if r is not None:
                add("article", r[0], f"{r[1] * 1000:.0f} ms per pair (63 ntrex articles, warm process)")
        if want("long"):
            n = 1000 if quick else 5000
            s1, t1 = write_long_pair(tmp, n)
            a = run(aligner("compare", str(s1), str(t1), "--mt", "off", "-o", str(tmp / "long1.json")), prof, "long1x")
            add("long 1x", a, f"{n} x ~{int(n * 1.26)} sentences")
            s4, t4 = write_long_pair(tmp, 4 * n, seed=1)
            b = run(aligner("compare", str(s4), str(t4), "--mt", "off", "-o", str(tmp / "long4.json")), prof, "long4x")
            add("long 4x", b, f"{4 * n} x ~{int(4 * n * 1.26)} sentences", b.seconds / a.seconds, a)
        if want("20MB-vs-4KB"):
            mb = 4 if quick else 20
            src, tgt = write_big_vs_small(tmp, mb)
            add("20MB-vs-4KB", run(aligner("compare", str(src), str(tgt), "--mt", "off",
                                           "-o", str(tmp / "big.json")), prof, "big"), f"{mb} MB vs 4 KB")
        if want("line"):
            mb = 1.0 if quick else 5.0
            line = [str(SEED_TGT), "--mt", "off", "-o", str(tmp / "line.json")]
            a = run(aligner("compare", str(write_one_line(tmp, mb)), *line), prof, "line1x")
            add("line 1x", a, f"{mb:g} MB, one line, no punctuation")
            b = run(aligner("compare", str(write_one_line(tmp, 4 * mb)), *line), prof, "line4x")
            add("line 4x", b, f"{4 * mb:g} MB", b.seconds / a.seconds, a)
        if want("growth"):
            mb = 0.5 if quick else 2.0
            seg = ["--format", "json"]
            a = run(aligner("segment", str(write_one_line(tmp, mb)), *seg), prof, "growth1x")
            add("growth 1x", a, f"segment, {mb:g} MB, one line")
            b = run(aligner("segment", str(write_one_line(tmp, 4 * mb)), *seg), prof, "growth4x")
            add("growth 4x", b, f"segment, {4 * mb:g} MB", b.seconds / a.seconds, a)
        if want("batch-300"):
            n = 60 if quick else 300
            folder = write_batch(tmp, n)
            (tmp / "batch_driver.py").write_text(BATCH_DRIVER, encoding="utf-8")
            (tmp / "pairs_driver.py").write_text(PAIRS_DRIVER, encoding="utf-8")
            r = run([str(tmp / "batch_driver.py"), "batch", str(folder), "-o", str(tmp / "batch-out"), "--workers", "2",
                     "--mt", "off", "--progress", "none", "--formats", "json"], prof, "batch")
            note = f"{n / r.seconds:.0f} pairs/s ({n} pairs, --workers 2, json)"
            work = run([str(tmp / "pairs_driver.py"), str(folder)])
            try:
                driver_cpu, worker_cpu = map(float, r.tail.split())
                alone = float(work.tail) * 1000
                per_pair = worker_cpu / n * 1000
                note += (f"; driver {driver_cpu:.1f} cpu s, workers {per_pair:.0f} ms cpu/pair vs {alone:.0f} in one"
                         f" warm process ({per_pair / alone:.2f}x)")
            except ValueError:
                pass
            add("batch-300", r, note)
    return rows


def _article_row(tmp: Path, prof: Path | None) -> tuple[Run, float] | None:
    from aligner import ntrex

    if not ntrex.available():
        print("  article: ntrex128-dev not found, row skipped", file=sys.stderr)
        return None
    driver = tmp / "article_driver.py"
    driver.write_text(ARTICLE_DRIVER, encoding="utf-8")
    r = run([str(driver)], prof, "article")
    return r, float(r.tail) if r.rc == 0 else float("nan")


def report(rows: list[Row], as_json: bool) -> None:
    if as_json:
        print(json.dumps([dataclasses.asdict(r) for r in rows], indent=2))
        return
    print(f"{'row':<14} {'seconds':>8} {'cpu s':>7} {'peak MiB':>9} {'4x ratio':>9} {'cpu ratio':>9}  {'target':<22} note")
    for r in rows:
        key = r.name.split(" ")[0]
        t = TARGETS.get(key)
        target = ""
        if t:
            parts = [f"<= {t[0]:g} s" if t[0] and not r.name.endswith("4x") else "",
                     f"<= {t[1]:g} MiB" if t[1] else "",
                     f"ratio <= {t[2]:g}" if t[2] and r.name.endswith("4x") else ""]
            target = ", ".join(p for p in parts if p)
        ratio = f"{r.ratio:9.2f}" if r.ratio is not None else " " * 9
        cpu_ratio = f"{r.cpu_ratio:9.2f}" if r.cpu_ratio is not None else " " * 9
        print(f"{r.name:<14} {r.seconds:8.2f} {r.cpu:7.2f} {r.rss_mib:9.0f} {ratio} {cpu_ratio}  {target:<22} {r.note}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller inputs (a minute or two)")
    ap.add_argument("--only", help="comma-separated rows: help,version,seed-json,article,long,20MB-vs-4KB,line,growth,batch-300")
    ap.add_argument("--profile", metavar="DIR", help="write a cProfile dump and a top-30 summary per row to DIR")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="run each measured row N times and keep the run with the least CPU (a busy machine)")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="children compile every module each start (PYTHONDONTWRITEBYTECODE as set here), "
                    "instead of the installed-package start with cached bytecode")
    args = ap.parse_args(argv)
    global REPEAT
    REPEAT = max(1, args.repeat)
    rows = bench(args)
    report(rows, args.json)
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
