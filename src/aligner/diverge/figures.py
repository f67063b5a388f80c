"""`number` and `date` flags: a figure, year, month or day on one side only, or different.

Values are compared by language-neutral keys (`year:2025` matches `2025 года` and
`عام 2025`; `month:10` matches октябре and أكتوبر). Only figures written in digits are
flagged: numbers written as words parse less reliably, and a small number that is merely
absent is usually a word or an ordinal on the other side.
"""

from __future__ import annotations

from aligner.diverge.evidence import _NUMERIC_KINDS, _Side, _espan, _value_keys
from aligner.entities import Entity
from aligner.types import Bead, Flag


def _values(e: Entity, other_has_days: bool) -> set[str]:
    vals = set(_value_keys(e))
    return vals if other_has_days else {v for v in vals if not v.startswith("d:")}


def _is_word_number(e: Entity) -> bool:
    """Numbers written as words ('двух', 'ثماني عشرة') parse less reliably than digits."""
    return not any(ch.isdigit() for ch in e.surface)


def _same_figure(a: Entity, b: Entity) -> bool:
    """Loose equality for what the exact keys miss: the same digits with another separator
    (2207 / 2,207) or a multiplier written once for a range (340 / 340 million)."""
    va, vb = a.key.partition(":")[2], b.key.partition(":")[2]
    try:
        x, y = float(va), float(vb)
    except ValueError:
        return False
    if x == 0 or y == 0:
        return x == y
    ratio = max(x, y) / min(x, y)
    if any(abs(ratio - 10.0**k) < 1e-6 * 10.0**k for k in (3, 6, 9)):
        return True
    da = "".join(ch for ch in a.surface if ch.isdigit())
    db = "".join(ch for ch in b.surface if ch.isdigit())
    return bool(da) and da == db


def _numeric_flags(bead: Bead, s: _Side, t: _Side, near_src: tuple[int, ...], near_tgt: tuple[int, ...]) -> list[Flag]:
    """`number` / `date` flags: a figure, year, month or day present on one side only, or
    different. Only figures written in digits are flagged; a number written as a word on
    the other side, or a small number (<= 10, often written as a word or an ordinal) that
    is merely absent, is not evidence enough."""
    kinds = set(_NUMERIC_KINDS)
    se, te = s.entities(bead.src, kinds), t.entities(bead.tgt, kinds)
    if not se and not te:
        return []
    s_vals = {v for e in se for v in _value_keys(e)}
    t_vals = {v for e in te for v in _value_keys(e)}
    s_near = {v for e in t.entities(near_tgt, kinds) for v in _value_keys(e)}  # moved into a neighbour?
    t_near = {v for e in s.entities(near_src, kinds) for v in _value_keys(e)}
    # a day of the month counts only where both sides give one ('7 октября' vs 'السابع من
    # أكتوبر', the seventh of October, written in words)
    s_days = any(v.startswith("d:") for v in s_vals)
    t_days = any(v.startswith("d:") for v in t_vals)
    s_only = [e for e in se if not _values(e, t_days) <= (t_vals | s_near)]
    t_only = [e for e in te if not _values(e, s_days) <= (s_vals | t_near)]
    # loose matches (separators, multipliers) between what is left
    for a in list(s_only):
        b = next((b for b in t_only if _NUMERIC_KINDS[b.kind] == _NUMERIC_KINDS[a.kind] and _same_figure(a, b)), None)
        if b is not None:
            s_only.remove(a)
            t_only.remove(b)
    flags: list[Flag] = []
    for group in ("number", "date"):
        a = [e for e in s_only if _NUMERIC_KINDS[e.kind] == group]
        b = [e for e in t_only if _NUMERIC_KINDS[e.kind] == group]
        if group == "number":
            if any(_is_word_number(e) for e in a + b):
                continue  # a figure in words on either side: its value is not reliable
            if not (a and b):  # absent, not changed: only figures too big to be written as words
                a = [e for e in a if not _small(e)]
                b = [e for e in b if not _small(e)]
        for k in range(max(len(a), len(b))):
            ea = a[k] if k < len(a) else None
            eb = b[k] if k < len(b) else None
            what = "figure" if group == "number" else _date_word(ea or eb)
            if ea and eb:
                detail = f"{what} differs: SRC '{ea.surface}' vs TGT '{eb.surface}'"
            elif ea:
                detail = f"{what} '{ea.surface}' in SRC is missing from TGT"
            else:
                detail = f"{what} '{eb.surface}' in TGT is not in SRC"
            flags.append(Flag(group, detail, _espan(ea), _espan(eb)))
    return flags


def _small(e: Entity) -> bool:
    try:
        v = float(e.key.partition(":")[2])
    except ValueError:
        return False
    return e.kind == "number" and v == int(v) and abs(v) <= 10


def _date_word(e: Entity | None) -> str:
    return {"year": "year", "month": "month", "date": "date"}.get(e.kind if e else "", "date")
