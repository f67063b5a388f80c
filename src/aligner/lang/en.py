"""English word lists (regex fragments, matched case-insensitively on word boundaries)."""

REPORTING = (
    r"said", r"says", r"told", r"tweeted", r"wrote", r"writes", r"replied", r"asked", r"continued",
    r"recalled", r"claimed", r"claims", r"alleges", r"alleged", r"added", r"noted", r"explained",
    r"warned", r"admitted", r"stated", r"according\s+to", r"quoted",
)

PRONOUNS = (r"he", r"she", r"they", r"his", r"her", r"their")

UNITS = {
    r"miles?": ("length", 1609.344),
    r"km|kilomet(?:er|re)s?": ("length", 1000.0),
    r"m|met(?:er|re)s?": ("length", 1.0),
    r"yards?|yds?": ("length", 0.9144),
    r"feet|foot|ft": ("length", 0.3048),
    r"inch(?:es)?|in": ("length", 0.0254),
    r"cm|centimet(?:er|re)s?": ("length", 0.01),
    r"mm|millimet(?:er|re)s?": ("length", 0.001),
    r"pounds?|lbs?": ("mass", 0.45359237),
    r"kg|kilo(?:gram)?s?": ("mass", 1.0),
    r"ounces?|oz": ("mass", 0.0283495),
    r"grams?|g": ("mass", 0.001),
    r"tonnes?|tons?": ("mass", 1000.0),
    r"gallons?": ("volume", 3.78541),
    r"lit(?:er|re)s?": ("volume", 1.0),
    r"acres?": ("area", 4046.86),
    r"hectares?|ha": ("area", 10000.0),
    r"degrees?\s+Fahrenheit|°F|F": ("temperature_f", 1.0),
    r"degrees?(?:\s+Celsius)?|°C?": ("temperature", 1.0),
    r"mph|miles\s+per\s+hour": ("speed", 0.44704),
    r"km/h|kph|kilomet(?:er|re)s\s+per\s+hour": ("speed", 0.277778),
}


# Decades written in words ('the eighties' = the 1980s). Regex -> the decade's tens.
DECADES = {
    r"twenties": 20, r"thirties": 30, r"forties": 40, r"fifties": 50, r"sixties": 60, r"seventies": 70,
    r"eighties": 80, r"nineties": 90,
}

# Words that stand for a figure a translator may write in digits ('a fortnight' = '14 days').
FIGURE_WORDS = {r"a\s+dozen": 12, r"fortnight": 14}


# Nouns for people who are quoted ('according to the expert'); audiences are not speakers.
SPEAKER_NOUNS = (
    r"experts?", r"professors?", r"ambassadors?", r"ministers?", r"spokes\w+", r"sources?", r"officials?",
    r"analysts?", r"presidents?", r"premiers?", r"heads?", r"directors?", r"scientists?", r"lawmakers?",
    r"senators?", r"generals?", r"governors?", r"mayors?", r"diplomats?", r"leaders?", r"chair\w*",
)


# -- everything else aligner knows about English (issue 16: languages as data) --------------

from aligner.lang.base import Language, Rules, Script  # noqa: E402

NEVER_FINAL = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "col", "lt", "capt", "st", "mt",
    "jr", "sr", "no", "nos", "fig", "vs", "e.g", "i.e", "cf", "approx", "dept", "gov",
    "u.s", "u.k", "u.n", "e.u", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "ave", "blvd", "rd", "ft", "sgt", "adm", "rev", "hon",
})
MAY_FINAL = frozenset({"etc", "inc", "ltd", "co", "corp", "a.m", "p.m", "bros", "llc", "plc"})
BYLINE_LABELS = ("by", "photo", "photos", "image", "source", "credit", "author")
READ_MORE = (r"read\s+(?:more|also)", r"see\s+also", r"also\s+read", r"related", r"more\s+on\s+this")
SUBSCRIBE = (r"subscribe", r"follow\s+us", r"join\s+(?:us|our)")
CHANNELS = (r"channel", r"newsletter")
RIGHTS_RESERVED = (r"all\s+rights\s+reserved",)

