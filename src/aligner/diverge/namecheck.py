"""`name` flags: a person's name missing or replaced, and the same name spelled several ways
within one version (تاكايشي / تاكايتشي).

Cross-script matching is `aligner.entities.match_names`; this module decides which of its
unpaired names are worth an editor's attention. Translators render many capitalised words
by their meaning (Saturn -> زحل, Harbour Bridge -> جسر الميناء), so a one-sided word is
reported only when it looks like a person's name and no looser, inflection-aware comparison
finds it on the other side. It also records the anchors the verdict relies on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

import regex

from aligner import gazetteer, names, tokens
from aligner import lang as languages
from aligner.diverge.attribution import _SPEAKER_WINDOW, _verb_cues
from aligner.diverge.evidence import (
    LOOSE_NAME_SIMILARITY,
    _LATIN,
    _NUMERIC_KINDS,
    _WORD,
    _both_ways,
    _doc_span,
    _loosely_present,
    _overlaps,
    _shift,
    _Side,
    _stems,
    _value_keys,
)
from aligner.entities import Entity, NameMatch, frequent_word, function_word
from aligner.normalize import match_key
from aligner.types import Bead, Flag, Pair, Span

if TYPE_CHECKING:  # pragma: no cover
    from aligner.diverge import DivergeConfig


def _record_anchors(pair: Pair, bead: Bead, s: _Side, t: _Side, nm: NameMatch) -> None:
    """Evidence for the verdict: how many hard anchors (same number, date, person name,
    agency, or a place that is not named all over both texts) the two sides share, and
    whether both sides had anything of that grade to anchor on at all."""
    kinds = set(_NUMERIC_KINDS)
    s_vals = {v for e in s.entities(bead.src, kinds) for v in _value_keys(e)}
    t_vals = {v for e in t.entities(bead.tgt, kinds) for v in _value_keys(e)}
    s_attr = {e.key for e in s.entities(bead.src, {"attribution"})}
    t_attr = {e.key for e in t.entities(bead.tgt, {"attribution"})}
    names = 0.0
    for a, b in nm.matched:
        if a.kind == "place" or b.kind == "place":
            names += 0.0 if s.common_place(a.key) or t.common_place(b.key) else 1.0
        else:
            names += 1.0
    pair.evidence["anchors"] = len(s_vals & t_vals) + len(s_attr & t_attr) + names

    def graded(ents: list[Entity], side: _Side) -> bool:
        return any(e.kind != "place" or not side.common_place(e.key) for e in ents)

    has_s = bool(s_vals or s_attr or graded([a for a, _ in nm.matched] + list(nm.src_only), s))
    has_t = bool(t_vals or t_attr or graded([b for _, b in nm.matched] + list(nm.tgt_only), t))
    pair.evidence["anchorable"] = 1.0 if has_s and has_t else 0.0


def with_names_at_start(nm: NameMatch, s: _Side, t: _Side, s_marks: list[tuple[int, int]], t_marks: list[tuple[int, int]],
                        bead_src: Sequence[int], bead_tgt: Sequence[int]) -> NameMatch:
    """`nm` with the weak candidates that the document knows for names (`_named_at_start`)
    among the one-sided names: the matcher sees only the pair's text."""
    more_s = [e for e in nm.src_weak if _named_at_start(_shift(e, s_marks), s, t, bead_tgt)] if bead_tgt else []
    more_t = [e for e in nm.tgt_weak if _named_at_start(_shift(e, t_marks), t, s, bead_src)] if bead_src else []
    if not more_s and not more_t:
        return nm
    return NameMatch(nm.matched, sorted(nm.src_only + more_s, key=lambda e: e.start),
                     sorted(nm.tgt_only + more_t, key=lambda e: e.start))


