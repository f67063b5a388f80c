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
