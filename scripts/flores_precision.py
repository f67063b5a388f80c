#!/usr/bin/env python3
"""False alarms of divergence scoring on faithful translations: FLORES-200 dev.

FLORES-200 has 997 sentences translated independently from one English text into Arabic
and Russian, so every ar/ru line pair is a faithful translation: any flag on it is a false
alarm (or a true difference between two human translations). The lines are grouped into
documents of 20 consecutive lines and scored three ways:

1. pair scoring alone, with the true 1-1 alignment, weight-free (no MT);
2. the same with the FLORES English reference as both pivots (what perfect MT would give);
3. the whole weight-free pipeline: each document segmented as running text and aligned.

Usage:  .venv/bin/python scripts/flores_precision.py [--src ru --tgt ar] [--data DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from aligner.align import align
from aligner.diverge import score
from aligner.segment import segment
from aligner.types import Bead, Document, Sentence

FILES = {"ar": "arb_Arab.dev", "ru": "rus_Cyrl.dev", "en": "eng_Latn.dev"}
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "flores200-dev"


def line_document(lines: list[str], lang: str) -> Document:
    """One sentence per line, one paragraph per line."""
    text, sents, pos = "", [], 0
    for i, s in enumerate(lines):
        if i:
            text += "\n"
            pos += 1
        sents.append(Sentence(i, s, pos, pos + len(s), i))
        text += s
        pos += len(s)
    return Document(text, lang, "utf-8", sents)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default="ru", choices=sorted(FILES))
    ap.add_argument("--tgt", default="ar", choices=sorted(FILES))
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--size", type=int, default=20, help="lines per pseudo-document")
    args = ap.parse_args(argv)
    lines = {k: (args.data / f).read_text(encoding="utf-8").splitlines() for k, f in FILES.items()}
    runs = {"weight-free, true alignment": Counter(), "reference pivots, true alignment": Counter(), "whole pipeline (segment + align)": Counter()}
    verdicts: Counter = Counter()
    for start in range(0, len(lines[args.src]), args.size):
        a, b, en = (lines[k][start : start + args.size] for k in (args.src, args.tgt, "en"))
        src, tgt = line_document(a, args.src), line_document(b, args.tgt)
        beads = [Bead((i,), (i,), 1.0) for i in range(len(a))]
        for name, piv in (("weight-free, true alignment", (None, None)), ("reference pivots, true alignment", (en, en))):
            pairs, _ = score(src, tgt, beads, *piv)
            _count(runs[name], pairs)
        s2, t2 = segment(" ".join(a), args.src), segment(" ".join(b), args.tgt)
        pairs, summary = score(s2, t2, align(s2, t2))
        _count(runs["whole pipeline (segment + align)"], pairs)
        verdicts[summary.verdict] += 1
    for name, c in runs.items():
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if not k.startswith("_"))
        print(f"{name}: {c['_flagged']}/{c['_pairs']} pairs flagged ({c['_flagged'] / c['_pairs']:.1%}); {kinds}")
    print(f"verdicts of the {sum(verdicts.values())} pseudo-documents: {dict(verdicts)}")
    return 0


def _count(c: Counter, pairs) -> None:
    for p in pairs:
        if p.section != "body":
            continue
        c["_pairs"] += 1
        c["_flagged"] += bool(p.flags)
        for f in p.flags:
            c[f.kind] += 1


if __name__ == "__main__":
    sys.exit(main())
