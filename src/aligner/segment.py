"""Stage 3: paragraphs and sentences with exact offsets, and what kind each sentence is.

Offsets index the document exactly as decoded, so `text == document[start:end]` always
holds and every non-space character belongs to exactly one sentence. Sentences never
cross a paragraph boundary.

Sentence kinds are decided by rules a reader can check (see `META_*` and `BOILERPLATE_*`):
- `meta`: a leading date line (`date 2026-02-12`), an agency dateline (`МОСКВА, 12 февраля.
  /ТАСС/.`), bylines and photo credits (`Фото:`, `By ...`, `بقلم`), date-only lines;
- `boilerplate`: teaser and trailer paragraphs (`Читайте также:`, `Read more:`,
  `اقرأ المزيد:`), subscribe/follow calls (`Подписывайтесь на наш канал`, `اشترك في قناة`),
  copyright lines and bare links. A paragraph that opens with such a cue is boilerplate
  as a whole (a teaser's headline and a trailer's second sentence belong to it);
- `body`: everything else.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from aligner import lang as languages
from aligner import langid, textio
from aligner.types import Document, Sentence

MAX_SENTENCE_CHARS = 1000  # longer "sentences" (tables, run-ons) are cut at clause breaks

_LINE_BREAK = regex.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TERMINAL = ".!?…؟۔"
_CLOSERS = "»\"”’'）)]}›"
_OPENERS = "«\"“„‘'（([{‹"
_DASHES = "-–—‒―"

# A candidate sentence end: terminators, then closing quotes/brackets, then whitespace.
# Web-scraped Arabic often drops the space after a full stop ("للاستقرار.منذ"): between two
# Arabic letters a terminator still ends the sentence.
_BOUNDARY = regex.compile(
    rf"[{regex.escape(_TERMINAL)}]+[{regex.escape(_CLOSERS)}]*(?=\s)"
    r"|(?<=\p{Script=Arabic})[.!؟]+(?=\p{Script=Arabic})"
)
_SOFT_BREAK = regex.compile(r"[;؛:,،—–]\s")

# Abbreviations that never end a sentence, and those that end one only before a capital,
# are each language's data (`Language.never_final`, `Language.may_final` in `aligner.lang`).
_ORDINAL_BEFORE = regex.compile(r"(?<![\d.,])\d{1,2}$")
_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}][\p{L}\p{M}.\-]*?)$")
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}.\-]")
_NOT_LETTER = regex.compile(r"[^\p{L}]")
_DIGIT_END = regex.compile(r"\d\s*$")
_VOWEL = regex.compile(r"[аеёиоуыэюяaeiouy]")

# --- meta and boilerplate rules -------------------------------------------------------
_ISO_DATE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"
_NUM_DATE = r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
# A leading date field, as exported by wire systems and scrapers: "date 2026-02-12".
META_DATE_PREFIX = regex.compile(
    rf"^(?:date|dated|dateline|published|updated|дата|опубликовано|التاريخ|تاريخ النشر)\s*[:：]?\s*"
    rf"(?:{_ISO_DATE}|{_NUM_DATE})",
    regex.IGNORECASE,
)
# An agency dateline: "МОСКВА, 12 февраля. /ТАСС/." or "TOKYO, Feb 12 (Reuters) -".
META_DATELINE_PREFIX = regex.compile(
    r"^\p{Lu}[\p{Lu}\s\-]{1,40},\s+\d{1,2}\s+\p{L}+\.?\s*/\s*\p{Lu}[\p{L}\-\s]{1,30}/\s*\.?"
    r"|^\p{Lu}[\p{Lu}\s\-]{1,40},\s+\p{L}+\.?\s+\d{1,2}\s+\(\p{L}[\p{L}\s]{1,30}\)\s*[-–—]"
)
# Lines that are only a date or a time.
META_DATE_LINE = regex.compile(
    rf"^(?:{_ISO_DATE}|{_NUM_DATE}|\d{{1,2}}:\d{{2}})(?:\s*[,|]\s*\d{{1,2}}:\d{{2}})?\.?$"
)
def _cue(field: str) -> str:
    """The alternation of one kind of cue over every language of `aligner.lang`."""
    return "|".join(p for language in languages.languages() for p in getattr(language, field))


# Bylines, credits and captions: a short paragraph opening with one of these labels.
META_LABEL = regex.compile(
    rf"^(?:{_cue('byline_labels')})\s*[:：]"
    r"|^(?:by)\s+\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+){0,3}$"
    r"|^©",
    regex.IGNORECASE,
)
META_MAX_CHARS = 160

# Teasers: a paragraph opening with a read-more label.
BOILERPLATE_TEASER = regex.compile(rf"^(?:{_cue('read_more')})\s*[:：]?", regex.IGNORECASE)
# Calls to subscribe or follow, in any sentence that names a channel or network.
BOILERPLATE_SUBSCRIBE = regex.compile(
    rf"(?:{_cue('subscribe')})"
    r"[^\n]{0,80}?(?:telegram|whatsapp|youtube|twitter|facebook|vk|dzen|max\b|"
    rf"{_cue('channels')})",
    regex.IGNORECASE,
)
BOILERPLATE_LINE = regex.compile(
    rf"^(?:{_cue('rights_reserved')})"
    r"|^(?:https?://|www\.)\S+$",
    regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int


def load_document(path: str | os.PathLike[str], lang: str = "auto", encoding: str | None = None) -> Document:
    """Load, decode (detecting the encoding unless given), identify and segment a file."""
    text, encoding = textio.load_text(path, encoding)
    code = langid.resolve(text, lang, str(path))
    return segment(text, code, encoding, str(path))


def segment(text: str, lang: str, encoding: str = "utf-8", path: str | None = None) -> Document:
    """Split `text` into paragraphs and sentences; classify each sentence's kind."""
    sentences: list[Sentence] = []
    for para in paragraphs(text):
        kinds_and_spans = list(_segment_paragraph(text, para, lang))
        para_kind = _paragraph_kind(text, kinds_and_spans)
        for kind, start, end in kinds_and_spans:
            if para_kind and kind == "body":
                kind = para_kind
            sentences.append(Sentence(len(sentences), text[start:end], start, end, para.index, kind))
    return Document(text=text, lang=lang, encoding=encoding, sentences=sentences, path=path)


