"""Right-to-left text for terminals that do no bidi themselves (display only).

Textual, like most terminals, draws characters left to right in the order it gets them,
so Arabic comes out reversed and with unjoined letters. This module turns logical text into
what the eye should see: letters joined (arabic-reshaper: contextual presentation forms and
the mandatory lam-alef ligature) and runs reordered (the Unicode Bidirectional Algorithm, as
implemented by python-bidi).

It never changes the text anyone stores or searches: every function here returns, with the
visual string, the logical index that each visual character came from, so a caller can keep
search hits and flagged spans on logical offsets and still paint them in the right cells.

Long sentences are wrapped *before* reordering (the logical text is cut into lines, then each
line is reordered on its own), which is what UAX #9 prescribes (rules L1-L4 apply per line)
and what keeps the first words of an Arabic sentence on its first, top-right line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import arabic_reshaper
import regex
from bidi import algorithm as _uba
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text


# Harakat and Quranic marks: dropped for display only (a reversed combining mark would sit on
# the wrong letter in a terminal); the logical text keeps them.
_MARKS = regex.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]")
_STRONG_RTL = regex.compile(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")

_RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={
        "delete_harakat": False,  # already removed by us, with their offsets
        "support_ligatures": True,  # lam-alef is mandatory in Arabic script
        "ARABIC LIGATURE ALLAH": False,  # a word ligature many terminal fonts lack
    }
)


# Control characters in article text must never reach a terminal as such: ESC starts escape
# sequences (window title, screen clear, ...), CR overwrites the line, C1 CSI (U+009B) is an
# ESC [ on some terminals. Each one is shown as one visible character, so offsets still hold:
# C0 as its Unicode control picture (ESC -> ␛), DEL as ␡, C1 as U+FFFD.
_CONTROLS = regex.compile(r"[\x00-\x1f\x7f-\x9f]")


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def visible_controls(text: str, keep: str = "") -> str:
    """`text` with every control character but those in `keep` replaced by one visible
    character (same length, so offsets into it are offsets into `text`)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: m.group() if m.group() in keep else _picture(m.group()), text)


@lru_cache(maxsize=64)
def is_rtl_lang(lang: str | None) -> bool:
    """Languages whose text is shown right-aligned and reordered: `Language.rtl`, and for a
    code aligner does not support (he-IL in a TMX) CLDR's character order."""
    from aligner import lang as languages

    code = (lang or "").split("-")[0].lower()
    if languages.known(code):
        return languages.get(code).rtl
    try:
        import babel

        return babel.Locale.parse(code).character_order == "right-to-left"
    except (ValueError, TypeError, babel.UnknownLocaleError):
        return False


def has_rtl(text: str) -> bool:
    """True when the text holds at least one strong right-to-left character."""
    return _STRONG_RTL.search(text) is not None


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Cut logical text into lines of at most `width` terminal cells.

    Returns (start, end) offsets into `text`; the spaces at a break belong to no line.
    Breaks at whitespace, at newlines always, and inside a word only when a word is wider
    than the whole line.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        lines.extend(_wrap_para(text, pos, pos + len(para), width))
        pos += len(para) + 1
    return lines or [(0, 0)]


