"""Normalisation for *matching only*: the text shown to the user is never altered.

Every function here maps a string to a comparison key. `fold()` keeps the length of its
input (one output character per input character, with removed characters replaced by
nothing only in `match_key`), so callers that need offsets should search the original text
and use these keys to compare, not to slice.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

# Arabic-Indic (U+0660..0669) and Extended Arabic-Indic / Persian (U+06F0..06F9) digits.
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_DIGITS.update({0x066B: ".", 0x066C: ",", 0x060C: ","})  # Arabic decimal/thousands sep, comma

# Typographic quotes and dashes to plain ASCII.
_PUNCT = {
    **{ord(c): '"' for c in "«»“”„‟″❝❞〝〞＂"},
    **{ord(c): "'" for c in "‘’‚‛′❛❜"},
    **{ord(c): "-" for c in "‐‑‒–—―−﹘﹣－"},
    0x2026: "...",
    0x00A0: " ",
    0x202F: " ",
    0x2009: " ",
}

# Tatweel, Arabic diacritics (harakat, shadda, sukun, superscript alef, Quranic marks).
_ARABIC_MARKS = regex.compile(r"[\u0640\u064B-\u065F\u0670\u06D6-\u06ED]")
# Bidi controls and zero-width characters that only affect display.
_INVISIBLE = regex.compile(r"[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u061C]")
_HAS_ARABIC = regex.compile(r"\p{Arabic}")

# Letter variants that writers use interchangeably in Arabic names and words.
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "گ": "ك",
        "ک": "ك",
        "ی": "ي",
    }
)


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII (٢٠٢٥ -> 2025); length-preserving."""
    return text.translate(_DIGITS)


def normalize_punct(text: str) -> str:
    """Typographic quotes and dashes to ASCII; not length-preserving for the ellipsis."""
    return text.translate(_PUNCT)


def strip_arabic_marks(text: str) -> str:
    """Remove tatweel and diacritics, which vary freely between writers."""
    return _ARABIC_MARKS.sub("", text)


@lru_cache(maxsize=64)
def _unify_letters(lang: str | None) -> bool:
    """Are the Arabic letter variants unified for `lang` (`Language.letter_variants`)? Always
    without a language; a language that writes ی ک as letters of its own (Persian) keeps them."""
    if lang is None:
        return True
    from aligner import lang as languages

    return languages.known(lang) and languages.get(lang).letter_variants


def match_key(text: str, lang: str | None = None) -> str:
    """A comparison key: NFKC (undoes Arabic presentation forms, full-width forms),
    invisible controls removed, digits and punctuation to ASCII, Arabic marks removed and
    letter variants unified, Cyrillic ё -> е, case folded, whitespace collapsed."""
    t = unicodedata.normalize("NFKC", text)
    t = _INVISIBLE.sub("", t)
    t = normalize_punct(normalize_digits(t))
    if _unify_letters(lang) and _HAS_ARABIC.search(t):
        t = strip_arabic_marks(t).translate(_ARABIC_LETTERS)
    t = t.replace("ё", "е").replace("Ё", "Е")
    t = t.casefold()
    return " ".join(t.split())


def fold_char(ch: str) -> str:
    """Per-character fold used by matchers that must keep offsets: returns '' for
    characters to ignore (diacritics, tatweel, invisibles) and a short key otherwise."""
    if _ARABIC_MARKS.fullmatch(ch) or _INVISIBLE.fullmatch(ch):
        return ""
    return match_key(ch) or (" " if ch.isspace() else "")
