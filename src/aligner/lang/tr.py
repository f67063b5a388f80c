"""Turkish. Latin script; English's extraction rules apply where Turkish has none of its own
(`rules="en"`). Dotted and dotless i are two letters (İ/i, I/ı): case-folding must not merge
them, so names compare on `aligner.normalize`'s folding, where both read as i. Decimal
comma, thousands by a point; suffixes attach to names after an apostrophe (Ankara'da)."""

from dataclasses import replace

from aligner.lang import en
from aligner.lang.base import Language, OpusModel

NEVER_FINAL = frozenset({"dr", "prof", "doç", "av", "sn", "bkz", "no", "yy", "örn", "st", "alb", "yrd", "gen"})
MAY_FINAL = frozenset({"vb", "vs", "vd", "ltd", "şti"})
BYLINE_LABELS = ("foto", "fotoğraf", "kaynak", "yazar", "muhabir")
READ_MORE = (r"ayrıca\s+okuyun", r"ilgili\s+haber\p{L}*", r"devamı", r"bunu\s+da\s+okuyun")
SUBSCRIBE = (r"abone\s+ol\p{L}*", r"takip\s+edin")
CHANNELS = (r"kanal\p{L}*", r"bülten\p{L}*")
RIGHTS_RESERVED = (r"tüm\s+hakları\s+saklıdır",)

# Month names take case suffixes: after an apostrophe in a date (29 Mart'a, 1 Ekim'de,
# Haziran'da) and as a possessive without one (2017 Eylülünde 'in September 2017'). CLDR
# holds the bare names only, so the suffixed forms are generated here by vowel harmony.
_MONTHS = ("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım",
           "aralık")
_HARD = "fstkçşhp"  # voiceless finals: locative -ta, not -da


def _harmony(stem: str) -> tuple[str, str]:
    """(two-way vowel a/e, four-way vowel ı/i/u/ü) that a suffix on `stem` takes."""
    last = next(c for c in reversed(stem) if c in "aeıioöuü")
    return ("a" if last in "aıou" else "e"), {"a": "ı", "ı": "ı", "e": "i", "i": "i", "o": "u", "u": "u", "ö": "ü",
                                               "ü": "ü"}[last]


def _month_forms(stem: str) -> list[str]:
    a, i = _harmony(stem)
    d = "t" if stem[-1] in _HARD else "d"
    cases = [f"{d}{a}", f"{d}{a}n", a, i, f"{i}n", f"{d}{a}ki"]  # loc, abl, dat, acc, gen, 'of'
    soft = stem[:-1] + "ğ" if stem.endswith("k") else stem  # Ocak -> Ocağı
    possessive = [f"{soft}{i}n{x}" for x in (f"d{a}", f"d{a}n", a, f"d{a}ki")]
    return [f"{stem}'{x}" for x in cases] + possessive


MONTHS_EXTRA = {form: n for n, stem in enumerate(_MONTHS, 1) for form in _month_forms(stem)}
# CLDR's three-letter abbreviations are words or names too (May in Theresa May, Ara 'break',
# Kas 'muscle'): a month only beside a day, a year or a date word.
AMBIGUOUS_MONTHS = frozenset(m[:3] for m in _MONTHS)

