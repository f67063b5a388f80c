"""Shared tokenisation for matching: words that scraped Arabic runs together, split again.

Scraped Arabic often loses its spaces (طلابجامعةهارفارديتلقون, يعتقد38%). Numbers, names,
places and attribution cues must still be found in it, so `unglue(text, lang)` gives a
*matching view* of the text with a space put back at every glue point it is sure of, and a
map from each character of that view to the original text. Entity extraction
(`aligner.entities._extract`, and through it `features`, the aligner's keys) and the Arabic
name search run on the view and report offsets into the original text, so the user still
sees the text exactly as written.

Glue points, from certain to inferred:

1. a change of script or between letters and digits inside one token (مجموعةTPUSA,
   يعتقد38) — Arabic words never contain Latin letters or digits — and an إ after more
   than clitics (كلاركإن): hamza below only begins a word;
2. inside an Arabic token that is not a word (neither listed nor a listed stem with the usual
   clitics and suffixes), the cheapest split into listed words, in the spirit of word-
   segmentation by unigram cost: every piece must be a frequent word, except at most one
   unlisted piece (a name: أستاذسزيسلر -> أستاذ سزيسلر) next to very frequent ones.

The word list is the Arabic frequency list of `wordfreq` (corpus-independent: Wikipedia,
subtitles, news, web text), plus the gazetteer's Arabic names; it is built once and pickled
beside the gazetteer.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import regex

from aligner.names import ar_token_key

MIN_ZIPF = 1.8  # below this wordfreq's Arabic list is mostly glued or misspelt text
WORD_ZIPF = 3.0  # a piece of four or more letters must be at least this frequent
SHORT_ZIPF = {2: 5.5, 3: 4.5}  # two- and three-letter pieces: frequent standalone words only
NEXT_TO_NAME_ZIPF = 4.5  # the listed pieces beside an unlisted one (the name) must be this frequent
MIN_GLUED = 6  # letters: shorter tokens are never split by the word list
SPLIT_COST = 2.0

# Clitics and suffixes an Arabic word carries without a space (وبالجامعة، مستشفياتها).
_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "س", "ال", "وال", "بال", "فال", "كال", "لل", "ولل", "فلل",
             "وب", "ول", "وك", "فب", "فل", "وس", "فس", "وبال")
_SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ني", "ي", "ات", "ين",
             "ون", "ان", "تين", "تان", "وا", "يه", "يها", "يهم", "اته", "اتها", "اتهم", "ته", "تها", "تهم", "تهما")

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_ARABIC = regex.compile(r"\p{Arabic}")
_ARABIC_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]*\p{Arabic}[\p{L}\p{M}\p{N}]*")  # tokens with Arabic in them
# script or letter/digit changes inside a token: Arabic letters | other letters | digits
# (Arabic diacritics are script Inherited, so they are named explicitly)
_RUNS = regex.compile(r"[[\p{Arabic}\p{M}]--\p{N}]+|[\p{L}\p{M}]+|\p{N}+(?:[.,٫]\p{N}+)*", regex.V1)
_HAMZA_BELOW = "\u0625"  # إ begins a word: after anything but clitics it marks a lost space
_WORD_FINAL = "\u0629\u0649"  # ة ى end a word
_LETTER = regex.compile(r"\p{L}")
_PURE_ARABIC = regex.compile(r"[[\p{Arabic}\p{M}]--\p{N}]+", regex.V1)
_SPELLING_CUE = regex.compile(r".\u0625|[\u0629\u0649\u064B-\u064D]\u0627?\p{L}")  # what _hamza_pieces looks for
TANWEEN_END = regex.compile(r"(?:[\u064B-\u064D]\u0627?|\u0627\u064B)$")  # -an, -in, -un end a word (an indefinite noun or adverb: never a name)


@dataclass(frozen=True, slots=True)
class Unglued:
    """A matching view of a text: `text` with spaces put back at glue points; `origin[i]` is
    the index in the original text of `text[i]` (an inserted space maps to the character
    after it). `origin` is None when nothing was glued (the view is the text itself)."""

    text: str
    origin: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the view's [start, end)."""
        if self.origin is None:
            return start, end
        if end <= start:
            s = self.origin[start] if start < len(self.origin) else (self.origin[-1] + 1 if self.origin else 0)
            return s, s
        return self.origin[start], self.origin[end - 1] + 1


