"""A tiny, real-format translation model built from the seeds, for tests and benchmarks.

No translation weights can be downloaded in CI, yet the ct2 path (SentencePiece
tokenisation, CTranslate2 batching, long-sentence splitting, caching, device selection)
must run end to end. So we build a model ourselves in two steps that mirror real use:

1. `write_marian_fixture()` writes an OPUS-MT-style *native Marian* directory
   (model.npz with its embedded `special:model.yml`, decoder.yml, vocab.yml, source.spm,
   target.spm) with a SentencePiece model trained on the seed articles and random weights;
2. `aligner.translate.models.convert_model()` converts it to CTranslate2 int8, exactly as
   `aligner models convert DIR` does for a user's OPUS-MT download.

THE MODEL DOES NOT TRANSLATE. Its output is deterministic gibberish made of seed-text
pieces; it exists only to exercise the machinery. It declares the pairs ar-en and ru-en so
`--mt ct2 --models-dir DIR` finds it for the seed pair; its manifest says
`"translates": false`, so it is never picked up from the default model locations and a
report made with it carries a notice saying so.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np

TEST_MODEL_NAME = "aligner-test-tiny"

# Small enough to build in about a second and weigh well under 1 MB after int8 conversion.
DIM = 64
FFN = 128
HEADS = 4
DEPTH = 2
VOCAB = 1000
# Deliberately small, so real seed sentences exercise the long-sentence splitter.
MAX_INPUT_TOKENS = 48
# Logit bias on </s>: random weights never learnt to stop, so nudge them to end outputs
# after a sentence-like handful of tokens instead of running to the decoding limit.
EOS_BIAS = 5.0


def _seed_lines(seeds_dir: Path) -> list[str]:
    lines: list[str] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if not lines:
        raise FileNotFoundError(f"no seed texts (*.txt) in {seeds_dir}")
    return lines


def train_spm(seeds_dir: Path) -> bytes:
    """Train a unigram SentencePiece model on the seed articles; returns the model bytes."""
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_seed_lines(seeds_dir)),
        model_writer=buf,
        vocab_size=VOCAB,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        num_threads=2,
        minloglevel=2,
    )
    return buf.getvalue()


def _marian_weights(vocab_size: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Random weights under the parameter names Marian writes (post-norm, tied embeddings)."""

    def w(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)

    def ln(prefix: str, out: dict[str, np.ndarray]) -> None:
        out[f"{prefix}_ln_scale"] = np.ones((1, DIM), np.float32)
        out[f"{prefix}_ln_bias"] = np.zeros((1, DIM), np.float32)

    def attention(prefix: str, out: dict[str, np.ndarray]) -> None:
        for p in "qkvo":
            out[f"{prefix}_W{p}"] = w(DIM, DIM)
            out[f"{prefix}_b{p}"] = np.zeros((1, DIM), np.float32)
        ln(f"{prefix}_Wo", out)

    def ffn(prefix: str, out: dict[str, np.ndarray]) -> None:
        out[f"{prefix}_W1"], out[f"{prefix}_b1"] = w(DIM, FFN), np.zeros((1, FFN), np.float32)
        out[f"{prefix}_W2"], out[f"{prefix}_b2"] = w(FFN, DIM), np.zeros((1, DIM), np.float32)
        ln(f"{prefix}_ffn", out)

    out: dict[str, np.ndarray] = {"Wemb": w(vocab_size, DIM)}
    for i in range(1, DEPTH + 1):
        attention(f"encoder_l{i}_self", out)
        ffn(f"encoder_l{i}_ffn", out)
        attention(f"decoder_l{i}_self", out)
        attention(f"decoder_l{i}_context", out)
        ffn(f"decoder_l{i}_ffn", out)
    bias = np.zeros((1, vocab_size), np.float32)
    bias[0, 0] = EOS_BIAS  # index 0 is </s> in Marian vocabularies
    out["decoder_ff_logit_out_b"] = bias
    return out


_MARIAN_CONFIG = {
    "type": "transformer",
    "enc-depth": DEPTH,
    "dec-depth": DEPTH,
    "transformer-heads": HEADS,
    "dim-emb": DIM,
    "transformer-dim-ffn": FFN,
    "transformer-ffn-activation": "swish",
    "transformer-preprocess": "",
    "transformer-postprocess": "dan",
    "transformer-postprocess-top": "",
    "transformer-postprocess-emb": "d",
    "transformer-decoder-autoreg": "self-attention",
    "transformer-no-projection": False,
    "transformer-guided-alignment-layer": "last",
    "tied-embeddings-all": True,
}


def write_marian_fixture(out_dir: Path, seeds_dir: Path, seed: int = 1234) -> Path:
    """Write a native Marian / OPUS-MT style model directory (what OPUS-MT zips contain)."""
    import sentencepiece as spm

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model_bytes = train_spm(seeds_dir)
    for name in ("source.spm", "target.spm"):
        (out_dir / name).write_bytes(model_bytes)
    sp = spm.SentencePieceProcessor(model_proto=model_bytes)
    specials = {"<unk>", "<s>", "</s>"}
    pieces = ["</s>", "<unk>"] + [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if sp.id_to_piece(i) not in specials]
    with open(out_dir / "opus.spm.vocab.yml", "w", encoding="utf-8") as f:
        for i, piece in enumerate(pieces):
            f.write(f"{json.dumps(piece, ensure_ascii=False)}: {i}\n")

    import yaml

    weights = _marian_weights(len(pieces), np.random.default_rng(seed))
    config = yaml.safe_dump(_MARIAN_CONFIG).encode("utf-8") + b"\0"
    weights["special:model.yml"] = np.frombuffer(config, dtype=np.int8)
    np.savez(out_dir / "opus.bpe32k-bpe32k.transformer.model1.npz.best-perplexity.npz", **weights)
    (out_dir / "decoder.yml").write_text(
        yaml.safe_dump(
            {
                "models": ["opus.bpe32k-bpe32k.transformer.model1.npz.best-perplexity.npz"],
                "vocabs": ["opus.spm.vocab.yml", "opus.spm.vocab.yml"],
                "beam-size": 2,
            }
        ),
        encoding="utf-8",
    )
    (out_dir / "README.md").write_text(
        "Test fixture built by aligner (scripts/make_test_model.py): random weights, "
        "SentencePiece trained on the seed articles. It does NOT translate.\n",
        encoding="utf-8",
    )
    return out_dir


def build_test_model(models_root: Path, seeds_dir: Path, work_dir: Path | None = None) -> Path:
    """Build the tiny test model into `models_root/aligner-test-tiny` (ar-en and ru-en)."""
    import tempfile

    from aligner.translate.models import convert_model

    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        marian = write_marian_fixture(Path(tmp) / "marian", seeds_dir)
        return convert_model(
            marian,
            Path(models_root) / TEST_MODEL_NAME,
            pairs=("ar-en", "ru-en"),
            name=TEST_MODEL_NAME,
            licence="MIT (built by aligner from the seed texts; random weights)",
            provenance={
                "built_by": "scripts/make_test_model.py",
                "what": "random-weight Transformer; SentencePiece trained on seeds/*.txt",
            },
            max_input_tokens=MAX_INPUT_TOKENS,
            force=True,
            translates=False,
        )
