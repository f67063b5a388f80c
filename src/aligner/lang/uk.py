"""Ukrainian. Cyrillic like Russian, so Russian's extraction rules apply where Ukrainian has
none of its own (`rules="ru"`); the alphabet differs (і ї є ґ, no ы э ъ ё), which is how the
identifier tells them apart, and names decline with other endings (Україна, України, Україні)."""

from aligner.lang.base import Language, OpusModel

NEVER_FINAL = frozenset({
    "вул", "просп", "пров", "пл", "проф", "акад", "ген", "св", "напр", "див", "обл", "ім", "т.зв",
    "т. зв", "пп", "ст", "смт", "д-р", "п", "англ", "франц", "нім", "лат", "рос", "укр",
})
MAY_FINAL = frozenset({"р", "рр", "млн", "млрд", "трлн", "тис", "грн", "дол", "коп", "км", "кг", "т.д", "т.п", "ін"})
BYLINE_LABELS = ("фото", "джерело", "автор", "текст", "кореспондент")
READ_MORE = (r"читайте\s+(?:також|більше)", r"дивіться\s+також", r"див\.\s+також", r"докладніше")
SUBSCRIBE = (r"підпис\p{L}*", r"стежте\s+за", r"приєднуйтес\p{L}*")
CHANNELS = (r"канал\p{L}*", r"телеграм\p{L}*", r"розсилк\p{L}*", r"соцмереж\p{L}*")
RIGHTS_RESERVED = (r"(?:усі|всі)\s+права\s+захищені",)

NUMBER_WORDS = {
    **dict.fromkeys(("два", "дві", "двох", "двом", "двома"), 2),
    **dict.fromkeys(("три", "трьох", "трьом", "трьома"), 3),
    **dict.fromkeys(("чотири", "чотирьох", "чотирьом", "чотирма"), 4),
    **dict.fromkeys(("п'ять", "п’ять", "п'яти", "п’яти"), 5),
    **dict.fromkeys(("шість", "шести"), 6),
    **dict.fromkeys(("сім", "семи"), 7),
    **dict.fromkeys(("вісім", "восьми"), 8),
    **dict.fromkeys(("дев'ять", "дев’ять", "дев'яти", "дев’яти"), 9),
    **dict.fromkeys(("десять", "десяти"), 10),
    "одинадцять": 11, "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14, "п'ятнадцять": 15,
    "шістнадцять": 16, "сімнадцять": 17, "вісімнадцять": 18, "дев'ятнадцять": 19, "двадцять": 20,
    "тридцять": 30, "сорок": 40, "п'ятдесят": 50, "шістдесят": 60, "сімдесят": 70, "вісімдесят": 80,
    "дев'яносто": 90,
}

# "у березні" (in March): the locative CLDR does not give (its forms are січень / січня), and
# months drop a vowel as they decline (березень / березня), which DECLENSION_NOUN cannot say.
MONTHS_EXTRA = {
    "січні": 1, "лютому": 2, "березні": 3, "квітні": 4, "травні": 5, "червні": 6, "липні": 7, "серпні": 8,
    "вересні": 9, "жовтні": 10, "листопаді": 11, "грудні": 12,
}

REPORTING = (
    r"заяв(?:ив|ила|или|ляє|ляють)\w*", r"сказа\w*", r"повідоми\w*", r"повідомля\w*", r"зазнач\w*",
    r"дода(?:в|ла|ли|є|ють)\w*", r"наголоси\w*", r"наголошу\w*", r"підкресли\w*", r"розпові\w*",
    r"написа\w*", r"пише", r"пишуть", r"відпові\w*", r"запита\w*", r"говори\w*", r"каже", r"кажуть",
    r"поясни\w*", r"попереди\w*", r"визна(?:в|ла|ли)\w*", r"вважа\w*", r"цитує", r"твітну\w*",
)
SOURCE_NOUNS = (r"журналіст\w*", r"кореспондент\w*", r"преса", r"пресі", r"ЗМІ")
PRONOUNS = (r"він", r"вона", r"вони", r"його", r"її", r"їх")
UNITS = {
    r"мил[ьія]\w*": ("length", 1609.344),
    r"км|кілометр\w*": ("length", 1000.0),
    r"метр\w*|м": ("length", 1.0),
    r"фут\w*": ("length", 0.3048),
    r"см|сантиметр\w*": ("length", 0.01),
    r"фунт\w*": ("mass", 0.45359237),
    r"кг|кілограм\w*": ("mass", 1.0),
    r"тонн\w*|тон\w*": ("mass", 1000.0),
    r"літр\w*|л": ("volume", 1.0),
    r"гектар\w*|га": ("area", 10000.0),
    r"градус\w*(?:\s+(?:за\s+)?Фаренгейт\w*)": ("temperature_f", 1.0),
    r"градус\w*(?:\s+(?:за\s+)?Цельсі\w*|\s+тепла|\s+морозу)?|°C?": ("temperature", 1.0),
    r"км/год": ("speed", 0.277778),
}

