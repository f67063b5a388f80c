"""Stage 1: bytes -> str. Detect the encoding, refuse what is not text, keep the text as is.

Wire copy arrives as UTF-8 (with or without BOM), UTF-16 from Windows tools, and legacy
Arabic (cp1256, ISO 8859-6) and Russian (cp1251, KOI8-R) code pages. BOMs and strict UTF-8
are decided exactly; everything else goes to charset-normalizer, steered towards the code
pages newsrooms actually use.
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from aligner.errors import InputError

# Largest input accepted (bytes); a wire story is a few KB, a book a few MB.
MAX_BYTES = int(os.environ.get("ALIGNER_MAX_BYTES", 32 * 1024 * 1024))

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


def load_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Read a file and return (text, encoding name). Raises InputError with one line."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected a text file")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            f"{p}: {size / 1e6:.1f} MB is larger than the {MAX_BYTES / 1e6:.0f} MB limit "
            "(set ALIGNER_MAX_BYTES to raise it)"
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, str(p))


def decode_bytes(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode bytes to text, deciding the encoding; refuse empty and binary input."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
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
    return _checked(_decode(data, enc, name), enc, name)


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


def _detect_legacy(data: bytes) -> str | None:
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
    return chosen.encoding


def _checked(text: str, enc: str, name: str) -> tuple[str, str]:
    """Refuse decoded text that is mostly control characters (a binary file that happened
    to decode) and text with no letters at all."""
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    sample = text[:20000]
    controls = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\n\r\t\f\v")
    if controls > 0.02 * len(sample):
        raise InputError(f"{name}: looks like a binary file, not text")
    if not any(c.isalpha() for c in sample):
        raise InputError(f"{name}: contains no words")
    return text, codecs.lookup(enc).name if enc != "utf-8-sig" else "utf-8-sig"
