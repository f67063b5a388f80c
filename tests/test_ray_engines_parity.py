"""The two engines behind one interface: the local process pool alone (no Ray needed), then
local vs Ray on the same jobs, which must give the same results.
"""

from __future__ import annotations

import functools
import operator
import os
import sys

import pytest

from aligner.engines import get_engine
from aligner.engines.local import LocalEngine
from aligner.engines.ray_engine import WorkerDiedError
from aligner.errors import InputError, ModelError


def _die_on_three(item):
    if item == 3:
        os._exit(1)
    return item * 10


def _model_error(item):
    if item == "bad":
        raise ModelError("model for ar-en is corrupt: reinstall it")
    return item.upper()


def test_local_engine_returns_every_job_once():
    with LocalEngine(workers=2) as eng:
        outs = list(eng.map(operator.neg, range(30)))
    assert sorted(o.index for o in outs) == list(range(30))
    assert all(o.error is None and o.value == -o.item for o in outs)


def test_local_engine_hands_back_the_original_exception():
    outs = {o.item: o for o in LocalEngine(workers=2).map(_model_error, ["ok", "bad"])}
    assert outs["ok"].value == "OK"
    assert isinstance(outs["bad"].error, ModelError) and str(outs["bad"].error) == "model for ar-en is corrupt: reinstall it"


def test_local_engine_a_dying_worker_fails_only_its_own_pair():
    outs = {o.item: o for o in LocalEngine(workers=2).map(_die_on_three, range(8))}
    assert sorted(outs) == list(range(8))
    assert isinstance(outs[3].error, WorkerDiedError)
    assert all(outs[i].error is None and outs[i].value == i * 10 for i in outs if i != 3)


def test_get_engine_names_and_errors(monkeypatch):
    assert isinstance(get_engine("local", workers=1), LocalEngine)
    with pytest.raises(InputError, match="unknown engine 'spark'"):
        get_engine("spark")
    with pytest.raises(InputError, match="--address only applies to --engine ray"):
        get_engine("local", address="auto")
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(InputError, match=r"pip install 'aligner\[ray\]'"):
        get_engine("ray")


def test_local_and_ray_engines_give_identical_comparisons(seed_ru, seed_ar, seed_unrelated, tmp_path):
    """The seed pairs (one translation, three unrelated) plus an empty TGT that must fail:
    the same dicts and the same one-line error from both engines."""
    ray = pytest.importorskip("ray")
    from aligner.compare import CompareOptions
    from aligner.engines.jobs import compare_pair
    from aligner.translate import MTOptions

    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    pairs = [(str(seed_ru), str(seed_ar))] + [(str(seed_ru), str(p)) for p in seed_unrelated]
    pairs.append((str(seed_ru), str(empty)))
    job = functools.partial(compare_pair, CompareOptions(mt=MTOptions(mode="off")))

    def collect(engine):
        got = {}
        with engine:
            for o in engine.map(job, pairs):
                got[o.index] = o.value if o.error is None else (type(o.error).__name__, str(o.error))
        return got

    local = collect(get_engine("local", workers=2))
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="error")
    try:
        distributed = collect(get_engine("ray", workers=2))
    finally:
        ray.shutdown()
    assert sorted(local) == list(range(len(pairs)))
    assert distributed == local
    assert [local[i]["summary"]["verdict"] for i in range(4)] == ["translation"] + ["unrelated"] * 3
    kind, message = local[4]
    assert kind == "InputError" and "\n" not in message
