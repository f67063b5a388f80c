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
    _name_among,
    _overlaps,
    _shift,
    _Side,
    _stems,
    _value_keys,
)
from aligner.entities import CROSS_KIND_SIMILARITY, Entity, NameMatch, frequent_word, function_word
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
    s_here = {id(e) for e in nm.src_only if _loosely_here(e, s.doc.lang, t, bead_tgt, [b for _, b in nm.matched] + nm.tgt_only, t_marks)}
    t_here = {id(e) for e in nm.tgt_only if _loosely_here(e, t.doc.lang, s, bead_src, [a for a, _ in nm.matched] + nm.src_only, s_marks)}
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
    swapped = _swapped_names(nm, s_marks, t_marks, s, t, bead_src, bead_tgt, s_here, t_here, s_kept, t_kept)
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
    for ea, (eb, sb) in swapped:
        flags.append(Flag("name", f"name differs: SRC '{ea.surface}' vs TGT '{eb.surface}'", (ea.start, ea.end), sb))
    return flags


def _loosely_here(e: Entity, lang: str, other: _Side, ids: Sequence[int], other_ents: Sequence[Entity],
                  marks: list[tuple[int, int]]) -> bool:
    """`_loosely_present`, except that a person's name is not found in a place of the other
    side that the matcher refused to pair with it for their spellings (Francesco / فرنسا,
    below `entities.CROSS_KIND_SIMILARITY`): the place is that word's reading. (Europa /
    أوروبا, which only the skeletons compare, stays.)"""
    refused = [_doc_span(x, marks) for x in other_ents if e.kind == "name" and x.kind == "place" and
               names.similar(e.surface, lang, x.surface, other.doc.lang, LOOSE_NAME_SIMILARITY) and
               names.similarity(e.surface, lang, x.surface, other.doc.lang) < CROSS_KIND_SIMILARITY]
    return _loosely_present(e.surface, lang, other, ids, cut=refused)


_BESIDE = regex.compile(r"[\s«»“”„\"]{1,4}")
# the same, or a particle written onto the second word of a name (Walid al-Moualem)
_BESIDE_NAME = regex.compile(r"[\s«»“”„\"]{1,4}(?:\p{Ll}{1,3}[-‑’'])?")


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
    as a foreign name written in its letters (`_foreign_names`), that no entity took, and that
    name nobody of this side's sentences around: another person where this side's name was
    (Лопес Обрадор / كاتارينا فولف), not a pronoun or a description (Эрдогана / رئيسهم,
    'their president'). Consecutive words are one name, and a word right beside a name both
    sides carry is that person's (Арианы / أريانا غراندي)."""
    taken = [(e.start - 2, e.end + 2) for e in carried]
    found = _foreign_names(side, own_ids, other, other_ids, taken)
    return [_one_name(found, other.doc.text)] if found else []


def _surname_swapped(e: Entity, k: Entity, b: Entity | None, side: _Side, own_ids: Sequence[int], other: _Side,
                     other_ids: Sequence[int], other_only: Sequence[Entity]) -> tuple[Entity, Span] | None:
    """A word of a name whose other words made it across while it did not (Francesco
    *Molinari* / فرانشيسكو تيموثي برادلي, Walid *al-Moualem* / وليد فيليب موريسون): the other
    side names somebody else where it would be. `b` is the counterpart of `k`, the carried word
    beside `e` (None where only a loose comparison found `k`): the other side's one-sided name
    right beside `b`, or a foreign name nobody around is called (`_foreign_names`) there, or
    anywhere in the pair where `b` is not known. Not a swap: a compound written with a hyphen
    (Bade-Wurtemberg), a word that reads as no person's name on a side with capitals (Sydney
    Harbour *Bridge*, *Başkan* Trump), nor a spelling of the same name (Sergio / سيرخيو)."""
    gap = side.doc.text[min(e.end, k.end):max(e.start, k.start)]
    if not regex.search(r"\s", gap) or not _reads_as_person(e, side):
        return None
    text = other.doc.text
    after = e.start > k.start  # the word follows the carried one: look right after `b`
    if b is None:
        # (not the word in which `k` itself was loosely found: Ligue / لدوري)
        found = [w for w in _foreign_names(side, own_ids, other, other_ids, [])
                 if not _name_among(k.surface, side.doc.lang, [text[w[0]:w[1]]], other.doc.lang)]
        y = _one_name(found, text) if found else None
    elif (x := next((x for x in other_only if x.kind == "name" and _beside(text, b, x, after, _BESIDE_NAME)), None)) is not None:
        y = _whole_name(x, other_only, text, after) if _reads_as_person(x, other) else None
    else:
        y = _foreign_name_beside(b, after, _foreign_names(side, own_ids, other, other_ids, []), text, other.doc.lang)
    if y is None or _spelled_loosely(e.surface, side.doc.lang, y[0].surface, other.doc.lang):
        return None
    return y


