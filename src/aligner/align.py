"""Stage 5: monotone sentence alignment of the BODY sentences of two documents.

How it works (in the spirit of Gale-Church, Vecalign and Bertalign; our own code):

1. *Keys*: every body sentence gets language-neutral keys (`aligner.signals`: numbers,
   months, places, names, quotes, Latin-script words, sentence marks; plus English content
   words of its pivot when MT is on).
2. *Anchors*: sentence pairs that share rare keys are chained by a weighted longest
   increasing subsequence, so one spurious hit cannot bend the path; anchors that stray from
   their neighbours' line are dropped. The chain, plus both document corners, gives the
   expected diagonal.
3. *Band*: the dynamic programme runs only in a band around that diagonal, as wide as the
   imbalance between consecutive anchors, so cost grows linearly with document length.
   Short documents (up to `AlignConfig.full_dp_max` sentences) get the full matrix.
4. *Scores*: every bead (1-1, 1-2, 2-1, 2-2, ... up to `max_bead`) gets a log-odds score,
   the sum of signal contributions: shared keys (and keys found on one side only), the
   Gale-Church length term, pivot chrF, paragraph starts, and *context* (how near the bead
   sits to an anchor, on the anchors' line; the corners count half, except for the bead
   of the two headlines). Unmatched 1-0 / 0-1 beads score 0, so a bead is
   made only where the evidence for it is positive: low-similarity sentences stay unmatched
   instead of being forced into a bead, and unrelated documents come out mostly unmatched.
5. *Runs*: the DP has three states (after a match, after one skipped sentence, in a gap); a
   match that continues a run earns a bonus where anchors are dense, because translations
   come in runs and chance matches do not. The document start and end count as matches.
   The 0-1 transition is a running maximum along the row, so a row costs a few numpy
   operations.
6. *Second pass*: if most of SRC matched confidently yet something stayed unmatched, the
   confident beads become the anchors and the run bonus applies everywhere, so stretches
   without names or numbers inside a visibly parallel pair are aligned by length and place.
7. *Third pass* (weight-free): a run left unmatched on both sides is aligned by lengths
   alone when a rigid Gale-Church alignment of it scores well and clearly better than the
   same run with TGT rotated (the lengths of a translation agree in order).
8. *Skip placement*: an unmatched sentence beside a 1-1 match may swap with its matched
   neighbour, scored again with the paragraph edge between them counted once
   (`shift_skips`); then a merge pass takes unmatched neighbours into run-on beads (`widen`).

`Bead.similarity` is the logistic of the bead's per-sentence log-odds, an estimate of
P(translation pair) in [0, 1]; `Bead.evidence` holds the per-signal values behind it.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aligner import lexicon, signals
from aligner.types import Bead, Document, Sentence

NEG = -1e18


@dataclass(slots=True)
class AlignConfig:
    """Knobs of the aligner; defaults are tuned on FLORES-200 pseudo-documents and the seeds."""

    max_bead: int = 2  # most sentences one side of a bead may hold in the DP (1..3)
    max_wide: int = 4  # ... and after the merge pass (1-3, 1-4, 3-1, 4-1 run-on beads)
    bias: float = -2.0  # prior log-odds of a pair with no evidence at all
    w_keys: float = 1.0  # scale of shared-key evidence (weights in signals.CATEGORY_WEIGHTS)
    w_mismatch: float = 0.5  # per unit of key mass present on only one side ...
    # ... counting keys of these kinds (names are left out: Arabic name detection is by
    # probes, so a name "missing" on the Arabic side often just was not recognised)
    mismatch_categories: tuple[str, ...] = ("numbers", "places", "months", "latin")
    mismatch_both: float = 0.5  # share of the penalty where both sides have unshared keys
    w_length: float = 1.0  # scale of the Gale-Church log-likelihood ratio
    w_context: float = 3.2  # a bead squeezed between anchors gets up to this much
    w_chrf: float = 1.0  # scale of the pivot chrF term (when pivots exist)
    # scale of the word-lexicon term (`aligner.lexicon`, where the language pair has one):
    # its log-odds of k shared stem pairs were measured on FLORES, so 1 takes them as they are
    w_lexicon: float = 1.0
    chrf_beta: float = 2.0  # chrF's recall weight in the DP
    # ... taken both ways, the lower value: a bead that takes in an unrelated sentence on
    # either side loses recall (chrF alone only charges TGT's extra text as lost precision)
    chrf_symmetric: bool = True
    chrf_adapt: bool = True  # stretch chrF where the anchors' typical chrF beats MT's (a perfect TM)
    w_paragraph: float = 1.0  # scale of the paragraph-edge log-odds (`_paragraph_llr`)
    paragraph_prior: float = 4.0  # pseudo-pairs at chance behind the anchors' paragraph agreement
    paragraph_clip: float = 2.0  # most one paragraph edge can say, either way
    merge_penalty: float = 0.8  # per sentence beyond 1-1, paid once per bead
    continuation: float = 3.0  # a match right after a match (translations come in runs)
    continuation_after_skip: float = 0.6  # share of it across one unmatched sentence
    end_bonus: float = 1.0  # share of the continuation bonus for reaching the document end matched
    density_window: int = 8  # rows either side over which anchor density is measured
    density_none: float = 0.04  # anchor density (anchors per row) that earns no bonus
    density_full: float = 0.25  # anchor density at which the continuation bonus is whole
    trust_floor: float = 1.0  # continuation share everywhere in a visibly parallel pair
    trust_min_share: float = 0.4  # ... i.e. this share of SRC matched confidently in pass 1
    trust_min_unmatched: float = 0.04  # second pass only if pass 1 left this much unmatched
    trust_logit: float = 0.3  # per-sentence log-odds of a bead that counts towards that share
    sure_logit: float = 1.0  # ... and of a sure neighbour, which lends its position to a short run
    gap_fill: bool = True  # weight-free: align runs left unmatched by length and position
    gap_skip: float = 1.0  # ... where a sentence of such a run may stay unmatched at this cost
    gap_rigid: float = 3.0  # skip / merge cost of the rigid alignment that tests a run
    gap_min_score: float = 0.2  # its log-odds per sentence must reach this ...
    gap_null_margin: float = 0.4  # ... and beat the run with TGT rotated by this much
    gap_short: int = 2  # runs this short (a side) cannot be rotated: they need a matched neighbour
    gap_parallel: float = 0.75  # ... or sit in a pair with this share of both sides matched
    gap_max: int = 400  # runs longer than this (a side) are left as they are ...
    gap_max_cells: int = 30_000  # ... and so are runs whose banded DP would exceed this
    context_isolated: float = 0.5  # share of the context term where anchors are sparse
    corner_weight: float = 0.5  # document start/end as context anchors
    # ... except for the bead that opens both documents: a headline is translated as a
    # headline, and a lead dropped after it must not pull the headline's pair one sentence down
    headline_weight: float = 1.0
    context_gap: float = 6.0  # context decays as exp(-(gap - 1) / context_gap)
    anchor_min: float = 1.2  # shared rare-key weight a pair needs to become an anchor
    anchor_max_df: int = 2  # a key is rare if found in at most this many sentences per side
    band: int = 12  # half-width of the band beyond the imbalance between anchors
    full_dp_max: int = 400  # documents up to this many sentences get the full DP matrix
    length_ratio: float | None = None  # tgt/src character ratio; None = estimate
    chunk_rows: int = 256  # rows scored at once (memory bound for long documents)
    extra_signals: tuple[signals.PairSignal, ...] = ()  # plug-ins, e.g. sentence embeddings
    # Bead.similarity = logistic(a * per-sentence log-odds + b): Platt scaling fitted on
    # ntrex128-dev ru->ar without MT (1,999 matched beads of the clean, drop+insert and
    # unrelated-article runs, scored "every link gold"), so that 0.9 is right 9 times in 10.
    # The raw log-odds is over-confident below ~0.9 and the DP's scale is not a probability.
    calibration: tuple[float, float] = (0.64, 1.01)

    def bead_shapes(self) -> list[tuple[int, int]]:
        k = max(1, min(3, self.max_bead))
        return [(a, b) for a in range(1, k + 1) for b in range(1, k + 1)]


# ---------------------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------------------


def align(
    src: Document,
    tgt: Document,
    src_pivots: Sequence[str | None] | None = None,
    tgt_pivots: Sequence[str | None] | None = None,
    config: AlignConfig | None = None,
    *,
    keys: tuple[list[signals.SentenceKeys], list[signals.SentenceKeys]] | None = None,
) -> list[Bead]:
    """Align the body sentences of `src` and `tgt`; beads in document order.

    Every body sentence id of each side is in exactly one bead; unmatched sentences become
    1-0 / 0-1 beads with similarity 0. Pivots (English translations) are indexed by sentence
    id and may contain None; when given, pivot chrF becomes the strongest signal. `keys`
    may carry precomputed keys of both sides' body sentences (`signals.pair_keys` or
    `signals.document_keys`: batch jobs that compare one source with many versions,
    benchmarks that time feature extraction apart)."""
    cfg = config or AlignConfig()
    S = src.body()
    T = tgt.body()
    if not S or not T:
        return [Bead((s.id,), (), 0.0) for s in S] + [Bead((), (t.id,), 0.0) for t in T]
    problem = _Problem.build(S, T, src.lang, tgt.lang, src_pivots, tgt_pivots, cfg, keys)
    path = _dp(problem)
    if problem.retrust(path):  # a visibly parallel pair with weak stretches: second pass
        path = _dp(problem)
    path = problem.fill_gaps(path)  # runs still unmatched: lengths in step say translation
    path = problem.shift_skips(path)  # a skip next to a 1-1: which of the two is the unmatched one
    path = problem.widen(path)  # run-on translations: a bead takes in its unmatched neighbours
    return [problem.bead(*step) for step in path]


# ---------------------------------------------------------------------------------------------
# Problem set-up: features, anchors, band
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Problem:
    S: list[Sentence]
    T: list[Sentence]
    cfg: AlignConfig
    keys: signals.KeyIndex
    ratio: float
    Ls: np.ndarray  # prefix sums of sentence lengths (n+1)
    Lt: np.ndarray
    Ns: np.ndarray  # prefix sums of the key mass in `mismatch_categories`
    Nt: np.ndarray
    par_s: np.ndarray  # 1 where a sentence starts a paragraph (n, plus 1 at the end)
    par_t: np.ndarray
    par_llr: np.ndarray  # (2 edges, 3 outcomes): log-odds of a bead edge's paragraph agreement
    P_s: np.ndarray  # prefix sums of paragraph starts after the first sentence: P_s[k] = starts in 1..k
    P_t: np.ndarray
    anchors_s: np.ndarray  # anchor chain with corner sentinels (-1,-1) ... (n, m)
    anchors_t: np.ndarray
    anchor_set: set[tuple[int, int]]
    lo: np.ndarray  # band start (tgt prefix length) per DP row (n+1)
    W: int
    O_all: np.ndarray  # shared-key weight of sentence pairs in band coordinates (n+1, W)
    O_num: np.ndarray  # the same for keys in `mismatch_categories` only
    chrf: _PivotChrf | None
    cont: np.ndarray  # per DP row: share of the continuation bonus (local anchor density)
    extra: list[tuple[signals.PairSignal, np.ndarray]]  # plug-in similarities in the band
    lex: lexicon.Lexicon | None  # the language pair's word lexicon, if any
    C_lex: np.ndarray  # lexicon entries shared by sentence pairs, band coordinates (n+1, W)
    K_s: np.ndarray  # prefix sums of the stems per sentence the lexicon knows (n+1)
    K_t: np.ndarray
    gap_beads: set[tuple[int, int]]  # (src, tgt) starts of beads made by `fill_gaps`
    _parallel: bool = False  # `fill_gaps`: most of both sides matched in the DP
    stems: tuple[list[frozenset[str]], list[frozenset[str]]] | None = None  # lexicon stems per sentence
    met: list[frozenset[str]] | None = None  # per TGT sentence: the SRC stems it answers (`Lexicon.met`)

    @property
    def n(self) -> int:
        return len(self.S)

    @property
    def m(self) -> int:
        return len(self.T)

    @classmethod
    def build(cls, S, T, src_lang, tgt_lang, src_pivots, tgt_pivots, cfg, keys=None) -> _Problem:
        n, m = len(S), len(T)
        if keys is not None and len(keys[0]) == n and len(keys[1]) == m:
            sk = [signals.SentenceKeys(dict(k.keys), k.probe, k.stems) for k in keys[0]]
            tk = [signals.SentenceKeys(dict(k.keys), k.probe, k.stems) for k in keys[1]]
        else:
            sk, tk = signals.pair_keys([s.text for s in S], src_lang, [t.text for t in T], tgt_lang)
        scr = signals.script(src_lang)
        if scr == signals.script(tgt_lang):  # words written alike count too
            for side, sents in ((sk, S), (tk, T)):
                for x, stems_x in zip(side, _stems(side, sents, scr)):
                    cog = signals.cognate_keys(stems_x, scr)
                    if cog:
                        x.keys = {**x.keys, "cognates": cog}
        sp = _body_pivots(S, src_pivots)
        tp = _body_pivots(T, tgt_pivots)
        if sp is not None and tp is not None:  # English content words make good anchors too
            for side, pv in ((sk, sp), (tk, tp)):
                for x, p in zip(side, pv):
                    pk = signals.pivot_keys(p)
                    if pk:
                        x.keys = {**x.keys, "pivot": pk}
        index = signals.build_key_index(sk, tk, cfg.mismatch_categories,
                                        near_names=signals.script(src_lang) != signals.script(tgt_lang))

        ls = np.array([len(s.text) for s in S], dtype=np.float64)
        lt = np.array([len(t.text) for t in T], dtype=np.float64)
        Ls = np.concatenate([[0.0], np.cumsum(ls)])
        Lt = np.concatenate([[0.0], np.cumsum(lt)])
        Ns = np.concatenate([[0.0], np.cumsum(index.src_total)])
        Nt = np.concatenate([[0.0], np.cumsum(index.tgt_total)])
        par_s = _paragraph_starts(S)
        par_t = _paragraph_starts(T)

        a_s, a_t = _anchors(index, n, m, cfg)
        par_llr = _paragraph_llr(par_s, par_t, a_s[1:-1], a_t[1:-1], cfg)
        ratio = cfg.length_ratio or _length_ratio(ls, lt, a_s, a_t, src_lang, tgt_lang)
        lo, W = _band(a_s, a_t, n, m, cfg)

        def in_band(s_arr):  # TGT sentences of band row s+1: cells k = t + 1 - lo[s+1] in [0, W)
            return lo[s_arr + 1] - 1, lo[s_arr + 1] - 1 + W

        # Pivot words only find anchors; chrF is their say in the score (no double counting).
        content_index = _restrict(index, *(c for c in signals.CATEGORY_WEIGHTS if c != "pivot"))
        O_all = _to_band(signals.key_overlaps(content_index, in_band), lo, W, n)
        num_index = _restrict(index, *cfg.mismatch_categories)
        O_num = _to_band(signals.key_overlaps(num_index, in_band), lo, W, n)
        chrf = _PivotChrf(sp, tp, lo, W, cfg.chrf_beta, cfg.chrf_symmetric) if sp is not None and tp is not None else None
        if chrf is not None and cfg.chrf_adapt:
            chrf.calibrate(lo, a_s[1:-1], a_t[1:-1])
        extra = [(sig, _plugin_band(sig, S, T, src_lang, tgt_lang, lo, W)) for sig in cfg.extra_signals]
        lex = lexicon.load(src_lang, tgt_lang) if cfg.w_lexicon else None
        C_lex = np.zeros((0, 0))
        K_s, K_t = np.zeros(n + 1), np.zeros(m + 1)
        stems = None
        if lex is not None:
            stems = (_stems(sk, S, lex.src_script), _stems(tk, T, lex.tgt_script))
            met = [lex.met(y) for y in stems[1]]
            C_lex = _to_band(lex.counts(stems[0], met, in_band), lo, W, n)
            K_s = np.concatenate([[0.0], np.cumsum([lex.known(x, True) for x in stems[0]])])
            K_t = np.concatenate([[0.0], np.cumsum([lex.known(y, False) for y in stems[1]])])
        anchor_set = {(int(s), int(t)) for s, t in zip(a_s[1:-1], a_t[1:-1])}
        cont = _local_density(a_s[1:-1], n, cfg)
        # P_s[k]: paragraph starts at sentences 1..k (padded: index n and beyond read the total)
        P_s = np.concatenate([[0.0], np.cumsum(par_s[1:n]), [par_s[1:n].sum()] * 2])
        P_t = np.concatenate([[0.0], np.cumsum(par_t[1:m]), [par_t[1:m].sum()] * 2])
        return cls(S, T, cfg, index, ratio, Ls, Lt, Ns, Nt, par_s, par_t, par_llr, P_s, P_t, a_s, a_t, anchor_set,
                   lo, W, O_all, O_num, chrf, cont, extra, lex, C_lex, K_s, K_t, set(), stems=stems,
                   met=met if lex is not None else None)

    # -- scores for a block of DP rows ----------------------------------------------------------

    def scores(self, r0: int, r1: int, a: int, b: int, cols: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """DP score of every bead of shape (a, b) ending at cells of rows r0..r1-1 (band
        coordinates; only band columns `cols` if given): content + size * bias + chrF +
        context + length + paragraph - merge. Also returns the context term, kept as evidence."""
        cfg = self.cfg
        n, m, W = self.n, self.m, self.W
        rows = np.arange(r0, r1)
        J = self.lo[rows][:, None] + (np.arange(W) if cols is None else cols)[None, :]
        ok = (rows[:, None] >= a) & (J >= b) & (J <= m)
        i = rows[:, None]
        i0 = np.maximum(i - a, 0)
        j0 = np.clip(J - b, 0, m)
        Jc = np.clip(J, 0, m)
        size = (a + b) / 2.0

        content = np.zeros(J.shape)
        num = np.zeros(J.shape)
        for p, q in _staircase(a, b):
            content += _gather(self.O_all, self.lo, i - p, J - q)
            num += _gather(self.O_num, self.lo, i - p, J - q)
        mismatch = _mismatch(self.Ns[i] - self.Ns[i0], self.Nt[Jc] - self.Nt[j0], num, cfg)

        src_len = self.Ls[i] - self.Ls[i0]
        tgt_len = self.Lt[Jc] - self.Lt[j0]
        length = signals.length_llr(src_len, tgt_len, self.ratio)

        ctx = self.context(i, a, J, b)
        # An isolated anchor (a shared name in otherwise unrelated texts) lends its
        # neighbours little; anchors in a dense chain lend them a lot.
        trust = cfg.context_isolated + (1.0 - cfg.context_isolated) * self.cont[i]
        per_sentence = cfg.bias
        per_bead = cfg.w_context * ctx * trust  # once: context must not pay for absorbing
        # an unrelated neighbour into a bigger bead
        if self.chrf is not None:  # once per bead: a neighbour taken in is no extra evidence
            per_bead = per_bead + cfg.w_chrf * self.chrf.llr(self.lo, i, a, J, b)
        for sig, band in self.extra:  # plug-ins: mean similarity on the bead's diagonal
            cells = _staircase(a, b)
            sim = sum(_gather(band, self.lo, i - p, J - q) for p, q in cells) / len(cells)
            per_sentence = per_sentence + sig.weight * (sim - sig.midpoint)

        if self.lex is not None:
            # Once per bead, of the entries its diagonal cells share and the stems the
            # lexicon knows on its poorer side (as a line pair, which the table is for). A
            # sentence has ~20 partners in reach to share a word with by chance, and the table
            # comes from another corpus: like context, it counts half where anchors are sparse.
            shared = sum(_gather(self.C_lex, self.lo, i - p, J - q) for p, q in _staircase(a, b))
            known = np.minimum(self.K_s[i] - self.K_s[i0], self.K_t[Jc] - self.K_t[j0])
            per_bead = per_bead + cfg.w_lexicon * self.lex.value(shared, known) * trust
        par = self.paragraph(i0, i, j0, Jc)
        score = (
            cfg.w_keys * content
            - cfg.w_mismatch * mismatch
            + size * per_sentence
            + per_bead
            + cfg.w_length * length  # once per bead: merged lengths are not extra evidence
            + cfg.w_paragraph * par
            - cfg.merge_penalty * (a + b - 2)
        )
        return np.where(ok, score, NEG), ctx

    def paragraph(self, i0, i1, j0, j1) -> np.ndarray:
        """Log-odds of a bead's paragraph edges (src i0..i1-1, tgt j0..j1-1): does it start a
        paragraph on both sides, one, or neither; and does it end one (`_paragraph_llr`)."""
        def outcome(a, b):  # 0 both, 1 one side only, 2 neither
            return np.where(a * b > 0, 0, np.where(a + b > 0, 1, 2))
        start = outcome(self.par_s[i0], self.par_t[j0])
        end = outcome(self.par_s[i1], self.par_t[j1])
        # Inside a wide bead: a paragraph edge one side has and the other lacks is a bead
        # edge on one side only (an inserted paragraph taken into its neighbour's bead).
        inner = np.abs((self.P_s[np.maximum(i1, i0 + 1) - 1] - self.P_s[i0]) - (self.P_t[np.maximum(j1, j0 + 1) - 1] - self.P_t[j0]))
        return self.par_llr[0][start] + self.par_llr[1][end] + inner * self.par_llr[0][1]

    def context(self, i, a: int, J, b: int) -> np.ndarray:
        """In [0, 1]: how well a bead (src i-a..i-1, tgt J-b..J-1) sits between anchors."""
        A_s, A_t = self.anchors_s, self.anchors_t
        start = i - a
        prev = np.searchsorted(A_s, start, side="left") - 1  # last anchor with s < start
        nxt = np.searchsorted(A_s, i, side="left")  # first anchor with s >= i
        prev = np.broadcast_to(prev, J.shape)
        nxt = np.broadcast_to(nxt, J.shape)
        sP, tP, sN, tN = A_s[prev], A_t[prev], A_s[nxt], A_t[nxt]
        consistent = (J - b > tP) & (J <= tN)
        cfg = self.cfg
        # Distance from the previous anchor (1 = right after it) and to the next one (1 =
        # right before it), on each side; off-diagonal = the two sides disagree.
        dp_s, dp_t = (start - sP).astype(np.float64), (J - b - tP).astype(np.float64)
        dn_s, dn_t = (sN - i + 1).astype(np.float64), (tN - J + 1).astype(np.float64)
        gap_imb = np.abs((sN - sP) - (tN - tP)).astype(np.float64)

        def near(ds, dt):
            d = np.maximum(np.maximum(ds, dt), 1.0)
            spread = 0.6 + 0.1 * d + 0.5 * gap_imb
            return np.exp(-np.maximum(d - 1.0, 0.0) / cfg.context_gap) * np.exp(
                -0.5 * ((ds - dt) / spread) ** 2
            )

        # The document corners are weaker anchors than real ones: unrelated texts have them
        # too. The bead at the start corner itself (the headlines) is the exception.
        opens = (start == 0) & (J - b == 0)
        w_prev = np.where(prev == 0, np.where(opens, cfg.headline_weight, cfg.corner_weight), 1.0)
        w_next = np.where(nxt == len(A_s) - 1, cfg.corner_weight, 1.0)
        ctx = np.maximum(w_prev * near(dp_s, dp_t), w_next * near(dn_s, dn_t))
        # A bead that contains an anchor on the src side: 1 if it also holds the anchor's
        # tgt sentence, else 0 (it would cut through the anchor chain).
        inside = nxt - prev > 1
        if inside.any():
            tI = A_t[np.minimum(prev + 1, len(A_t) - 1)]
            holds = (tI >= J - b) & (tI < J)
            ctx = np.where(inside, np.where(holds, 1.0, 0.0), ctx)
        return np.where(consistent | inside, ctx, 0.0)

    # -- second pass, final beads --------------------------------------------------------------

    def retrust(self, path) -> bool:
        """After a first pass: if most of SRC matched with confidence, the two texts are
        visibly parallel, so stretches without anchors of their own (no names, no numbers)
        get the benefit of the doubt: the confident beads become the anchors and the
        continuation bonus gets a floor. Returns True when a second pass is worthwhile."""
        cfg = self.cfg
        size = lambda st: (st[1] - st[0] + st[3] - st[2]) / 2.0  # noqa: E731
        confident = [st for st in path if st[1] > st[0] and st[3] > st[2] and st[4] / size(st) >= cfg.trust_logit]
        matched = [st for st in path if st[1] > st[0] and st[3] > st[2]]
        share = sum(st[1] - st[0] for st in confident) / max(self.n, 1)
        unmatched = 1.0 - sum(st[1] - st[0] for st in matched) / max(self.n, 1)
        if share < cfg.trust_min_share or unmatched < cfg.trust_min_unmatched:
            return False
        pairs = [(st[0], st[2]) for st in confident]
        self.anchors_s = np.array([-1] + [a for a, _ in pairs] + [self.n], dtype=np.int64)
        self.anchors_t = np.array([-1] + [b for _, b in pairs] + [self.m], dtype=np.int64)
        floor = cfg.trust_floor * min(1.0, (share - 0.3) / 0.4)
        self.cont = np.maximum(self.cont, floor)
        return True

    def _cell(self, i: int, J: int, a: int, b: int) -> tuple[float, float]:
        """DP score of the bead of shape (a, b) ending at (i, J) without its context term
        (NEG outside the band), and the context."""
        k = J - int(self.lo[i])
        if not 0 <= k < self.W:
            return NEG, 0.0
        sc, ctx = self.scores(i, i + 1, a, b, np.array([k]))
        cfg = self.cfg
        trust = cfg.context_isolated + (1.0 - cfg.context_isolated) * self.cont[i]
        return float(sc[0][0] - cfg.w_context * ctx[0][0] * trust), float(ctx[0][0])

    def _skip_credit(self, edge: float, before: float, after: float) -> float:
        """What a skip's neighbours pay for a paragraph edge counted twice: a skipped
        sentence sits between two cuts that share the other side's position, so that side's
        edge there (`edge`) is read at both, once as matched and once as one-sided. Giving
        back the one-sided reading leaves it counted once, as matched (`before`/`after`:
        whether the skipped sentence, and the one after it, open a paragraph)."""
        if not edge or bool(before) == bool(after):
            return 0.0
        b0, o0 = self.par_llr[0][0], self.par_llr[0][1]
        b1, o1 = self.par_llr[1][0], self.par_llr[1][1]
        # the skipped sentence opens: the bead after it starts one-sided; else the bead
        # before it ends one-sided
        return self.cfg.w_paragraph * ((b0 - o0) if before else (b1 - o1))

    def shift_skips(self, path):
        """A sentence left unmatched beside a 1-1 match, between matches: which of the two
        same-side sentences takes the match. Where the two score alike, the DP's paragraph
        term decided by an edge counted twice (`_skip_credit`); scored with every edge
        counted once, the other choice may win, and a dropped paragraph opener is claimed
        where it was, not one sentence off. Both choices sit between the same two matches,
        so context is left out of the comparison (after the second pass the chosen bead is
        an anchor itself). With pivots chrF tells the two apart; the pass is for the ties of
        weight-free alignment."""
        if self.chrf is not None:
            return path
        path = list(path)
        one_one = lambda st: st[1] - st[0] == 1 and st[3] - st[2] == 1  # noqa: E731
        ps, pt = self.par_s, self.par_t
        for k in range(1, len(path) - 2):
            for m_k, u_k in ((k, k + 1), (k + 1, k)):
                m_, u = path[m_k], path[u_k]
                lo_, hi_ = min(m_k, u_k), max(m_k, u_k)
                if not (one_one(m_) and _matched(path[lo_ - 1]) and hi_ + 1 < len(path) and _matched(path[hi_ + 1])):
                    continue
                src_skip = u[1] - u[0] == 1 and u[3] == u[2]
                if not src_skip and not (u[3] - u[2] == 1 and u[1] == u[0]):
                    continue
                # the two sentences of the skipped side, x then x+1, and the other side's one
                if src_skip:
                    x, y = min(m_[0], u[0]), m_[2]
                    cut = lambda z: ps[z]  # noqa: E731
                    other = pt
                    cell = lambda z: self._cell(z + 1, y + 1, 1, 1)  # noqa: E731
                else:
                    x, y = min(m_[2], u[2]), m_[0]
                    cut = lambda z: pt[z]  # noqa: E731
                    other = ps
                    cell = lambda z: self._cell(y + 1, z + 1, 1, 1)  # noqa: E731
                first_matched = (m_[0] if src_skip else m_[2]) == x
                # A: x matched, x+1 skipped (at the other side's cut y+1); B: x skipped (at y)
                credit_a = self._skip_credit(other[y + 1], cut(x + 1), cut(x + 2))
                credit_b = self._skip_credit(other[y], cut(x), cut(x + 1))
                if credit_a == credit_b:
                    continue  # no edge read twice in one choice only: the DP's choice stands
                cells = {x: cell(x), x + 1: cell(x + 1)}  # (score without context, context)
                a = cells[x][0] + credit_a
                b = cells[x + 1][0] + credit_b
                now, alt = (a, b) if first_matched else (b, a)
                if alt > now:
                    z, gone = (x + 1, x) if first_matched else (x, x + 1)  # matched now / skipped now
                    sc, ctx = cells[z]
                    score = sc + m_[4] - cells[gone][0]  # the run bonus and context the match had
                    if src_skip:
                        steps = [(gone, gone + 1, y, y, 0.0, 0.0), (z, z + 1, y, y + 1, score, ctx)]
                    else:
                        steps = [(y, y, gone, gone + 1, 0.0, 0.0), (y, y + 1, z, z + 1, score, ctx)]
                    if gone > z:
                        steps.reverse()
                    path[lo_], path[hi_] = steps
                    break
        return path

    def fill_gaps(self, path):
        """Third pass (weight-free, or where pivots are missing): a run of unmatched sentences on both sides between
        two matched beads (or a document edge) is aligned by Gale-Church lengths alone when
        the lengths, in order, say it is a translation (`_gap_path`). Sentences without
        names or numbers give the DP only length and position, and the run bonus does not
        reach far from anchors, so a parallel stretch could come out as a block of
        omissions followed by a block of additions."""
        cfg = self.cfg
        if not cfg.gap_fill or self.extra:
            return path  # with plug-ins the DP's "no" rests on content: keep it
        # A pair that is visibly a translation as a whole (most of both sides matched) vouches
        # for the beads around a short run even where each alone is unsure.
        covered = (sum(st[1] - st[0] for st in path if _matched(st)) / max(self.n, 1),
                   sum(st[3] - st[2] for st in path if _matched(st)) / max(self.m, 1))
        self._parallel = min(covered) >= cfg.gap_parallel
        out = []
        k = 0
        while k < len(path):
            if _matched(path[k]):
                out.append(path[k])
                k += 1
                continue
            e = k
            while e < len(path) and not _matched(path[e]):
                e += 1
            s0, s1, t0, t1 = path[k][0], path[e - 1][1], path[k][2], path[e - 1][3]
            filled = None
            # With pivots the DP's "no" rests on content; a missing pivot is missing
            # evidence, so a run mostly without pivots (a partial translation memory) on
            # both sides is tested by lengths.
            blind = self.chrf is None or (s1 > s0 and t1 > t0 and min(self.chrf.src_ok[s0:s1].mean(),
                                                                      self.chrf.tgt_ok[t0:t1].mean()) < 0.5)
            if blind and s1 > s0 and t1 > t0 and max(s1 - s0, t1 - t0) <= cfg.gap_max:
                # each end: a document edge (None) or whether the matched bead there is sure
                ends = [None if k == 0 else self._confident(path[k - 1]),
                        None if e == len(path) else self._confident(path[e])]
                filled = self._gap_path(s0, s1, t0, t1, ends)
            out.extend(filled if filled is not None else path[k:e])
            k = e
        return out

    def _confident(self, st) -> bool:
        """A DP step is a sure match: per-sentence log-odds of at least `sure_logit`."""
        return st[4] / ((st[1] - st[0] + st[3] - st[2]) / 2.0) >= self.cfg.sure_logit

    def _gap_path(self, s0: int, s1: int, t0: int, t1: int, ends: list[bool | None]):
        """Length-only alignment of src s0..s1-1 with tgt t0..t1-1 (steps as in `_dp`), or
        None when the run does not look like a translation of itself.

        The test is *rigid*: the run is aligned 1-1 along its diagonal with every skip or
        merge costing `gap_rigid` (a flexible alignment can make any two texts' lengths
        agree). The run passes if that alignment's log-odds per sentence reaches
        `gap_min_score`, and beats the same run with TGT rotated (a permutation null: the
        lengths of a translation agree *in this order*) by `gap_null_margin`. Runs too short
        to rotate (<= `gap_short` sentences a side) must sit next to a sure match (`ends`).
        The beads come from a flexible pass (skips `gap_skip`, merges as in the DP)."""
        cfg = self.cfg
        ks, kt = s1 - s0, t1 - t0
        if max(ks, kt) > 2 * min(ks, kt) + 1:
            return None  # counts this far apart: insertions or omissions, not one text
        if ks * (2 * (abs(ks - kt) + 3) + 1) > cfg.gap_max_cells:
            return None  # (pure-Python DP: bounded work per run)
        src = [(float(self.Ls[x + 1] - self.Ls[x]), self.keys.src[x], float(self.Ns[x + 1] - self.Ns[x]), x)
               for x in range(s0, s1)]
        tgt = [(float(self.Lt[y + 1] - self.Lt[y]), self.keys.tgt[y], float(self.Nt[y + 1] - self.Nt[y]), y)
               for y in range(t0, t1)]
        size = max(ks, kt)
        # |ks - kt| moves off the diagonal are unavoidable: they are not held against it.
        free = cfg.gap_rigid * abs(ks - kt)
        # The bar is for lengths (the lexicon, where there is one, is no part of it: a pair
        # sharing no entries says "no" to its own bead, not to the run); against the
        # rotations the lexicon counts too.
        score = (self._gap_dp(src, tgt, cfg.gap_rigid, cfg.gap_rigid, words=False)[1] + free) / size
        if score < cfg.gap_min_score:
            return None
        if self.lex is not None:
            score = (self._gap_dp(src, tgt, cfg.gap_rigid, cfg.gap_rigid)[1] + free) / size
        if min(ks, kt) <= cfg.gap_short:
            # A maximal run is bounded by matched beads or document edges; a short one takes
            # its position from them, so one of them must be a sure match (a chance match in
            # unrelated text says nothing about its neighbours).
            if max(ks, kt) > cfg.gap_short + 1:
                return None
            if not self._parallel and True not in ends:
                return None
        else:
            nulls = [(self._gap_dp(src, tgt[r:] + tgt[:r], cfg.gap_rigid, cfg.gap_rigid)[1] + free) / size
                     for r in _rotations(kt)]
            if score < max(nulls) + cfg.gap_null_margin:
                return None
        steps, _ = self._gap_dp(src, tgt, cfg.gap_skip, cfg.merge_penalty)
        out = []
        for a0, a1, b0, b1, sc in steps:
            out.append((s0 + a0, s0 + a1, t0 + b0, t0 + b1, sc, 0.0))
            if a1 > a0 and b1 > b0:
                self.gap_beads.add((s0 + a0, t0 + b0))
        return out

    def _gap_dp(self, src, tgt, skip: float, merge: float, words: bool = True):
        """Best path over per-sentence (length, keys, figure mass) lists with beads 1-1, 2-1,
        1-2 (a merge costs `merge` per extra sentence) and skips (`skip` each), in a band
        around the diagonal: (steps, total log-odds)."""
        ks, kt = len(src), len(tgt)
        half = abs(ks - kt) + 3
        best: dict[tuple[int, int], tuple[float, int, int, float]] = {(0, 0): (0.0, 0, 0, 0.0)}
        for i in range(ks + 1):
            centre = i * kt / ks
            for j in range(max(0, int(centre) - half), min(kt, int(math.ceil(centre)) + half) + 1):
                if i == 0 and j == 0:
                    continue
                cand = None
                for a, b in _GAP_MOVES:
                    prev = best.get((i - a, j - b))
                    if prev is None:
                        continue
                    if a and b:
                        sc = self._gap_bead(src[i - a : i], tgt[j - b : j], words) - merge * (a + b - 2)
                    else:
                        sc = -skip
                    v = prev[0] + sc
                    if cand is None or v > cand[0]:
                        cand = (v, a, b, sc)
                if cand is not None:
                    best[(i, j)] = cand
        if (ks, kt) not in best:  # pragma: no cover - the band always reaches the corner
            return [], -math.inf
        steps = []
        i, j = ks, kt
        while i or j:
            _, a, b, sc = best[(i, j)]
            steps.append((i - a, i, j - b, j, sc if a and b else 0.0))
            i, j = i - a, j - b
        steps.reverse()
        return steps, best[(ks, kt)][0]

    def _gap_bead(self, src, tgt, words: bool = True) -> float:
        """Log-odds of a bead inside an unmatched run: lengths, shared keys, figures found on
        one side only, lexicon entries shared (`words`; the caller charges merges; paragraph
        edges are left out: the rigid test compares the run with itself rotated, and edges
        would favour neither)."""
        cfg = self.cfg
        lex = 0.0
        if words and self.lex is not None:
            lex = cfg.w_lexicon * self._words_llr([x[3] for x in src], [y[3] for y in tgt]) * self._trust(src[-1][3] + 1)
        ls = sum(x[0] for x in src)
        lt = sum(y[0] for y in tgt)
        r = math.log((lt + signals.LENGTH_SMOOTH) / (self.ratio * (ls + signals.LENGTH_SMOOTH)))
        sd, sdc = signals.LENGTH_SD, signals.LENGTH_SD_CHANCE
        llr = -0.5 * (r / sd) ** 2 + 0.5 * (r / sdc) ** 2 + math.log(sdc / sd)
        shared = shared_num = 0.0
        if any(x[1] for x in src) and any(y[1] for y in tgt):
            a_keys: dict[str, float] = {}
            b_keys: dict[str, float] = {}
            for x in src:
                a_keys.update(x[1])
            for y in tgt:
                b_keys.update(y[1])
            cats = cfg.mismatch_categories
            for k, w in a_keys.items():
                if k in b_keys:
                    cat = self.keys.category[k]
                    shared += w if cat != "pivot" else 0.0
                    shared_num += w if cat in cats else 0.0
        mismatch = float(_mismatch(sum(x[2] for x in src), sum(y[2] for y in tgt), shared_num, cfg))
        return cfg.w_length * llr + cfg.w_keys * shared - cfg.w_mismatch * mismatch + lex

    def _trust(self, row: int) -> float:
        """How much anchor-free evidence (context, the lexicon) counts at DP row `row`:
        half where anchors are sparse, all of it inside a dense chain."""
        return self.cfg.context_isolated + (1.0 - self.cfg.context_isolated) * float(self.cont[min(row, self.n)])

    def _words_llr(self, src_ids, tgt_ids) -> float:
        """The lexicon's log-odds for SRC sentences `src_ids` against TGT sentences `tgt_ids`."""
        src_ids, tgt_ids = list(src_ids), list(tgt_ids)
        known = min(sum(self.K_s[k + 1] - self.K_s[k] for k in src_ids), sum(self.K_t[k + 1] - self.K_t[k] for k in tgt_ids))
        return float(self.lex.value(self._shared_words(src_ids, tgt_ids), known))

    def _shared_words(self, src_ids, tgt_ids) -> int:
        """Lexicon entries shared by SRC sentences `src_ids` and TGT sentences `tgt_ids`."""
        if len(src_ids) == 1 and len(tgt_ids) == 1:  # most beads: no unions to build
            return len(self.stems[0][src_ids[0]] & self.met[tgt_ids[0]])
        a = frozenset().union(*(self.stems[0][k] for k in src_ids))
        return len(a & frozenset().union(*(self.met[k] for k in tgt_ids)))

    def widen(self, path):
        """Merge pass: a matched bead next to an unmatched sentence takes it in (up to
        `max_wide` sentences a side, the other side unchanged) when the bead's lengths (and,
        with pivots, its chrF evidence, `_pivot_gain`) then agree so much better that it pays
        the merge penalty and the extra half sentence's prior: a translator who joins three or
        four sentences into one leaves the DP's widest bead (2) short. With pivots the merge
        must not lose chrF evidence; with plug-in signals the pass is off."""
        cfg = self.cfg
        if cfg.max_wide <= cfg.max_bead or self.extra:
            return path  # (a plug-in's "no" rests on content, which lengths cannot overrule)
        path = list(path)
        k = 0
        while k < len(path):  # one scan: a merged bead is looked at again, nothing before it changed
            st = path[k]
            merged = False
            for nb in (k - 1, k + 1) if _matched(st) else ():
                if not 0 <= nb < len(path) or _matched(path[nb]):
                    continue
                u = path[nb]
                side_src = u[1] > u[0]
                a0, a1, b0, b1 = st[0], st[1], st[2], st[3]
                if side_src:
                    a0, a1 = min(a0, u[0]), max(a1, u[1])
                else:
                    b0, b1 = min(b0, u[2]), max(b1, u[3])
                if (a1 - a0 if side_src else b1 - b0) > cfg.max_wide or (a1 - a0 > 1 and b1 - b0 > 1):
                    continue
                share = self._piece_share(st, u, side_src)
                cost = (cfg.merge_penalty - 0.5 * cfg.bias) * share
                gain = self._bead_llr(a0, a1, b0, b1) - self._bead_llr(st[0], st[1], st[2], st[3]) - cost
                if self.lex is not None:  # the piece brings its own words, or says it is no translation
                    piece = (range(u[0], u[1]), range(st[2], st[3])) if side_src else (range(st[0], st[1]), range(u[2], u[3]))
                    gain += share * cfg.w_lexicon * self._words_llr(*piece) * self._trust(st[1])
                pivots = self._pivot_gain(st, (a0, a1, b0, b1))
                if pivots is not None and pivots < 0:
                    continue  # the merged pivots agree less: no run-on translation
                if gain + (pivots or 0.0) <= 0:
                    continue
                path[min(k, nb)] = (a0, a1, b0, b1, st[4] + gain, st[5])
                del path[max(k, nb)]
                k = min(k, nb)
                merged = True
                break
            if not merged:
                k += 1
        return path

    def _piece_share(self, st, u, side_src: bool) -> float:
        """How much of a whole sentence the unmatched `u` is, for the cost of taking it into
        bead `st`: 1, or, for a short piece in the same paragraph as the bead's sentence next
        to it (a split-off "Dr. PawPaw.", an attribution tail), its length over half the
        bead's length on that side. Such a piece left out would read as an addition."""
        sents, lens = (self.S, self.Ls) if side_src else (self.T, self.Lt)
        x = u[0] if side_src else u[2]
        lo_, hi_ = (st[0], st[1]) if side_src else (st[2], st[3])
        nb = lo_ if x < lo_ else hi_ - 1
        if sents[x].paragraph != sents[nb].paragraph:
            return 1.0
        piece = float(lens[x + 1] - lens[x])
        return min(1.0, 2.0 * piece / max(float(lens[hi_] - lens[lo_]), 1.0))

    def _bead_llr(self, a0: int, a1: int, b0: int, b1: int) -> float:
        """Length, key and mismatch log-odds of any bead (as in the third pass; the merge pass
        weighs the lexicon of a piece itself)."""
        src = [(float(self.Ls[x + 1] - self.Ls[x]), self.keys.src[x], float(self.Ns[x + 1] - self.Ns[x]), x)
               for x in range(a0, a1)]
        tgt = [(float(self.Lt[y + 1] - self.Lt[y]), self.keys.tgt[y], float(self.Nt[y + 1] - self.Nt[y]), y)
               for y in range(b0, b1)]
        return self._gap_bead(src, tgt, words=False)

    def _pivot_gain(self, old, new) -> float | None:
        """What merging bead `old` into `new` changes in the DP's chrF evidence (exact chrF,
        both ways, the lower, on the bead's curve; times its size), or None without pivots on
        both sides. A merged sentence without a pivot is missing evidence: the merge may then
        lose by chrF per sentence, never gain."""
        if self.chrf is None:
            return None

        def per_sentence(a0, a1, b0, b1):
            sp = " ".join(p for p in self.chrf.src_text[a0:a1] if p)
            tp = " ".join(p for p in self.chrf.tgt_text[b0:b1] if p)
            if not (sp and tp):
                return None
            return float(self.chrf.curve(min(self.chrf.exact(sp, tp), self.chrf.exact(tp, sp))))

        before, after = per_sentence(*old[:4]), per_sentence(*new[:4])
        if before is None or after is None:
            return None
        a0, a1, b0, b1 = new[:4]
        if not (self.chrf.src_ok[a0:a1].all() and self.chrf.tgt_ok[b0:b1].all()):
            return min(0.0, after - before)
        size = lambda st: (st[1] - st[0] + st[3] - st[2]) / 2.0  # noqa: E731
        return self.cfg.w_chrf * (size(new) * after - size(old) * before)

    def bead(self, a0: int, a1: int, b0: int, b1: int, score: float, ctx: float) -> Bead:
        """The Bead for src sentences a0..a1-1 and tgt b0..b1-1 with its DP score (continuation
        included) and context, plus exact per-signal evidence."""
        src_ids = tuple(s.id for s in self.S[a0:a1])
        tgt_ids = tuple(t.id for t in self.T[b0:b1])
        if a0 == a1 or b0 == b1:
            return Bead(src_ids, tgt_ids, 0.0, {})
        a, b = a1 - a0, b1 - b0
        size = (a + b) / 2.0
        a_cal, b_cal = self.cfg.calibration
        logit = a_cal * max(min(score / size, 50.0), -50.0) + b_cal
        similarity = 1.0 / (1.0 + math.exp(-logit))
        ev: dict[str, float] = {}
        ev.update(signals.key_evidence(self.keys, range(a0, a1), range(b0, b1)))
        ls = float(self.Ls[a1] - self.Ls[a0])
        lt = float(self.Lt[b1] - self.Lt[b0])
        ev["length"] = signals.length_score(ls, lt, self.ratio)
        ev["context"] = float(ctx)
        if self.lex is not None:
            ev["words"] = float(self._shared_words(range(a0, a1), range(b0, b1)))
        if self.par_s[a0] and self.par_t[b0]:
            ev["paragraph"] = 1.0
        if any((s, t) in self.anchor_set for s in range(a0, a1) for t in range(b0, b1)):
            ev["anchor"] = 1.0
        if (a0, b0) in self.gap_beads:
            ev["position"] = 1.0  # aligned by length and position inside an unmatched run
        if self.chrf is not None:
            sp = " ".join(p for p in self.chrf.src_text[a0:a1] if p)
            tp = " ".join(p for p in self.chrf.tgt_text[b0:b1] if p)
            if sp and tp:
                ev["chrf"] = self.chrf.exact(sp, tp)
        for sig, _ in self.extra:
            ev[sig.name] = float(sig.similarity(
                [self.S[k].text for k in range(a0, a1)], [self.T[k].text for k in range(b0, b1)]))
        ev.pop("pivot", None)
        return Bead(src_ids, tgt_ids, min(1.0, max(0.0, similarity)), ev)