AGENCIES = {
    "ukrinform": ("Укрінформ",), "unian": ("УНІАН",), "interfax": ("Інтерфакс", "Інтерфакс-Україна"),
    "tass": ("ТАСС",), "ria": ("РІА Новини", "РІА Новости"), "reuters": ("Рейтер", "Reuters"),
    "xinhua": ("Сіньхуа",), "afp": ("Франс Пресс", "Франс-Прес", "AFP"), "ap": ("Ассошіейтед Прес", "AP"),
    "bloomberg": ("Блумберг", "Bloomberg"), "bbc": ("Бі-Бі-Сі", "BBC"), "cnn": ("Сі-Ен-Ен", "CNN"),
    "aljazeera": ("Аль-Джазіра",), "anadolu": ("Анадолу",), "irna": ("ІРНА",), "yonhap": ("Йонхап",),
    "kyodo": ("Кіодо",),
}
ORGS = {
    "nato": ("НАТО",), "iaea": ("МАГАТЕ",), "who": ("ВООЗ",), "opec": ("ОПЕК",), "imf": ("МВФ",),
    "wto": ("СОТ",), "g7": ("G7", "Велика сімка"), "g20": ("G20", "Велика двадцятка"), "brics": ("БРІКС",),
    "kremlin": ("Кремль",), "white_house": ("Білий дім",), "pentagon": ("Пентагон",), "mfa": ("МЗС",),
}
PLACES = {
    "beijing": ("Пекін",), "washington": ("Вашингтон",), "new_delhi": ("Нью-Делі", "Делі"),
    "ottawa": ("Оттава",), "canberra": ("Канберра",), "ankara": ("Анкара",), "geneva": ("Женева",),
    "crimea": ("Крим",), "donbas": ("Донбас",), "st_petersburg": ("Санкт-Петербург", "Петербург"),
    "middle_east": ("Близький Схід",), "kharkiv": ("Харків",), "lviv": ("Львів",), "odesa": ("Одеса",),
    "donetsk": ("Донецьк",), "luhansk": ("Луганськ",), "mariupol": ("Маріуполь",),
    "sevastopol": ("Севастополь",), "munich": ("Мюнхен",), "hamburg": ("Гамбург",), "cologne": ("Кельн",),
    "frankfurt": ("Франкфурт",), "boston": ("Бостон",), "houston": ("Х'юстон", "Х’юстон"),
    "texas": ("Техас",), "california": ("Каліфорнія",), "florida": ("Флорида",), "england": ("Англія",),
    "scotland": ("Шотландія",), "black_sea": ("Чорне море",), "mediterranean": ("Середземне море",),
    "pacific": ("Тихий океан",), "atlantic": ("Атлантичний океан",),
}
TERRITORY_ALIASES = {
    "US": ("США", "Сполучені Штати Америки", "Америка"), "GB": ("Британія",), "RU": ("РФ", "Російська Федерація"),
    "EU": ("ЄС", "Євросоюз"), "UN": ("ООН",), "CN": ("КНР",), "AE": ("ОАЕ", "Емірати"),
    "KR": ("Південна Корея",), "KP": ("Північна Корея",), "ZA": ("ПАР",),
}
# Country adjective stems (+ ADJECTIVE_ENDINGS)
ADJECTIVES = {
    "JP": ("японськ",), "CN": ("китайськ",), "RU": ("російськ",), "US": ("американськ",),
    "UA": ("українськ",), "GB": ("британськ",), "FR": ("французьк",), "DE": ("німецьк",),
    "TR": ("турецьк",), "IR": ("іранськ",), "IL": ("ізраїльськ",), "PL": ("польськ",),
    "IN": ("індійськ",), "SY": ("сирійськ",), "EG": ("єгипетськ",), "BY": ("білоруськ",),
    "IT": ("італійськ",), "ES": ("іспанськ",), "CA": ("канадськ",), "150": ("європейськ",),
}
ADJECTIVE_ENDINGS = ("ий", "ого", "ому", "им", "ім", "а", "ої", "ій", "у", "ою", "е", "і", "их", "ими")
# Words other languages' place names share with Ukrainian (Того 'that', Мали 'had').
AMBIGUOUS_PLACES = frozenset({"того", "мали", "чад", "світ"})

