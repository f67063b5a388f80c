"""The typed records passed from one pipeline stage to the next.

Offsets (`start`, `end`, spans) are always character offsets into `Document.text`, the
document exactly as decoded (a Python str, newlines untouched), so any viewer can slice and
highlight the user's own text. Nothing here ever stores normalised text in place of the
original: normalisation (see `aligner.normalize`) is for matching only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SentenceKind = Literal["body", "meta", "boilerplate"]
SENTENCE_KINDS: tuple[str, ...] = ("body", "meta", "boilerplate")

COMPARISON_SCHEMA = "aligner.comparison/2"  # /2: flags carry severity and confidence
SEGMENTATION_SCHEMA = "aligner.segmentation/1"

FLAG_KINDS: tuple[str, ...] = (
    "omission",
    "addition",
    "number",
    "date",
    "name",
    "quote",
    "attribution",
    "meaning",
    "length",
)

Verdict = Literal["translation", "partial", "unrelated"]

# How much a flag claims (issue 11): `major` a figure, date, name, speaker or sentence really
# differs or is missing; `minor` likely harmless (quote marks dropped, a converted unit);
# `note` a copy-editing observation within one version (two spellings of one name).
# Only `major` counts towards divergence and `--fail-over`.
Severity = Literal["major", "minor", "note"]
SEVERITIES: tuple[str, ...] = ("major", "minor", "note")

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One segment of a document; `text == document.text[start:end]` always holds."""

    id: int
    text: str
    start: int
    end: int
    paragraph: int
    kind: SentenceKind = "body"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(d["id"], d["text"], d["start"], d["end"], d["paragraph"], d.get("kind", "body"))


@dataclass(slots=True)
class Document:
    """A decoded, language-identified, segmented document."""

    text: str
    lang: str
    encoding: str
    sentences: list[Sentence]
    path: str | None = None

    def body(self) -> list[Sentence]:
        return [s for s in self.sentences if s.kind == "body"]

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path,
            "lang": self.lang,
            "encoding": self.encoding,
            "sentences": [s.to_dict() for s in self.sentences],
        }
        if include_text:
            d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        sents = [Sentence.from_dict(s) for s in d["sentences"]]
        text = d.get("text")
        if text is None:  # rebuild a text in which every offset still holds
            n = max((s.end for s in sents), default=0)
            buf = [" "] * n
            for s in sents:
                buf[s.start : s.end] = list(s.text)
            text = "".join(buf)
        return cls(text, d["lang"], d.get("encoding", "utf-8"), sents, d.get("path"))


@dataclass(frozen=True, slots=True)
class Bead:
    """One alignment unit from `aligner.align`: sentence ids of each side (either may be empty).

    `similarity` is in [0, 1]; `evidence` holds the per-signal scores that produced it
    (e.g. {"numbers": 1.0, "names": 0.5, "length": 0.8, "chrf": 0.61}) for explanations.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    similarity: float
    evidence: dict[str, float] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True, slots=True)
class Flag:
    """One reason two versions differ, with spans into each document for highlighting."""

    kind: str
    detail: str
    src_span: Span | None = None
    tgt_span: Span | None = None
    severity: Severity = "major"
    confidence: float = 1.0  # estimated probability that the claim is right

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "detail": self.detail,
            "severity": self.severity,
            "confidence": round(self.confidence, 4),
            "src_span": list(self.src_span) if self.src_span else None,
            "tgt_span": list(self.tgt_span) if self.tgt_span else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Flag:
        ss, ts = d.get("src_span"), d.get("tgt_span")
        return cls(
            d["kind"], d["detail"], tuple(ss) if ss else None, tuple(ts) if ts else None,
            d.get("severity", "major"), d.get("confidence", 1.0),
        )


@dataclass(slots=True)
class Pair:
    """An aligned pair as reported: the bead, its texts, pivots, divergence and flags.

    `section` is "body" for the article body; "meta" / "boilerplate" pairs (date lines,
    bylines, read-more teasers, subscribe trailers) are reported separately and do not count
    towards the body's divergence.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    src_text: str
    tgt_text: str
    similarity: float
    divergence: float = 0.0
    flags: list[Flag] = field(default_factory=list)
    src_pivot: str | None = None
    tgt_pivot: str | None = None
    section: SentenceKind = "body"
    evidence: dict[str, float] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "src": list(self.src),
            "tgt": list(self.tgt),
            "src_text": self.src_text,
            "tgt_text": self.tgt_text,
            "src_pivot": self.src_pivot,
            "tgt_pivot": self.tgt_pivot,
            "similarity": round(self.similarity, 4),
            "divergence": round(self.divergence, 4),
            "section": self.section,
            "flags": [f.to_dict() for f in self.flags],
            "evidence": {k: round(v, 4) for k, v in self.evidence.items()},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Pair:
        return cls(
            tuple(d["src"]),
            tuple(d["tgt"]),
            d["src_text"],
            d["tgt_text"],
            d["similarity"],
            d.get("divergence", 0.0),
            [Flag.from_dict(f) for f in d.get("flags", [])],
            d.get("src_pivot"),
            d.get("tgt_pivot"),
            d.get("section", "body"),
            dict(d.get("evidence", {})),
        )


