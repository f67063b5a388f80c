"""The Ray engine's actor pool, on a real local Ray instance (2 CPUs, started once per module).

What a batch relies on: every job comes back exactly once, errors come back as the original
exception, a worker that dies is replaced and only the pair that killed it fails, each worker
is one long-lived process (so models load once per worker), and a missing Ray is one line.
"""

from __future__ import annotations

import operator
import os
import sys

import pytest

from aligner.errors import InputError, ModelError

ray = pytest.importorskip("ray")

from aligner.engines.ray_engine import (  # noqa: E402
    RAY_MISSING,
    Outcome,
    RayEngine,
    RayOptions,
    WorkerDiedError,
    _start_failure,
    check_reachable,
    import_ray,
    plan_workers,
)

# Functions defined here run inside Ray workers, which cannot import this test module by
# name: ship them by value.
ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def engine():
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="error")
    try:
        eng = RayEngine(workers=2)
        eng.start()
        yield eng
        eng.close()
        assert ray.is_initialized(), "an engine must not shut down a Ray it did not start"
    finally:
        ray.shutdown()


def _pid(_item):
    return os.getpid()


def _die_on_three(item):
    if item == 3:
        os._exit(1)
    return item * 10


def _model_error(item):
    if item == "bad":
        raise ModelError("model for ar-en is corrupt: reinstall it")
    return item.upper()


def _broken_install():
    raise ImportError("No module named 'aligner.align'")


def test_every_job_comes_back_once_with_its_value(engine):
    outs = list(engine.map(operator.neg, range(25), warm=None))
    assert sorted(o.index for o in outs) == list(range(25))
    assert all(isinstance(o, Outcome) and o.error is None and o.value == -o.item for o in outs)


def test_jobs_are_read_lazily(engine):
    """A generator is consumed as workers free up, not all at once before the first result."""
    drawn = []

    def jobs():
        for i in range(12):
            drawn.append(i)
            yield i

    it = engine.map(operator.neg, jobs(), warm=None)
    first = next(it)
    assert first.error is None and len(drawn) < 12  # at most workers x in_flight (+1) drawn so far
    assert sorted([first.index] + [o.index for o in it]) == list(range(12))


def test_empty_input_starts_nothing(engine):
    assert list(engine.map(operator.neg, [], warm=None)) == []


def test_errors_come_back_as_the_original_exception(engine):
    outs = {o.item: o for o in engine.map(_model_error, ["ok", "bad", "fine"], warm=None)}
    assert outs["ok"].value == "OK" and outs["fine"].value == "FINE"
    err = outs["bad"].error
    assert isinstance(err, ModelError) and err.exit_code == 3
    assert str(err) == "model for ar-en is corrupt: reinstall it"


def test_workers_are_long_lived_processes(engine):
    """Models are cached per process, so one process per worker means one load per worker."""
    pids = {o.value for o in engine.map(_pid, range(40), warm=None)}
    assert 1 <= len(pids) <= engine.workers == 2
    assert os.getpid() not in pids


def test_a_dying_worker_fails_only_its_own_pair(engine):
    outs = {o.item: o for o in engine.map(_die_on_three, range(10), warm=None)}
    assert sorted(outs) == list(range(10))
    for item, out in outs.items():
        if item == 3:
            assert isinstance(out.error, WorkerDiedError)
            assert "worker died" in str(out.error) and "\n" not in str(out.error)
        else:
            assert out.error is None and out.value == item * 10, (item, out.error)


def test_a_broken_worker_install_is_reported_per_pair(engine):
    outs = list(engine.map(operator.neg, range(3), warm=_broken_install))
    assert len(outs) == 3
    assert all(isinstance(o.error, ImportError) and "aligner.align" in str(o.error) for o in outs)


def test_cpu_actors_without_gpus(engine):
    assert engine.gpus_per_worker == 0.0  # this machine has no GPU: CPU actors


