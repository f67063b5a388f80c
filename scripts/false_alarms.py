#!/usr/bin/env python3
"""False alarms and injection recall on real news: every ntrex128-dev document as a pair.

ntrex128-dev holds professional translations of the same English articles, so (almost)
every flag on a ru->ar pair of them is a false alarm. This script runs the real pipeline on
each document laid out as an article (`aligner.ntrex`), and prints:

* flags per 100 body pairs, by kind and by severity; the share of articles with a `major` flag;
* injection recall: one injected divergence per article, applied to TGT, cycling through
  changed figure, changed date, swapped name, dropped speaker or agency, dropped sentence,
  inserted foreign sentence (an article with no place for a kind takes the next kind).
  An injection is found when a *new* flag of an expected kind sits on a pair holding the
  injected line;
* new flags elsewhere per injection: flags of the injected run that are not at the injection
  and were not in the clean run (matched by kind and flagged texts, not by sentence ids).

Modes: `--mt off` (default; the real `compare_documents`, MT off) and `--mt tm` (the NTREX
English stands in for perfect MT pivots, passed to `align` and `score`; like a real
translation memory, it holds the clean sentences, so an edited TGT sentence has no pivot).

Hand audit: `--dump FILE.jsonl` writes every flag of the clean runs (doc id, pair, kind,
severity, texts, the English lines); `--sample N --seed S` draws N of them uniformly
(printed, or written with `--dump`). `--audit FIXTURE` looks today's major flags up in a
labelled audit and prints their precision (a major flag the audit lacks counts as false).

Usage:  .venv/bin/python scripts/false_alarms.py [--pair ru-ar] [--mt off|tm] [--json]
        [--dump FILE] [--sample N --seed S] [--audit FIXTURE] [-v]
Works against another checkout: `PYTHONPATH=OTHER/src python scripts/false_alarms.py`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import regex
from babel.dates import get_month_names

from aligner import ntrex
from aligner.align import align
from aligner.compare import CompareOptions, compare_documents
from aligner.diverge import score
from aligner.entities import extract, match_names
from aligner.lang import CODES, by_script, get
from aligner.translate import MTOptions
from aligner.types import Pair

INJECTIONS = ("figure", "date", "name", "speaker", "drop", "insert")
EXPECTED = {
    "figure": {"number"},
    "date": {"date"},
    "name": {"name", "attribution"},  # a swapped speaker is as rightly an attribution
    "speaker": {"attribution", "name"},
    "drop": {"omission", "length"},
    "insert": {"addition", "length"},
}

# Language data for the edits: names to swap in, and month names (nominative / as written).
SWAP_NAMES = {
    "ar": ["فيليب موريسون", "كاتارينا فولف", "تيموثي برادلي"],
    "ru": ["Филипп Моррисон", "Катарина Вольф", "Тимоти Брэдли"],
    "en": ["Philip Morrison", "Katharina Wolf", "Timothy Bradley"],
    "uk": ["Філіп Моррісон", "Катаріна Вольф", "Тімоті Бредлі"],
    "fa": ["فیلیپ موریسون", "کاتارینا ولف", "تیموتی بردلی"],
    **dict.fromkeys(("fr", "es", "de", "tr"), ["Philip Morrison", "Katharina Wolf", "Timothy Bradley"]),
}
MONTHS = {
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
}
# the other languages of aligner.lang: CLDR's month names as a date is written (format, wide)
MONTHS.update({c: list(get_month_names("wide", "format", c).values()) for c in CODES if c not in MONTHS})


def _swap_names(lang: str) -> list[str]:
    """SWAP_NAMES of the language, else of the first language of its script (a new module)."""
    return SWAP_NAMES.get(lang) or SWAP_NAMES[by_script(get(lang).script)[0].code]


# the definite article written onto a word, which the matched span of a name leaves out
# (المعلم, al-Muallem): the swapped-in name replaces it too
NAME_ARTICLE = {"ar": "ال"}

# words that introduce an agency name and go with it when it is dropped
AGENCY_LEAD = {"ar": r"(?:ل?وكالة\s+(?:أنباء\s+)?)?", "ru": r"(?:агентств\w*\s+)?", "en": r"(?:the\s+)?(?:news\s+agency\s+)?"}
AGENCY_LEAD.update({"uk": r"(?:агентств\w*\s+)?", "fa": r"(?:خبرگزاری\s+)?", "fr": r"(?:l['’]agence\s+)?",
                    "es": r"(?:la\s+agencia\s+)?", "de": r"(?:(?:die\s+)?Nachrichtenagentur\s+)?", "tr": r""})

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUMBER = regex.compile(r"(?<![\p{N}.,])\p{N}+(?:[.,]\p{N}+)?(?![\p{N}])")
_YEAR = regex.compile(r"(?<!\p{N})(?:19|20)\p{N}\p{N}(?!\p{N})")


def _plain(s: str) -> str:
    return s.translate(_DIGITS)


# ---------------------------------------------------------------------------------------------
# Injections: language-aware text edits of one TGT unit
# ---------------------------------------------------------------------------------------------

Unit = tuple[ntrex.Line, str]
Inject = Callable[[list[Unit], list[float], random.Random], dict[str, object] | None]


def _candidates(units: list[Unit]) -> list[int]:
    return [k for k in range(1, len(units)) if units[k][0] is not None] or [0]


def _figure(corpus: ntrex.Corpus, src_lang: str, lang: str) -> Inject:
    """Change one digit of a figure (not a year) that SRC's line carries too."""
    def edit(units, par_of, rng):
        spots = []
        for k in range(len(units)):
            n, text = units[k]
            src = _plain(corpus.line(src_lang, n))
            for m in _NUMBER.finditer(text):
                v = _plain(m.group())
                if _YEAR.fullmatch(m.group()) or v not in src:
                    continue
                spots.append((k, m))
        if not spots:
            return None
        k, m = rng.choice(spots)
        s = m.group()
        lead = next(i for i, ch in enumerate(s) if ch.isdigit())
        d = int(_plain(s[lead]))
        new_d = (d + rng.choice((2, 3, 4))) % 10 or 7
        digit = chr(ord(s[lead]) - d + new_d)  # same digit script
        new = s[:lead] + digit + s[lead + 1:]
        n, text = units[k]
        units[k] = (n, text[: m.start()] + new + text[m.end():])
        return {"line": n, "before": s, "after": new}
    return edit


