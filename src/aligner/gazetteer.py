"""Places, news agencies and organisations across Arabic, Russian and English.

Countries and regions come from CLDR territory names (`babel.Locale(lang).territories`),
cities from CLDR time-zone exemplar cities (`Locale(lang).time_zones`), so Япония /
اليابان / Japan share the key `place:JP` and Токио / طوكيو / Tokyo share `place:tokyo`.
A short curated table adds what CLDR lacks: capitals without a time zone of their own
(Пекин, Вашингтон), usual short forms (США, КНР, الولايات المتحدة الأمريكية), news agencies
and international organisations, and the Russian and English country adjectives.

Russian names are stored in all their singular case forms (Японии, Японию, Японией), made
by a small declension table, so matching is an exact dictionary lookup and short names
cannot over-match the way a prefix or stem match would. Arabic names are stored without
the article; at lookup the clitics و ف ب ك ل ال لل are peeled off (longest form first),
and relative adjectives (ياباني، اليابانية، الصينيين) are derived from each country name.

Built once per process; a pickle in the user cache dir (platformdirs) keyed by the Babel
version and this module's source makes later processes start in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from aligner import lang as languages
from aligner.lang import Language
from aligner.names import ar_token_key, suffix_after_apostrophe
from aligner.normalize import match_key

# -- what each language adds to CLDR: `aligner.lang.<code>` (agencies, organisations,
# places without a time zone, short forms, country adjectives, declension) -----------------

# Territory codes kept: the two-letter ones plus the continents (not "world", not the
# statistical sub-regions, whose names are descriptions rather than places).
_REGIONS = {"002", "009", "019", "142", "150"}
_SKIP_TERRITORIES = {"ZZ", "QO", "EZ", "XA", "XB", "AQ"}
_SKIP_ZONES = regex.compile(r"^(?:Etc|Antarctica|Arctic|America/(?:Indiana|Kentucky|North_Dakota|Argentina))/")

_AR_SUFFIX_STRIP = "اهةى"  # Arabic script: stripped from a country name before a relative ending


def _decline(word: str, is_adj: bool, language: Language) -> list[set[str]]:
    """[nom, gen, dat, acc, ins, loc] sets of forms of one lower-case word, by the
    language's declension tables (`Language.declension_noun` / `declension_adj`)."""
    cases = [{word}] + [set() for _ in range(5)]
    if word.isupper() or not regex.fullmatch(r"[\p{Cyrillic}-]+", word):
        return [{word}] * 6
    table = language.declension_adj if is_adj else language.declension_noun
    for end, forms in table:
        if word.endswith(end):
            stem = word[: -len(end)]
            for i, f in enumerate(forms, 1):
                cases[i].update(stem + alt for alt in f.split("|"))
            break
    else:
        for letters, endings in language.consonant_endings:
            if word[-1] in letters:
                for i, f in enumerate(endings, 1):
                    cases[i].update(word + alt for alt in f.split("|"))
                break
    return [c or {word} for c in cases]


def name_forms(phrase: str, language: Language) -> set[str]:
    """All singular (or plural, for -ы names) case forms of a name in a language that
    declines names, lower case: 'Южная Корея' -> {'южная корея', 'южной кореи', ...}.
    Words other than the last are declined as adjectives when they look like adjectives."""
    words = phrase.casefold().replace("ё", "е").split()
    if not words:
        return set()
    if len(words) > 1 and not any(words[0].endswith(e) for e, _ in language.declension_adj):
        # 'Республика Корея', 'РИА Новости': only the head word declines
        head = _decline(words[0], False, language)
        rest = " ".join(words[1:])
        return {f"{f} {rest}" for c in head for f in c}
    tables = [_decline(w, i < len(words) - 1, language) for i, w in enumerate(words)]
    out = set()
    for case in range(6):
        combos = [""]
        for t in tables:
            combos = [f"{c} {f}".strip() for c in combos for f in t[case]]
        out.update(combos)
    return out


# -- token normalisation -------------------------------------------------------------------

_ARABIC = regex.compile(r"\p{Arabic}")
_AR_PREFIX = regex.compile(r"(?:[وف]?[بكل]?(?:ال)?|[وف]?لل)")


