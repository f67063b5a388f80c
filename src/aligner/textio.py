"""Stage 1: bytes -> str. Detect the encoding, refuse what is not text, keep the text as is.

Wire copy arrives as UTF-8 (with or without BOM), UTF-16 from Windows tools, and legacy
Arabic (cp1256, ISO 8859-6) and Russian (cp1251, KOI8-R) code pages. BOMs and strict UTF-8
are decided exactly; everything else goes to charset-normalizer, steered towards the code
pages newsrooms actually use.
"""

from __future__ import annotations

import codecs
import errno
import math
import os
import re
import stat
import sys
import warnings
from pathlib import Path

from aligner.errors import InputError, Notice

# Largest input accepted; a wire story is a few KB, a book a few MB. ALIGNER_MAX_BYTES
# changes it: bytes, or a number with K, M or G (binary units: 32M = 32 MB = 33,554,432 bytes).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
ENV_MAX_BYTES = "ALIGNER_MAX_BYTES"
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
# Characters of Unicode categories Cc, Cs and Co (controls, surrogates, private use), less the
# layout controls \t \n \v \f \r: one regex scan instead of a category lookup per character.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$", re.IGNORECASE)

# Files that are documents of another kind, told by their first bytes: refused by name
# rather than read as text (a PDF's header and dictionaries are ASCII, so it would "decode").
MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", "extract its text first (e.g. pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .zip?)", "save the article as plain text"),
    (b"{\\rtf", "an RTF document", "save the article as plain text"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc)", "save the article as plain text"),
)


def parse_size(value: str) -> int:
    """'33554432', '32M', '32MB', '32 MiB', '1.5G' -> bytes; InputError otherwise."""
    m = _SIZE.match(value)
    if not m or float(m[1]) <= 0:
        raise InputError(
            f"{ENV_MAX_BYTES}={value!r} is not a size; expected bytes or a number with K, M or G, e.g. 32M or 32MB"
        )
    return int(float(m[1]) * _UNITS[m[2].lower()])


def max_bytes() -> int:
    """The input size limit: $ALIGNER_MAX_BYTES, else 32 MB."""
    value = os.environ.get(ENV_MAX_BYTES)
    return parse_size(value) if value not in (None, "") else DEFAULT_MAX_BYTES


