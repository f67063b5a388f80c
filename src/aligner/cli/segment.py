"""`aligner segment FILE`: show how aligner reads one document (sentences, offsets, kinds)."""

from __future__ import annotations

import argparse
import json
import sys

from aligner.errors import InputError
from aligner.lang import CODES as LANG_CODES
from aligner.types import SEGMENTATION_SCHEMA, Document


def load_for_cli(path: str, lang: str, option: str, encoding: str | None = None) -> Document:
    """`load_document`, but an unsupported language names this command's own option."""
    from aligner import langid, textio
    from aligner.segment import segment

    text, encoding = textio.load_text(path, encoding)
    if lang in (None, "", "auto"):
        code = langid.detect(text)
        if code not in langid.SUPPORTED:
            raise InputError(langid.unsupported_message(path, code, f" (if the detection is wrong, name the language with {option})"))
    code = langid.resolve(text, lang, str(path))  # a given language is checked against the script
    return segment(text, code, encoding, str(path))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("segment", help="split one document into sentences with offsets and kinds")
    p.add_argument("file", help="text file (UTF-8/16, cp1256, cp1251, KOI8-R are detected)")
    p.add_argument("--lang", default="auto", choices=["auto", *LANG_CODES], help="language (default: detect)")
    p.add_argument("--format", default="text", choices=["json", "text"], help="output format (default: text)")
    p.add_argument("--encoding", metavar="ENC", help="text encoding, e.g. cp1251 or koi8-r (default: detect)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from aligner.bidi import visible_controls

    doc = load_for_cli(args.file, args.lang, "--lang", args.encoding)
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
