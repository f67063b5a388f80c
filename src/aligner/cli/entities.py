"""`aligner entities FILE [--against OTHER]`: what aligner reads as numbers, dates, places,
names, quotes and attribution in one document, and, against its other-language version,
which names and places are found on both sides or on one side only."""

from __future__ import annotations

import argparse
import json
import sys

from aligner.entities import ENTITY_KINDS, Entity, extract, match_names
from aligner.segment import load_document
from aligner.types import Document


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("entities", help="list the entities of a document, or match names and places across two")
    p.add_argument("file", help="text file")
    p.add_argument("--against", metavar="OTHER", help="the other-language version: match names and places")
    p.add_argument("--lang", default="auto", choices=["auto", "ar", "ru", "en"], help="language of FILE (default: detect)")
    p.add_argument("--other-lang", default="auto", choices=["auto", "ar", "ru", "en"], help="language of OTHER")
    p.add_argument("--kinds", default=",".join(ENTITY_KINDS), help="comma-separated kinds to list (default: all)")
    p.add_argument("--format", default="text", choices=["json", "text"], help="output format (default: text)")
    p.set_defaults(func=run)


def _sentence_of(doc: Document, e: Entity) -> int | None:
    for s in doc.sentences:
        if s.start <= e.start < s.end:
            return s.id
    return None


def _row(doc: Document, e: Entity) -> dict:
    return {"sentence": _sentence_of(doc, e), "kind": e.kind, "key": e.key, "surface": e.surface,
            "start": e.start, "end": e.end}


def run(args: argparse.Namespace) -> int:
    doc = load_document(args.file, args.lang)
    if args.against:
        return _run_against(doc, load_document(args.against, args.other_lang), args.format)
    kinds = {k.strip() for k in args.kinds.split(",") if k.strip()}
    rows = [_row(doc, e) for e in extract(doc.text, doc.lang) if e.kind in kinds]
    if args.format == "json":
        json.dump({"path": doc.path, "lang": doc.lang, "entities": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"# {doc.path}  lang={doc.lang}  entities={len(rows)}")
    for r in rows:
        sid = "-" if r["sentence"] is None else r["sentence"]
        print(f"{sid:>4} {r['kind']:<11} {r['key']:<26} {r['surface']}")
    return 0


def _run_against(src: Document, tgt: Document, fmt: str) -> int:
    nm = match_names(src.text, src.lang, tgt.text, tgt.lang, src_context=src.text, tgt_context=tgt.text)
    matched = [{"src": _row(src, a), "tgt": _row(tgt, b)} for a, b in nm.matched]
    src_only = [_row(src, e) for e in nm.src_only]
    tgt_only = [_row(tgt, e) for e in nm.tgt_only]
    if fmt == "json":
        out = {"src": src.path, "tgt": tgt.path, "matched": matched, "src_only": src_only, "tgt_only": tgt_only}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"# SRC {src.path} ({src.lang})  TGT {tgt.path} ({tgt.lang})")
    print(f"# {len(matched)} matched, {len(src_only)} only in SRC, {len(tgt_only)} only in TGT")
    for m in matched:
        print(f"  = {m['src']['kind']:<6} {m['src']['surface']}  ~  {m['tgt']['surface']}   ({m['src']['key']})")
    for r in src_only:
        print(f"  - {r['kind']:<6} {r['surface']}   only in SRC, sentence {r['sentence']}")
    for r in tgt_only:
        print(f"  + {r['kind']:<6} {r['surface']}   only in TGT, sentence {r['sentence']}")
    return 0
