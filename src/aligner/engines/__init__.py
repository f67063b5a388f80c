"""Distributed engines for `aligner batch`: the same jobs, run somewhere other than a local
process pool. Each engine is imported lazily so its (optional) dependency is only needed when
the user asks for it; see `aligner.engines.ray_engine` and docs/scaling.md.
"""
