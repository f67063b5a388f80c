"""JSON: the versioned `aligner.comparison/2` record, exactly `Comparison.to_dict()`.

The schema is `src/aligner/schemas/comparison-2.json` (JSON Schema 2020-12). Article text is
written as UTF-8 (not \\u escapes) so the file stays readable and diffable.
"""

from __future__ import annotations

import json

from aligner.types import Comparison


def render(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(include_text=True), ensure_ascii=False, indent=2) + "\n"
