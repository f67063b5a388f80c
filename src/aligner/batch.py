"""`aligner batch`: many pairs at once, in parallel, resumable, with a ranked index.

    jobs = discover("pairs.toml")                     # a directory, TSV/JSONL/TOML manifest
    result = run_batch(jobs, "out/", options, formats=("json", "html"), workers=2)
    result.failed, result.index_path

Output directory:

    OUTDIR/pairs/NAME.json, NAME.html, ...   the per-pair reports (`aligner.report`)
    OUTDIR/results/NAME.json                 the pair's result record, written LAST
    OUTDIR/index.json, index.csv, index.html the ranking of every pair, with errors

Why a record written last: every file is written atomically (temp file + os.replace), so a
record's presence means its reports are complete. A batch killed at any point (even with
SIGKILL) and started again skips the pairs whose record matches the same inputs (path, size,
mtime) and the same result-changing options, and redoes the rest; the index is rebuilt from
the records, so nothing is lost or listed twice. Failed pairs are retried on every run (the
cause may be gone); a pair whose inputs changed is redone.

Workers compare and render the reports; the driver (this process) only writes files, so the
local and the Ray engine (`aligner.engines`) give the same output directory.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as _dt
import functools
import hashlib
import io
import json
import os
import re
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner import __version__
from aligner.errors import AlignerError, InputError
from aligner.lang import CODES as LANG_CODES
from aligner.lang import SOURCE_ORDER

INDEX_SCHEMA = "aligner.batch-index/1"
RESULT_SCHEMA = "aligner.batch-result/1"
DEFAULT_FORMATS: tuple[str, ...] = ("json", "html")
LANGS: tuple[str, ...] = LANG_CODES  # every language of aligner.lang
VERDICTS: tuple[str, ...] = ("translation", "partial", "unrelated")
#: With the directory convention and no --src-lang/--tgt-lang, the SRC (original) of a
#: NAME group is the language that comes first here: wire copy in this project is a Russian
#: (or English) original re-published in Arabic.
SRC_PREFERENCE: tuple[str, ...] = SOURCE_ORDER
_DIR_FILE = re.compile(r"^(?P<name>.+)\.(?P<lang>[A-Za-z]{2,3})\.txt$")


# -- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairJob:
    """One pair to compare. `error` marks an input entry that is broken before any work
    (e.g. a NAME with only one file): it is reported in the index as a failed pair."""

    name: str
    src: str
    tgt: str
    src_lang: str = "auto"
    tgt_lang: str = "auto"
    error: str | None = None
    expect: str | None = None  # the verdict the manifest expects (pairs.toml `expect`)


def discover(input_path: str | os.PathLike[str], src_lang: str = "auto", tgt_lang: str = "auto") -> list[PairJob]:
    """The pairs of a directory (NAME.LANG.txt files) or a manifest (.toml, .tsv, .jsonl).

    Manifest paths are relative to the manifest. Names are made unique and safe as file
    names, deterministically, so a resumed batch finds its own results again."""
    path = Path(input_path)
    if path.is_dir():
        jobs = _from_directory(path, src_lang, tgt_lang)
    elif path.is_file():
        suffix = path.suffix.lower()
        if suffix == ".toml":
            jobs = _from_toml(path)
        elif suffix in (".jsonl", ".ndjson"):
            jobs = _from_jsonl(path)
        elif suffix in (".tsv", ".txt", ".tab"):
            jobs = _from_tsv(path)
        else:
            raise InputError(f"{path}: unknown manifest type {suffix!r}; use a directory or a .toml, .tsv or .jsonl manifest")
    else:
        raise InputError(f"{path}: no such file or directory")
    if not jobs:
        raise InputError(f"{path}: no pairs found (see `aligner batch --help` for the naming convention)")
    return _unique_names(jobs)


def _from_directory(folder: Path, src_lang: str, tgt_lang: str) -> list[PairJob]:
    groups: dict[str, dict[str, Path]] = {}
    for p in sorted(folder.iterdir()):
        m = _DIR_FILE.match(p.name)
        if m and p.is_file():
            groups.setdefault(m["name"], {})[m["lang"].lower()] = p
    jobs = []
    for name, files in groups.items():
        langs = sorted(files)
        error = None
        src = src_lang if src_lang in files else None
        tgt = tgt_lang if tgt_lang in files else None
        if src is None and tgt is None and len(files) == 2:
            src = min(langs, key=lambda lang: (SRC_PREFERENCE + (lang,)).index(lang))
        others = [lang for lang in langs if lang not in (src, tgt)]
        if src is None and tgt is not None and len(others) == 1:
            src = others[0]
        elif tgt is None and src is not None and len(others) == 1:
            tgt = others[0]
        if len(files) == 1 and langs[0] not in LANGS:
            continue  # e.g. notes.old.txt: not a pair member, just a file with two dots
        if src is None or tgt is None or src == tgt:
            found = ", ".join(f.name for f in files.values())
            if len(files) < 2:
                error = f"{name}: only one file ({found}); expected {name}.SRCLANG.txt and {name}.TGTLANG.txt"
            else:
                error = f"{name}: cannot tell SRC from TGT among {found}; give --src-lang or --tgt-lang"
            first = next(iter(files.values()))
            jobs.append(PairJob(name, str(first), str(first), error=error))
            continue
        jobs.append(PairJob(name, str(files[src]), str(files[tgt]), _lang(src), _lang(tgt)))
    return jobs


def _lang(code: str) -> str:
    return code if code in LANGS else "auto"


def _job(base: Path, entry: dict[str, Any], where: str) -> PairJob:
    src, tgt = entry.get("src"), entry.get("tgt")
    if not src or not tgt:
        raise InputError(f"{where}: each pair needs 'src' and 'tgt' paths")
    src_p, tgt_p = base / str(src), base / str(tgt)
    name = str(entry.get("name") or f"{Path(str(src)).stem}__{Path(str(tgt)).stem}")
    langs = []
    for key in ("src_lang", "tgt_lang"):
        value = str(entry.get(key) or "auto")
        if value not in LANGS + ("auto",):
            raise InputError(f"{where}: {key} {value!r} is not one of {', '.join(LANGS)}, auto")
        langs.append(value)
    expect = entry.get("expect") or None
    if expect is not None and expect not in VERDICTS:
        raise InputError(f"{where}: expect {expect!r} is not one of {', '.join(VERDICTS)}")
    return PairJob(name, str(src_p), str(tgt_p), langs[0], langs[1], expect=expect)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the manifest ({getattr(exc, 'strerror', None) or exc})") from None


def _from_toml(path: Path) -> list[PairJob]:
    try:
        data = tomllib.loads(_read(path))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    entries = data.get("pair")
    if not isinstance(entries, list):
        raise InputError(f"{path}: expected [[pair]] tables with name, src, tgt, src_lang, tgt_lang")
    return [_job(path.parent, e, f"{path} pair {i + 1}") for i, e in enumerate(entries)]


def _from_jsonl(path: Path) -> list[PairJob]:
    jobs = []
    for n, line in enumerate(_read(path).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
        if not isinstance(entry, dict):
            raise InputError(f"{path}:{n}: expected an object with src and tgt")
        jobs.append(_job(path.parent, entry, f"{path}:{n}"))
    return jobs


def _from_tsv(path: Path) -> list[PairJob]:
    """Columns src, tgt[, name, src_lang, tgt_lang]; a header row naming them may reorder."""
    columns = ["src", "tgt", "name", "src_lang", "tgt_lang"]
    jobs = []
    rows = csv.reader(io.StringIO(_read(path)), delimiter="\t")
    for n, row in enumerate(rows, 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in row]
        if not jobs and {"src", "tgt"} <= {c.lower() for c in cells}:
            columns = [c.lower() for c in cells]
            continue
        jobs.append(_job(path.parent, dict(zip(columns, cells)), f"{path}:{n}"))
    return jobs


#: Longest pair name in bytes (UTF-8). File names are limited to 255 bytes, not characters,
#: and the temporary files add a prefix and suffix: 120 Arabic letters are 240 bytes.
NAME_MAX_BYTES = 100


def safe_name(name: str) -> str:
    """A file-name-safe form of a pair name (letters of any script, digits, . _ -), at most
    NAME_MAX_BYTES bytes; a longer name is cut at a character boundary and gets a hash of
    the full name, so it stays unique and the same on every run."""
    cleaned = re.sub(r"[^\w.\-]+", "_", name, flags=re.UNICODE).strip("._") or "pair"
    if len(cleaned.encode("utf-8")) <= NAME_MAX_BYTES:
        return cleaned
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    head = cleaned.encode("utf-8")[: NAME_MAX_BYTES - len(digest) - 1].decode("utf-8", "ignore").rstrip("._-")
    return f"{head}-{digest}"


def _unique_names(jobs: list[PairJob]) -> list[PairJob]:
    seen: set[str] = set()
    out = []
    for job in jobs:
        base = safe_name(job.name)
        name, k = base, 1
        while name.lower() in seen:  # case-insensitive file systems
            k += 1
            name = f"{base}-{k}"
        seen.add(name.lower())
        out.append(dataclasses.replace(job, name=name))
    return out


# -- one pair (runs in a worker) ---------------------------------------------------------------


class PairTimeoutError(AlignerError):
    """A pair took longer than --pair-timeout (a hung input, a pathological text)."""


@contextlib.contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Interrupt this pair after `seconds`: a timer signal raises PairTimeoutError inside the
    worker, which also breaks a blocking read. Only where signals can be handled (the main
    thread of a worker process); elsewhere the pair runs unbounded."""
    import signal
    import threading

    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise PairTimeoutError(f"gave up after {seconds:g} s (--pair-timeout): the pair is hung or too slow")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_pair(options: Any, formats: tuple[str, ...], job: PairJob, timeout: float | None = None) -> dict[str, Any]:
    """Compare one pair and render its reports: plain data back to the driver, which writes.

    Languages: an explicit --src-lang/--tgt-lang wins, then the manifest or file name."""
    if job.error:
        raise InputError(job.error)
    with _deadline(timeout):
        return _run_pair(options, formats, job)