def _date(corpus: ntrex.Corpus, src_lang: str, lang: str) -> Inject:
    """Move a year both lines carry by 1-3 years; else swap a month name TGT carries."""
    def edit(units, par_of, rng):
        years = [(k, m) for k in range(len(units)) for m in _YEAR.finditer(units[k][1])
                 if _plain(m.group()) in _plain(corpus.line(src_lang, units[k][0]))]
        if years:
            k, m = rng.choice(years)
            y = int(_plain(m.group())) + rng.choice((-3, -2, -1, 1, 2, 3))
            new, old = str(y), m.group()
        else:
            months = MONTHS.get(lang, [])
            spots = [(k, mo) for k in range(len(units)) for mo in months
                     if regex.search(rf"(?<!\p{{L}}){mo}(?!\p{{L}})", units[k][1])]
            if not spots:
                return None
            k, old = rng.choice(spots)
            new = months[(months.index(old) + 3) % 12]
            m = regex.search(rf"(?<!\p{{L}}){old}(?!\p{{L}})", units[k][1])
        n, text = units[k]
        units[k] = (n, text[: m.start()] + new + text[m.end():])
        return {"line": n, "before": old, "after": new}
    return edit


def _matched_names(corpus: ntrex.Corpus, src_lang: str, lang: str, n: int, text: str):
    nm = match_names(corpus.line(src_lang, n), src_lang, text, lang)
    return [(a, b) for a, b in nm.matched if a.kind == "name" and b.kind == "name" and len(b.surface) >= 3]


