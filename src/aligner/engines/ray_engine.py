"""Run `aligner batch` jobs on Ray: one long-lived actor per worker, results back to the driver.

Why actors and not plain tasks: an actor is a process that lives for the whole batch, so the
translation models `aligner.translate` caches per process are loaded once per worker, not once
per pair. Why results go back to the driver: the driver writes every report with the same
atomic writer as the local engine, so resume, the index and the output directory behave
exactly alike and no worker needs write access to the output directory (only read access to
the inputs, at the same path: see docs/scaling.md).

Ray is optional (`pip install 'aligner[ray]'`) and imported only when this engine starts.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import math
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from aligner.errors import AlignerError, InputError

RAY_MISSING = "--engine ray needs Ray, which is not installed: pip install 'aligner[ray]'"

#: Object store of a Ray instance this engine starts itself. Results are small (a comparison
#: is tens of kB) and consumed at once, so Ray's default of 30 % of RAM is only a cost here.
LOCAL_OBJECT_STORE_BYTES = 512 * 1024 * 1024


def import_ray() -> Any:
    """Ray, or a one-line InputError (exit 2) that says how to install it."""
    try:
        import ray
    except ImportError:
        raise InputError(RAY_MISSING) from None
    return ray


def check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail in seconds, in one line, when nothing listens at HOST:PORT: Ray itself retries
    an unreachable cluster for minutes before it gives up."""
    import socket

    hostport = address.removeprefix("ray://")
    host, sep, port = hostport.rpartition(":")
    if address == "auto" or not sep or not port.isdigit():
        return  # "auto" (Ray reads this node's cluster address) or a form Ray checks itself
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise InputError(
            f"cannot reach the Ray cluster at {address}: {exc.strerror or exc} "
            "(is `ray start --head` running there, and is this its address?)"
        ) from None


def _start_failure(exc: BaseException, address: str | None) -> str:
    """One line for a failed `ray.init`, naming the root cause Ray buries in a chain."""
    chain, cur = [], exc
    while cur is not None and len(chain) < 10:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    text = " ".join(f"{type(e).__name__}: {e}" for e in chain)
    where = f"the Ray cluster at {address}" if address else "a local Ray instance"
    if "AuthenticationError" in text or "InvalidAuthToken" in text:
        return (
            f"cannot connect to {where}: it requires token authentication; set RAY_AUTH_MODE=token "
            "and give its token in RAY_AUTH_TOKEN or ~/.ray/auth_token"
        )
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"cannot start {where}: {first}"


class WorkerDiedError(AlignerError):
    """A worker process died (crash, OOM kill, lost node) while comparing this pair."""


@dataclass(slots=True)
class RayOptions:
    """Where and how wide to run.

    `address`: None starts Ray on this machine; "auto", "HOST:6379" or "ray://HOST:10001"
    connects to a running cluster. `workers`: number of actors; None means one per GPU when
    GPU actors are used, else one per `cpus_per_worker` CPUs of the cluster.
    `gpus_per_worker`: None means 1 when the cluster has GPUs, else 0 (0.5 packs two workers
    on a GPU). `in_flight`: pairs queued per actor so it never idles waiting on the driver.
    `ship_code`: send this driver's `aligner` package to the workers (default: only when
    connecting to a cluster), so every node runs exactly the driver's code.
    """

    address: str | None = None
    workers: int | None = None
    cpus_per_worker: float = 1.0
    gpus_per_worker: float | None = None
    in_flight: int = 2
    ship_code: bool | None = None
    retries: int = 1  # re-run a pair on a fresh worker this many times if its worker died
    env: dict[str, str] = field(default_factory=dict)  # extra environment for the workers


@dataclass(slots=True)
class Outcome:
    """One finished job: its position in the input, the job, and a value or an error."""

    index: int
    item: Any
    value: Any = None
    error: BaseException | None = None


class _PairWorker:
    """The actor body: holds the job function and runs it; its process keeps models warm."""

    def __init__(self, fn: Callable[[Any], Any], warm: Callable[[], Any] | None = None):
        self.fn = fn
        self.broken: BaseException | None = None
        try:
            if warm is not None:
                warm()
        except Exception as exc:  # e.g. a broken install on one node: report it per pair,
            self.broken = exc  # with its real message, instead of a dying actor

    def run(self, item: Any) -> Any:
        if self.broken is not None:
            raise self.broken
        return self.fn(item)


