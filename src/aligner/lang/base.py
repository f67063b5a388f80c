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
from enum import StrEnum


class Script(StrEnum):
    """The scripts aligner reads. Code that concerns letters (Arabic proclitics written onto
    the word, Cyrillic case endings, Latin capitals) asks for a script, never a language."""

    LATIN = "Latin"
    CYRILLIC = "Cyrillic"
    ARABIC = "Arabic"


@dataclass(frozen=True, slots=True, eq=False)
class Rules:
    """Extraction rules that are conventions of writing rather than word lists: set by the
    language that defines them (ar, ru, en) and shared by those that name it in
    `Language.rules` until they have their own (French reads 3/5/2020 as English does).
    A language with rules of its own sets `Language.extraction`, e.g.
    `dataclasses.replace(en.RULES, slash_month_first=False)`."""

    #: Spelled-out compounds are written with a hyphen (twenty-five): split before lookup.
    hyphenated_numbers: bool = False
    #: Compounds put the unit first, joined by "and" (Arabic خمسة وعشرون 25); else tens first.
    unit_before_tens: bool = False
    #: 3/5/2020 is 5 March (month first) when the first number can be a month.
    slash_month_first: bool = False
    #: A day may follow the month name (March 5, March 5th).
    day_after_month: bool = False
    #: A point after an abbreviated month name belongs to it ('окт.').
    month_abbreviation_dot: bool = False
    #: Names decline: forms a letter apart are cases of one name (Путина / Путин), not two spellings.
    names_decline: bool = False
    #: Attribution cues: (entity key, regex) in order; the key says the kind (cue:say,
    #: cue:according, cue:opinion, audience:*).
    attribution_cues: tuple[tuple[str, str], ...] = ()