def _full_names(corpus: ntrex.Corpus, src_lang: str, lang: str, n: int, text: str) -> list[tuple[int, int]]:
    """Spans of whole names both lines carry: matched name words next to each other on both
    lines ('Андрес Мануэль Лопес Обрадор') form one name, so a swap replaces the person; two
    people side by side in TGT only ('باتريك دواير وفرانسيس', 'and Francis') are two names."""
    pairs = sorted(((b.start, b.end), (a.start, a.end)) for a, b in _matched_names(corpus, src_lang, lang, n, text))
    out: list[tuple[int, int]] = []
    last_src: tuple[int, int] | None = None
    for (a, b), src in pairs:
        if out and 0 <= a - out[-1][1] <= 1 and last_src is not None and 0 <= src[0] - last_src[1] <= 1:
            out[-1] = (out[-1][0], b)
        elif not out or a >= out[-1][1]:
            out.append((a, b))
        else:
            continue
        last_src = src
    return out


def _name(corpus: ntrex.Corpus, src_lang: str, lang: str) -> Inject:
    """Replace a person's whole name, which both lines carry, with another person's name."""
    def edit(units, par_of, rng):
        spots = [(k, sp) for k in range(len(units)) if units[k][0] is not None
                 for sp in _full_names(corpus, src_lang, lang, units[k][0], units[k][1])]
        if not spots:
            return None
        k, (a, b) = rng.choice(spots)
        n, text = units[k]
        new = rng.choice(_swap_names(lang))
        article = NAME_ARTICLE.get(lang, "")
        if article and text[max(0, a - len(article)):a] == article:
            a -= len(article)  # (the matched span leaves out the article: المعلم became الفيليب موريسون)
        units[k] = (n, text[:a] + new + text[b:])
        return {"line": n, "before": text[a:b], "after": new}
    return edit


def _speaker(corpus: ntrex.Corpus, src_lang: str, lang: str) -> Inject:
    """Drop who said it: an agency name, or a reporting verb with the named speaker next to
    it (verb and name go together, so no pronoun is left standing for the speaker)."""
    def edit(units, par_of, rng):
        spots = []
        for k in range(len(units)):
            n, text = units[k]
            if n is None:
                continue
            ents = extract(text, lang)
            for e in ents:
                if e.kind == "attribution" and e.key.startswith("agency:"):
                    lead = regex.search(AGENCY_LEAD.get(lang, "") + r"\Z", text[: e.start], regex.IGNORECASE)
                    spots.append((k, lead.start() if lead else e.start, e.end))
            names_ = _full_names(corpus, src_lang, lang, n, text)
            for e in ents:
                if e.kind != "attribution" or e.key not in ("cue:say", "cue:according"):
                    continue
                for a, b in names_:  # the verb and the speaker's whole name go together
                    gap = a - e.end if a >= e.end else e.start - b
                    if 0 <= gap <= 3:
                        spots.append((k, min(e.start, a), max(e.end, b)))
        if not spots:
            return None
        k, a, b = rng.choice(spots)
        n, text = units[k]
        new = regex.sub(r"\s{2,}", " ", text[:a] + text[b:]).replace(" ,", ",").replace(" ،", "،")
        units[k] = (n, new)
        return {"line": n, "before": text[a:b], "after": ""}
    return edit


def _drop(corpus: ntrex.Corpus, src_lang: str, lang: str) -> Inject:
    def edit(units, par_of, rng):
        ks = _candidates(units)
        if len(units) < 4:
            return None
        k = rng.choice(ks)
        n = units[k][0]
        del units[k], par_of[k]
        return {"line": n, "before": corpus.line(lang, n), "after": ""}
    return edit


def _insert(corpus: ntrex.Corpus, src_lang: str, lang: str, doc_id: str) -> Inject:
    others = [n for a in corpus.articles if a.doc_id != doc_id for n in a.lines[1:]]

    def edit(units, par_of, rng):
        origins = [ln for ln, _ in units]
        at = rng.randrange(1, len(units) + 1)
        foreign = rng.choice(others)
        units.insert(at, (None, corpus.line(lang, foreign)))
        par_of.insert(at, par_of[at - 1] + 0.5)
        origins.insert(at, foreign)
        return {"line": None, "before": "", "after": corpus.line(lang, foreign), "origins": origins}
    return edit