@lru_cache(maxsize=64)
def _arabic_script(lang: str) -> tuple[bool, bool]:
    """(Arabic script, drops the article ال): Persian keeps آلمان whole."""
    if not languages.known(lang):
        return False, True
    L = languages.get(lang)
    arabic = L.script is languages.Script.ARABIC
    return arabic, not arabic or bool(L.article)


@lru_cache(maxsize=100_000)
def norm_token(token: str, lang: str) -> str:
    """Lookup key of one token: Arabic letters unified and the article removed; Cyrillic and
    Latin case-folded (ё -> е, possessive 's dropped)."""
    arabic, article = _arabic_script(lang)
    if arabic or _ARABIC.search(token):
        t = ar_token_key(token)
        if article and t.startswith("ال") and len(t) > 3:
            t = t[2:]
        return t
    t = token.casefold().replace("ё", "е").replace("’", "'")
    if t.endswith("'s"):
        t = t[:-2]
    return t


_APOSTROPHE = regex.compile(r"['’]")


@lru_cache(maxsize=100_000)
def latin_variants(token: str, lang: str) -> tuple[tuple[str, int], ...]:
    """(key, letters stripped in front) of a Latin or Cyrillic token, the token itself first;
    then without a French elision (l'Allemagne -> allemagne, 2) or a Turkish case suffix
    after an apostrophe (Ankara'da -> ankara), by `Language.elisions` / `inflection_endings`."""
    out = [(norm_token(token, lang), 0)]
    m = _APOSTROPHE.search(token)
    if m is None or not languages.known(lang):
        return tuple(out)
    language = languages.get(lang)
    head, tail = token[: m.start()], token[m.end() :]
    if head.casefold() in language.elisions and tail:
        out.append((norm_token(tail, lang), m.end()))
    if head and suffix_after_apostrophe(tail, lang):
        out.append((norm_token(head, lang), 0))
    return tuple(out)


@lru_cache(maxsize=100_000)
def arabic_variants(token: str) -> tuple[tuple[str, int], ...]:
    """(key, clitic letters stripped) for an Arabic token, the token itself first:
    'لليابان' -> (('لليابان', 0), ('ليابان', 1), ('يابان', 2), ...). Every variant keeps
    >= 2 letters."""
    t = ar_token_key(token)
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for i in range(0, min(5, len(t) - 1)):
        if i and not _AR_PREFIX.fullmatch(t[:i]):
            continue
        rest = t[i:]
        forms = [(rest, i)]
        if rest.startswith("ال") and len(rest) > 3:
            # the article, or a name that begins with al- (ألونسو، ألمانيا): try both
            forms.insert(0 if i else 1, (rest[2:], i + 2))
        for r, j in forms:
            if len(r) >= 2 and r not in seen:
                seen.add(r)
                out.append((r, j))
    return tuple(out)


def _key(name: str, lang: str) -> tuple[str, ...]:
    return tuple(norm_token(w, lang) for w in name.split())


# -- the gazetteer ---------------------------------------------------------------------------


@dataclass(slots=True)
class Gazetteer:
    """forms: token-key tuple -> (kind, key), kind in place | agency | org."""

    forms: dict[tuple[str, ...], tuple[str, str]]
    first: frozenset[str]  # first token keys of all forms (fast rejection)
    prefixes: frozenset[tuple[str, ...]]  # every proper prefix of a multi-word form
    max_len: int
    ru_adj: dict[str, str]  # stem or compound prefix -> place key (languages that decline)
    en_adj: dict[tuple[str, ...], str]  # adjective words -> place key (the others)
    months: dict[str, dict[str, int]]  # lang -> surface form (lower case) -> month 1..12
    adj_endings: tuple[str, ...] = ()  # endings after a `ru_adj` stem, longest first

    def get(self, key: tuple[str, ...]) -> tuple[str, str] | None:
        return self.forms.get(key)


def _clean(name: str) -> str:
    name = regex.sub(r"\s*\([^)]*\)", "", name)
    return " ".join(name.replace("\u00a0", " ").split())