#: The rules of a code aligner has no language for: no conventions known.
NO_RULES = Rules()


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
    script: Script  # Unicode script of its letters
    #: The extraction rules (entities, names, segmentation) this language shares while it has
    #: no rules of its own: the code of the language whose `extraction` applies ("ru" for uk).
    rules: str
    rtl: bool = False
    #: Lower-case letters of the alphabet (language identification: a text whose letters
    #: of this script all belong here, and that uses `marks`, is this language).
    alphabet: str = ""
    #: Letters that tell it apart from its neighbours in the same script (і ї є ґ for uk).
    marks: str = ""
    #: Other identifier codes that mean this language (py3langid's arz, ary are Arabic).
    aliases: tuple[str, ...] = ()
    iso639_3: str = ""  # the three-letter code corpora name their files by (ntrex128: rus, arb)
    #: Its own `Rules`, for the language that defines them; None: those of `rules`.
    extraction: Rules | None = None

    #: Words elided onto the next one with an apostrophe (French l', d'): looked up without them.
    elisions: frozenset[str] = frozenset()
    article: str = ""  # a definite article written onto the word (Arabic ال), dropped in lookups
    #: Conjunctions and prepositions of one letter written onto the next word (Arabic و ف ب ل).
    proclitics: str = ""
    #: Unify letters writers vary freely (Arabic hamza seats, ى/ي, ة/ه) in match keys.
    letter_variants: bool = False

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
    #: Ways of writing a time beyond 19:30, as regexes with groups h and m (19 h 30, 19.30 Uhr);
    #: m may be left out where the hour word marks a time of day (15 h, 15 Uhr: minute 00).
    times: tuple[str, ...] = ()
    percent_before: tuple[str, ...] = ()  # a percent written before the number (Turkish %10, yüzde 10)
    #: Words between the two figures of a range ('5 to 8 cm', 'entre 2,5 et 10 cm'), beside a dash: the
    #: first figure takes the unit written after the second.
    range_words: tuple[str, ...] = ()
    number_words: Mapping[str, int] = field(default_factory=dict)  # small cardinals translators spell out
    #: Words that scale a figure written before them, by power of ten (3: 2 тыс., 6: 5 million),
    #: as regexes matched case-insensitively; a text may use any language's (2 mln in Russian copy).
    scale_words: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    #: Words for percent after a figure (5 процентов, 5 per cent), as regexes; % and ٪ are universal.
    percent_words: tuple[str, ...] = ()
    months_capitalised: bool = False  # a lower-case 'may' is then no month (English, German, Turkish)
    #: Month forms the press uses that CLDR (Babel) lacks: surface (lower case) -> 1..12.
    months_extra: Mapping[str, int] = field(default_factory=dict)
    #: Month names that are also ordinary words (مارس 'practised', May): a month only next to
    #: a day, a year, a slash-joined month or a date preposition.
    ambiguous_months: frozenset[str] = frozenset()

    # -- attribution and figures (diverge) ---------------------------------------------
    reporting: tuple[str, ...] = ()  # verbs and phrases that report speech
    source_nouns: tuple[str, ...] = ()  # "journalists", "the press"
    pronouns: tuple[str, ...] = ()  # stand for a speaker named elsewhere
    #: Pronouns, conjunctions, prepositions and other words that are never a name by
    #: themselves (lower case; Arabic: without clitics). A word is checked against the list
    #: of its script's first language (`aligner.lang.of_script`).
    function_words: frozenset[str] = frozenset()
    units: Mapping[str, tuple[str, float]] = field(default_factory=dict)  # regex -> (dimension, factor to SI)
    #: News sentences open with the verb (Arabic وقال فليك): a name right after a reporting
    #: verb is its speaker.
    verb_first: bool = False
    titles: str = ""  # regex of a title ending just before a name (Mr, господин, السيد)

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
    #: The press quotes speech in single quotes too (British English: 'The inquiry is at an
    #: early stage,' he said), beside the double marks every language uses.
    single_quotes: bool = False
    #: The pymorphy3 dictionary that tells common nouns from names ("ru", "uk"), or None.
    lexicon: str | None = None
    #: Case endings a name takes when the language declines names (Бостоне, Трампа).
    inflection_endings: tuple[str, ...] = ()
    #: Every suffix a proper noun takes follows an apostrophe (Turkish Devon'daki,
    #: Britanya'nın, AB'ye): whatever lower-case letters follow one are inflection, beyond
    #: the common endings listed in `inflection_endings`.
    apostrophe_suffixes: bool = False
    #: Declension of place and agency names, so the gazetteer stores every case form:
    #: (nominative ending, (gen, dat, acc, ins, loc) endings, alternatives joined by "|").
    #: Nouns; then adjectives (the words before the head: Южная Корея); then the endings
    #: added to a final consonant. Empty: names do not decline.
    declension_noun: tuple[tuple[str, tuple[str, ...]], ...] = ()
    declension_adj: tuple[tuple[str, tuple[str, ...]], ...] = ()
    consonant_endings: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (final letters, endings)
    #: Endings of country adjectives built on `adjectives` stems (японской -> JP).
    adjective_endings: tuple[str, ...] = ()
    #: Other readings of its script's letters that transliterations meet (regex, replacement),
    #: each tried as an extra skeleton of a word of the script (Russian Г read as Х: Гарвард /
    #: هارفارد). They apply to every word of the script, whatever its text's language.
    readings: tuple[tuple[str, str], ...] = ()
    #: A name search in text without capitals (match_names reads the context's names
    #: for the side facing this one: Arabic, tuned on ru-ar).
    caseless_name_search: bool = False

    # -- alignment ---------------------------------------------------------------------
    #: Mean log character length relative to English, or None: not measured. FLORES-200 dev
    #: where we have it (ar, ru); ntrex128-dev lines against their English original otherwise.
    length_offset: float | None = None
    #: Character-length ratio other/this of true translations (FLORES-200 dev), by other code.
    length_ratios: Mapping[str, float] = field(default_factory=dict)

    # -- machine translation to the English pivot --------------------------------------
    opus_mt: OpusModel | None = None  # None: no X->en model known (English itself)
    notes: tuple[str, ...] = ()  # what is known to be missing, said honestly

    def __post_init__(self) -> None:
        object.__setattr__(self, "script", Script(self.script))  # "Latin" in a module -> Script.LATIN
