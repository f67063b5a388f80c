"""TSV: one row per pair, for spreadsheets.

Fields that contain a tab, newline or double quote are quoted the way Excel, LibreOffice and
Python's `csv` read them back (RFC 4180 quoting with a tab delimiter). Cells that a
spreadsheet would run as a formula (starting with = + - @) get a leading apostrophe, so a
hostile article cannot inject formulas. `write()` adds a UTF-8 BOM so Excel shows Arabic and
Cyrillic correctly.
"""

from __future__ import annotations

import csv
import io

from aligner.report.common import flag_kinds, flag_text, ids_label, pair_number, shown_flags
from aligner.types import Comparison

COLUMNS = (
    "pair",
    "section",
    "bead",
    "src_ids",
    "tgt_ids",
    "src_text",
    "tgt_text",
    "src_pivot",
    "tgt_pivot",
    "similarity",
    "divergence",
    "severity",
    "flags",
    "flag_details",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A spreadsheet-safe cell: text that would start a formula is defused."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render(comparison: Comparison) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for n, p in enumerate(comparison.pairs):
        writer.writerow(
            [
                pair_number(n),
                p.section,
                p.kind,
                ids_label(p.src),
                ids_label(p.tgt),
                cell(p.src_text),
                cell(p.tgt_text),
                cell(p.src_pivot),
                cell(p.tgt_pivot),
                f"{p.similarity:.4f}",
                f"{p.divergence:.4f}",
                flags[0][1].severity if (flags := shown_flags(p, notes=True)) else "",
                ",".join(flag_kinds(p)),
                cell(" | ".join(f"{f.severity} {flag_text(f)}" for _, f in flags)),
            ]
        )
    return buf.getvalue()