def _add_relative(add, language: Language, name: str, key: str) -> None:
    """Relative adjectives of a one-word country name (Arabic nisba): روسيا -> روسي،
    الروسية، الروسيين; اليابان -> ياباني، اليابانية (`Language.relative_suffixes`)."""
    name = _clean(name)
    if " " in name:
        return
    base = norm_token(name, language.code)
    if base in language.ambiguous_places:
        return
    base = base.rstrip(_AR_SUFFIX_STRIP)
    if base.endswith("ي"):
        base = base[:-1]
    if len(base) >= 3:
        for suffix in language.relative_suffixes:
            add(language, base + suffix, "place", key)


#: A one-word name of a language that is this frequent (wordfreq Zipf scale) as a word of an
#: earlier language of the same script is left out: Persian کیف (Kyiv) is Arabic كيف 'how',
#: Spanish China is English china. Forms are matched whatever the text's language.
COMMON_WORD_ZIPF = 3.5


_AR_SPELLING = str.maketrans({"ی": "ي", "ک": "ك"})


def _earlier_words(langs):
    """taken(language, key): is `key` a common word, or an ambiguous place name, of a
    language of the same script that comes earlier in the registry?"""
    from wordfreq import zipf_frequency

    earlier = {L.code: [E for E in langs[:i] if E.script == L.script] for i, L in enumerate(langs)}

    def taken(language: Language, key: str, surface: str) -> bool:
        spellings = {key, surface.casefold()}
        if language.script is languages.Script.ARABIC:  # as an Arabic text spells the same word: ی ک -> ي ك, final ه -> ة
            s = surface.translate(_AR_SPELLING)
            spellings |= {s, s[:-1] + "ة" if s.endswith("ه") else s}
        for E in earlier[language.code]:
            for w in spellings:
                if w in E.ambiguous_places or zipf_frequency(w, E.code, wordlist="small") >= COMMON_WORD_ZIPF:
                    return True
        return False

    return taken


def _build() -> Gazetteer:
    from babel import Locale

    forms: dict[tuple[str, ...], tuple[str, str]] = {}
    langs = languages.languages()
    taken_words = _earlier_words(langs)

    def add(language: Language, name: str, kind: str, key: str, decline: bool = True) -> None:
        name = _clean(name)
        if not name:
            return
        decline = decline and not name.replace(" ", "").isupper()
        declines = bool(language.declension_noun)
        variants = name_forms(name, language) if (declines and decline) else {name}
        if declines and not decline:
            variants = {name.casefold().replace("ё", "е")}
        for v in variants:
            k = _key(v, language.code)
            if not k or not all(k):
                continue
            if len(k) == 1 and (k[0] in language.ambiguous_places or len(k[0]) < 2):
                continue
            if len(k) == 1 and k not in forms and taken_words(language, k[0], v):
                continue
            forms.setdefault(k, (kind, key))

    # curated names first, table by table, key by key (the first language to claim a form keeps it)
    for field, kind in (("agencies", "agency"), ("orgs", "org"), ("territory_aliases", "place"), ("places", "place")):
        keys = list(dict.fromkeys(k for L in langs for k in getattr(L, field)))
        for code in keys:
            for L in langs:
                for n in getattr(L, field).get(code, ()):
                    add(L, n, kind, f"{kind}:{code}")

    # then CLDR, language by language in registry order (an earlier language keeps a form)
    locales = {L.code: Locale.parse(L.code) for L in langs}
    pivot = languages.get(languages.PIVOT)
    zones = [tz for tz in dict.fromkeys(tz for L in langs if L is not pivot for tz in locales[L.code].time_zones)
             if not _SKIP_ZONES.match(tz) and "/" in tz]
    for L in langs:
        for code, name in locales[L.code].territories.items():
            if code in _SKIP_TERRITORIES or (code.isdigit() and code not in _REGIONS) or "-" in code:
                continue
            add(L, name, "place", f"place:{code}")
            if L.relative_suffixes and code not in L.relative_skip:
                _add_relative(add, L, name, f"place:{code}")
        # cities: CLDR time-zone exemplar cities, keyed by the pivot language's name
        for tz in zones:
            en_city = (locales[pivot.code].time_zones.get(tz) or {}).get("city") or tz.rsplit("/", 1)[-1].replace("_", " ")
            key = "place:" + regex.sub(r"[^\w]+", "_", en_city.casefold()).strip("_")
            city = en_city if L is pivot else (locales[L.code].time_zones.get(tz) or {}).get("city")
            if city:
                city = _clean(city).split(",")[0]
                if len(city.replace(" ", "")) >= 3:
                    add(L, city, "place", key)
        # relative adjectives of the short forms too (أمريكي، أميركية، بريطاني)
        if L.relative_suffixes:
            for code, names in L.territory_aliases.items():
                for n in names:
                    _add_relative(add, L, n, f"place:{code}")

    ru_adj: dict[str, str] = {}
    en_adj: dict[tuple[str, ...], str] = {}
    endings: set[str] = set()
    for L in langs:
        if L.adjective_endings:
            endings.update(L.adjective_endings)
            for code, stems in L.adjectives.items():
                for stem in stems:
                    ru_adj.setdefault(stem, f"place:{code}")
        else:
            for code, adjs in L.adjectives.items():
                for adj in adjs:
                    en_adj.setdefault(tuple(w.casefold() for w in adj.split()), f"place:{code}")
    first = frozenset(k[0] for k in forms)
    prefixes = frozenset(k[:j] for k in forms for j in range(1, len(k)))
    max_len = max(len(k) for k in forms)
    adj_endings = tuple(sorted(endings, key=len, reverse=True))
    return Gazetteer(forms, first, prefixes, max_len, ru_adj, en_adj, _months(), adj_endings)


