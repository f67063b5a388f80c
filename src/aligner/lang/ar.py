"""Arabic word lists (regex fragments; an optional clitic و/ف/ب/ل/ال is allowed before them)."""

REPORTING = (
    r"تحدث\w*", r"قائل[اةً]?\w*", r"غرد\w*", r"غرّد\w*", r"كتب\w*", r"يكتب", r"تكتب", r"أجاب\w*",
    r"سأل", r"سألت", r"استطرد\w*", r"تتذكر", r"يتذكر", r"ادعى", r"ادعت",
    r"تدعي", r"يدعي", r"تدّعي", r"زعم", r"زعمت", r"أخبر", r"أخبرت", r"صرح", r"صرحت", r"صرّح", r"صرّحت", r"حذر", r"حذرت",
    r"اعترف", r"اعترفت", r"قال", r"قالت", r"يقول", r"تقول",
)

PRONOUNS = (r"هو", r"هي", r"هم", r"إنه", r"إنها", r"أنه", r"أنها")

UNITS = {
    r"مي[لا]\w*|أميال": ("length", 1609.344),
    r"كيلو\s*م[تي]ر\w*|كم": ("length", 1000.0),
    r"م[تي]ر\w*|أمتار|م": ("length", 1.0),
    r"يارد\w*|ياردة": ("length", 0.9144),
    r"قدم[\u064B-\u065F]*ا?|أقدام": ("length", 0.3048),
    r"بوص\w*|إنش\w*": ("length", 0.0254),
    r"سنتي\s*م[تي]ر\w*|سم": ("length", 0.01),
    r"ملي\s*م[تي]ر\w*|مم": ("length", 0.001),
    r"رطل\w*|أرطال|باوند": ("mass", 0.45359237),
    r"كيلو\s*غرام\w*|كيلوجرام\w*|كغ|كجم": ("mass", 1.0),
    r"أوقي\w*|أونص\w*": ("mass", 0.0283495),
    r"غرام\w*|جرام\w*": ("mass", 0.001),
    r"طن\w*|أطنان": ("mass", 1000.0),
    r"غالون\w*|جالون\w*": ("volume", 3.78541),
    r"لتر\w*": ("volume", 1.0),
    r"فدان\w*|أكر\w*": ("area", 4046.86),
    r"هكتار\w*": ("area", 10000.0),
    r"درج\w*\s+(?:حرارة\s+)?فهرنهايت\w*|درج\w*\s+فا?رنهايت\w*|°F": ("temperature_f", 1.0),
    r"درج\w*(?:\s+مئوية)?|°C?": ("temperature", 1.0),
    r"مي[لا]\w*\s+في\s+الساعة": ("speed", 0.44704),
    r"كيلو\s*م[تي]ر\w*\s+في\s+الساعة|كم/س": ("speed", 0.277778),
}


# Decades written in words ('الثمانينيات' = the 1980s; an optional clitic and article before).
# Regex -> the decade's tens.
DECADES = {
    r"عشرين(?:ي)?ات": 20, r"ثلاثين(?:ي)?ات": 30, r"[أا]ربعين(?:ي)?ات": 40, r"خمسين(?:ي)?ات": 50,
    r"ستين(?:ي)?ات": 60, r"سبعين(?:ي)?ات": 70, r"ثمانين(?:ي)?ات": 80, r"تسعين(?:ي)?ات": 90,
}

# Words that stand for a figure a translator may write in digits.
FIGURE_WORDS = {r"دزين[ةه]|درزن": 12}


# Latin letters spelled as Arabic words ('إم إس إن بي سي' = MSNBC): an agency read inside a
# run of them ('وإم' = wa + M, read as وام, WAM) is part of a longer acronym. Letter names that
# are also common words (أو 'or', في 'in', إن 'that') are left out.
LETTER_NAMES = (
    "إيه", "بي", "سي", "دي", "إف", "جي", "إتش", "آي", "جيه", "كيه", "إل", "إم", "كيو", "آر", "إس", "تي",
    "يو", "دبليو", "إكس", "واي", "زد",
)


