"""Per-language word lists as plain data: reporting verbs, source nouns, pronouns, units.

One module per language (`ru`, `ar`, `en`), each defining the same names; `table(lang)`
returns the module or None. Divergence scoring reads them (`diverge.attribution`,
`diverge.figures`); nothing here runs code beyond building the tables.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

LANGS = ("ru", "ar", "en")


def table(lang: str) -> ModuleType | None:
    return import_module(f"aligner.lang.{lang}") if lang in LANGS else None