def _mismatch(src_mass, tgt_mass, shared, cfg: AlignConfig):
    """Key mass (figures, places, months, Latin words) that one side of a bead has and the
    other lacks. A figure on one side only is what an omission looks like; figures on both
    sides that differ are as often a converted unit or a rounded amount (10 inches = 25 cm),
    so the part the other side matches with figures of its own counts `mismatch_both`."""
    us = np.maximum(src_mass - shared, 0.0)
    ut = np.maximum(tgt_mass - shared, 0.0)
    return np.abs(us - ut) + 2.0 * cfg.mismatch_both * np.minimum(us, ut)


_GAP_MOVES = ((1, 0), (0, 1), (1, 1), (2, 1), (1, 2))


def _rotations(k: int) -> list[int]:
    """TGT rotations for the permutation null of a run of k sentences: a few offsets spread
    over the run (none for k < 3, where rotating cannot break an order)."""
    if k < 3:
        return []
    return sorted({max(1, min(k - 1, round(k * f))) for f in (0.25, 0.5, 0.75)})


def _body_pivots(sents: list[Sentence], pivots) -> list[str | None] | None:
    if pivots is None:
        return None
    return [pivots[s.id] if s.id < len(pivots) else None for s in sents]


def _paragraph_starts(sents: list[Sentence]) -> np.ndarray:
    """1 where a sentence opens a paragraph; one extra 1 after the last sentence, so a bead
    ends a paragraph where the sentence after it starts one."""
    out = np.ones(len(sents) + 1)
    prev = None
    for k, s in enumerate(sents):
        out[k] = 1.0 if s.paragraph != prev else 0.0
        prev = s.paragraph
    return out


