"""The document-level summary: are the two texts versions of one article, and how far apart?

The verdict rests on two independent pieces of evidence, both reported so an editor can
check it:

* coverage: the share of each side's body text that sits in matched pairs. A translation
  covers (nearly) all of both sides; a `partial` version covers only part of the other.
* anchoring: among matched pairs where both sides carry a number, date, name or agency, the
  share that actually share one. The aligner always finds *some* pairing between two articles
  on the same topic; only a real translation keeps its names and figures in step, pair after
  pair. Two unrelated articles about Japan share "Japan" everywhere and little else, so place
  names count only half and a low anchored share overrides a high coverage.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from aligner.types import Bead, Pair, Summary

if TYPE_CHECKING:  # pragma: no cover
    from aligner.diverge import DivergeConfig
    from aligner.diverge.evidence import _Side

MIN_SIMILARITY = 0.15  # a matched pair below this similarity with no anchor is not evidence
TRANSLATION_COVERAGE = 0.8  # both sides at least this much covered -> translation
PARTIAL_COVERAGE = 0.15  # partial: the shorter version covered as above, the other this much
OVERLAP_COVERAGE = 0.3  # partial too: both sides this much covered ...
OVERLAP_ANCHORED = 0.75  # ... and (nearly) every matched pair with names/figures agreeing
MIN_ANCHORED_SHARE = 0.4  # fewer anchorable pairs anchored than this -> unrelated
MIN_ANCHORABLE = 4  # the anchored share is trusted from this many anchorable pairs on


def summarize(pairs: list[Pair], beads: list[Bead], s: _Side, t: _Side, cfg: DivergeConfig) -> Summary:
    """Coverage, anchoring, verdict, overall divergence, flag counts and top pairs."""
    body = [(i, p) for i, p in enumerate(pairs) if p.section == "body"]
    matched = [p for _, p in body if p.src and p.tgt]
    supported = [p for p in matched if p.evidence.get("anchors", 0) >= 1 or p.similarity >= MIN_SIMILARITY]
    src_total = sum(len(x.text) for x in s.doc.body()) or 1
    tgt_total = sum(len(x.text) for x in t.doc.body()) or 1
    cov_src = sum(len(x.text) for p in supported for x in s.sentences(p.src)) / src_total
    cov_tgt = sum(len(x.text) for p in supported for x in t.sentences(p.tgt)) / tgt_total
    anchorable = [p for p in matched if p.evidence.get("anchorable")]
    anchored = [p for p in anchorable if p.evidence.get("anchors", 0) >= 1]
    share = len(anchored) / len(anchorable) if anchorable else 0.0
    verdict, reason = _verdict(cov_src, cov_tgt, share, len(anchored), len(anchorable), s.doc.lang, t.doc.lang)

    weights = [(len(p.src_text) + len(p.tgt_text), p.divergence) for _, p in body]
    total = sum(w for w, _ in weights)
    overall = sum(w * d for w, d in weights) / total if total else 0.0
    if verdict == "unrelated":
        # not a translation at all: as divergent as a pair can be, whatever the few chance
        # pairs say (their one-sided sentences carry no claims), so --fail-over always trips
        overall = 1.0

    flag_counts = Counter(f.kind for p in pairs for f in p.flags if f.severity == "major")
    severity_counts = Counter(f.severity for _, p in body for f in p.flags)
    ranked = sorted((i for i, p in body if p.divergence > 0), key=lambda i: (-pairs[i].divergence, i))
    counts = Counter(b.kind for b in beads)
    counts.update(
        {
            "body_pairs": len(body),
            "matched": len(matched),
            "unmatched_src": sum(1 for _, p in body if p.src and not p.tgt),
            "unmatched_tgt": sum(1 for _, p in body if p.tgt and not p.src),
            "anchorable": len(anchorable),
            "anchored": len(anchored),
            "meta": sum(1 for p in pairs if p.section == "meta"),
            "boilerplate": sum(1 for p in pairs if p.section == "boilerplate"),
            "flags_body": sum(len(p.flags) for _, p in body),
        }
    )
    return Summary(
        verdict=verdict,
        verdict_reason=reason,
        coverage_src=cov_src,
        coverage_tgt=cov_tgt,
        anchored_share=share,
        overall_divergence=overall,
        flag_counts={k: flag_counts[k] for k in sorted(flag_counts)},
        top_pairs=ranked[: cfg.top_n],
        counts=dict(counts),
        severity_counts={k: severity_counts.get(k, 0) for k in ("major", "minor", "note")},
    )


def _verdict(cov_src: float, cov_tgt: float, share: float, n_anch: int, n_able: int, sl: str, tl: str) -> tuple[str, str]:
    cover = f"{cov_src:.0%} of SRC and {cov_tgt:.0%} of TGT body text aligned"
    # no "0 of 0" (issue 13.8); the phrase leads with its separator so it can be left out
    anchors = f"; {n_anch} of {n_able} aligned pairs with names or figures share them" if n_able else ""
    if n_able >= MIN_ANCHORABLE and share < MIN_ANCHORED_SHARE:
        return "unrelated", f"names, numbers and dates do not line up: {n_anch} of {n_able} aligned pairs with names or figures share them ({cover})"
    lo, hi = min(cov_src, cov_tgt), max(cov_src, cov_tgt)
    if n_able and n_anch == 0:
        return "unrelated", f"no matched pair shares a name, number or date ({cover})"
    if lo >= TRANSLATION_COVERAGE:
        return "translation", f"{cover}{anchors}"
    overlap = lo >= OVERLAP_COVERAGE and n_anch >= 1 and share >= OVERLAP_ANCHORED
    if (hi >= TRANSLATION_COVERAGE and lo >= PARTIAL_COVERAGE) or overlap:
        if hi < TRANSLATION_COVERAGE:
            what = "the two versions share only part of their content"
        elif cov_src < cov_tgt:
            what = f"TGT covers only {cov_src:.0%} of SRC"
        else:
            what = f"SRC covers only {cov_tgt:.0%} of TGT (TGT has much that SRC lacks)"
        return "partial", f"{what}; {cover}{anchors}"
    return "unrelated", f"too little aligns: {cover}"  # a shared name or two argues nothing here
