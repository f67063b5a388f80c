#!/usr/bin/env python
"""Build aligner's tiny test translation model (about 1.3 MB, about a second).

    .venv/bin/python scripts/make_test_model.py            # -> models/aligner-test-tiny
    .venv/bin/python scripts/make_test_model.py --out DIR  # -> DIR/aligner-test-tiny
    .venv/bin/python scripts/make_test_model.py --marian-only DIR  # just the Marian fixture

It trains a SentencePiece model on seeds/*.txt, writes an OPUS-MT-style native Marian model
with random weights, and converts it with `aligner models convert`'s code path to
CTranslate2 int8, registered for ar-en and ru-en. IT DOES NOT TRANSLATE: its output is
deterministic gibberish. It exists so tests and benchmarks run the real ct2 path
(tokenisation, batching, long-sentence splitting, caching, device selection) offline.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    from aligner.translate.testmodel import build_test_model, write_marian_fixture

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=ROOT / "models", help="models dir to write into (default: models/)")
    p.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="texts to train SentencePiece on")
    p.add_argument("--marian-only", type=Path, metavar="DIR", help="only write the native Marian fixture to DIR")
    args = p.parse_args(argv)
    if args.marian_only:
        print(write_marian_fixture(args.marian_only, args.seeds))
        return 0
    path = build_test_model(args.out, args.seeds)
    size = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
    print(f"{path} ({size / 1024:.0f} KB; ar-en, ru-en; random weights - does NOT translate)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
