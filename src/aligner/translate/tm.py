"""Translation memory: English pivots the user already has, from any engine or a translator.

Formats (picked by extension, else sniffed):
- TSV (`.tsv`, `.tab`, `.txt`): `source<TAB>english` per line; a `source	target` header
  and `#` comment lines are skipped.
- JSONL (`.jsonl`, `.ndjson`): one object a line with the source under `source`/`src`
  and the English under `target`/`tgt`/`en`/`translation`.
- TMX 1.4 (`.tmx`): each `<tu>`'s English `<tuv>` is the pivot for every other `<tuv>`.

Lookups go through `aligner.normalize.match_key`, so digit forms, typographic quotes,
Arabic letter variants and diacritics, case and spacing do not defeat a match.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aligner import lang as languages
from aligner.errors import InputError
from aligner.normalize import match_key

_SRC_KEYS = ("source", "src", "text")
_PIVOT3 = languages.get(languages.PIVOT).iso639_3  # "eng" (TMX also writes ISO 639-3)
_TGT_KEYS = ("target", "tgt", languages.PIVOT, languages.name_of(languages.PIVOT).lower(), "translation")


def _key(text: str) -> str:
    return match_key(text)


@dataclass(slots=True)
class TranslationMemory:
    """Normalised source sentence -> English."""

    entries: dict[str, str] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)
    conflicts: int = 0  # same source, different English: the first one wins

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, source: str, english: str) -> None:
        source, english = source.strip(), english.strip()
        if not source or not english:
            return
        k = _key(source)
        if k in self.entries:
            if self.entries[k] != english:
                self.conflicts += 1
            return
        self.entries[k] = english

    def lookup(self, sentence: str) -> str | None:
        return self.entries.get(_key(sentence))

    @property
    def label(self) -> str:
        names = ", ".join(Path(p).name for p in self.paths)
        return f"tm:{names} ({len(self)} entries)"

    @classmethod
    def load(cls, paths: Iterable[str | os.PathLike]) -> TranslationMemory:
        tm = cls()
        for p in paths:
            load_into(tm, Path(p))
        return tm


def detect_tm_format(path: Path, head: str) -> str:
    ext = path.suffix.lower()
    if ext == ".tmx":
        return "tmx"
    if ext in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if ext in (".tsv", ".tab", ".txt"):
        return "tsv"
    stripped = head.lstrip("\ufeff \n\r\t")
    if stripped.startswith("<"):
        return "tmx"
    if stripped.startswith("{"):
        return "jsonl"
    return "tsv"


def load_into(tm: TranslationMemory, path: Path) -> None:
    """Add one TM file's entries; malformed input is an InputError naming file and line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"translation memory {path} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot read translation memory {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"translation memory {path} is not UTF-8 (byte {exc.start})") from None
    fmt = detect_tm_format(path, text[:200])
    before = len(tm)
    {"tsv": _load_tsv, "jsonl": _load_jsonl, "tmx": _load_tmx}[fmt](tm, path, text)
    if len(tm) == before:
        raise InputError(f"translation memory {path} has no usable entries (read as {fmt.upper()})")
    tm.paths.append(str(path))


def _load_tsv(tm: TranslationMemory, path: Path, text: str) -> None:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            raise InputError(
                f"{path}:{n}: expected 2 tab-separated columns (source, English), found {len(cols)}"
            )
        if n == 1 and cols[0].strip().lower() in ("source", "src") and cols[1].strip().lower() in _TGT_KEYS:
            continue  # header
        tm.add(cols[0], cols[1])


def _load_jsonl(tm: TranslationMemory, path: Path, text: str) -> None:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{path}:{n}: not a JSON object ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise InputError(f"{path}:{n}: expected a JSON object per line")
        src = next((obj[k] for k in _SRC_KEYS if isinstance(obj.get(k), str)), None)
        tgt = next((obj[k] for k in _TGT_KEYS if isinstance(obj.get(k), str)), None)
        if src is None or tgt is None:
            raise InputError(f"{path}:{n}: needs a 'source' and a 'target' (English) string")
        tm.add(src, tgt)


def _load_tmx(tm: TranslationMemory, path: Path, text: str) -> None:
    import xml.etree.ElementTree as ET

    if "<!ENTITY" in text:  # no entity expansion from user files
        raise InputError(f"{path}: TMX with DTD entities is not accepted")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(f"{path}: not valid TMX/XML ({exc})") from None
    if root.tag != "tmx":
        raise InputError(f"{path}: not a TMX file (root element <{root.tag}>)")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tu in root.iter("tu"):
        english, others = None, []
        for tuv in tu.findall("tuv"):
            lang = (tuv.get(xml_lang) or tuv.get("lang") or "").lower()
            seg = tuv.find("seg")
            if seg is None:
                continue
            content = "".join(seg.itertext())
            if lang == languages.PIVOT or lang.startswith((f"{languages.PIVOT}-", f"{languages.PIVOT}_", _PIVOT3)):
                english = content
            else:
                others.append(content)
        if english:
            for src in others:
                tm.add(src, english)
