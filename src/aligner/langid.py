"""Stage 2: which language is this? The script first, then the letters, then py3langid.

1. Count letters per script (Arabic, Cyrillic, Latin): the majority script narrows the
   candidates to the supported languages written in it (`aligner.lang.by_script`).
2. Fast path: when exactly one of them has an alphabet that covers the text's letters of that
   script and its distinctive letters (`Language.marks`: ы э for Russian, і ї є ґ for
   Ukrainian, پ چ ژ گ ک ی for Persian) are used, it is that language. Russian and Arabic
   news never loads a model.
3. Otherwise py3langid (a naive Bayes identifier over 97 languages whose model ships in its
   wheel) ranks every language it knows. A supported language on top wins; an unsupported one
   on top (Italian, Bulgarian, Urdu) is believed when the text is long enough and the guess
   sure enough, so that `resolve` refuses it by name; else the best supported language of
   the script is taken (a short headline is often misread).

Measured by `scripts/langid_eval.py` on ntrex128-dev.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import regex

from aligner import lang as languages
from aligner.errors import InputError, Notice

SUPPORTED: tuple[str, ...] = languages.CODES


class _Names(dict):
    """LANG_NAMES[code]: the English name of any code (ours, then CLDR's)."""

    def __missing__(self, code: str) -> str:
        return languages.name_of(code)

    def get(self, code, default=None):  # type: ignore[override]
        name = languages.name_of(code) if isinstance(code, str) else None
        return name if name and name != code else (default if default is not None else name)


LANG_NAMES = _Names()

SCRIPTS = ("Arabic", "Cyrillic", "Latin")
_SCRIPT_RE = {s: regex.compile(rf"\p{{Script={s}}}") for s in SCRIPTS}
_LETTER = {s: regex.compile(rf"[\p{{Script={s}}}&&\p{{L}}]", regex.V1) for s in SCRIPTS}
SAMPLE_CHARS = 200_000

#: Fast path: at most this share of a script's letters may fall outside a language's alphabet
#: (a quoted foreign word), and at least this share must be its distinctive letters.
MAX_FOREIGN_SHARE = 0.005
MIN_MARK_SHARE = 0.003
#: An unsupported language on top of py3langid's ranking is believed from this many letters
#: and this probability on; below, the best supported language of the script is taken.
MIN_LETTERS_TO_REFUSE = 40
MIN_PROB_TO_REFUSE = 0.9
#: Below MIN_LETTERS_TO_REFUSE letters a guess under this probability is no guess at all.
MIN_SHORT_PROB = 0.5


def script_counts(text: str) -> dict[str, int]:
    """Letters per script of the supported languages ("Arabic", "Cyrillic", "Latin")."""
    sample = text[:SAMPLE_CHARS]
    return {s: len(rx.findall(sample)) for s, rx in _SCRIPT_RE.items()}


def _by_letters(letters: str, candidates) -> str | None:
    """The one candidate whose alphabet covers the letters and whose marks are used."""
    n = len(letters)
    if not n:
        return None
    hits = []
    for cand in candidates:
        if not cand.alphabet or not cand.marks:
            return None  # a candidate we cannot tell by letters: ask the model
        foreign = sum(1 for c in letters if c not in cand.alphabet)
        marks = sum(1 for c in letters if c in cand.marks)
        if foreign <= MAX_FOREIGN_SHARE * n and marks >= MIN_MARK_SHARE * n:
            hits.append(cand.code)
    return hits[0] if len(hits) == 1 else None


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _alias_map() -> dict[str, str]:
    return {a: L.code for L in languages.languages() for a in (L.code, *L.aliases)}


def _by_model(sample: str, script: str, n_letters: int) -> str:
    ranked = _identifier().rank(sample)
    alias = _alias_map()
    ours = {L.code for L in languages.by_script(script)}
    top, prob = ranked[0]
    top = alias.get(top, top)
    if n_letters < MIN_LETTERS_TO_REFUSE and prob < MIN_SHORT_PROB:
        return languages.by_script(script)[0].code  # too little text to tell: the script's first
    if top in ours:
        return top
    if top not in SUPPORTED and n_letters >= MIN_LETTERS_TO_REFUSE and prob >= MIN_PROB_TO_REFUSE:
        return top
    return next((alias[c] for c, _ in ranked if alias.get(c) in ours), languages.by_script(script)[0].code)


def detect(text: str) -> str:
    """The language code of `text`: a supported one, or the code of an unsupported language
    it is surely written in (`resolve` refuses those by name). InputError when it has no
    Arabic, Cyrillic or Latin letters."""
    return _detect(text)[0]


def _detect(text: str) -> tuple[str, bool]:
    """`detect`, and whether the answer is a guess from too few letters for the model to
    refuse a language it does not support (a line of Italian may come out as Spanish)."""
    counts = script_counts(text)
    script = max(counts, key=counts.get)
    if counts[script] == 0:
        raise InputError("cannot identify the language: no Arabic, Cyrillic or Latin letters")
    sample = text[:SAMPLE_CHARS]
    letters = "".join(_LETTER[script].findall(sample.casefold()))
    code = _by_letters(letters, languages.by_script(script))
    if code:
        return code, False
    return _by_model(sample, script, len(letters)), len(letters) < MIN_LETTERS_TO_REFUSE


class LanguageNotice(Notice):
    """A language detected from a few letters: the user should check it, or name it."""


#: A language given by the user must be written in its script: below this share of the
#: text's letters, the option names the wrong file or language (every rule is per script).
MIN_SCRIPT_SHARE = 0.2


def unsupported_message(name: str, code: str, hint: str) -> str:
    """One line: '<file>: Italian (it) is not supported; supported: ar (Arabic), ...'."""
    listed = ", ".join(f"{c} ({languages.name_of(c)})" for c in SUPPORTED)
    return f"{name}: {languages.name_of(code)} ({code}) is not supported; supported: {listed}{hint}"


def resolve(text: str, lang: str, name: str = "<input>") -> str:
    """Apply a user's --lang (auto or a code); refuse languages aligner has no rules for,
    and a given language whose script the text hardly uses."""
    given = lang not in (None, "", "auto")
    code, guessed = (lang.lower(), False) if given else _detect(text)
    if given and code in SUPPORTED:
        counts = script_counts(text)
        total = sum(counts.values())
        script = languages.get(code).script
        if total and counts[script] < MIN_SCRIPT_SHARE * total:
            seen = languages.by_script(max(counts, key=counts.get))[0]
            raise InputError(
                f"{name}: given as {languages.name_of(code)} ({code}), but the text is in the script of "
                f"{seen.name} ({seen.code}); check which file and language you gave"
            )
    if code not in SUPPORTED:
        raise InputError(unsupported_message(name, code, " (use --src-lang/--tgt-lang to override detection)"))
    if guessed:
        warnings.warn(LanguageNotice(
            f"{name}: read as {languages.name_of(code)} ({code}), guessed from under {MIN_LETTERS_TO_REFUSE} letters: "
            f"name the language with --src-lang/--tgt-lang if that is wrong"
        ), stacklevel=2)
    return code
