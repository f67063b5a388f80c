"""`aligner segment FILE`: show how aligner reads one document (sentences, offsets, kinds)."""

from __future__ import annotations

import argparse
import json
import sys

from aligner.bidi import visible_controls
from aligner.segment import load_document
from aligner.types import SEGMENTATION_SCHEMA


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("segment", help="split one document into sentences with offsets and kinds")
    p.add_argument("file", help="text file (UTF-8/16, cp1256, cp1251, KOI8-R are detected)")
    p.add_argument("--lang", default="auto", choices=["auto", "ar", "ru", "en"], help="language (default: detect)")
    p.add_argument("--format", default="text", choices=["json", "text"], help="output format (default: text)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    doc = load_document(args.file, args.lang)
    if args.format == "json":
        out = {"schema": SEGMENTATION_SCHEMA, "path": doc.path, "lang": doc.lang, "encoding": doc.encoding,
               "sentences": [s.to_dict() for s in doc.sentences]}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    # text output is for a terminal: control characters are shown (ESC as ␛), never sent
    print(visible_controls(f"# {doc.path}  lang={doc.lang}  encoding={doc.encoding}  sentences={len(doc.sentences)}"))
    for s in doc.sentences:
        tag = "" if s.kind == "body" else f" [{s.kind}]"
        print(f"{s.id:>4} ¶{s.paragraph:<3} {s.start:>6}-{s.end:<6}{tag} {visible_controls(s.text)}")
    return 0
