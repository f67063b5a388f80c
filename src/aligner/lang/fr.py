"""French. Latin script; English's extraction rules apply where French has none of its own
(`rules="en"`). Decimal comma, thousands by a (narrow) space."""

from dataclasses import replace

from aligner.lang import en
from aligner.lang.base import Language, OpusModel

NEVER_FINAL = frozenset({"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "av", "bd", "cf", "env",
                         "vol", "chap", "art", "p", "no", "n°", "gén", "lt", "col", "cdt", "me", "mgr"})
MAY_FINAL = frozenset({"etc", "cie", "inc", "ltd"})
BYLINE_LABELS = ("par", "photo", "source", "crédit", "auteur")
READ_MORE = (r"(?:à\s+)?lire\s+aussi", r"voir\s+aussi", r"en\s+savoir\s+plus", r"sur\s+le\s+même\s+sujet")
SUBSCRIBE = (r"abonnez-vous", r"suivez-nous", r"rejoignez-nous")
CHANNELS = (r"chaîne", r"lettre\s+d[’']information")
RIGHTS_RESERVED = (r"tous\s+droits\s+réservés",)

# "neuf" (nine, also "new") is left out.
NUMBER_WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "dix": 10,
    "onze": 11, "douze": 12, "douzaine": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}
REPORTING = (
    r"(?:a|ont|avait)\s+(?:déclaré|dit|affirmé|ajouté|expliqué|souligné|indiqué|précisé|annoncé|écrit|"
    r"tweeté|répondu|averti|reconnu|rappelé|estimé|assuré)", r"déclare\w*", r"affirme\w*", r"ajoute\w*",
    r"explique\w*", r"souligne\w*", r"indique\w*", r"précise\w*", r"estime\w*", r"assure\w*", r"dit",
    r"disent", r"écrit", r"selon(?!\s+(?:lequel|laquelle|lesquels|lesquelles))", r"d'après", r"d’après",
)
# Attribution cues (entity key, regex; see `Rules.attribution_cues`): who reported it and
# who was told, the past tense with its auxiliary (a déclaré) and the inverted 'a-t-il dit'.
ATTRIBUTION_CUES = (
    ("audience:briefing", r"points?\s+de\s+presse|conférences?\s+de\s+presse|briefings?"),
    ("audience:correspondent", r"correspondante?s?"),
    ("audience:journalists", r"journalistes?|reporters?|la\s+presse|les\s+médias"),
    ("audience:interview", r"entretiens?|interviews?"),
    # (not 'un communiqué selon lequel': what a statement says, not who said it)
    ("cue:according", r"selon(?!\s+(?:lequel|laquelle|lesquels|lesquelles))|d['’]après|citant|cité\s+par|comme\s+l['’]a\s+rapporté"),
    ("cue:opinion", r"estime|estiment|pense|pensent|croit|croient|à\s+son\s+avis"),
    ("cue:say", r"(?:a|ont|avait|avaient)\s+(?:déclaré|dit|affirmé|ajouté|expliqué|souligné|indiqué|précisé|annoncé|écrit|"
                r"tweeté|répondu|averti|confirmé|raconté|relaté|rapporté)|déclare|déclarent|affirme|affirment|ajoute|"
                r"ajoutent|explique|expliquent|souligne|soulignent|indique|indiquent|précise|précisent|dit|disent|écrit|"
                r"raconte|confie|a-t-(?:il|elle)\s+\p{L}+|dit-(?:il|elle)"),
)
SOURCE_NOUNS = (r"journalistes?", r"correspondants?", r"la\s+presse", r"les\s+médias")
PRONOUNS = (r"il", r"elle", r"ils", r"elles")
UNITS = {
    r"miles?": ("length", 1609.344),
    r"km|kilomètres?": ("length", 1000.0),
    r"m|mètres?": ("length", 1.0),
    r"pieds?": ("length", 0.3048),
    r"pouces?": ("length", 0.0254),
    r"cm|centimètres?": ("length", 0.01),
    r"livres?": ("mass", 0.45359237),
    r"kg|kilos?|kilogrammes?": ("mass", 1.0),
    r"tonnes?": ("mass", 1000.0),
    r"gallons?": ("volume", 3.78541),
    r"litres?|l": ("volume", 1.0),
    r"hectares?|ha": ("area", 10000.0),
    r"degrés?\s+Fahrenheit|°F": ("temperature_f", 1.0),
    r"degrés?(?:\s+Celsius)?|°C?": ("temperature", 1.0),
    r"km/h": ("speed", 0.277778),
}
AGENCIES = {"afp": ("Agence France-Presse", "AFP"), "ria": ("RIA Novosti",), "tass": ("TASS",)}
ORGS = {
    "nato": ("OTAN",), "who": ("OMS", "Organisation mondiale de la santé"), "imf": ("FMI",), "opec": ("OPEP",),
    "iaea": ("AIEA",), "wto": ("OMC",), "kremlin": ("Kremlin",), "white_house": ("Maison-Blanche", "Maison Blanche"),
    "pentagon": ("Pentagone",),
}
PLACES = {
    "beijing": ("Pékin",), "new_delhi": ("New Delhi",), "geneva": ("Genève",), "munich": ("Munich",),
    "hamburg": ("Hambourg",), "cologne": ("Cologne",), "crimea": ("Crimée",), "donbas": ("Donbass",),
    "st_petersburg": ("Saint-Pétersbourg",), "middle_east": ("Proche-Orient", "Moyen-Orient"),
    "black_sea": ("mer Noire",), "mediterranean": ("Méditerranée",), "england": ("Angleterre",),
    "scotland": ("Écosse",), "california": ("Californie",), "florida": ("Floride",),
    "pacific": ("Pacifique",), "atlantic": ("Atlantique",),
}
TERRITORY_ALIASES = {"US": ("Amérique",), "GB": ("Grande-Bretagne",), "EU": ("UE", "Union européenne"),
                     "UN": ("ONU", "Nations unies"), "AE": ("Émirats",)}