# News agencies and media (gazetteer kind 'agency'): key -> names.
AGENCIES: dict[str, tuple[str, ...]] = {
    'tass': ('TASS', 'Tass'),
    'ria': ('RIA Novosti', 'RIA'),
    'interfax': ('Interfax',),
    'reuters': ('Reuters',),
    'kyodo': ('Kyodo',),
    'xinhua': ('Xinhua',),
    'afp': ('AFP', 'Agence France-Presse'),
    'ap': ('AP', 'Associated Press'),
    'bloomberg': ('Bloomberg',),
    'nhk': ('NHK',),
    'bbc': ('BBC',),
    'cnn': ('CNN',),
    'aljazeera': ('Al Jazeera', 'Al-Jazeera'),
    'sputnik': ('Sputnik',),
    'rt': ('RT', 'Russia Today'),
    'anadolu': ('Anadolu',),
    'irna': ('IRNA',),
    'yonhap': ('Yonhap',),
    'wam': ('WAM',),
    'sana': ('SANA',),
    'nikkei': ('Nikkei',),
    'asahi': ('Asahi',),
    'yomiuri': ('Yomiuri',),
    'mainichi': ('Mainichi',),
    'jiji': ('Jiji',),
    'izvestia': ('Izvestia',),
    'kommersant': ('Kommersant',),
    'vedomosti': ('Vedomosti',),
    'mk': ('MK',),
    'wsj': ('Wall Street Journal', 'WSJ'),
    'nyt': ('New York Times', 'NYT'),
    'ft': ('Financial Times',),
    'wapo': ('Washington Post',),
}

# International organisations and institutions (kind 'org').
ORGS: dict[str, tuple[str, ...]] = {
    'nato': ('NATO',),
    'iaea': ('IAEA',),
    'who': ('WHO', 'World Health Organization'),
    'opec': ('OPEC',),
    'brics': ('BRICS',),
    'sco': ('SCO', 'Shanghai Cooperation Organisation'),
    'asean': ('ASEAN',),
    'imf': ('IMF',),
    'wto': ('WTO',),
    'g7': ('G7', 'Group of Seven'),
    'g20': ('G20', 'Group of 20'),
    'kremlin': ('Kremlin',),
    'white_house': ('White House',),
    'pentagon': ('Pentagon',),
    'mfa': ('Foreign Ministry',),
}

