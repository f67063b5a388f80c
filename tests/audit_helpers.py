"""Shared by the hand-audit tests: today's flags on audited ntrex128-dev articles, and how a
labelled flag is found again (its article, gold lines, kind and flagged text, never sentence
ids, so a re-segmentation does not hide a flag that came back)."""

from __future__ import annotations

from collections import defaultdict

from aligner import ntrex
from aligner.compare import CompareOptions, compare_documents
from aligner.translate import MTOptions

Placed = tuple[list[int], object, str, str]  # (gold lines of the pair, flag, SRC text, TGT text)


def flags_now(pair: str, docs: set[str]) -> dict[str, list[Placed]]:
    """For every audited article of one direction (`ru-ar`), its flags now, MT off."""
    src_lang, _, tgt_lang = pair.partition("-")
    corpus = ntrex.Corpus()
    out: dict[str, list[Placed]] = defaultdict(list)
    for article in corpus.articles:
        if article.doc_id not in docs:
            continue
        ap = ntrex.article_pair(corpus, article, src_lang, tgt_lang)
        cmp = compare_documents(ap.src.doc, ap.tgt.doc, CompareOptions(src_lang, tgt_lang, MTOptions(mode="off")))
        for p in cmp.pairs:
            lines = sorted({ln for i in p.src for ln in ap.src.line_of[i]} | {ln for i in p.tgt for ln in ap.tgt.line_of[i]} - {None})
            for f in p.flags:
                st = cmp.src.text[f.src_span[0] : f.src_span[1]] if f.src_span else ""
                tt = cmp.tgt.text[f.tgt_span[0] : f.tgt_span[1]] if f.tgt_span else ""
                out[article.doc_id].append((lines, f, st, tt))
    return out


def _same_place(rec: dict, lines: list[int], st: str, tt: str) -> bool:
    if not set(lines) & set(rec["lines"]):
        return False
    for mine, found in ((rec["src_flagged"], st), (rec["tgt_flagged"], tt)):
        if mine and not (found and (mine in found or found in mine)):
            return False
    return True


def found_again(flags: list[Placed], rec: dict) -> list:
    """The flags of today that are the labelled flag `rec`."""
    return [f for lines, f, st, tt in flags if f.kind == rec["kind"] and _same_place(rec, lines, st, tt)]