def format_size(n: int) -> str:
    """Sizes as the docs write them: binary units, '32 MB' for 32 x 1024 x 1024 bytes."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= factor:
            value = n / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"

# Code pages tried first, most common first; charset-normalizer ranks them.
PREFERRED = ["cp1256", "cp1251", "koi8_r", "iso8859_6", "cp1252", "iso8859_5", "cp866", "mac_cyrillic"]
# When detection lands on a rarer sibling, prefer the common code page if it reads as well.
COMMON = ("cp1251", "cp1256", "koi8_r", "cp1252")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


STDIN = "-"


def load_text(path: str | os.PathLike[str], encoding: str | None = None) -> tuple[str, str]:
    """Read a file (or standard input for "-") and return (text, encoding name).
    `encoding` (`--encoding`) skips detection: the bytes must then be valid in it.

    Only regular files are read: a device (/dev/zero), a FIFO with no writer or a socket
    would read forever or block. The size limit is enforced while reading, so even a file
    that grows, or a /proc file that claims size 0, stops at the limit. Raises InputError
    with one line."""
    limit = max_bytes()
    if os.fspath(path) == STDIN:
        return decode_bytes(_read_limited(sys.stdin.buffer, "<stdin>", limit), "<stdin>", encoding)
    p = Path(path)
    try:
        st = os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{p}: symlink loop (the link points back to itself)") from None
        if isinstance(exc, FileNotFoundError):
            broken = " (a broken symlink)" if os.path.islink(p) else ""
            raise InputError(f"{p}: no such file{broken}") from None
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{p}: is a directory, expected a text file")
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "a device"
        raise InputError(f"{p}: is {kind}, not a regular file; to read a stream, pipe it in and give - as the file")
    if st.st_size > limit:
        raise InputError(_too_big(p, st.st_size, limit))
    try:
        with open(p, "rb") as fh:
            data = _read_limited(fh, str(p), limit)
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, str(p), encoding)


def _too_big(name: object, size: int | None, limit: int) -> str:
    what = f"{format_size(size)} is" if size else "it is"
    return f"{name}: {what} larger than the {format_size(limit)} limit (set {ENV_MAX_BYTES}, e.g. 64M, to raise it)"


def _read_limited(fh, name: str, limit: int) -> bytes:
    """At most `limit` bytes; one more means the input is too large."""
    chunks, total = [], 0
    while True:
        block = fh.read(min(1 << 20, limit + 1 - total))
        if not block:
            break
        chunks.append(block)
        total += len(block)
        if total > limit:
            raise InputError(_too_big(name, None, limit))
    return b"".join(chunks)


def decode_bytes(data: bytes, name: str = "<input>", encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes to text, deciding the encoding (or in the one given); refuse empty and
    binary input."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    for magic, kind, advice in MAGIC:
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(magic):
            raise InputError(f"{name}: is {kind}, not a text file; {advice}")
    if encoding:
        enc = known_encoding(encoding)
        return _checked(_decode(data, enc, name), enc, name)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _checked(_decode(data, enc, name), enc, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(_decode(data, utf16, name), utf16, name)
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    enc = _detect_legacy(data)
    if enc is None:
        raise InputError(f"{name}: cannot tell the text encoding (not UTF-8, UTF-16, cp1256, cp1251 or KOI8-R)")
    rival = close_rival(data, enc)
    if rival:
        warnings.warn(EncodingNotice(
            f"{name}: read as {enc}; {rival} reads almost as well (a short text gives little evidence): "
            f"name the encoding with --encoding (or --src-encoding/--tgt-encoding) if the letters look wrong"
        ), stacklevel=2)
    return _checked(_decode(data, enc, name), enc, name)


class EncodingNotice(Notice):
    """A legacy code page chosen on thin evidence, so the user can check the letters and
    say `--encoding`."""


#: Code pages that read the same bytes as other letters of the same script: a decoding in the
#: other page of the family is a real rival, one in another script is not. cp1256 and ISO
#: 8859-6 are not listed: their decodings differ in a few letters that the letter score does
#: not separate (measured on FLORES dev lines: margins 0.05-0.26 whichever is right), so a
#: notice would fire on nearly every short ISO 8859-6 text while the choice is right 864/865.
FAMILIES = (("cp1251", "koi8_r"),)
#: Mean letter scores (`_plausibility`) this close: the evidence does not separate them.
CLOSE_MARGIN = 0.25


def close_rival(data: bytes, chosen: str) -> str | None:
    """The other code page of `chosen`'s family when it decodes the bytes to different
    letters that read about as plausibly; None when the choice was clear."""
    family = next((f for f in FAMILIES if chosen in f), ())
    try:
        mine_text = data.decode(chosen)
    except (UnicodeDecodeError, LookupError):
        return None
    mine = _plausibility(mine_text)
    for enc in family:
        if enc == chosen:
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if text != mine_text and _plausibility(text) >= mine - CLOSE_MARGIN:
            return enc
    return None


def known_encoding(name: str) -> str:
    """The codec's canonical name for `--encoding NAME`, or one line saying it is unknown."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown encoding {name!r} (e.g. utf-8, cp1251, koi8-r, cp1256, iso8859-6)") from None