# Places CLDR has no time zone for (capitals, regions, seas): key -> names.
PLACES: dict[str, tuple[str, ...]] = {
    'beijing': ('Beijing', 'Peking'),
    'washington': ('Washington',),
    'new_delhi': ('New Delhi', 'Delhi'),
    'ottawa': ('Ottawa',),
    'canberra': ('Canberra',),
    'ankara': ('Ankara',),
    'islamabad': ('Islamabad',),
    'abu_dhabi': ('Abu Dhabi',),
    'doha': ('Doha',),
    'geneva': ('Geneva',),
    'osaka': ('Osaka',),
    'kyoto': ('Kyoto',),
    'hiroshima': ('Hiroshima',),
    'nagasaki': ('Nagasaki',),
    'fukushima': ('Fukushima',),
    'okinawa': ('Okinawa',),
    'hokkaido': ('Hokkaido',),
    'kurils': ('Kurils', 'Kuril Islands'),
    'crimea': ('Crimea',),
    'donbas': ('Donbas', 'Donbass'),
    'st_petersburg': ('Saint Petersburg', 'St Petersburg', 'St. Petersburg'),
    'sochi': ('Sochi',),
    'middle_east': ('Middle East',),
    'cologne': ('Cologne',),
    'hanover': ('Hanover', 'Hannover'),
    'munich': ('Munich',),
    'frankfurt': ('Frankfurt',),
    'hamburg': ('Hamburg',),
    'milan': ('Milan',),
    'barcelona': ('Barcelona',),
    'marseille': ('Marseille',),
    'strasbourg': ('Strasbourg',),
    'the_hague': ('The Hague',),
    'glasgow': ('Glasgow',),
    'manchester': ('Manchester',),
    'odesa': ('Odesa', 'Odessa'),
    'kharkiv': ('Kharkiv', 'Kharkov'),
    'lviv': ('Lviv',),
    'donetsk': ('Donetsk',),
    'luhansk': ('Luhansk', 'Lugansk'),
    'mariupol': ('Mariupol',),
    'sevastopol': ('Sevastopol',),
    'kazan': ('Kazan',),
    'aleppo': ('Aleppo',),
    'homs': ('Homs',),
    'mosul': ('Mosul',),
    'basra': ('Basra',),
    'benghazi': ('Benghazi',),
    'alexandria': ('Alexandria',),
    'jeddah': ('Jeddah',),
    'mecca': ('Mecca',),
    'medina': ('Medina',),
    'tel_aviv': ('Tel Aviv',),
    'haifa': ('Haifa',),
    'ramallah': ('Ramallah',),
    'lahore': ('Lahore',),
    'mumbai': ('Mumbai', 'Bombay'),
    'shenzhen': ('Shenzhen',),
    'guangzhou': ('Guangzhou',),
    'wuhan': ('Wuhan',),
    'yokohama': ('Yokohama',),
    'nagoya': ('Nagoya',),
    'sapporo': ('Sapporo',),
    'kobe': ('Kobe',),
    'busan': ('Busan',),
    'san_francisco': ('San Francisco',),
    'houston': ('Houston',),
    'boston': ('Boston',),
    'seattle': ('Seattle',),
    'miami': ('Miami',),
    'rio': ('Rio de Janeiro',),
    'cape_town': ('Cape Town',),
    'england': ('England',),
    'scotland': ('Scotland',),
    'texas': ('Texas',),
    'california': ('California',),
    'florida': ('Florida',),
    'oregon': ('Oregon',),
    'utah': ('Utah',),
    'alaska': ('Alaska',),
    'hawaii': ('Hawaii',),
    'pacific': ('Pacific Ocean', 'Pacific'),
    'atlantic': ('Atlantic Ocean', 'Atlantic'),
    'indian_ocean': ('Indian Ocean',),
    'mediterranean': ('Mediterranean Sea', 'Mediterranean'),
    'black_sea': ('Black Sea',),
    'red_sea': ('Red Sea',),
    'persian_gulf': ('Persian Gulf',),
    'south_china_sea': ('South China Sea',),
    'sea_of_japan': ('Sea of Japan',),
    'baltic': ('Baltic Sea',),
    'far_east': ('Far East',),
}

# Short and usual forms CLDR's territory names lack: CLDR code -> names.
TERRITORY_ALIASES: dict[str, tuple[str, ...]] = {
    'US': ('US', 'U.S.', 'USA', 'U.S.A.', 'America', 'United States of America'),
    'CN': ('PRC', "People's Republic of China"),
    'RU': ('Russian Federation',),
    'GB': ('UK', 'U.K.', 'Britain', 'Great Britain'),
    'KR': ('South Korea', 'Republic of Korea'),
    'KP': ('North Korea', 'DPRK'),
    'AE': ('UAE', 'Emirates'),
    'EU': ('EU', 'European Union'),
    'UN': ('UN', 'U.N.', 'United Nations'),
    'PS': ('Palestine',),
    'CZ': ('Czech Republic',),
    'NL': ('Holland',),
    'MM': ('Burma',),
    'HK': ('Hong Kong',),
    'MO': ('Macau', 'Macao'),
    'ZA': ('South Africa',),
    'VA': ('Vatican',),
}

# Country adjectives: CLDR code -> adjectives and demonyms.

