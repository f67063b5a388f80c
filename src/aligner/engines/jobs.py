"""Job functions any engine can run: picklable by reference, no state but the per-process
model cache, results as plain data (cheap to send back to a driver)."""

from __future__ import annotations

from typing import Any


def compare_pair(options: Any, pair: tuple[str, str]) -> dict[str, Any]:
    """`compare_files` on one (SRC, TGT) pair, as the JSON-ready dict every report starts from."""
    from aligner.compare import compare_files

    src, tgt = pair
    return compare_files(src, tgt, options).to_dict()
