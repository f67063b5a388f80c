#!/usr/bin/env python3
"""Score a sentence alignment against a gold alignment: strict and lax precision, recall
and F1 (Sennrich & Volk 2010, as in Vecalign's scorer), plus sentence-link F1.

The prediction is either a comparison JSON written by `aligner compare --format json`, or,
when `--pred` is omitted, computed here by `aligner.align.align` on the gold file's two
documents (weight-free unless pivots are given with `--mt`).

    .venv/bin/python scripts/evaluate.py tests/fixtures/gold/seed_004_ru__000_ar.json
    .venv/bin/python scripts/evaluate.py GOLD.json --pred comparison.json --json
    .venv/bin/python scripts/evaluate.py GOLD.json --mt auto     # pivots via aligner.translate
    .venv/bin/python scripts/evaluate.py --flores                # FLORES-200 synthetic suite
    .venv/bin/python scripts/evaluate.py --ntrex [--pair ru-ar]  # real news, ntrex128-dev

`--flores` builds pseudo-documents from FLORES-200 dev (Russian SRC, Arabic TGT, blocks of
`--size` lines) with known edits on the TGT side (clean, split, merge, drop, insert, mixed;
without the word lexicon, which was learned on these lines),
aligns them weight-free and with simulated pivots (the English reference with a quarter of
its words lost), and also reports how much of unrelated block pairs gets matched.

`--ntrex` lays out the 63 ntrex128-dev documents as articles (`aligner.ntrex`) in two of
its languages and scores sentence links by shared gold lines (segmentation-robust), in one
run: clean articles and one dropped plus one foreign inserted line per article (without
MT; with a perfect English translation memory through `--mt tm`; with a TM holding half
the sentences), every article against a different one through the whole chain (verdict
and matched share), and the calibration of `Bead.similarity` (is "0.9" right 9 in 10?).

Gold file format (JSON; paths relative to the gold file):
    {"src": "...", "tgt": "...", "src_lang": "ru", "tgt_lang": "ar",
     "beads": [{"src": ["opening of a SRC sentence", ...], "tgt": ["opening ...", ...]}, ...]}
Each sentence is named by its opening characters (40 or so), so the gold survives small
changes in segmentation; a sentence that cannot be found is an error (exit 2).
Exit status: 0, or 1 with `--min-f1 X` when strict F1 < X, or 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# After PYTHONPATH (so `PYTHONPATH=/tmp/aligner-baseline/src` measures another checkout),
# before nothing else: a plain run finds this checkout's package.
sys.path.append(str(ROOT / "src"))

from aligner.errors import AlignerError  # noqa: E402
from aligner.evaluation import (  # noqa: E402
    SYNTHETIC_EDITS,
    beads_from_comparison,
    evaluate,
    load_gold,
    make_document,
    simulated_pivots,
    synthetic_pair,
)
from aligner.lang import CODES  # noqa: E402

FLORES = ROOT.parent / "shared" / "data" / "flores200-dev"
SUPPORTED = set(CODES)  # the languages aligner compares (`aligner.lang`)


def predict(src, tgt, mt: str):
    """Beads from our aligner; with `mt` other than off, pivots from aligner.translate."""
    from aligner.align import align

    src_p = tgt_p = None
    if mt != "off":
        from aligner.translate import MTOptions, pivot_documents

        src_p, tgt_p, info = pivot_documents(src, tgt, MTOptions(mode=mt))
        if info.notice:
            print(f"note: {info.notice}", file=sys.stderr)
    return [(b.src, b.tgt) for b in align(src, tgt, src_p, tgt_p)]


def flores_suite(blocks: int, size: int) -> dict:
    """Mean strict/lax F1 per edit kind, weight-free and with simulated pivots, and the
    matched share of unrelated block pairs."""
    import random
    import statistics

    from aligner.align import align

    from aligner.align import AlignConfig

    # FLORES-200 dev is the word lexicon's training text (scripts/build_lexicon.py): the
    # lexicon would know every line here, so the suite measures the aligner without it.
    cfg = AlignConfig(w_lexicon=0.0)
    lines = {lang: (FLORES / name).read_text(encoding="utf-8").splitlines()
             for lang, name in (("ru", "rus_Cyrl.dev"), ("ar", "arb_Arab.dev"), ("en", "eng_Latn.dev"))}
    total = len(lines["ru"])
    out: dict = {}
    for edit, probs in SYNTHETIC_EDITS.items():
        acc: dict[str, list[float]] = {}
        for k in range(blocks):
            start = (7 + k * 137) % (total - size)
            pair = synthetic_pair(lines["ru"][start : start + size], lines["ar"][start : start + size],
                                  insert_pool=lines["ar"][-30:], seed=k, **probs)
            sp, tp = simulated_pivots(pair, lines["en"], start, random.Random(k))
            for mode, (a, b) in (("weight_free", (None, None)), ("pivots", (sp, tp))):
                beads = align(pair.src, pair.tgt, a, b, cfg)
                sc = evaluate(pair.gold, [(x.src, x.tgt) for x in beads])
                acc.setdefault(f"{mode}_strict", []).append(sc["strict"]["f1"])
                acc.setdefault(f"{mode}_lax", []).append(sc["lax"]["f1"])
        out[edit] = {key: round(statistics.mean(v), 4) for key, v in acc.items()}
    shares = []
    for k in range(blocks):
        a0 = (k * 61) % (total - size)
        b0 = (a0 + total // 2) % (total - size)
        src = make_document(lines["ru"][a0 : a0 + size], "ru")
        tgt = make_document(lines["ar"][b0 : b0 + size], "ar")
        beads = align(src, tgt, config=cfg)
        shares.append(sum(len(x.src) for x in beads if x.src and x.tgt) / size)
    out["unrelated_matched_share"] = {"mean": round(statistics.mean(shares), 4), "max": round(max(shares), 4)}
    return out


CALIBRATION_BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001)


def ntrex_suite(src_lang: str, tgt_lang: str, details: bool = False) -> dict:
    """Every ntrex128-dev figure of `--ntrex` for one language pair (see the module doc)."""
    import tempfile

    from aligner import ntrex
    from aligner.align import align
    from aligner.compare import CompareOptions, compare_documents
    from aligner.translate import MTOptions, pivot_documents

    corpus = ntrex.Corpus()
    runs = {name: {"clean": ntrex.LinkCounts(), "drop_insert": ntrex.LinkCounts()}
            for name in ("no_mt", "tm", "half_tm")}
    calib: dict[str, list[tuple[float, bool]]] = {"no_mt": [], "tm": []}
    per_article: list[tuple[str, str, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for art in corpus.articles:
            for kind in ("clean", "drop_insert"):
                edit = ntrex.drop_and_insert(corpus, art, tgt_lang) if kind == "drop_insert" else None
                pair = ntrex.article_pair(corpus, art, src_lang, tgt_lang, edit)
                gold = ntrex.gold_links(pair)
                for run, share in (("no_mt", 0.0), ("tm", 1.0), ("half_tm", 0.5)):
                    sp = tp = None
                    if share:
                        tm = Path(tmp) / f"{art.doc_id}-{kind}-{run}.tsv"
                        rows = (ntrex.tm_rows(pair.src, ntrex.english_pivots(corpus, pair.src, share, 1))
                                + ntrex.tm_rows(pair.tgt, ntrex.english_pivots(corpus, pair.tgt, share, 2)))
                        tm.write_text("".join(f"{a}\t{b}\n" for a, b in rows if "\t" not in a + b),
                                      encoding="utf-8")
                        sp, tp, _ = pivot_documents(pair.src.doc, pair.tgt.doc, MTOptions(mode="tm", tm_paths=(str(tm),)))
                    beads = align(pair.src.doc, pair.tgt.doc, sp, tp)
                    counts = ntrex.score_links(pair, [(b.src, b.tgt) for b in beads])
                    runs[run][kind] += counts
                    if run in calib:
                        calib[run].extend((b.similarity, all((s, t) in gold for s in b.src for t in b.tgt))
                                          for b in beads if b.src and b.tgt)
                    if details and run == "no_mt":
                        per_article.append((art.doc_id, kind, counts.to_dict()))
        # the lead dropped after the headline: do the headlines stay paired (no MT)?
        lead = []
        for art in corpus.articles:
            pair = ntrex.article_pair(corpus, art, src_lang, tgt_lang, ntrex.drop_lead)
            lead.append(ntrex.headlines_kept(pair, [(b.src, b.tgt) for b in align(pair.src.doc, pair.tgt.doc)]))
        unrelated = []
        arts = corpus.articles
        for k, art in enumerate(arts):
            other = arts[(k + len(arts) // 2) % len(arts)]
            src = ntrex.article_pair(corpus, art, src_lang, tgt_lang).src.doc
            tgt = ntrex.article_pair(corpus, other, src_lang, tgt_lang).tgt.doc
            comp = compare_documents(src, tgt, CompareOptions(mt=MTOptions(mode="off")))
            matched = {i for p in comp.pairs if p.src and p.tgt for i in p.src}
            body = [s for s in src.sentences if s.kind == "body"]
            unrelated.append((comp.summary.verdict, len(matched) / max(len(body), 1)))
            # every bead a chance match makes here is wrong: the calibration must see them too
            calib["no_mt"].extend((b.similarity, False) for b in align(src, tgt) if b.src and b.tgt)
    out: dict = {"pair": f"{src_lang}-{tgt_lang}", "articles": len(corpus.articles)}
    for run, kinds in runs.items():
        out[run] = {kind: c.to_dict() for kind, c in kinds.items()}
    out["unrelated"] = {
        "pairs": len(unrelated),
        "verdict_unrelated": sum(v == "unrelated" for v, _ in unrelated),
        "verdicts": {v: sum(x == v for x, _ in unrelated) for v in sorted({v for v, _ in unrelated})},
        "matched_share_mean": round(sum(s for _, s in unrelated) / len(unrelated), 4),
        "matched_share_max": round(max(s for _, s in unrelated), 4),
    }
    out["lead_dropped"] = {"articles": len(lead), "headlines_kept": sum(lead)}
    out["calibration"] = {run: calibration(points) for run, points in calib.items()}
    out["calibration_refit"] = refit_calibration(calib["no_mt"])
    if details:
        out["per_article"] = per_article
    return out


def refit_calibration(points: list[tuple[float, bool]]) -> dict:
    """Platt scaling refitted on these beads: the (a, b) of `AlignConfig.calibration` that
    make logistic(a * log-odds + b) best predict "every link gold" (maximum likelihood,
    Newton steps), read back from the current similarity; and the error it would leave."""
    import math

    import numpy as np

    from aligner.align import AlignConfig

    a0, b0 = AlignConfig().calibration
    sim = np.clip(np.array([p for p, _ in points]), 1e-6, 1 - 1e-6)
    y = np.array([ok for _, ok in points], dtype=float)
    x = (np.log(sim / (1 - sim)) - b0) / a0  # the per-sentence log-odds behind each similarity
    w = np.array([a0, b0])
    for _ in range(50):
        q = 1 / (1 + np.exp(-(w[0] * x + w[1])))
        grad = np.array([((y - q) * x).sum(), (y - q).sum()])
        h = q * (1 - q)
        hess = -np.array([[(h * x * x).sum(), (h * x).sum()], [(h * x).sum(), h.sum()]]) - 1e-6 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        w = w - step
        if np.abs(step).max() < 1e-7:
            break
    q = 1 / (1 + np.exp(-(w[0] * x + w[1])))
    after = calibration(list(zip(q.tolist(), y.astype(bool).tolist())))
    return {"a": round(float(w[0]), 3), "b": round(float(w[1]), 3), "ece": after["ece"],
            "current": [a0, b0], "log_loss": round(float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))), 4)
            if len(y) else math.nan}


def calibration(points: list[tuple[float, bool]]) -> dict:
    """Bins of bead similarity: beads, mean similarity, share correct; and the expected
    calibration error (bead-weighted mean |similarity - share correct| over the bins)."""
    rows = []
    ece = 0.0
    for lo, hi in zip(CALIBRATION_BINS, CALIBRATION_BINS[1:]):
        got = [(p, ok) for p, ok in points if lo <= p < hi]
        if not got:
            continue
        mean_p = sum(p for p, _ in got) / len(got)
        acc = sum(ok for _, ok in got) / len(got)
        ece += len(got) * abs(mean_p - acc)
        rows.append({"bin": f"{lo:.2f}-{min(hi, 1.0):.2f}", "beads": len(got),
                     "mean_similarity": round(mean_p, 3), "correct": round(acc, 3)})
    return {"bins": rows, "ece": round(ece / max(len(points), 1), 4), "beads": len(points)}


def print_ntrex(res: dict) -> None:
    print(f"ntrex128-dev, {res['pair']}, {res['articles']} articles; sentence links by shared gold line")
    print(f"{'run':34} {'P':>6} {'R':>6} {'F1':>6} {'unmatched':>9} {'orphans unmatched':>17}")
    names = {"no_mt": "no MT", "tm": "--mt tm, perfect TM", "half_tm": "--mt tm, half the TM"}
    for run, label in names.items():
        for kind in ("clean", "drop_insert"):
            r = res[run][kind]
            orph = f"{r['orphans_left_unmatched']:.3f}" if "orphans_left_unmatched" in r else "-"
            print(f"{label + ', ' + kind.replace('_', '+'):34} {r['precision']:>6.3f} {r['recall']:>6.3f} "
                  f"{r['f1']:>6.3f} {r['unmatched_share']:>9.3f} {orph:>17}")
    u = res["unrelated"]
    print(f"unrelated (each article against another, whole chain, no MT): verdict 'unrelated' "
          f"{u['verdict_unrelated']}/{u['pairs']} {u['verdicts']}; SRC matched mean {u['matched_share_mean']:.3f}, "
          f"max {u['matched_share_max']:.3f}")
    ld = res["lead_dropped"]
    print(f"lead dropped (TGT's line after the headline, no MT): headlines still paired and the SRC lead "
          f"left alone in {ld['headlines_kept']}/{ld['articles']} articles")
    for run, cal in res["calibration"].items():
        extra = " + unrelated articles" if run == "no_mt" else ""
        print(f"calibration of Bead.similarity, {names[run]} (clean + drop+insert{extra}; correct = every link gold); "
              f"ECE {cal['ece']:.3f} over {cal['beads']} beads")
        print(f"  {'similarity':>11} {'beads':>6} {'mean':>6} {'correct':>8}")
        for b in cal["bins"]:
            print(f"  {b['bin']:>11} {b['beads']:>6} {b['mean_similarity']:>6.3f} {b['correct']:>8.3f}")
    r = res["calibration_refit"]
    print(f"Platt refit on the no-MT beads: AlignConfig.calibration = ({r['a']}, {r['b']}) would give ECE "
          f"{r['ece']:.3f} (now {tuple(r['current'])})")
    for doc_id, kind, d in res.get("per_article", []):
        if d["f1"] < 0.97 or d["unmatched_share"] > 0.05:
            print(f"  {doc_id:40} {kind:12} F1 {d['f1']:.3f} unmatched {d['unmatched_share']:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="?", help="gold alignment file (JSON)")
    ap.add_argument("--flores", action="store_true", help="run the FLORES-200 synthetic suite instead")
    ap.add_argument("--ntrex", action="store_true", help="run the ntrex128-dev real-news suite instead")
    ap.add_argument("--pair", default="ru-ar", help="--ntrex: SRC-TGT, two of the languages of aligner.lang (default ru-ar)")
    ap.add_argument("--details", action="store_true", help="--ntrex: list the weakest articles (no MT)")
    ap.add_argument("--blocks", type=int, default=12, help="--flores: blocks per edit kind (default 12)")
    ap.add_argument("--size", type=int, default=30, help="--flores: sentences per block (default 30)")
    ap.add_argument("--pred", help="comparison JSON from `aligner compare --format json`")
    ap.add_argument("--mt", default="off", choices=("off", "auto", "ct2", "tm"),
                    help="pivot translation when aligning here (default: off, weight-free)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 if strict F1 is below this")
    args = ap.parse_args(argv)
    if args.ntrex:
        from aligner import ntrex

        langs = args.pair.split("-")
        if len(langs) != 2 or langs[0] == langs[1] or not set(langs) <= SUPPORTED:
            print(f"evaluate: error: --pair must be SRC-TGT, two different languages of {', '.join(sorted(SUPPORTED))}"
                  f" (got {args.pair!r})", file=sys.stderr)
            return 2
        if not ntrex.available():
            print(f"evaluate: error: ntrex128-dev not found at {ntrex.data_dir()} (set ALIGNER_NTREX_DIR)",
                  file=sys.stderr)
            return 2
        res = ntrex_suite(langs[0], langs[1], args.details)
        print(json.dumps(res, indent=2) if args.json else "", end="\n" if args.json else "")
        if not args.json:
            print_ntrex(res)
        return 0
    if args.flores:
        if not FLORES.is_dir():
            print(f"evaluate: error: FLORES-200 dev not found at {FLORES}", file=sys.stderr)
            return 2
        res = flores_suite(args.blocks, args.size)
        if args.json:
            print(json.dumps(res, indent=2))
        else:
            print(f"FLORES-200 dev, ru->ar blocks of {args.size} sentences, {args.blocks} blocks per kind; F1")
            print(f"{'edit':8} {'weight-free strict':>18} {'lax':>6} {'pivots strict':>14} {'lax':>6}")
            for edit in SYNTHETIC_EDITS:
                r = res[edit]
                print(f"{edit:8} {r['weight_free_strict']:>18.4f} {r['weight_free_lax']:>6.4f} "
                      f"{r['pivots_strict']:>14.4f} {r['pivots_lax']:>6.4f}")
            u = res["unrelated_matched_share"]
            print(f"unrelated block pairs: matched share of SRC mean {u['mean']:.4f}, max {u['max']:.4f}")
        return 0
    if not args.gold:
        ap.error("a gold file is required (or --flores)")
    try:
        _, src, tgt, gold = load_gold(args.gold)
        t0 = time.perf_counter()
        if args.pred:
            try:
                pred = beads_from_comparison(json.loads(Path(args.pred).read_text(encoding="utf-8")))
            except (OSError, ValueError) as exc:
                raise AlignerError(f"cannot read prediction {args.pred}: {exc}") from exc
        else:
            pred = predict(src, tgt, args.mt)
        seconds = time.perf_counter() - t0
    except AlignerError as exc:
        print(f"evaluate: error: {exc}", file=sys.stderr)
        return exc.exit_code
    scores = evaluate(gold, pred)
    if args.json:
        print(json.dumps({"gold": args.gold, "gold_beads": len(gold), "pred_beads": len(pred),
                          "seconds": round(seconds, 3), **scores}, indent=2))
    else:
        print(f"gold {args.gold}: {len(gold)} beads; prediction: {len(pred)} beads"
              + ("" if args.pred else f" (aligned in {seconds:.3f} s, MT {args.mt})"))
        print(f"{'':8} {'precision':>9} {'recall':>7} {'F1':>7}")
        for name in ("strict", "lax", "links"):
            s = scores[name]
            print(f"{name:8} {s['precision']:>9.4f} {s['recall']:>7.4f} {s['f1']:>7.4f}")
    if args.min_f1 is not None and scores["strict"]["f1"] < args.min_f1:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