ADJECTIVES: dict[str, tuple[str, ...]] = {
    'JP': ('Japanese',),
    'CN': ('Chinese',),
    'RU': ('Russian', 'Russians'),
    'US': ('American', 'Americans'),
    'UA': ('Ukrainian', 'Ukrainians'),
    'TW': ('Taiwanese',),
    'KR': ('South Korean', 'Korean'),
    'KP': ('North Korean',),
    'GB': ('British',),
    'FR': ('French',),
    'DE': ('German', 'Germans'),
    'IN': ('Indian',),
    'IR': ('Iranian',),
    'IL': ('Israeli', 'Israelis'),
    'TR': ('Turkish',),
    'SY': ('Syrian',),
    'EG': ('Egyptian',),
    'SA': ('Saudi',),
    'BY': ('Belarusian',),
    'KZ': ('Kazakh',),
    'GE': ('Georgian',),
    'PL': ('Polish',),
    'IT': ('Italian',),
    'ES': ('Spanish',),
    'CA': ('Canadian',),
    'AU': ('Australian',),
    'BR': ('Brazilian',),
    'MX': ('Mexican',),
    'PK': ('Pakistani',),
    'AF': ('Afghan',),
    'IQ': ('Iraqi',),
    'PS': ('Palestinian', 'Palestinians'),
    'QA': ('Qatari',),
    'AE': ('Emirati',),
    'VN': ('Vietnamese',),
    'ID': ('Indonesian',),
    'PH': ('Filipino',),
    'LB': ('Lebanese',),
    'JO': ('Jordanian',),
    'LY': ('Libyan',),
    'SD': ('Sudanese',),
    'YE': ('Yemeni',),
    'AM': ('Armenian',),
    'AZ': ('Azerbaijani',),
    'UZ': ('Uzbek',),
    'MN': ('Mongolian',),
    'SE': ('Swedish',),
    'FI': ('Finnish',),
    'NO': ('Norwegian',),
    'NL': ('Dutch',),
    'HU': ('Hungarian',),
    'RS': ('Serbian',),
    'GR': ('Greek',),
    'CZ': ('Czech',),
    '150': ('European',),
    'IE': ('Irish',),
    'NZ': ('New Zealand',),
    'ZA': ('South African',),
    'BE': ('Belgian',),
    'CH': ('Swiss',),
    'AT': ('Austrian',),
    'PT': ('Portuguese',),
    'DK': ('Danish',),
    'RO': ('Romanian',),
    'BG': ('Bulgarian',),
    'HR': ('Croatian',),
    'SK': ('Slovak',),
    'LT': ('Lithuanian',),
    'LV': ('Latvian',),
    'EE': ('Estonian',),
    'TH': ('Thai',),
    'MY': ('Malaysian',),
    'SG': ('Singaporean',),
    'AR': ('Argentine', 'Argentinian'),
    'CL': ('Chilean',),
    'CO': ('Colombian',),
    'PE': ('Peruvian',),
    'VE': ('Venezuelan',),
    'CU': ('Cuban',),
    'NG': ('Nigerian',),
    'ET': ('Ethiopian',),
    'KE': ('Kenyan',),
    'MA': ('Moroccan',),
    'DZ': ('Algerian',),
    '002': ('African',),
    '142': ('Asian',),
}

# Place names that are also frequent common words.
AMBIGUOUS_PLACES = frozenset(['chad', 'china', 'easter', 'georgia', 'guinea', 'jersey', 'jordan', 'mahe', 'man', 'midway', 'nome', 'regina', 'resolute', 'turkey', 'victoria', 'wake'])


# -- extraction data the stages read through LANGUAGE (moved out of entities, names and
# namecheck in issue 16) ----------------------------------------------------------------

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