@lru_cache(maxsize=8192)
def unglue(text: str, lang: str | None = None) -> Unglued:
    """The matching view of `text` (see the module docstring). Only Arabic tokens are ever
    split, whatever `lang` says; a text without Arabic letters comes back unchanged at the
    cost of one search. Memoised per text: extraction, sentence keys and the name search
    ask for the same one."""
    if not _ARABIC.search(text):
        return Unglued(text, None)
    cuts: list[int] = []
    for m in _ARABIC_TOKEN.finditer(text):
        points = split_points(m.group())
        if points:
            cuts.extend(m.start() + c for c in points)
    if not cuts:
        return Unglued(text, None)
    parts, origin, pos = [], [], 0
    for c in cuts:
        parts.append(text[pos:c])
        origin.extend(range(pos, c))
        parts.append(" ")
        origin.append(c)
        pos = c
    parts.append(text[pos:])
    origin.extend(range(pos, len(text)))
    return Unglued("".join(parts), tuple(origin))


@lru_cache(maxsize=200_000)
def split_points(token: str) -> tuple[int, ...]:
    """Offsets inside one token where a space was lost (empty for an ordinary word)."""
    if _PURE_ARABIC.fullmatch(token) and not _SPELLING_CUE.search(token):
        return _word_cuts(token)  # the usual case: one Arabic word, nothing in its spelling
    out: list[int] = []
    runs = list(_RUNS.finditer(token))
    if len(runs) > 1:
        out.extend(r.start() for r in runs[1:])
    for r in runs:
        if _ARABIC.match(r.group()):
            for piece, at in _hamza_pieces(r.group()):
                out.extend(r.start() + at + c for c in _word_cuts(piece))
                if at:
                    out.append(r.start() + at)
    return tuple(sorted(set(out)))


def _hamza_pieces(word: str) -> list[tuple[str, int]]:
    """The run cut where the spelling itself says a word ended: before an إ that follows
    more than clitics (كلاركإن -> كلارك إن), after a ta marbuta or alef maqsura followed by a
    letter (الكرةبعيدًا -> الكرة بعيدًا), or after tanween (بعيدًاعن): those only end words."""
    out, start = [], 0
    for i, ch in enumerate(word):
        if ch == _HAMZA_BELOW and i > start and ar_token_key(word[start:i]) not in _PREFIXES:
            out.append((word[start:i], start))
            start = i
        elif i - start >= 3 and _LETTER.match(ch) and (word[i - 1] in _WORD_FINAL or TANWEEN_END.search(word, 0, i)) \
                and ch not in _WORD_FINAL and not (ch == "\u0627" and word[i - 1] == "\u064B"):  # ـًا: the alef belongs to it
            out.append((word[start:i], start))
            start = i
    out.append((word[start:], start))
    return out


@lru_cache(maxsize=200_000)
def _word_cuts(word: str) -> tuple[int, ...]:
    """Cuts inside a run of Arabic letters, from the word list; offsets into `word`."""
    key = ar_token_key(word)
    if len(key) < MIN_GLUED or plausible(key):
        return ()
    pieces = _segment(key)
    if pieces and not _sure(pieces):
        # the cheapest split puts a name beside ordinary words (قالب ولباريرا): the cheapest
        # one made of very frequent words and one name (قال بول باريرا) may still be sure
        pieces = _segment(key, frequent_only=True)
    if not pieces or len(pieces) == 1 or not _sure(pieces):
        return ()
    # key letters -> offsets in the word (diacritics and tatweel are not in the key)
    letters = [i for i, ch in enumerate(word) if ar_token_key(ch)]
    if len(letters) != len(key):
        return ()
    cuts, n = [], 0
    for p in pieces[:-1]:
        n += len(p)
        cuts.append(letters[n])
    return tuple(cuts)