@dataclass(slots=True)
class MTInfo:
    """Which pivot translation was used, so every report can say whether MT was on."""

    mode: str = "off"  # off | tm | ct2
    backend: str | None = None  # e.g. "ct2:opus-mt-ru-en@int8/cpu"
    notice: str | None = None  # shown to the user, e.g. "MT is off: no model for ar-en ..."
    src_model: str | None = None
    tgt_model: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "backend": self.backend,
            "notice": self.notice,
            "src_model": self.src_model,
            "tgt_model": self.tgt_model,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MTInfo:
        return cls(d.get("mode", "off"), d.get("backend"), d.get("notice"), d.get("src_model"), d.get("tgt_model"))


@dataclass(slots=True)
class Summary:
    """Document-level findings: verdict with its evidence, coverage, overall divergence."""

    verdict: str = "translation"
    verdict_reason: str = ""
    coverage_src: float = 0.0  # share of SRC body characters inside matched pairs
    coverage_tgt: float = 0.0
    anchored_share: float = 0.0  # share of matched body pairs backed by a hard anchor
    overall_divergence: float = 0.0
    flag_counts: dict[str, int] = field(default_factory=dict)  # major flags per kind
    top_pairs: list[int] = field(default_factory=list)  # indices into Comparison.pairs
    counts: dict[str, int] = field(default_factory=dict)  # bead kinds, unmatched, etc.
    severity_counts: dict[str, int] = field(default_factory=dict)  # body flags per severity

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "verdict_reason": self.verdict_reason,
            "coverage_src": round(self.coverage_src, 4),
            "coverage_tgt": round(self.coverage_tgt, 4),
            "anchored_share": round(self.anchored_share, 4),
            "overall_divergence": round(self.overall_divergence, 4),
            "flag_counts": dict(self.flag_counts),
            "severity_counts": dict(self.severity_counts),
            "top_pairs": list(self.top_pairs),
            "counts": dict(self.counts),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Summary:
        return cls(
            d.get("verdict", "translation"),
            d.get("verdict_reason", ""),
            d.get("coverage_src", 0.0),
            d.get("coverage_tgt", 0.0),
            d.get("anchored_share", 0.0),
            d.get("overall_divergence", 0.0),
            dict(d.get("flag_counts", {})),
            list(d.get("top_pairs", [])),
            dict(d.get("counts", {})),
            dict(d.get("severity_counts", {})),
        )


@dataclass(slots=True)
class Comparison:
    """The full result of `aligner compare`: what every report format and the TUI render."""

    src: Document
    tgt: Document
    pairs: list[Pair]
    summary: Summary
    mt: MTInfo = field(default_factory=MTInfo)
    schema: str = COMPARISON_SCHEMA

    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "src": self.src.to_dict(include_text),
            "tgt": self.tgt.to_dict(include_text),
            "mt": self.mt.to_dict(),
            "pairs": [p.to_dict() for p in self.pairs],
            "summary": self.summary.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Comparison:
        from aligner.errors import InputError

        if not str(d.get("schema", "")).startswith("aligner.comparison/"):
            raise InputError(f"not an aligner comparison (schema {d.get('schema')!r})")
        return cls(
            Document.from_dict(d["src"]),
            Document.from_dict(d["tgt"]),
            [Pair.from_dict(p) for p in d["pairs"]],
            Summary.from_dict(d.get("summary", {})),
            MTInfo.from_dict(d.get("mt", {})),
            d["schema"],
        )
