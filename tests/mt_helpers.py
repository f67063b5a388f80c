"""Helpers shared by the MT test modules: the tiny test model, built once per test session.

Not a conftest: each MT test module declares its own session fixture that calls
`test_models_dir()`, which builds the model on first use and reuses it afterwards.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from aligner.types import Document, Sentence

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
_BUILT: dict[str, Path] = {}


def test_models_dir() -> Path:
    """A models dir holding `aligner-test-tiny` (ar-en, ru-en); built once per process."""
    if "dir" not in _BUILT:
        from aligner.translate.testmodel import build_test_model

        root = Path(tempfile.mkdtemp(prefix="aligner-test-models-"))
        atexit.register(shutil.rmtree, root, True)
        build_test_model(root, SEEDS)
        _BUILT["dir"] = root
    return _BUILT["dir"]


test_models_dir.__test__ = False  # not a test, despite the name


def doc_from_lines(lines: list[str], lang: str, path: str | None = None) -> Document:
    """A Document whose sentences are the given lines (one paragraph each)."""
    text, sents, pos = "", [], 0
    for i, line in enumerate(lines):
        sents.append(Sentence(i, line, pos, pos + len(line), i))
        text += line + "\n"
        pos += len(line) + 1
    return Document(text, lang, "utf-8", sents, path)


def no_network(monkeypatch) -> list[str]:
    """Make every socket connection fail; returns the list of attempted addresses."""
    import socket

    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:1]))
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", lambda self, addr: refuse(addr))
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for var in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(var, raising=False)
    return attempts
