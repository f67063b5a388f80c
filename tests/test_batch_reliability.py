"""`aligner batch` against hostile names, unwritable outputs and hung pairs: one pair's
trouble is that pair's failure, never the batch's."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import aligner.compare
from aligner import batch
from aligner.batch import NAME_MAX_BYTES, PairJob, discover, run_batch, safe_name
from aligner.compare import CompareOptions
from aligner.errors import EXIT_BATCH_FAILED
from aligner.translate import MTOptions

OFF = CompareOptions(mt=MTOptions(mode="off", use_cache=False))


def _manifest(tmp_path: Path, entries: list[dict[str, str]]) -> Path:
    lines = []
    for e in entries:
        lines += ["[[pair]]", *(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in e.items()), ""]
    path = tmp_path / "pairs.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_long_non_latin_names_are_capped_in_bytes_with_a_stable_hash():
    arabic = "تقرير" * 40  # 200 letters, 400 bytes: more than a file name may hold
    name = safe_name(arabic)
    assert len(name.encode("utf-8")) <= NAME_MAX_BYTES
    assert name == safe_name(arabic)  # the same on every run, so resume finds it
    assert name.startswith("تقرير")
    other = safe_name(arabic[:-1] + "x")  # same first 100 bytes, different name
    assert other != name and len(other.encode("utf-8")) <= NAME_MAX_BYTES
    assert safe_name("short-name") == "short-name"


def test_a_long_arabic_pair_name_does_not_abort_the_batch(tmp_path, seed_ru, seed_ar, seed_unrelated):
    long_name = "مقارنة ترجمة مقال وكالة تاس عن اليابان " * 8
    manifest = _manifest(tmp_path, [
        {"name": long_name, "src": str(seed_ru), "tgt": str(seed_ar)},
        {"name": "after", "src": str(seed_ru), "tgt": str(seed_unrelated[0])},
    ])
    jobs = discover(manifest)
    out = tmp_path / "out"
    result = run_batch(jobs, out, OFF, formats=("json", "html"), workers=1)
    assert result.failed == 0 and result.done_now == 2
    assert result.index["counts"] == {"ok": 2, "failed": 0, "pending": 0}
    for p in (out / "pairs").iterdir():
        assert len(p.name.encode("utf-8")) < 255
    again = run_batch(discover(manifest), out, OFF, formats=("json", "html"), workers=1)
    assert again.skipped == 2 and again.done_now == 0  # same names: resumed, not redone


def test_one_pair_whose_record_cannot_be_written_fails_alone(tmp_path, seed_ru, seed_ar, seed_unrelated):
    manifest = _manifest(tmp_path, [
        {"name": "blocked", "src": str(seed_ru), "tgt": str(seed_ar)},
        {"name": "fine", "src": str(seed_ru), "tgt": str(seed_unrelated[0])},
    ])
    out = tmp_path / "out"
    (out / "results" / "blocked.json").mkdir(parents=True)  # the record path is a directory
    result = run_batch(discover(manifest), out, OFF, formats=("json",), workers=1)
    assert result.exit_code == EXIT_BATCH_FAILED
    by = {p["name"]: p for p in result.index["pairs"]}
    assert by["fine"]["status"] == "ok"
    assert by["blocked"]["status"] == "failed"
    assert "cannot write the result record of blocked" in by["blocked"]["error"]
    assert json.loads((out / "index.json").read_text(encoding="utf-8"))["counts"]["failed"] == 1


def test_a_hung_pair_is_stopped_by_pair_timeout_and_reported_failed(tmp_path, seed_ru, seed_ar, seed_unrelated, monkeypatch):
    """A pair that never finishes (here: a compare that sleeps; in life a hung read) fails
    after --pair-timeout; the other pairs finish. Workers are forked, so they see the patch."""
    real = aligner.compare.compare_files

    def slow_for_one(src, tgt, options=None, progress=None):
        if "hang" in str(tgt):
            time.sleep(60)
        return real(src, tgt, options, progress)

    monkeypatch.setattr(aligner.compare, "compare_files", slow_for_one)
    hang = tmp_path / "hang.txt"
    hang.write_bytes(seed_ar.read_bytes())
    jobs = [PairJob("hung", str(seed_ru), str(hang), "ru", "ar"), PairJob("ok", str(seed_ru), str(seed_unrelated[0]), "ru", "ar")]
    t0 = time.monotonic()
    result = run_batch(jobs, tmp_path / "out", OFF, formats=("json",), workers=1, pair_timeout=1.5)
    assert time.monotonic() - t0 < 30
    by = {p["name"]: p for p in result.index["pairs"]}
    assert by["ok"]["status"] == "ok"
    assert by["hung"]["status"] == "failed" and "--pair-timeout" in by["hung"]["error"]


def test_pair_timeout_must_be_positive(tmp_path, seed_ru, seed_ar):
    with pytest.raises(batch.InputError, match="--pair-timeout"):
        run_batch([PairJob("x", str(seed_ru), str(seed_ar))], tmp_path / "o", OFF, pair_timeout=0)


def test_index_ranks_by_verdict_then_major_flags_and_lists_expect_mismatches(tmp_path):
    """Issue 13.12 on the user's own manifest: the real translation (with its major flags)
    comes before the three unrelated pairs, and a wrong `expect` is listed."""
    root = Path(__file__).resolve().parents[1] / "seeds"
    text = (root / "pairs.toml").read_text(encoding="utf-8")
    manifest = tmp_path / "pairs.toml"
    for f in root.glob("*.txt"):
        (tmp_path / f.name).symlink_to(f)
    # the user's expectations, with one deliberately wrong
    text = text.replace('name = "unrelated-002"\nsrc = "004_5d1a5c883e097dad.txt"\ntgt = "002_bd03e742efd14f8d.txt"\nsrc_lang = "ru"\ntgt_lang = "ar"\nexpect = "unrelated"',
                        'name = "unrelated-002"\nsrc = "004_5d1a5c883e097dad.txt"\ntgt = "002_bd03e742efd14f8d.txt"\nsrc_lang = "ru"\ntgt_lang = "ar"\nexpect = "translation"')
    assert 'expect = "translation"' in text.split('name = "unrelated-002"')[1].split("[[pair]]")[0]
    manifest.write_text(text, encoding="utf-8")
    result = run_batch(discover(manifest), tmp_path / "out", OFF, formats=("json",), workers=1)
    pairs = result.index["pairs"]
    assert pairs[0]["name"] == "japan-russia-course" and pairs[0]["verdict"] == "translation"
    assert pairs[0]["major_flags"] >= 1
    assert {p["verdict"] for p in pairs[1:]} == {"unrelated"}
    assert result.index["expect_mismatches"] == [{"name": "unrelated-002", "expect": "translation", "verdict": "unrelated"}]
    assert [p["name"] for p in pairs if p.get("expect_mismatch")] == ["unrelated-002"]
    assert all(p["expect_mismatch"] is False for p in pairs if p["name"] != "unrelated-002")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "unrelated-002: expected translation, got unrelated" in html


def test_a_bad_expect_is_a_manifest_error(tmp_path, seed_ru, seed_ar):
    manifest = _manifest(tmp_path, [{"src": str(seed_ru), "tgt": str(seed_ar), "expect": "translated"}])
    with pytest.raises(batch.InputError, match="expect 'translated' is not one of translation, partial, unrelated"):
        discover(manifest)


def test_json_reports_are_byte_identical_across_runs_except_timestamps(tmp_path, seed_ru, seed_ar):
    """Issue 14.10: evidence keys came out in set order, which differs with the hash seed."""
    import os
    import re
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"r{seed}.json"
        proc = subprocess.run(
            [sys.executable, "-m", "aligner", "compare", str(seed_ru), str(seed_ar), "--mt", "off", "-o", str(out)],
            capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        outs.append(re.sub(r'"\w*_at": "[^"]*"', '"_at": ""', out.read_text(encoding="utf-8")))
    assert outs[0] == outs[1] == outs[2]
