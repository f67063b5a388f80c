"""German. Latin script; English's extraction rules apply where German has none of its own
(`rules="en"`). Decimal comma, thousands by a point. Every noun is capitalised, so a
capital is weaker evidence of a name than in English."""

from dataclasses import replace

from aligner.lang import en
from aligner.lang.base import Language, OpusModel

NEVER_FINAL = frozenset({"dr", "prof", "hr", "fr", "bzw", "z.b", "z. b", "d.h", "d. h", "u.a", "ca", "nr", "str",
                         "st", "vgl", "evtl", "ggf", "inkl", "jh", "abs", "s", "u", "o", "bsp", "gen", "sog"})
MAY_FINAL = frozenset({"usw", "etc", "u.ä", "mio", "mrd", "tsd", "gmbh", "ag"})
BYLINE_LABELS = ("von", "foto", "quelle", "autor", "bild")
READ_MORE = (r"lesen\s+sie\s+auch", r"mehr\s+zum\s+thema", r"siehe\s+auch", r"auch\s+interessant")
SUBSCRIBE = (r"abonnieren\s+sie", r"folgen\s+sie\s+uns", r"abonniere\p{L}*")
CHANNELS = (r"Kanal", r"Newsletter")
RIGHTS_RESERVED = (r"alle\s+rechte\s+vorbehalten",)

# "acht" (eight, also "attention") is left out.
NUMBER_WORDS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "neun": 9, "zehn": 10, "elf": 11,
    "zwölf": 12, "dutzend": 12, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90,
}
REPORTING = (
    r"sagte\w*", r"sagt", r"sagen", r"erklärte\w*", r"erklärt", r"betonte\w*", r"fügte\s+hinzu", r"teilte\s+mit",
    r"schrieb\w*", r"schreibt", r"twitterte", r"antwortete\w*", r"warnte\w*", r"räumte\s+ein", r"laut",
    r"zufolge", r"berichtete\w*", r"meinte\w*",
    r"(?-i:so\s+\p{Lu}\p{L}+)",  # "so Müller" (as Müller says); case-sensitive: not "so groß"
)
SOURCE_NOUNS = (r"Journalist\w*", r"Korrespondent\w*", r"Presse", r"Medien")
PRONOUNS = (r"er", r"sie")
UNITS = {
    r"Meilen?": ("length", 1609.344),
    r"km|Kilometer\w*": ("length", 1000.0),
    r"m|Meter\w*": ("length", 1.0),
    r"Fuß": ("length", 0.3048),
    r"Zoll": ("length", 0.0254),
    r"cm|Zentimeter\w*": ("length", 0.01),
    r"Pfund": ("mass", 0.45359237),
    r"kg|Kilo\w*": ("mass", 1.0),
    r"Tonnen?": ("mass", 1000.0),
    r"Gallonen?": ("volume", 3.78541),
    r"Liter\w*|l": ("volume", 1.0),
    r"Hektar|ha": ("area", 10000.0),
    r"Grad\s+Fahrenheit|[°º]F": ("temperature_f", 1.0),
    r"Grad(?:\s+Celsius)?|[°º]C?": ("temperature", 1.0),  # º (the ordinal sign) typed for ° too: 27 ºC
    r"km/h|Stundenkilometer\w*": ("speed", 0.277778),
}
AGENCIES = {"dpa": ("dpa", "Deutsche Presse-Agentur"), "afp": ("AFP",), "ria": ("RIA Nowosti",), "tass": ("TASS",),
            "xinhua": ("Xinhua",)}
ORGS = {
    "nato": ("NATO", "Nato"), "who": ("WHO", "Weltgesundheitsorganisation"), "imf": ("IWF",), "opec": ("OPEC", "Opec"),
    "iaea": ("IAEA",), "wto": ("WTO",), "kremlin": ("Kreml",), "white_house": ("Weißen Haus", "Weiße Haus"),
    "pentagon": ("Pentagon",),
}
PLACES = {
    "beijing": ("Peking",), "new_delhi": ("Neu-Delhi",), "geneva": ("Genf",), "munich": ("München",),
    "cologne": ("Köln",), "crimea": ("Krim",), "st_petersburg": ("Sankt Petersburg",),
    "middle_east": ("Nahost", "Naher Osten", "Nahen Osten"), "black_sea": ("Schwarzes Meer", "Schwarzen Meer"),
    "mediterranean": ("Mittelmeer",), "california": ("Kalifornien",), "scotland": ("Schottland",),
    "pacific": ("Pazifik",), "atlantic": ("Atlantik",),
}
TERRITORY_ALIASES = {"US": ("USA", "Amerika", "Vereinigte Staaten", "Vereinigten Staaten"),
                     "GB": ("Großbritannien", "Grossbritannien"), "EU": ("EU", "Europäische Union", "Europäischen Union"),
                     "UN": ("UNO", "Vereinte Nationen", "Vereinten Nationen"), "AE": ("Emirate",)}
