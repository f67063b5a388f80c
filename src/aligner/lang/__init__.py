"""Languages as data: one module per language, and the registry that finds them.

Each `aligner.lang.<code>` module holds plain word lists and ends with a `LANGUAGE`
(`aligner.lang.base.Language`). Stages ask `get(code)` and read fields; adding a language is
one new module listed in `CODES` (see README, "Adding a language").

`table(code)` is the older entry point of the diverge checks: the module itself, for its
`REPORTING`, `PRONOUNS` and `UNITS` lists, or None when the language has none.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from types import ModuleType

from aligner.lang.base import NO_RULES, Language, OpusModel, Rules, Script

__all__ = [
    "CODES", "LANGS", "PIVOT", "SOURCE_ORDER", "Language", "OpusModel", "Rules", "Script", "by_script", "get",
    "known", "name_of", "of_script", "rules", "table",
]

#: Every supported language, in the order messages list them.
CODES: tuple[str, ...] = ("ar", "ru", "en", "uk", "fa", "fr", "es", "de", "tr")
LANGS = CODES  # older name
#: The pivot language: MT translates into it, and CLDR city keys are its names. Also the
#: language read everywhere (a word English text writes too is international).
PIVOT = "en"
#: Which version of an article is the original when nothing says so (batch directories):
#: wire copy in this project is a Russian (or English) original re-published in Arabic.
SOURCE_ORDER: tuple[str, ...] = ("ru", "en", "ar")
#: The language of aligner's own messages and report notes (a TMX header's adminlang).
MESSAGES = "en"


@lru_cache(maxsize=None)
def _module(code: str) -> ModuleType:
    return import_module(f"aligner.lang.{code}")


def known(code: str | None) -> bool:
    return code in CODES


def get(code: str) -> Language:
    """The `Language` of a supported code; KeyError for any other (check `known` first)."""
    if code not in CODES:
        raise KeyError(code)
    return _module(code).LANGUAGE


def languages() -> tuple[Language, ...]:
    return tuple(get(c) for c in CODES)


def by_script(script: str) -> tuple[Language, ...]:
    """Supported languages written in `script` ("Latin", "Cyrillic", "Arabic")."""
    return tuple(lang for lang in languages() if lang.script == script)


def rules_of(code: str) -> str:
    """The code whose extraction rules apply to `code` (itself for ar, ru, en). Older entry
    point: stages read `rules(code)` and `get(code)` fields rather than compare codes."""
    return get(code).rules if code in CODES else code


@lru_cache(maxsize=64)
def rules(code: str | None) -> Rules:
    """The extraction `Rules` of `code`: its own, else those of the language named in its
    `rules`; `NO_RULES` for a code aligner does not know."""
    if code not in CODES:
        return NO_RULES
    language = get(code)
    return language.extraction or get(language.rules).extraction or NO_RULES


@lru_cache(maxsize=64)
def script(code: str | None) -> Script | None:
    """The script of a supported language, None for any other code."""
    return get(code).script if code in CODES else None


@lru_cache(maxsize=8)
def of_script(script: str) -> Language:
    """The language whose tables a text of `script` falls back to when its own language is
    unknown: the first listed in `CODES` (Arabic, Russian, English). KeyError: none."""
    for language in languages():
        if language.script == script:
            return language
    raise KeyError(script)


@lru_cache(maxsize=256)
def name_of(code: str) -> str:
    """English name of any language code: ours first, then CLDR's (Italian for it)."""
    if code in CODES:
        return get(code).name
    try:
        from babel import Locale

        return Locale.parse("en").languages.get(code) or code
    except Exception:  # noqa: BLE001 - an odd code: say the code itself
        return code


def table(code: str) -> ModuleType | None:
    if code not in CODES:
        return None
    mod = _module(code)
    return mod if getattr(mod, "REPORTING", None) and getattr(mod, "UNITS", None) else None
