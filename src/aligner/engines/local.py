"""The local engine with the Ray engine's interface: `map(fn, items) -> Outcome`s, so a batch
driver swaps one for the other and nothing else changes (see `aligner.engines.get_engine`).

A process pool, because the pipeline is pure Python and CPU-bound; workers are forked from
the driver, so they start with the pipeline already imported. At most `in_flight` pairs per
worker are submitted at a time, so a manifest of millions of pairs never sits in memory as
futures.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from aligner.engines.ray_engine import Outcome, WorkerDiedError

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the driver dies, even by SIGKILL.

    An orphaned worker would keep comparing pairs nobody will write, and hold whatever the
    driver held. On Linux the kernel sends SIGKILL on the parent's death (prctl
    PR_SET_PDEATHSIG); elsewhere a daemon thread watches for the parent to go."""
    import signal
    import sys
    import threading
    import time

    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            armed = ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the driver died before the signal was armed
        os._exit(1)
    if armed:
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="aligner-parent-watch", daemon=True).start()


class LocalEngine:
    """`map(fn, items)` over a local process pool; Outcomes in completion order."""

    name = "local"

    def __init__(self, workers: int | None = None, in_flight: int = 2):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.in_flight = in_flight

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def start(self) -> None:  # nothing to start: the pool lives for one map
        pass

    def close(self) -> None:
        pass

    def fit_options(self, options: Any) -> Any:
        return options

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, initializer=die_with_parent, initargs=(os.getpid(),))

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], warm: Any = None) -> Iterator[Outcome]:
        """Run `fn(item)` for every item; an exception comes back as `Outcome.error`.

        `warm` runs once here before the workers fork, so they inherit what it loaded (the
        pipeline and its word lists) instead of each loading it for its first item; a
        failing `warm` is ignored (each item then reports its own error).

        A worker that dies breaks the whole pool: the pairs in flight are re-run one at a
        time in a fresh pool, so only the pair that kills a worker twice is reported failed
        (the same rule as the Ray engine)."""
        if warm is not None:
            try:
                warm()
            except Exception:  # noqa: BLE001 - the items will say what is wrong
                pass
        gc.freeze()  # what the workers inherit is never walked by their collector again
        todo = iter(enumerate(items))
        retry: list[tuple[int, Any]] = []  # innocent bystanders and suspects, run alone
        tried: set[int] = set()  # indices already re-run once
        pool = self._pool()
        running: dict[Future[Any], tuple[int, Any]] = {}

        def refill() -> None:
            if retry:  # a suspect runs alone, so a second death is its own
                if not running:
                    index, item = retry.pop(0)
                    tried.add(index)
                    running[pool.submit(fn, item)] = (index, item)
                return
            while len(running) < self.workers * self.in_flight:
                nxt = next(todo, None)
                if nxt is None:
                    return
                running[pool.submit(fn, nxt[1])] = nxt

        try:
            refill()
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                broken = False
                for fut in done:
                    index, item = running.pop(fut)
                    try:
                        value = fut.result()
                    except BrokenProcessPool:
                        broken = True
                        if index in tried:
                            yield Outcome(index, item, error=WorkerDiedError(
                                "the worker died while comparing this pair (2 tries)"))
                        else:
                            retry.append((index, item))
                        continue
                    except Exception as exc:  # noqa: BLE001 - the pair's own failure
                        yield Outcome(index, item, error=exc)
                        continue
                    yield Outcome(index, item, value)
                if broken:  # the pool is unusable: queue what it was running, renew it
                    retry.extend(job for job in running.values() if job[0] not in tried)
                    for index, item in [job for job in running.values() if job[0] in tried]:
                        yield Outcome(index, item, error=WorkerDiedError(
                            "the worker died while comparing this pair (2 tries)"))
                    running.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._pool()
                refill()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
