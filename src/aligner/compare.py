"""The whole chain for one pair of documents: load, segment, pivot, align, score.

`compare_files` is the Python API behind `aligner compare`, `aligner view` and every batch
worker; the CLI, TUI and batch engines only parse options and render the `Comparison`.
The stages are imported when a comparison runs, not with this module: the CLI imports it to
build its parser, and `aligner --help` should not load numpy and the lexicons.
"""

from __future__ import annotations

import argparse
import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from aligner.errors import InputError
from aligner.lang import CODES as LANG_CODES
from aligner.translate.options import MTOptions, add_mt_arguments, mt_options_from_args
from aligner.types import Comparison, Document, MTInfo

if TYPE_CHECKING:
    from aligner.align import AlignConfig

# (stage, done, total): "segment" (0..2 documents), "translate" (sentences), "align", "score",
# then "done"; a stage without counts reports (0, 1) as it starts.
Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class CompareOptions:
    """Everything that changes a comparison's result; shared by compare, view and batch."""

    src_lang: str = "auto"
    tgt_lang: str = "auto"
    src_encoding: str | None = None  # None: detect
    tgt_encoding: str | None = None
    mt: MTOptions = field(default_factory=MTOptions)
    align: AlignConfig | None = None


def compare_files(
    src_path: str | os.PathLike[str],
    tgt_path: str | os.PathLike[str],
    options: CompareOptions | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Compare SRC (the original) with TGT (the version under check)."""
    from aligner.segment import load_document

    options = options or CompareOptions()
    if os.fspath(src_path) == "-" and os.fspath(tgt_path) == "-":
        raise InputError("only one of SRC and TGT can be - (standard input)")
    if progress:
        progress("segment", 0, 2)
    src = load_document(src_path, options.src_lang, options.src_encoding)
    if progress:
        progress("segment", 1, 2)
    tgt = load_document(tgt_path, options.tgt_lang, options.tgt_encoding)
    if progress:
        progress("segment", 2, 2)
    return compare_documents(src, tgt, options, progress)


def compare_documents(
    src: Document,
    tgt: Document,
    options: CompareOptions | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Compare two already segmented documents."""
    from aligner.align import align
    from aligner.diverge import score

    options = options or CompareOptions()
    check_pair(src, tgt, options)
    if options.mt is not None and options.mt.mode == "off":  # never loads the MT stack (sqlite, model files)
        src_pivots, tgt_pivots, mt_info = None, None, MTInfo(mode="off")
    else:
        from aligner.translate.pivot import pivot_documents

        mt_progress = (lambda done, total: progress("translate", done, total)) if progress else None
        src_pivots, tgt_pivots, mt_info = pivot_documents(src, tgt, options.mt, mt_progress)
    if progress:
        progress("align", 0, 1)
    beads = align(src, tgt, src_pivots, tgt_pivots, options.align)
    if progress:
        progress("score", 0, 1)
    pairs, summary = score(src, tgt, beads, src_pivots, tgt_pivots)
    if progress:
        progress("done", 1, 1)
    return Comparison(src=src, tgt=tgt, pairs=pairs, summary=summary, mt=mt_info)


# A two-sentence pair that goes through every stage: names, a place, a date, a figure, a quote.
_WARM_RU = "Президент России Владимир Путин заявил 12 февраля в Москве: «Рост составил 5%». Об этом сообщает ТАСС."
_WARM_AR = "قال الرئيس الروسي فلاديمير بوتين في 12 فبراير في موسكو: «بلغ النمو 5%». أفادت بذلك وكالة تاس."


def collect_less_often() -> None:
    """For a process that runs comparisons (the CLI, a batch worker): a run builds a great
    many small objects (entities, keys, report rows) that mostly live until it ends. At
    Python's default (a young-generation pass every 700 new objects, a whole-heap pass every
    10 middle ones) the collector took 10-15% of a compare walking them; a young pass every
    7,000 and a whole-heap pass every 100 middle ones take 2-3% (20 MB vs 4 KB: 3.0 -> 0.6 s,
    same peak RSS). Cycles are still collected."""
    gc.set_threshold(7000, 10, 100)


def warm_up() -> None:
    """Load what every comparison needs once: the stages, the gazetteer, the word lists and
    lexicons, the patterns compiled on first use. A batch driver calls it before its workers
    fork, so each starts warm and shares that memory instead of loading it again; a Ray
    actor calls it when it starts. Sets the collector as `collect_less_often` says."""
    from aligner.langid import detect
    from aligner.segment import segment

    collect_less_often()

    src, tgt = (segment(t, detect(t)) for t in (_WARM_RU, _WARM_AR))  # (by their letters: no model)
    compare_documents(src, tgt, CompareOptions(mt=MTOptions(mode="off")))


def check_pair(src: Document, tgt: Document, options: CompareOptions | None = None) -> None:
    """Refuse pairs aligner cannot compare meaningfully, with the reason in one line; the
    hint depends on whether the languages were detected or given."""
    from aligner.langid import LANG_NAMES

    for doc, side in ((src, "SRC"), (tgt, "TGT")):
        if not doc.body():
            raise InputError(f"{doc.path or side}: no article text found (only meta or boilerplate lines)")
    if src.lang == tgt.lang:
        name = LANG_NAMES.get(src.lang, src.lang)
        given = [f"{flag} {lang}" for flag, lang in (("--src-lang", options and options.src_lang),
                                                      ("--tgt-lang", options and options.tgt_lang))
                 if lang and lang != "auto"]
        hint = (f"you gave {' and '.join(given)}; check the files and languages" if given
                else "override detection with --src-lang/--tgt-lang if this is wrong")
        raise InputError(
            f"both files are {name} ({src.lang}): aligner compares two language versions of one article ({hint})"
        )


def add_compare_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared by `compare`, `view` and `batch`."""
    g = parser.add_argument_group("languages and alignment")
    g.add_argument("--src-lang", default="auto", choices=["auto", *LANG_CODES], help="SRC language (default: detect)")
    g.add_argument("--tgt-lang", default="auto", choices=["auto", *LANG_CODES], help="TGT language (default: detect)")
    g.add_argument("--src-encoding", metavar="ENC", help="SRC text encoding, e.g. cp1251 (default: detect)")
    g.add_argument("--tgt-encoding", metavar="ENC", help="TGT text encoding, e.g. cp1256 (default: detect)")
    g.add_argument(
        "--max-bead", type=int, default=2, choices=[2, 3],
        help="largest n in n-m beads (2: 1-1, 1-2, 2-1, 2-2; 3 adds 1-3, 3-1, ...)",
    )
    add_mt_arguments(parser)


def options_from_args(args: argparse.Namespace) -> CompareOptions:
    from aligner.align import AlignConfig

    return CompareOptions(
        src_lang=args.src_lang,
        tgt_lang=args.tgt_lang,
        src_encoding=_encoding(args.src_encoding),
        tgt_encoding=_encoding(args.tgt_encoding),
        mt=mt_options_from_args(args),
        align=AlignConfig(max_bead=args.max_bead),
    )


def _encoding(name: str | None) -> str | None:
    """An `--*-encoding` value checked up front, so a typo is one line before any work."""
    from aligner.textio import known_encoding

    return known_encoding(name) if name else None
