"""`aligner entities FILE [--against OTHER]`: what aligner reads as numbers, dates, places,
names, quotes and attribution in one document, and, against its other-language version,
one row per entity with how often each side has it and the sentences where it is missing.

Where an entity is missing is decided through the sentence alignment (MT off): an
occurrence in SRC sentence i is missing when none of the TGT sentences aligned with i holds
the same entity. Counting occurrences alone would blame the wrong one (the last Tokyo
instead of the dropped one).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from aligner.cli.segment import load_for_cli
from aligner.errors import InputError
from aligner.lang import CODES as LANG_CODES
from aligner.types import Document

if TYPE_CHECKING:
    from aligner.entities import Entity

# Kinds compared across languages by --against: their keys are language-neutral.
AGAINST_KINDS = ("place", "name", "number", "percent", "year", "date", "month")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("entities", help="list the entities of a document, or compare them with its other-language version")
    p.add_argument("file", help="text file")
    p.add_argument("--against", metavar="OTHER", help="the other-language version: one row per entity, counts on each side, where missing")
    p.add_argument("--lang", default="auto", choices=["auto", *LANG_CODES], help="language of FILE (default: detect)")
    p.add_argument("--other-lang", default="auto", choices=["auto", *LANG_CODES], help="language of OTHER")
    kinds = p.add_argument("--kinds", help=f"comma-separated kinds to list (default: all; with --against: {','.join(AGAINST_KINDS)}); one of %(kinds)s")
    kinds.kinds = _KindsHelp()  # argparse fills %(kinds)s from the action's attributes, when help is shown
    p.add_argument("--format", default="text", choices=["json", "text"], help="output format (default: text)")
    p.add_argument("--encoding", metavar="ENC", help="text encoding of FILE, e.g. cp1251 (default: detect)")
    p.add_argument("--other-encoding", metavar="ENC", help="text encoding of OTHER (default: detect)")
    p.set_defaults(func=run)


class _KindsHelp:
    """The entity kinds for `--kinds`'s help, read from `aligner.entities` only when the help is
    printed: building the parser must not load the extractor."""

    def __str__(self) -> str:
        from aligner.entities import ENTITY_KINDS

        return ", ".join(ENTITY_KINDS)


def _kinds(arg: str | None, default: tuple[str, ...]) -> set[str]:
    from aligner.entities import ENTITY_KINDS

    if arg is None:
        return set(default)
    kinds = {k.strip() for k in arg.split(",") if k.strip()}
    unknown = sorted(kinds - set(ENTITY_KINDS))
    if unknown or not kinds:
        raise InputError(f"--kinds: unknown kind {', '.join(unknown) or '(none given)'}; choose from {', '.join(ENTITY_KINDS)}")
    return kinds


def _sentence_of(doc: Document, e: Entity) -> int | None:
    for s in doc.sentences:
        if s.start <= e.start < s.end:
            return s.id
    return None


def _row(doc: Document, e: Entity) -> dict:
    return {"sentence": _sentence_of(doc, e), "kind": e.kind, "key": e.key, "surface": e.surface,
            "start": e.start, "end": e.end}


def run(args: argparse.Namespace) -> int:
    from aligner import bidi
    from aligner.entities import ENTITY_KINDS, extract

    doc = load_for_cli(args.file, args.lang, "--lang", args.encoding)
    if args.against:
        kinds = _kinds(args.kinds, AGAINST_KINDS)
        other = load_for_cli(args.against, args.other_lang, "--other-lang", args.other_encoding)
        return _run_against(doc, other, kinds, args.format)
    kinds = _kinds(args.kinds, ENTITY_KINDS)
    rows = [_row(doc, e) for e in extract(doc.text, doc.lang) if e.kind in kinds]
    if args.format == "json":
        json.dump({"path": doc.path, "lang": doc.lang, "entities": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    show = _shower(doc.lang)
    print(bidi.visible_controls(f"# {doc.path}  lang={doc.lang}  entities={len(rows)}"))
    for r in rows:
        sid = "-" if r["sentence"] is None else r["sentence"]
        print(f"{sid:>4} {r['kind']:<11} {bidi.visible_controls(r['key']):<26} {show(r['surface'])}")
    return 0


# ----------------------------------------------------------------------------- --against


@dataclass(slots=True)
class EntityRow:
    """One entity of either version, with its occurrences on each side (sentence ids)."""

    key: str
    kind: str
    src_surfaces: list[str] = field(default_factory=list)
    tgt_surfaces: list[str] = field(default_factory=list)
    src_sentences: list[int] = field(default_factory=list)
    tgt_sentences: list[int] = field(default_factory=list)
    missing_in_tgt: list[int] = field(default_factory=list)  # SRC sentence ids
    missing_in_src: list[int] = field(default_factory=list)  # TGT sentence ids

    def to_dict(self) -> dict:
        return {
            "key": self.key, "kind": self.kind,
            "src_surface": _most_common(self.src_surfaces), "tgt_surface": _most_common(self.tgt_surfaces),
            "src_count": len(self.src_sentences), "tgt_count": len(self.tgt_sentences),
            "src_sentences": self.src_sentences, "tgt_sentences": self.tgt_sentences,
            "missing_in_tgt": self.missing_in_tgt, "missing_in_src": self.missing_in_src,
        }


def _most_common(items: list[str]) -> str | None:
    return max(dict.fromkeys(items), key=items.count) if items else None


def entity_rows(src: Document, tgt: Document, kinds: set[str]) -> list[EntityRow]:
    """Group both versions' entities by entity (names and places through `match_names`,
    figures and dates by their language-neutral key), then mark the occurrences whose
    aligned sentences on the other side lack the entity."""
    from aligner.align import align
    from aligner.entities import extract, match_names

    rows: dict[str, EntityRow] = {}
    # names and places: a matched pair shares the SRC key; the TGT's own key maps to it
    alias: dict[str, str] = {}
    nm = match_names(src.text, src.lang, tgt.text, tgt.lang, src_context=src.text, tgt_context=tgt.text)
    for a, b in nm.matched:
        alias.setdefault(b.key, a.key)
    src_ents = [e for e in nm.src_only] + [a for a, _ in nm.matched]
    tgt_ents = [e for e in nm.tgt_only] + [b for _, b in nm.matched]
    figures = ("number", "percent", "year", "date", "month")
    src_ents += [e for e in extract(src.text, src.lang) if e.kind in figures]
    tgt_ents += [e for e in extract(tgt.text, tgt.lang) if e.kind in figures]
    for side, ents, doc in (("src", src_ents, src), ("tgt", tgt_ents, tgt)):
        for e in sorted(ents, key=lambda e: e.start):
            if e.kind not in kinds:
                continue
            sid = _sentence_of(doc, e)
            if sid is None:
                continue
            key = alias.get(e.key, e.key) if side == "tgt" else e.key
            row = rows.setdefault(key, EntityRow(key, e.kind))
            getattr(row, f"{side}_surfaces").append(e.surface)
            getattr(row, f"{side}_sentences").append(sid)
    partners_of_src: dict[int, set[int]] = {}
    partners_of_tgt: dict[int, set[int]] = {}
    for bead in align(src, tgt):
        for i in bead.src:
            partners_of_src.setdefault(i, set()).update(bead.tgt)
        for j in bead.tgt:
            partners_of_tgt.setdefault(j, set()).update(bead.src)
    for row in rows.values():
        tgt_have, src_have = set(row.tgt_sentences), set(row.src_sentences)
        row.missing_in_tgt = sorted({i for i in row.src_sentences if not partners_of_src.get(i, set()) & tgt_have})
        row.missing_in_src = sorted({j for j in row.tgt_sentences if not partners_of_tgt.get(j, set()) & src_have})
    order = {k: n for n, k in enumerate(AGAINST_KINDS)}
    return sorted(rows.values(), key=lambda r: (not (r.missing_in_src or r.missing_in_tgt), order.get(r.kind, 99), min(r.src_sentences + r.tgt_sentences)))


def _shower(lang: str):
    """How to print article text on this stdout: control characters visible, and Arabic
    reordered for a terminal that does no bidi (`--bidi` logic of the terminal report)."""
    from aligner.report.terminal import resolve_bidi

    from aligner import bidi

    reorder = resolve_bidi(None, sys.stdout.isatty())

    def show(text: str | None) -> str:
        if not text:
            return "–"
        text = bidi.visible_controls(text)
        return bidi.display(text) if reorder and bidi.has_rtl(text) else text

    return show


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids))


def _run_against(src: Document, tgt: Document, kinds: set[str], fmt: str) -> int:
    from aligner import bidi

    rows = entity_rows(src, tgt, kinds)
    if fmt == "json":
        out = {"src": src.path, "tgt": tgt.path, "src_lang": src.lang, "tgt_lang": tgt.lang,
               "entities": [r.to_dict() for r in rows]}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    show = _shower(tgt.lang)
    n_missing = sum(1 for r in rows if r.missing_in_src or r.missing_in_tgt)
    print(bidi.visible_controls(f"# SRC {src.path} ({src.lang})  TGT {tgt.path} ({tgt.lang})"))
    print(f"# {len(rows)} entities, {n_missing} missing somewhere; sentence numbers as `aligner segment` prints them")
    print(f"{'kind':<8} {'SRC':>3} {'TGT':>3}  entity")
    for r in rows:
        line = f"{r.kind:<8} {len(r.src_sentences):>3} {len(r.tgt_sentences):>3}  {show(_most_common(r.src_surfaces))} ~ {show(_most_common(r.tgt_surfaces))}"
        where = []
        if r.missing_in_tgt:
            where.append(f"missing in TGT: SRC sentence {_ids(r.missing_in_tgt)}")
        if r.missing_in_src:
            where.append(f"missing in SRC: TGT sentence {_ids(r.missing_in_src)}")
        print(line + ("   " + "; ".join(where) if where else ""))
    return 0