def paragraphs(text: str) -> list[Paragraph]:
    """Paragraph spans. Usually one line is one paragraph; in hard-wrapped text (blank lines
    between blocks, lines inside blocks that do not end a sentence) a block is one."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, len(text)))

    def blank(span: tuple[int, int]) -> bool:
        return not text[span[0] : span[1]].strip()

    blocks: list[list[tuple[int, int]]] = [[]]
    for span in lines:
        if blank(span):
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(span)
    blocks = [b for b in blocks if b]
    inner = [b[i] for b in blocks for i in range(len(b) - 1)]
    open_ends = sum(1 for s, e in inner if text[s:e].rstrip()[-1:] not in _TERMINAL + _CLOSERS)
    hard_wrapped = len(blocks) > 1 and len(inner) >= 3 and open_ends > 0.5 * len(inner)

    spans = [(b[0][0], b[-1][1]) for b in blocks] if hard_wrapped else [s for s in lines if not blank(s)]
    out = []
    for start, end in spans:
        start, end = _strip(text, start, end)
        if start < end:
            out.append(Paragraph(len(out), start, end))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _segment_paragraph(text: str, para: Paragraph, lang: str) -> Iterator[tuple[str, int, int]]:
    """Yield (kind, start, end) for the sentences of one paragraph."""
    start, end = para.start, para.end
    chunk = text[start:end]
    if para.index == 0 or para.start < 200:  # datelines only open a document
        for rx in (META_DATE_PREFIX, META_DATELINE_PREFIX):
            m = rx.match(chunk)
            if m:
                s, e = _strip(text, start, start + m.end())
                yield "meta", s, e
                start, _ = _strip(text, start + m.end(), end)
                chunk = text[start:end]
                break
    if start >= end:
        return
    if META_DATE_LINE.match(chunk) or (len(chunk) <= META_MAX_CHARS and META_LABEL.match(chunk)):
        yield "meta", start, end
        return
    for s, e in _sentence_spans(text, start, end, lang):
        for s2, e2 in _cap_length(text, s, e):
            yield "body", s2, e2


def _paragraph_kind(text: str, spans: list[tuple[str, int, int]]) -> str | None:
    """A paragraph whose first body sentence is a teaser/subscribe/copyright cue is boilerplate."""
    body = [(s, e) for k, s, e in spans if k == "body"]
    if not body:
        return None
    first = text[body[0][0] : body[0][1]]
    if BOILERPLATE_TEASER.match(first) or BOILERPLATE_LINE.match(first):
        return "boilerplate"
    if BOILERPLATE_SUBSCRIBE.search(first) and len(first) < 300:
        return "boilerplate"
    return None


def _sentence_spans(text: str, start: int, end: int, lang: str) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    sent_start = 0
    for m in _BOUNDARY.finditer(chunk):
        cut = m.end()
        if _is_boundary(chunk, sent_start, m.start(), cut, lang):
            s, e = _strip(text, start + sent_start, start + cut)
            if s < e:
                yield s, e
            sent_start = cut
    s, e = _strip(text, start + sent_start, end)
    if s < e:
        yield s, e


def _next_word(chunk: str, pos: int) -> str:
    """The text after a candidate boundary, skipping spaces, dashes and opening quotes."""
    i = pos
    while i < len(chunk) and (chunk[i].isspace() or chunk[i] in _DASHES + _OPENERS):
        i += 1
    return chunk[i : i + 40]


def _is_boundary(chunk: str, sent_start: int, term_at: int, cut: int, lang: str) -> bool:
    after = _next_word(chunk, cut)
    if not after:
        return True
    first = after[0]
    if first.islower():  # "…», — сказал он", "т.е. так", "etc. and"
        return False
    if first in ",;:)»”":
        return False
    term = chunk[term_at]
    if term != ".":
        return True
    before = chunk[sent_start:term_at]
    language = languages.get(lang) if languages.known(lang) else None
    if language is not None and language.ordinal_dot and _ORDINAL_BEFORE.search(before):
        return False  # "am 5. März", "im 19. Jahrhundert"
    found = _word_before(before)
    if found is None:
        return True
    word, word_start = found
    low = word.casefold()
    letters = _NOT_LETTER.sub("", word)
    script = language.script if language is not None else None
    if language is not None and low in language.never_final:
        return False
    if language is not None and low in language.may_final:
        if low == "г" and not _DIGIT_END.search(before[:word_start]):
            return False  # "г. Москва" is a city, "2025 г. Затем" a year
        return not first.isdigit()
    # Initials: "Н. Ноздрев", "J. Smith", "د. محمد" — one letter before the period.
    if len(letters) == 1 and (first.isupper() or script is languages.Script.ARABIC or not first.isalpha()):
        return False
    # Two-letter initials of a name: "Мерфи Дж. Пол", "Вл. Путин" (a capital, then lower-case
    # consonants only; all-capital acronyms such as "ФСБ." still end a sentence).
    if (script is languages.Script.CYRILLIC and 2 <= len(letters) <= 3 and letters[0].isupper() and letters[1:].islower()
            and not _VOWEL.search(letters.casefold()) and first.isupper()):
        return False
    # Dotted acronyms in the middle of a sentence: "U.S. officials", "т.е. Москва".
    if "." in word and len(letters) <= 4 and script is languages.Script.LATIN:
        return False
    return True


def _word_before(before: str, window: int = 64) -> tuple[str, int] | None:
    """The word that ends `before` (letters, marks, dots, hyphens; starting with a letter)
    and where it starts, or None. `_WORD_BEFORE` tries every start position of the text, so
    it runs on the last `window` characters unless the word may begin further left."""
    tail = len(before) - window
    if tail > 0 and not _WORD_CHAR.match(before, tail):
        m = _WORD_BEFORE.search(before, tail)
    else:
        m = _WORD_BEFORE.search(before)
    return (m.group(1), m.start()) if m else None


def _cap_length(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut an over-long sentence at clause breaks (or spaces) into pieces of at most
    MAX_SENTENCE_CHARS, so alignment and MT never see a runaway segment."""
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        cut = None
        for m in _SOFT_BREAK.finditer(window):
            if m.start() > MAX_SENTENCE_CHARS // 3:
                cut = m.start() + 1
        if cut is None:
            ws = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
            cut = ws if ws > MAX_SENTENCE_CHARS // 3 else MAX_SENTENCE_CHARS
        s, e = _strip(text, start, start + cut)
        if s < e:
            yield s, e
        start, _ = _strip(text, start + cut, end)
    if start < end:
        yield start, end