def _decode(data: bytes, enc: str, name: str) -> str:
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        raise InputError(f"{name}: invalid {enc} text") from None
    return text.lstrip("\ufeff") if enc.startswith("utf-16") or enc.startswith("utf-32") else text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM: NUL bytes sit in one parity only (the high byte of spaces, digits
    and Latin letters); accept it when that decoding reads as mostly letters and spaces."""
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    if odd > 0.02 * half and even <= 0.01 * half:
        enc = "utf-16-le"
    elif even > 0.02 * half and odd <= 0.01 * half:
        enc = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    readable = sum(1 for c in text if c.isalpha() or c.isspace() or c.isdigit())
    return enc if readable > 0.7 * len(text) else None


#: The legacy code pages whose decodings are judged by language evidence: a byte string is
#: valid in all of them, so only the letters they produce tell them apart.
LANGUAGE_CHECKED = ("cp1251", "koi8_r")


def _detect_legacy(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # only bytes that are not UTF-8 get here (~7 ms to import)

    results = from_bytes(data, cp_isolation=PREFERRED) or from_bytes(data)
    best = results.best()
    if best is None:
        return None
    chosen = best
    if best.encoding not in COMMON:
        for match in results:
            if match.encoding in COMMON and match.percent_chaos <= best.percent_chaos + 5:
                chosen = match
                break
    return _by_language(data, chosen.encoding)


def _by_language(data: bytes, guess: str) -> str:
    """Between the Russian code pages, the decoding whose letters read most like Russian (charset-normalizer's letter-frequency tables, plus a penalty for
    capitals inside lower-case words, which is how KOI8-R read as cp1251 looks). Short texts
    give charset-normalizer too little to go on; this keeps one sentence from turning into
    plausible-looking gibberish."""
    scores = {}
    for enc in dict.fromkeys((guess, *LANGUAGE_CHECKED)):
        try:
            scores[enc] = _plausibility(data.decode(enc))
        except (UnicodeDecodeError, LookupError):
            continue
    if guess not in LANGUAGE_CHECKED or guess not in scores:
        return guess  # the Arabic pages: letter frequencies did not separate them (measured)
    best = max(scores, key=lambda enc: (scores[enc], enc == guess))
    best = best if scores[best] > scores[guess] + 0.05 else guess
    if scores[best] < IMPLAUSIBLE_RUSSIAN:  # no Russian reading is plausible: Arabic bytes?
        for enc in ARABIC_PAGES:
            try:
                score = _plausibility(data.decode(enc))
            except UnicodeDecodeError:
                continue
            if score > scores[best] + 0.3:
                return enc
    return best


#: Mean letter score below every real Russian sentence of FLORES dev (lowest -2.24; KOI8-R
#: read as cp1251 scores -2.4 to -3.0, Arabic bytes read as cp1251 -2.7 to -3.8).
IMPLAUSIBLE_RUSSIAN = -2.4
ARABIC_PAGES = ("cp1256", "iso8859_6")


def _plausibility(text: str) -> float:
    from charset_normalizer.constant import FREQUENCIES

    ranks = {lang: {c: r for r, c in enumerate(FREQUENCIES[lang])} for lang in ("Russian", "Arabic")}
    total, n, prev = 0.0, 0, ""
    for ch in text:
        if not ch.isalpha():
            prev = ""
            continue
        lang = "Russian" if "\u0400" <= ch <= "\u04ff" else "Arabic" if "\u0600" <= ch <= "\u06ff" else None
        if lang is None:
            prev = ch
            continue
        r = ranks[lang].get(ch.lower())
        total += -math.log(r + 2) if r is not None else -math.log(60)
        if lang == "Russian" and ch.isupper() and prev.islower():
            total -= 3.0
        n += 1
        prev = ch
    return total / n if n else -10.0


def _checked(text: str, enc: str, name: str) -> tuple[str, str]:
    """Refuse decoded text that is mostly control characters (a binary file that happened
    to decode) and text with no letters at all."""
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    sample = text[:20000]
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > 0.02 * len(sample):
        raise InputError(f"{name}: looks like a binary file, not text")
    if not any(c.isalpha() for c in sample):
        raise InputError(f"{name}: contains no words")
    return text, codecs.lookup(enc).name if enc != "utf-8-sig" else "utf-8-sig"