DECLENSION_NOUN = (
    ("ія", ("ії", "ії", "ію", "ією", "ії")),
    ("я", ("і", "і", "ю", "ею", "і")),
    ("ка", ("ки", "ці", "ку", "кою", "ці")),
    ("га", ("ги", "зі", "гу", "гою", "зі")),
    ("ха", ("хи", "сі", "ху", "хою", "сі")),
    ("а", ("и", "і", "у", "ою", "і")),
    ("и", ()),
    ("й", ("я", "ю", "й", "єм", "ї")),
    ("ь", ("я", "ю", "ь", "ем", "і")),
)
DECLENSION_ADJ = (
    ("ський", ("ського", "ському", "ський", "ським", "ському")),
    ("ий", ("ого", "ому", "ий", "им", "ому")),
    ("ій", ("ього", "ьому", "ій", "ім", "ьому")),
    ("на", ("ної", "ній", "ну", "ною", "ній")),
    ("а", ("ої", "ій", "у", "ою", "ій")),
    ("е", ("ого", "ому", "е", "им", "ому")),
)
CONSONANT_ENDINGS = (
    ("бвгґдзклмнпрстфх", ("а", "у", "", "ом", "і")),
    ("жшчщц", ("а", "у", "", "ем", "і")),
)

# Case endings of names (Джонса, Ліверпуля, Корбіном, Пенсильванії): forms that are one spelling.
INFLECTION_ENDINGS = (
    "ського", "ському", "ськім", "ській", "ська", "ські", "ських", "ським", "ську",
    "ого", "ому", "ими", "ами", "ями", "ові", "еві", "єві", "ою", "ею", "єю", "ом", "ем", "єм", "им", "ім", "ій",
    "ої", "ів", "їв", "ах", "ях", "ам", "ям", "их", "а", "я", "у", "ю", "і", "ї", "и", "е",
)

# Ukrainian letters Russian lacks, read as Latin for name skeletons. Г is h in Ukrainian
# (Гамбург / Hamburg): the Cyrillic Г->H reading of `aligner.names` covers it.
TRANSLIT = {"і": "i", "ї": "yi", "є": "ye", "ґ": "g"}

LANGUAGE = Language(
    code="uk", name="Ukrainian", script="Cyrillic", rules="ru", iso639_3="ukr",
    lexicon="uk",
    alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", marks="іїєґ",
    never_final=NEVER_FINAL, may_final=MAY_FINAL,
    byline_labels=BYLINE_LABELS, read_more=READ_MORE, subscribe=SUBSCRIBE, channels=CHANNELS, rights_reserved=RIGHTS_RESERVED,
    decimal=",", thousands=(" ", "\u00a0", "\u202f"), number_words=NUMBER_WORDS, months_extra=MONTHS_EXTRA,
    scale_words={3: (r"тис\.", r"тисяч\w*"), 6: (r"мільйон\w*",), 9: (r"мільярд\w*",), 12: (r"трильйон\w*",)},
    percent_words=(r"відсот\w*",),
    range_words=(r"до", r"по", r"і", r"й"),
    reporting=REPORTING, source_nouns=SOURCE_NOUNS, pronouns=PRONOUNS, units=UNITS,
    agencies=AGENCIES, orgs=ORGS, places=PLACES, territory_aliases=TERRITORY_ALIASES,
    adjectives=ADJECTIVES, adjective_endings=ADJECTIVE_ENDINGS, ambiguous_places=AMBIGUOUS_PLACES,
    declension_noun=DECLENSION_NOUN, declension_adj=DECLENSION_ADJ, consonant_endings=CONSONANT_ENDINGS,
    translit=TRANSLIT, inflection_endings=INFLECTION_ENDINGS,
    length_offset=0.047,  # ntrex128-dev, 1,069 lines against the English original
    opus_mt=OpusModel(
        pair="uk-en", name="opus-mt-uk-en",
        url="https://object.pouta.csc.fi/OPUS-MT-models/uk-en/opus-2020-01-16.zip",
        hf_repo="Helsinki-NLP/opus-mt-uk-en",
        source="Helsinki-NLP/OPUS-MT-train models/uk-en/README.md (transformer-align, Tatoeba BLEU 64.1)",
    ),
    notes=("stem alternations (Київ / Києва) are not declined; number words are data only "
           "(the extraction reads Russian's)",),
)