def _sure(pieces: list[str]) -> bool:
    """Every piece is a frequent word, except at most one unlisted piece of four or more
    letters (a name) beside very frequent words, or beside ordinary ones when the name
    carries the article, which never starts a word's middle (تمريرهالمينجا -> تمريره المينجا)."""
    lex = lexicon()
    unlisted = [p for p in pieces if lex.get(p, 0.0) < (WORD_ZIPF if len(p) >= 4 else SHORT_ZIPF[len(p)])]
    if not unlisted:
        return True
    if len(unlisted) > 1 or len(unlisted[0]) < 4:
        return False
    need = WORD_ZIPF if unlisted[0].startswith("ال") else NEXT_TO_NAME_ZIPF
    return all(lex.get(p, 0.0) >= need for p in pieces if p not in unlisted)


def _cost(piece: str, frequent_only: bool = False) -> float | None:
    lex = lexicon()
    z = lex.get(piece)
    if frequent_only and z is not None and WORD_ZIPF <= z < NEXT_TO_NAME_ZIPF:
        return None  # (a listed word too rare to stand beside a name)
    if len(piece) < 2:
        return None
    if len(piece) <= 3:
        return 8.5 - z if z is not None and z >= SHORT_ZIPF[len(piece)] else None
    if z is not None and z >= WORD_ZIPF:
        return 8.5 - z
    if plausible(piece):
        return 9.0  # a rare stem with clitics: about as dear as leaving the token whole
    return 3.0 + 1.6 * len(piece)  # an unlisted piece: dearer the longer it is


def _segment(key: str, frequent_only: bool = False) -> list[str] | None:
    """The cheapest split of `key` into pieces (unigram costs plus a cost per split);
    `frequent_only`: without listed words too rare to stand beside a name."""
    n = len(key)
    best: list[tuple[float, list[str] | None]] = [(0.0, [])] + [(math.inf, None)] * n
    for j in range(1, n + 1):
        for i in range(max(0, j - 20), j):
            prev_cost, prev = best[i]
            if prev is None:
                continue
            c = _cost(key[i:j], frequent_only)
            if c is None:
                continue
            total = prev_cost + c + (SPLIT_COST if i else 0.0)
            if total < best[j][0]:
                best[j] = (total, prev + [key[i:j]])
    return best[n][1]


@lru_cache(maxsize=200_000)
def plausible(key: str) -> bool:
    """A listed word, or a listed stem with the clitics and suffixes Arabic writes attached."""
    lex = lexicon()
    if lex.get(key, 0.0) >= MIN_ZIPF:
        return True
    for p in _PREFIXES:
        if not key.startswith(p):
            continue
        for s in _SUFFIXES:
            if (p or s) and key.endswith(s):
                stem = key[len(p) : len(key) - len(s)]
                if len(stem) >= 2 and lex.get(stem, 0.0) >= 2.5:
                    return True
    return False