def _name_flags(
    nm: NameMatch,
    s_marks: list[tuple[int, int]],
    t_marks: list[tuple[int, int]],
    s: _Side,
    t: _Side,
    bead_src: tuple[int, ...],
    bead_tgt: tuple[int, ...],
    near_src: tuple[int, ...],
    near_tgt: tuple[int, ...],
    attribution: list[Flag],
) -> list[Flag]:
    """`name`: a person/organisation name (or a place replaced by another place) present on
    one side only. See `_really_one_sided` for what is not reported."""
    # names the matcher left unpaired but a looser comparison finds in the other side's
    # sentences of this pair (Ким / بكيم) are not missing; those that look like a person's
    # name count as carried across, like matched ones (a common noun such as Вулкан meets
    # بركان only by its loose skeleton, which says nothing about the name beside it)
    s_here = {id(e) for e in nm.src_only if _loosely_present(e.surface, s.doc.lang, t, bead_tgt)}
    t_here = {id(e) for e in nm.tgt_only if _loosely_present(e.surface, t.doc.lang, s, bead_src)}
    s_kept = [_shift(a, s_marks) for a, _ in nm.matched] + [
        x for e in nm.src_only if id(e) in s_here and e.kind == "name" and _person_like(x := _shift(e, s_marks), s)
        and _spelled_in(e.surface, s.doc.lang, t, bead_tgt)]
    t_kept = [_shift(b, t_marks) for _, b in nm.matched] + [
        x for e in nm.tgt_only if id(e) in t_here and e.kind == "name" and _person_like(x := _shift(e, t_marks), t)
        and _spelled_in(e.surface, t.doc.lang, s, bead_src)]
    # a name the other side's neighbours carry may have moved across a sentence boundary,
    # unless the other side of this pair names somebody else in its place (stand_in)
    stand_in: list[tuple[Entity, Span]] = []

    def one_sided(e: Entity, side: _Side, other: _Side, near: tuple[int, ...], own_ids: tuple[int, ...],
                  other_ids: tuple[int, ...]) -> bool:
        if _really_one_sided(e, side, other, near) and not _needs_stand_in(side):
            return True
        if e.kind != "name" or not _person_like(e, side) or stand_in:
            return False
        # a carried name right beside this one on its own side is a neighbour, not its owner
        # ('«Лейкерс» Майк Трюделл', the Lakers' Mike Trudell: the word beside مايك may stand in)
        beside = {id(b) for a, b in nm.matched if _next_to(_shift(a, s_marks), e, side.doc.text)}
        carried = [_shift(b, t_marks) for _, b in nm.matched if id(b) not in beside] + t_kept[len(nm.matched):]
        stand_in.extend(_stand_in(side, own_ids, other, other_ids, carried))
        return bool(stand_in)

    s_only = [
        e for e in nm.src_only
        if id(e) not in s_here and not _part_of_larger_name(_shift(e, s_marks), s, s_kept)
        and one_sided(_shift(e, s_marks), s, t, near_tgt, bead_src, bead_tgt)
        and not _speaker_left_implicit(_shift(e, s_marks), s, bead_src, t, bead_tgt)
    ]
    t_only = [
        e for e in nm.tgt_only
        if id(e) not in t_here and not _part_of_larger_name(_shift(e, t_marks), t, t_kept)
        and not _needs_stand_in(t) and _really_one_sided(_shift(e, t_marks), t, s, near_src)
        and not _speaker_left_implicit(_shift(e, t_marks), t, bead_tgt, s, bead_src)
    ]
    # a place dropped in translation is usually paraphrase ('Japanese' for 'Tokyo'); a place
    # replaced by another place is not
    s_places = [e for e in s_only if e.kind == "place"]
    t_places = [e for e in t_only if e.kind == "place"]
    if not (s_places and t_places):
        s_only = [e for e in s_only if e.kind != "place"]
        t_only = [e for e in t_only if e.kind != "place"]
    w = _SPEAKER_WINDOW  # a speaker already reported with its attribution is not reported twice
    s_taken = [(f.src_span[0] - w, f.src_span[1] + w) for f in attribution if f.src_span]
    t_taken = [(f.tgt_span[0] - w, f.tgt_span[1] + w) for f in attribution if f.tgt_span]
    flags: list[Flag] = []
    a = [(e, _doc_span(e, s_marks)) for e in s_only]
    b = [(e, _doc_span(e, t_marks)) for e in t_only]
    a = [x for x in a if not any(_overlaps(x[1], sp) for sp in s_taken)]
    b = [x for x in b if not any(_overlaps(x[1], sp) for sp in t_taken)]
    if a and stand_in:
        b = stand_in + b
    for k in range(max(len(a), len(b))):
        ea, sa = a[k] if k < len(a) else (None, None)
        eb, sb = b[k] if k < len(b) else (None, None)
        severity = "major"
        if ea and eb:
            detail = f"name differs: SRC '{ea.surface}' vs TGT '{eb.surface}'"
        elif ea:
            detail = f"name '{ea.surface}' in SRC is missing from TGT"
            if _never_written(ea, s, t):
                detail, severity = f"name '{ea.surface}' of SRC is written nowhere in TGT (rendered by its meaning?)", "minor"
        else:
            detail = f"name '{eb.surface}' in TGT is not in SRC"
            if _never_written(eb, t, s):
                detail, severity = f"name '{eb.surface}' of TGT is written nowhere in SRC (rendered by its meaning?)", "minor"
        flags.append(Flag("name", detail, sa, sb, severity=severity))
    return flags