def injector(kind: str, corpus: ntrex.Corpus, article: ntrex.Article, src_lang: str, lang: str) -> Inject:
    if kind == "insert":
        return _insert(corpus, src_lang, lang, article.doc_id)
    return {"figure": _figure, "date": _date, "name": _name, "speaker": _speaker, "drop": _drop}[kind](corpus, src_lang, lang)


# ---------------------------------------------------------------------------------------------
# Running one article
# ---------------------------------------------------------------------------------------------


@dataclass
class Run:
    pair: ntrex.ArticlePair
    pairs: list[Pair]
    body_pairs: int

    def flags(self):
        """(pair index, pair, flag) for every flag."""
        return [(i, p, f) for i, p in enumerate(self.pairs) for f in p.flags]

    def signature(self, f) -> tuple[str, str, str]:
        s, t = self.pair.src.doc.text, self.pair.tgt.doc.text
        return (f.kind, s[f.src_span[0]:f.src_span[1]] if f.src_span else "",
                t[f.tgt_span[0]:f.tgt_span[1]] if f.tgt_span else "")

    def lines(self, p: Pair) -> list[int]:
        out = {ln for i in p.src for ln in self.pair.src.line_of[i]} | {ln for i in p.tgt for ln in self.pair.tgt.line_of[i]}
        return sorted(ln for ln in out if ln is not None)


def run(pair: ntrex.ArticlePair, corpus: ntrex.Corpus, mt: str, tm_texts: set[str] | None = None) -> Run:
    """`tm_texts`: the TGT sentences the translation memory holds (the clean article's);
    an edited sentence is not in it and gets no pivot, as with a real TM file."""
    src, tgt = pair.src.doc, pair.tgt.doc
    if mt == "tm":
        sp, tp = ntrex.english_pivots(corpus, pair.src), ntrex.english_pivots(corpus, pair.tgt)
        if tm_texts is not None:
            tp = [p if x.text in tm_texts or None in pair.tgt.line_of[x.id] else None
                  for x, p in zip(tgt.sentences, tp)]
        beads = align(src, tgt, sp, tp)
        pairs, summary = score(src, tgt, beads, sp, tp)
    else:
        cmp = compare_documents(src, tgt, CompareOptions(src_lang=src.lang, tgt_lang=tgt.lang, mt=MTOptions(mode="off")))
        pairs, summary = cmp.pairs, cmp.summary
    return Run(pair, pairs, summary.counts.get("body_pairs", sum(p.section == "body" for p in pairs)))


def at_injection(r: Run, p: Pair, notes: dict[str, object]) -> bool:
    line = notes.get("line")
    if line is None:  # inserted: TGT sentences of no gold line
        return any(None in r.pair.tgt.line_of[i] for i in p.tgt)
    return any(line in r.pair.src.line_of[i] for i in p.src) or any(line in r.pair.tgt.line_of[i] for i in p.tgt)


def severity(f) -> str:
    return getattr(f, "severity", "major")


@dataclass
class Totals:
    articles: int = 0
    body_pairs: int = 0
    flags: Counter = field(default_factory=Counter)
    by_sev: Counter = field(default_factory=Counter)
    major_kinds: Counter = field(default_factory=Counter)
    with_major: int = 0
    injected: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    new_elsewhere: int = 0
    new_elsewhere_major: int = 0
    missed: list = field(default_factory=list)
    elsewhere: list = field(default_factory=list)


def flag_record(r: Run, corpus: ntrex.Corpus, i: int, p: Pair, f) -> dict[str, object]:
    s, t = r.pair.src.doc.text, r.pair.tgt.doc.text
    lines = r.lines(p)
    return {
        "doc": r.pair.article.doc_id, "pair": i, "lines": lines, "kind": f.kind, "severity": severity(f),
        "confidence": round(getattr(f, "confidence", 1.0), 3), "detail": f.detail,
        "src_flagged": s[f.src_span[0]:f.src_span[1]] if f.src_span else "",
        "tgt_flagged": t[f.tgt_span[0]:f.tgt_span[1]] if f.tgt_span else "",
        "src": p.src_text, "tgt": p.tgt_text, "en": " | ".join(corpus.line("en", n) for n in lines),
    }