_SCRIPT = {"Arabic": r"[\p{Arabic} ]+", "Cyrillic": r"[\p{Cyrillic}. ]+", "Latin": r"[\p{Latin}. ]+"}


def _months() -> dict[str, dict[str, int]]:
    """Month names of every regional variant of each language in CLDR (Arabic has the
    Egyptian يناير, the Levantine كانون الثاني and the Maghrebi جانفي series), wide and
    abbreviated, format and stand-alone, plus `Language.months_extra`; in languages that
    decline names (Russian), in all six cases."""
    from babel import localedata
    from babel.dates import get_month_names

    out: dict[str, dict[str, int]] = {}
    ids = localedata.locale_identifiers()
    for L in languages.languages():
        forms: dict[str, int] = {}
        for loc in [i for i in ids if i == L.code or i.startswith(L.code + "_")]:
            for width in ("wide", "abbreviated"):
                for ctx in ("format", "stand-alone"):
                    for num, name in get_month_names(width, ctx, loc).items():
                        name = " ".join(name.replace("\u00a0", " ").split()).casefold()
                        if not regex.fullmatch(_SCRIPT[L.script], name) or len(name.rstrip(".")) < 3:
                            continue
                        forms.setdefault(name, num)
                        if L.declension_noun and width == "wide" and ctx == "stand-alone":
                            for f in name_forms(name, L):
                                forms.setdefault(f, num)
        for name, num in L.months_extra.items():
            forms.setdefault(name, num)
        out[L.code] = forms
    return out


def _cache_path(name: str = "gazetteer") -> Path | None:
    """Pickle path keyed by the data libraries' versions and the source of the modules that
    hold or build the data (this one, `aligner.tokens`, `aligner.lang.*`), so an upgrade or
    an edit rebuilds it."""
    key = _cache_key()
    if key is None:
        return None
    folder, tag = key
    return folder / f"{name}-{tag}.pickle"


@lru_cache(maxsize=1)
def _cache_key() -> tuple[Path, str] | None:
    """(cache folder, version-and-source tag), worked out once per process."""
    try:
        from platformdirs import user_cache_dir

        h = hashlib.sha1()
        here = Path(__file__)
        for src in (here, here.with_name("tokens.py"), *sorted((here.parent / "lang").glob("*.py"))):
            if src.is_file():
                h.update(src.read_bytes())
        libs = "-".join(_lib_version(lib) for lib in ("babel", "wordfreq"))
        return Path(user_cache_dir("aligner")), f"{libs}-{h.hexdigest()[:12]}"
    except Exception:  # noqa: BLE001 - no cache dir: build in memory
        return None