_BESIDE = regex.compile(r"[\s«»“”„\"]{1,4}")


def _next_to(a: Entity, e: Entity, text: str) -> bool:
    """Only spaces and quotation marks between two entities of one text."""
    lo, hi = (a, e) if a.start < e.start else (e, a)
    return bool(_BESIDE.fullmatch(text, lo.end, hi.start))


def _never_written(e: Entity, side: _Side, other: _Side) -> bool:
    """A name its own version uses again and again that the other version never writes, in
    any spelling: a term the translator renders by its meaning throughout (Брексит / 'the UK's
    withdrawal from the EU'), not one dropped here. Still shown, as minor."""
    mine = _stems(e.surface, side.doc.lang)
    if side.names_sharing_stem(mine) < 2:
        return False
    keys = {_coarse(sk) for st in mine for sk in names.skeleton_variants(st, side.doc.lang)}
    if any(len(k) < 4 for k in keys):
        return False  # too short to say that no word of the other version could be it
    return not keys & _coarse_skeletons(other.doc.text, other.doc.lang)


# skeleton classes that transliterations confuse (`names._CHEAP`: s/t/d/z/j/g, f/b) merged:
# an index key that meets every spelling `names.similarity` would let pass, and more
_COARSE = str.maketrans({"T": "S", "D": "S", "Z": "S", "J": "S", "G": "S", "F": "B", "A": "", "Y": ""})


def _coarse(skeleton: str) -> str:
    out = []
    for c in skeleton.translate(_COARSE):
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=8)
def _coarse_skeletons(text: str, lang: str) -> frozenset[str]:
    """Coarse skeletons (`_coarse`) of every word of a document, inflection and clitics
    stripped, glued words split too: built once per document."""
    words = set(_WORD.findall(_both_ways(text, lang)))
    return frozenset(_coarse(sk) for w in words for st in _stems(w, lang) for sk in names.skeleton_variants(st, lang))


STAND_IN_LETTERS = 5  # shorter words are read too unreliably by their letters
STAND_IN_TRANSLITERATED = 0.15  # `tokens.transliterated` of a word that reads as a foreign name
_ARABIC_RUN = regex.compile(r"\p{Arabic}[\p{Arabic}\p{M}]*")
_CAPITALISED = regex.compile(r"\p{Lu}[\p{L}\p{M}]+")


@lru_cache(maxsize=8)
def _capitalised_skeletons(text: str, lang: str) -> frozenset[str]:
    """Skeleton variants of every capitalised word of a document (built once per document):
    a name the other version writes is looked up here, wherever this version names it."""
    return frozenset(sk for w in set(_CAPITALISED.findall(text)) for sk in names.skeleton_variants(w, lang) if len(sk) >= 3)