# Adjectives and demonyms as written capitalised (les Russes, les Américains).
ADJECTIVES = {
    "RU": ("Russe", "Russes"), "UA": ("Ukrainien", "Ukrainiens"), "US": ("Américain", "Américains"),
    "CN": ("Chinois",), "JP": ("Japonais",), "FR": ("Français",), "DE": ("Allemand", "Allemands"),
    "GB": ("Britannique", "Britanniques"), "IL": ("Israélien", "Israéliens"), "PS": ("Palestinien", "Palestiniens"),
}
AMBIGUOUS_PLACES = frozenset({"maurice", "sainte-lucie", "niger", "nice", "tours"})

# Endings that make another form of one word or name: plurals (Républicains / Républicain).
INFLECTION_ENDINGS = ("s", "x", "es")

LANGUAGE = Language(
    code="fr", name="French", script="Latin", rules="en", iso639_3="fra",
    extraction=replace(en.RULES, attribution_cues=ATTRIBUTION_CUES),
    word_frequencies="fr",
    elisions=frozenset({"l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu"}),
    alphabet="abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ",
    never_final=NEVER_FINAL, may_final=MAY_FINAL,
    byline_labels=BYLINE_LABELS, read_more=READ_MORE, subscribe=SUBSCRIBE, channels=CHANNELS, rights_reserved=RIGHTS_RESERVED,
    times=(r"(?<![\d:.,])(?P<h>[01]?\d|2[0-4])\s?h(?:eures?)?(?:\s?(?P<m>[0-5]\d))?(?![\p{L}\d:])",),  # 19 h 30, 15 h, 15 heures
    decimal=",", thousands=(" ", "\u202f", "\u00a0"), number_words=NUMBER_WORDS,
    scale_words={3: (r"mille",), 6: (r"millions",), 9: (r"milliards?",)},
    percent_words=(r"pour\s+cent",),
    range_words=(r"à", r"et"),
    reporting=REPORTING, source_nouns=SOURCE_NOUNS, pronouns=PRONOUNS, units=UNITS,
    agencies=AGENCIES, orgs=ORGS, places=PLACES, territory_aliases=TERRITORY_ALIASES,
    adjectives=ADJECTIVES, ambiguous_places=AMBIGUOUS_PLACES, inflection_endings=INFLECTION_ENDINGS,
    length_offset=0.165,  # ntrex128-dev, 1,069 lines against the English original
    opus_mt=OpusModel(
        pair="fr-en", name="opus-mt-fr-en",
        url="https://object.pouta.csc.fi/OPUS-MT-models/fr-en/opus-2020-02-26.zip",
        hf_repo="Helsinki-NLP/opus-mt-fr-en",
        source="Helsinki-NLP/OPUS-MT-train models/fr-en/README.md (transformer-align, newstest2014 BLEU 37.8)",
    ),
)