NAME_WORDS = 3  # words of a name written beside another, at most


def _foreign_name_beside(b: Entity, after: bool, found: Sequence[Span], text: str, lang: str) -> tuple[Entity, Span] | None:
    """The words right after `b` (before it, not `after`), up to NAME_WORDS of them with only
    spaces between and no function word, as far as the last that reads as a foreign name
    (`found`): a given name the model reads as Arabic (تيموثي) still stands beside its surname
    (برادلي)."""
    hits = set(found)
    words = _ARABIC_RUN.finditer(text, b.end, b.end + 80) if after else reversed(list(_ARABIC_RUN.finditer(text, max(0, b.start - 80), b.start)))
    run, edge, last = [], b.end if after else b.start, 0
    for m in words:
        gap = text[edge:m.start()] if after else text[m.end():edge]
        if len(run) == NAME_WORDS or gap.strip() or not gap or function_word(m.group(), lang):
            break
        run.append((m.start(), m.end()))
        edge = m.end() if after else m.start()
        if run[-1] in hits:
            last = len(run)
    if not last:
        return None
    a, z = min(w[0] for w in run[:last]), max(w[1] for w in run[:last])
    return Entity("name", "name:", text[a:z], a, z), (a, z)


def _whole_name(x: Entity, only: Sequence[Entity], text: str, after: bool = True) -> tuple[Entity, Span]:
    """`x` with the one-sided names right after it (before it, not `after`): one person."""
    return _one_name([(z.start, z.end) for z in sorted(only, key=lambda z: z.start, reverse=not after)
                      if z.kind == "name" and (z is x or (z.start > x.start) == after)], text, backwards=not after)


def _beside(text: str, b: Entity, x: Entity, after: bool, gap: regex.Pattern) -> bool:
    """`x` right after `b` (right before it where not `after`), across `gap`."""
    return bool(gap.fullmatch(text, b.end, x.start) if after else gap.fullmatch(text, x.end, b.start))


def _reads_as_person(e: Entity, side: _Side) -> bool:
    """`_person_like` where capitals can tell; an Arabic-script side leaves it to the other."""
    return languages.script(side.doc.lang) is languages.Script.ARABIC or _person_like(e, side)


LOOSE_SPELLING = 0.5  # `names.skeleton_similarity` of two spellings that may be one name


def _spelled_loosely(a: str, lang_a: str, b: str, lang_b: str) -> bool:
    """Two names whose consonant skeletons are half alike: one name transliterated by a rule
    the skeletons miss (Maddow / مادوم MD / MDM, Sergio / سيرخيو SRG / SRH), not two people
    (Francesco / برادلي FRNSK / BRDL)."""
    ka = {sk for st in _stems(a, lang_a) for sk in names.skeleton_variants(st, lang_a)}
    kb = {sk for w in _WORD.findall(b) for st in _stems(w, lang_b) for sk in names.skeleton_variants(st, lang_b)}
    return any(names.skeletons_close(x, y, LOOSE_SPELLING) for x in ka for y in kb if x and y)


def _one_name(words: list[Span], text: str, backwards: bool = False) -> tuple[Entity, Span]:
    """The first of `words` with those right after it (right before it, `backwards`, where
    `words` run leftwards), as one name."""
    a, z = words[0]
    for c, d in words[1:]:
        if text[d:a].strip() if backwards else text[z:c].strip():
            break
        a, z = min(a, c), max(z, d)
    return Entity("name", "name:", text[a:z], a, z), (a, z)


def _foreign_names(side: _Side, own_ids: Sequence[int], other: _Side, other_ids: Sequence[int],
                   taken: list[Span]) -> list[Span]:
    """Words of the other side's sentences, in a script without capitals facing one with
    them, that read as a foreign name written in its letters (`tokens.transliterated`), that
    no entity took, and that spell no capitalised word of this side: neither anywhere in its
    document nor in its sentences around."""
    lang = other.doc.lang
    if languages.script(lang) is not languages.Script.ARABIC or languages.script(side.doc.lang) is languages.Script.ARABIC:
        return []  # (the model reads Arabic letters; a side with capitals shows its names)
    taken = [(e.start, e.end) for e in other.entities(other_ids)] + taken
    definite = _definite_stems(other.doc.text, lang)
    words: list[tuple[int, int]] = []
    for x in other.sentences(other_ids):
        for m in _ARABIC_RUN.finditer(x.text):
            a, b = x.start + m.start(), x.start + m.end()
            w = m.group()
            if len(w) < STAND_IN_LETTERS or function_word(w, lang) or any(_overlaps((a, b), sp) for sp in taken):
                continue
            if tokens.TANWEEN_END.search(w) or w.endswith("ة"):
                continue  # an indefinite noun or adverb (كليًا, 'entirely'), a feminine noun or adjective (مبنية): no name
            if _stems(w, lang) & definite:
                continue  # written elsewhere with the article (لدوري, الدوري 'the league'): a common noun
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

    return [(a, b) for a, b in words
            if not everywhere.intersection(names.skeleton_variants(text[a:b], lang)) and not named_here(text[a:b])]


