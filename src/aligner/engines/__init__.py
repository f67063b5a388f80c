"""Engines for `aligner batch`: where the pairs run. Both have one interface,

    with get_engine("local" | "ray", workers=N, address=None) as engine:
        for outcome in engine.map(job_function, jobs):   # completion order
            outcome.index, outcome.item, outcome.value, outcome.error

so a batch driver keeps its inputs, outputs, resume and index logic in one place and only
picks the engine. Ray is optional and imported only when the Ray engine starts; see
`aligner.engines.ray_engine` and docs/scaling.md.
"""

from __future__ import annotations

from typing import Any

ENGINES: tuple[str, ...] = ("local", "ray")


def get_engine(name: str, workers: int | None = None, address: str | None = None, **options: Any) -> Any:
    """A LocalEngine or a RayEngine (not yet started: use it as a context manager)."""
    from aligner.errors import InputError

    if name == "local":
        if address:
            raise InputError("--address only applies to --engine ray")
        from aligner.engines.local import LocalEngine

        return LocalEngine(workers=workers, **options)
    if name == "ray":
        from aligner.engines.ray_engine import RayEngine, import_ray

        import_ray()  # a missing Ray is reported before any work starts
        return RayEngine(workers=workers, address=address, **options)
    raise InputError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")
