"""Similarity signals for sentence alignment, each a small unit the aligner combines.

Every signal answers one question about a candidate bead (a group of SRC sentences against a
group of TGT sentences) as a log-odds contribution ("how much more likely under *translation*
than under *chance*"), so the aligner can add them up and turn the sum into a probability
with a logistic function:

- keys (`sentence_keys`, `build_key_index`, `key_overlaps`, `key_evidence`): language-neutral
  keys from `aligner.entities` (numbers, years, percentages, dates, months, places, names,
  quotes, attribution) plus script-neutral ones (Latin-script words, sentence marks). Keys
  weigh by kind and specificity and are damped by how often they recur in the document, so
  "Japan" in every sentence counts little and a year or a surname found once on each side
  counts a lot;
- length (`length_llr`, `length_score`): Gale-Church in log space; the log length ratio of a
  true translation is Gaussian around the language pair's ratio, a chance pair's much wider;
- pivot chrF (`ChrfSignal`, `chrf_llr`): chrF (sacreBLEU's definition) between the English
  pivots of both sides, the strongest signal when MT is on; `pivot_keys` turns pivot content
  words into anchor keys;
- paragraph starts and context (nearness to anchors) live in `aligner.align`, which knows
  bead shapes and the anchor chain;
- `PairSignal`: the protocol for plug-in similarities (e.g. sentence embeddings), passed in
  `AlignConfig.extra_signals`.

The aligner evaluates these on whole arrays (numpy) because it scores tens of thousands of
cells per document; the exact per-bead values it reports in `Bead.evidence` come from
`key_evidence`, `length_score` and `ChrfSignal.exact`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
import regex

from aligner import lang as languages
from aligner.normalize import match_key, normalize_digits

# ---------------------------------------------------------------------------------------------
# Keys (numbers, months, places, names, quotes) via aligner.entities
# ---------------------------------------------------------------------------------------------

# Evidence categories reported in Bead.evidence, with the base weight (log-odds per matched
# key, before damping) each category carries. Numbers are near-proof of correspondence;
# country names recur all over an article and prove little on their own.
CATEGORY_WEIGHTS: dict[str, float] = {
    "numbers": 2.0,
    "months": 1.0,
    "places": 0.8,
    "names": 1.6,
    "quotes": 0.25,
    "latin": 1.6,
    "marks": 0.5,
    "pivot": 0.6,
    # a name key met by a probe one transliteration step away (`_NearNames`): weaker than an
    # exact skeleton, and alone below `AlignConfig.anchor_min` (it anchors only with more)
    "near": 0.8,
    # a word stem written alike on both sides of a pair in one script (ar/fa انتخابات, ru/uk
    # президент, de/en Million): two found once each make an anchor; only between languages
    # of one script (`cognate_keys`)
    "cognates": 0.6,
}

# Key prefix (before ':') -> category.
_PREFIX_CATEGORY = {
    "num": "numbers",
    "number": "numbers",
    "percent": "numbers",
    "pct": "numbers",
    "year": "numbers",
    "date": "numbers",
    "day": "numbers",
    "month": "months",
    "place": "places",
    "country": "places",
    "city": "places",
    "name": "names",
    "person": "names",
    "agency": "names",
    "org": "names",
    "skel": "names",
    "quote": "quotes",
    "attribution": "quotes",
    "cue": "quotes",
    "latin": "latin",
    "mark": "marks",
    "near": "near",
}

_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")


def _fallback_keys(text: str) -> dict[str, set[str]]:
    """Numbers (and quote marks) only, used when `aligner.entities` is unavailable or fails:
    digits are script-neutral."""
    out: dict[str, set[str]] = defaultdict(set)
    for m in _NUMBER.finditer(normalize_digits(text)):
        raw = m.group().replace(",", ".").rstrip(".")
        if len(raw) == 4 and raw.isdigit() and 1800 <= int(raw) <= 2100:
            out["numbers"].add(f"year:{raw}")
        else:
            out["numbers"].add(f"num:{raw}")
    if regex.search(r"[«»“”„\"]", text):
        out["quotes"].add("quote:1")
    return out


def _entities_module():
    try:
        from aligner import entities  # noqa: PLC0415 - optional while it lands
    except Exception:  # pragma: no cover - an unfinished sibling module must not break us
        return None
    return entities if hasattr(entities, "features") else None


@dataclass(slots=True)
class SentenceKeys:
    """Keys of one sentence by category, plus the skeletons a name on the other side may hit.

    `probe` holds keys that only count when the *other* side has them as real keys (for
    Arabic, which has no capitals, every token's consonant skeleton is a probe for a name
    found on the Russian side)."""

    keys: dict[str, frozenset[str]] = field(default_factory=dict)
    probe: frozenset[str] = frozenset()
    # word stems for the lexicon (`aligner.lexicon.stems`), made with the keys: extraction
    # has split glued Arabic in this process already (and long inputs run in two); None =
    # not made (the aligner makes them)
    stems: frozenset[str] | None = None


# entities.SentenceFeatures field -> our category for keys whose prefix is not in
# _PREFIX_CATEGORY (the prefix decides first: `dates` holds both "month:10" and "date:...").
_FIELD_CATEGORY = {
    "numbers": "numbers",
    "dates": "numbers",
    "places": "places",
    "names": "names",
    "attribution": "quotes",
}


def _split_features(feats) -> SentenceKeys:
    """Spread an `entities.SentenceFeatures` into our categories: its key sets by key prefix
    (then by field), its `tokens` (Arabic token skeletons) as probes, its quote count as a
    `quote:1` key."""
    keys: dict[str, set[str]] = defaultdict(set)
    for fname, default_cat in _FIELD_CATEGORY.items():
        for key in getattr(feats, fname, ()) or ():
            prefix = key.split(":", 1)[0]
            keys[_PREFIX_CATEGORY.get(prefix, default_cat)].add(key)
    if getattr(feats, "quotes", 0):
        keys["quotes"].add("quote:1")
    probe = frozenset(getattr(feats, "tokens", ()) or ())
    return SentenceKeys({k: frozenset(v) for k, v in keys.items()}, probe)


_LATIN_WORD = regex.compile(r"\b[A-Za-z][A-Za-z0-9]+\b")
_MARKS = {"?": "question", "؟": "question", "!": "exclamation", "(": "parenthesis", ":": "colon"}


def script(lang: str) -> str:
    """The script `lang` is written in (English, the pivot, is Latin)."""
    from aligner import lang as languages

    return languages.get(lang).script if languages.known(lang) else "Latin" if lang == languages.PIVOT else lang


def _latin_script(lang: str) -> bool:
    """Is `lang` written in Latin letters (then its own words are no script-neutral keys)?"""
    return languages.script(lang) is languages.Script.LATIN if languages.known(lang) else lang == languages.PIVOT


def script_neutral_keys(text: str, lang: str) -> dict[str, frozenset[str]]:
    """Keys any script pair shares without dictionaries: Latin-script words inside Russian or
    Arabic text (brands, acronyms, model names: "JAS 39C Gripen", "UTC", "MK") and
    sentence marks (a question stays a question, a parenthesis usually stays)."""
    out: dict[str, frozenset[str]] = {}
    if not _latin_script(lang):
        latin = {f"latin:{w.casefold()}" for w in _LATIN_WORD.findall(text)}
        if latin:
            out["latin"] = frozenset(latin)
    marks = {f"mark:{name}" for ch, name in _MARKS.items() if ch in text and not (ch == ":" and "://" in text)}
    if marks:
        out["marks"] = frozenset(marks)
    return out


def sentence_keys(text: str, lang: str) -> SentenceKeys:
    """All matching keys of one sentence: entities (numbers, months, places, names, quotes)
    when available, else numbers only; plus the script-neutral keys and the word stems."""
    from aligner import lexicon  # noqa: PLC0415

    extra = script_neutral_keys(text, lang)
    ent = _entities_module()
    if ent is not None:
        try:
            sk = _split_features(ent.features(text, lang))
            sk.keys = {**sk.keys, **extra}
            sk.stems = lexicon.stems(text, script(lang), lang)
            return sk
        except Exception:  # noqa: BLE001 - a sibling's bug must not stop alignment
            pass
    fk = _fallback_keys(text)
    return SentenceKeys({**{k: frozenset(v) for k, v in fk.items()}, **extra}, stems=lexicon.stems(text, script(lang), lang))


def cognate_keys(stems: frozenset[str], script_name: str) -> frozenset[str]:
    """Keys of the stems (`lexicon.stems`) of whole-length words, with the letters that
    languages of one script write differently unified (Persian ی ک / Arabic ي ك): between two
    languages of one script shared words are evidence of translation (measured on
    ntrex128-dev lines: a line shares two such stems with its translation 5-10 times more
    often than with its neighbour's)."""
    from aligner import lexicon  # noqa: PLC0415

    full = lexicon.stem_letters(script_name)
    return frozenset(f"cog:{match_key(s)}" for s in stems if len(s) >= full)


def document_keys(doc) -> list[SentenceKeys]:
    """`sentence_keys` of every body sentence of a Document, in order."""
    return texts_keys([s.text for s in doc.sentences if s.kind == "body"], doc.lang)


# Unique sentences from which a second process pays for itself: forking, shipping the
# texts and the keys back cost ~30 ms, extraction ~0.3 ms a sentence; a 20-sentence
# article stays in-process.
PARALLEL_MIN = 1200


def texts_keys(texts: Sequence[str], lang: str, parallel: bool | None = None) -> list[SentenceKeys]:
    """`sentence_keys` of many sentences of one language, in order (see `pair_keys`)."""
    return _many_keys([(t, lang) for t in texts], parallel)


def pair_keys(src_texts: Sequence[str], src_lang: str, tgt_texts: Sequence[str], tgt_lang: str,
              parallel: bool | None = None) -> tuple[list[SentenceKeys], list[SentenceKeys]]:
    """`sentence_keys` of both sides of a pair, extracted in one go (one worker for both)."""
    items = [(t, src_lang) for t in src_texts] + [(t, tgt_lang) for t in tgt_texts]
    keys = _many_keys(items, parallel)
    return keys[: len(src_texts)], keys[len(src_texts) :]


def _many_keys(items: list[tuple[str, str]], parallel: bool | None) -> list[SentenceKeys]:
    """Identical sentences (datelines, repeated boilerplate, a corpus drawn with repeats) are
    extracted once; long inputs are split with one forked worker process when the machine
    has a spare core (`parallel=None` decides by size, True/False forces it). Each result is
    a fresh object: callers may extend it (pivot keys) without touching a duplicate's."""
    uniq = list(dict.fromkeys(items))
    if parallel is None:
        parallel = len(uniq) >= PARALLEL_MIN
    keys = _keys_two_processes(uniq) if parallel else None
    if keys is None:
        keys = _keys_chunk(uniq)
    by_item = dict(zip(uniq, keys))
    return [SentenceKeys(dict(by_item[x].keys), by_item[x].probe, by_item[x].stems) for x in items]


def _keys_chunk(items: list[tuple[str, str]]) -> list[SentenceKeys]:
    return [sentence_keys(t, lang) for t, lang in items]


def _keys_two_processes(items: list[tuple[str, str]]) -> list[SentenceKeys] | None:
    """Part of `items` in a forked worker, the rest here, concurrently; None when forking is
    unsafe or unavailable (one core, no fork, a daemon worker such as a batch pool's,
    other threads running: a fork could inherit a held lock) or the worker fails."""
    import multiprocessing as mp  # noqa: PLC0415 - only long documents get here
    import os  # noqa: PLC0415
    import threading  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    if (cores < 2 or "fork" not in mp.get_all_start_methods() or mp.current_process().daemon
            or threading.active_count() > 1):
        return None
    for lang in {lang for _, lang in items}:
        sentence_keys("", lang)  # load the gazetteer and tables before forking: the child inherits them
    # The worker's share also pays for pickling: it takes a little less than half.
    cut = len(items) * 9 // 20
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork")) as pool:
            fut = pool.submit(_keys_chunk, items[:cut])
            mine = _keys_chunk(items[cut:])
            theirs = fut.result()
    except Exception:  # noqa: BLE001 - a failed worker costs time, never results
        return None
    return theirs + mine


def pivot_keys(pivot: str | None) -> frozenset[str]:
    """Content words of an English pivot translation (>= 4 letters), as anchor keys."""
    if not pivot:
        return frozenset()
    words = regex.findall(r"\p{L}{4,}|\d+", match_key(pivot, languages.PIVOT))
    return frozenset(f"pivot:{w}" for w in words if w not in _EN_STOP)


_EN_STOP = frozenset(
    "that this with from have were been will would could should their there which what when "
    "where while about after before other than them they then also into over such more most "
    "some only very said says just being does done each many much these those your ours".split()
)


@dataclass(slots=True)
class KeyIndex:
    """Weighted keys of every body sentence of both sides, ready for vectorised overlap.

    `weight[key]` is the base weight of its category damped by document frequency:
    w / sqrt(max(df_src, df_tgt)). A key counts only when present on both sides."""

    src: list[dict[str, float]]
    tgt: list[dict[str, float]]
    src_total: np.ndarray  # weighted key mass per sentence (numbers only: used for mismatch)
    tgt_total: np.ndarray
    category: dict[str, str]
    df_src: Counter
    df_tgt: Counter


def build_key_index(src_keys: Sequence[SentenceKeys], tgt_keys: Sequence[SentenceKeys],
                    mismatch: Sequence[str] = ("numbers",), near_names: bool = True) -> KeyIndex:
    """Weight shared keys; probes (token skeletons) of one side turn into keys when the
    other side has the same skeleton as a real key, or (`near_names`: sides in different
    scripts, where transliteration varies) a skeleton one step away."""
    category: dict[str, str] = {}
    real_src: set[str] = set()
    real_tgt: set[str] = set()
    for side, real in ((src_keys, real_src), (tgt_keys, real_tgt)):
        for sk in side:
            for cat, ks in sk.keys.items():
                for k in ks:
                    category.setdefault(k, cat)
                    real.add(k)

    # Only a name key the other side has nowhere, under any spelling, looks for a near one.
    probes_src = {k for sk in src_keys for k in sk.probe}
    probes_tgt = {k for sk in tgt_keys for k in sk.probe}
    near_tgt: dict[str, tuple[str, ...]] = {}  # SRC probe -> TGT name keys one step away
    near_src: dict[str, tuple[str, ...]] = {}
    if near_names:
        near_tgt = _NearNames(real_tgt - real_src - probes_src).table(probes_src - real_tgt)
        near_src = _NearNames(real_src - real_tgt - probes_tgt).table(probes_tgt - real_src)
    met = {k for hits in (*near_tgt.values(), *near_src.values()) for k in hits}  # both sides: near:<key>

    def effective(sk: SentenceKeys, other_real: set[str], near: dict[str, tuple[str, ...]]) -> set[str]:
        out = {k for ks in sk.keys.values() for k in ks}
        if sk.probe:
            out.update(sk.probe & other_real)
            for k in sk.probe & near.keys() if near else ():
                out.update(f"near:{h}" for h in near[k])
        return out

    src_sets = [effective(sk, real_tgt, near_tgt) for sk in src_keys]
    tgt_sets = [effective(sk, real_src, near_src) for sk in tgt_keys]
    if met:
        for sets in (src_sets, tgt_sets):
            for s in sets:
                s.update(f"near:{k}" for k in s & met)
    for sets in (src_sets, tgt_sets):
        for s in sets:
            for k in s:
                category.setdefault(k, "near" if k.startswith("near:") else "names")
    df_src = Counter(k for s in src_sets for k in s)
    spec = {k: key_specificity(k, category[k]) for k in category}
    df_tgt = Counter(k for s in tgt_sets for k in s)
    shared = df_src.keys() & df_tgt.keys()
    weight = {
        k: CATEGORY_WEIGHTS.get(category[k], 1.0) * spec[k] / math.sqrt(max(df_src[k], df_tgt[k]))
        for k in shared
    }

    def mass(sets: list[set[str]], df: Counter) -> np.ndarray:
        # Mass of the keys in `mismatch` categories (by default numbers alone): a number on
        # one side and not the other is evidence against a pair; other categories are
        # extracted too unevenly across scripts to count their absence.
        return np.array(
            [sum(CATEGORY_WEIGHTS[category[k]] * spec[k] / math.sqrt(df[k]) for k in s if category[k] in mismatch)
             for s in sets],
            dtype=np.float64,
        )

    src_w = [{k: weight[k] for k in s if k in weight} for s in src_sets]
    tgt_w = [{k: weight[k] for k in s if k in weight} for s in tgt_sets]
    return KeyIndex(src_w, tgt_w, mass(src_sets, df_src), mass(tgt_sets, df_tgt), category, df_src, df_tgt)


# A probe meets a name key one transliteration step away (Инглиш ANGLS / إنجليش ANJLS,
# g read as j) when both skeletons hold at least this many consonant classes: shorter
# ones are Arabic roots (three consonants) and would meet by chance.
NEAR_NAME_MIN = 4
NEAR_NAME_SIMILARITY = 0.8  # `names.skeleton_similarity`: one cheap step in 4, one full step in 5


class _NearNames:
    """The other side's name keys within one edit of a probe skeleton, found through
    one-deletion neighbourhoods (both skeletons with one letter left out meet when they
    differ by one substitution, insertion or deletion) and confirmed by
    `names.skeleton_similarity`, whose costs know which sounds transliterations confuse."""

    def __init__(self, real: set[str]):
        self._by_variant: dict[str, set[str]] = defaultdict(set)
        for k in real:
            sk = _plain_skeleton(k)
            if sk is not None:
                for v in _deletions(sk):
                    self._by_variant[v].add(k)

    def table(self, probes: set[str]) -> dict[str, tuple[str, ...]]:
        """Probe -> the name keys it meets, for the probes that meet any."""
        if not self._by_variant:
            return {}
        from aligner.names import skeletons_close  # noqa: PLC0415

        out = {}
        for probe in probes:
            sk = _plain_skeleton(probe)
            if sk is None:
                continue
            cands = set().union(*(self._by_variant.get(v, ()) for v in _deletions(sk)))
            hit = tuple(sorted(k for k in cands if skeletons_close(sk, k[5:], NEAR_NAME_SIMILARITY)))
            if hit:
                out[probe] = hit
        return out


def _plain_skeleton(key: str) -> str | None:
    """The skeleton of a `name:` key long enough for a near match, else None."""
    if not key.startswith("name:") or "~" in key:
        return None
    sk = key[5:]
    consonants = len(sk) - (sk[:1] in ("A", "Y"))
    return sk if consonants >= NEAR_NAME_MIN else None


def _deletions(sk: str) -> set[str]:
    return {sk} | {sk[:i] + sk[i + 1 :] for i in range(len(sk))}


def key_specificity(key: str, category: str) -> float:
    """How much a matched key proves, relative to its category: "7" is everywhere, "1945"
    or "3.14" is not; a two-consonant name skeleton (Абэ, Дело) collides with many Arabic
    words, a five-consonant one (Ноздрев) almost never. Other keys are 1."""
    if category == "names" and key.startswith("name:"):
        skeleton = key[5:].split("~", 1)[0]
        size = sum(ch.isupper() for ch in skeleton)
        return 0.3 if size <= 2 else 0.7 if size == 3 else 1.0
    if category != "numbers":
        return 1.0
    value = key.split(":", 1)[-1]
    digits = sum(ch.isdigit() for ch in value)
    if key.startswith(("year:", "date:")):
        return 0.8
    return 0.35 if digits <= 1 else 0.6 if digits == 2 else 1.0


def key_overlaps(index: KeyIndex, window=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sparse 1-1 overlap: arrays (s, t, weight) for every sentence pair sharing a key.

    `window(s_array) -> (t_lo, t_hi)` restricts each SRC sentence to TGT sentences
    t_lo <= t < t_hi (the aligner's band). Pairs outside it are never made: a key found in
    k sentences on each side would otherwise make k * k pairs first (a question mark in
    every tenth sentence of a 100k-sentence book: 10^8), and memory would grow with the
    square of the input."""
    postings_t: dict[str, list[int]] = defaultdict(list)
    for t, keys in enumerate(index.tgt):
        for k in keys:
            postings_t[k].append(t)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    postings_s: dict[str, list[int]] = defaultdict(list)
    for s, keys in enumerate(index.src):
        for k in keys:
            postings_s[k].append(s)
    for k, ss in postings_s.items():
        ts = postings_t.get(k)
        if not ts:
            continue
        w = index.src[ss[0]][k]
        sarr = np.asarray(ss, dtype=np.int64)
        tarr = np.asarray(ts, dtype=np.int64)  # ascending: postings are built in order
        if window is None:
            first = np.zeros(len(sarr), dtype=np.int64)
            count = np.full(len(sarr), len(tarr), dtype=np.int64)
        else:
            t_lo, t_hi = window(sarr)
            first = np.searchsorted(tarr, t_lo, side="left")
            count = np.maximum(np.searchsorted(tarr, t_hi, side="left") - first, 0)
        total = int(count.sum())
        if not total:
            continue
        # The TGT postings of each SRC sentence are one slice tarr[first : first + count].
        starts = np.repeat(np.cumsum(count) - count, count)
        sa = np.repeat(sarr, count)
        ta = tarr[np.arange(total) - starts + np.repeat(first, count)]
        rows.append(sa)
        cols.append(ta)
        vals.append(np.full(total, w))
    if not rows:
        e = np.zeros(0, dtype=np.int64)
        return e, e, np.zeros(0)
    s = np.concatenate(rows)
    t = np.concatenate(cols)
    v = np.concatenate(vals)
    # Sum duplicates (several keys shared by one pair).
    if len(s):
        code = s * (len(index.tgt) + 1) + t
        uniq, inv = np.unique(code, return_inverse=True)
        v = np.bincount(inv, weights=v)
        s, t = uniq // (len(index.tgt) + 1), uniq % (len(index.tgt) + 1)
    return s, t, v


def key_evidence(index: KeyIndex, src_ids: Sequence[int], tgt_ids: Sequence[int]) -> dict[str, float]:
    """Per-category agreement of one bead, in [0, 1]: weighted Dice of its key sets.

    Only categories present on at least one side are reported (absence is not agreement)."""
    a: dict[str, float] = {}
    b: dict[str, float] = {}
    for i in src_ids:
        a.update(index.src[i])
    for j in tgt_ids:
        b.update(index.tgt[j])
    by_cat: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for k, w in a.items():
        c = by_cat[index.category[k]]
        c[0] += w
        if k in b:
            c[2] += w
    for k, w in b.items():
        by_cat[index.category[k]][1] += w
    out = {}
    for cat, (wa, wb, wm) in sorted(by_cat.items()):  # sorted: reports byte-identical run to run
        out[cat] = 2 * wm / (wa + wb) if wa + wb > 0 else 0.0
    return out


# ---------------------------------------------------------------------------------------------
# Length (Gale-Church, in log space)
# ---------------------------------------------------------------------------------------------

# Character-length ratio tgt/src and the spread of log ratios of true sentence translations,
# measured on FLORES-200 dev (ar/ru: ratio 0.80, sd 0.17). Chance pairs spread ~0.5.
# (`Language.length_ratios`, by (src, tgt))
LENGTH_RATIO_PRIOR = {(x.code, other): r for x in languages.languages() for other, r in x.length_ratios.items()}
LENGTH_SD = 0.19
LENGTH_SD_CHANCE = 0.55
LENGTH_SMOOTH = 12.0  # characters added to both sides so short sentences do not dominate


def length_llr(src_len, tgt_len, ratio: float, sd: float = LENGTH_SD) -> np.ndarray:
    """Log-likelihood ratio (translation vs chance) of the bead lengths; arrays welcome.

    Gale & Church model the length difference as Gaussian; we model the log ratio, which is
    symmetric and copes with scripts of different density."""
    src_len = np.asarray(src_len, dtype=np.float64)
    tgt_len = np.asarray(tgt_len, dtype=np.float64)
    r = np.log((tgt_len + LENGTH_SMOOTH) / (ratio * (src_len + LENGTH_SMOOTH)))
    return (
        -0.5 * (r / sd) ** 2
        + 0.5 * (r / LENGTH_SD_CHANCE) ** 2
        + math.log(LENGTH_SD_CHANCE / sd)
    )


def length_score(src_len: float, tgt_len: float, ratio: float, sd: float = LENGTH_SD) -> float:
    """Length agreement in [0, 1] for reports: 1 at the expected ratio, 0.61 at one sd."""
    r = math.log((tgt_len + LENGTH_SMOOTH) / (ratio * (src_len + LENGTH_SMOOTH)))
    return math.exp(-0.5 * (r / sd) ** 2)


# ---------------------------------------------------------------------------------------------
# chrF between English pivots
# ---------------------------------------------------------------------------------------------

CHRF_ORDER = 6


class ChrfSignal:
    """chrF (sacreBLEU) between pivot translations: the exact sentence score for reports, and
    a vectorised F from n-gram statistics for the aligner's approximation."""

    def __init__(self):
        from sacrebleu.metrics.chrf import CHRF

        self._chrf = CHRF()

    @staticmethod
    def f_from_stats(hyp: np.ndarray, ref: np.ndarray, match: np.ndarray, beta: float = 2.0) -> np.ndarray:
        """Vectorised sacreBLEU chrF (effective-order averaging) from stats (..., 6) -> [0,1]."""
        match = np.minimum(match, np.minimum(hyp, ref))
        with np.errstate(divide="ignore", invalid="ignore"):
            prec = np.where(hyp > 0, match / np.maximum(hyp, 1e-9), 0.0)
            rec = np.where(ref > 0, match / np.maximum(ref, 1e-9), 0.0)
        valid = (hyp > 0) & (ref > 0)
        n = valid.sum(-1)
        p = np.where(n > 0, (prec * valid).sum(-1) / np.maximum(n, 1), 0.0)
        r = np.where(n > 0, (rec * valid).sum(-1) / np.maximum(n, 1), 0.0)
        f2 = beta * beta
        denom = f2 * p + r
        return np.where(denom > 0, (1 + f2) * p * r / np.where(denom > 0, denom, 1.0), 0.0)

    def exact(self, src_text: str, tgt_text: str) -> float:
        """sacreBLEU sentence chrF in [0, 1] (tgt pivot as hypothesis, src pivot as reference)."""
        return self._chrf.sentence_score(tgt_text, [src_text]).score / 100.0


# chrF of pivots: true translations of one another score ~0.45-0.75 (FLORES ar/ru via MT),
# a perfect pivot pair up to 1.0, chance pairs ~0.15-0.22. The log-odds rises by CHRF_SLOPE
# per unit of chrF through 0 at CHRF_MID up to CHRF_KNEE, then by CHRF_TOP_SLOPE only: a
# full match still scores more than a partial one (a hard clip at 0.73 could not say so),
# yet no pivot pair outweighs the rest of the evidence. Strictly increasing over [0, 1].
CHRF_MID = 0.30
CHRF_SLOPE = 14.0
CHRF_KNEE = 0.70
CHRF_TOP_SLOPE = 2.0


def chrf_llr(chrf: np.ndarray) -> np.ndarray:
    """Log-odds contribution of a pivot chrF value in [0, 1]; monotone, bounded."""
    x = np.asarray(chrf, dtype=np.float64)
    steep = CHRF_SLOPE - CHRF_TOP_SLOPE
    return np.minimum(steep * (x - CHRF_MID), steep * (CHRF_KNEE - CHRF_MID)) + CHRF_TOP_SLOPE * (x - CHRF_MID)


# ---------------------------------------------------------------------------------------------
# Plug-in signals
# ---------------------------------------------------------------------------------------------


@runtime_checkable
class PairSignal(Protocol):
    """A similarity the aligner can take on without changes (`AlignConfig(extra_signals=...)`),
    e.g. multilingual sentence embeddings (LaBSE, LASER) where a user has them.

    `prepare` sees the body sentences of both sides once; `pair_similarity` scores sentence
    pairs by index (arrays, vectorised) in [0, 1]; `similarity` scores a final bead's texts
    for `Bead.evidence[name]`. The aligner adds `weight * (similarity - midpoint)` per
    sentence of a bead (averaged over the bead's diagonal cells) to its log-odds."""

    name: str
    weight: float
    midpoint: float

    def prepare(self, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> None: ...

    def pair_similarity(self, s: np.ndarray, t: np.ndarray) -> np.ndarray: ...

    def similarity(self, src_texts: list[str], tgt_texts: list[str]) -> float: ...