# Attribution cues (entity key, regex; see `Rules.attribution_cues`): who reported it and
# who was told. 'so' alone ("so viele") and 'sagen' of a crowd ("viele sagen") are left out.
ATTRIBUTION_CUES = (
    ("audience:briefing", r"Pressekonferenz\w*|Briefings?"),
    ("audience:correspondent", r"Korrespondent\w*"),
    ("audience:journalists", r"Journalist\w*|Reporter\w*|(?:der|die)\s+Presse|(?:den\s+)?Medien"),
    ("audience:interview", r"Interviews?"),
    ("cue:according", r"laut|zufolge|nach\s+Angaben|nach\s+(?:den\s+)?Worten|wie\s+(?:\p{L}+\s+){0,3}(?:berichtete|berichtet|meldete|meldet)"),
    ("cue:opinion", r"glaubt|ist\s+der\s+(?:Meinung|Ansicht)|nach\s+Ansicht|hält\s+es\s+für"),
    ("cue:say", r"sagte|sagten|sagt|erklärte|erklärten|erklärt|betonte|betonten|betont|fügte\s+(?:\p{L}+\s+)?hinzu|ergänzte|"
                r"teilte\s+(?:\p{L}+\s+)?mit|berichtete|berichteten|schrieb|schreibt|twitterte|warnte|warnten|antwortete|"
                r"bestätigte|bestätigten|kündigte\s+(?:\p{L}+\s+)?an|meinte|erzählte"),
)

# German common nouns that are also place names elsewhere (Island is Iceland in German).
AMBIGUOUS_PLACES = frozenset({"island", "niger", "essen", "halle", "mark", "tal", "kap", "ost"})

# Case and plural endings of nouns and names (Mazedoniens, Fregatten, Jahres), and the
# feminine and adjective forms of party and nation words (Demokratin, demokratische): one spelling.
INFLECTION_ENDINGS = ("es", "en", "ern", "er", "ns", "s", "n", "e", "in", "innen", "isch", "ische", "ischen", "ischer",
                      "isches")

LANGUAGE = Language(
    code="de", name="German", script="Latin", rules="en", iso639_3="deu",
    extraction=replace(en.RULES, attribution_cues=ATTRIBUTION_CUES),
    word_frequencies="de", nouns_capitalised=True,
    alphabet="abcdefghijklmnopqrstuvwxyzäöüß",
    never_final=NEVER_FINAL, may_final=MAY_FINAL, ordinal_dot=True,
    byline_labels=BYLINE_LABELS, read_more=READ_MORE, subscribe=SUBSCRIBE, channels=CHANNELS, rights_reserved=RIGHTS_RESERVED,
    months_capitalised=True,
    times=(r"(?<![\d:.,])(?P<h>[01]?\d|2[0-4])(?:[.:](?P<m>[0-5]\d))?\s+Uhr\b",),  # 19.30 Uhr, 15 Uhr
    decimal=",", thousands=(".", "\u00a0", "\u202f"), number_words=NUMBER_WORDS,
    scale_words={3: (r"Tausend",), 6: (r"Millionen", r"Mio\."), 9: (r"Milliarden?", r"Mrd\.")},
    percent_words=(r"Prozent",),
    range_words=(r"bis", r"und"),
    reporting=REPORTING, source_nouns=SOURCE_NOUNS, pronouns=PRONOUNS, units=UNITS,
    agencies=AGENCIES, orgs=ORGS, places=PLACES, territory_aliases=TERRITORY_ALIASES,
    ambiguous_places=AMBIGUOUS_PLACES, inflection_endings=INFLECTION_ENDINGS,
    length_offset=0.173,  # ntrex128-dev, 1,069 lines against the English original
    opus_mt=OpusModel(
        pair="de-en", name="opus-mt-de-en",
        url="https://object.pouta.csc.fi/OPUS-MT-models/de-en/opus-2020-02-26.zip",
        hf_repo="Helsinki-NLP/opus-mt-de-en",
        source="Helsinki-NLP/OPUS-MT-train models/de-en/README.md (transformer-align, newstest2019 BLEU 40.1)",
    ),
)