@lru_cache(maxsize=8)
def _definite_stems(text: str, lang: str) -> frozenset[str]:
    """The words a document writes with its language's definite article (`Language.article`),
    article dropped: common nouns and adjectives, which a foreign name seldom is (built once per
    document)."""
    article = languages.get(lang).article if languages.known(lang) else ""
    if not article:
        return frozenset()
    return frozenset(w[len(article):] for w in set(_WORD.findall(text)) if w.startswith(article) and len(w) > len(article) + 2)


def _spelled_in(surface: str, lang: str, other: _Side, ids: Sequence[int]) -> bool:
    """Some word of the other side's sentences is this name by `names.similarity`, not only
    by the loose consonant skeleton of `_loosely_present` (Ёсихидэ meets كيشيدا that way)."""
    mine = [v for w in _WORD.findall(surface) for v in _stems(w, lang)]
    for x in other.sentences(ids):
        for w in _WORD.findall(_both_ways(x.text, other.doc.lang)):
            for y in _stems(w, other.doc.lang):
                if any(names.similar(v, lang, y, other.doc.lang, LOOSE_NAME_SIMILARITY) for v in mine):
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
    return _carried_beside(e, side, kept) is not None


def _swapped_names(nm: NameMatch, s_marks: list[tuple[int, int]], t_marks: list[tuple[int, int]], s: _Side, t: _Side,
                   bead_src: tuple[int, ...], bead_tgt: tuple[int, ...], s_here: set[int], t_here: set[int],
                   s_kept: list[Entity], t_kept: list[Entity]) -> list[tuple[Entity, tuple[Entity, Span]]]:
    """(SRC word, (TGT name, span)) for each word of a name replaced beside a carried one
    (`_surname_swapped`), found from the one-sided word of either side. Only between a script
    with capitals and Arabic script: between two scripts with capitals the matcher has already
    compared both capitalised words, and a pair it refused beside a shared first name is one
    person spelled two ways (Valero / Varela, Gjose / Гьозе)."""
    if (languages.script(s.doc.lang) is languages.Script.ARABIC) == (languages.script(t.doc.lang) is languages.Script.ARABIC):
        return []
    s_one_sided = [_shift(e, s_marks) for e in nm.src_only if id(e) not in s_here]
    t_one_sided = [_shift(e, t_marks) for e in nm.tgt_only if id(e) not in t_here]
    out: list[tuple[Entity, tuple[Entity, Span]]] = []
    for x in s_one_sided:
        if (k := _carried_beside(x, s, s_kept)) is not None:
            j = next(j for j, c in enumerate(s_kept) if c is k)
            b = t_kept[j] if j < len(nm.matched) else None
            if (y := _surname_swapped(x, k, b, s, bead_src, t, bead_tgt, t_one_sided)) is not None:
                out.append((x, y))
    for x in t_one_sided:
        if (k := _carried_beside(x, t, t_kept[:len(nm.matched)])) is None:
            continue
        b = s_kept[next(j for j, c in enumerate(t_kept) if c is k)]
        y = _surname_swapped(x, k, b, t, bead_tgt, s, bead_src, s_one_sided)
        if y is not None and not any((y[0].start, y[0].end) == (a.start, a.end) for a, _ in out):
            out.append((y[0], _whole_name(x, t_one_sided, t.doc.text, x.start > k.start)))
    return out


def _carried_beside(e: Entity, side: _Side, kept: Sequence[Entity]) -> Entity | None:
    """The carried name right beside `e`, of which `e` is one more word, or None (a quoted
    name is a name of its own: «Лейкерс» Майк Трюделл)."""
    text = side.doc.text
    return next((k for k in kept if k.kind == "name" and (
        (0 <= k.start - e.end <= 2 and not _QUOTE_MARK.search(text, e.end, k.start)) or
        (0 <= e.start - k.end <= 2 and not _QUOTE_MARK.search(text, k.end, e.start)))), None)


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
    before = other.ids_between(first - _SPEAKER_CONTEXT, max(other_ids))
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
        for other in side.ents.get(x.id, ()):  # (or after a particle: Walid al-Moualem)
            if other.kind == "name" and other is not e and (0 < other.start - e.end <= 2 or 0 < e.start - other.end <= 2
                                                            or _BESIDE_NAME.fullmatch(text, other.end, e.start)):
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
    around = other.ids_between(min(other_ids) - _SPEAKER_CONTEXT, max(other_ids) + _SPEAKER_CONTEXT)
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
