"""Stage 2: which language is this? Script-based, which is exact enough for ar / ru / en.

The three supported languages use three different scripts, so counting letters per script
decides them; a few letters that only neighbouring languages use (Persian پ چ ژ گ, Ukrainian
і ї є ґ) keep us from silently treating those as Arabic or Russian.
"""

from __future__ import annotations

import regex

from aligner.errors import InputError

SUPPORTED = ("ar", "ru", "en")
LANG_NAMES = {"ar": "Arabic", "ru": "Russian", "en": "English", "fa": "Persian", "uk": "Ukrainian"}

_SCRIPTS = {
    "ar": regex.compile(r"\p{Script=Arabic}"),
    "ru": regex.compile(r"\p{Script=Cyrillic}"),
    "en": regex.compile(r"\p{Script=Latin}"),
}
_PERSIAN = regex.compile(r"[پچژگی]")
_UKRAINIAN = regex.compile(r"[іїєґІЇЄҐ]")


def script_counts(text: str) -> dict[str, int]:
    """Letters per supported language's script."""
    sample = text[:200_000]
    return {lang: len(rx.findall(sample)) for lang, rx in _SCRIPTS.items()}


def detect(text: str) -> str:
    """Return "ar", "ru" or "en" by majority script, or a neighbour code ("fa", "uk") when
    its distinctive letters are frequent; raise InputError when no letters are found."""
    counts = script_counts(text)
    lang = max(counts, key=counts.get)
    total = counts[lang]
    if total == 0:
        raise InputError("cannot identify the language: no Arabic, Cyrillic or Latin letters")
    sample = text[:200_000]
    if lang == "ar" and len(_PERSIAN.findall(sample)) > 0.01 * total:
        return "fa"
    if lang == "ru" and len(_UKRAINIAN.findall(sample)) > 0.01 * total:
        return "uk"
    return lang


#: A language given by the user must be written in its script: below this share of the
#: text's letters, the option names the wrong file or language (every rule is per script).
MIN_SCRIPT_SHARE = 0.2


def resolve(text: str, lang: str, name: str = "<input>") -> str:
    """Apply a user's --lang (auto or a code); refuse languages aligner has no rules for,
    and a given language whose script the text hardly uses."""
    given = lang not in (None, "", "auto")
    code = lang.lower() if given else detect(text)
    if given and code in SUPPORTED:
        counts = script_counts(text)
        total = sum(counts.values())
        if total and counts[code] < MIN_SCRIPT_SHARE * total:
            seen = max(counts, key=counts.get)
            raise InputError(
                f"{name}: given as {LANG_NAMES[code]} ({code}), but the text is in the script of "
                f"{LANG_NAMES[seen]} ({seen}); check which file and language you gave"
            )
    if code not in SUPPORTED:
        label = LANG_NAMES.get(code, code)
        raise InputError(
            f"{name}: {label} ({code}) is not supported; supported: {', '.join(SUPPORTED)} "
            "(use --src-lang/--tgt-lang to override detection)"
        )
    return code