def _paragraph_llr(par_s: np.ndarray, par_t: np.ndarray, a_s: np.ndarray, a_t: np.ndarray,
                   cfg: AlignConfig) -> np.ndarray:
    """Log-odds (translation vs chance) of the three outcomes at a bead's start and at its
    end: a paragraph edge on both sides, on one side only, on neither.

    Translators usually keep paragraphs, but not always (outlets re-paragraph), so the
    document itself says how much they are worth: the anchor pairs (sure 1-1 matches from
    rare keys) give the outcome frequencies of true pairs, smoothed towards chance by
    `paragraph_prior` pseudo-pairs; chance is both sides' paragraph rates independent. With
    no anchors every log-odds is 0; with anchors that all agree on paragraphs, a bead that
    opens a paragraph on one side only costs ~log(prior / (anchors + prior))."""
    n, m = len(par_s) - 1, len(par_t) - 1
    out = np.zeros((2, 3))
    for edge, (fs, ft) in enumerate(((par_s[:n], par_t[:m]), (par_s[1:], par_t[1:]))):
        ps, pt = float(fs.mean()), float(ft.mean())
        chance = np.array([ps * pt, ps * (1 - pt) + (1 - ps) * pt, (1 - ps) * (1 - pt)])
        counts = np.zeros(3)
        for s, t in zip(a_s, a_t):
            x, y = fs[int(s)], ft[int(t)]
            counts[0 if x and y else 1 if x or y else 2] += 1
        q = (counts + cfg.paragraph_prior * chance) / (counts.sum() + cfg.paragraph_prior)
        with np.errstate(divide="ignore"):
            out[edge] = np.clip(np.log(np.maximum(q, 1e-9) / np.maximum(chance, 1e-9)), -cfg.paragraph_clip,
                                cfg.paragraph_clip)
    return out