def evaluate(corpus: ntrex.Corpus, src_lang: str, tgt_lang: str, mt: str, verbose: bool = False):
    tot = Totals()
    records: list[dict[str, object]] = []
    for ai, article in enumerate(corpus.articles):
        clean = run(ntrex.article_pair(corpus, article, src_lang, tgt_lang), corpus, mt)
        tot.articles += 1
        tot.body_pairs += clean.body_pairs
        fl = clean.flags()
        for i, p, f in fl:
            tot.flags[f.kind] += 1
            tot.by_sev[severity(f)] += 1
            if severity(f) == "major":
                tot.major_kinds[f.kind] += 1
            records.append(flag_record(clean, corpus, i, p, f))
        tot.with_major += any(severity(f) == "major" for _, _, f in fl)
        clean_sigs = Counter(clean.signature(f) for _, _, f in fl)

        # one injection, cycling through the kinds; no place for a kind -> the next kind
        for step in range(len(INJECTIONS)):
            kind = INJECTIONS[(ai + step) % len(INJECTIONS)]
            holder: dict[str, object] = {}

            def edit(units, par_of, rng, kind=kind, holder=holder):
                snap = (list(units), list(par_of))
                notes = injector(kind, corpus, article, src_lang, tgt_lang)(units, par_of, rng)
                if notes is None:
                    units[:], par_of[:] = snap
                    return {}
                holder.update(notes)
                return dict(notes)

            injected = ntrex.article_pair(corpus, article, src_lang, tgt_lang, tgt_edit=edit)
            if holder:
                break
        else:
            continue
        inj = run(injected, corpus, mt, {x.text for x in clean.pair.tgt.doc.sentences})
        tot.injected[kind] += 1
        left = Counter(clean_sigs)
        hit = False
        for i, p, f in inj.flags():
            sig = inj.signature(f)
            if left[sig] > 0:
                left[sig] -= 1
                continue
            if at_injection(inj, p, holder):
                hit = hit or f.kind in EXPECTED[kind]
            else:
                tot.new_elsewhere += 1
                tot.new_elsewhere_major += severity(f) == "major"
                tot.elsewhere.append((article.doc_id, kind, flag_record(inj, corpus, i, p, f)))
        if hit:
            tot.found[kind] += 1
        else:
            tot.missed.append((article.doc_id, kind, {k: v for k, v in holder.items() if k != "origins"}))
        if verbose:
            print(f"{article.doc_id:24} {kind:8} {'found' if hit else 'MISSED'} {len(fl)} clean flags", file=sys.stderr)
    return tot, records


def report(tot: Totals) -> dict[str, object]:
    per100 = lambda n: round(100.0 * n / max(tot.body_pairs, 1), 2)  # noqa: E731
    n_inj = sum(tot.injected.values())
    return {
        "articles": tot.articles,
        "body_pairs": tot.body_pairs,
        "flags_per_100": per100(sum(tot.flags.values())),
        "major_per_100": per100(tot.by_sev["major"]),
        "by_kind_per_100": {k: per100(v) for k, v in sorted(tot.flags.items())},
        "major_by_kind_per_100": {k: per100(v) for k, v in sorted(tot.major_kinds.items())},
        "by_severity_per_100": {k: per100(tot.by_sev[k]) for k in ("major", "minor", "note")},
        "flags": sum(tot.flags.values()),
        "articles_with_major": round(tot.with_major / max(tot.articles, 1), 3),
        "injections": n_inj,
        "injection_recall": round(sum(tot.found.values()) / max(n_inj, 1), 3),
        "recall_by_kind": {k: f"{tot.found[k]}/{tot.injected[k]}" for k in INJECTIONS},
        "new_flags_elsewhere_per_injection": round(tot.new_elsewhere / max(n_inj, 1), 3),
        "new_major_elsewhere_per_injection": round(tot.new_elsewhere_major / max(n_inj, 1), 3),
    }


