"""Flags of one ntrex128-dev article pair, for the language tests (test_languages,
test_language_data): one helper, so both read the flags the same way."""

from __future__ import annotations


def ntrex_flags(src: str, tgt: str, doc_id: str, kind: str, before: str = "", after: str = "") -> list[tuple[str, str]]:
    """(severity, detail) of the flags of one kind on an ntrex128-dev article pair; with
    `before`, TGT's first line holding it has it replaced by `after` (an injected divergence)."""
    from aligner import ntrex
    from aligner.compare import compare_documents

    corpus = ntrex.Corpus()
    article = next(a for a in corpus.articles if a.doc_id == doc_id)

    def edit(units, par_of, rng):
        k = next(k for k, (_, text) in enumerate(units) if before in text)
        units[k] = (units[k][0], units[k][1].replace(before, after, 1))
        return {}

    pair = ntrex.article_pair(corpus, article, src, tgt, tgt_edit=edit if before else None)
    comparison = compare_documents(pair.src.doc, pair.tgt.doc)
    return [(f.severity, f.detail) for p in comparison.pairs for f in p.flags if f.kind == kind]