def _warm_imports() -> None:
    """Load the whole pipeline when the actor starts, not inside the first pair's timing."""
    from aligner.compare import warm_up

    warm_up()


def plan_workers(resources: dict[str, float], opts: RayOptions) -> tuple[int, float]:
    """(actors, GPUs per actor) for a cluster with these total resources.

    GPU actors whenever the cluster has a whole GPU (MT is the only GPU-bound stage, and a
    CTranslate2 model on a GPU outruns several CPU workers), one per GPU by default; CPU actors
    otherwise, one per `cpus_per_worker` CPUs. An explicit `workers` wins: on an autoscaling
    cluster, actors that do not fit yet wait for new nodes.
    """
    gpus = float(resources.get("GPU", 0.0))
    gpw = opts.gpus_per_worker if opts.gpus_per_worker is not None else (1.0 if gpus >= 1 else 0.0)
    if opts.workers:
        return opts.workers, gpw
    if gpw > 0:
        return max(1, int(gpus // gpw)), gpw
    return max(1, int(float(resources.get("CPU", 1.0)) // opts.cpus_per_worker)), gpw


class RayEngine:
    """`map(fn, items)` over Ray actors; results arrive as each pair finishes.

    Use as a context manager: it connects (or starts Ray) on enter and, on exit, kills its
    actors and shuts Ray down if it started it. A Ray instance that is already initialised in
    this process (e.g. by a test or a notebook) is reused and left running.
    """

    name = "ray"

    def __init__(self, options: RayOptions | None = None, **overrides: Any):
        self.options = options or RayOptions()
        for key, value in overrides.items():
            setattr(self.options, key, value)
        self.ray: Any = None
        self._owns_ray = False
        self.workers = 0
        self.gpus_per_worker = 0.0

    # -- lifecycle -------------------------------------------------------------------------

    def __enter__(self) -> RayEngine:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        ray = self.ray = import_ray()
        opts = self.options
        if not ray.is_initialized():
            self._init(ray, opts)
            self._owns_ray = True
        self.workers, self.gpus_per_worker = plan_workers(ray.cluster_resources(), opts)

    def _init(self, ray: Any, opts: RayOptions) -> None:
        runtime_env: dict[str, Any] = {}
        ship = opts.ship_code if opts.ship_code is not None else opts.address is not None
        if ship:
            import aligner

            runtime_env["py_modules"] = [os.path.dirname(os.path.abspath(aligner.__file__))]
        common: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.ERROR,
            "runtime_env": runtime_env or None,
        }
        if opts.address:
            check_reachable(opts.address)
        try:
            if opts.address:
                ray.init(address=opts.address, **common)
            else:
                cpus = os.cpu_count() or 1
                if opts.workers:  # room for every requested actor, even on a small machine
                    cpus = max(cpus, math.ceil(opts.workers * opts.cpus_per_worker))
                # "local": a new instance even when `ray start` runs on this machine
                ray.init(address="local", num_cpus=cpus, object_store_memory=LOCAL_OBJECT_STORE_BYTES, **common)
        except (ConnectionError, TimeoutError, RuntimeError, ValueError) as exc:
            raise InputError(_start_failure(exc, opts.address)) from None

    def close(self) -> None:
        if self.ray is not None and self._owns_ray and self.ray.is_initialized():
            self.ray.shutdown()
        self._owns_ray = False

    def fit_options(self, options: Any) -> Any:
        """CompareOptions sized to one actor: MT threads = the CPUs Ray reserved for it.

        Left alone, each CPU translator uses every core of its node, so N actors on an N-core
        node would run N x N MT threads. Results do not depend on the thread count.
        """
        mt = getattr(options, "mt", None)
        if mt is None or mt.threads is not None or self.gpus_per_worker > 0:
            return options
        return dataclasses.replace(options, mt=dataclasses.replace(mt, threads=max(1, int(self.options.cpus_per_worker))))

    # -- work ------------------------------------------------------------------------------

    def _new_actor(self, actor_class: Any, fn: Callable[[Any], Any], warm: Callable[[], Any] | None) -> Any:
        extra: dict[str, Any] = {"runtime_env": {"env_vars": dict(self.options.env)}} if self.options.env else {}
        return actor_class.options(
            num_cpus=self.options.cpus_per_worker, num_gpus=self.gpus_per_worker, **extra
        ).remote(fn, warm)

    def map(
        self,
        fn: Callable[[Any], Any],
        items: Iterable[Any],
        warm: Callable[[], Any] | None = _warm_imports,
    ) -> Iterator[Outcome]:
        """Run `fn(item)` for every item on the actors; yield Outcomes in completion order.

        `fn` must be picklable (a module-level function, or a functools.partial of one). An
        exception raised by `fn` comes back as `Outcome.error` (the original exception, so an
        AlignerError keeps its one-line message); a worker that dies is replaced and its pair
        re-run `retries` times before the pair is reported as failed. `warm` runs once when
        each actor starts (default: import the pipeline).
        """
        if self.ray is None:
            self.start()
        ray = self.ray
        from ray.exceptions import RayActorError, RayTaskError

        actor_class = ray.remote(max_restarts=0)(_PairWorker)
        # Jobs are read lazily (a manifest may hold millions); the first few decide how many
        # actors are worth starting.
        source = ((i, item, 0) for i, item in enumerate(items))
        queue: deque[tuple[int, Any, int]] = deque(itertools.islice(source, self.workers * self.options.in_flight))
        if not queue:
            return
        retry: deque[tuple[int, Any, int]] = deque()  # pairs whose worker died: run alone
        n = min(self.workers, len(queue))
        actors = [self._new_actor(actor_class, fn, warm) for _ in range(n)]
        load = [0] * n
        alone = [False] * n  # running a retried pair with nothing queued behind it
        generation = [0] * n  # bumped when an actor is replaced; its stale refs then do not count
        pending: dict[Any, tuple[int, int, int, Any, int]] = {}  # ref -> (actor, gen, index, item, attempt)
        deaths_in_a_row = 0  # deaths since the last finished pair: a broken cluster, not a bad pair

        def submit(a: int, job: tuple[int, Any, int]) -> None:
            index, item, attempt = job
            pending[actors[a].run.remote(item)] = (a, generation[a], index, item, attempt)
            load[a] += 1

        def fill() -> None:
            for a in range(n):
                if alone[a]:
                    continue
                if retry and load[a] == 0:
                    submit(a, retry.popleft())
                    alone[a] = True
                    continue
                while load[a] < self.options.in_flight:
                    job = queue.popleft() if queue else next(source, None)
                    if job is None:
                        break
                    submit(a, job)

        try:
            fill()
            while pending:
                done, _ = ray.wait(list(pending), num_returns=1)
                for ref in done:
                    a, gen, index, item, attempt = pending.pop(ref)
                    current = gen == generation[a]
                    if current:
                        load[a] -= 1
                        alone[a] = alone[a] and load[a] > 0
                    try:
                        value = ray.get(ref)
                    except RayTaskError as exc:  # fn raised: hand back the original exception
                        deaths_in_a_row = 0
                        cause = getattr(exc, "cause", None)
                        yield Outcome(index, item, error=cause if isinstance(cause, BaseException) else exc)
                        continue
                    except RayActorError as exc:
                        if attempt < self.options.retries:
                            retry.append((index, item, attempt + 1))
                        else:
                            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                            yield Outcome(index, item, error=WorkerDiedError(
                                f"the worker died while comparing this pair ({attempt + 1} tries): {reason}"[:300]
                            ))
                        if not current:  # this actor was already replaced
                            continue
                        deaths_in_a_row += 1
                        if deaths_in_a_row > 2 * n + 2:
                            raise InputError("Ray workers keep dying; giving up (see the Ray logs)") from None
                        # Replace the dead actor; its other queued pairs fail the same way and
                        # come back here as stale refs, to be retried alone.
                        ray.kill(actors[a], no_restart=True)
                        actors[a] = self._new_actor(actor_class, fn, warm)
                        generation[a] += 1
                        load[a], alone[a] = 0, False
                        continue
                    deaths_in_a_row = 0
                    yield Outcome(index, item, value)
                fill()
        finally:
            for actor in actors:  # killing the actor also drops its queued pairs
                ray.kill(actor, no_restart=True)