def audit_precision(records: list[dict[str, object]], path: str, pair: str) -> dict[str, object]:
    """Today's major flags looked up in a hand-labelled audit (same article, an overlapping
    gold line, same kind, flagged texts containing one another): precision = real / all
    majors, a major flag the audit does not hold counting as false (label it to know)."""
    labelled = [r for r in map(json.loads, open(path, encoding="utf-8").read().splitlines())
                if "_header" not in r and r.get("pair", "ru-ar") == pair]

    def same(rec: dict, r: dict) -> bool:
        if rec["doc"] != r["doc"] or rec["kind"] != r["kind"] or not set(rec["lines"]) & set(r["lines"]):
            return False
        return all(not a or (b and (a in b or b in a)) for a, b in ((rec["src_flagged"], r["src_flagged"]),
                                                                      (rec["tgt_flagged"], r["tgt_flagged"])))

    majors = [r for r in records if r["severity"] == "major"]
    labels = [next((rec["label"] for rec in labelled if same(rec, r)), None) for r in majors]
    real = sum(lab == "real" for lab in labels)
    return {"major": len(majors), "real": real, "not_real": sum(lab not in (None, "real") for lab in labels),
            "unlabelled": labels.count(None), "precision": round(real / max(len(majors), 1), 3)}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pair", default="ru-ar", help="SRC-TGT languages (default ru-ar)")
    ap.add_argument("--mt", choices=("off", "tm"), default="off")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dump", help="write every flag of the clean runs (or the sample) as JSONL")
    ap.add_argument("--sample", type=int, default=0, help="draw this many flags uniformly")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-v", "--verbose", action="store_true", help="per article, and the misses / new flags")
    ap.add_argument("--audit", help="a labelled audit (JSONL, tests/fixtures/audit_*.jsonl): precision of today's major flags")
    args = ap.parse_args(argv)
    if not ntrex.available():
        print(f"aligner: error: ntrex128-dev not found at {ntrex.data_dir()} (set ALIGNER_NTREX_DIR)", file=sys.stderr)
        return 2
    src_lang, _, tgt_lang = args.pair.partition("-")
    corpus = ntrex.Corpus()
    tot, records = evaluate(corpus, src_lang, tgt_lang, args.mt, args.verbose)
    out = report(tot)
    out["pair"], out["mt"] = args.pair, args.mt
    chosen = records
    if args.sample:
        chosen = random.Random(args.seed).sample(records, min(args.sample, len(records)))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for r in chosen:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif args.sample:
        for r in chosen:
            print(json.dumps(r, ensure_ascii=False))
    if args.verbose:
        for doc, kind, notes in tot.missed:
            print(f"missed {kind:8} {doc}: {notes}", file=sys.stderr)
        for doc, kind, rec in tot.elsewhere:
            print(f"new elsewhere ({kind} in {doc}): {rec['kind']}/{rec['severity']} {rec['detail']}", file=sys.stderr)
    if args.audit:
        out["audit"] = audit_precision(records, args.audit, args.pair)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(f"ntrex128-dev {args.pair}, MT {args.mt}: {out['articles']} articles, {out['body_pairs']} body pairs")
        print(f"flags per 100 pairs: {out['flags_per_100']} (major {out['major_per_100']}); "
              f"articles with a major flag: {out['articles_with_major']:.0%}")
        print("  by severity:", ", ".join(f"{k} {v}" for k, v in out["by_severity_per_100"].items()))
        print("  by kind:    ", ", ".join(f"{k} {v}" for k, v in out["by_kind_per_100"].items()))
        print("  major kind: ", ", ".join(f"{k} {v}" for k, v in out["major_by_kind_per_100"].items()))
        print(f"injection recall: {out['injection_recall']:.0%} of {out['injections']} "
              f"({', '.join(f'{k} {v}' for k, v in out['recall_by_kind'].items())})")
        print(f"new flags elsewhere per injection: {out['new_flags_elsewhere_per_injection']} "
              f"(major {out['new_major_elsewhere_per_injection']})")
        if args.audit:
            a = out["audit"]
            print(f"audit {args.audit}: {a['major']} major flags, {a['real']} labelled real, {a['not_real']} labelled "
                  f"harmless/note/false, {a['unlabelled']} not in the audit; precision {a['precision']} "
                  f"(unlabelled counted as false)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
