"""Pivot translation to English: CTranslate2 models, a translation memory, a persistent cache.

Public API (used by compare, view and batch):
    MTOptions, pivot_documents(src, tgt, options, progress=None) -> (src_pivots, tgt_pivots, MTInfo)
    add_mt_arguments(parser), mt_options_from_args(args)
Model management lives in `aligner.translate.models` (list, install, convert, verify).
"""

from aligner.translate.options import MT_MODES, MTOptions, add_mt_arguments, mt_options_from_args
from aligner.translate.pivot import pivot_documents

__all__ = ["MT_MODES", "MTOptions", "add_mt_arguments", "mt_options_from_args", "pivot_documents"]