# Month words that are also ordinary words (May, March) and abbreviations (Jan, Dec).
AMBIGUOUS_MONTHS = frozenset({'apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'march', 'may', 'nov', 'oct', 'sep'})

# A title just before a name (evidence that a one-sided word is a person).
TITLES = (
    r"(?:Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|President|Prime Minister|Minister|Ambassador|General|King|"
    r"Queen|Prince|Lord|Sir)\s*$"
)

# Latin script (every Latin-script language): letters the name's own language reads
# otherwise than English does, which Russian and Arabic write as heard.
READINGS = (
    (r"ch", "k"),  # Greek ch: Michael / Майкл, Chris / Крис
    (r"ch", "sh"),  # French ch: Bouchard / بوشار, Michel / ميشيل
    (r"g(?=[eiy])", "j"),  # a soft g: Giselle / Жизель, Gerard / جيرارد
    (r"gh", ""),  # a silent gh: Willoughby / Уиллоуби, Hugh / Хью
    (r"^w", "u"),  # Russian У for an initial W: Willoughby / Уиллоуби
    (r"(?<=..ar)d$", ""),  # a silent final d after -ar: Bouchard / بوشار
)

RULES = Rules(
    hyphenated_numbers=True,  # twenty-five
    slash_month_first=True,  # 3/5/2020 is 5 March
    day_after_month=True,  # March 5th
    attribution_cues=(
        ("audience:briefing", r"briefings?|press\s+conferences?|news\s+conferences?"),
        ("audience:correspondent", r"correspondents?"),
        ("audience:journalists", r"journalists?|reporters|the\s+press|the\s+media"),
        ("audience:interview", r"interviews?"),
        ("cue:according", r"according\s+to|quoting|quoted\s+by|as\s+reported\s+by|citing"),
        ("cue:opinion", r"believes?|believed|thinks?|considers?|in\s+(?:his|her|their|the)\s+(?:view|opinion)"),
        ("cue:say", r"said|says|say|told|tells|stated|states|noted|notes|added|adds|reported|reports|announced|claimed|claims|explained|stressed|emphasi[sz]ed|pointed\s+out|warned|called|recalled|recalls"),
    ),
)

# Endings that make another form of one name or name-like word: plurals and possessives,
# and the adjectives of party and nation names (Democrats / Democratic, Olympics / Olympic).
INFLECTION_ENDINGS = ("s", "es", "ic", "ics", "n", "ns")

# Function words, titles, institutions and other capitalised words that are never a name by
# themselves (whole words, lower case).
FUNCTION_WORDS = frozenset(
    """the a an in on at but and or nor so yet for of to from by with as if when while after before since
    until though although because he she it they we i you this that these those his her its their our my your
    there here what which who whom whose where why how all some any each every no not mr mrs ms dr sir
    president prime minister ministry university government department council committee parliament party
    agency bank court center centre union federation republic organization organisation company corporation
    service administration army navy force forces church museum theater theatre school college group club
    assembly general supreme state states national international federal world war second first third great
    monday tuesday wednesday thursday friday saturday sunday ambassador professor secretary governor mayor
    king queen prince pope god internet defense defence self foreign affairs embassy senate congress house
    office cabinet chancellor chief director chairman islands island sea ocean river lake mount street avenue
    north south east west northern southern eastern western central new old special military operation however
    meanwhile also still then thus therefore according said says read more subscribe inc ltd llc plc corp
    co gmbh management holdings""".split()
)

LANGUAGE = Language(
    code="en", name="English", script=Script.LATIN, rules="en", iso639_3="eng", extraction=RULES,
    word_frequencies="en", title_case_headlines=True, inflection_endings=INFLECTION_ENDINGS, single_quotes=True,
    alphabet="abcdefghijklmnopqrstuvwxyz",
    never_final=NEVER_FINAL, may_final=MAY_FINAL,
    byline_labels=BYLINE_LABELS, read_more=READ_MORE, subscribe=SUBSCRIBE, channels=CHANNELS, rights_reserved=RIGHTS_RESERVED,
    months_capitalised=True,
    decimal=".", thousands=(",",), number_words=NUMBER_WORDS, ambiguous_months=AMBIGUOUS_MONTHS,
    scale_words={3: (r"thousand",), 6: (r"million", r"mln"), 9: (r"billion", r"bn"), 12: (r"trillion",)},
    percent_words=(r"percent", r"per\s+cent", r"pct"),
    range_words=(r"to", r"and"),
    reporting=REPORTING, pronouns=PRONOUNS, units=UNITS, function_words=FUNCTION_WORDS, titles=TITLES,
    agencies=AGENCIES, orgs=ORGS, places=PLACES, territory_aliases=TERRITORY_ALIASES,
    adjectives=ADJECTIVES, ambiguous_places=AMBIGUOUS_PLACES, readings=READINGS,
    length_offset=0.0, length_ratios={"ru": 1.13, "ar": 0.90},
    opus_mt=None,  # the pivot language itself: nothing to translate
)
