"""Places, news agencies and organisations across Arabic, Russian and English.

Countries and regions come from CLDR territory names (`babel.Locale(lang).territories`),
cities from CLDR time-zone exemplar cities (`Locale(lang).time_zones`), so Япония /
اليابان / Japan share the key `place:JP` and Токио / طوكيو / Tokyo share `place:tokyo`.
A short curated table adds what CLDR lacks: capitals without a time zone of their own
(Пекин, Вашингтон), usual short forms (США, КНР, الولايات المتحدة الأمريكية), news agencies
and international organisations, and the Russian and English country adjectives.

Russian names are stored in all their singular case forms (Японии, Японию, Японией), made
by a small declension table, so matching is an exact dictionary lookup and short names
cannot over-match the way a prefix or stem match would. Arabic names are stored without
the article; at lookup the clitics و ف ب ك ل ال لل are peeled off (longest form first),
and relative adjectives (ياباني، اليابانية، الصينيين) are derived from each country name.

Built once per process; a pickle in the user cache dir (platformdirs) keyed by the Babel
version and this module's source makes later processes start in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from aligner.names import ar_token_key
from aligner.normalize import match_key

LANGS: tuple[str, ...] = ("ar", "ru", "en")

# -- curated additions (CLDR has no agencies, no adjectives, few short forms) --------------

# code -> {lang: [names]} added to the CLDR territory names.
TERRITORY_ALIASES: dict[str, dict[str, list[str]]] = {
    "US": {
        "ru": ["США", "Соединенные Штаты Америки", "Америка"],
        "en": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
        "ar": ["أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"],
    },
    "CN": {"ru": ["КНР", "Китайская Народная Республика"], "en": ["PRC", "People's Republic of China"], "ar": ["جمهورية الصين الشعبية"]},
    "RU": {"ru": ["РФ", "Российская Федерация"], "en": ["Russian Federation"], "ar": ["روسيا الاتحادية", "روسية"]},
    "GB": {"ru": ["Британия", "Соединенное Королевство"], "en": ["UK", "U.K.", "Britain", "Great Britain"], "ar": ["بريطانيا"]},
    "KR": {"ru": ["Южная Корея"], "en": ["South Korea", "Republic of Korea"], "ar": ["كوري"]},
    "KP": {"ru": ["Северная Корея"], "en": ["North Korea", "DPRK"], "ar": []},
    "AE": {"ru": ["Объединенные Арабские Эмираты", "Эмираты"], "en": ["UAE", "Emirates"], "ar": ["الإمارات"]},
    "EU": {"ru": ["ЕС", "Евросоюз", "Евросоюза"], "en": ["EU", "European Union"], "ar": []},
    "UN": {"ru": ["ООН"], "en": ["UN", "U.N.", "United Nations"], "ar": []},
    "PS": {"ru": ["Палестина"], "en": ["Palestine"], "ar": ["فلسطين"]},
    "SY": {"ru": [], "en": [], "ar": ["سورية"]},
    "UA": {"ru": [], "en": [], "ar": ["اوكرانيا"]},
    "CZ": {"ru": ["Чехия"], "en": ["Czech Republic"], "ar": ["التشيك"]},
    "NL": {"ru": ["Голландия"], "en": ["Holland"], "ar": []},
    "MM": {"ru": ["Бирма"], "en": ["Burma"], "ar": ["بورما"]},
    "HK": {"ru": ["Гонконг"], "en": ["Hong Kong"], "ar": ["هونغ كونغ", "هونج كونج"]},
    "MO": {"ru": ["Макао", "Аомынь"], "en": ["Macau", "Macao"], "ar": ["ماكاو"]},
    "HU": {"ru": [], "en": [], "ar": ["المجر"]},
    "ES": {"ru": [], "en": [], "ar": ["أسبانيا"]},
    "AF": {"ru": [], "en": [], "ar": ["أفغاني"]},
    "ZA": {"ru": ["ЮАР", "Южная Африка"], "en": ["South Africa"], "ar": []},
    "VA": {"ru": ["Ватикан"], "en": ["Vatican"], "ar": ["الفاتيكان"]},
    "EG": {"ru": ["Египта", "Египту", "Египтом", "Египте"], "en": [], "ar": []},
}

# Capitals, regions and places that have no CLDR time zone of their own.
EXTRA_PLACES: dict[str, dict[str, list[str]]] = {
    "beijing": {"ru": ["Пекин"], "en": ["Beijing", "Peking"], "ar": ["بكين"]},
    "washington": {"ru": ["Вашингтон"], "en": ["Washington"], "ar": ["واشنطن"]},
    "new_delhi": {"ru": ["Нью-Дели", "Дели"], "en": ["New Delhi", "Delhi"], "ar": ["نيودلهي", "نيو دلهي", "دلهي"]},
    "ottawa": {"ru": ["Оттава"], "en": ["Ottawa"], "ar": ["أوتاوا"]},
    "canberra": {"ru": ["Канберра"], "en": ["Canberra"], "ar": ["كانبرا"]},
    "ankara": {"ru": ["Анкара"], "en": ["Ankara"], "ar": ["أنقرة"]},
    "islamabad": {"ru": ["Исламабад"], "en": ["Islamabad"], "ar": ["إسلام آباد"]},
    "abu_dhabi": {"ru": ["Абу-Даби"], "en": ["Abu Dhabi"], "ar": ["أبوظبي", "أبو ظبي"]},
    "doha": {"ru": ["Доха"], "en": ["Doha"], "ar": ["الدوحة"]},
    "geneva": {"ru": ["Женева"], "en": ["Geneva"], "ar": ["جنيف"]},
    "osaka": {"ru": ["Осака"], "en": ["Osaka"], "ar": ["أوساكا"]},
    "kyoto": {"ru": ["Киото"], "en": ["Kyoto"], "ar": ["كيوتو"]},
    "hiroshima": {"ru": ["Хиросима"], "en": ["Hiroshima"], "ar": ["هيروشيما"]},
    "nagasaki": {"ru": ["Нагасаки"], "en": ["Nagasaki"], "ar": ["ناغازاكي", "ناجازاكي"]},
    "fukushima": {"ru": ["Фукусима"], "en": ["Fukushima"], "ar": ["فوكوشيما"]},
    "okinawa": {"ru": ["Окинава"], "en": ["Okinawa"], "ar": ["أوكيناوا"]},
    "hokkaido": {"ru": ["Хоккайдо"], "en": ["Hokkaido"], "ar": ["هوكايدو"]},
    "kurils": {"ru": ["Курилы", "Курильские острова"], "en": ["Kurils", "Kuril Islands"], "ar": ["جزر الكوريل"]},
    "crimea": {"ru": ["Крым"], "en": ["Crimea"], "ar": ["القرم"]},
    "donbas": {"ru": ["Донбасс"], "en": ["Donbas", "Donbass"], "ar": ["دونباس"]},
    "st_petersburg": {"ru": ["Санкт-Петербург", "Петербург"], "en": ["Saint Petersburg", "St Petersburg", "St. Petersburg"], "ar": ["سانت بطرسبرغ", "بطرسبرغ"]},
    "sochi": {"ru": ["Сочи"], "en": ["Sochi"], "ar": ["سوتشي"]},
    "middle_east": {"ru": ["Ближний Восток"], "en": ["Middle East"], "ar": ["الشرق الأوسط"]},
    # cities in the news that have no time zone of their own
    "cologne": {"ru": ["Кельн"], "en": ["Cologne"], "ar": ["كولونيا"]},
    "hanover": {"ru": ["Ганновер"], "en": ["Hanover", "Hannover"], "ar": ["هانوفر"]},
    "munich": {"ru": ["Мюнхен"], "en": ["Munich"], "ar": ["ميونخ"]},
    "frankfurt": {"ru": ["Франкфурт"], "en": ["Frankfurt"], "ar": ["فرانكفورت"]},
    "hamburg": {"ru": ["Гамбург"], "en": ["Hamburg"], "ar": ["هامبورغ"]},
    "milan": {"ru": ["Милан"], "en": ["Milan"], "ar": ["ميلانو"]},
    "barcelona": {"ru": ["Барселона"], "en": ["Barcelona"], "ar": ["برشلونة"]},
    "marseille": {"ru": ["Марсель"], "en": ["Marseille"], "ar": ["مرسيليا"]},
    "strasbourg": {"ru": ["Страсбург"], "en": ["Strasbourg"], "ar": ["ستراسبورغ"]},
    "the_hague": {"ru": ["Гаага"], "en": ["The Hague"], "ar": ["لاهاي"]},
    "glasgow": {"ru": ["Глазго"], "en": ["Glasgow"], "ar": ["غلاسكو"]},
    "manchester": {"ru": ["Манчестер"], "en": ["Manchester"], "ar": ["مانشستر"]},
    "odesa": {"ru": ["Одесса"], "en": ["Odesa", "Odessa"], "ar": ["أوديسا"]},
    "kharkiv": {"ru": ["Харьков"], "en": ["Kharkiv", "Kharkov"], "ar": ["خاركيف"]},
    "lviv": {"ru": ["Львов"], "en": ["Lviv"], "ar": ["لفيف"]},
    "donetsk": {"ru": ["Донецк"], "en": ["Donetsk"], "ar": ["دونيتسك"]},
    "luhansk": {"ru": ["Луганск"], "en": ["Luhansk", "Lugansk"], "ar": ["لوغانسك", "لوهانسك"]},
    "mariupol": {"ru": ["Мариуполь"], "en": ["Mariupol"], "ar": ["ماريوبول"]},
    "sevastopol": {"ru": ["Севастополь"], "en": ["Sevastopol"], "ar": ["سيفاستوبول"]},
    "kazan": {"ru": ["Казань"], "en": ["Kazan"], "ar": ["قازان"]},
    "aleppo": {"ru": ["Алеппо"], "en": ["Aleppo"], "ar": ["حلب"]},
    "homs": {"ru": ["Хомс"], "en": ["Homs"], "ar": ["حمص"]},
    "mosul": {"ru": ["Мосул"], "en": ["Mosul"], "ar": ["الموصل"]},
    "basra": {"ru": ["Басра"], "en": ["Basra"], "ar": ["البصرة"]},
    "benghazi": {"ru": ["Бенгази"], "en": ["Benghazi"], "ar": ["بنغازي"]},
    "alexandria": {"ru": ["Александрия"], "en": ["Alexandria"], "ar": ["الإسكندرية"]},
    "jeddah": {"ru": ["Джидда"], "en": ["Jeddah"], "ar": ["جدة"]},
    "mecca": {"ru": ["Мекка"], "en": ["Mecca"], "ar": ["مكة", "مكة المكرمة"]},
    "medina": {"ru": ["Медина"], "en": ["Medina"], "ar": ["المدينة المنورة"]},
    "tel_aviv": {"ru": ["Тель-Авив"], "en": ["Tel Aviv"], "ar": ["تل أبيب"]},
    "haifa": {"ru": ["Хайфа"], "en": ["Haifa"], "ar": ["حيفا"]},
    "ramallah": {"ru": ["Рамалла"], "en": ["Ramallah"], "ar": ["رام الله"]},
    "lahore": {"ru": ["Лахор"], "en": ["Lahore"], "ar": ["لاهور"]},
    "mumbai": {"ru": ["Мумбаи", "Бомбей"], "en": ["Mumbai", "Bombay"], "ar": ["مومباي"]},
    "shenzhen": {"ru": ["Шэньчжэнь"], "en": ["Shenzhen"], "ar": ["شنتشن", "شينزين"]},
    "guangzhou": {"ru": ["Гуанчжоу"], "en": ["Guangzhou"], "ar": ["قوانغتشو", "غوانغتشو"]},
    "wuhan": {"ru": ["Ухань"], "en": ["Wuhan"], "ar": ["ووهان"]},
    "yokohama": {"ru": ["Иокогама", "Йокогама"], "en": ["Yokohama"], "ar": ["يوكوهاما"]},
    "nagoya": {"ru": ["Нагоя"], "en": ["Nagoya"], "ar": ["ناغويا"]},
    "sapporo": {"ru": ["Саппоро"], "en": ["Sapporo"], "ar": ["سابورو"]},
    "kobe": {"ru": ["Кобе"], "en": ["Kobe"], "ar": ["كوبي"]},
    "busan": {"ru": ["Пусан"], "en": ["Busan"], "ar": ["بوسان"]},
    "san_francisco": {"ru": ["Сан-Франциско"], "en": ["San Francisco"], "ar": ["سان فرانسيسكو"]},
    "houston": {"ru": ["Хьюстон"], "en": ["Houston"], "ar": ["هيوستن"]},
    "boston": {"ru": ["Бостон"], "en": ["Boston"], "ar": ["بوسطن"]},
    "seattle": {"ru": ["Сиэтл"], "en": ["Seattle"], "ar": ["سياتل"]},
    "miami": {"ru": ["Майами"], "en": ["Miami"], "ar": ["ميامي"]},
    "rio": {"ru": ["Рио-де-Жанейро"], "en": ["Rio de Janeiro"], "ar": ["ريو دي جانيرو"]},
    "cape_town": {"ru": ["Кейптаун"], "en": ["Cape Town"], "ar": ["كيب تاون"]},
    # regions, US states, seas
    "england": {"ru": ["Англия"], "en": ["England"], "ar": ["إنجلترا", "إنكلترا"]},
    "scotland": {"ru": ["Шотландия"], "en": ["Scotland"], "ar": ["اسكتلندا"]},
    "texas": {"ru": ["Техас"], "en": ["Texas"], "ar": ["تكساس"]},
    "california": {"ru": ["Калифорния"], "en": ["California"], "ar": ["كاليفورنيا"]},
    "florida": {"ru": ["Флорида"], "en": ["Florida"], "ar": ["فلوريدا"]},
    "oregon": {"ru": ["Орегон"], "en": ["Oregon"], "ar": ["أوريغون"]},
    "utah": {"ru": ["Юта"], "en": ["Utah"], "ar": ["يوتا"]},
    "alaska": {"ru": ["Аляска"], "en": ["Alaska"], "ar": ["ألاسكا"]},
    "hawaii": {"ru": ["Гавайи", "Гавайях", "Гавайев", "Гавайям"], "en": ["Hawaii"], "ar": ["هاواي"]},
    "pacific": {"ru": ["Тихий океан"], "en": ["Pacific Ocean", "Pacific"], "ar": ["المحيط الهادئ", "المحيط الهادي"]},
    "atlantic": {"ru": ["Атлантический океан", "Атлантика"], "en": ["Atlantic Ocean", "Atlantic"], "ar": ["المحيط الأطلسي"]},
    "indian_ocean": {"ru": ["Индийский океан"], "en": ["Indian Ocean"], "ar": ["المحيط الهندي"]},
    "mediterranean": {"ru": ["Средиземное море"], "en": ["Mediterranean Sea", "Mediterranean"], "ar": ["البحر المتوسط", "البحر الأبيض المتوسط"]},
    "black_sea": {"ru": ["Черное море"], "en": ["Black Sea"], "ar": ["البحر الأسود"]},
    "red_sea": {"ru": ["Красное море"], "en": ["Red Sea"], "ar": ["البحر الأحمر"]},
    "persian_gulf": {"ru": ["Персидский залив"], "en": ["Persian Gulf"], "ar": ["الخليج الفارسي"]},
    "south_china_sea": {"ru": ["Южно-Китайское море"], "en": ["South China Sea"], "ar": ["بحر الصين الجنوبي"]},
    "sea_of_japan": {"ru": ["Японское море"], "en": ["Sea of Japan"], "ar": ["بحر اليابان"]},
    "baltic": {"ru": ["Балтийское море", "Балтика"], "en": ["Baltic Sea"], "ar": ["بحر البلطيق"]},
    "far_east": {"ru": ["Дальний Восток"], "en": ["Far East"], "ar": ["الشرق الأقصى"]},
}

AGENCIES: dict[str, dict[str, list[str]]] = {
    "tass": {"ru": ["ТАСС"], "en": ["TASS", "Tass"], "ar": ["تاس"]},
    "ria": {"ru": ["РИА Новости", "РИА"], "en": ["RIA Novosti", "RIA"], "ar": ["ريا نوفوستي", "نوفوستي"]},
    "interfax": {"ru": ["Интерфакс"], "en": ["Interfax"], "ar": ["إنترفاكس"]},
    "reuters": {"ru": ["Рейтер", "Рейтерс", "Reuters"], "en": ["Reuters"], "ar": ["رويترز"]},
    "kyodo": {"ru": ["Киодо", "Kyodo"], "en": ["Kyodo"], "ar": ["كيودو"]},
    "xinhua": {"ru": ["Синьхуа"], "en": ["Xinhua"], "ar": ["شينخوا"]},
    "afp": {"ru": ["Франс Пресс", "Франс-Пресс", "AFP"], "en": ["AFP", "Agence France-Presse"], "ar": ["فرانس برس", "فرانس بريس"]},
    "ap": {"ru": ["Ассошиэйтед Пресс", "AP"], "en": ["AP", "Associated Press"], "ar": ["أسوشيتد برس", "أسوشييتد برس"]},
    "bloomberg": {"ru": ["Блумберг", "Bloomberg"], "en": ["Bloomberg"], "ar": ["بلومبرغ", "بلومبيرغ"]},
    "nhk": {"ru": ["NHK", "Эн-эйч-кей"], "en": ["NHK"], "ar": ["إن إتش كيه"]},
    "bbc": {"ru": ["Би-би-си", "BBC"], "en": ["BBC"], "ar": ["بي بي سي"]},
    "cnn": {"ru": ["Си-эн-эн", "CNN"], "en": ["CNN"], "ar": ["سي إن إن"]},
    "aljazeera": {"ru": ["Аль-Джазира"], "en": ["Al Jazeera", "Al-Jazeera"], "ar": ["قناة الجزيرة", "شبكة الجزيرة"]},
    "sputnik": {"ru": ["Sputnik"], "en": ["Sputnik"], "ar": ["سبوتنيك"]},
    "rt": {"ru": ["RT", "Russia Today"], "en": ["RT", "Russia Today"], "ar": ["روسيا اليوم"]},
    "anadolu": {"ru": ["Анадолу"], "en": ["Anadolu"], "ar": ["الأناضول"]},
    "irna": {"ru": ["ИРНА"], "en": ["IRNA"], "ar": ["إرنا"]},
    "yonhap": {"ru": ["Ренхап", "Рёнхап", "Йонхап"], "en": ["Yonhap"], "ar": ["يونهاب"]},
    "wam": {"ru": ["WAM"], "en": ["WAM"], "ar": ["وام"]},
    "sana": {"ru": ["САНА"], "en": ["SANA"], "ar": ["وكالة سانا"]},
    "nikkei": {"ru": ["Никкэй", "Nikkei"], "en": ["Nikkei"], "ar": ["نيكاي", "نيكي"]},
    "asahi": {"ru": ["Асахи"], "en": ["Asahi"], "ar": ["أساهي"]},
    "yomiuri": {"ru": ["Иомиури", "Йомиури"], "en": ["Yomiuri"], "ar": ["يوميوري"]},
    "mainichi": {"ru": ["Майнити"], "en": ["Mainichi"], "ar": ["ماينيتشي"]},
    "jiji": {"ru": ["Дзидзи"], "en": ["Jiji"], "ar": ["جيجي"]},
    "izvestia": {"ru": ["Известия"], "en": ["Izvestia"], "ar": ["إزفستيا"]},
    "kommersant": {"ru": ["Коммерсант", "Коммерсантъ"], "en": ["Kommersant"], "ar": ["كوميرسانت"]},
    "vedomosti": {"ru": ["Ведомости"], "en": ["Vedomosti"], "ar": ["فيدوموستي"]},
    "mk": {"ru": ["МК", "Московский комсомолец"], "en": ["MK"], "ar": ["MK"]},
    "wsj": {"ru": ["Уолл-стрит джорнэл", "Wall Street Journal"], "en": ["Wall Street Journal", "WSJ"], "ar": ["وول ستريت جورنال"]},
    "nyt": {"ru": ["Нью-Йорк таймс", "New York Times"], "en": ["New York Times", "NYT"], "ar": ["نيويورك تايمز"]},
    "ft": {"ru": ["Файнэншл таймс", "Financial Times"], "en": ["Financial Times"], "ar": ["فايننشال تايمز"]},
    "wapo": {"ru": ["Вашингтон пост", "Washington Post"], "en": ["Washington Post"], "ar": ["واشنطن بوست"]},
}

ORGS: dict[str, dict[str, list[str]]] = {
    "nato": {"ru": ["НАТО"], "en": ["NATO"], "ar": ["الناتو", "حلف شمال الأطلسي", "حلف شمال الاطلسي"]},
    "iaea": {"ru": ["МАГАТЭ"], "en": ["IAEA"], "ar": ["الوكالة الدولية للطاقة الذرية"]},
    "who": {"ru": ["ВОЗ"], "en": ["WHO", "World Health Organization"], "ar": ["منظمة الصحة العالمية"]},
    "opec": {"ru": ["ОПЕК"], "en": ["OPEC"], "ar": ["أوبك"]},
    "brics": {"ru": ["БРИКС"], "en": ["BRICS"], "ar": ["بريكس"]},
    "sco": {"ru": ["ШОС"], "en": ["SCO", "Shanghai Cooperation Organisation"], "ar": ["منظمة شنغهاي للتعاون"]},
    "asean": {"ru": ["АСЕАН"], "en": ["ASEAN"], "ar": ["آسيان"]},
    "imf": {"ru": ["МВФ"], "en": ["IMF"], "ar": ["صندوق النقد الدولي"]},
    "wto": {"ru": ["ВТО"], "en": ["WTO"], "ar": ["منظمة التجارة العالمية"]},
    "g7": {"ru": ["G7", "Большая семерка", "Группа семи"], "en": ["G7", "Group of Seven"], "ar": ["مجموعة السبع"]},
    "g20": {"ru": ["G20", "Большая двадцатка", "Группа двадцати"], "en": ["G20", "Group of 20"], "ar": ["مجموعة العشرين"]},
    "kremlin": {"ru": ["Кремль"], "en": ["Kremlin"], "ar": ["الكرملين"]},
    "white_house": {"ru": ["Белый дом"], "en": ["White House"], "ar": ["البيت الأبيض"]},
    "pentagon": {"ru": ["Пентагон"], "en": ["Pentagon"], "ar": ["البنتاغون", "البنتاجون"]},
    "mfa": {"ru": ["МИД"], "en": ["Foreign Ministry"], "ar": []},
}

# Country adjectives. Russian: stems (+ adjective endings) and compound prefixes (японо-).
RU_ADJECTIVES: dict[str, tuple[str, ...]] = {
    "JP": ("японск", "японо"), "CN": ("китайск", "китайско", "кнр"), "RU": ("российск", "русск", "российско", "русско"),
    "US": ("американск", "американо"), "UA": ("украинск", "украино"), "TW": ("тайваньск",),
    "KR": ("южнокорейск", "корейск"), "KP": ("северокорейск",), "GB": ("британск", "англо"),
    "FR": ("французск", "франко"), "DE": ("немецк", "германск", "германо"), "IN": ("индийск",),
    "IR": ("иранск",), "IL": ("израильск",), "TR": ("турецк",), "SY": ("сирийск",),
    "EG": ("египетск",), "SA": ("саудовск",), "BY": ("белорусск",), "KZ": ("казахстанск",),
    "GE": ("грузинск",), "PL": ("польск",), "IT": ("итальянск",), "ES": ("испанск",),
    "CA": ("канадск",), "AU": ("австралийск",), "BR": ("бразильск",), "MX": ("мексиканск",),
    "PK": ("пакистанск",), "AF": ("афганск",), "IQ": ("иракск",), "PS": ("палестинск",),
    "QA": ("катарск",), "AE": ("эмиратск",), "VN": ("вьетнамск",), "ID": ("индонезийск",),
    "PH": ("филиппинск",), "LB": ("ливанск",), "JO": ("иорданск",), "LY": ("ливийск",),
    "SD": ("суданск",), "YE": ("йеменск",), "AM": ("армянск",), "AZ": ("азербайджанск",),
    "UZ": ("узбекск",), "MN": ("монгольск",), "SE": ("шведск",), "FI": ("финск",),
    "NO": ("норвежск",), "NL": ("нидерландск", "голландск"), "HU": ("венгерск",),
    "RS": ("сербск",), "GR": ("греческ",), "CZ": ("чешск",), "150": ("европейск",),
    "IE": ("ирландск",), "NZ": ("новозеландск",), "ZA": ("южноафриканск",), "BE": ("бельгийск",),
    "CH": ("швейцарск",), "AT": ("австрийск",), "PT": ("португальск",), "DK": ("датск",), "RO": ("румынск",),
    "BG": ("болгарск",), "HR": ("хорватск",), "SK": ("словацк",), "SI": ("словенск",), "LT": ("литовск",),
    "LV": ("латвийск",), "EE": ("эстонск",), "MD": ("молдавск", "молдовск"), "TJ": ("таджикск",),
    "KG": ("киргизск", "кыргызск"), "TM": ("туркменск",), "TH": ("таиландск", "тайск"), "MY": ("малайзийск",),
    "SG": ("сингапурск",), "KH": ("камбоджийск",), "BD": ("бангладешск",), "NP": ("непальск",),
    "AR": ("аргентинск",), "CL": ("чилийск",), "CO": ("колумбийск",), "PE": ("перуанск",), "VE": ("венесуэльск",),
    "CU": ("кубинск",), "NG": ("нигерийск",), "ET": ("эфиопск",), "KE": ("кенийск",), "MA": ("марокканск",),
    "DZ": ("алжирск",), "TN": ("тунисск",), "KW": ("кувейтск",), "BH": ("бахрейнск",), "OM": ("оманск",),
    "002": ("африканск",), "142": ("азиатск",),
}
EN_ADJECTIVES: dict[str, tuple[str, ...]] = {
    "JP": ("Japanese",), "CN": ("Chinese",), "RU": ("Russian", "Russians"), "US": ("American", "Americans"),
    "UA": ("Ukrainian", "Ukrainians"), "TW": ("Taiwanese",), "KR": ("South Korean", "Korean"),
    "KP": ("North Korean",), "GB": ("British",), "FR": ("French",), "DE": ("German", "Germans"),
    "IN": ("Indian",), "IR": ("Iranian",), "IL": ("Israeli", "Israelis"), "TR": ("Turkish",),
    "SY": ("Syrian",), "EG": ("Egyptian",), "SA": ("Saudi",), "BY": ("Belarusian",), "KZ": ("Kazakh",),
    "GE": ("Georgian",), "PL": ("Polish",), "IT": ("Italian",), "ES": ("Spanish",), "CA": ("Canadian",),
    "AU": ("Australian",), "BR": ("Brazilian",), "MX": ("Mexican",), "PK": ("Pakistani",),
    "AF": ("Afghan",), "IQ": ("Iraqi",), "PS": ("Palestinian", "Palestinians"), "QA": ("Qatari",),
    "AE": ("Emirati",), "VN": ("Vietnamese",), "ID": ("Indonesian",), "PH": ("Filipino",),
    "LB": ("Lebanese",), "JO": ("Jordanian",), "LY": ("Libyan",), "SD": ("Sudanese",), "YE": ("Yemeni",),
    "AM": ("Armenian",), "AZ": ("Azerbaijani",), "UZ": ("Uzbek",), "MN": ("Mongolian",),
    "SE": ("Swedish",), "FI": ("Finnish",), "NO": ("Norwegian",), "NL": ("Dutch",), "HU": ("Hungarian",),
    "RS": ("Serbian",), "GR": ("Greek",), "CZ": ("Czech",), "150": ("European",),
    "IE": ("Irish",), "NZ": ("New Zealand",), "ZA": ("South African",), "BE": ("Belgian",), "CH": ("Swiss",),
    "AT": ("Austrian",), "PT": ("Portuguese",), "DK": ("Danish",), "RO": ("Romanian",), "BG": ("Bulgarian",),
    "HR": ("Croatian",), "SK": ("Slovak",), "LT": ("Lithuanian",), "LV": ("Latvian",), "EE": ("Estonian",),
    "TH": ("Thai",), "MY": ("Malaysian",), "SG": ("Singaporean",), "AR": ("Argentine", "Argentinian"),
    "CL": ("Chilean",), "CO": ("Colombian",), "PE": ("Peruvian",), "VE": ("Venezuelan",), "CU": ("Cuban",),
    "NG": ("Nigerian",), "ET": ("Ethiopian",), "KE": ("Kenyan",), "MA": ("Moroccan",), "DZ": ("Algerian",),
    "002": ("African",), "142": ("Asian",),
}

# Territory codes kept: the two-letter ones plus the continents (not "world", not the
# statistical sub-regions, whose names are descriptions rather than places).
_REGIONS = {"002", "009", "019", "142", "150"}
_SKIP_TERRITORIES = {"ZZ", "QO", "EZ", "XA", "XB", "AQ"}
# Surface forms that are also frequent common words in their language.
_AMBIGUOUS = {
    "ru": {"того", "чад", "мир"},
    "en": {"chad", "jordan", "georgia", "turkey", "guinea", "man", "jersey", "china", "regina", "easter", "wake", "midway", "resolute", "nome", "victoria", "mahe"},
    "ar": {"مالي", "بنين", "ماهي", "عمان", "بلم", "سانتا", "ريجينا", "نوم", "سول", "جوني", "عيون", "جده"},
}
# Arabic relative adjectives that are also other words: اليمنى 'the right (hand)' reads as
# اليمني once alef maqsura is unified; رومانية is 'Roman' as often as 'Romanian'.
_AR_NISBA_SKIP = {"YE", "RO"}
_SKIP_ZONES = regex.compile(r"^(?:Etc|Antarctica|Arctic|America/(?:Indiana|Kentucky|North_Dakota|Argentina))/")

_AR_SUFFIX_STRIP = "اهةى"  # stripped from a country name before the nisba ending is added

# -- Russian declension (enough for place and agency names) ------------------------------

# nominative ending -> endings of gen, dat, acc, ins, prep (alternatives with |)
_NOUN = (
    ("море", ("моря", "морю", "море", "морем", "море")),
    ("ия", ("ии", "ии", "ию", "ией", "ии")),
    ("ея", ("еи", "ее", "ею", "еей", "ее")),
    ("ья", ("ьи", "ье", "ью", "ьей", "ье")),
    ("я", ("и", "е", "ю", "ей|ею", "е")),
    ("ка", ("ки", "ке", "ку", "кой", "ке")),
    ("га", ("ги", "ге", "гу", "гой", "ге")),
    ("ха", ("хи", "хе", "ху", "хой", "хе")),
    ("жа", ("жи", "же", "жу", "жей|жой", "же")),
    ("ша", ("ши", "ше", "шу", "шей|шой", "ше")),
    ("ча", ("чи", "че", "чу", "чей", "че")),
    ("ца", ("цы", "це", "цу", "цей", "це")),
    ("а", ("ы", "е", "у", "ой", "е")),
    ("ы", ("ов", "ам", "ы", "ами", "ах")),
    ("и", ()),
    ("й", ("я", "ю", "й", "ем", "е")),
    ("ь", ("я", "ю", "ь", "ем|ём", "е")),
)
_ADJ = (
    ("ский", ("ского", "скому", "ский", "ским", "ском")),
    ("ний", ("него", "нему", "ний", "ним", "нем")),
    ("ый", ("ого", "ому", "ый", "ым", "ом")),
    ("ий", ("ого", "ому", "ий", "им", "ом")),
    ("ой", ("ого", "ому", "ой", "ым", "ом")),
    ("ая", ("ой", "ой", "ую", "ой", "ой")),
    ("яя", ("ей", "ей", "юю", "ей", "ей")),
    ("ое", ("ого", "ому", "ое", "ым", "ом")),
    ("ее", ("его", "ему", "ее", "им", "ем")),
    ("ые", ("ых", "ым", "ые", "ыми", "ых")),
    ("ие", ("их", "им", "ие", "ими", "их")),
)
_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


def _decline(word: str, is_adj: bool) -> list[set[str]]:
    """[nom, gen, dat, acc, ins, prep] sets of forms of one lower-case Russian word."""
    cases = [{word}] + [set() for _ in range(5)]
    if word.isupper() or not regex.fullmatch(r"[\p{Cyrillic}-]+", word):
        return [{word}] * 6
    table = _ADJ if is_adj else _NOUN
    for end, forms in table:
        if word.endswith(end):
            stem = word[: -len(end)]
            for i, f in enumerate(forms, 1):
                cases[i].update(stem + alt for alt in f.split("|"))
            break
    else:
        if word[-1] in _CONSONANTS:
            hush = word[-1] in "жшчщц"
            for i, f in enumerate(("а", "у", "", "ем|ом" if hush else "ом", "е"), 1):
                cases[i].update(word + alt for alt in f.split("|"))
    return [c or {word} for c in cases]


def russian_forms(phrase: str) -> set[str]:
    """All singular (or plural, for -ы names) case forms of a Russian name, lower case:
    'Южная Корея' -> {'южная корея', 'южной кореи', 'южную корею', ...}. Words other than
    the last are declined as adjectives when they look like adjectives."""
    words = phrase.casefold().replace("ё", "е").split()
    if not words:
        return set()
    if len(words) > 1 and not any(words[0].endswith(e) for e, _ in _ADJ):
        # 'Республика Корея', 'РИА Новости': only the head word declines
        head = _decline(words[0], False)
        rest = " ".join(words[1:])
        return {f"{f} {rest}" for c in head for f in c}
    tables = [_decline(w, i < len(words) - 1) for i, w in enumerate(words)]
    out = set()
    for case in range(6):
        combos = [""]
        for t in tables:
            combos = [f"{c} {f}".strip() for c in combos for f in t[case]]
        out.update(combos)
    return out


# -- token normalisation -------------------------------------------------------------------

_ARABIC = regex.compile(r"\p{Arabic}")
_AR_PREFIX = regex.compile(r"(?:[وف]?[بكل]?(?:ال)?|[وف]?لل)")


@lru_cache(maxsize=100_000)
def norm_token(token: str, lang: str) -> str:
    """Lookup key of one token: Arabic letters unified and the article removed; Cyrillic and
    Latin case-folded (ё -> е, possessive 's dropped)."""
    if lang == "ar" or _ARABIC.search(token):
        t = ar_token_key(token)
        if t.startswith("ال") and len(t) > 3:
            t = t[2:]
        return t
    t = token.casefold().replace("ё", "е").replace("’", "'")
    if t.endswith("'s"):
        t = t[:-2]
    return t


@lru_cache(maxsize=100_000)
def arabic_variants(token: str) -> tuple[tuple[str, int], ...]:
    """(key, clitic letters stripped) for an Arabic token, the token itself first:
    'لليابان' -> (('لليابان', 0), ('ليابان', 1), ('يابان', 2), ...). Every variant keeps
    >= 2 letters."""
    t = ar_token_key(token)
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for i in range(0, min(5, len(t) - 1)):
        if i and not _AR_PREFIX.fullmatch(t[:i]):
            continue
        rest = t[i:]
        forms = [(rest, i)]
        if rest.startswith("ال") and len(rest) > 3:
            # the article, or a name that begins with al- (ألونسو، ألمانيا): try both
            forms.insert(0 if i else 1, (rest[2:], i + 2))
        for r, j in forms:
            if len(r) >= 2 and r not in seen:
                seen.add(r)
                out.append((r, j))
    return tuple(out)


def _ar_key(name: str) -> tuple[str, ...]:
    return tuple(norm_token(w, "ar") for w in name.split())


def _key(name: str, lang: str) -> tuple[str, ...]:
    if lang == "ar":
        return _ar_key(name)
    return tuple(norm_token(w, lang) for w in name.split())


# -- the gazetteer ---------------------------------------------------------------------------


@dataclass(slots=True)
class Gazetteer:
    """forms: token-key tuple -> (kind, key), kind in place | agency | org."""

    forms: dict[tuple[str, ...], tuple[str, str]]
    first: frozenset[str]  # first token keys of all forms (fast rejection)
    prefixes: frozenset[tuple[str, ...]]  # every proper prefix of a multi-word form
    max_len: int
    ru_adj: dict[str, str]  # stem or compound prefix -> place key
    en_adj: dict[tuple[str, ...], str]
    months: dict[str, dict[str, int]]  # lang -> surface form (lower case) -> month 1..12

    def get(self, key: tuple[str, ...]) -> tuple[str, str] | None:
        return self.forms.get(key)


def _clean(name: str) -> str:
    name = regex.sub(r"\s*\([^)]*\)", "", name)
    return " ".join(name.replace("\u00a0", " ").split())


def _add_nisba(add, name: str, key: str) -> None:
    """Arabic relative adjectives of a one-word country name: روسيا -> روسي، الروسية،
    الروسيين; اليابان -> ياباني، اليابانية."""
    name = _clean(name)
    if " " in name:
        return
    base = norm_token(name, "ar")
    if base in _AMBIGUOUS["ar"]:
        return
    base = base.rstrip(_AR_SUFFIX_STRIP)
    if base.endswith("ي"):
        base = base[:-1]
    if len(base) >= 3:
        for suffix in ("ي", "يه", "يون", "يين", "يان"):
            add("ar", base + suffix, "place", key)


def _build() -> Gazetteer:
    from babel import Locale

    forms: dict[tuple[str, ...], tuple[str, str]] = {}

    def add(lang: str, name: str, kind: str, key: str, decline: bool = True) -> None:
        name = _clean(name)
        if not name:
            return
        decline = decline and not name.replace(" ", "").isupper()
        variants = russian_forms(name) if (lang == "ru" and decline) else {name}
        if lang == "ru" and not decline:
            variants = {name.casefold().replace("ё", "е")}
        for v in variants:
            k = _key(v, lang)
            if not k or not all(k):
                continue
            if len(k) == 1 and (k[0] in _AMBIGUOUS.get(lang, ()) or len(k[0]) < 2):
                continue
            forms.setdefault(k, (kind, key))

    for table, kind in ((AGENCIES, "agency"), (ORGS, "org")):
        for code, by_lang in table.items():
            for lang, names in by_lang.items():
                for n in names:
                    add(lang, n, kind, f"{kind}:{code}")
    for code, by_lang in TERRITORY_ALIASES.items():
        for lang, names in by_lang.items():
            for n in names:
                add(lang, n, "place", f"place:{code}")
    for code, by_lang in EXTRA_PLACES.items():
        for lang, names in by_lang.items():
            for n in names:
                add(lang, n, "place", f"place:{code}")

    locales = {lang: Locale.parse(lang) for lang in LANGS}
    for lang, loc in locales.items():
        for code, name in loc.territories.items():
            if code in _SKIP_TERRITORIES or (code.isdigit() and code not in _REGIONS) or "-" in code:
                continue
            add(lang, name, "place", f"place:{code}")
            if lang == "ar" and code not in _AR_NISBA_SKIP:
                _add_nisba(add, name, f"place:{code}")

    en_zones = locales["en"].time_zones
    for tz in locales["ru"].time_zones.keys():
        if _SKIP_ZONES.match(tz) or "/" not in tz:
            continue
        en_city = (en_zones.get(tz) or {}).get("city") or tz.rsplit("/", 1)[-1].replace("_", " ")
        key = "place:" + regex.sub(r"[^\w]+", "_", en_city.casefold()).strip("_")
        names = {"en": en_city}
        for lang in ("ru", "ar"):
            city = (locales[lang].time_zones.get(tz) or {}).get("city")
            if city:
                names[lang] = city
        for lang, city in names.items():
            city = _clean(city).split(",")[0]
            if len(city.replace(" ", "")) >= 3:
                add(lang, city, "place", key)

    # Arabic relative adjectives of the aliases too (أمريكي، أميركية، بريطاني)
    for code, by_lang in TERRITORY_ALIASES.items():
        for n in by_lang.get("ar", []):
            _add_nisba(add, n, f"place:{code}")

    ru_adj = {stem: f"place:{code}" for code, stems in RU_ADJECTIVES.items() for stem in stems}
    en_adj = {
        tuple(w.casefold() for w in adj.split()): f"place:{code}" for code, adjs in EN_ADJECTIVES.items() for adj in adjs
    }
    first = frozenset(k[0] for k in forms)
    prefixes = frozenset(k[:j] for k in forms for j in range(1, len(k)))
    max_len = max(len(k) for k in forms)
    return Gazetteer(forms, first, prefixes, max_len, ru_adj, en_adj, _months())


_SCRIPT = {"ar": r"[\p{Arabic} ]+", "ru": r"[\p{Cyrillic}. ]+", "en": r"[A-Za-z. ]+"}


def _months() -> dict[str, dict[str, int]]:
    """Month names of every regional variant of each language in CLDR (Arabic has the
    Egyptian يناير, the Levantine كانون الثاني and the Maghrebi جانفي series), wide and
    abbreviated, format and stand-alone; Russian ones in all six cases."""
    from babel import localedata
    from babel.dates import get_month_names

    out: dict[str, dict[str, int]] = {}
    ids = localedata.locale_identifiers()
    for lang in LANGS:
        forms: dict[str, int] = {}
        for loc in [i for i in ids if i == lang or i.startswith(lang + "_")]:
            for width in ("wide", "abbreviated"):
                for ctx in ("format", "stand-alone"):
                    for num, name in get_month_names(width, ctx, loc).items():
                        name = " ".join(name.replace("\u00a0", " ").split()).casefold()
                        if not regex.fullmatch(_SCRIPT[lang], name) or len(name.rstrip(".")) < 3:
                            continue
                        forms.setdefault(name, num)
                        if lang == "ru" and width == "wide" and ctx == "stand-alone":
                            for f in russian_forms(name):
                                forms.setdefault(f, num)
        out[lang] = forms
    return out


def _cache_path(name: str = "gazetteer") -> Path | None:
    """Pickle path keyed by the data libraries' versions and the source of the modules that
    build the data (this one and `aligner.tokens`), so an upgrade or an edit rebuilds it."""
    try:
        from importlib.metadata import version

        from platformdirs import user_cache_dir

        h = hashlib.sha1()
        for src in (Path(__file__), Path(__file__).with_name("tokens.py")):
            if src.is_file():
                h.update(src.read_bytes())
        libs = "-".join(_lib_version(lib, version) for lib in ("babel", "wordfreq"))
        return Path(user_cache_dir("aligner")) / f"{name}-{libs}-{h.hexdigest()[:12]}.pickle"
    except Exception:  # noqa: BLE001 - no cache dir: build in memory
        return None


def _lib_version(lib: str, version) -> str:
    try:
        return version(lib)
    except Exception:  # noqa: BLE001 - not installed
        return "none"


def cached(name: str, build):
    """`build()`, loaded from its pickle in the user cache dir when there is one, else built
    and pickled there (atomically). `ALIGNER_NO_CACHE=1` bypasses the pickle."""
    path = _cache_path(name)
    if path is not None and os.environ.get("ALIGNER_NO_CACHE") != "1":
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # noqa: BLE001 - missing or stale cache: rebuild
            pass
    data = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
    return data


@lru_cache(maxsize=1)
def get() -> Gazetteer:
    """The process-wide gazetteer: loaded from the cache pickle, else built and cached."""
    gz = cached("gazetteer", _build)
    return gz if isinstance(gz, Gazetteer) else _build()


_ADJ_ENDINGS = tuple(
    sorted(
        {"ий", "ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ую", "юю", "ей", "ых", "их", "ыми", "ими", "ие"},
        key=len,
        reverse=True,
    )
)


@lru_cache(maxsize=50_000)
def russian_adjective(token: str) -> str | None:
    """Place key of a Russian country adjective or compound (японской, японо-китайские ->
    JP), or None."""
    gz = get()
    t = token.casefold().replace("ё", "е")
    for part in t.split("-"):
        if part in gz.ru_adj:
            return gz.ru_adj[part]
        for end in _ADJ_ENDINGS:
            if part.endswith(end) and part[: -len(end)] in gz.ru_adj:
                return gz.ru_adj[part[: -len(end)]]
    return None


@lru_cache(maxsize=100_000)
def russian_adjectives(token: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, key) inside the token for every country part of a compound adjective:
    'японо-китайские' -> ((0, 5, 'place:JP'), (6, 15, 'place:CN')). Memoised: the
    extraction asks for every Cyrillic token."""
    out = []
    pos = 0
    for part in token.split("-"):
        key = russian_adjective(part) if part else None
        if key:
            out.append((pos, pos + len(part), key))
        pos += len(part) + 1
    return tuple(out)


# -- the lexicon: common words that are not names ------------------------------------------

# OpenCorpora grammemes of proper names (people, places, organisations, trade marks)
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=50_000)
@lru_cache(maxsize=100_000)
def common_word(word: str, lang: str) -> bool:
    """True when a capitalised word is, by the language's lexicon, mostly an ordinary word:
    Russian words that the OpenCorpora dictionary (pymorphy3) knows and reads mostly as a
    common noun or adjective (Неделе in «Неделе моды», Содружества, Играх, Зал, Твиттере),
    not as a person, place or organisation (Трампа, Гарварда, Ливерпуля, Азар). Unknown
    words (most foreign names) are not common. Other languages: False (no lexicon yet)."""
    if lang != "ru" or not _CYRILLIC_WORD.fullmatch(word):
        return False
    morph = _morph()
    low = word.casefold()
    if not morph.word_is_known(low):
        return False
    parses = morph.parse(word)
    proper = sum(p.score for p in parses if _PROPER & set(p.tag.grammemes))
    return proper < 0.5


_CYRILLIC_WORD = regex.compile(r"[\p{Cyrillic}-]+")
