"""JSON: the versioned `aligner.comparison/2` record, exactly `Comparison.to_dict()`.

The schema is `src/aligner/schemas/comparison-2.json` (JSON Schema 2020-12). Article text is
written as UTF-8 (not \\u escapes) so the file stays readable and diffable.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from aligner.types import Comparison


def render(comparison: Comparison) -> str:
    return "".join(chunks(comparison))


def chunks(comparison: Comparison, batch: int = 8192) -> Iterator[str]:
    """`render`'s text in pieces, for writing a large report without holding it whole (the
    text of a 20 MB comparison is several times the size of its records)."""
    pending: list[str] = []
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(comparison.to_dict(include_text=True)):
        pending.append(piece)
        if len(pending) >= batch:
            yield "".join(pending)
            pending.clear()
    pending.append("\n")
    yield "".join(pending)
