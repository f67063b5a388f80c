"""Alignment evaluation: gold files, strict/lax precision-recall-F1, synthetic test pairs.

Metrics follow Sennrich & Volk (2010) as implemented by Vecalign's scorer:
- *strict*: a predicted bead counts only if the gold alignment has exactly that bead
  (unmatched 1-0 / 0-1 beads included: leaving a dropped sentence unmatched is a success);
- *lax*: a predicted bead counts if it shares at least one sentence on each side with a gold
  bead (for an unmatched bead: if gold also leaves that sentence unmatched).
Precision is over predicted beads, recall over gold beads. We also report sentence-pair link
F1 (every src x tgt pair inside a bead is a link), which is kinder to 2-2 vs 1-1 disputes.

Gold files store the opening characters of each sentence rather than ids, so they survive
small changes in segmentation; `load_gold` resolves them to ids of the current segmenter and
fails loudly when a snippet cannot be found.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import InputError
from aligner.types import Document, Sentence

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]


# ---------------------------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> Scores:
    p = tp_p / n_pred if n_pred else 1.0
    r = tp_r / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(p, r, f)


def _norm(beads: Iterable[BeadIds]) -> list[BeadIds]:
    return [(tuple(sorted(s)), tuple(sorted(t))) for s, t in beads if s or t]


class _BeadIndex:
    """Beads by sentence id, so lax matching is linear rather than quadratic."""

    def __init__(self, beads: list[BeadIds]):
        self.beads = set(beads)
        self.by_src: dict[int, list[int]] = {}
        self.tgt_of: list[set[int]] = []
        for k, (s, t) in enumerate(beads):
            self.tgt_of.append(set(t))
            for i in s:
                self.by_src.setdefault(i, []).append(k)

    def lax_hit(self, bead: BeadIds) -> bool:
        s, t = bead
        if not s or not t:  # unmatched: the other side must leave this sentence unmatched too
            return bead in self.beads
        tt = set(t)
        return any(self.tgt_of[k] & tt for i in s for k in self.by_src.get(i, ()))


def strict_scores(gold: Iterable[BeadIds], pred: Iterable[BeadIds]) -> Scores:
    g, p = _norm(gold), _norm(pred)
    gs, ps = set(g), set(p)
    return _prf(sum(b in gs for b in p), len(p), sum(b in ps for b in g), len(g))


def lax_scores(gold: Iterable[BeadIds], pred: Iterable[BeadIds]) -> Scores:
    g, p = _norm(gold), _norm(pred)
    gi, pi = _BeadIndex(g), _BeadIndex(p)
    return _prf(sum(gi.lax_hit(b) for b in p), len(p), sum(pi.lax_hit(b) for b in g), len(g))


def link_scores(gold: Iterable[BeadIds], pred: Iterable[BeadIds]) -> Scores:
    """Precision/recall over sentence-pair links (matched beads only)."""

    def links(beads):
        return {(s, t) for ss, tt in _norm(beads) for s in ss for t in tt}

    g, p = links(gold), links(pred)
    tp = len(g & p)
    return _prf(tp, len(p), tp, len(g))


def evaluate(gold: Iterable[BeadIds], pred: Iterable[BeadIds]) -> dict[str, dict[str, float]]:
    gold, pred = list(gold), list(pred)
    return {
        "strict": strict_scores(gold, pred).to_dict(),
        "lax": lax_scores(gold, pred).to_dict(),
        "links": link_scores(gold, pred).to_dict(),
    }


# ---------------------------------------------------------------------------------------------
# Gold files
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Gold:
    src_path: Path
    tgt_path: Path
    src_lang: str
    tgt_lang: str
    beads: list[tuple[list[str], list[str]]]  # sentence openings per side


def read_gold(path: str | Path) -> Gold:
    """Read a gold file (JSON: src, tgt, src_lang, tgt_lang, beads: [{src: [...], tgt: [...]}]);
    paths inside are relative to the gold file's directory."""
    path = Path(path)
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        base = path.parent
        return Gold(
            (base / d["src"]).resolve(),
            (base / d["tgt"]).resolve(),
            d.get("src_lang", "auto"),
            d.get("tgt_lang", "auto"),
            [(list(b.get("src", [])), list(b.get("tgt", []))) for b in d["beads"]],
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"cannot read gold alignment {path}: {exc}") from exc


def _squash(text: str) -> str:
    return " ".join(text.split())


def _squash_map(text: str) -> tuple[str, list[int]]:
    """`_squash(text)` and, for each of its characters, the offset in `text` it came from."""
    out: list[str] = []
    back: list[int] = []
    pending = -1
    for k, ch in enumerate(text):
        if ch.isspace():
            if out and pending < 0:
                pending = k
            continue
        if pending >= 0:
            out.append(" ")
            back.append(pending)
            pending = -1
        out.append(ch)
        back.append(k)
    return "".join(out), back