# Nouns for people who are quoted ('وفقا لهذا الخبير', 'كما تشير المصادر الدبلوماسية'); an
# optional clitic and article before them. Audiences (الصحفي) are not speakers.
SPEAKER_NOUNS = (
    r"خبير\w*", r"بروفيسور", r"أستاذ", r"سفير", r"وزير", r"متحدث\w*", r"مصدر", r"مصادر", r"محلل\w*", r"رئيس",
    r"مسؤول\w*", r"دبلوماسي\w*", r"جنرال", r"نائب", r"سيناتور", r"محافظ", r"عمدة", r"زعيم", r"مدير",
)


# -- everything else aligner knows about Arabic (issue 16: languages as data) ---------------

from aligner.lang.base import Language, OpusModel, Rules, Script  # noqa: E402

BYLINE_LABELS = ("بقلم", "كتب", "كتبت", "تصوير", "الصورة", "صورة", "المصدر", "المحرر")
READ_MORE = (r"اقرأ\s+(?:المزيد|أيضا|أيضاً|أيضًا|كذلك)", r"إقرأ\s+(?:المزيد|أيضا|أيضاً)", r"شاهد\s+(?:أيضا|أيضاً)",
             r"للمزيد", r"اقرأ\s+ايضا")
SUBSCRIBE = (r"اشترك\p{L}*", r"اشتركوا", r"تابعونا", r"تابعوا", r"انضم\p{L}*")
CHANNELS = (r"قناة", r"قناتنا", r"تيليجرام", r"تلغرام", r"تليغرام", r"يوتيوب", r"فيسبوك", r"النشرة")
RIGHTS_RESERVED = (r"جميع\s+الحقوق\s+محفوظة",)

# News agencies and media (gazetteer kind 'agency'): key -> names.
AGENCIES: dict[str, tuple[str, ...]] = {
    'tass': ('تاس',),
    'ria': ('ريا نوفوستي', 'نوفوستي'),
    'interfax': ('إنترفاكس',),
    'reuters': ('رويترز',),
    'kyodo': ('كيودو',),
    'xinhua': ('شينخوا',),
    'afp': ('فرانس برس', 'فرانس بريس'),
    'ap': ('أسوشيتد برس', 'أسوشييتد برس'),
    'bloomberg': ('بلومبرغ', 'بلومبيرغ'),
    'nhk': ('إن إتش كيه',),
    'bbc': ('بي بي سي', 'هيئة الإذاعة البريطانية'),
    'cnn': ('سي إن إن',),
    'aljazeera': ('قناة الجزيرة', 'شبكة الجزيرة'),
    'sputnik': ('سبوتنيك',),
    'rt': ('روسيا اليوم',),
    'anadolu': ('الأناضول',),
    'irna': ('إرنا',),
    'yonhap': ('يونهاب',),
    'wam': ('وام',),
    'sana': ('وكالة سانا',),
    'nikkei': ('نيكاي', 'نيكي'),
    'asahi': ('أساهي',),
    'yomiuri': ('يوميوري',),
    'mainichi': ('ماينيتشي',),
    'jiji': ('جيجي',),
    'izvestia': ('إزفستيا',),
    'kommersant': ('كوميرسانت',),
    'vedomosti': ('فيدوموستي',),
    'mk': ('MK',),
    'wsj': ('وول ستريت جورنال',),
    'nyt': ('نيويورك تايمز',),
    'ft': ('فايننشال تايمز',),
    'wapo': ('واشنطن بوست',),
}