def _run_pair(options: Any, formats: tuple[str, ...], job: PairJob) -> dict[str, Any]:
    from aligner import report
    from aligner.compare import compare_files

    opts = dataclasses.replace(
        options,
        src_lang=options.src_lang if options.src_lang != "auto" else job.src_lang,
        tgt_lang=options.tgt_lang if options.tgt_lang != "auto" else job.tgt_lang,
    )
    t0 = time.perf_counter()
    comparison = compare_files(job.src, job.tgt, opts)
    reports = {fmt: report.render(comparison, fmt) for fmt in formats}
    s = comparison.summary
    body = [p for p in comparison.pairs if p.section == "body"]
    return {
        "src_lang": comparison.src.lang,
        "tgt_lang": comparison.tgt.lang,
        "verdict": s.verdict,
        "verdict_reason": s.verdict_reason,
        "overall_divergence": round(s.overall_divergence, 4),
        "coverage_src": round(s.coverage_src, 4),
        "coverage_tgt": round(s.coverage_tgt, 4),
        "anchored_share": round(s.anchored_share, 4),
        "flag_counts": dict(s.flag_counts),
        "severity_counts": dict(s.severity_counts),
        "major_flags": int(s.severity_counts.get("major", 0)),
        "body_pairs": len(body),
        "flagged_pairs": sum(1 for p in body if p.flags),
        "mt": comparison.mt.backend or comparison.mt.mode,
        "mt_notice": comparison.mt.notice,
        "reports": reports,
        "compare_seconds": round(time.perf_counter() - t0, 4),
    }