def _stems(keys: list[signals.SentenceKeys], sents: list[Sentence], script: str) -> list[frozenset[str]]:
    """Each sentence's word stems: the ones made with its keys, else made here."""
    return [k.stems if k.stems is not None else lexicon.stems(x.text, script) for k, x in zip(keys, sents)]


def _restrict(index: signals.KeyIndex, *categories: str) -> signals.KeyIndex:
    """The index with only keys of these categories (the same object when nothing drops)."""
    allowed = {k for k, c in index.category.items() if c in categories}
    if len(allowed) == len(index.category):
        return index
    keep = lambda d: {k: w for k, w in d.items() if k in allowed} if d else d  # noqa: E731
    return signals.KeyIndex([keep(d) for d in index.src], [keep(d) for d in index.tgt],
                            index.src_total, index.tgt_total, index.category, index.df_src, index.df_tgt)


def _anchors(index: signals.KeyIndex, n: int, m: int, cfg: AlignConfig) -> tuple[np.ndarray, np.ndarray]:
    """Longest increasing chain of pairs sharing rare keys, with corner sentinels.

    "Rare" scales with length (a name may recur ten times in a book, yet only once per
    chapter); the longest chain keeps the copies that run along the diagonal, and a second
    pass drops anchors that stray from their neighbours' line."""
    max_df = max(cfg.anchor_max_df, math.ceil(max(n, m) / 100))

    def rare(k: str) -> bool:
        return index.df_src.get(k, 0) <= max_df and index.df_tgt.get(k, 0) <= max_df

    post: dict[str, list[int]] = {}
    for t, d in enumerate(index.tgt):
        for k in d:
            if rare(k):
                post.setdefault(k, []).append(t)
    scale = m / max(n, 1)
    cands: list[tuple[int, int, float]] = []
    for s, d in enumerate(index.src):
        score: dict[int, float] = {}
        for k in d:
            ts = post.get(k)
            if not ts:
                continue
            if len(ts) * index.df_src[k] > 16:
                # A recurring key pairs each SRC occurrence with the two TGT occurrences
                # nearest its proportional position only: candidates grow linearly, and
                # the chain still picks the copies that run along the diagonal.
                at = bisect.bisect_left(ts, s * scale)
                ts = ts[max(at - 1, 0) : at + 1]
            cat = index.category[k]
            w = signals.CATEGORY_WEIGHTS.get(cat, 1.0) * signals.key_specificity(k, cat)
            for t in ts:
                score[t] = score.get(t, 0.0) + w
        cands.extend((s, t, w) for t, w in score.items() if w >= cfg.anchor_min)
    chain = _drop_strays(_lis(cands))
    a_s = np.array([-1] + [s for s, _ in chain] + [n], dtype=np.int64)
    a_t = np.array([-1] + [t for _, t in chain] + [m], dtype=np.int64)
    return a_s, a_t


