"""`aligner batch`: inputs (directory convention, TSV/JSONL/TOML manifests), one report and
one record per pair, the ranked index, failures in the middle of a batch, resume after a
normal end, after Ctrl-C and after SIGKILL, and the progress output."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aligner import batch
from aligner.align import AlignConfig
from aligner.batch import PairJob, discover, run_batch
from aligner.compare import CompareOptions
from aligner.errors import EXIT_BATCH_FAILED, InputError
from aligner.translate import MTOptions
from aligner.types import Comparison

ROOT = Path(__file__).resolve().parents[1]
OFF = CompareOptions(mt=MTOptions(mode="off", use_cache=False))


def _cli(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aligner", *map(str, args)],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT,
    )


@pytest.fixture()
def seed_dir(tmp_path, seed_ru, seed_ar, seed_unrelated) -> Path:
    """The seeds as a directory of NAME.LANG.txt pairs: the related pair, three unrelated."""
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(seed_ru, d / "related.ru.txt")
    shutil.copy(seed_ar, d / "related.ar.txt")
    for n, path in enumerate(seed_unrelated, 1):
        shutil.copy(seed_ru, d / f"other{n}.ru.txt")
        shutil.copy(path, d / f"other{n}.ar.txt")
    return d


def _records(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (out / "results").glob("*.json")}


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime_ns) of every record: a redone pair gets a new file (os.replace)."""
    return {p.stem: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (out / "results").glob("*.json")}