# International organisations and institutions (kind 'org').
ORGS: dict[str, tuple[str, ...]] = {
    'nato': ('الناتو', 'حلف شمال الأطلسي', 'حلف شمال الاطلسي'),
    'iaea': ('الوكالة الدولية للطاقة الذرية',),
    'who': ('منظمة الصحة العالمية',),
    'opec': ('أوبك',),
    'brics': ('بريكس',),
    'sco': ('منظمة شنغهاي للتعاون',),
    'asean': ('آسيان',),
    'imf': ('صندوق النقد الدولي',),
    'wto': ('منظمة التجارة العالمية',),
    'g7': ('مجموعة السبع',),
    'g20': ('مجموعة العشرين',),
    'kremlin': ('الكرملين',),
    'white_house': ('البيت الأبيض',),
    'pentagon': ('البنتاغون', 'البنتاجون'),
}

# Places CLDR has no time zone for (capitals, regions, seas): key -> names.
PLACES: dict[str, tuple[str, ...]] = {
    'beijing': ('بكين',),
    'washington': ('واشنطن',),
    'new_delhi': ('نيودلهي', 'نيو دلهي', 'دلهي'),
    'ottawa': ('أوتاوا',),
    'canberra': ('كانبرا',),
    'ankara': ('أنقرة',),
    'islamabad': ('إسلام آباد',),
    'abu_dhabi': ('أبوظبي', 'أبو ظبي'),
    'doha': ('الدوحة',),
    'geneva': ('جنيف',),
    'osaka': ('أوساكا',),
    'kyoto': ('كيوتو',),
    'hiroshima': ('هيروشيما',),
    'nagasaki': ('ناغازاكي', 'ناجازاكي'),
    'fukushima': ('فوكوشيما',),
    'okinawa': ('أوكيناوا',),
    'hokkaido': ('هوكايدو',),
    'kurils': ('جزر الكوريل',),
    'crimea': ('القرم',),
    'donbas': ('دونباس',),
    'st_petersburg': ('سانت بطرسبرغ', 'بطرسبرغ'),
    'sochi': ('سوتشي',),
    'middle_east': ('الشرق الأوسط',),
    'cologne': ('كولونيا',),
    'hanover': ('هانوفر',),
    'munich': ('ميونخ',),
    'frankfurt': ('فرانكفورت',),
    'hamburg': ('هامبورغ',),
    'milan': ('ميلانو',),
    'barcelona': ('برشلونة',),
    'marseille': ('مرسيليا',),
    'strasbourg': ('ستراسبورغ',),
    'the_hague': ('لاهاي',),
    'glasgow': ('غلاسكو',),
    'manchester': ('مانشستر',),
    'odesa': ('أوديسا',),
    'kharkiv': ('خاركيف',),
    'lviv': ('لفيف',),
    'donetsk': ('دونيتسك',),
    'luhansk': ('لوغانسك', 'لوهانسك'),
    'mariupol': ('ماريوبول',),
    'sevastopol': ('سيفاستوبول',),
    'kazan': ('قازان',),
    'aleppo': ('حلب',),
    'homs': ('حمص',),
    'mosul': ('الموصل',),
    'basra': ('البصرة',),
    'benghazi': ('بنغازي',),
    'alexandria': ('الإسكندرية',),
    'jeddah': ('جدة',),
    'mecca': ('مكة', 'مكة المكرمة'),
    'medina': ('المدينة المنورة',),
    'tel_aviv': ('تل أبيب',),
    'haifa': ('حيفا',),
    'ramallah': ('رام الله',),
    'lahore': ('لاهور',),
    'mumbai': ('مومباي',),
    'shenzhen': ('شنتشن', 'شينزين'),
    'guangzhou': ('قوانغتشو', 'غوانغتشو'),
    'wuhan': ('ووهان',),
    'yokohama': ('يوكوهاما',),
    'nagoya': ('ناغويا',),
    'sapporo': ('سابورو',),
    'kobe': ('كوبي',),
    'busan': ('بوسان',),
    'san_francisco': ('سان فرانسيسكو',),
    'houston': ('هيوستن',),
    'boston': ('بوسطن',),
    'seattle': ('سياتل',),
    'miami': ('ميامي',),
    'rio': ('ريو دي جانيرو',),
    'cape_town': ('كيب تاون',),
    'england': ('إنجلترا', 'إنكلترا'),
    'scotland': ('اسكتلندا',),
    'texas': ('تكساس',),
    'california': ('كاليفورنيا',),
    'florida': ('فلوريدا',),
    'oregon': ('أوريغون',),
    'utah': ('يوتا',),
    'alaska': ('ألاسكا',),
    'hawaii': ('هاواي',),
    'pacific': ('المحيط الهادئ', 'المحيط الهادي'),
    'atlantic': ('المحيط الأطلسي',),
    'indian_ocean': ('المحيط الهندي',),
    'mediterranean': ('البحر المتوسط', 'البحر الأبيض المتوسط'),
    'black_sea': ('البحر الأسود',),
    'red_sea': ('البحر الأحمر',),
    'persian_gulf': ('الخليج الفارسي',),
    'south_china_sea': ('بحر الصين الجنوبي',),
    'sea_of_japan': ('بحر اليابان',),
    'baltic': ('بحر البلطيق',),
    'far_east': ('الشرق الأقصى',),
}