# -- resume ------------------------------------------------------------------------------------

# MTOptions fields that change speed, never results: not part of a pair's fingerprint, so a
# resumed batch with another --workers or cache setting still skips finished pairs.
_PERFORMANCE_ONLY = ("threads", "use_cache", "cache_dir", "max_batch_tokens")


def options_key(options: Any) -> dict[str, Any]:
    """The result-changing options, as plain data (also shown in index.json). The report
    formats are not part of it: a pair is done when the reports asked for exist."""
    d = dataclasses.asdict(options)
    for k in _PERFORMANCE_ONLY:
        d.get("mt", {}).pop(k, None)
    return {"options": d, "aligner": __version__}


def fingerprint(job: PairJob, key: dict[str, Any]) -> str:
    """What a finished result depends on: both inputs and any translation memory (path, size,
    mtime), and the options. (A model replaced in place is not seen: use --force then.)"""
    parts: list[Any] = [{k: v for k, v in dataclasses.asdict(job).items() if k != "expect"}, key]
    tms = key.get("options", {}).get("mt", {}).get("tm_paths", ())
    for p in (job.src, job.tgt, *tms):
        try:
            st = os.stat(p)
            parts.append([st.st_size, st.st_mtime_ns])
        except OSError:
            parts.append(None)
    blob = json.dumps(parts, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:32]


