"""Persistent translation cache: SQLite in WAL mode, keyed by model identity + sentence.

A re-run of the same pair (or a batch that meets the same boilerplate again) does no MT
work. WAL lets readers proceed while one writer commits, and `busy_timeout` makes parallel
batch workers queue for the write lock instead of failing. The key uses a light
normalisation (NFC, whitespace collapsed) that never changes what a model would output;
case, digits and punctuation are kept, because MT output depends on them.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path

ENV_CACHE_DIR = "ALIGNER_CACHE_DIR"
DB_NAME = "mt-cache.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model   TEXT NOT NULL,
    key     TEXT NOT NULL,
    source  TEXT NOT NULL,
    target  TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (model, key)
) WITHOUT ROWID
"""


def default_cache_dir(cache_dir: str | os.PathLike | None = None) -> Path:
    """Explicit dir, else $ALIGNER_CACHE_DIR, else the platform user cache dir."""
    if cache_dir:
        return Path(cache_dir).expanduser()
    if os.environ.get(ENV_CACHE_DIR):
        return Path(os.environ[ENV_CACHE_DIR]).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("aligner"))


def cache_text(sentence: str) -> str:
    """The normalised sentence a cache entry is keyed on."""
    return " ".join(unicodedata.normalize("NFC", sentence).split())


def cache_key(sentence: str) -> str:
    return hashlib.sha256(cache_text(sentence).encode("utf-8")).hexdigest()


class TranslationCache:
    """get/put many translations for one model identity at a time."""

    def __init__(self, cache_dir: str | os.PathLike | None = None, timeout: float = 60.0):
        self.dir = default_cache_dir(cache_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / DB_NAME
        self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_many(self, model: str, sentences: Iterable[str]) -> dict[str, str]:
        """{sentence: cached translation} for the sentences that are cached."""
        by_key: dict[str, list[str]] = {}
        for s in sentences:
            by_key.setdefault(cache_key(s), []).append(s)
        keys = list(by_key)
        found: dict[str, str] = {}
        for lo in range(0, len(keys), 500):  # stay under SQLite's bound-parameter limit
            part = keys[lo : lo + 500]
            rows = self._db.execute(
                f"SELECT key, target FROM translations WHERE model = ? AND key IN ({','.join('?' * len(part))})",
                [model, *part],
            )
            for key, target in rows:
                for s in by_key[key]:
                    found[s] = target
        return found

    def put_many(self, model: str, pairs: Iterable[tuple[str, str]]) -> int:
        """Store (sentence, translation) pairs in one transaction; returns rows written."""
        now = time.time()
        rows = [(model, cache_key(s), cache_text(s), t, now) for s, t in pairs]
        if not rows:
            return 0
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations (model, key, source, target, created) VALUES (?, ?, ?, ?, ?)",
                rows,
            )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return len(rows)

    def count(self, model: str | None = None) -> int:
        if model is None:
            return self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
        return self._db.execute("SELECT COUNT(*) FROM translations WHERE model = ?", (model,)).fetchone()[0]

    def clear(self, model: str | None = None) -> None:
        if model is None:
            self._db.execute("DELETE FROM translations")
        else:
            self._db.execute("DELETE FROM translations WHERE model = ?", (model,))
