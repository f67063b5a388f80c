#!/usr/bin/env python3
"""Single-sentence legacy-encoding round trip on FLORES-200 dev (issue 14.9).

Every line of FLORES dev ru (cp1251, KOI8-R) and ar (cp1256, ISO 8859-6) that the code page
can hold is encoded alone and decoded by `aligner.textio.decode_bytes`; prints how many come
back different (mis-decoded) or refused. Run against another checkout with PYTHONPATH=.../src.

    python scripts/encoding_eval.py [FIRST LAST]
"""

from __future__ import annotations

import sys
from pathlib import Path

from aligner.errors import InputError
from aligner.textio import decode_bytes

FLORES = Path(__file__).resolve().parents[2] / "shared" / "data" / "flores200-dev"


def main() -> None:
    lo, hi = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) == 3 else (0, 997)
    wrong = total = 0
    for name, encs in (("rus_Cyrl.dev", ("cp1251", "koi8_r")), ("arb_Arab.dev", ("cp1256", "iso8859_6"))):
        lines = (FLORES / name).read_text(encoding="utf-8").splitlines()[lo:hi]
        for enc in encs:
            for line in lines:
                try:
                    data = line.encode(enc)
                except UnicodeEncodeError:
                    continue
                total += 1
                try:
                    text, got = decode_bytes(data)
                except InputError:
                    text, got = None, "refused"
                if text != line:
                    wrong += 1
                    print(f"  {enc} -> {got}: {line[:60]}")
    print(f"mis-decoded or refused: {wrong} of {total} one-line files")


if __name__ == "__main__":
    main()