def resolve_gold(gold: Gold, src: Document, tgt: Document) -> list[BeadIds]:
    """Turn sentence openings into body sentence ids of the given documents.

    Each opening is searched (whitespace-insensitively) after the previous one; its start
    must fall inside a sentence. If the segmenter merged two gold sentences, the beads that
    now share a sentence are merged; if it split one, the extra piece joins the bead of the
    piece before it. So the gold stays a partition of the body under the current segmenter."""

    def locate(doc: Document, side: str) -> list[list[int]]:
        flat, back = _squash_map(doc.text)
        pos = 0
        out: list[list[int]] = []
        for bead in gold.beads:
            ids: list[int] = []
            for snippet in bead[0] if side == "src" else bead[1]:
                snip = _squash(snippet)
                at = flat.find(snip, pos)
                if at < 0:
                    at = flat.find(snip)
                if at < 0:
                    raise InputError(f"gold {side} sentence not found in {doc.path}: {snippet[:40]!r}")
                pos = at + 1
                orig = back[at] if at < len(back) else len(doc.text) - 1
                sent = _sentence_at(doc.sentences, orig)
                if sent is None:
                    raise InputError(f"gold {side} sentence falls between sentences: {snippet[:40]!r}")
                if sent.kind != "body":
                    raise InputError(f"gold {side} sentence is {sent.kind}, not body: {snippet[:40]!r}")
                if sent.id not in ids:
                    ids.append(sent.id)
            out.append(ids)
        return out

    s_ids, t_ids = locate(src, "src"), locate(tgt, "tgt")
    _adopt_pieces(s_ids, src)
    _adopt_pieces(t_ids, tgt)
    beads = [(tuple(sorted(s)), tuple(sorted(t))) for s, t in zip(s_ids, t_ids)]
    return _merge_shared(beads)


def _adopt_pieces(beads_ids: list[list[int]], doc: Document) -> None:
    """Body sentences no gold opening named (a gold sentence the segmenter cut in two) join
    the bead of the body sentence before them (or after, at the very start)."""
    body = [s.id for s in doc.sentences if s.kind == "body"]
    owner = {i: k for k, ids in enumerate(beads_ids) for i in ids}
    if not owner:
        return
    for pos, i in enumerate(body):
        if i in owner:
            continue
        before = next((owner[j] for j in reversed(body[:pos]) if j in owner), None)
        k = before if before is not None else next(owner[j] for j in body[pos:] if j in owner)
        beads_ids[k].append(i)
        owner[i] = k


def _sentence_at(sents: Sequence[Sentence], offset: int) -> Sentence | None:
    for s in sents:
        if s.start <= offset < s.end:
            return s
    return None


def _merge_shared(beads: list[BeadIds]) -> list[BeadIds]:
    out: list[list[set[int]]] = []
    for s, t in beads:
        if out and ((set(s) & out[-1][0]) or (set(t) & out[-1][1])):
            out[-1][0].update(s)
            out[-1][1].update(t)
        else:
            out.append([set(s), set(t)])
    return [(tuple(sorted(a)), tuple(sorted(b))) for a, b in out]


def load_gold(path: str | Path) -> tuple[Gold, Document, Document, list[BeadIds]]:
    """Read a gold file, segment both documents with the current segmenter, resolve ids."""
    from aligner.segment import load_document

    gold = read_gold(path)
    src = load_document(gold.src_path, lang=gold.src_lang)
    tgt = load_document(gold.tgt_path, lang=gold.tgt_lang)
    return gold, src, tgt, resolve_gold(gold, src, tgt)


def beads_from_comparison(d: dict) -> list[BeadIds]:
    """Body beads of a comparison JSON (`aligner compare --format json`)."""
    return [
        (tuple(p["src"]), tuple(p["tgt"]))
        for p in d.get("pairs", [])
        if p.get("section", "body") == "body"
    ]


# ---------------------------------------------------------------------------------------------
# Synthetic documents from line-parallel data (FLORES-200)
# ---------------------------------------------------------------------------------------------


def make_document(sentences: Sequence[str], lang: str, paragraph_every: int = 4,
                  paragraph_ids: Sequence[int] | None = None) -> Document:
    """A body-only Document whose text is the sentences, `paragraph_every` per paragraph."""
    parts: list[str] = []
    sents: list[Sentence] = []
    pos = 0
    prev_par = None
    for k, text in enumerate(sentences):
        par = paragraph_ids[k] if paragraph_ids is not None else k // max(paragraph_every, 1)
        if k:
            sep = "\n\n" if par != prev_par else " "
            parts.append(sep)
            pos += len(sep)
        parts.append(text)
        sents.append(Sentence(k, text, pos, pos + len(text), par, "body"))
        pos += len(text)
        prev_par = par
    return Document("".join(parts), lang, "utf-8", sents, None)


