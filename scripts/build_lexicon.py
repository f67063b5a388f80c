#!/usr/bin/env python3
"""Build the word lexicons of `aligner.lexicon` from FLORES-200 dev (line-parallel).

An entry is a pair of stems (`aligner.lexicon.stem`) found together in at least MIN_COUNT
lines with Dice >= MIN_DICE, each stem in at most MAX_DF lines (frequent words co-occur with
everything). The header's log-odds table (0, 1, 2, 3+ shared entries) compares a line and
its translation with a line and its translation's neighbour (lines k and k +- 1 of one
FLORES article, as a drop leaves them), measured by two-fold cross-validation: the lexicon
of one half of the lines scores the other half.

    .venv/bin/python scripts/build_lexicon.py            # writes src/aligner/data/lexicon-*.tsv
    .venv/bin/python scripts/build_lexicon.py --check    # print the tables, write nothing
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))

from aligner import lexicon  # noqa: E402
from aligner.signals import script  # noqa: E402

FLORES = ROOT.parent / "shared" / "data" / "flores200-dev"
FILES = {"ru": "rus_Cyrl.dev", "ar": "arb_Arab.dev", "en": "eng_Latn.dev"}
PAIRS = (("ru", "ar"), ("ru", "en"), ("en", "ar"))
MIN_COUNT = 3
MIN_DICE = 0.4
MAX_DF = 100
BUCKETS = 4  # 0, 1, 2, 3+ shared entries
# Most one bead's lexicon evidence may say either way: the table is measured on FLORES
# (Wikinews/Wikivoyage sentences, one domain, ~1,000 lines); news elsewhere shares fewer
# entries, so a "no shared word" where four stems are known is rarer there than in use.
CLIP = 3.0


def learn(src: list[frozenset[str]], tgt: list[frozenset[str]]) -> dict[str, set[str]]:
    df_s = Counter(x for s in src for x in s)
    df_t = Counter(y for t in tgt for y in t)
    co = Counter((x, y) for s, t in zip(src, tgt) for x in s if df_s[x] <= MAX_DF
                 for y in t if df_t[y] <= MAX_DF)
    out: dict[str, set[str]] = {}
    for (x, y), c in co.items():
        if c >= MIN_COUNT and 2 * c / (df_s[x] + df_t[y]) >= MIN_DICE:
            out.setdefault(x, set()).add(y)
    return out


def shared(entries, s: frozenset[str], t: frozenset[str]) -> int:
    return sum(1 for x in s if entries.get(x, set()) & t)


def llr_table(src: list[frozenset[str]], tgt: list[frozenset[str]]) -> list[list[float]]:
    """Two-fold cross-validated log-odds of k shared entries, true line vs neighbour line,
    per opportunity row (`aligner.lexicon.OPPORTUNITY`: known stems of the poorer side)."""
    n = len(src)
    rows = len(lexicon.OPPORTUNITY)
    true = [[0] * BUCKETS for _ in range(rows)]
    neigh = [[0] * BUCKETS for _ in range(rows)]

    def row(entries, targets, s, t) -> int:
        known = min(sum(1 for x in s if x in entries), sum(1 for y in t if y in targets))
        return int(lexicon.opportunity_row(known))

    for fold in (0, 1):
        train = [k for k in range(n) if (k // 50) % 2 != fold]  # blocks of 50 lines: FLORES articles stay together
        test = [k for k in range(n) if (k // 50) % 2 == fold]
        entries = learn([src[k] for k in train], [tgt[k] for k in train])
        targets = {y for ys in entries.values() for y in ys}
        for k in test:
            r = row(entries, targets, src[k], tgt[k])
            if r >= 0:
                true[r][min(shared(entries, src[k], tgt[k]), BUCKETS - 1)] += 1
            for j in (k - 1, k + 1):
                r = row(entries, targets, src[k], tgt[j]) if 0 <= j < n and (j // 50) % 2 == fold else -1
                if r >= 0:
                    neigh[r][min(shared(entries, src[k], tgt[j]), BUCKETS - 1)] += 1
    out = []
    for t_row, n_row in zip(true, neigh):  # add-one smoothing
        pt = [(c + 1) / (sum(t_row) + BUCKETS) for c in t_row]
        pn = [(c + 1) / (sum(n_row) + BUCKETS) for c in n_row]
        llr = [math.log(a / b) for a, b in zip(pt, pn)]
        # More shared entries are never less evidence: cells that few pairs reach (two
        # entries where one stem is known) take the best value below them.
        out.append([round(max(-CLIP, min(CLIP, max(llr[: k + 1]))), 3) for k in range(BUCKETS)])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="print the tables only")
    args = ap.parse_args(argv)
    if not FLORES.is_dir():
        print(f"build_lexicon: error: FLORES-200 dev not found at {FLORES}", file=sys.stderr)
        return 2
    lines = {lang: (FLORES / name).read_text(encoding="utf-8").splitlines() for lang, name in FILES.items()}
    for a, b in PAIRS:
        src = [lexicon.stems(x, script(a)) for x in lines[a]]
        tgt = [lexicon.stems(x, script(b)) for x in lines[b]]
        table = llr_table(src, tgt)
        entries = learn(src, tgt)
        rows = sorted((x, y) for x, ys in entries.items() for y in ys)
        print(f"{a}-{b}: {len(rows)} entries, log-odds of 0/1/2/3+ shared: {table}")
        if args.check:
            continue
        path = lexicon.path_for(a, b)
        path.parent.mkdir(parents=True, exist_ok=True)
        head = (f"# {a}-{b} word lexicon for aligner.lexicon, built by scripts/build_lexicon.py from FLORES-200 dev"
                f" (CC BY-SA 4.0): stems in >= {MIN_COUNT} lines together, Dice >= {MIN_DICE}\n"
                "# log-odds of 0/1/2/3+ shared entries, a line and its translation against its translation's"
                " neighbour (two-fold cross-validation on FLORES), one row per opportunity"
                f" {lexicon.OPPORTUNITY} (known stems of the poorer side)\n"
                + "".join("#llr\t" + "\t".join(str(v) for v in r) + "\n" for r in table))
        path.write_text(head + "".join(f"{x}\t{y}\n" for x, y in rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
