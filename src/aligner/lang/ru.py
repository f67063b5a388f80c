"""Russian word lists (regex fragments, matched case-insensitively on word boundaries)."""

# Verbs and phrases that report speech or writing, beyond the cues of `aligner.entities`:
# any of them keeps an attribution ("говорит" / "قائلا" / "tweeted" are the same act).
REPORTING = (
    r"рассказ\w*", r"пиш\w+", r"написал\w*", r"твитнул\w*", r"ответил\w*", r"спросил\w*",
    r"продолжил\w*", r"вспомина\w*", r"вспомнил\w*", r"утвержда\w*", r"заяв(?:ил|ля|ив)\w*", r"говор(?:ит|ят|ил)\w*",
    r"сказал\w*", r"объясн(?:ил|яет|яют)\w*", r"признал\w*", r"предупредил\w*", r"добав(?:ил|ляет|ив)\w*", r"отмет(?:ил|ив)\w*",
    r"подчеркн\w+", r"сообщ(?:ил|ает|ают|ив)\w*", r"считает", r"считают", r"полага\w+", r"цитиру(?:ет|ют)",
    r"говорится", r"заявив", r"сказав", r"отметив", r"добавив", r"подчеркнув", r"пояснив", r"написав",
)

# Pronouns that stand for a speaker named elsewhere (a named speaker on one side and a
# pronoun or an implicit subject on the other is the same speaker).
PRONOUNS = (r"он", r"она", r"они", r"его", r"ее", r"её", r"их")

# Units a translator may convert: regex -> (dimension, factor to the SI unit).
UNITS = {
    r"мил[ьяеи]\w*": ("length", 1609.344),
    r"км|километр\w*": ("length", 1000.0),
    r"метр\w*|м": ("length", 1.0),
    r"ярд\w*": ("length", 0.9144),
    r"фут\w*": ("length", 0.3048),
    r"дюйм\w*": ("length", 0.0254),
    r"см|сантиметр\w*": ("length", 0.01),
    r"мм|миллиметр\w*": ("length", 0.001),
    r"фунт\w*": ("mass", 0.45359237),
    r"кг|килограмм\w*": ("mass", 1.0),
    r"унци\w*": ("mass", 0.0283495),
    r"граммов|грамм\w*|г": ("mass", 0.001),
    r"тонн\w*": ("mass", 1000.0),
    r"галлон\w*": ("volume", 3.78541),
    r"литр\w*|л": ("volume", 1.0),
    r"акр\w*": ("area", 4046.86),
    r"гектар\w*|га": ("area", 10000.0),
    r"градус\w*(?:\s+(?:по\s+)?Фаренгейт\w*)": ("temperature_f", 1.0),
    r"градус\w*(?:\s+(?:по\s+)?Цельси\w*|\s+тепла|\s+мороза)?|°C?": ("temperature", 1.0),
    r"миль\s+в\s+час|миль/ч": ("speed", 0.44704),
    r"км/ч|километр\w*\s+в\s+час": ("speed", 0.277778),
}