def split_sentence(text: str) -> tuple[str, str] | None:
    """Split near the middle, preferring a comma; None if the sentence is too short."""
    words = text.split(" ")
    if len(words) < 6:
        return None
    mid = len(words) // 2
    best = None
    for k in range(2, len(words) - 2):
        if words[k - 1].endswith((",", "،", ";", "؛")):
            if best is None or abs(k - mid) < abs(best - mid):
                best = k
    k = best if best is not None else mid
    return " ".join(words[:k]), " ".join(words[k:])


@dataclass(slots=True)
class SyntheticPair:
    src: Document
    tgt: Document
    gold: list[BeadIds]


def synthetic_pair(
    src_lines: Sequence[str],
    tgt_lines: Sequence[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    p_split: float = 0.0,
    p_merge: float = 0.0,
    p_drop: float = 0.0,
    p_insert: float = 0.0,
    insert_pool: Sequence[str] = (),
    seed: int = 0,
    paragraph_every: int = 4,
) -> SyntheticPair:
    """A line-parallel corpus turned into a document pair with known edits on the TGT side:
    split (1-2), merge of two consecutive sentences (2-1 from SRC's view: 2 src, 1 tgt),
    drop (1-0) and insertion of an unrelated sentence from `insert_pool` (0-1)."""
    rng = random.Random(seed)
    tgt_out: list[str] = []
    gold: list[tuple[list[int], list[int]]] = []
    k = 0
    n = len(src_lines)
    while k < n:
        if insert_pool and rng.random() < p_insert:
            gold.append(([], [len(tgt_out)]))
            tgt_out.append(rng.choice(list(insert_pool)))
        r = rng.random()
        if r < p_drop:
            gold.append(([k], []))
            k += 1
            continue
        r = rng.random()
        if r < p_merge and k + 1 < n:
            gold.append(([k, k + 1], [len(tgt_out)]))
            tgt_out.append(tgt_lines[k].rstrip() + " " + tgt_lines[k + 1].lstrip())
            k += 2
            continue
        parts = split_sentence(tgt_lines[k]) if rng.random() < p_split else None
        if parts:
            gold.append(([k], [len(tgt_out), len(tgt_out) + 1]))
            tgt_out.extend(parts)
        else:
            gold.append(([k], [len(tgt_out)]))
            tgt_out.append(tgt_lines[k])
        k += 1
    from aligner.langid import detect

    src_lang = src_lang or detect(" ".join(src_lines))  # None: as identified
    tgt_lang = tgt_lang or detect(" ".join(tgt_lines))
    src = make_document(src_lines, src_lang, paragraph_every)
    # TGT paragraphs follow SRC's: a tgt sentence takes the paragraph of its src sentence.
    par_t = [0] * len(tgt_out)
    last = 0
    for s, t in gold:
        if s:
            last = src.sentences[s[0]].paragraph
        for j in t:
            par_t[j] = last
    tgt = make_document(tgt_out, tgt_lang, paragraph_ids=par_t)
    return SyntheticPair(src, tgt, [(tuple(s), tuple(t)) for s, t in gold])


def simulated_pivots(pair: SyntheticPair, english: Sequence[str], start: int, rng: random.Random,
                     drop: float = 0.25) -> tuple[list[str | None], list[str | None]]:
    """Imperfect 'machine translations' for a synthetic pair built from line-parallel data
    starting at line `start`: the English reference with a share `drop` of its words lost;
    split TGT sentences get their share of the words, inserted ones a random sentence."""

    def noisy(text: str) -> str:
        return " ".join(w for w in text.split() if rng.random() > drop)

    src_p: list[str | None] = [noisy(english[start + k]) for k in range(len(pair.src.sentences))]
    tgt_p: list[str | None] = [None] * len(pair.tgt.sentences)
    for s, t in pair.gold:
        if s and t:
            words = " ".join(english[start + k] for k in s).split()
            cut = [0] + [len(words) * (q + 1) // len(t) for q in range(len(t))]
            for q, j in enumerate(t):
                tgt_p[j] = noisy(" ".join(words[cut[q] : cut[q + 1]]))
        elif t:
            tgt_p[t[0]] = noisy(english[rng.randrange(len(english))])
    return src_p, tgt_p


SYNTHETIC_EDITS: dict[str, dict[str, float]] = {
    "clean": {},
    "split": {"p_split": 0.15},
    "merge": {"p_merge": 0.15},
    "drop": {"p_drop": 0.1},
    "insert": {"p_insert": 0.1},
    "mixed": {"p_split": 0.1, "p_merge": 0.1, "p_drop": 0.07, "p_insert": 0.07},
}