class Lexicon:
    """Arabic match key -> Zipf frequency, as sorted keys and an array of values: the cache
    file holds one string and one byte block, so a process loads it in a quarter of the
    time a pickled dict of 225,000 entries takes (a lookup is a bisection, ~1 us; a long
    document asks a few thousand)."""

    __slots__ = ("_keys", "_values")

    def __init__(self, table: dict[str, float]):
        self._keys = sorted(table)
        self._values = array("d", (table[k] for k in self._keys))

    def get(self, key: str, default: float | None = None) -> float | None:
        i = bisect_left(self._keys, key)
        if i < len(self._keys) and self._keys[i] == key:
            return self._values[i]
        return default

    def __len__(self) -> int:
        return len(self._keys)

    def items(self):
        """(key, Zipf frequency) pairs in key order."""
        return zip(self._keys, self._values)

    def __getstate__(self) -> tuple[str, bytes]:
        return "\n".join(self._keys), self._values.tobytes()  # keys are letters only: no newline

    def __setstate__(self, state: tuple[str, bytes]) -> None:
        keys, values = state
        self._keys = keys.split("\n") if keys else []
        self._values = array("d")
        self._values.frombytes(values)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Arabic match key -> Zipf frequency (log10 per billion words)."""
    from aligner import gazetteer

    lex = gazetteer.cached("arabic-words", lambda: Lexicon(_build_lexicon()))
    return lex if isinstance(lex, Lexicon) else Lexicon(_build_lexicon())


def _build_lexicon() -> dict[str, float]:
    import wordfreq

    from aligner import gazetteer
    from aligner import lang as languages

    # the words of the script's first language (Arabic; wordfreq names lists by our codes)
    arabic = languages.of_script(languages.Script.ARABIC).code
    out: dict[str, float] = {}
    for w, f in wordfreq.get_frequency_dict(arabic, "best").items():
        z = math.log10(f) + 9.0
        if z < MIN_ZIPF:
            continue
        k = ar_token_key(w)
        if k.isalpha() and z > out.get(k, 0.0):
            out[k] = z
    # names the gazetteer knows are words too (but never more than ordinary frequent words)
    for key in gazetteer.get().forms:
        for part in key:
            if _ARABIC.search(part) and part.isalpha():
                for k in (part, "ال" + part):
                    out.setdefault(k, WORD_ZIPF)
    return out


# -- transliterated words ------------------------------------------------------------------

TRANSLITERATION_GRAMS = (2, 3)  # character n-grams, with the word's edges marked


def _grams(key: str) -> list[str]:
    w = "^" + key + "$"
    return [w[i : i + n] for n in TRANSLITERATION_GRAMS for i in range(len(w) - n + 1)]


@lru_cache(maxsize=1)
def _transliteration_model() -> tuple[dict[str, float], float]:
    from aligner import gazetteer

    return gazetteer.cached("arabic-transliteration", _build_transliteration_model)


def _build_transliteration_model() -> tuple[dict[str, float], float]:
    """Log-odds per character n-gram of a foreign name written in Arabic letters against an
    Arabic word: the gazetteer's Arabic place names (CLDR: mostly foreign names, transliterated)
    against the frequent words of `lexicon()` that are not names of places. Add-one smoothing."""
    from collections import Counter

    from aligner import gazetteer

    foreign = {ar_token_key(w) for key in gazetteer.get().forms for part in key for w in part.split()
               if _PURE_ARABIC.fullmatch(w) and len(w) >= 3}
    native = {w for w, z in lexicon().items() if z >= WORD_ZIPF and len(w) >= 3 and w not in foreign}
    cf, cn = Counter(), Counter()
    for w in foreign:
        cf.update(_grams(w))
    for w in native:
        cn.update(_grams(w))
    nf, nn, v = sum(cf.values()), sum(cn.values()), len(set(cf) | set(cn))
    unseen = math.log(1 / (nf + v)) - math.log(1 / (nn + v))
    odds = {g: math.log((cf[g] + 1) / (nf + v)) - math.log((cn[g] + 1) / (nn + v)) for g in set(cf) | set(cn)}
    return odds, unseen


@lru_cache(maxsize=200_000)
def transliterated(token: str) -> float:
    """How much an Arabic word looks like a foreign name written in Arabic letters (كاتارينا,
    موريسون: about 0 and above) rather than an Arabic word (المأزق, يصيحون: about -1 and
    below): the mean log-odds of its character n-grams (see `_build_transliteration_model`).
    A name the other version lacks can then be told from a pronoun or a description."""
    key = ar_token_key(token)
    if not key:
        return -math.inf
    odds, unseen = _transliteration_model()
    gs = _grams(key)
    return sum(odds.get(g, unseen) for g in gs) / len(gs)

