"""Spanish. Latin script; English's extraction rules apply where Spanish has none of its own
(`rules="en"`). Decimal comma, thousands by a point (or a space)."""

from aligner.lang.base import Language, OpusModel

NEVER_FINAL = frozenset({"sr", "sra", "srta", "dr", "dra", "d", "dña", "ud", "uds", "lic", "ing", "av", "avda",
                         "núm", "art", "pág", "cap", "gral", "excmo", "sto", "sta", "no"})
MAY_FINAL = frozenset({"etc", "cía", "s.a"})
BYLINE_LABELS = ("por", "foto", "fuente", "autor")
READ_MORE = (r"lea\s+también", r"lee\s+también", r"ver\s+también", r"más\s+información", r"te\s+puede\s+interesar")
SUBSCRIBE = (r"suscríbe(?:te|se)", r"síguenos", r"únete")
CHANNELS = (r"canal", r"boletín")
RIGHTS_RESERVED = (r"todos\s+los\s+derechos\s+reservados",)

NUMBER_WORDS = {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
    "once": 11, "doce": 12, "docena": 12, "trece": 13, "catorce": 14, "quince": 15, "veinte": 20,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
}
REPORTING = (
    r"dijo", r"dijeron", r"dice", r"dicen", r"afirm\w*", r"declar\w*", r"señal\w*", r"añad\w*", r"explic\w*",
    r"asegur\w*", r"indic\w*", r"según", r"escribi\w*", r"escribe", r"tuite\w*", r"respondi\w*", r"advirti\w*",
    r"reconoci\w*", r"subray\w*", r"destac\w*", r"sostuvo", r"agreg\w*",
)
SOURCE_NOUNS = (r"periodistas?", r"corresponsal\w*", r"la\s+prensa", r"los\s+medios")
PRONOUNS = (r"él", r"ella", r"ellos", r"ellas")
UNITS = {
    r"millas?": ("length", 1609.344),
    r"km|kilómetros?": ("length", 1000.0),
    r"m|metros?": ("length", 1.0),
    r"pies?": ("length", 0.3048),
    r"pulgadas?": ("length", 0.0254),
    r"cm|centímetros?": ("length", 0.01),
    r"libras?": ("mass", 0.45359237),
    r"kg|kilos?|kilogramos?": ("mass", 1.0),
    r"toneladas?": ("mass", 1000.0),
    r"galones?": ("volume", 3.78541),
    r"litros?|l": ("volume", 1.0),
    r"hectáreas?|ha": ("area", 10000.0),
    r"grados?\s+Fahrenheit|°F": ("temperature_f", 1.0),
    r"grados?(?:\s+(?:Celsius|centígrados))?|°C?": ("temperature", 1.0),
    r"km/h": ("speed", 0.277778),
}
AGENCIES = {"efe": ("EFE", "Agencia EFE"), "europapress": ("Europa Press",), "afp": ("AFP",),
            "ria": ("RIA Novosti",), "tass": ("TASS",)}
ORGS = {
    "nato": ("OTAN",), "who": ("OMS", "Organización Mundial de la Salud"), "imf": ("FMI",), "opec": ("OPEP",),
    "iaea": ("OIEA",), "wto": ("OMC",), "kremlin": ("Kremlin",), "white_house": ("Casa Blanca",),
    "pentagon": ("Pentágono",),
}
PLACES = {
    "beijing": ("Pekín",), "new_delhi": ("Nueva Delhi",), "geneva": ("Ginebra",), "munich": ("Múnich",),
    "hamburg": ("Hamburgo",), "cologne": ("Colonia",), "st_petersburg": ("San Petersburgo",),
    "middle_east": ("Oriente Medio", "Oriente Próximo"), "black_sea": ("Mar Negro",),
    "mediterranean": ("Mediterráneo",), "england": ("Inglaterra",), "scotland": ("Escocia",),
    "pacific": ("Pacífico",), "atlantic": ("Atlántico",),
}
TERRITORY_ALIASES = {"US": ("EE. UU.", "EE.UU.", "EEUU", "EE UU"), "GB": ("Gran Bretaña",),
                     "EU": ("UE", "Unión Europea"), "UN": ("ONU", "Naciones Unidas"), "AE": ("Emiratos",)}
AMBIGUOUS_PLACES = frozenset({"guinea", "chile", "granada", "mónaco", "santa"})

# Endings that make another form of one word or name: plurals (republicanos / republicano).
INFLECTION_ENDINGS = ("s", "es")

LANGUAGE = Language(
    code="es", name="Spanish", script="Latin", rules="en", iso639_3="spa",
    word_frequencies="es",
    alphabet="abcdefghijklmnopqrstuvwxyzáéíñóúü",
    never_final=NEVER_FINAL, may_final=MAY_FINAL,
    byline_labels=BYLINE_LABELS, read_more=READ_MORE, subscribe=SUBSCRIBE, channels=CHANNELS, rights_reserved=RIGHTS_RESERVED,
    times=(r"(?<![\d:.,])(?P<h>[01]?\d|2[0-4])[.:](?P<m>[0-5]\d)\s+(?:horas|h)\b",),
    decimal=",", thousands=(".", " ", "\u00a0"), number_words=NUMBER_WORDS,
    scale_words={6: (r"millones", r"millón")},
    percent_words=(r"por\s+ciento",),
    range_words=(r"a", r"y"),
    reporting=REPORTING, source_nouns=SOURCE_NOUNS, pronouns=PRONOUNS, units=UNITS,
    agencies=AGENCIES, orgs=ORGS, places=PLACES, territory_aliases=TERRITORY_ALIASES,
    ambiguous_places=AMBIGUOUS_PLACES, inflection_endings=INFLECTION_ENDINGS,
    length_offset=0.135,  # ntrex128-dev, 1,069 lines against the English original
    opus_mt=OpusModel(
        pair="es-en", name="opus-mt-es-en",
        url="https://object.pouta.csc.fi/OPUS-MT-models/es-en/opus-2019-12-04.zip",
        hf_repo="Helsinki-NLP/opus-mt-es-en",
        source="OPUS-MT object store path as cited by several download scripts; "
               "models/es-en/README.md of OPUS-MT-train was not in the index to cross-check",
    ),
)