def _validate(index: dict) -> None:
    import jsonschema

    schema = json.loads((ROOT / "src" / "aligner" / "schemas" / "batch-index-1.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(index, schema)


# -- inputs -----------------------------------------------------------------------------------


def test_directory_convention_pairs_files_and_picks_src(seed_dir):
    (seed_dir / "lonely.ar.txt").write_text("نص وحيد.", encoding="utf-8")
    (seed_dir / "notes.txt").write_text("not a pair", encoding="utf-8")
    (seed_dir / "notes.old.txt").write_text("not a pair either", encoding="utf-8")
    jobs = {j.name: j for j in discover(seed_dir)}
    assert set(jobs) == {"related", "other1", "other2", "other3", "lonely"}
    rel = jobs["related"]
    assert (Path(rel.src).name, Path(rel.tgt).name) == ("related.ru.txt", "related.ar.txt")
    assert (rel.src_lang, rel.tgt_lang, rel.error) == ("ru", "ar", None)
    assert "only one file" in jobs["lonely"].error
    # --src-lang decides which side is the original
    flipped = {j.name: j for j in discover(seed_dir, src_lang="ar")}
    assert Path(flipped["related"].src).name == "related.ar.txt"
    assert Path(flipped["related"].tgt).name == "related.ru.txt"


def test_manifests_tsv_jsonl_toml_relative_to_manifest(tmp_path, seed_ru, seed_ar):
    sub = tmp_path / "m"
    sub.mkdir()
    shutil.copy(seed_ru, sub / "a.txt")
    shutil.copy(seed_ar, sub / "b.txt")
    (sub / "plain.tsv").write_text("# comment\na.txt\tb.txt\n\na.txt\tb.txt\tsame name\n", encoding="utf-8")
    (sub / "header.tsv").write_text("name\ttgt\tsrc\tsrc_lang\nx\tb.txt\ta.txt\tru\n", encoding="utf-8")
    (sub / "pairs.jsonl").write_text('{"src": "a.txt", "tgt": "b.txt", "name": "j/1"}\n', encoding="utf-8")
    plain = discover(sub / "plain.tsv")
    assert [j.name for j in plain] == ["a__b", "same_name"]
    assert plain[0].src == str(sub / "a.txt") and plain[0].tgt == str(sub / "b.txt")
    (hdr,) = discover(sub / "header.tsv")
    assert (hdr.name, Path(hdr.src).name, Path(hdr.tgt).name, hdr.src_lang, hdr.tgt_lang) == ("x", "a.txt", "b.txt", "ru", "auto")
    (js,) = discover(sub / "pairs.jsonl")
    assert js.name == "j_1"  # safe as a file name
    seeds = discover(ROOT / "seeds" / "pairs.toml")
    assert [j.name for j in seeds][:2] == ["japan-russia-course", "unrelated-001"]
    assert all(Path(j.src).is_file() and Path(j.tgt).is_file() for j in seeds)


def test_duplicate_names_are_made_unique_deterministically(tmp_path):
    (tmp_path / "m.jsonl").write_text(
        "".join(json.dumps({"src": "a", "tgt": "b", "name": n}) + "\n" for n in ("x", "X", "x")), encoding="utf-8"
    )
    assert [j.name for j in discover(tmp_path / "m.jsonl")] == ["x", "X-2", "x-3"]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.toml", "pair = 3\n", "expected [[pair]]"),
        ("bad.jsonl", "{not json\n", "not valid JSON"),
        ("bad.tsv", "only-one-column\n", "needs 'src' and 'tgt'"),
        ("bad.jsonl", '{"src": "a", "tgt": "b", "src_lang": "it"}\n', "src_lang 'it'"),
        ("empty.tsv", "# nothing\n", "no pairs found"),
        ("pairs.csv", "a,b\n", "unknown manifest type"),
    ],
)
def test_bad_manifests_are_one_line_input_errors(tmp_path, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        discover(tmp_path / name)
    assert message in str(info.value) and "\n" not in str(info.value)


# -- a batch over the seeds --------------------------------------------------------------------


def test_batch_over_seed_directory_writes_reports_records_and_ranked_index(seed_dir, tmp_path):
    out = tmp_path / "out"
    events: list[dict] = []
    res = run_batch(discover(seed_dir), out, OFF, formats=("json", "html", "tsv"), workers=2, progress=events.append)
    assert (res.total, res.done_now, res.skipped, res.failed, res.exit_code) == (4, 4, 0, 0, 0)

    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    _validate(index)
    assert index["schema"] == "aligner.batch-index/1" and index["complete"] is True
    assert index["workers"] == 2
    for field, value in (("status", "done"), ("error", "two\nlines"), ("name", "a/b")):
        broken = json.loads(json.dumps(index))
        broken["pairs"][0][field] = value
        with pytest.raises(Exception, match="is not|does not match|was expected"):
            _validate(broken)
    assert index["counts"] == {"ok": 4, "failed": 0, "pending": 0}
    assert index["verdicts"] == {"translation": 1, "unrelated": 3}
    names = [p["name"] for p in index["pairs"]]
    assert sorted(names) == ["other1", "other2", "other3", "related"]
    divs = [p["overall_divergence"] for p in index["pairs"]]
    # ranked by verdict (the translation before the unrelated pairs), then by divergence
    assert names[0] == "related" and divs[1:] == sorted(divs[1:], reverse=True)
    assert [p["rank"] for p in index["pairs"]] == [1, 2, 3, 4]
    for p in index["pairs"]:
        verdict = "translation" if p["name"] == "related" else "unrelated"
        assert p["verdict"] == verdict and p["status"] == "ok" and p["error"] is None
        assert set(p["reports"]) == {"json", "html", "tsv"}
        for rel in p["reports"].values():
            assert (out / rel).is_file()
        # the per-pair JSON is the full comparison record, and agrees with the index
        comp = Comparison.from_dict(json.loads((out / p["reports"]["json"]).read_text(encoding="utf-8")))
        assert comp.summary.verdict == p["verdict"]
        assert round(comp.summary.overall_divergence, 4) == p["overall_divergence"]
        assert (comp.src.lang, comp.tgt.lang) == ("ru", "ar")
    assert set(_records(out)) == set(names)

    rows = list(csv.DictReader(io.StringIO((out / "index.csv").read_text(encoding="utf-8-sig"))))
    assert [r["name"] for r in rows] == names
    assert rows[0]["verdict"] == "translation" and rows[0]["report_html"].startswith("pairs/")

    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<script src" not in html and "http://" not in html and "https://" not in html
    for name in names:
        assert f'href="pairs/{name}.html"' in html
    assert html.index(">related<") < html.index(">other")

    kinds = [e["event"] for e in events]
    assert kinds == ["start"] + ["pair"] * 4 + ["end"]
    assert sorted(e["done"] for e in events if e["event"] == "pair") == [1, 2, 3, 4]


def test_failing_pairs_in_the_middle_are_reported_and_the_rest_continue(tmp_path, seed_ru, seed_ar, seed_unrelated):
    """An empty, a binary and a missing TGT between good pairs: three one-line errors in the
    index (escaped in HTML), every good pair done, exit code 5 from the CLI."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    manifest = d / "pairs.jsonl"
    entries = [
        {"name": "good-1", "src": str(seed_ru), "tgt": str(seed_ar)},
        {"name": "empty", "src": str(seed_ru), "tgt": "empty.txt"},
        {"name": "binary", "src": str(seed_ru), "tgt": "binary.txt"},
        {"name": "missing", "src": str(seed_ru), "tgt": "missing<script>alert(1)</script>.txt"},
        {"name": "good-2", "src": str(seed_ru), "tgt": str(seed_unrelated[0])},
    ]
    manifest.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    out = tmp_path / "out"
    proc = _cli("batch", manifest, "-o", out, "--mt", "off", "--workers", "2", "--formats", "json,md")
    assert proc.returncode == EXIT_BATCH_FAILED, proc.stderr
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    _validate(index)
    by = {p["name"]: p for p in index["pairs"]}
    assert index["counts"] == {"ok": 2, "failed": 3, "pending": 0}
    assert [p["status"] for p in index["pairs"]][:3] == ["failed"] * 3  # failures ranked first
    assert "empty" in by["empty"]["error"] and "binary" in by["binary"]["error"]
    assert "no such file" in by["missing"]["error"]
    for name in ("empty", "binary", "missing"):
        assert "\n" not in by[name]["error"] and by[name]["reports"] == {}
        assert not (out / "pairs" / f"{name}.json").exists()
    assert by["good-1"]["verdict"] == "translation" and by["good-2"]["verdict"] == "unrelated"
    assert (out / "pairs" / "good-1.md").is_file()
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO((out / "index.csv").read_text(encoding="utf-8-sig")))}
    assert "empty" in rows["empty"]["error"] and rows["good-1"]["error"] == ""
    # stderr is not a TTY here: one JSON line per finished pair, no progress bar
    lines = [json.loads(line) for line in proc.stderr.splitlines() if line.startswith("{")]
    assert sorted(e["name"] for e in lines if e["event"] == "pair") == sorted(by)
    assert lines[-1]["event"] == "end" and lines[-1]["failed"] == 3

    # a second run retries only the failed pairs; fixing the file makes that pair succeed
    before = _stamps(out)
    shutil.copy(seed_ar, d / "empty.txt")
    proc = _cli("batch", manifest, "-o", out, "--mt", "off", "--workers", "2", "--formats", "json,md")
    assert proc.returncode == EXIT_BATCH_FAILED
    after = _stamps(out)
    assert after["good-1"] == before["good-1"] and after["good-2"] == before["good-2"]
    assert after["empty"] != before["empty"]
    assert json.loads((out / "index.json").read_text(encoding="utf-8"))["counts"] == {"ok": 3, "failed": 2, "pending": 0}


def test_resume_skips_done_pairs_and_redoes_changed_ones(seed_dir, tmp_path):
    out = tmp_path / "out"
    jobs = discover(seed_dir)
    run_batch(jobs, out, OFF, workers=1)
    first = _stamps(out)
    again = run_batch(jobs, out, OFF, workers=2)  # another worker count changes nothing
    assert (again.done_now, again.skipped) == (0, 4) and _stamps(out) == first

    target = seed_dir / "other2.ar.txt"  # an edited input is redone, and only that one
    target.write_text(target.read_text(encoding="utf-8") + "\nإضافة.\n", encoding="utf-8")
    res = run_batch(discover(seed_dir), out, OFF, workers=1)
    assert (res.done_now, res.skipped) == (1, 3)
    now = _stamps(out)
    assert now["other2"] != first["other2"] and all(now[n] == first[n] for n in ("related", "other1", "other3"))

    (out / "pairs" / "related.html").unlink()  # a missing report is redone
    assert run_batch(jobs, out, OFF, workers=1).done_now == 1
    wider = CompareOptions(mt=MTOptions(mode="off"), align=AlignConfig(max_bead=3))  # other options: all redone
    assert run_batch(discover(seed_dir), out, wider, workers=1).done_now == 4
    assert run_batch(discover(seed_dir), out, wider, workers=1, force=True).done_now == 4
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert sorted(p["name"] for p in index["pairs"]) == ["other1", "other2", "other3", "related"]


def test_an_output_directory_in_use_is_refused(seed_dir, tmp_path):
    """A live batch (here: another process holding the lock) is refused with its pid; once it
    has gone, its leftover lock file (a stale pid) does not block."""
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from aligner.batch import _lock\n"
         "with _lock(Path(sys.argv[1])):\n    print('locked', flush=True); sys.stdin.read()", str(out)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(InputError, match=rf"another aligner batch \(pid {holder.pid}\)"):
            run_batch(discover(seed_dir), out, OFF, workers=1)
    finally:
        holder.kill()
        holder.wait()
    assert (out / ".lock").read_text().strip() == str(holder.pid)  # stale: its process is dead
    assert run_batch(discover(seed_dir), out, OFF, workers=1).done_now == 4


def test_unknown_format_and_bad_workers_are_usage_errors(seed_dir, tmp_path):
    proc = _cli("batch", seed_dir, "-o", tmp_path / "o", "--formats", "json,pdf", "--mt", "off")
    assert proc.returncode == 2 and "unknown report format 'pdf'" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = _cli("batch", seed_dir, "-o", tmp_path / "o", "--workers", "0")
    assert proc.returncode == 2 and "--workers" in proc.stderr


# -- killed batches ----------------------------------------------------------------------------


def _many_pairs(tmp_path: Path, seed_ru: Path, seed_ar: Path, seed_unrelated: list[Path], n: int) -> Path:
    """The four seed pairings repeated under n names, in a TOML manifest."""
    tgts = [seed_ar, *seed_unrelated]
    lines = []
    for i in range(n):
        lines += ["[[pair]]", f'name = "p{i:03d}"', f'src = "{seed_ru}"', f'tgt = "{tgts[i % 4]}"',
                  'src_lang = "ru"', 'tgt_lang = "ar"', ""]
    manifest = tmp_path / "many.toml"
    manifest.write_text("\n".join(lines), encoding="utf-8")
    return manifest


def _start(manifest: Path, out: Path, workers: int = 1) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "aligner", "batch", str(manifest), "-o", str(out), "--mt", "off",
         "--workers", str(workers), "--formats", "json,html,tsv,tmx,md"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def _wait_for_records(proc: subprocess.Popen[str], out: Path, n: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(list((out / "results").glob("*.json"))) < n:
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline, "no results appeared"
        time.sleep(0.02)


def children(pid: int) -> list[int]:
    """Live child processes of `pid` (from /proc; Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_sigkill_mid_batch_then_resume_loses_and_duplicates_nothing(tmp_path, seed_ru, seed_ar, seed_unrelated):
    """A crash kills the driver alone (the old test killed the whole process group, which
    also killed the workers, and so never saw orphaned workers keep the lock)."""
    n = 40
    manifest = _many_pairs(tmp_path, seed_ru, seed_ar, seed_unrelated, n)
    out = tmp_path / "out"
    proc = _start(manifest, out, workers=2)
    try:
        _wait_for_records(proc, out, 3)
        workers = children(proc.pid)
        assert workers, "the batch runs its pairs in worker processes"
        os.kill(proc.pid, signal.SIGKILL)  # the driver only, no chance to clean up
        proc.wait()
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if alive(w)], "workers outlived their killed driver"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # never leave orphans behind, even on failure
    done_before = _stamps(out)
    assert 3 <= len(done_before) < n
    assert not (out / "index.json").exists()  # killed: never reached the end

    proc = _cli("batch", manifest, "-o", out, "--mt", "off", "--workers", "2", "--formats", "json,html,tsv,tmx,md")
    assert proc.returncode == 0, proc.stderr
    start = json.loads(proc.stderr.splitlines()[0])
    assert start == {"event": "start", "total": n, "todo": n - len(done_before), "skipped": len(done_before)}
    redone = [json.loads(x)["name"] for x in proc.stderr.splitlines() if '"event": "pair"' in x]
    assert sorted(redone) == sorted(set(f"p{i:03d}" for i in range(n)) - set(done_before))
    after = _stamps(out)
    assert all(after[name] == stamp for name, stamp in done_before.items())  # not redone
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    names = [p["name"] for p in index["pairs"]]
    assert sorted(names) == [f"p{i:03d}" for i in range(n)]  # every pair exactly once
    assert index["counts"] == {"ok": n, "failed": 0, "pending": 0}
    assert {p["verdict"] for p in index["pairs"] if int(p["name"][1:]) % 4 == 0} == {"translation"}
    assert {p["verdict"] for p in index["pairs"] if int(p["name"][1:]) % 4} == {"unrelated"}
    for fmt, ext in (("json", "json"), ("html", "html"), ("tsv", "tsv"), ("tmx", "tmx"), ("md", "md")):
        assert len(list((out / "pairs").glob(f"*.{ext}"))) == n, fmt
    assert not [p for p in out.rglob("*.tmp")]  # the killed run's temp files were cleaned up
    for p in (out / "pairs").glob("*.json"):  # no half-written report survived
        json.loads(p.read_text(encoding="utf-8"))


def test_ctrl_c_keeps_finished_pairs_writes_the_index_and_exits_130(tmp_path, seed_ru, seed_ar, seed_unrelated):
    n = 40
    manifest = _many_pairs(tmp_path, seed_ru, seed_ar, seed_unrelated, n)
    out = tmp_path / "out"
    proc = _start(manifest, out)
    _wait_for_records(proc, out, 2)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    _validate(index)
    assert index["complete"] is False and index["total"] == n
    assert index["counts"]["ok"] >= 2 and index["counts"]["pending"] > 0
    assert index["counts"]["ok"] + index["counts"]["pending"] + index["counts"]["failed"] == n
    assert "incomplete" in (out / "index.html").read_text(encoding="utf-8")
    proc = _cli("batch", manifest, "-o", out, "--mt", "off", "--workers", "2", "--formats", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads((out / "index.json").read_text(encoding="utf-8"))["counts"] == {"ok": n, "failed": 0, "pending": 0}


def test_failed_job_error_messages_are_one_line():
    assert batch.one_line_error(InputError("a\nb")) == "a b"
    assert batch.one_line_error(ValueError("x\ny")) == "internal error: ValueError: x y"
    with pytest.raises(InputError, match="only one"):
        batch.run_pair(OFF, ("json",), PairJob("n", "a", "a", error="n: only one file"))


def test_an_edited_translation_memory_redoes_the_pairs(seed_dir, tmp_path):
    tm = tmp_path / "tm.tsv"
    tm.write_text("Токио\tTokyo\n", encoding="utf-8")
    opts = CompareOptions(mt=MTOptions(mode="tm", tm_paths=(str(tm),), use_cache=False))
    jobs = discover(seed_dir)
    assert run_batch(jobs, tmp_path / "out", opts, workers=1).done_now == 4
    assert run_batch(jobs, tmp_path / "out", opts, workers=1).done_now == 0
    tm.write_text("Токио\tTokyo\nЯпония\tJapan\n", encoding="utf-8")
    assert run_batch(jobs, tmp_path / "out", opts, workers=1).done_now == 4


def test_progress_bar_mode_ends_with_a_summary_and_the_pairs_to_look_at(seed_dir, tmp_path):
    (seed_dir / "broken.ru.txt").write_text("", encoding="utf-8")
    (seed_dir / "broken.ar.txt").write_text("", encoding="utf-8")
    proc = _cli("batch", seed_dir, "-o", tmp_path / "out", "--mt", "off", "--workers", "2", "--progress", "bar")
    assert proc.returncode == EXIT_BATCH_FAILED
    assert not proc.stderr.lstrip().startswith("{")  # not the JSON lines
    assert "5 pairs: 1 translation, 3 unrelated; 1 failed" in proc.stderr
    assert "failed: broken:" in proc.stderr and "1. broken:" in proc.stderr
    assert "unrelated, divergence" in proc.stderr
    assert "related: translation, " in proc.stderr and "major flag" in proc.stderr  # the real translation with flags