def _lib_version(lib: str) -> str:
    """The installed version of `lib`, from its dist-info folder name beside the package
    (`wordfreq-3.1.1.dist-info`), without importing `lib` or `importlib.metadata` (whose
    import alone costs more than loading the cache)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(lib)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return "none"
    site = Path(spec.origin).parent.parent
    found = sorted(p.name[len(lib) + 1 : -len(".dist-info")] for p in site.glob(f"{lib}-*.dist-info"))
    if found:
        return found[-1]
    st = Path(spec.origin).stat()  # no dist-info (a source tree): the package file itself
    return f"{st.st_size}.{st.st_mtime_ns}"


def cached(name: str, build):
    """`build()`, loaded from its pickle in the user cache dir when there is one, else built
    and pickled there (atomically). `ALIGNER_NO_CACHE=1` bypasses the pickle."""
    path = _cache_path(name)
    if path is not None and os.environ.get("ALIGNER_NO_CACHE") != "1":
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # noqa: BLE001 - missing or stale cache: rebuild
            pass
    data = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
    return data


@lru_cache(maxsize=1)
def get() -> Gazetteer:
    """The process-wide gazetteer: loaded from the cache pickle, else built and cached."""
    gz = cached("gazetteer", _build)
    return gz if isinstance(gz, Gazetteer) else _build()


@lru_cache(maxsize=50_000)
def russian_adjective(token: str) -> str | None:
    """Place key of a Russian country adjective or compound (японской, японо-китайские ->
    JP), or None."""
    gz = get()
    t = token.casefold().replace("ё", "е")
    for part in t.split("-"):
        if part in gz.ru_adj:
            return gz.ru_adj[part]
        for end in gz.adj_endings:
            if part.endswith(end) and part[: -len(end)] in gz.ru_adj:
                return gz.ru_adj[part[: -len(end)]]
    return None


@lru_cache(maxsize=100_000)
def russian_adjectives(token: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, key) inside the token for every country part of a compound adjective:
    'японо-китайские' -> ((0, 5, 'place:JP'), (6, 15, 'place:CN')). Memoised: the
    extraction asks for every Cyrillic token."""
    out = []
    pos = 0
    for part in token.split("-"):
        key = russian_adjective(part) if part else None
        if key:
            out.append((pos, pos + len(part), key))
        pos += len(part) + 1
    return tuple(out)


# -- the lexicon: common words that are not names ------------------------------------------

# OpenCorpora grammemes of proper names (people, places, organisations, trade marks)
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@lru_cache(maxsize=4)
def _morph(lexicon: str):
    """pymorphy3's analyser, its dictionary located by the dictionary package's `get_path()`:
    pymorphy3 itself scans the entry points of every installed package (~30 ms, most of it
    importing importlib.metadata). PYMORPHY3_DICT_PATH, when set, is left to pymorphy3."""
    import importlib

    import pymorphy3

    path = None
    if pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE not in os.environ:
        try:
            path = importlib.import_module(f"pymorphy3_dicts_{lexicon}").get_path()
        except ImportError:
            path = None  # pymorphy3 looks for it (and says so when it is missing)
    return pymorphy3.MorphAnalyzer(path=path, lang=lexicon)


@lru_cache(maxsize=100_000)
def common_word(word: str, lang: str) -> bool:
    """True when a capitalised word is, by the language's lexicon (`Language.lexicon`: the
    pymorphy3 dictionaries of Russian and Ukrainian), mostly an ordinary word: one that the
    dictionary knows and reads mostly as a common noun or adjective (Неделе in «Неделе моды»,
    Содружества, Играх, Твиттере; Різдва, Судового), not as a person, place or organisation
    (Трампа, Гарварда, Ливерпуля, Азар). Unknown words (most foreign names) are not common.
    Languages without a lexicon here: False."""
    lexicon = languages.get(lang).lexicon if languages.known(lang) else None
    if lexicon is None or not _CYRILLIC_WORD.fullmatch(word):
        return False
    try:
        morph = _morph(lexicon)
    except (ImportError, ValueError, OSError):  # the dictionary package is not installed
        return False
    low = word.casefold()
    if not morph.word_is_known(low):
        return False
    parses = morph.parse(word)
    proper = sum(p.score for p in parses if _PROPER & set(p.tag.grammemes))
    total = sum(p.score for p in parses)
    if total > 1.01:  # a dictionary without frequencies (Ukrainian) scores every reading 1
        proper /= total
    return proper < 0.5


_CYRILLIC_WORD = regex.compile(r"[\p{Cyrillic}-]+")
