#!/usr/bin/env python
"""Benchmark aligner's ct2 backend against a bare CTranslate2 loop, and the cache re-run.

    .venv/bin/python scripts/bench_mt.py                    # tiny test model, FLORES ar+ru
    .venv/bin/python scripts/bench_mt.py --model models/opus-mt-ru-en --langs ru

Same model, same sentences, same decoding options (beam, max decoding length, no input
truncation), same threads. The bare loop is what one writes the obvious way: encode,
`translate_batch` in chunks of 32 sentences in input order, decode. Reports source and
target tokens/s and the ratio aligner / bare (target: >= 0.95), then the time of a full
`pivot_documents` run on a cold cache vs a re-run of the same pair (target: >= 50x faster).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLORES = ROOT.parent / "shared" / "data" / "flores200-dev"
FLORES_FILES = {"ar": "arb_Arab.dev", "ru": "rus_Cyrl.dev"}


def load_sentences(langs: list[str], limit: int | None) -> dict[str, list[str]]:
    out = {}
    for lang in langs:
        path = FLORES / FLORES_FILES[lang]
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
        else:  # no FLORES beside the project: the seed texts, one line per paragraph
            lines = [ln for p in sorted((ROOT / "seeds").glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        out[lang] = lines[:limit] if limit else lines
    return out


def bare_loop(model_dir: Path, sentences: list[str], threads: int, compute_type: str, options: dict) -> tuple[list[str], float]:
    """The obvious loop: no sorting, no dedup, fixed 32-sentence batches."""
    import ctranslate2
    import sentencepiece as spm

    translator = ctranslate2.Translator(str(model_dir), device="cpu", compute_type=compute_type, intra_threads=threads)
    sp_src = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
    sp_tgt = spm.SentencePieceProcessor(model_file=str(model_dir / "target.spm"))
    translator.translate_batch([sp_src.encode("warm up", out_type=str)], **options)
    t0 = time.perf_counter()
    out: list[str] = []
    for i in range(0, len(sentences), 32):
        batch = [sp_src.encode(s, out_type=str) for s in sentences[i : i + 32]]
        results = translator.translate_batch(batch, **options)
        out += [sp_tgt.decode(r.hypotheses[0]) for r in results]
    return out, time.perf_counter() - t0


def bare_single_call(model_dir: Path, sentences: list[str], threads: int, compute_type: str, options: dict, max_batch_tokens: int) -> float:
    """CTranslate2's best case: one call, its own length sorting and token batches, no
    splitting, no dedup. aligner's time over this one is its pure pipeline overhead."""
    import ctranslate2
    import sentencepiece as spm

    translator = ctranslate2.Translator(str(model_dir), device="cpu", compute_type=compute_type, intra_threads=threads)
    sp_src = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
    sp_tgt = spm.SentencePieceProcessor(model_file=str(model_dir / "target.spm"))
    translator.translate_batch([sp_src.encode("warm up", out_type=str)], **options)
    t0 = time.perf_counter()
    results = translator.translate_batch(
        sp_src.encode(sentences, out_type=str), max_batch_size=max_batch_tokens, batch_type="tokens", **options
    )
    sp_tgt.decode([r.hypotheses[0] for r in results])
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    from aligner.translate import MTOptions, pivot_documents
    from aligner.translate.ct2 import CT2Translator, available_cpus, clear_loaded_models, split_pieces
    from aligner.translate.models import load_model_info
    from aligner.translate.testmodel import build_test_model
    from aligner.types import Document, Sentence

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", type=Path, help="CT2 model dir (default: build the tiny test model)")
    p.add_argument("--langs", default="ar,ru", help="FLORES languages to translate (default: ar,ru)")
    p.add_argument("--limit", type=int, help="sentences per language (default: all 997)")
    p.add_argument("--threads", type=int, default=available_cpus())
    p.add_argument("--repeat", type=int, default=3, help="timed runs of each (best is reported)")
    p.add_argument("--max-input-tokens", type=int, default=256, help="split limit for aligner (default: 256, as for OPUS-MT)")
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="aligner-bench-"))
    model_dir = args.model or build_test_model(tmp / "models", ROOT / "seeds")
    info = load_model_info(model_dir)
    by_lang = load_sentences(args.langs.split(","), args.limit)
    sentences = [s for lines in by_lang.values() for s in lines]

    tr = CT2Translator(info, device="cpu", threads=args.threads, max_input_tokens=args.max_input_tokens)
    options = tr.decode_options
    src_tokens = sum(len(t) for t in tr.tokenize(sentences))
    n_chunks = sum(len(split_pieces(t, tr.max_input_tokens)) for t in tr.tokenize(sentences))
    tr.translate(sentences[:8])  # warm up

    ours_t, bare_t, single_t = [], [], []
    ours = bare = None
    for _ in range(args.repeat):  # interleaved, so drift in machine load hits all alike
        t0 = time.perf_counter()
        ours = tr.translate(sentences)
        ours_t.append(time.perf_counter() - t0)
        bare, t = bare_loop(info.path, sentences, args.threads, tr.compute_type, options)
        bare_t.append(t)
        single_t.append(bare_single_call(info.path, sentences, args.threads, tr.compute_type, options, tr.max_batch_tokens))
    tgt_tokens = sum(len(tr._m.target_sp.encode(o)) for o in ours)
    agree = sum(a.strip() == b.strip() for a, b in zip(ours, bare)) / len(sentences)

    # cache: a full pivot of the pair on a cold cache, then the re-run
    docs = []
    for lang, lines in by_lang.items():
        sents, pos, text = [], 0, ""
        for i, line in enumerate(lines):
            sents.append(Sentence(i, line, pos, pos + len(line), i))
            text += line + "\n"
            pos += len(line) + 1
        docs.append(Document(text, lang, "utf-8", sents))
    if len(docs) == 1:
        docs.append(Document("", "en", "utf-8", []))
    opts = MTOptions(mode="ct2", models_dir=str(info.path.parent), cache_dir=str(tmp / "cache"), threads=args.threads, max_input_tokens=args.max_input_tokens)
    clear_loaded_models()
    t0 = time.perf_counter()
    first = pivot_documents(docs[0], docs[1], opts)
    cold = time.perf_counter() - t0
    warm_t = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        again = pivot_documents(docs[0], docs[1], opts)
        warm_t.append(time.perf_counter() - t0)
    if again[:2] != first[:2]:
        raise SystemExit("cache re-run returned different pivots")

    best_ours, best_bare, best_single, warm = min(ours_t), min(bare_t), min(single_t), min(warm_t)
    fig = {
        "model": info.name,
        "sentences": len(sentences),
        "source_tokens": src_tokens,
        "target_tokens": tgt_tokens,
        "chunks_after_splitting": n_chunks,
        "threads": args.threads,
        "compute_type": tr.compute_type,
        "beam_size": tr.beam_size,
        "aligner_s": round(best_ours, 3),
        "bare_s": round(best_bare, 3),
        "aligner_src_tok_per_s": round(src_tokens / best_ours),
        "bare_src_tok_per_s": round(src_tokens / best_bare),
        "aligner_tgt_tok_per_s": round(tgt_tokens / best_ours),
        "ratio_aligner_over_bare": round(best_bare / best_ours, 3),
        "single_call_s": round(best_single, 3),
        "ratio_aligner_over_single_call": round(best_single / best_ours, 3),
        "single_call_runs_s": [round(x, 3) for x in single_t],
        "aligner_runs_s": [round(x, 3) for x in ours_t],
        "bare_runs_s": [round(x, 3) for x in bare_t],
        "identical_outputs": round(agree, 3),
        "pivot_cold_cache_s": round(cold, 3),
        "pivot_cache_hit_s": round(warm, 4),
        "cache_speedup": round(cold / warm, 1),
    }
    print(f"model {info.name} ({tr.compute_type}, beam {tr.beam_size}, {args.threads} threads), "
          f"{len(sentences)} sentences, {src_tokens} source tokens")
    print("| run | time (s) | source tok/s | target tok/s |\n|---|---|---|---|")
    print(f"| bare translate_batch loop | {best_bare:.2f} | {src_tokens / best_bare:.0f} | {tgt_tokens / best_bare:.0f} |")
    print(f"| bare single call, CT2 sorting + token batches | {best_single:.2f} | {src_tokens / best_single:.0f} | {tgt_tokens / best_single:.0f} |")
    print(f"| aligner ct2 backend | {best_ours:.2f} | {src_tokens / best_ours:.0f} | {tgt_tokens / best_ours:.0f} |")
    print(f"throughput ratio aligner / bare: {best_bare / best_ours:.2f}x (target >= 0.95); "
          f"median {statistics.median(bare_t) / statistics.median(ours_t):.2f}x; "
          f"vs the single-call best case {best_single / best_ours:.2f}x")
    print(f"pivot_documents cold cache {cold:.2f} s, cache-hit re-run {warm * 1000:.1f} ms: {cold / warm:.0f}x faster (target >= 50x)")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2) + "\n", encoding="utf-8")
    ok = fig["ratio_aligner_over_bare"] >= 0.95 and fig["cache_speedup"] >= 50
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
