"""`Language`: what aligner knows about one language, as plain data.

Each module `aligner.lang.<code>` keeps its word lists as module-level constants (easy to
read and to edit, as in spaCy's `lang/<code>/`) and ends with one `LANGUAGE = Language(...)`
that gathers them. The pipeline asks the registry (`aligner.lang.get(code)`) for this object
and reads its fields; it never tests a language code itself.

Fields are grouped by the stage that reads them. Regex fragments are matched
case-insensitively on word boundaries unless a field says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class OpusModel:
    """The OPUS-MT (or Tatoeba-Challenge) X->en release that `aligner models install` fetches.

    `source` says where the name was checked, so a reader can verify it."""

    pair: str  # "uk-en"
    name: str  # directory name of the installed model
    url: str  # native Marian zip
    hf_repo: str = ""  # the same weights on Hugging Face, where published
    licence: str = "CC-BY-4.0"
    source: str = ""  # where the release was found (provenance of this entry)


@dataclass(frozen=True, slots=True, eq=False)  # eq=False: hashed by identity (one per language)
class Language:
    """One language: identity, then the data each stage reads."""

    # -- identity ----------------------------------------------------------------------
    code: str  # ISO 639-1, as used on the command line and in reports
    name: str  # English name, as said in messages ("Ukrainian")
    script: str  # Unicode script of its letters: "Latin" | "Cyrillic" | "Arabic"
    #: The extraction rules (entities, names, segmentation) this language shares while it has
    #: no rules of its own: the code of the language whose rules apply ("ru" for uk).
    rules: str
    rtl: bool = False
    #: Lower-case letters of the alphabet (language identification: a text whose letters
    #: of this script all belong here, and that uses `marks`, is this language).
    alphabet: str = ""
    #: Letters that tell it apart from its neighbours in the same script (і ї є ґ for uk).
    marks: str = ""
    #: Other identifier codes that mean this language (py3langid's arz, ary are Arabic).
    aliases: tuple[str, ...] = ()

    #: Words elided onto the next one with an apostrophe (French l', d'): looked up without them.
    elisions: frozenset[str] = frozenset()
    article: str = ""  # a definite article written onto the word (Arabic ال), dropped in lookups

    # -- segmentation ------------------------------------------------------------------
    #: Abbreviations (lower case, without the final dot) that never end a sentence.
    never_final: frozenset[str] = frozenset()
    #: Abbreviations that end a sentence only when a capitalised word follows.
    may_final: frozenset[str] = frozenset()
    #: A point after a day or an ordinal number ("am 5. März") does not end a sentence.
    ordinal_dot: bool = False
    #: Dateline/byline labels, read-more teasers, subscribe calls, copyright lines.
    byline_labels: tuple[str, ...] = ()
    read_more: tuple[str, ...] = ()
    subscribe: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()  # what a subscribe call names (канал, قناة), beside the brands
    rights_reserved: tuple[str, ...] = ()

    # -- numbers and dates -------------------------------------------------------------
    decimal: str = "."  # decimal separator in running text
    thousands: tuple[str, ...] = (",",)  # group separators in running text
    #: Ways of writing a time beyond 19:30, as regexes with groups h and m (19 h 30, 19.30 Uhr).
    times: tuple[str, ...] = ()
    percent_before: tuple[str, ...] = ()  # a percent written before the number (Turkish %10, yüzde 10)
    number_words: Mapping[str, int] = field(default_factory=dict)  # small cardinals translators spell out
    months_capitalised: bool = False  # a lower-case 'may' is then no month (English, German, Turkish)
    #: Month forms the press uses that CLDR (Babel) lacks: surface (lower case) -> 1..12.
    months_extra: Mapping[str, int] = field(default_factory=dict)

    # -- attribution and figures (diverge) ---------------------------------------------
    reporting: tuple[str, ...] = ()  # verbs and phrases that report speech
    source_nouns: tuple[str, ...] = ()  # "journalists", "the press"
    pronouns: tuple[str, ...] = ()  # stand for a speaker named elsewhere
    units: Mapping[str, tuple[str, float]] = field(default_factory=dict)  # regex -> (dimension, factor to SI)

    # -- gazetteer (added to CLDR territories and time-zone cities) ---------------------
    agencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # key -> names ("tass": ("ТАСС",))
    orgs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    places: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # place key -> names CLDR lacks
    territory_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # CLDR code -> short forms
    adjectives: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # CLDR code -> country adjectives
    ambiguous_places: frozenset[str] = frozenset()  # place names that are common words
    #: Endings that make a relative adjective of a one-word country name (Arabic nisba:
    #: روسيا -> روسي، الروسية), on the unified letters of `aligner.normalize`.
    relative_suffixes: tuple[str, ...] = ()
    relative_skip: frozenset[str] = frozenset()  # CLDR codes whose adjective is another word

    # -- names -------------------------------------------------------------------------
    #: Letter -> Latin skeleton letters for matching names across scripts (lower case);
    #: letters not listed keep their script's default reading.
    translit: Mapping[str, str] = field(default_factory=dict)
    #: Its word-frequency list in `wordfreq` (the code there), or None. A capitalised word
    #: much more frequent in this language's list than in those of the other Latin-script
    #: languages is a word of the language (Parti, Cour, Gericht), not a name: a name is
    #: written alike, and about as often, in all of them (Trump, Morrison).
    word_frequencies: str | None = None
    #: Every noun is capitalised (German): a capital says little, and a compound whose last
    #: part is a common word (Bundesverfassungsgericht) is a common noun.
    nouns_capitalised: bool = False
    #: Headlines are written in Title Case (English): a capital in such a line says nothing.
    title_case_headlines: bool = False
    #: The pymorphy3 dictionary that tells common nouns from names ("ru", "uk"), or None.
    lexicon: str | None = None
    #: Case endings a name takes when the language declines names (Бостоне, Трампа).
    inflection_endings: tuple[str, ...] = ()
    #: Declension of place and agency names, so the gazetteer stores every case form:
    #: (nominative ending, (gen, dat, acc, ins, loc) endings, alternatives joined by "|").
    #: Nouns; then adjectives (the words before the head: Южная Корея); then the endings
    #: added to a final consonant. Empty: names do not decline.
    declension_noun: tuple[tuple[str, tuple[str, ...]], ...] = ()
    declension_adj: tuple[tuple[str, tuple[str, ...]], ...] = ()
    consonant_endings: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (final letters, endings)
    #: Endings of country adjectives built on `adjectives` stems (японской -> JP).
    adjective_endings: tuple[str, ...] = ()

    # -- machine translation to the English pivot --------------------------------------
    opus_mt: OpusModel | None = None  # None: no X->en model known (English itself)
    notes: tuple[str, ...] = ()  # what is known to be missing, said honestly
