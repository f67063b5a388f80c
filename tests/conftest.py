"""Shared fixtures: the user's seed documents and the FLORES-200 dev data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FLORES = ROOT.parent / "shared" / "data" / "flores200-dev"


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="session")
def seed_ru() -> Path:
    """Russian original (TASS), the SRC of the seed pair."""
    return seed("004")


@pytest.fixture(scope="session")
def seed_ar() -> Path:
    """Arabic version of the same article (MK), the TGT of the seed pair."""
    return seed("000")


@pytest.fixture(scope="session")
def seed_unrelated() -> list[Path]:
    """Three other Arabic articles on Japan: not translations of 004."""
    return [seed("001"), seed("002"), seed("003")]


@pytest.fixture(scope="session")
def flores() -> dict[str, list[str]]:
    """FLORES-200 dev: 997 line-parallel sentences; skips if the shared data is absent."""
    if not FLORES.is_dir():
        pytest.skip("FLORES-200 dev data not found beside the project (../shared/data)")
    out = {}
    for lang, name in (("ar", "arb_Arab.dev"), ("ru", "rus_Cyrl.dev"), ("en", "eng_Latn.dev")):
        out[lang] = (FLORES / name).read_text(encoding="utf-8").splitlines()
    return out


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """No test may read or write the user's real translation cache or model folders."""
    import os

    old = {k: os.environ.get(k) for k in ("ALIGNER_CACHE_DIR",)}
    os.environ["ALIGNER_CACHE_DIR"] = str(tmp_path_factory.mktemp("aligner-cache"))
    yield
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