@pytest.mark.parametrize(
    ("resources", "options", "expected"),
    [
        ({"CPU": 2.0}, RayOptions(), (2, 0.0)),  # this machine: one CPU actor per core
        ({"CPU": 64.0, "GPU": 4.0}, RayOptions(), (4, 1.0)),  # GPU cluster: one actor per GPU
        ({"CPU": 64.0, "GPU": 4.0}, RayOptions(gpus_per_worker=0.5), (8, 0.5)),  # two per GPU
        ({"CPU": 64.0, "GPU": 4.0}, RayOptions(gpus_per_worker=0), (64, 0)),  # MT off: use the CPUs
        ({"CPU": 16.0}, RayOptions(cpus_per_worker=4), (4, 0.0)),  # 4 MT threads per actor
        ({"CPU": 16.0, "GPU": 0.5}, RayOptions(), (16, 0.0)),  # no whole GPU: CPU actors
        ({"CPU": 2.0}, RayOptions(workers=5), (5, 0.0)),  # explicit wins (autoscaler adds nodes)
    ],
)
def test_worker_plan(resources, options, expected):
    assert plan_workers(resources, options) == expected


def test_missing_ray_is_one_line_with_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError
    with pytest.raises(InputError) as info:
        import_ray()
    assert str(info.value) == RAY_MISSING
    assert "pip install 'aligner[ray]'" in str(info.value) and info.value.exit_code == 2


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("scheme", ["", "ray://"])
def test_an_unreachable_cluster_fails_fast_in_one_line(scheme):
    """Ray itself retries a dead address for minutes; the user gets one line at once."""
    import time

    address = f"{scheme}127.0.0.1:{_free_port()}"
    t0 = time.monotonic()
    with pytest.raises(InputError) as info:
        check_reachable(address)  # what RayEngine.start() runs before ray.init(address=...)
    assert time.monotonic() - t0 < 10
    msg = str(info.value)
    assert msg.startswith(f"cannot reach the Ray cluster at {address}") and "\n" not in msg


def test_auto_and_unparsable_addresses_are_left_to_ray():
    check_reachable("auto")  # no exception: Ray resolves these itself
    check_reachable("head-node")


def test_a_token_protected_cluster_says_what_to_set():
    try:
        try:
            raise RuntimeError("InvalidAuthToken: Authentication token is missing or incorrect")
        except RuntimeError as inner:
            raise ConnectionError("Failed to connect to Ray cluster at 10.0.0.5:6379") from inner
    except ConnectionError as exc:
        msg = _start_failure(exc, "10.0.0.5:6379")
    assert "RAY_AUTH_MODE=token" in msg and "10.0.0.5:6379" in msg and "\n" not in msg


def test_seed_comparisons_on_ray_equal_the_in_process_ones(engine, seed_ru, seed_ar, seed_unrelated):
    """The related seed pair and the three unrelated pairings: same dicts, same verdicts."""
    import functools

    from aligner.compare import CompareOptions
    from aligner.engines.jobs import compare_pair
    from aligner.translate import MTOptions

    pairs = [(str(seed_ru), str(seed_ar))] + [(str(seed_ru), str(p)) for p in seed_unrelated]
    job = functools.partial(compare_pair, CompareOptions(mt=MTOptions(mode="off")))
    here = [job(pair) for pair in pairs]
    there = [None] * len(pairs)
    for outcome in engine.map(job, pairs):
        assert outcome.error is None, outcome.error
        there[outcome.index] = outcome.value
    assert there == here
    verdicts = [r["summary"]["verdict"] for r in there]
    assert verdicts[0] == "translation" and verdicts[1:] == ["unrelated"] * 3


def test_options_fit_one_actor(engine):
    """CPU actors: MT threads = CPUs reserved per actor, unless the user chose a number."""
    from aligner.compare import CompareOptions
    from aligner.translate import MTOptions

    assert engine.fit_options(CompareOptions()).mt.threads == 1
    assert engine.fit_options(CompareOptions(mt=MTOptions(threads=3))).mt.threads == 3
    wide = RayEngine(workers=1, cpus_per_worker=4)
    wide.gpus_per_worker = 0.0
    assert wide.fit_options(CompareOptions()).mt.threads == 4
    gpu = RayEngine(workers=1)
    gpu.gpus_per_worker = 1.0
    assert gpu.fit_options(CompareOptions()).mt.threads is None  # GPU MT: threads unused


def _env(name):
    return os.environ.get(name)


def test_extra_environment_reaches_the_workers(engine):
    eng = RayEngine(workers=1, env={"ALIGNER_CACHE_DIR": "/shared/cache"})
    eng.start()  # reuses the module's Ray
    assert [o.value for o in eng.map(_env, ["ALIGNER_CACHE_DIR"], warm=None)] == ["/shared/cache"]
