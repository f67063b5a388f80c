"""Batch workers start warm: what the driver's `warm` loaded is there in every worker."""

from __future__ import annotations

import os

from aligner.engines.local import LocalEngine

_LOADED: dict[str, int] = {}


def _warm() -> None:
    _LOADED["by"] = os.getpid()


def _seen(_: int) -> tuple[int | None, int]:
    return _LOADED.get("by"), os.getpid()


def _broken_warm() -> None:
    raise RuntimeError("a broken install")


def test_workers_inherit_what_warm_loaded_in_the_driver():
    _LOADED.clear()
    outs = list(LocalEngine(workers=2).map(_seen, range(6), warm=_warm))
    assert len(outs) == 6 and all(o.error is None for o in outs)
    assert {o.value[0] for o in outs} == {os.getpid()}  # loaded once, here, before the fork
    assert all(o.value[1] != os.getpid() for o in outs)  # and the work ran in the workers


def test_a_failing_warm_leaves_the_items_to_report_for_themselves():
    outs = list(LocalEngine(workers=1).map(abs, [-1, -2], warm=_broken_warm))
    assert sorted(o.value for o in outs) == [1, 2]


def test_warm_up_loads_the_pipeline():
    import subprocess
    import sys

    code = ("import sys; from aligner.compare import warm_up; warm_up(); "
            "print(all(m in sys.modules for m in ('aligner.align', 'aligner.diverge', 'aligner.entities', 'aligner.gazetteer')))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "True"