def _drop_strays(chain: list[tuple[int, int]], k: int = 3) -> list[tuple[int, int]]:
    """Remove anchors far off the line through their k-th neighbours on both sides."""
    if len(chain) < 2 * k + 1:
        return chain
    s = np.array([c[0] for c in chain], dtype=np.float64)
    t = np.array([c[1] for c in chain], dtype=np.float64)
    keep = np.ones(len(chain), dtype=bool)
    for i in range(k, len(chain) - k):
        s0, s1, t0, t1 = s[i - k], s[i + k], t[i - k], t[i + k]
        pred = t0 + (t1 - t0) * (s[i] - s0) / max(s1 - s0, 1.0)
        if abs(t[i] - pred) > 4.0 + 0.35 * max(s1 - s0, t1 - t0):
            keep[i] = False
    return [c for c, ok in zip(chain, keep) if ok]


def _lis(cands: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """Heaviest chain strictly increasing in both coordinates (weighted longest increasing
    subsequence with a Fenwick tree of prefix maxima, O(k log k)): when two candidate
    anchors compete for one spot, the one sharing more and rarer keys wins."""
    if not cands:
        return []
    cands = sorted(cands, key=lambda c: (c[0], c[1]))
    size = max(c[1] for c in cands) + 2
    tree_val = [0.0] * (size + 1)
    tree_idx = [-1] * (size + 1)
    best = [0.0] * len(cands)
    parent = [-1] * len(cands)
    k = 0
    while k < len(cands):
        # Candidates of one src row query first, then update: no two share a row.
        end = k
        while end < len(cands) and cands[end][0] == cands[k][0]:
            end += 1
        for idx in range(k, end):
            t = cands[idx][1] + 1  # prefix max over t' < t, 1-based
            v, p = 0.0, -1
            x = t - 1
            while x > 0:
                if tree_val[x] > v:
                    v, p = tree_val[x], tree_idx[x]
                x -= x & -x
            best[idx] = v + cands[idx][2]
            parent[idx] = p
        for idx in range(k, end):
            x = cands[idx][1] + 1
            while x <= size:
                if best[idx] > tree_val[x]:
                    tree_val[x], tree_idx[x] = best[idx], idx
                x += x & -x
        k = end
    top = max(range(len(cands)), key=best.__getitem__)
    out = []
    while top >= 0:
        out.append((cands[top][0], cands[top][1]))
        top = parent[top]
    return out[::-1]


def _length_ratio(ls, lt, a_s, a_t, src_lang: str, tgt_lang: str) -> float:
    """tgt/src characters per character: from anchored pairs when there are enough, else the
    language-pair prior (the whole-document ratio would be skewed by additions/omissions)."""
    prior = signals.LENGTH_RATIO_PRIOR.get((src_lang, tgt_lang))
    pairs = [(int(s), int(t)) for s, t in zip(a_s[1:-1], a_t[1:-1])]
    if len(pairs) >= 5:
        r = np.median([math.log((lt[t] + 12) / (ls[s] + 12)) for s, t in pairs])
        est = math.exp(float(r))
        return est if prior is None else math.exp(0.5 * math.log(est) + 0.5 * math.log(prior))
    if prior is not None:
        return prior
    return float(lt.sum() / max(ls.sum(), 1.0))


def _local_density(anchor_rows: np.ndarray, n: int, cfg: AlignConfig) -> np.ndarray:
    """Per DP row (n+1): anchors within `density_window` rows, scaled so `density_full`
    gives 1. Chains of matches are trusted only where the texts visibly correspond."""
    hits = np.zeros(n + 2)
    for s in anchor_rows:
        hits[int(s) + 1] += 1
    c = np.concatenate([[0.0], np.cumsum(hits)])
    w = cfg.density_window
    rows = np.arange(n + 1)
    lo_, hi_ = np.clip(rows - w, 0, n + 1), np.clip(rows + w + 1, 0, n + 1)
    dens = (c[hi_] - c[lo_]) / (2 * w + 1)
    local = np.clip((dens - cfg.density_none) / (cfg.density_full - cfg.density_none), 0.0, 1.0)
    # A pair that corresponds visibly as a whole (many anchors on one chain) is trusted
    # between its anchors too, where the local count is thin.
    overall = len(anchor_rows) / max(n, 1)
    floor = cfg.trust_floor * min(1.0, overall / cfg.density_full) if len(anchor_rows) >= 3 else 0.0
    return np.maximum(local, floor)


def _band(a_s: np.ndarray, a_t: np.ndarray, n: int, m: int, cfg: AlignConfig) -> tuple[np.ndarray, int]:
    """Band start per DP row and the band width, around the anchor diagonal."""
    if m + 1 <= cfg.full_dp_max or n + 1 <= 2:
        return np.zeros(n + 1, dtype=np.int64), m + 1
    xs = np.concatenate([[0.0], a_s[1:-1] + 0.5, [float(n)]])
    ys = np.concatenate([[0.0], a_t[1:-1] + 0.5, [float(m)]])
    imbalance = np.abs(np.diff(xs) - np.diff(ys))
    # A robust maximum: one odd gap between anchors must not widen the band for all rows.
    spread = float(np.quantile(imbalance, 0.98)) if len(imbalance) > 50 else float(imbalance.max(initial=0.0))
    half = cfg.band + int(math.ceil(spread))
    center = np.interp(np.arange(n + 1), xs, ys)
    # ... but the band must stay connected: where the diagonal jumps (a long insertion
    # between two adjacent anchors), consecutive rows' bands must still overlap.
    jump = float(np.diff(center).max(initial=0.0))
    half = max(half, cfg.band + int(math.ceil(jump / 2.0)) + 1)
    W = min(2 * half + 1, m + 1)
    lo = np.clip(np.round(center - half).astype(np.int64), 0, m + 1 - W)
    lo = np.maximum.accumulate(lo)
    lo[0] = 0
    return lo, W


def _to_band(sparse, lo: np.ndarray, W: int, n: int) -> np.ndarray:
    """Sparse (s, t, w) sentence-pair values -> (n+1, W) array at DP cell (s+1, t+1)."""
    s, t, v = sparse
    out = np.zeros((n + 1, W), dtype=np.float64)
    if len(s):
        k = (t + 1) - lo[s + 1]
        ok = (k >= 0) & (k < W)
        out[s[ok] + 1, k[ok]] = v[ok]
    return out


def _gather(arr: np.ndarray, lo: np.ndarray, rows, cols) -> np.ndarray:
    """arr at DP cells (rows, cols) in global coordinates; 0 outside the band."""
    rows = np.broadcast_to(rows, np.broadcast_shapes(np.shape(rows), np.shape(cols)))
    rr = np.clip(rows, 0, arr.shape[0] - 1)
    k = cols - lo[rr]
    ok = (rows >= 0) & (k >= 0) & (k < arr.shape[1])
    return np.where(ok, arr[rr, np.clip(k, 0, arr.shape[1] - 1)], 0.0)


# ---------------------------------------------------------------------------------------------
# Pivot chrF in the band (hashed character n-grams; exact sacreBLEU for final beads)
# ---------------------------------------------------------------------------------------------

_HASH_DIM = 1024
_CHRF_DESIGN = 0.65  # chrF of a typical true pair for the curve in `signals.chrf_llr` (FLORES MT)
_WORDS = _HASH_DIM // 64


def _plugin_band(sig: signals.PairSignal, S, T, src_lang: str, tgt_lang: str,
                 lo: np.ndarray, W: int) -> np.ndarray:
    """A plug-in signal's 1-1 similarities at every band cell (DP cell (s+1, t+1))."""
    sig.prepare([s.text for s in S], [t.text for t in T], src_lang, tgt_lang)
    n, m = len(S), len(T)
    rows = np.arange(1, n + 1)
    t = lo[rows][:, None] + np.arange(W)[None, :] - 1
    ok = (t >= 0) & (t < m)
    s_idx = np.broadcast_to((rows - 1)[:, None], t.shape)
    out = np.zeros((n + 1, W))
    vals = np.asarray(sig.pair_similarity(s_idx[ok], t[ok]), dtype=np.float64)
    out[1:][ok] = vals
    return out


def _staircase(a: int, b: int) -> list[tuple[int, int]]:
    """Cells (p, q) of an a x b bead that lie on its diagonal (their shares of the bead
    overlap). Summing character n-gram matches over *all* cells would count chance matches
    between non-corresponding sentences and make merged beads look better than they are."""
    return [(p, q) for p in range(a) for q in range(b)
            if max(p / a, q / b) < min((p + 1) / a, (q + 1) / b)]


class _PivotChrf:
    """Approximate chrF for every band cell via hashed n-gram presence vectors (one matrix
    product per order and row block); `exact` gives sacreBLEU's value for reports."""

    def __init__(self, sp: list[str | None], tp: list[str | None], lo: np.ndarray, W: int, beta: float = 2.0, symmetric: bool = False):
        self.src_text, self.tgt_text = sp, tp
        self.typical = 0.0  # `calibrate`
        self.beta, self.symmetric = beta, symmetric
        self._sig = signals.ChrfSignal()
        self.src_vec, self.src_tot = self._vectors(sp)
        self.tgt_vec, self.tgt_tot = self._vectors(tp)
        n, m = len(sp), len(tp)
        # match[i, k, order] for DP cell (i, lo[i] + k): src sentence i-1 vs tgt sentence j-1,
        # as popcounts of AND-ed bit-packed presence vectors, a few rows at a time.
        self.match = np.zeros((n + 1, W, signals.CHRF_ORDER), dtype=np.float32)
        step = max(1, 2_000_000 // max(W * _WORDS, 1))
        for r0 in range(1, n + 1, step):
            r1 = min(n + 1, r0 + step)
            rows = np.arange(r0, r1)
            t = lo[rows][:, None] + np.arange(W)[None, :] - 1  # tgt sentence of each cell
            ok = (t >= 0) & (t < m)
            tc = np.clip(t, 0, max(m - 1, 0))
            for o in range(signals.CHRF_ORDER):
                both = self.src_vec[o][rows - 1][:, None, :] & self.tgt_vec[o][tc]
                self.match[r0:r1, :, o] = np.where(ok, np.bitwise_count(both).sum(-1), 0)
        self.src_ok = np.array([p is not None and bool(p.strip()) for p in sp] + [False])
        self.tgt_ok = np.array([p is not None and bool(p.strip()) for p in tp] + [False])

    @staticmethod
    def _vectors(texts):
        """Bit-packed presence vectors of character n-grams (spaces removed, as chrF does),
        hashed with a rolling polynomial over code points into _HASH_DIM buckets:
        deterministic, and a few numpy operations per sentence. Totals are distinct n-grams
        per order."""
        bits = [np.zeros((len(texts), _HASH_DIM), dtype=bool) for _ in range(signals.CHRF_ORDER)]
        tot = np.zeros((len(texts) + 1, signals.CHRF_ORDER))
        for k, t in enumerate(texts):
            if not t:
                continue
            codes = np.frombuffer("".join(t.split()).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
            h = codes.copy()
            for o in range(signals.CHRF_ORDER):
                if o:
                    h = h[:-1] * 1_000_003 + codes[o:]
                if not len(h):
                    break
                uniq = np.unique(h)
                bits[o][k, (uniq ^ (uniq >> 21)) % _HASH_DIM] = True
                tot[k, o] = len(uniq)
        packed = [np.packbits(b, axis=1).view(np.uint64) for b in bits]
        return packed, tot

    def llr(self, lo, i, a: int, J, b: int) -> np.ndarray:
        """chrF log-odds for beads ending at (i, J), once per bead: full where every pivot is
        there; where one side lacks some, the partial side's precision (a missing pivot is
        missing evidence, neither for nor against the sentence); 0 where both sides do."""
        f, ok, partial, prec = self.f(lo, i, a, J, b, partial=True)
        return np.where(ok, self.curve(f), np.where(partial, self.curve(prec), 0.0))

    def curve(self, f):
        """`signals.chrf_llr`, stretched where pivots are better than the curve was drawn for
        (a perfect TM: true pairs near 1.0), so this document's typical true pair sits where
        FLORES MT's does; else a partial match (a neighbour taken in) would look like a full one."""
        if self.typical > _CHRF_DESIGN:
            scale = (_CHRF_DESIGN - signals.CHRF_MID) / (self.typical - signals.CHRF_MID)
            f = signals.CHRF_MID + (np.asarray(f) - signals.CHRF_MID) * scale
        return signals.chrf_llr(f)

    def calibrate(self, lo, a_s: np.ndarray, a_t: np.ndarray) -> None:
        """`typical`: the median approximate chrF of the anchor pairs with pivots on both sides."""
        if len(a_s):
            f, ok = self.f(lo, np.asarray(a_s) + 1, 1, np.asarray(a_t) + 1, 1)
            if ok.sum() >= 3:
                self.typical = float(np.median(f[ok]))

    def f(self, lo, i, a: int, J, b: int, partial: bool = False):
        """Approximate chrF of beads ending at (i, J), and where both sides have pivots; with
        `partial`, also where one side has them all and the other some, and the partial
        side's chrF precision there."""
        match = np.zeros(J.shape + (signals.CHRF_ORDER,))
        ok = np.ones(J.shape, dtype=bool)
        for p, q in _staircase(a, b):
            rows = np.broadcast_to(i - p, J.shape)
            rr = np.clip(rows, 0, self.match.shape[0] - 1)
            k = (J - q) - lo[rr]
            inside = (rows >= 1) & (k >= 0) & (k < self.match.shape[1])
            match += np.where(inside[..., None], self.match[rr, np.clip(k, 0, self.match.shape[1] - 1)], 0.0)
        n, m = len(self.src_text), len(self.tgt_text)
        hyp = np.zeros(match.shape)
        ref = np.zeros(match.shape)
        have_s = np.zeros(J.shape)
        have_t = np.zeros(J.shape)
        for p in range(a):
            si = np.clip(i - 1 - p, 0, n)
            ref += self.src_tot[si]
            have_s = have_s + np.broadcast_to(self.src_ok[si], J.shape)
        for q in range(b):
            tj = np.clip(J - 1 - q, 0, m)
            hyp += self.tgt_tot[tj]
            have_t = have_t + self.tgt_ok[tj]
        ok = (have_s == a) & (have_t == b)
        f = signals.ChrfSignal.f_from_stats(hyp, ref, match, beta=self.beta)
        if self.symmetric:
            f = np.minimum(f, signals.ChrfSignal.f_from_stats(ref, hyp, match, beta=self.beta))
        if partial:
            # One side whole, the other with pivots for some of its sentences: how much of
            # what the partial side has is found in the whole side (precision, beta 0) is
            # evidence for those sentences.
            part_t = (have_s == a) & (have_t > 0) & (have_t < b)
            part_s = (have_t == b) & (have_s > 0) & (have_s < a)
            prec = np.where(part_t, signals.ChrfSignal.f_from_stats(hyp, ref, match, beta=0.0),
                            signals.ChrfSignal.f_from_stats(ref, hyp, match, beta=0.0))
            return f, ok, part_t | part_s, prec
        return f, ok

    def exact(self, src_text: str, tgt_text: str) -> float:
        return self._sig.exact(src_text, tgt_text)


# ---------------------------------------------------------------------------------------------
# The banded dynamic programme
# ---------------------------------------------------------------------------------------------


def _dp(P: _Problem) -> list[tuple[int, int, int, int, float, float]]:
    """Best monotone path: (src_start, src_end, tgt_start, tgt_end, score, context) per bead.

    Three states per cell: M (the last bead was a match), G1 (one sentence skipped since the
    last match) and G (longer gap). A match that continues a chain (from M, or across a
    single skipped sentence from G1) earns `continuation`, scaled by the local anchor
    density: translations are runs of matches, so a plausible bead next to a good one is
    probably good too, while in unrelated texts chance matches stay isolated. The document
    start counts as a match. Rows are stored padded, so reading the previous rows from this
    row's band is a slice."""
    n, m, W, lo = P.n, P.m, P.W, P.lo
    cfg = P.cfg
    shapes = cfg.bead_shapes()
    amax = max(a for a, _ in shapes)
    R = amax + 1
    PAD = W + 4
    c_m = cfg.continuation * P.cont  # per row: bonus entering a match from M
    c_g1 = c_m * cfg.continuation_after_skip
    back_m = np.zeros((n + 1, W), dtype=np.int8)  # bead shape code (1-based)
    enter = np.zeros((n + 1, W), dtype=np.int8)  # state a match leaves from: 0 M, 1 G1, 2 G
    back_g1 = np.zeros((n + 1, W), dtype=np.int8)  # 0: 1-0 from M, 1: 0-1 from M
    back_g = np.zeros((n + 1, W), dtype=np.int8)  # 0/1: 1-0 from G1/G, 2/3: 0-1 from G1/G
    bead_score = np.zeros((n + 1, W), dtype=np.float32)
    bead_ctx = np.zeros((n + 1, W), dtype=np.float32)
    neg_row = np.full(W + 2 * PAD, NEG)
    ringE = [neg_row.copy() for _ in range(R)]  # best value to enter a match from (padded)
    ringM = [neg_row.copy() for _ in range(R)]
    ringG1 = [neg_row.copy() for _ in range(R)]
    ringG = [neg_row.copy() for _ in range(R)]
    ringES = [np.zeros(W + 2 * PAD, dtype=np.int8) for _ in range(R)]
    neg = np.full(W, NEG)
    cols = np.arange(W)
    candM = np.empty((len(shapes), W))  # per shape: value, bead score, context, entry state
    candS = np.empty((len(shapes), W))
    candC = np.empty((len(shapes), W))
    candE = np.empty((len(shapes), W), dtype=np.int8)

    def view(row: np.ndarray, off: int) -> np.ndarray:
        if -PAD <= off <= PAD:
            return row[PAD + off : PAD + off + W]
        return neg

    for r0 in range(0, n + 1, cfg.chunk_rows):
        r1 = min(n + 1, r0 + cfg.chunk_rows)
        block = {sh: P.scores(r0, r1, *sh) for sh in shapes}
        for i in range(r0, r1):
            J = lo[i] + cols
            valid = J <= m
            if i == 0:
                XM = np.where(J == 0, 0.0, NEG)
                argM = np.zeros(W, dtype=np.int8)
                estate = np.zeros(W, dtype=np.int8)
                XG1 = neg
                XG = neg
                argG = np.zeros(W, dtype=np.int8)
                sc = np.zeros(W)
                cx = np.zeros(W)
            else:
                off = int(lo[i] - lo[i - 1])
                XG1 = view(ringM[(i - 1) % R], off)
                g1p = view(ringG1[(i - 1) % R], off)
                gp = view(ringG[(i - 1) % R], off)
                XG = np.maximum(g1p, gp)
                argG = (gp > g1p).astype(np.int8)
                sc = np.zeros(W)
                cx = np.zeros(W)
                # All bead shapes at once: the best candidate per cell (the first shape on
                # ties), with the state it enters from and its score and context.
                for code, (a, b) in enumerate(shapes):
                    if i - a < 0:
                        candM[code] = NEG
                        continue
                    o = int(lo[i] - b - lo[i - a])
                    candS[code] = block[(a, b)][0][i - r0]
                    candC[code] = block[(a, b)][1][i - r0]
                    np.add(view(ringE[(i - a) % R], o), candS[code], out=candM[code])
                    # (out of the padded window the value is NEG, the state irrelevant)
                    candE[code] = view(ringES[(i - a) % R], o) if -PAD <= o <= PAD else 0
                pick = candM.argmax(0)
                XM = candM[pick, cols]
                found = XM > NEG
                XM = np.where(found, XM, NEG)
                argM = np.where(found, pick + 1, 0).astype(np.int8)
                estate = np.where(found, candE[pick, cols], 0).astype(np.int8)
                sc = np.where(found, candS[pick, cols], 0.0)
                cx = np.where(found, candC[pick, cols], 0.0)
            DM = np.where(valid, XM, NEG)
            # G1: one skip after a match; the 0-1 skip comes from M in this row at j-1.
            fromM01 = np.concatenate(([NEG], DM[:-1]))
            G1 = np.where(valid, np.maximum(XG1, fromM01), NEG)
            back_g1[i] = fromM01 > XG1
            # G: longer gaps; 0-1 from G1[j-1] or G[j-1] (running maximum along the row).
            fromG1 = np.concatenate(([NEG], G1[:-1]))
            Y = np.where(valid, np.maximum(XG, fromG1), NEG)
            argY = np.where(fromG1 > XG, 2, argG)
            G = np.maximum.accumulate(Y)
            back_g[i] = np.where(G > Y, 3, argY)
            back_m[i] = argM
            enter[i] = estate
            bead_score[i] = sc
            bead_ctx[i] = cx
            k = i % R
            ringM[k][PAD : PAD + W] = DM
            ringG1[k][PAD : PAD + W] = G1
            ringG[k][PAD : PAD + W] = G
            # Entering a match from here: the best state with its continuation bonus.
            fm, fg1 = DM + c_m[i], G1 + c_g1[i]
            best = np.maximum(np.maximum(fm, fg1), G)
            ringE[k][PAD : PAD + W] = best
            ringES[k][PAD : PAD + W] = np.where(fm >= best, 0, np.where(fg1 >= best, 1, 2))
    # Backtrack from (n, m), from the best final state.
    k = m - lo[n]
    R_n = n % R
    # The document end counts as a match too: a path that runs to it matched earns the
    # continuation bonus, as one leaving the start matched does.
    finals = (ringM[R_n][PAD + k] + cfg.end_bonus * c_m[n], ringG1[R_n][PAD + k] + cfg.end_bonus * c_g1[n],
              ringG[R_n][PAD + k])
    state = int(np.argmax(finals))
    path: list[tuple[int, int, int, int, float, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = j - lo[i]
        if state == 0:
            a, b = shapes[int(back_m[i, k]) - 1]
            prev = int(enter[i, k])
            bonus = float((c_m, c_g1, np.zeros(n + 1))[prev][i - a])
            path.append((i - a, i, j - b, j, float(bead_score[i, k]) + bonus, float(bead_ctx[i, k])))
            i, j, state = i - a, j - b, prev
        elif state == 1:
            if back_g1[i, k]:
                path.append((i, i, j - 1, j, 0.0, 0.0))
                j -= 1
            else:
                path.append((i - 1, i, j, j, 0.0, 0.0))
                i -= 1
            state = 0
        else:
            c = int(back_g[i, k])
            if c >= 2:
                path.append((i, i, j - 1, j, 0.0, 0.0))
                j -= 1
            else:
                path.append((i - 1, i, j, j, 0.0, 0.0))
                i -= 1
            state = 1 if c in (0, 2) else 2
    return path[::-1]


def _matched(step) -> bool:
    """A path step that pairs sentences on both sides (not a 1-0 / 0-1 skip)."""
    return step[1] > step[0] and step[3] > step[2]


def _shift(row: np.ndarray, off: int, W: int) -> np.ndarray:
    """row[off : off + W] with NEG outside: the previous row seen from this row's band."""
    out = np.full(W, NEG)
    a, b = max(off, 0), min(off + W, len(row))
    if b > a:
        out[a - off : b - off] = row[a:b]
    return out