def _stand_in(side: _Side, own_ids: Sequence[int], other: _Side, other_ids: Sequence[int],
              carried: Sequence[Entity] = ()) -> list[tuple[Entity, Span]]:
    """Words of the other side's sentences (a language without capitals, Arabic) that read
    as a foreign name written in its letters (`tokens.transliterated`), that no entity took,
    and that name nobody of this side's sentences around: another person where this side's
    name was (Лопес Обрадор / كاتارينا فولف), not a pronoun or a description
    (Эрдогана / رئيسهم, 'their president'). Consecutive words are one name, and a word right
    beside a name both sides carry is that person's (Арианы / أريانا غراندي)."""
    lang = other.doc.lang
    if languages.script(lang) is not languages.Script.ARABIC or languages.script(side.doc.lang) is languages.Script.ARABIC:
        return []  # (the model reads Arabic letters; a side with capitals shows its names)
    taken = [(e.start, e.end) for e in other.entities(other_ids)] + [(e.start - 2, e.end + 2) for e in carried]
    words: list[tuple[int, int]] = []
    for x in other.sentences(other_ids):
        for m in _ARABIC_RUN.finditer(x.text):
            a, b = x.start + m.start(), x.start + m.end()
            w = m.group()
            if len(w) < STAND_IN_LETTERS or function_word(w, lang) or any(_overlaps((a, b), sp) for sp in taken):
                continue
            if tokens.TANWEEN_END.search(w) or w.endswith("ة"):
                continue  # an indefinite noun or adverb (كليًا, 'entirely'), a feminine noun or adjective (مبنية): no name
            if tokens.transliterated(w) >= STAND_IN_TRANSLITERATED:
                words.append((a, b))
    if not words:
        return []
    ids = range(min(own_ids) - _SPEAKER_CONTEXT, max(own_ids) + _SPEAKER_CONTEXT + 1)
    mine = [m.group() for x in side.sentences(ids) for m in _CAPITALISED.finditer(x.text)]
    everywhere = _capitalised_skeletons(side.doc.text, side.doc.lang)
    text = other.doc.text
    # a capitalised word around that is spelled alike names the word; the loose skeleton
    # meets too many capitals by chance (Коркоран, Kariyerinin for كاتارينا)
    def named_here(w: str) -> bool:
        return any(names.same_name(w, lang, c, side.doc.lang) for c in mine)

    found = [(a, b) for a, b in words
             if not everywhere.intersection(names.skeleton_variants(text[a:b], lang)) and not named_here(text[a:b])]
    if not found:
        return []
    a, b = found[0]
    for c, d in found[1:]:
        if not text[b:c].strip():
            b = d
        else:
            break
    return [(Entity("name", "name:", text[a:b], a, b), (a, b))]


def _spelled_in(surface: str, lang: str, other: _Side, ids: Sequence[int]) -> bool:
    """Some word of the other side's sentences is this name by `names.similarity`, not only
    by the loose consonant skeleton of `_loosely_present` (Ёсихидэ meets كيشيدا that way)."""
    mine = [v for w in _WORD.findall(surface) for v in _stems(w, lang)]
    for x in other.sentences(ids):
        for w in _WORD.findall(_both_ways(x.text, other.doc.lang)):
            for y in _stems(w, other.doc.lang):
                if any(names.similarity(v, lang, y, other.doc.lang) >= LOOSE_NAME_SIMILARITY for v in mine):
                    return True
    return False


def _needs_stand_in(side: _Side) -> bool:
    """A Latin-script text of a language other than English, with no lexicon that reads its
    capitalised words (French, Spanish, German, Turkish: `Language.lexicon` is None): its
    capitals are too often common nouns and titles left in English (Marine allemande, Premier
    League, Coffer Peach Tracker) for a one-sided one to be a claim by itself. Its name is
    reported only when the other version names somebody else in its place (`_stand_in`)."""
    x = languages.get(side.doc.lang) if languages.known(side.doc.lang) else None
    english = languages.get(languages.PIVOT).word_frequencies
    return x is not None and x.script is languages.Script.LATIN and x.lexicon is None and x.word_frequencies not in (None, english)


def _part_of_larger_name(e: Entity, side: _Side, kept: list[Entity]) -> bool:
    """A word of a longer name whose other words made it across (Sydney Harbour *Bridge*,
    *Гран*-при, St James' Gate *Brewery*): translators render the generic part by its meaning.
    A word in Latin script inside a Cyrillic or Arabic text is a brand or a title left in the
    original, which the other version may well translate."""
    text = side.doc.text
    before, after = text[max(0, e.start - 1) : e.start], text[e.end : e.end + 1]
    if after in _HYPHENS or (before in _HYPHENS and not (e.surface[:1].isupper() and _PARTICLE_BEFORE.search(text, max(0, e.start - 5), e.start))):
        return True
    if languages.script(side.doc.lang) is not languages.Script.LATIN and _LATIN.fullmatch(e.surface):
        return True
    if _GLOSSED.match(text, e.end):
        return True
    # (a quoted name is a name of its own: «Лейкерс» Майк Трюделл)
    return any((0 <= k.start - e.end <= 2 and not _QUOTE_MARK.search(text, e.end, k.start)) or
               (0 <= e.start - k.end <= 2 and not _QUOTE_MARK.search(text, k.end, e.start)) for k in kept if k.kind == "name")


_QUOTE_MARK = regex.compile(r"[«»“”„\"]")


