"""`aligner batch` with MT on (the project's tiny CTranslate2 test model: the real int8 path,
random weights): pivots reach every pair, MT threads are shared out between workers, and
switching MT on or off redoes the pairs (it changes results)."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from aligner.batch import _fit_threads, discover, run_batch
from aligner.compare import CompareOptions
from aligner.engines.local import LocalEngine
from aligner.translate import MTOptions

from mt_helpers import test_models_dir

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def models_dir() -> Path:
    pytest.importorskip("ctranslate2")
    return test_models_dir()


def test_mt_threads_are_shared_out_between_workers():
    opts = CompareOptions(mt=MTOptions(mode="ct2"))
    cores = os.cpu_count() or 1
    assert _fit_threads(LocalEngine(workers=1), opts).mt.threads == cores
    assert _fit_threads(LocalEngine(workers=2), opts).mt.threads == max(1, cores // 2)
    assert _fit_threads(LocalEngine(workers=4 * cores), opts).mt.threads == 1
    explicit = dataclasses.replace(opts, mt=MTOptions(mode="ct2", threads=3))  # --mt-threads wins
    assert _fit_threads(LocalEngine(workers=2), explicit).mt.threads == 3


def test_batch_with_mt_on_then_off(models_dir, tmp_path):
    jobs = discover(ROOT / "seeds" / "pairs.toml")
    out = tmp_path / "out"
    on = CompareOptions(mt=MTOptions(mode="ct2", models_dir=str(models_dir), use_cache=False))
    res = run_batch(jobs, out, on, formats=("json",), workers=2)
    assert (res.done_now, res.failed) == (4, 0)
    for job in jobs:
        record = json.loads((out / "results" / f"{job.name}.json").read_text(encoding="utf-8"))
        assert record["mt"].startswith("ct2:aligner-test-tiny")
        comparison = json.loads((out / "pairs" / f"{job.name}.json").read_text(encoding="utf-8"))
        body = [p for p in comparison["pairs"] if p["section"] == "body" and p["src"]]
        assert body and all(p["src_pivot"] for p in body)  # every SRC sentence got a pivot
    assert run_batch(jobs, out, on, formats=("json",), workers=1).skipped == 4  # threads differ: still done
    off = CompareOptions(mt=MTOptions(mode="off"))
    res = run_batch(jobs, out, off, formats=("json",), workers=2)
    assert res.done_now == 4
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert {p["mt"] for p in index["pairs"]} == {"off"}
    assert {p["name"]: p["verdict"] for p in index["pairs"]}["japan-russia-course"] == "translation"
