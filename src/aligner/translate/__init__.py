"""Pivot translation to English: CTranslate2 models, a translation memory, a persistent cache.

Public API (used by compare, view and batch):
    MTOptions, pivot_documents(src, tgt, options, progress=None) -> (src_pivots, tgt_pivots, MTInfo)
    add_mt_arguments(parser), mt_options_from_args(args)
Model management lives in `aligner.translate.models` (list, install, convert, verify).

`pivot_documents` is imported on first use, so that building the CLI's parser (which needs
only the options) does not load the translation stack.
"""

from aligner.translate.options import MT_MODES, MTOptions, add_mt_arguments, mt_options_from_args

__all__ = ["MT_MODES", "MTOptions", "add_mt_arguments", "mt_options_from_args", "pivot_documents"]


def __getattr__(name: str):
    if name == "pivot_documents":
        from aligner.translate.pivot import pivot_documents

        return pivot_documents
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
