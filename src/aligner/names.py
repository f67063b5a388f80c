"""Cross-script name matching by consonant skeletons (Arabic, Cyrillic, Latin).

A name written in Russian and in Arabic rarely shares a letter-for-letter transliteration:
Japanese names reach Russian through the Polivanov system (Такаити, Нагоси, Синдзо) and
Arabic through English spelling (تاكايتشي، ناغوشي، شينزو); Arabic writes only long vowels.
So both sides are reduced to a *skeleton* of consonant classes, where sounds that the
systems render differently share one class (с/ш/щ/س/ش/ث/s/sh -> S; т/ц/ч/ت/تش/t/ch/ts -> T;
д/د/ض -> D; з/дз/ز/ذ/ظ -> Z; ж/дж/ج/j -> J; г/غ/g -> G; х/ه/ح/خ/h/kh -> H; б/п/ب -> B;
в/ф/ف/و/v/f/w -> F). Vowels are dropped, except that a word-initial vowel leaves a marker
(A, or Y for я/е/ю/ي). So Такаити and تاكايتشي are both TKT, Нагоси and ناغوشي both NGS.

`similarity` is a normalised weighted edit similarity on skeletons: sounds that
transliterations commonly confuse (sh/ch, ji/zi, g/k/j...) cost half. Skeletons of one or
two consonants carry little evidence (Абэ, Фумио, Санаэ), so for them the vowels are
checked too: the vowel letters Arabic writes must appear, in order, among the other
spelling's vowels, and both must end alike (vowel or consonant).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import regex

from aligner.lang.base import Script
from aligner.normalize import match_key

# -- per-script letter classes ------------------------------------------------------------

_VOWEL = "·"  # placeholder for a vowel inside the working string; removed at the end

_CYR_DIGRAPHS = (("дж", "J"), ("дз", "Z"), ("тш", "T"), ("тч", "T"), ("кс", "KS"))
_CYR = {
    **dict.fromkeys("бп", "B"),
    **dict.fromkeys("вф", "F"),
    "г": "G",
    "д": "D",
    "ж": "J",
    "з": "Z",
    "к": "K",
    "л": "L",
    "м": "M",
    "н": "N",
    "р": "R",
    **dict.fromkeys("сшщ", "S"),
    **dict.fromkeys("тцч", "T"),
    "х": "H",
    "й": "y",
    **dict.fromkeys("аоуыэи", _VOWEL),
    **dict.fromkeys("еёюя", "y" + _VOWEL),
    **dict.fromkeys("ьъ", ""),
}

_LAT_DIGRAPHS = (
    ("sch", "S"), ("tch", "T"), ("dzh", "J"), ("sh", "S"), ("ch", "T"), ("zh", "J"),
    ("kh", "H"), ("ph", "F"), ("th", "T"), ("ts", "T"), ("tz", "T"), ("ck", "K"),
    ("qu", "K"), ("dj", "J"), ("gh", "G"), ("x", "KS"),
)
_LAT = {
    **dict.fromkeys("bp", "B"),
    **dict.fromkeys("fvw", "F"),
    "g": "G",
    "d": "D",
    "j": "J",
    "z": "Z",
    **dict.fromkeys("kq", "K"),
    "l": "L",
    "m": "M",
    "n": "N",
    "r": "R",
    "s": "S",
    "t": "T",
    "h": "H",
    "y": "y",
    **dict.fromkeys("aeiou", _VOWEL),
}

_SOFT_C = regex.compile(r"c(?=[eiy])")
_LAT_SOFT_W = regex.compile(r"(?<=[aeo])w(?![aeiouy])")

_AR_DIGRAPHS = (("تش", "T"), ("تس", "T"), ("دج", "J"))
_AR = {
    **dict.fromkeys("بپ", "B"),
    **dict.fromkeys("فڤ", "F"),
    **dict.fromkeys("تط", "T"),
    **dict.fromkeys("ثسشص", "S"),
    "ج": "J",
    **dict.fromkeys("حخه", "H"),
    **dict.fromkeys("دض", "D"),
    **dict.fromkeys("ذزظ", "Z"),
    "ر": "R",
    **dict.fromkeys("غگ", "G"),
    **dict.fromkeys("قك", "K"),
    "ل": "L",
    "م": "M",
    "ن": "N",
    "ا": "a",  # long vowel / initial vowel carrier
    "و": "w",
    "ي": "y",
    "ع": "a",
    **dict.fromkeys("ءة", ""),
}

def _reading_classes(reading: str) -> str:
    """Class letters of a Latin reading ('ch' -> 'T', 'yi' -> 'y' + vowel), for the letters
    a language adds to its script (`Language.translit`)."""
    for a, b in _LAT_DIGRAPHS:
        reading = reading.replace(a, b)
    return "".join(_LAT.get(c, c if c.isupper() else "") for c in reading)


def _add_language_letters() -> None:
    """Ukrainian і ї є ґ, Persian چ ژ, Turkish ı: the letters of `aligner.lang` that the
    tables above (Russian, Arabic, English) lack; a letter already there keeps its class."""
    from aligner import lang as languages

    tables = {Script.CYRILLIC: _CYR, Script.ARABIC: _AR, Script.LATIN: _LAT}
    for language in languages.languages():
        table = tables[language.script]
        for letter, reading in language.translit.items():
            table.setdefault(letter, _reading_classes(reading))


_add_language_letters()


# Russian case endings that add consonants (instrumental -ом/-ым, adjectival -ого/-ых):
# stripped before the skeleton is taken, when at least three letters remain.
_RU_ENDINGS = regex.compile(r"(?:ого|его|ому|ему|ыми|ими|ом|ем|ём|ым|им|ой|ей|ых|их)$")

_CYR_RE = regex.compile(r"\p{Cyrillic}")
_AR_RE = regex.compile(r"\p{Arabic}")


@lru_cache(maxsize=200_000)
def ar_token_key(token: str) -> str:
    """`match_key(token)` (Arabic letters unified) without spaces, memoised: skeletons, vowel
    signatures and the gazetteer's clitic variants all start from it, so each distinct token
    is keyed once."""
    return match_key(token).replace(" ", "")


@lru_cache(maxsize=200_000)
def script_of(word: str) -> Script:
    """The script of the word's letters (the `lang` argument of the public functions is only
    a hint: a Latin brand name inside Arabic text is Latin)."""
    if _AR_RE.search(word):
        return Script.ARABIC
    if _CYR_RE.search(word):
        return Script.CYRILLIC
    return Script.LATIN


def _classes(word: str, script: Script) -> str:
    """The word as a string of class letters (upper case), vowels (·) and semivowels (y/w/a)."""
    if script is Script.ARABIC:
        w = ar_token_key(word)
        w = w.replace("ة", "").replace("ى", "ي")
        for a, b in _AR_DIGRAPHS:
            w = w.replace(a, b)
        return "".join(_AR.get(c, c if c in "TJ" else "") for c in w)  # (TJ: digraphs done above)
    if script is Script.CYRILLIC:
        w = word.casefold().replace("ё", "е")
        for a, b in _CYR_DIGRAPHS:
            w = w.replace(a, b)
        return "".join(_CYR.get(c, c if c.isupper() else "") for c in w)
    w = "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))
    w = _LAT_SOFT_W.sub("", w)  # Rainbow, Howard -> the w is part of a vowel
    for a, b in _LAT_DIGRAPHS:
        w = w.replace(a, b)
    w = _SOFT_C.sub("s", w).replace("c", "k")
    return "".join(_LAT.get(c, c if c.isupper() else "") for c in w)


def _reduce(cls: str) -> str:
    """Class string -> skeleton: initial vowel marker, semivowels dropped inside the word,
    repeated classes collapsed."""
    if not cls:
        return ""
    out: list[str] = []
    first = cls[0]
    if first in "·a":
        out.append("A")
    elif first == "y":
        out.append("Y")
    elif first == "w":
        out.append("F")
    start = 1 if out else 0
    for c in cls[start:]:
        if c.isupper() and (not out or out[-1] != c):
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=200_000)
def _skeleton(word: str, script: Script) -> str:
    return _reduce(_classes(word, script))


_APOSTROPHE = regex.compile(r"['’]")


@lru_cache(maxsize=64)
def _apostrophe_endings(lang: str | None) -> tuple[frozenset[str], bool]:
    from aligner import lang as languages

    if lang is None or not languages.known(lang):
        return frozenset(), False
    language = languages.get(lang)
    return frozenset(e[1:] for e in language.inflection_endings if e[:1] in "'’"), language.apostrophe_suffixes


def suffix_after_apostrophe(tail: str, lang: str | None) -> bool:
    """Whether `tail`, what follows an apostrophe in a name, is a case suffix of the
    language (Turkish Ankara'da, Erdoğan'ın, Devon'daki: `Language.inflection_endings`,
    `Language.apostrophe_suffixes`)."""
    endings, any_lower = _apostrophe_endings(lang)
    return tail.casefold() in endings or (any_lower and tail.isalpha() and tail.islower())


def without_case_suffix(word: str, lang: str | None) -> str:
    """A name without the case suffix a language writes after an apostrophe."""
    m = _APOSTROPHE.search(word)
    if m is None or not suffix_after_apostrophe(word[m.end() :], lang):
        return word
    return word[: m.start()]


@lru_cache(maxsize=200_000)
def skeleton(word: str, lang: str | None = None) -> str:
    """Consonant-class skeleton of one word (e.g. Такаити, تاكايتشي, Takaichi -> 'TKT').

    For Cyrillic, case endings that add a consonant (Зеленским, Кисидой) are stripped first
    when at least three letters remain. `lang` is a hint; the script is read off the word."""
    word = without_case_suffix(word, lang)  # Erdoğan'dan -> Erdoğan
    script = script_of(word)
    if script is Script.CYRILLIC:
        low = word.casefold()
        m = _RU_ENDINGS.search(low)
        if m and m.start() >= 3:
            word = word[: m.start()]
    return _skeleton(word, script)


# Transliteration conventions as data (`Language.readings`): a foreign sound that one script
# writes in more than one way. Each (letters, replacement) is an alternative reading of a word
# of that script, tried as an extra skeleton variant, so the conventions meet without
# loosening the edit costs for everything else.
def _script_readings() -> dict[Script, tuple[tuple[str, str], ...]]:
    from aligner import lang as languages

    out: dict[Script, tuple[tuple[str, str], ...]] = {}
    for language in languages.languages():
        out[language.script] = out.get(language.script, ()) + tuple(language.readings)
    return out


ALTERNATIVE_READINGS = _script_readings()
_READING_RE = {script: tuple((regex.compile(a), b) for a, b in rules) for script, rules in ALTERNATIVE_READINGS.items()}
# the letters the rules start from (a quick test before the patterns)
_READING_CHARS = {script: frozenset(ch for pat, _ in rules for ch in pat if ch.isalpha()) for script, rules in ALTERNATIVE_READINGS.items()}
_MAX_READINGS = 3  # at most 2**3 readings of one word


def _readings(word: str, script: Script) -> list[str]:
    """The word under every combination of the alternative readings that apply to it."""
    low = ar_token_key(word) if script is Script.ARABIC else word.casefold()
    if not _READING_CHARS.get(script, frozenset()).intersection(low):
        return []
    rules = [r for r in _READING_RE.get(script, ()) if r[0].search(low)][:_MAX_READINGS]
    out = []
    for mask in range(1, 1 << len(rules)):
        w = low
        for k, (pat, rep) in enumerate(rules):
            if mask >> k & 1:
                w = pat.sub(rep, w)
        out.append(w)
    return out


_RU_ADJ_SUFFIX = regex.compile(r"(?:ическ|ск|цк)(?:ий|ый|ой|ая|ое|ые|ие|ого|ому|ым|им|ом|ую|ых|их|ыми|ими)$")


@lru_cache(maxsize=200_000)
def skeleton_variants(word: str, lang: str | None = None) -> tuple[str, ...]:
    """The skeleton, plus the one without Russian ending stripping when that differs
    (Ибрагим keeps its final M), plus the noun under a Russian adjective (Гарвардской ->
    Гарвард), plus the skeletons of the word's `ALTERNATIVE_READINGS` (Гарвард read as
    Харвард, تويتر with و read as в)."""
    main = skeleton(word, lang)
    script = script_of(word)
    out = [main]
    if script is Script.CYRILLIC:
        raw = _skeleton(word, script)
        if raw != main:
            out.append(raw)
        m = _RU_ADJ_SUFFIX.search(word.casefold())
        if m and m.start() >= 4:
            stem = _skeleton(word[: m.start()], script)
            if stem not in out:
                out.append(stem)
    for alt in _readings(word, script):
        sk = skeleton(alt)
        if sk and sk not in out:
            out.append(sk)
    return tuple(out)


# -- vowel signature (only for short skeletons) -------------------------------------------

_V_CLASS = {
    **dict.fromkeys("аяaа", "a"),
    **dict.fromkeys("иыеёйiey", "i"),
    "э": "e",  # Russian э renders English a as well as e (Грэм / جراهام, Хэмилтон / هاميلتون)
    **dict.fromkeys("оуюou", "u"),
}


_Y_BETWEEN_CONSONANTS = regex.compile(r"(?<=[^aeiouy])y(?=[^aeiouy])")  # compiled once (regex.sub recompiled it per call)


@lru_cache(maxsize=100_000)
def _vowels(word: str, script: Script) -> tuple[str, bool]:
    """(vowel classes in order, ends-in-vowel). For Arabic these are the written long vowels
    only (ا، و، ي after the first letter); a final ء/ى counts as a vowel ending."""
    if script is Script.ARABIC:
        w = ar_token_key(word)
        ends = bool(w) and w[-1] in "اويىء"
        seq = "".join({"ا": "a", "و": "u", "ي": "i", "ى": "a"}.get(c, "") for c in w[1:])
        if w and w[0] in "اع":
            seq = "a" + seq
        return seq, ends
    if script is Script.CYRILLIC:
        w = word.casefold()
        ends = bool(w) and w[-1] in "аеёиоуыэюяй"
        return "".join(_V_CLASS.get(c, "") for c in w), ends
    w = "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))
    if len(w) > 3 and w.endswith("e") and w[-2] not in "aeiouy":
        w = w[:-1]  # silent final e (Apple, Blake)
    if len(w) > 3 and w[-1] == "w" and w[-2] in "aeo":
        w = w[:-1]  # a final w after a vowel is the vowel's glide (Lithgow / ليثجو, Moscow / موسكو)
    ends = bool(w) and w[-1] in "aeiouy"
    # a y between consonants is English 'ai' or 'i' (Tyler / تايلر, Lynch / لينش): either
    w = _Y_BETWEEN_CONSONANTS.sub("э", w)
    return "".join(_V_CLASS.get(c, "") for c in w), ends


def _subsequence(short: str, long: str) -> bool:
    """The Arabic vowels `short` appear in order among `long`'s; an `e` (Russian э) stands
    for either a or i."""
    it = iter(long)
    return all(any(x == c or (x == "e" and c in "ai") for x in it) for c in short)


_RU_FEMININE_OBLIQUE = regex.compile(r"(?<=\w{3})(?:ы|е|у|ой|ей|ою)$")


def _forms(word: str, script: Script, endings: str = "аяуюеиы") -> list[str]:
    """The word, and for Russian also without a case-ending vowel (Джона -> Джон) and, for a
    feminine name in another case, its nominative in -а (Арианы -> Ариана / أريانا)."""
    if script is not Script.CYRILLIC or len(word) <= 3:
        return [word]
    out = [word]
    if word[-1].casefold() in endings:
        out.append(word[:-1])
    m = _RU_FEMININE_OBLIQUE.search(word.casefold())
    if m:
        out.append(word[: m.start()] + "а")
    return out


def _vowels_agree(a: str, a_script: Script, b: str, b_script: Script, strict: bool) -> bool:
    """Both spellings end alike (vowel or consonant) and the vowels Arabic writes appear,
    in order, among the other spelling's vowels (Arabic leaves short vowels out).

    strict (skeletons of <= 2 consonants): all vowels count, and a Russian word may lose a
    case-ending vowel (Джона / جون). Otherwise the last vowel is left out instead, since a
    Russian case ending may change it (Кисиды / كيشيدا)."""
    # outside strict mode only unambiguous case endings go (Путина -> Путин), not the и/о
    # that ends so many foreign names (Такаити, Токио)
    endings = "аяуюеиы" if strict else "ауеы"
    forms_a = _forms(a, a_script, endings)
    forms_b = _forms(b, b_script, endings)
    for fa in forms_a:
        for fb in forms_b:
            va, ea = _vowels(fa, a_script)
            vb, eb = _vowels(fb, b_script)
            if ea != eb:
                continue
            if ea and not strict:
                va, vb = va[:-1], vb[:-1]
            if a_script is Script.ARABIC and b_script is not Script.ARABIC:
                ok = _subsequence(va, vb)
            elif b_script is Script.ARABIC and a_script is not Script.ARABIC:
                ok = _subsequence(vb, va)
            else:
                ok = va.replace("e", "i") == vb.replace("e", "i")
            if ok:
                return True
    return False


# -- weighted edit similarity --------------------------------------------------------------

_CHEAP = frozenset(
    frozenset(p)
    for p in ("ST", "ZJ", "JG", "FB", "DT", "ZS", "AY", "FA")
)


def _sub_cost(x: str, y: str) -> float:
    if x == y:
        return 0.0
    return 0.5 if frozenset((x, y)) in _CHEAP else 1.0


def _indel_cost(x: str) -> float:
    # A/Y: initial vowel markers; H: often silent; F: Arabic و is read as a vowel (Howard)
    return 0.5 if x in "AYHF" else 1.0


@lru_cache(maxsize=200_000)
def skeleton_similarity(a: str, b: str) -> float:
    """1 - weighted edit distance / length of the longer skeleton, in [0, 1]."""
    if a == b:
        return 1.0 if a else 0.0
    if not a or not b:
        return 0.0
    # the plain DP with the costs looked up once per letter (all costs are multiples of 0.5,
    # so the sums are exact whatever the order); the minimum of three is written out, as
    # `min()` would cost more than the rest of the cell
    del_b = [_indel_cost(y) for y in b]
    prev = [0.0]
    for c in del_b:
        prev.append(prev[-1] + c)
    pairs = tuple(zip(b, del_b))
    for x in a:
        del_x = _indel_cost(x)
        cheap = _CHEAP_WITH.get(x, "")
        diag = prev[0]
        left = diag + del_x
        cur = [left]
        for j, (y, del_y) in enumerate(pairs, 1):
            up = prev[j]
            sub = diag if x == y else diag + (0.5 if y in cheap else 1.0)
            left += del_y
            if up + del_x < left:
                left = up + del_x
            if sub < left:
                left = sub
            cur.append(left)
            diag = up
        prev = cur
    return max(0.0, 1.0 - prev[-1] / max(len(a), len(b)))


_CHEAP_WITH = {x: "".join(y for p in _CHEAP if x in p for y in p if y != x) for p in _CHEAP for x in p}


def _consonants(s: str) -> int:
    return len(s) - (1 if s[:1] in ("A", "Y") else 0)


@lru_cache(maxsize=500_000)
def similarity(a: str, a_lang: str | None, b: str, b_lang: str | None) -> float:
    """How likely two single-word spellings name the same thing, in [0, 1].

    Best edit similarity over the skeleton variants. Short skeletons prove little: with at
    most two consonants the skeletons must be identical, and with at most three the vowels
    must agree too (see `_vowels_agree`); otherwise the answer is 0. 'SN' alone would match
    half the Arabic lexicon, and 'TKT' (Такаити) the verbs تقود and تعكس."""
    best = 0.0
    for sa, sb in _compared(a, a_lang, b, b_lang):
        if sa == sb:
            return 1.0
        # (the edit distance only where the letters shared could beat the best so far)
        if _letter_bound(sa, sb, best) and (sim := skeleton_similarity(sa, sb)) > best:
            best = sim
    return best


def _compared(a: str, a_lang: str | None, b: str, b_lang: str | None) -> Iterator[tuple[str, str]]:
    """The pairs of non-empty skeleton variants that `similarity` measures: short ones only
    where they are identical and the vowels agree."""
    a_script, b_script = script_of(a), script_of(b)
    vowels: dict[bool, bool] = {}  # strict -> agreement, computed only when needed
    for sa in skeleton_variants(a, a_lang):
        for sb in skeleton_variants(b, b_lang):
            if not sa or not sb:
                continue  # (similarity 0)
            n = min(_consonants(sa), _consonants(sb))
            if n <= 2 and sa != sb:
                continue
            if n <= 3:
                strict = n <= 2
                if strict not in vowels:
                    vowels[strict] = _vowels_agree(a, a_script, b, b_script, strict)
                if not vowels[strict]:
                    continue
            yield sa, sb


def threshold(skel: str) -> float:
    """Minimum similarity to call two names the same, by the skeleton's length: short
    skeletons must match (almost) exactly."""
    n = _consonants(skel)
    if n <= 2:
        return 1.0
    if n <= 4:
        return 0.8
    return 0.75


@lru_cache(maxsize=500_000)
def same_name(a: str, a_lang: str | None, b: str, b_lang: str | None) -> bool:
    """True when `similarity` clears the threshold for the shorter of the two skeletons."""
    sa, sb = skeleton(a, a_lang), skeleton(b, b_lang)
    if not sa or not sb:
        return False
    return similar(a, a_lang, b, b_lang, threshold(sa if len(sa) <= len(sb) else sb))


def similar(a: str, a_lang: str | None, b: str, b_lang: str | None, need: float) -> bool:
    """`similarity(a, a_lang, b, b_lang) >= need`, most often decided by `_may_reach` alone:
    the callers test thousands of word pairs against a fixed bar, and few come near it."""
    if not _may_reach(skeleton_variants(a, a_lang), skeleton_variants(b, b_lang), need):
        return False
    # the first pair of variants to reach it will do: the best is not needed (and a bar
    # of 0 or below is reached by any pair, even none)
    return any(skeletons_close(sa, sb, need) for sa, sb in _compared(a, a_lang, b, b_lang)) or need <= 0.0


def skeletons_close(a: str, b: str, need: float) -> bool:
    """`skeleton_similarity(a, b) >= need`, without the edit distance when the letters the
    two skeletons share cannot reach it (the bound of `_may_reach`)."""
    if a == b or not a or not b:
        return skeleton_similarity(a, b) >= need
    return _letter_bound(a, b, need) and skeleton_similarity(a, b) >= need


_SLOTS = 64  # bits per letter in `_letter_mask`: room for a letter written up to 64 times


@lru_cache(maxsize=200_000)
def _letter_mask(skel: str) -> int | None:
    """A skeleton's letters as a multiset of bits, one per (letter, how many times seen), so
    that the letters two skeletons share are the set bits of the AND of their masks (None
    for a skeleton too long for the slots)."""
    if len(skel) > _SLOTS:
        return None
    mask, seen = 0, {}
    for c in skel:
        k = seen.get(c, 0)
        seen[c] = k + 1
        mask |= 1 << (ord(c) * _SLOTS + k)
    return mask


def _letter_bound(a: str, b: str, need: float) -> bool:
    """Whether the edit similarity of two non-empty skeletons may reach `need`: every edit
    costs at least 0.5 and a letter with no equal letter on the other side needs one, so the
    similarity is at most 1 - 0.5 * (longer - common letters) / longer."""
    longer = max(len(a), len(b))
    if 1.0 - 0.5 * (longer - min(len(a), len(b))) / longer < need:
        return False  # the length alone rules it out
    ma, mb = _letter_mask(a), _letter_mask(b)
    if ma is None or mb is None:
        common = sum(min(a.count(c), b.count(c)) for c in set(a))
    else:
        common = (ma & mb).bit_count()
    return 1.0 - 0.5 * (longer - common) / longer >= need


def _may_reach(va: tuple[str, ...], vb: tuple[str, ...], need: float) -> bool:
    """False when no pair of skeleton variants can reach `need`, decided without the edit
    distance (`_letter_bound`). Most word pairs fail here, which keeps `match_names` cheap
    on long documents."""
    ra, rb = _reach_rows(va), _reach_rows(vb)
    for xa, ca in ra:
        for xb, cb in rb:
            if xa == xb:
                return True
            if ca <= 2 or cb <= 2:
                continue  # short skeletons must be identical
            if _letter_bound(xa, xb, need):
                return True
    return False


@lru_cache(maxsize=200_000)
def _reach_rows(variants: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """The non-empty variants with their consonant counts, as `_may_reach` reads them."""
    return tuple((x, _consonants(x)) for x in variants if x)