_HYPHENS = ("-", "‑")
# a lower-case particle hyphened to the name (аль-Муалем, ад-Дин, ван-): the name itself,
# not the second word of a longer one (Нью-Йорк, Гран-при). Searched in the 5 characters before
# the name only (its longest match; the look-behind still sees the one before): a search from the
# start of the document made each test linear in the document's length.
_PARTICLE_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])\p{Ll}{1,4}[-‑]$")

# a name followed by its meaning in brackets (Лав («любовь»), Браза Лав («Братская Любовь»)):
# the other version may give only the meaning
_GLOSSED = regex.compile(r"(?:\s+\p{Lu}[\p{L}\p{M}]*){0,2}\s*\(\s*[«“„\"]")


def _really_one_sided(e: Entity, side: _Side, other: _Side, near_ids: Sequence[int]) -> bool:
    """Guards for a name that neither the matcher nor a looser, inflection-aware comparison
    (Калифорнией / كاليفورنيا) found in the other side of its pair (offsets of `e` in
    `side.doc`): a capitalised first word of a sentence that is never capitalised inside a
    sentence is an ordinary word ('Храм', 'Жильцы'); a name that sits in the neighbouring
    pair (a sentence boundary the aligner placed differently) is not missing."""
    if e.kind == "name" and not _person_like(e, side):
        return False
    return not _loosely_present(e.surface, side.doc.lang, other, tuple(near_ids))


_SPEAKER_CONTEXT = 12  # sentences before the pair in which 'he said' finds its person


def _cues(side: _Side, ids: Sequence[int]) -> list[Entity]:
    ents = side.entities(ids, {"attribution"})
    return [c for c in ents if c.key.startswith("cue:")] + _verb_cues(side, ids, ents)


_NEXT_WORD = regex.compile(r"\s*([\p{L}\p{M}]+)?")


def _speaker_left_implicit(e: Entity, side: _Side, ids: Sequence[int], other: _Side, other_ids: Sequence[int]) -> bool:
    """The name is the speaker of a reporting verb on its side, while the other side reports
    the speech with nobody named at the verb (По словам Трампа / وقال إن, — сказал Макрон /
    وأضاف:) and names the person in the sentences before: 'he said' is the same speaker."""
    if not any(c.start - _SPEAKER_WINDOW < e.end and e.start < c.end + _SPEAKER_WINDOW for c in _cues(side, ids)):
        return False
    implicit = False
    for c in _cues(other, other_ids):
        m = _NEXT_WORD.match(other.doc.text, c.end)
        nxt = m.group(1) if m else None
        if nxt is None or function_word(nxt, other.doc.lang):  # a quote, a colon, إن / أن, a pronoun
            implicit = True
            break
    if not implicit:
        return False
    first = min(other_ids)
    before = [x.id for x in other.doc.sentences if first - _SPEAKER_CONTEXT <= x.id <= max(other_ids)]
    return _loosely_present(e.surface, side.doc.lang, other, before)


@lru_cache(maxsize=16)
def _titles(lang: str) -> regex.Pattern | None:
    """A title just before a name (`Language.titles`: Mr, господин, السيد), or None."""
    pattern = languages.get(lang).titles if languages.known(lang) else ""
    return regex.compile(pattern) if pattern else None


def _person_like(e: Entity, side: _Side) -> bool:
    """Evidence that a one-sided capitalised word is a person's name and not a term the
    translator rendered by its meaning (Saturn -> زحل, The Daily Show -> البرنامج اليومي):
    a title before it, a first name and surname, or the name recurring in the document; never
    a word the language's lexicon reads as a common noun (`gazetteer.common_word`). A
    sentence's first word must also occur capitalised inside some sentence ('Фактически')."""
    text, lang = side.doc.text, side.doc.lang
    title = _titles(lang)
    titled = title is not None and bool(title.search(text[max(0, e.start - 40) : e.start]))
    if title is not None and languages.script(lang) is languages.Script.ARABIC:
        # no capitals: without a title a lone Arabic word is too often not a name; and a word
        # in ta marbuta after a title is mostly an adjective ('الرئيس مستقرة', the president is stable)
        return titled and not e.surface.endswith("ة")
    if not titled and (all(gazetteer.common_word(w, lang) for w in _WORD.findall(e.surface))
                       or all(frequent_word(w, lang) for w in e.surface.split())):
        return False  # a common noun written with a capital (Неделе моды, Игры Содружества, Parti)
    mine = _stems(e.surface, lang)
    if not titled and _title_case(side, e) and side.names_sharing_stem(mine) < 2:
        return False  # a headline in Title Case ('Pig Mauls Farmer'): its capitals say nothing
    if _sentence_initial(side, e) and not (mine & side.inner_names()):
        return False
    if titled or len(_WORD.findall(e.surface)) >= 2:
        return True
    x = side.sentence_at(e.start)
    if x is not None:  # the neighbouring word is a name too (Джеймс Эвинг)
        for other in side.ents.get(x.id, ()):
            if other.kind == "name" and other is not e and (0 < other.start - e.end <= 2 or 0 < e.start - other.end <= 2):
                return True
        # or a capitalised word the extractor keeps out of the names, as it does feminine
        # surnames that decline like adjectives (Марты Якубовской)
        if _NEXT_CAPITALISED.match(text, e.end, x.end):
            return True
    count = side.names_sharing_stem(mine)
    return count >= 2