# Short and usual forms CLDR's territory names lack: CLDR code -> names.
TERRITORY_ALIASES: dict[str, tuple[str, ...]] = {
    'US': ('أمريكا', 'أميركا', 'الولايات المتحدة الأمريكية', 'الولايات المتحدة الأميركية'),
    'CN': ('جمهورية الصين الشعبية',),
    'RU': ('روسيا الاتحادية', 'روسية'),
    'GB': ('بريطانيا',),
    'KR': ('كوري',),
    'AE': ('الإمارات',),
    'PS': ('فلسطين',),
    'SY': ('سورية',),
    'UA': ('اوكرانيا',),
    'CZ': ('التشيك',),
    'MM': ('بورما',),
    'HK': ('هونغ كونغ', 'هونج كونج'),
    'MO': ('ماكاو',),
    'HU': ('المجر',),
    'ES': ('أسبانيا',),
    'AF': ('أفغاني',),
    'VA': ('الفاتيكان',),
}

# Place names that are also frequent common words.
AMBIGUOUS_PLACES = frozenset(['بلم', 'بنين', 'جده', 'جوني', 'ريجينا', 'سانتا', 'سول', 'عمان', 'عيون', 'مالي', 'ماهي', 'نوم'])


# -- extraction data the stages read through LANGUAGE (moved out of entities, names and
# namecheck in issue 16) ----------------------------------------------------------------

# Small cardinals only: they are what translators spell out. Words that double as common words
# (ست 'lady', مئة in في المئة) are left out. -n: counts only as n + 10 before عشر (أحد عشر).
NUMBER_WORDS = {
    **dict.fromkeys(("اثنان", "اثنين", "اثنتان", "اثنتين"), 2),
    **dict.fromkeys(("ثلاثة", "ثلاث"), 3),
    **dict.fromkeys(("أربعة", "أربع"), 4),
    **dict.fromkeys(("خمسة",), 5),
    **dict.fromkeys(("ستة",), 6),
    **dict.fromkeys(("سبعة",), 7),
    **dict.fromkeys(("ثمانية", "ثماني"), 8),
    **dict.fromkeys(("تسعة",), 9),
    **dict.fromkeys(("عشرة",), 10),
    **dict.fromkeys(("أحد", "إحدى"), -1),  # -n: counts only as n + 10 before عشر
    **dict.fromkeys(("اثنا", "اثني", "اثنتا", "اثنتي"), -2),
    **dict.fromkeys(("عشرون", "عشرين"), 20),
    **dict.fromkeys(("ثلاثون", "ثلاثين"), 30),
    **dict.fromkeys(("أربعون", "أربعين"), 40),
    **dict.fromkeys(("خمسون", "خمسين"), 50),
    **dict.fromkeys(("ستون", "ستين"), 60),
    **dict.fromkeys(("سبعون", "سبعين"), 70),
    **dict.fromkeys(("ثمانون", "ثمانين"), 80),
    **dict.fromkeys(("تسعون", "تسعين"), 90),
}