# "on" (ten) is left out: it starts compounds (on iki) and is a common particle spelling.
NUMBER_WORDS = {
    "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7, "sekiz": 8, "dokuz": 9, "yirmi": 20,
    "otuz": 30, "kırk": 40, "elli": 50, "altmış": 60, "yetmiş": 70, "seksen": 80, "doksan": 90,
}
REPORTING = (
    r"dedi", r"söyledi", r"açıkladı", r"belirtti", r"ifade\s+etti", r"vurguladı", r"ekledi", r"yazdı",
    r"tweet\w*", r"yanıtladı", r"uyardı", r"kaydetti", r"aktardı", r"göre", r"bildirdi", r"dile\s+getirdi",
)
SOURCE_NOUNS = (r"gazeteci\w*", r"muhabir\w*", r"basın", r"medya")
PRONOUNS = (r"o", r"onlar")
UNITS = {
    r"mil": ("length", 1609.344),
    r"km|kilometre": ("length", 1000.0),
    r"m|metre": ("length", 1.0),
    r"fit|ayak": ("length", 0.3048),
    r"inç": ("length", 0.0254),
    r"cm|santimetre": ("length", 0.01),
    r"pound|libre": ("mass", 0.45359237),
    r"kg|kilo(?:gram)?": ("mass", 1.0),
    r"ton": ("mass", 1000.0),
    r"galon": ("volume", 3.78541),
    r"litre|l": ("volume", 1.0),
    r"hektar|ha": ("area", 10000.0),
    r"Fahrenheit|°F": ("temperature_f", 1.0),
    r"derece|°C?": ("temperature", 1.0),
    r"km/sa": ("speed", 0.277778),
}
AGENCIES = {"anadolu": ("Anadolu Ajansı", "Anadolu"), "afp": ("AFP",), "ria": ("RIA Novosti",), "tass": ("TASS",)}
ORGS = {
    "nato": ("NATO",), "who": ("DSÖ", "Dünya Sağlık Örgütü"), "imf": ("IMF",), "opec": ("OPEC",),
    "kremlin": ("Kremlin",), "white_house": ("Beyaz Saray",), "pentagon": ("Pentagon",),
}
PLACES = {
    "beijing": ("Pekin",), "new_delhi": ("Yeni Delhi",), "geneva": ("Cenevre",), "munich": ("Münih",),
    "cologne": ("Köln",), "crimea": ("Kırım",), "st_petersburg": ("St. Petersburg",),
    "middle_east": ("Orta Doğu", "Ortadoğu"), "black_sea": ("Karadeniz",), "mediterranean": ("Akdeniz",),
    "texas": ("Teksas",), "california": ("Kaliforniya",), "england": ("İngiltere",), "scotland": ("İskoçya",),
    "pacific": ("Pasifik",), "atlantic": ("Atlantik",),
}
TERRITORY_ALIASES = {"US": ("ABD", "Amerika", "Amerika Birleşik Devletleri"), "AE": ("BAE",),
                     "UN": ("Birleşmiş Milletler",), "EU": ("Avrupa Birliği",)}
ADJECTIVES = {"RU": ("Rus",), "US": ("Amerikan", "Amerikalı"), "TR": ("Türk",), "DE": ("Alman",),
              "FR": ("Fransız",), "CN": ("Çinli",), "JP": ("Japon",), "GB": ("İngiliz",)}
# "Mısır" is Egypt and maize.
AMBIGUOUS_PLACES = frozenset({"mısır", "çad", "fas"})

LANGUAGE = Language(
    code="tr", name="Turkish", script="Latin", rules="en",
    # the day comes before the month (29 Eylül); a number after a month is no day: 2017
    # Eylülünde 7,1 şiddetiyle ('in September 2017, of magnitude 7.1')
    extraction=replace(en.RULES, day_after_month=False), iso639_3="tur",
    word_frequencies="tr", title_case_headlines=True,
    alphabet="abcçdefgğhıijklmnoöpqrsştuüvwxyzâîû",
    never_final=NEVER_FINAL, may_final=MAY_FINAL,
    byline_labels=BYLINE_LABELS, read_more=READ_MORE, subscribe=SUBSCRIBE, channels=CHANNELS, rights_reserved=RIGHTS_RESERVED,
    months_capitalised=True, months_extra=MONTHS_EXTRA, ambiguous_months=AMBIGUOUS_MONTHS,
    times=(r"(?<![\d:.,])(?P<h>[01]?\d|2[0-4])\.(?P<m>[0-5]\d)(?![\d.,])",),
    percent_before=(r"%", r"yüzde"),
    range_words=(r"ile", r"ila"),
    decimal=",", thousands=(".",), number_words=NUMBER_WORDS,
    scale_words={6: (r"milyon",), 9: (r"milyar",), 12: (r"trilyon",)},
    reporting=REPORTING, source_nouns=SOURCE_NOUNS, pronouns=PRONOUNS, units=UNITS,
    agencies=AGENCIES, orgs=ORGS, places=PLACES, territory_aliases=TERRITORY_ALIASES,
    adjectives=ADJECTIVES, ambiguous_places=AMBIGUOUS_PLACES,
    inflection_endings=("'da", "'de", "'ta", "'te", "'dan", "'den", "'tan", "'ten", "'a", "'e", "'ya", "'ye",
                        "'ın", "'in", "'un", "'ün", "'nın", "'nin", "'nun", "'nün", "'ı", "'i", "'u", "'ü",
                        "'la", "'le", "'yla", "'yle", "'yı", "'yi", "'yu", "'yü"),  # with (Chambers'la), acc. after a vowel
    apostrophe_suffixes=True,  # and the rest: Devon'daki, Ankara'ya, Trump'ın, Londra'dakiler
    length_offset=0.068,  # ntrex128-dev, 1,069 lines against the English original
    opus_mt=OpusModel(
        pair="tr-en", name="opus-mt-tr-en",
        url="https://object.pouta.csc.fi/OPUS-MT-models/tr-en/opus-2020-01-16.zip",
        hf_repo="Helsinki-NLP/opus-mt-tr-en",
        source="Helsinki-NLP/OPUS-MT-train models/tr-en/README.md (transformer-align, newstest2018 BLEU 27.0)",
    ),
)
