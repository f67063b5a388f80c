#!/usr/bin/env python3
"""Compare offline language identifiers on ntrex128-dev: documents and single lines.

For issue 16 (languages as data): which well-kept library, whose data ships in its wheel,
tells the nine ntrex128-dev languages apart (uk from ru, fa from ar, fr/es/de/tr/en), on
whole documents (what `aligner` identifies) and on single lines (the hard case), how fast,
and at what memory cost. Candidates are the ones the issue names; both are restricted to the
nine languages (plus a few confusable neighbours) so that the comparison is like for like.

    .venv/bin/python scripts/langid_eval.py aligner      # aligner.langid.detect itself
    python -m venv /tmp/lid && /tmp/lid/bin/pip install py3langid lingua-language-detector
    /tmp/lid/bin/python scripts/langid_eval.py py3langid lingua
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "data" / "ntrex128-dev"
FILES = {"en": "eng", "ru": "rus", "ar": "arb", "uk": "ukr", "fa": "fas",
         "fr": "fra", "es": "spa", "de": "deu", "tr": "tur"}
# Neighbours a real detector must not fall into: Belarusian, Bulgarian, Urdu, Italian, Portuguese...
EXTRA = ["be", "bg", "ur", "it", "pt", "nl", "az"]


def load() -> tuple[list[str], dict[str, list[str]]]:
    ids = [line.split("\t")[0] for line in (NTREX / "DOCUMENT_IDS.tsv").read_text().splitlines()]
    lines = {lang: (NTREX / f"{f}.txt").read_text(encoding="utf-8").split("\n")[: len(ids)]
             for lang, f in FILES.items()}
    return ids, lines


def documents(ids: list[str], lines: list[str]) -> list[str]:
    docs: dict[str, list[str]] = defaultdict(list)
    for d, text in zip(ids, lines):
        docs[d].append(text)
    return ["\n".join(v) for v in docs.values()]


def py3langid_detector():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(FILES) + EXTRA)
    return lambda text: ident.classify(text)[0]


def lingua_detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in list(FILES) + EXTRA]
    det = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models().build()

    def detect(text: str) -> str:
        lang = det.detect_language_of(text)
        return lang.iso_code_639_1.name.lower() if lang else "?"

    return detect


def aligner_detector():
    """What aligner itself does (`aligner.langid.detect`): script, letters, then py3langid over
    all its languages, so a miss may also be a neighbour it refuses (Bulgarian, Urdu)."""
    sys.path.insert(0, str(ROOT / "src"))
    from aligner.errors import InputError
    from aligner.langid import detect

    def run(text: str) -> str:
        try:
            return detect(text)
        except InputError:
            return "?"

    return run


def evaluate(name: str, make) -> None:
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    detect = make()
    load_s = time.perf_counter() - t0
    ids, lines = load()
    doc_ok: Counter = Counter()
    line_ok: Counter = Counter()
    confusions: Counter = Counter()
    n_docs = n_lines = 0
    t0 = time.perf_counter()
    for lang, texts in lines.items():
        for doc in documents(ids, texts):
            got = detect(doc)
            doc_ok[lang] += got == lang
            n_docs += 1
        for text in texts:
            if not text.strip():
                continue
            got = detect(text)
            line_ok[lang] += got == lang
            if got != lang:
                confusions[(lang, got)] += 1
            n_lines += 1
    run_s = time.perf_counter() - t0
    rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
    per_lang_docs = len(documents(ids, lines["en"]))
    print(f"\n## {name}: load {load_s:.2f} s, {run_s / (n_docs + n_lines) * 1000:.2f} ms per text, +{rss:.0f} MiB")
    print(f"{'lang':<5} {'documents':>10} {'lines':>8}")
    for lang in FILES:
        n = len([t for t in lines[lang] if t.strip()])
        print(f"{lang:<5} {doc_ok[lang] / per_lang_docs:10.3f} {line_ok[lang] / n:8.3f}")
    print("top line confusions:", ", ".join(f"{a}->{b} {n}" for (a, b), n in confusions.most_common(8)))


def main() -> int:
    which = sys.argv[1:] or ["aligner", "py3langid", "lingua"]
    for name in which:
        evaluate(name, {"aligner": aligner_detector, "py3langid": py3langid_detector, "lingua": lingua_detector}[name])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