# Month words that are also ordinary words (مارس 'practised', نيسان the car maker).
AMBIGUOUS_MONTHS = frozenset({'آب', 'أوت', 'جوان', 'مارس', 'ماي', 'نيسان'})

_MARKS = r"[\u064B-\u065F\u0670\u0640]*"
_SUFFIX = r"(?:ه|ها|هم|هما|ون|ين|ي)?(?![\p{L}\p{M}])"  # a pronoun or plural ending after a cue

# A title just before a name (evidence that a one-sided word is a person).
TITLES = (
    r"(?:السيد|السيدة|الدكتور|الأستاذ|البروفيسور|الرئيس|رئيس الوزراء|الوزير|وزير \S+|السفير|الجنرال|"
    r"الملك|الملكة|الأمير|اللورد)\s*$"
)

# Letters Arabic writes for one foreign sound in more than one way.
READINGS = (
    (r"ث", "ت"),  # English th: Arabic ث, Russian т (Литгоу / ليثجو, Смит / سميث)
    (r"ج", "غ"),  # Egyptian ج for a hard g: Георге / جورجي, Литгоу / ليثجو
    (r"(?<=.)و(?=[اي])", "ڤ"),  # a consonant و (before a long vowel) for English w, Russian в: Твиттер / تويتر
    (r"تس", "طس"),  # t + s, not the tsu of Japanese names: Бутс / بوتس
    # French and Spanish names reach Russian as pronounced and Arabic often as spelt in
    # English: a silent initial h (Азар / هازارد, Эрнандес / هيرنانديز) and a silent
    # final d after -ar (Бушар / بوتشارد, Жерар / جيرارد)
    (r"^ه", ""),
    (r"(?<=..ار)د$", ""),
)

# Its number grammar and attribution cues; no capitals and proclitics follow from its script
# and fields.
RULES = Rules(
    unit_before_tens=True,  # خمسة وعشرون
    attribution_cues=(
        ("audience:briefing", r"(?:مؤتمر\s+صحفي|مؤتمر\s+صحافي|إيجاز\s+صحفي)"),
        ("audience:correspondent", r"مراسل" + r"(?:ه|ها|نا|ي|ة|ين|و)?(?![\p{L}\p{M}])"),
        ("audience:journalists", r"(?:صحفيين|صحافيين|صحفيون|صحافيون|صحافة|صحفي|صحافي|إعلاميين|وسائل\s+الإعلام)(?![\p{L}\p{M}])"),
        ("audience:interview", r"(?:مقابلة|حوار|لقاء)" + r"(?:\s+(?:مع|ل)\S*)?(?![\p{L}\p{M}])"),
        ("cue:according", r"(?:وفق[اًا]?" + _MARKS + r"|طبق[اًا]?|بحسب|حسب|نقلا\s+عن|نقلاً\s+عن|على\s+حد\s+قول)(?![\p{L}\p{M}])"),
        ("cue:opinion", r"(?:يرى|ترى|يعتقد|تعتقد|اعتبر|اعتبرت|يعتبر|تعتبر|وجهة\s+نظر|برأي|رأي)" + _SUFFIX),
        ("cue:say", r"(?:(?:عبر|عبرت|أعرب|أعربت|التعبير|تعبير)\s+عن|قال|قالت|يقول|تقول|صرح|صرحت|يصرح|أفاد|أفادت|يفيد|تفيد|ذكر|ذكرت|أشار|أشارت|يشير|تشير|أكد|أكدت|يؤكد|تؤكد|أعلن|أعلنت|أوضح|أوضحت|أضاف|أضافت|وصف|وصفت|يصف|تصف|نقل|نقلت|تابع|تابعت)" + _SUFFIX),
    ),
)