def _wrap_para(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    line_start = line_end = None  # current line
    used = 0
    for word in regex.finditer(r"\S+", text[start:end]):
        ws, we = start + word.start(), start + word.end()
        w = cell_len(text[ws:we])
        gap = cell_len(text[line_end:ws]) if line_end is not None else 0
        if line_start is not None and used + gap + w <= width:
            line_end, used = we, used + gap + w
            continue
        if line_start is not None:
            lines.append((line_start, line_end))
            line_start = None
        while w > width:  # a word longer than a line: hard-break it
            cut, cw = ws, 0
            while cut < we and cw + cell_len(text[cut]) <= width:
                cw += cell_len(text[cut])
                cut += 1
            cut = max(cut, ws + 1)
            lines.append((ws, cut))
            ws, w = cut, cell_len(text[cut:we])
        line_start, line_end, used = ws, we, w
    if line_start is not None:
        lines.append((line_start, line_end))
    return lines or [(start, start)]


def shape(text: str) -> tuple[str, list[int]]:
    """Join Arabic letters (presentation forms); returns the shaped string and, for each of
    its characters, the index in `text` of the first character it stands for."""
    kept = [i for i, ch in enumerate(text) if not _MARKS.match(ch)]
    bare = "".join(text[i] for i in kept)
    if not has_rtl(bare):
        return bare, kept
    shaped = _RESHAPER.reshape(bare)
    index: list[int] = []
    i = 0
    for ch in shaped:
        index.append(kept[min(i, len(kept) - 1)] if kept else 0)
        key = unicodedata.normalize("NFKC", ch)
        n = len(key)
        # a ligature stands for several logical letters; anything unexpected advances by one
        i += n if n > 1 and unicodedata.normalize("NFKC", bare[i : i + n]) == key else 1
    return shaped, index


def reorder(text: str, rtl: bool = True) -> tuple[str, list[int]]:
    """One line in visual (left-to-right screen) order by the Unicode Bidirectional
    Algorithm, with mirrored brackets; returns the visual string and, for each visual
    character, its index in `text`."""
    if not text:
        return "", []
    storage = _uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    _uba.get_embedding_levels(text, storage)
    for i, ch in enumerate(storage["chars"]):
        ch["index"] = i
    _uba.explicit_embed_and_overrides(storage)
    _uba.resolve_weak_types(storage, False)
    _uba.resolve_neutral_types(storage, False)
    _uba.resolve_implicit_levels(storage, False)
    _uba.reorder_resolved_levels(storage, False)
    _uba.apply_mirroring(storage, False)
    chars = storage["chars"]
    return "".join(c["ch"] for c in chars), [c["index"] for c in chars]


@lru_cache(maxsize=8192)
def visual(line: str, rtl: bool = True) -> tuple[str, tuple[int, ...]]:
    """Shape, then reorder, one line; returns the visual string and logical indices."""
    shaped, shape_index = shape(line)
    if not rtl and not has_rtl(shaped):
        return shaped, tuple(shape_index)
    vis, order = reorder(shaped, rtl)
    return vis, tuple(shape_index[i] for i in order)


def display(text: str, rtl: bool | None = None) -> str:
    """A short, single-line string as it should appear on screen (for labels, spans)."""
    text = visible_controls(" ".join(text.split()))
    if rtl is None:
        rtl = has_rtl(text)
    if not has_rtl(text):
        return text
    return visual(text, rtl)[0]


StyleSpan = tuple[int, int, "str | Style"]


def render(
    text: str,
    width: int,
    rtl: bool,
    spans: Iterable[StyleSpan] = (),
    base_style: str | Style = "",
) -> list[Text]:
    """Wrap logical `text` to `width` cells and return one rich Text per screen line, in
    visual order, right-aligned (padded to `width`) when `rtl`.

    `spans` are (start, end, style) on logical offsets into `text` (flagged spans, search
    hits); later spans are painted over earlier ones. Control characters are shown as
    visible pictures (`visible_controls`); tabs as spaces.
    """
    text = visible_controls(text.replace("\t", " "), keep="\n")
    styles: list[list[str | Style]] = [[] for _ in range(len(text))]
    for start, end, style in spans:
        for i in range(max(0, start), min(len(text), end)):
            styles[i].append(style)
    out: list[Text] = []
    for start, end in wrap(text, width):
        line = text[start:end]
        if rtl or has_rtl(line):
            vis, index = visual(line, rtl)
        else:
            vis, index = line, tuple(range(len(line)))
        row = Text(style=base_style, no_wrap=True, overflow="crop", end="")
        pad = width - cell_len(vis)
        if rtl and pad > 0:
            row.append(" " * pad)
        _append_styled(row, vis, [styles[start + i] for i in index])
        if not rtl and pad > 0:
            row.append(" " * pad)
        out.append(row)
    return out


def _append_styled(row: Text, chars: str, styles: Sequence[list[str | Style]]) -> None:
    """Append characters grouped into runs of equal style (few, long Text spans)."""
    run_start = 0
    for i in range(1, len(chars) + 1):
        if i == len(chars) or styles[i] != styles[run_start]:
            chunk = chars[run_start:i]
            parts = [Style.parse(s) if isinstance(s, str) else s for s in styles[run_start]]
            row.append(chunk, style=Style.combine(parts) if parts else None)
            run_start = i