_NEXT_CAPITALISED = regex.compile(r"[ \u00a0]\p{Lu}\p{Ll}+")


def _title_case(side: _Side, e: Entity) -> bool:
    """`e` sits in a line of a language whose headlines are in Title Case, and most of that
    line's longer words are capitalised."""
    if not (languages.known(side.doc.lang) and languages.get(side.doc.lang).title_case_headlines):
        return False
    x = side.sentence_at(e.start)
    if x is None:
        return False
    words = [w for w in _WORD.findall(side.doc.text[x.start : x.end]) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _sentence_initial(side: _Side, e: Entity) -> bool:
    x = side.sentence_at(e.start)
    return x is not None and not _WORD.search(side.doc.text[x.start : e.start])


def _named_at_start(e: Entity, side: _Side, other: _Side, other_ids: Sequence[int]) -> bool:
    """A sentence's capitalised first word, which the matcher cannot tell from an ordinary
    word in the pair's text alone, is a name when its document writes it inside a sentence
    (Кавано) and the other version spells it in the sentences around, so that the matcher can
    read it (not Уэст, which it never pairs with ويست). Not a word weak for another reason (an
    adjective, a patronymic)."""
    if not _sentence_initial(side, e) or not (_stems(e.surface, side.doc.lang) & side.inner_names()):
        return False
    around = [x.id for x in other.doc.sentences
              if min(other_ids) - _SPEAKER_CONTEXT <= x.id <= max(other_ids) + _SPEAKER_CONTEXT]
    return _spelled_in(e.surface, side.doc.lang, other, around)


def _spelling_by_similarity(lang: str) -> bool:
    """Near-identical forms are spellings, not cases: Arabic- and English-rule languages
    whose names take no endings (German Mazedoniens, Turkish Ankara'da do)."""
    if not languages.known(lang) or languages.rules(lang).names_decline:
        return False  # Russian and Ukrainian decline names: near-identical forms are cases
    return not (languages.known(lang) and languages.get(lang).inflection_endings)


@dataclass(slots=True)
class _Occurrence:
    word: str
    stems: frozenset[str]
    span: Span
    pair: int


Link = tuple[int, Entity, Entity]  # (pair index, SRC name, TGT name), offsets in the documents


def flag_spelling(pairs: list[Pair], s: _Side, t: _Side, cfg: DivergeConfig, links: list[Link] | None = None) -> None:
    """`name` notes (severity "note"): the same name written several ways within one version
    (e.g. تاكايشي and تاكايتشي, or Sanae as ساناي and سناء). Not a divergence between the
    versions, so it never counts towards the divergence score. Two kinds of evidence: near-identical spellings
    within the version, and one name of the other version rendered two different ways in
    matched pairs. The minority spelling (on a tie, the later one) is flagged where it occurs."""
    links = links or []
    for side, other, key in ((s, t, "src"), (t, s, "tgt")):
        occ: list[_Occurrence] = []
        for pi, p in enumerate(pairs):
            for e in side.entities(getattr(p, key), {"name"}):
                occ.extend(_tokens(e, side.doc.lang, pi))
        found = _spelling_variants(occ, cfg) if _spelling_by_similarity(side.doc.lang) else []
        found += _linked_variants(links, key, side.doc.lang, other.doc.lang)
        for variant, canon, n_canon in found:
            detail = (
                f"name spelled inconsistently in {key.upper()}: '{variant.word}' here, "
                f"'{canon.word}' elsewhere ({n_canon}x)"
            )
            # a copy-editing observation within one version, not a difference between them
            flag = Flag("name", detail, variant.span if key == "src" else None, variant.span if key == "tgt" else None,
                        severity="note")
            target = pairs[variant.pair]
            # one note per spelling per pair: a sentence that writes the variant twice is one
            # observation, not two
            if not any(f.kind == "name" and (variant.span in (f.src_span, f.tgt_span) or f.detail == detail)
                       for f in target.flags):
                target.flags.append(flag)


def _tokens(e: Entity, lang: str, pair: int) -> list[_Occurrence]:
    out = []
    for m in _WORD.finditer(e.surface):
        if len(m.group()) >= 3:
            span = (e.start + m.start(), e.start + m.end())
            out.append(_Occurrence(m.group(), frozenset(_stems(m.group(), lang)), span, pair))
    return out


def _group_by_stems(items: Iterable[tuple[_Occurrence, frozenset[str] | set[str]]]) -> list[list[_Occurrence]]:
    """Items grouped greedily by shared stems: an item joins the first group whose stems
    it meets, and the group takes on its stems."""
    groups: list[tuple[set[str], list[_Occurrence]]] = []
    for item, item_stems in items:
        for stems, members in groups:
            if stems & item_stems:
                members.append(item)
                stems |= item_stems
                break
        else:
            groups.append((set(item_stems), [item]))
    return [m for _, m in groups]


def _clusters(occ: list[_Occurrence]) -> list[list[_Occurrence]]:
    """Occurrences grouped by spelling (same stem after proclitics/case endings)."""
    return _group_by_stems((o, o.stems) for o in occ)


def _minority(fa: list[_Occurrence], fb: list[_Occurrence]) -> list[tuple[_Occurrence, _Occurrence, int]]:
    """The majority spelling is canonical; on a tie the one written first."""
    if (len(fb), -fb[0].span[0]) > (len(fa), -fa[0].span[0]):
        fa, fb = fb, fa
    return [(v, fa[0], len(fa)) for v in fb]


def _spelling_variants(occ: list[_Occurrence], cfg: DivergeConfig) -> list[tuple[_Occurrence, _Occurrence, int]]:
    """Minority spellings among near-identical spellings of one version."""
    forms = _clusters(occ)
    out = []
    for i, fa in enumerate(forms):
        for fb in forms[i + 1 :]:
            a = frozenset().union(*(o.stems for o in fa))
            b = frozenset().union(*(o.stems for o in fb))
            if _spelling_similarity(a, b) >= cfg.spelling_similarity:
                out.extend(_minority(fa, fb))
    return out


def _linked_variants(links: list[Link], key: str, lang: str, other_lang: str) -> list[tuple[_Occurrence, _Occurrence, int]]:
    """Minority spellings of one version among the renderings of one name of the other
    version (tokens of multi-word names are paired from the end: surname with surname)."""
    def renderings():
        for pi, a, b in links:
            mine, theirs = (a, b) if key == "src" else (b, a)
            for x, y in zip(reversed(_tokens(mine, lang, pi)), reversed(_tokens(theirs, other_lang, pi))):
                yield x, y.stems

    out = []
    for members in _group_by_stems(renderings()):
        forms = _clusters(members)
        if len(forms) != 2:  # more than two renderings: more likely a matching error
            continue
        a, b = forms[0][0], forms[1][0]
        if names.script_of(a.word) != names.script_of(b.word):
            continue  # Fallujah / Фаллуджу: a transliteration, not a misspelling
        ka, kb = match_key(a.word, lang), match_key(b.word, lang)
        if SequenceMatcher(None, ka, kb).ratio() < 0.6:
            continue  # Fred / Reid: two names the matcher paired with one, not one name spelled twice
        if _piece_of(ka, kb):
            continue
        out.extend(_minority(forms[0], forms[1]))
    return out


def _piece_of(x: str, y: str) -> bool:
    """One spelling is the other plus two or more letters at an end (إيبروكس / بروكس: a
    word cut off a glued token, or a clitic the stems keep): a piece, not a variant."""
    short, long = sorted((x, y), key=len)
    return len(long) - len(short) >= 2 and (long.startswith(short) or long.endswith(short))


def _spelling_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike two spellings are (0 for a piece of the other, see `_piece_of`)."""
    best = 0.0
    for x in a:
        for y in b:
            if min(len(x), len(y)) < 5:
                continue
            if _piece_of(x, y):
                continue
            best = max(best, SequenceMatcher(None, x, y).ratio())
    return best
