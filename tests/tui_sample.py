"""A small hand-written Russian/Arabic comparison for the TUI tests and snapshots.

Written by hand (not produced by the pipeline) so that the snapshots stay stable while the
aligner and the scorer are tuned; the seed-pair tests use the real pipeline instead.
"""

from __future__ import annotations

from aligner.types import Comparison, Document, Flag, MTInfo, Pair, Sentence, Summary

RU = [
    ("meta", "ТОКИО, 12 февраля. /ТАСС/."),
    ("body", "Правительство Японии выделит 2,5 млрд долларов на восстановление региона Тохоку."),
    ("body", "Об этом сообщил в среду министр финансов Кацунобу Като."),
    ("body", "По его словам, работы начнутся в апреле 2026 года."),
    ("body", "Ранее власти обещали завершить проект к 2030 году."),
    ("body", "Като подчеркнул, что «это наш долг перед жителями»."),
]
AR = [
    ("body", "ستخصص الحكومة اليابانية 3 مليارات دولار لإعادة إعمار منطقة توهوكو."),
    ("body", "وأعلن ذلك وزير المالية كاتسونوبو كاتو يوم الأربعاء خلال مؤتمر صحفي عقده في العاصمة طوكيو بعد اجتماع الحكومة الأسبوعي."),
    ("body", "وبحسب قوله، ستبدأ الأعمال في أبريل ٢٠٢٦."),
    ("body", "وأكد كاتو أن «هذا واجبنا تجاه السكان»."),
    ("body", "وتعد منطقة توهوكو من أكثر المناطق تضررا من زلزال عام 2011."),
]
PIVOT_RU = [
    None,
    "The Japanese government will allocate $2.5 billion to rebuild the Tohoku region.",
    "Finance Minister Katsunobu Kato said this on Wednesday.",
    "According to him, the work will begin in April 2026.",
    "Earlier, the authorities promised to complete the project by 2030.",
    "Kato stressed that 'this is our duty to the residents'.",
]
PIVOT_AR = [
    "The Japanese government will allocate $3 billion to rebuild the Tohoku region.",
    "Finance Minister Katsunobu Kato announced this on Wednesday at a press conference in Tokyo after the weekly cabinet meeting.",
    "According to him, work will begin in April 2026.",
    "Kato stressed that 'this is our duty towards the residents'.",
    "The Tohoku region is one of the areas hardest hit by the 2011 earthquake.",
]


def document(rows: list[tuple[str, str]], lang: str, path: str) -> Document:
    parts, sents, pos = [], [], 0
    for i, (kind, text) in enumerate(rows):
        sents.append(Sentence(i, text, pos, pos + len(text), i, kind))  # type: ignore[arg-type]
        parts.append(text)
        pos += len(text) + 1
    return Document("\n".join(parts), lang, "utf-8", sents, path)


def span(doc: Document, sid: int, needle: str) -> tuple[int, int]:
    s = doc.sentences[sid]
    k = s.text.index(needle)
    return s.start + k, s.start + k + len(needle)


def sample(mt: bool = False) -> Comparison:
    """SRC Russian, TGT Arabic: one number changed, one sentence dropped, one added."""
    src = document(RU, "ru", "tass_ru.txt")
    tgt = document(AR, "ar", "mk_ar.txt")

    def pair(s: tuple[int, ...], t: tuple[int, ...], sim: float, div: float, flags=(), section="body") -> Pair:
        return Pair(
            s,
            t,
            " ".join(src.sentences[i].text for i in s),
            " ".join(tgt.sentences[i].text for i in t),
            sim,
            div,
            list(flags),
            " ".join(PIVOT_RU[i] or "" for i in s) or None if mt else None,
            " ".join(PIVOT_AR[i] for i in t) or None if mt else None,
            section,
            {"numbers": 0.5, "names": 1.0} if s and t else {},
        )

    pairs = [
        pair((0,), (), 0.0, 0.0, section="meta"),
        pair((1,), (0,), 0.74, 0.62, [Flag("number", "2,5 ≠ 3 (billion dollars)", span(src, 1, "2,5"), span(tgt, 0, "3"))]),
        pair((2,), (1,), 0.81, 0.12),
        pair((3,), (2,), 0.93, 0.04),
        pair((4,), (), 0.0, 1.0, [Flag("omission", "SRC sentence has no counterpart in TGT", span(src, 4, RU[4][1]), None)]),
        pair((5,), (3,), 0.88, 0.41, [Flag("quote", "quoted words differ", span(src, 5, "«это наш долг перед жителями»"), span(tgt, 3, "«هذا واجبنا تجاه السكان»"))]),
        pair((), (4,), 0.0, 1.0, [Flag("addition", "TGT sentence has no counterpart in SRC", None, span(tgt, 4, AR[4][1]))]),
    ]
    summary = Summary(
        verdict="translation",
        verdict_reason="4 of 5 body sentences aligned with anchors",
        coverage_src=0.82,
        coverage_tgt=0.8,
        anchored_share=0.75,
        overall_divergence=0.31,
        flag_counts={"number": 1, "omission": 1, "quote": 1, "addition": 1},
        top_pairs=[4, 6, 1],
        counts={"1-1": 4, "1-0": 1, "0-1": 1},
    )
    info = MTInfo("tm", "tm:sample", None) if mt else MTInfo()
    return Comparison(src, tgt, pairs, summary, info)


def sample_with_severities() -> Comparison:
    """The sample with flags of every severity: a major number flag that also carries a
    note, a minor quote flag, and a pair whose only flag is a note (a spelling variant)."""
    c = sample()
    src, tgt = c.src, c.tgt
    number = c.pairs[1]
    number.flags.append(Flag("name", "Tohoku spelled two ways in TGT", None, span(tgt, 0, "توهوكو"), "note", 0.6))
    quote = c.pairs[5]
    quote.flags[0] = Flag(quote.flags[0].kind, quote.flags[0].detail, quote.flags[0].src_span, quote.flags[0].tgt_span, "minor", 0.5)
    c.pairs[2].flags.append(Flag("name", "Kato spelled كاتو here, كاتوو elsewhere", span(src, 2, "Като"), span(tgt, 1, "كاتو"), "note", 0.7))
    return c