@dataclass(slots=True)
class Layout:
    """Where everything goes under OUTDIR."""

    root: Path

    @property
    def pairs(self) -> Path:
        return self.root / "pairs"

    @property
    def results(self) -> Path:
        return self.root / "results"

    def report(self, name: str, fmt: str) -> Path:
        from aligner.report import EXTENSIONS

        return self.pairs / f"{name}{EXTENSIONS[fmt]}"

    def record(self, name: str) -> Path:
        return self.results / f"{name}.json"


def load_record(layout: Layout, name: str) -> dict[str, Any] | None:
    try:
        record = json.loads(layout.record(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("schema") == RESULT_SCHEMA else None


def is_done(layout: Layout, job: PairJob, fp: str, formats: Sequence[str]) -> bool:
    """A pair is done when its record says ok for these inputs and options, and its reports exist."""
    record = load_record(layout, job.name)
    return (
        record is not None
        and record.get("status") == "ok"
        and record.get("fingerprint") == fp
        and all(layout.report(job.name, fmt).is_file() for fmt in formats)
    )


# -- the batch ---------------------------------------------------------------------------------


@dataclass(slots=True)
class BatchResult:
    """What `run_batch` did; the index on disk holds the full per-pair detail."""

    total: int
    done_now: int
    skipped: int
    failed: int
    interrupted: bool
    seconds: float
    index: dict[str, Any]
    index_path: Path
    records: list[dict[str, Any]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        from aligner.errors import EXIT_BATCH_FAILED, EXIT_INTERRUPTED, EXIT_OK

        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_BATCH_FAILED if self.failed else EXIT_OK


Event = Callable[[dict[str, Any]], None]  # progress callback: one dict per event


def run_batch(
    jobs: Sequence[PairJob],
    out_dir: str | os.PathLike[str],
    options: Any = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    workers: int | None = None,
    engine: str = "local",
    address: str | None = None,
    force: bool = False,
    progress: Event | None = None,
    pair_timeout: float | None = None,
) -> BatchResult:
    """Compare every pair not already done, write reports + a record per pair, then the index.

    `progress` gets {"event": "start", ...}, one {"event": "pair", ...} per finished pair and
    {"event": "end", ...}. Ctrl-C keeps finished results, writes the index of what is done
    and returns with `interrupted` set (exit code 130). `pair_timeout` (seconds) fails a pair
    that takes longer instead of letting it hang the batch."""
    from aligner import report
    from aligner.compare import CompareOptions, warm_up
    from aligner.engines import get_engine

    options = options or CompareOptions()
    if pair_timeout is not None and not pair_timeout > 0:
        raise InputError(f"--pair-timeout must be a positive number of seconds, got {pair_timeout:g}")
    formats = tuple(dict.fromkeys(formats))
    for fmt in formats:
        if fmt not in report.FORMATS:
            raise InputError(f"unknown report format {fmt!r}; choose from {', '.join(report.FORMATS)}")
    layout = Layout(Path(out_dir))
    try:
        layout.pairs.mkdir(parents=True, exist_ok=True)
        layout.results.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create output directory {out_dir}: {exc.strerror or exc}") from None
    with _lock(layout.root):
        _remove_stale_temps(layout)
        emit = progress or (lambda event: None)
        key = options_key(options)
        fps = {job.name: fingerprint(job, key) for job in jobs}
        todo = [job for job in jobs if force or not is_done(layout, job, fps[job.name], formats)]
        skipped = len(jobs) - len(todo)
        started = time.time()
        emit({"event": "start", "total": len(jobs), "todo": len(todo), "skipped": skipped})

        done_now = 0
        interrupted = False
        written: dict[str, dict[str, Any]] = {}  # this run's records (one may not be on disk)
        try:
            if todo:
                with get_engine(engine, workers=_workers(engine, workers, len(todo)), address=address) as eng:
                    workers = getattr(eng, "workers", None) or workers  # what the engine really runs
                    run_options = _fit_threads(eng, options)
                    fn = functools.partial(run_pair, run_options, formats, timeout=pair_timeout)
                    for outcome in eng.map(fn, todo, warm=warm_up):
                        job: PairJob = outcome.item
                        if isinstance(outcome.error, KeyboardInterrupt):  # Ctrl-C reached the worker first
                            raise KeyboardInterrupt
                        record = _write_outcome(layout, job, fps[job.name], formats, outcome.value, outcome.error)
                        written[job.name] = record
                        done_now += 1
                        emit({"event": "pair", "done": skipped + done_now, "total": len(jobs), **_brief(record)})
        except KeyboardInterrupt:
            interrupted = True
        seconds = time.time() - started
        records = [_with_expect(written.get(job.name) or _record_or_pending(layout, job, fps[job.name], formats), job)
                   for job in jobs]
        index = build_index(records, key, formats, engine, workers, seconds, interrupted, started)
        write_index(layout.root, index)
        failed_total = sum(1 for r in records if r["status"] == "failed")
        emit({"event": "end", "total": len(jobs), "done_now": done_now, "skipped": skipped,
              "failed": failed_total, "seconds": round(seconds, 3), "interrupted": interrupted,
              "index": str(layout.root / "index.html")})
        return BatchResult(len(jobs), done_now, skipped, failed_total, interrupted, seconds, index,
                           layout.root / "index.json", records)


@contextlib.contextmanager
def _lock(root: Path) -> Iterator[None]:
    """One batch per output directory at a time: two would redo and overwrite each other's
    pairs. A POSIX record lock (lockf), not flock: it belongs to this process alone, so
    forked workers never inherit it, and it dies with the process, so a SIGKILLed batch
    leaves no lock behind (the file with its pid may stay; a stale one is just overwritten)."""
    import fcntl

    path = root / ".lock"
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise InputError(f"cannot create the lock file {path}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise InputError(f"{root}: another aligner batch{who} is writing to this directory") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)


def _remove_stale_temps(layout: Layout) -> None:
    """Temp files of a killed batch (never renamed into place) are junk: remove them."""
    for folder in (layout.root, layout.pairs, layout.results):
        for tmp in folder.glob(".*.tmp"):
            try:
                tmp.unlink()
            except OSError:
                pass


def _workers(engine: str, workers: int | None, n_todo: int) -> int | None:
    if engine == "local":
        return max(1, min(workers or os.cpu_count() or 1, n_todo))
    return workers


def _fit_threads(eng: Any, options: Any) -> Any:
    """MT threads per worker: what the engine reserves (Ray), else cores / workers, so N
    workers do not run N x cores MT threads."""
    options = eng.fit_options(options)
    mt = getattr(options, "mt", None)
    if mt is not None and mt.threads is None:
        threads = max(1, (os.cpu_count() or 1) // max(1, int(getattr(eng, "workers", 1) or 1)))
        options = dataclasses.replace(options, mt=dataclasses.replace(mt, threads=threads))
    return options


def one_line_error(exc: BaseException) -> str:
    """The user-facing line for a pair's failure; an unexpected exception names its type."""
    if isinstance(exc, AlignerError):
        return str(exc)
    text = " ".join(str(exc).split())
    return f"internal error: {type(exc).__name__}: {text}"[:500]


def _write_outcome(
    layout: Layout, job: PairJob, fp: str, formats: Sequence[str], value: dict[str, Any] | None, error: BaseException | None
) -> dict[str, Any]:
    """Reports first, each atomically; the record last, so its presence means complete."""
    from aligner.report import atomic_write_text

    record: dict[str, Any] = {
        "schema": RESULT_SCHEMA,
        "name": job.name,
        "src": job.src,
        "tgt": job.tgt,
        "fingerprint": fp,
        "finished_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
    }
    if error is None and value is not None:
        value = dict(value)
        try:
            reports = value.pop("reports")
            for fmt in formats:
                text = reports[fmt]
                atomic_write_text(layout.report(job.name, fmt), text, "utf-8-sig" if fmt == "tsv" else "utf-8")
            record.update(status="ok", error=None, **value)
            record["reports"] = {fmt: layout.report(job.name, fmt).relative_to(layout.root).as_posix() for fmt in formats}
        except (OSError, ValueError) as exc:
            error = InputError(f"cannot write the reports of {job.name}: {getattr(exc, 'strerror', None) or exc}")
    if error is not None:
        record.update(status="failed", error=one_line_error(error), error_type=type(error).__name__,
                      src_lang=job.src_lang, tgt_lang=job.tgt_lang, reports={})
    try:
        atomic_write_text(layout.record(job.name), json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    except (OSError, ValueError) as exc:  # this pair fails; the batch goes on (it is retried next run)
        why = f"cannot write the result record of {job.name}: {getattr(exc, 'strerror', None) or exc}"
        if record["status"] == "ok":
            record.update(status="failed", error=why, error_type="InputError", reports={})
        else:
            record["error"] = f"{record['error']}; {why}"
    return record


def _record_or_pending(layout: Layout, job: PairJob, fp: str, formats: Sequence[str]) -> dict[str, Any]:
    record = load_record(layout, job.name)
    if record is not None and record.get("fingerprint") == fp:
        return record
    return {"schema": RESULT_SCHEMA, "name": job.name, "src": job.src, "tgt": job.tgt, "status": "pending",
            "error": None, "src_lang": job.src_lang, "tgt_lang": job.tgt_lang, "reports": {}}


def _with_expect(record: dict[str, Any], job: PairJob) -> dict[str, Any]:
    """The manifest's expected verdict beside the result, and whether they disagree."""
    record = {k: v for k, v in record.items() if k not in ("expect", "expect_mismatch")}
    if job.expect:
        record["expect"] = job.expect
        record["expect_mismatch"] = record["status"] == "ok" and record.get("verdict") != job.expect
    return record


def _brief(record: dict[str, Any]) -> dict[str, Any]:
    keys = ("name", "status", "verdict", "overall_divergence", "error")
    return {k: record.get(k) for k in keys if record.get(k) is not None or k == "status"}


# -- the index ---------------------------------------------------------------------------------

_STATUS_ORDER = {"failed": 0, "ok": 1, "pending": 2}
#: Within finished pairs: a partial version (something is missing) first, then translations,
#: then pairs that are not translations of each other (a pairing mistake, not a translation
#: fault). Inside each verdict, the pairs with most major flags first, then most divergent.
_VERDICT_ORDER = {"partial": 0, "translation": 1, "unrelated": 2}


def _major(record: dict[str, Any]) -> int:
    if "major_flags" in record:
        return int(record.get("major_flags") or 0)
    return sum((record.get("flag_counts") or {}).values())  # a record from before severities


def rank(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Failed pairs first (they need a look), then by verdict (partial, translation,
    unrelated), then most major flags, then most divergent; pairs not yet run last."""
    return sorted(
        records,
        key=lambda r: (
            _STATUS_ORDER.get(r["status"], 3),
            _VERDICT_ORDER.get(r.get("verdict") or "", 3),
            -_major(r),
            -float(r.get("overall_divergence") or 0.0),
            r["name"],
        ),
    )


def build_index(
    records: list[dict[str, Any]], key: dict[str, Any], formats: Sequence[str], engine: str, workers: int | None,
    seconds: float, interrupted: bool, started: float,
) -> dict[str, Any]:
    ranked = rank(records)
    verdicts: dict[str, int] = {}
    for r in ranked:
        if r["status"] == "ok":
            verdicts[r["verdict"]] = verdicts.get(r["verdict"], 0) + 1
    counts = {s: sum(1 for r in ranked if r["status"] == s) for s in ("ok", "failed", "pending")}
    pairs = []
    for n, r in enumerate(ranked, 1):
        entry = {k: v for k, v in r.items() if k not in ("schema", "fingerprint")}
        entry["rank"] = n
        entry["result"] = f"results/{r['name']}.json" if r["status"] != "pending" else None
        pairs.append(entry)
    return {
        "schema": INDEX_SCHEMA,
        "complete": not interrupted and counts["pending"] == 0,
        "total": len(ranked),
        "counts": counts,
        "verdicts": verdicts,
        "started_at": _dt.datetime.fromtimestamp(started, _dt.timezone.utc).isoformat(timespec="seconds"),
        "elapsed_s": round(seconds, 3),
        "engine": engine,
        "workers": workers,
        "settings": {**key, "formats": list(formats)},
        "expect_mismatches": [
            {"name": p["name"], "expect": p["expect"], "verdict": p.get("verdict")} for p in pairs if p.get("expect_mismatch")
        ],
        "pairs": pairs,
    }


CSV_COLUMNS = (
    "rank", "name", "status", "verdict", "overall_divergence", "coverage_src", "coverage_tgt",
    "anchored_share", "body_pairs", "flagged_pairs", "major_flags", "flags", "expect", "expect_mismatch", "src_lang", "tgt_lang", "src", "tgt",
    "report_html", "report_json", "error",
)


def index_csv(index: dict[str, Any]) -> str:
    """One row per pair, ranked; formula-like cells defused, for spreadsheets."""
    from aligner.report.tsv import cell

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for p in index["pairs"]:
        flags = ";".join(f"{k}:{v}" for k, v in sorted((p.get("flag_counts") or {}).items()))
        reports = p.get("reports") or {}
        row = {**p, "flags": flags, "report_html": reports.get("html"), "report_json": reports.get("json")}
        w.writerow([cell(row.get(c)) for c in CSV_COLUMNS])
    return buf.getvalue()


def write_index(root: Path, index: dict[str, Any]) -> None:
    """index.json, index.csv (UTF-8 with BOM, for Excel) and index.html, each atomically."""
    from aligner.report import atomic_write_text

    atomic_write_text(root / "index.json", json.dumps(index, ensure_ascii=False, indent=2) + "\n")
    atomic_write_text(root / "index.csv", index_csv(index), "utf-8-sig")
    atomic_write_text(root / "index.html", index_html(index))


def index_html(index: dict[str, Any]) -> str:
    """A self-contained page: the ranking with verdicts, errors and links to each report."""
    import jinja2

    from aligner.report.common import FLAG_LABELS, VERDICT_LABELS

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_INDEX_TEMPLATE).render(
        i=index, verdict_labels=VERDICT_LABELS, flag_labels=FLAG_LABELS, version=__version__,
    )


def event_line(event: dict[str, Any]) -> str:
    """One machine-readable line (JSON) per progress event, for logs and pipelines."""
    return json.dumps(event, ensure_ascii=False, sort_keys=False)


def print_event(event: dict[str, Any]) -> None:
    print(event_line(event), file=sys.stderr, flush=True)


_INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="generator" content="aligner {{ version }}">
<title>Batch translation check: {{ i.total }} pairs</title>
<style>
:root { --bg:#fff; --fg:#1d2125; --muted:#5f6b76; --line:#dde2e7; --card:#f5f7f9; --ok:#1f7a3d; --warn:#a45c00; --bad:#b3261e; }
@media (prefers-color-scheme: dark) { :root { --bg:#15181b; --fg:#e6e9ec; --muted:#9aa5b1; --line:#2e353b; --card:#1e2327; --ok:#5cc27f; --warn:#f0a94b; --bad:#ff7b72; } }
* { box-sizing:border-box; }
body { margin:0; padding:0 1.2rem 3rem; background:var(--bg); color:var(--fg); font:15px/1.5 system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size:1.25rem; margin:1rem 0 .4rem; }
.stats { display:flex; flex-wrap:wrap; gap:.4rem 1.4rem; list-style:none; padding:0; margin:.5rem 0; }
.notice { background:var(--card); border-left:4px solid var(--warn); padding:.4rem .7rem; }
.controls { position:sticky; top:0; background:var(--bg); padding:.5rem 0; border-bottom:1px solid var(--line); display:flex; flex-wrap:wrap; gap:.4rem 1.2rem; align-items:center; }
.controls .shown { margin-left:auto; color:var(--muted); }
table { width:100%; border-collapse:collapse; }
th { text-align:start; color:var(--muted); font-weight:600; padding:.35rem .5rem; border-bottom:1px solid var(--line); }
td { padding:.4rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; overflow-wrap:anywhere; }
td.num { font-variant-numeric:tabular-nums; white-space:nowrap; }
.verdict { display:inline-block; padding:0 .55rem; border-radius:1rem; color:#fff; font-weight:600; font-size:.9em; }
.v-translation { background:var(--ok); } .v-partial { background:var(--warn); } .v-unrelated, .v-failed { background:var(--bad); } .v-pending { background:var(--muted); }
.bar { width:7rem; height:6px; background:var(--card); border-radius:3px; overflow:hidden; display:inline-block; vertical-align:middle; margin-inline-start:.4rem; }
.bar span { display:block; height:100%; background:var(--bad); }
.err { color:var(--bad); }
.k { display:inline-block; font-size:.78em; padding:0 .35rem; border-radius:.5rem; background:var(--card); border:1px solid var(--line); margin:0 .15rem .15rem 0; }
small, .muted { color:var(--muted); }
tr.hidden { display:none; }
footer { color:var(--muted); font-size:.85em; margin-top:1.2rem; }
</style>
</head>
<body>
<h1>Batch translation check: {{ i.total }} pairs</h1>
<ul class="stats">
  <li>Done <b>{{ i.counts.ok }}</b></li>
  <li>Failed <b id="n-failed">{{ i.counts.failed }}</b></li>
  {% if i.counts.pending %}<li>Not run yet <b>{{ i.counts.pending }}</b></li>{% endif %}
  {% for v, n in i.verdicts.items() %}<li><span class="verdict v-{{ v }}">{{ verdict_labels.get(v, v) }}</span> <b>{{ n }}</b></li>{% endfor %}
</ul>
{% if i.expect_mismatches %}<p class="notice" id="expect-mismatches"><b>Not as expected</b> (the manifest's <code>expect</code>):
{% for m in i.expect_mismatches %}{{ m.name }}: expected {{ m.expect }}, got {{ m.verdict }}{% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}
{% if not i.complete %}<p class="notice">This batch is incomplete (interrupted or still running): run the same command again to finish it; finished pairs are kept.</p>{% endif %}
<div class="controls">
  <label>Show <select id="only">
    <option value="">all pairs</option>
    <option value="attention">needing attention (failed, partial, unrelated)</option>
    <option value="failed">failed</option>
    <option value="translation">translation</option>
    <option value="partial">partial</option>
    <option value="unrelated">unrelated</option>
  </select></label>
  <label>Name <input id="q" type="search" placeholder="filter by name"></label>
  <span class="shown" id="shown"></span>
</div>
<table>
  <thead><tr><th>#</th><th>Pair</th><th>Verdict</th><th>Divergence</th><th>Flags</th><th>Reports</th></tr></thead>
  <tbody>
  {% for p in i.pairs %}
  {% set v = p.verdict if p.status == 'ok' else p.status %}
  <tr class="pair" data-status="{{ p.status }}" data-verdict="{{ v }}" data-name="{{ p.name|lower }}">
    <td class="num">{{ p.rank }}</td>
    <td><b>{% if (p.reports or {}).get('html') %}<a href="{{ p.reports.html }}">{{ p.name }}</a>{% else %}{{ p.name }}{% endif %}</b><br><small>{{ p.src }} ({{ p.src_lang }}) &rarr; {{ p.tgt }} ({{ p.tgt_lang }})</small></td>
    <td><span class="verdict v-{{ v }}">{{ verdict_labels.get(v, v) }}</span>
      {% if p.status == 'ok' and p.verdict_reason %}<br><small>{{ p.verdict_reason }}</small>{% endif %}
      {% if p.get('expect_mismatch') %}<br><span class="err">expected {{ p.expect }}</span>{% endif %}
      {% if p.error %}<br><span class="err">{{ p.error }}</span>{% endif %}</td>
    <td class="num">{% if p.status == 'ok' %}{{ '%.2f' % p.overall_divergence }}<span class="bar"><span style="width:{{ '%.0f' % (p.overall_divergence * 100) }}%"></span></span><br><small>coverage {{ '%.0f' % (p.coverage_src * 100) }}% / {{ '%.0f' % (p.coverage_tgt * 100) }}% &middot; {{ p.flagged_pairs }} of {{ p.body_pairs }} pairs flagged</small>{% endif %}</td>
    <td>{% for k, n in (p.get('flag_counts') or {}).items()|sort %}<span class="k" title="{{ flag_labels.get(k, k) }}">{{ k }} {{ n }}</span>{% endfor %}</td>
    <td>{% for fmt, rel in (p.reports or {}).items() %}<a href="{{ rel }}">{{ fmt }}</a> {% endfor %}</td>
  </tr>
  {% endfor %}
  </tbody>
</table>
<footer>aligner {{ version }} &middot; {{ i.engine }} engine &middot; started {{ i.started_at }} &middot; {{ '%.1f' % i.elapsed_s }} s &middot; schema {{ i.schema }}</footer>
<script>
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.pair"));
  var only = document.getElementById("only"), q = document.getElementById("q"), shown = document.getElementById("shown");
  function apply() {
    var want = only.value, text = q.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var v = r.dataset.verdict;
      var ok = !want || v === want || (want === "attention" && v !== "translation" && v !== "pending");
      if (text && r.dataset.name.indexOf(text) < 0) ok = false;
      r.classList.toggle("hidden", !ok);
      if (ok) n++;
    });
    shown.textContent = "showing " + n + " of " + rows.length;
  }
  only.addEventListener("change", apply);
  q.addEventListener("input", apply);
  apply();
  document.documentElement.setAttribute("data-ready", "1");
}());
</script>
</body>
</html>
"""
