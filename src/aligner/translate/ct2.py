"""The ct2 backend: CTranslate2 `Translator` + SentencePiece for Marian / OPUS-MT models.

Follows CTranslate2's performance guide: small beam (2), token-based batches over inputs
sorted by length, int8 on CPU and int8_float16/float16 on GPU, one translator per process
with intra-op threads set from the CPU count. Loaded models are cached per process, so a
batch worker loads each model once.

Sentences longer than the model's input limit are split (at clause punctuation, else at word
starts) and their translations re-joined: never silently truncated.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from aligner.errors import ModelError
from aligner.translate.models import ModelInfo

Progress = Callable[[int, int], None]

# Clause-final punctuation (Latin, Arabic and CJK forms) after which a split reads naturally.
_CLAUSE_END = tuple(",;:،؛—–)»\"'")


def available_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def resolve_device(device: str = "auto") -> str:
    """'auto' -> 'cuda' when CTranslate2 sees a CUDA device, else 'cpu'."""
    import ctranslate2

    if device not in ("auto", "cpu", "cuda"):
        raise ModelError(f"unknown device {device!r}; use auto, cpu or cuda")
    n_cuda = ctranslate2.get_cuda_device_count()
    if device == "auto":
        return "cuda" if n_cuda > 0 else "cpu"
    if device == "cuda" and n_cuda == 0:
        raise ModelError("--device cuda was asked for, but CTranslate2 sees no CUDA device; use --device cpu")
    return device


def resolve_compute_type(device: str, requested: str | None = None) -> str:
    """int8 on CPU; int8_float16 (else float16) on GPU; a requested type must be supported."""
    import ctranslate2

    supported = set(ctranslate2.get_supported_compute_types(device))
    if requested and requested not in ("auto", "default"):
        if requested not in supported:
            raise ModelError(
                f"compute type {requested} is not supported on {device} (supported: {', '.join(sorted(supported))})"
            )
        return requested
    for ct in (("int8", "float32") if device == "cpu" else ("int8_float16", "float16", "float32")):
        if ct in supported:
            return ct
    return "default"


@dataclass(slots=True)
class _Loaded:
    translator: object  # ctranslate2.Translator
    source_sp: object  # sentencepiece.SentencePieceProcessor
    target_sp: object


_LOADED: dict[tuple, _Loaded] = {}
_LOAD_LOCK = threading.Lock()


def _load(info: ModelInfo, device: str, compute_type: str, threads: int, cache: bool) -> _Loaded:
    key = (str(info.path.resolve()), info.fingerprint, device, compute_type, threads)
    with _LOAD_LOCK:
        if cache and key in _LOADED:
            return _LOADED[key]
        import ctranslate2
        import sentencepiece as spm

        try:
            translator = ctranslate2.Translator(
                str(info.path),
                device=device,
                compute_type=compute_type,
                inter_threads=1,
                intra_threads=threads if device == "cpu" else 0,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(
                f"model dir {info.path} is corrupt or partial: cannot load model.bin ({exc}); reinstall or reconvert it"
            ) from None
        sps = []
        for name in (info.source_spm, info.target_spm):
            try:
                sps.append(spm.SentencePieceProcessor(model_file=str(info.path / name)))
            except (RuntimeError, OSError) as exc:
                raise ModelError(f"model dir {info.path} is corrupt: cannot load {name} ({exc})") from None
        loaded = _Loaded(translator, sps[0], sps[1])
        if cache:
            _LOADED[key] = loaded
        return loaded


def clear_loaded_models() -> None:
    """Drop the per-process model cache (tests, long-running hosts freeing memory)."""
    with _LOAD_LOCK:
        _LOADED.clear()


def split_pieces(pieces: list[str], limit: int) -> list[list[str]]:
    """Split a token sequence into chunks of at most `limit` pieces.

    Prefers a boundary after clause punctuation, then any word start ('▁'), and only cuts
    inside a word when a single word is longer than the limit. Concatenating the chunks
    gives back the input exactly."""
    if limit < 1:
        raise ValueError("limit must be >= 1")
    chunks: list[list[str]] = []
    start, n = 0, len(pieces)
    while n - start > limit:
        window = range(start + limit, start, -1)  # candidate chunk ends, longest first
        end = next(
            (e for e in window if pieces[e].startswith("▁") and pieces[e - 1].rstrip("▁").endswith(_CLAUSE_END)),
            None,
        )
        if end is None or end - start < limit // 3:  # a clause break too early wastes a call
            end = next((e for e in window if pieces[e].startswith("▁")), start + limit)
        chunks.append(pieces[start:end])
        start = end
    chunks.append(pieces[start:])
    return chunks


class CT2Translator:
    """Translate plain sentences with one CTranslate2 model (SentencePiece in and out)."""

    kind = "ct2"

    def __init__(
        self,
        info: ModelInfo,
        *,
        device: str = "auto",
        compute_type: str | None = None,
        beam_size: int = 2,
        max_batch_tokens: int = 2048,
        threads: int | None = None,
        max_input_tokens: int | None = None,
        max_decoding_length: int | None = None,
        cache_models: bool = True,
    ):
        self.info = info
        self.device = resolve_device(device)
        self.compute_type = resolve_compute_type(self.device, compute_type)
        self.beam_size = max(1, int(beam_size))
        self.max_batch_tokens = max(16, int(max_batch_tokens))
        self.threads = threads or available_cpus()
        self.max_input_tokens = max(4, int(max_input_tokens or info.max_input_tokens))
        # Outputs may run longer than inputs (Arabic -> English often does); the cap only
        # stops a degenerate decoder from looping.
        self.max_decoding_length = max_decoding_length or int(2 * self.max_input_tokens + 16)
        self._m = _load(info, self.device, self.compute_type, self.threads, cache_models)

    @property
    def identity(self) -> str:
        """What produced a translation: cache keys change when any of it changes."""
        return f"{self.info.identity}/{self.compute_type}/beam{self.beam_size}/max{self.max_input_tokens}"

    @property
    def label(self) -> str:
        return f"ct2:{self.info.name}@{self.compute_type}/{self.device}"

    @property
    def decode_options(self) -> dict:
        """The exact `translate_batch` options used, so a benchmark can match them."""
        return {
            "beam_size": self.beam_size,
            "max_decoding_length": self.max_decoding_length,
            "max_input_length": 0,  # never truncate: split_pieces enforces the limit
        }

    def tokenize(self, sentences: list[str]) -> list[list[str]]:
        # Line breaks inside a segment (wrapped wire copy) are spacing, not content.
        return self._m.source_sp.encode([" ".join(s.split()) for s in sentences], out_type=str)

    def translate(self, sentences: list[str], progress: Progress | None = None) -> list[str]:
        """One English string per input sentence, in input order."""
        if not sentences:
            return []
        # 1. tokenise and split over-long inputs into chunks, remembering whose they are
        chunk_owner: list[int] = []
        chunks: list[list[str]] = []
        for i, pieces in enumerate(self.tokenize(list(sentences))):
            for chunk in split_pieces(pieces, self.max_input_tokens) if pieces else []:
                chunk_owner.append(i)
                chunks.append(chunk)
        # 2. translate each distinct chunk once, longest first (fills token batches evenly)
        distinct = list(dict.fromkeys(tuple(c) for c in chunks))
        order = sorted(range(len(distinct)), key=lambda k: len(distinct[k]), reverse=True)
        outputs: dict[tuple[str, ...], str] = {}
        step = max(1, len(order) if progress is None else max(32, len(order) // 20))
        done_sentences = 0
        for lo in range(0, len(order), step):
            group = [distinct[k] for k in order[lo : lo + step]]
            try:
                results = self._m.translator.translate_batch(
                    [list(g) for g in group],
                    max_batch_size=self.max_batch_tokens,
                    batch_type="tokens",
                    **self.decode_options,
                )
            except (RuntimeError, ValueError) as exc:
                raise ModelError(f"translation with {self.info.name} failed: {exc}") from None
            texts = self._m.target_sp.decode([r.hypotheses[0] for r in results])
            outputs.update(zip(group, texts))
            if progress is not None:
                done_sentences = min(len(sentences), round(len(sentences) * len(outputs) / len(distinct)))
                progress(done_sentences, len(sentences))
        # 3. re-join chunk translations per sentence
        joined: list[list[str]] = [[] for _ in sentences]
        for owner, chunk in zip(chunk_owner, chunks):
            text = outputs[tuple(chunk)].strip()
            if text:
                joined[owner].append(text)
        return [" ".join(parts) for parts in joined]