# Frequent words that must never be taken as a name (looked up after clitics, on match keys).
FUNCTION_WORDS = frozenset(
    """من في على إلى عن مع أن إن كان كانت لم لن ما لا هذا هذه ذلك تلك التي الذي الذين بين بعد قبل حتى كما
    أو ثم قد هو هي هم كل بعض غير عند منذ أي أيضا وقد فقد لقد إذا إذ لكن لكن حيث خلال ضد نحو دون عبر لدى سوف
    مثل أكثر أقل أول ثاني آخر أخرى جديد جديدة يوم عام سنة شهر اليوم الآن فقط جدا حول ضمن وفق رئيس وزير وزارة
    حكومة دولة دول الدولة الحكومة الرئيس الوزراء قال قالت وقال أكد أعلن يرى يمكن يجب كانوا يكون تكون ليس ليست
    بشكل بسبب عدم عملية نفس نفسه الوقت الأمر أمر مسار خطاب موقف نهج سبب أحد إحدى هناك هنا كذلك لذلك
    أنه إنه أنها إنها لأن لأنه لأنها بأن بأنه بأنها كأن ولكن وهو وهي فيها فيه منها منه عليها عليه إليها إليه
    لها له بها به عنها عنه معها معه لهم بهم منهم عليهم فيهم هذا هذه هؤلاء أولئك كلها كله بينما عندما
    ثاني ثانية ثالث أول أولى سنة سنوات شيء أيضا""".split()
)

LANGUAGE = Language(
    code="ar", name="Arabic", script=Script.ARABIC, rules="ar", rtl=True, iso639_3="arb", extraction=RULES,
    # hamza forms, alef maqsura and ta marbuta; no Persian/Urdu letters (پ چ ژ گ ک ی ے ٹ)
    alphabet="ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيـ", marks="ةيك",
    article="ال", proclitics="وفبل", letter_variants=True,
    aliases=("arb", "arz", "ary", "apc", "acm", "ajp", "aeb", "acq", "ars"),
    byline_labels=BYLINE_LABELS, read_more=READ_MORE, subscribe=SUBSCRIBE, channels=CHANNELS, rights_reserved=RIGHTS_RESERVED,
    decimal="٫", thousands=("٬", ","), number_words=NUMBER_WORDS, ambiguous_months=AMBIGUOUS_MONTHS,
    scale_words={3: (r"ألف", r"آلاف", r"الف"), 6: (r"مليون", r"ملايين"), 9: (r"مليار\w*",), 12: (r"تريليون\w*",)},
    percent_words=(r"بالمئة", r"بالمائة", r"في\s+المائة", r"في\s+المئة"),
    range_words=(r"إلى", r"الى", r"و", r"حتى"),
    reporting=REPORTING, pronouns=PRONOUNS, units=UNITS, function_words=FUNCTION_WORDS, verb_first=True, titles=TITLES,
    agencies=AGENCIES, orgs=ORGS, places=PLACES, territory_aliases=TERRITORY_ALIASES,
    ambiguous_places=AMBIGUOUS_PLACES, relative_suffixes=("ي", "يه", "يون", "يين", "يان"),
    # اليمنى 'the right (hand)' reads as اليمني once alef maqsura is unified; رومانية is
    # 'Roman' as often as 'Romanian'.
    relative_skip=frozenset({"YE", "RO"}),
    readings=READINGS, caseless_name_search=True,
    length_offset=-0.133, length_ratios={"ru": 1.25, "en": 1.11},
    opus_mt=OpusModel(
        pair="ar-en", name="opus-mt-ar-en",
        url="https://object.pouta.csc.fi/OPUS-MT-models/ar-en/opus-2019-12-18.zip",
        hf_repo="Helsinki-NLP/opus-mt-ar-en",
        source="Helsinki-NLP/OPUS-MT-train models/ar-en/README.md",
    ),
)
