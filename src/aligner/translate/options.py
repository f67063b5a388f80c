"""MT options, shared by `compare`, `view` and `batch` through the same argparse flags."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

MT_MODES = ("auto", "ct2", "tm", "off")


@dataclass(frozen=True, slots=True)
class MTOptions:
    """How (and whether) to make English pivots.

    mode: auto (installed models for the detected languages, else off with a notice),
    ct2 (a model is required), tm (translation memory only), off (no pivots).
    A translation memory, when given, is consulted first in every mode but off."""

    mode: str = "auto"
    tm_paths: tuple[str, ...] = ()
    models_dir: str | None = None
    cache_dir: str | None = None
    use_cache: bool = True
    device: str = "auto"  # auto | cpu | cuda
    compute_type: str | None = None  # None: int8 on CPU, int8_float16/float16 on GPU
    beam_size: int = 2
    max_batch_tokens: int = 2048
    threads: int | None = None  # CPU threads per translator; None: all available
    max_input_tokens: int | None = None  # None: the model's own limit (manifest)

    def __post_init__(self) -> None:
        if self.mode not in MT_MODES:
            from aligner.errors import InputError

            raise InputError(f"unknown MT mode {self.mode!r}; use one of {', '.join(MT_MODES)}")
        object.__setattr__(self, "tm_paths", tuple(str(p) for p in self.tm_paths or ()))


def add_mt_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("pivot translation")
    g.add_argument(
        "--mt",
        choices=MT_MODES,
        default="auto",
        help="English pivot MT: auto (installed models, else off), ct2, tm (translation memory only), off",
    )
    g.add_argument(
        "--tm",
        metavar="FILE",
        action="append",
        default=[],
        help="translation memory (TSV, JSONL or TMX: source -> English), used before MT; repeatable",
    )
    g.add_argument("--models-dir", metavar="DIR", help="look for models only here (default: project models/, user data dir)")
    g.add_argument("--cache-dir", metavar="DIR", help="translation cache dir (default: user cache dir or $ALIGNER_CACHE_DIR)")
    g.add_argument("--no-cache", action="store_true", help="neither read nor write the translation cache")
    g.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto", help="MT device (default: auto)")
    g.add_argument("--compute-type", metavar="TYPE", help="CTranslate2 compute type (default: int8 on CPU, int8_float16 on GPU)")
    g.add_argument("--beam-size", type=int, default=2, metavar="N", help="MT beam size (default: 2)")
    g.add_argument("--mt-threads", type=int, metavar="N", help="CPU threads for MT (default: all available)")


def mt_options_from_args(args: argparse.Namespace) -> MTOptions:
    return MTOptions(
        mode=getattr(args, "mt", "auto") or "auto",
        tm_paths=tuple(getattr(args, "tm", None) or ()),
        models_dir=getattr(args, "models_dir", None),
        cache_dir=getattr(args, "cache_dir", None),
        use_cache=not getattr(args, "no_cache", False),
        device=getattr(args, "device", "auto") or "auto",
        compute_type=getattr(args, "compute_type", None),
        beam_size=getattr(args, "beam_size", 2) or 2,
        threads=getattr(args, "mt_threads", None),
    )
