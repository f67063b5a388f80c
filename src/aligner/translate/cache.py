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
import sys
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


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    """Damage (not a busy lock or a full disk): the file is no database or is malformed."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text or "corrupt" in text)


def discard_files(path: Path) -> None:
    """Remove a cache database and its WAL / shared-memory companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


class TranslationCache:
    """get/put many translations for one model identity at a time.

    A cache is disposable: when SQLite finds the file damaged, it is moved aside as
    `*.corrupt` (one warning line on stderr) and a fresh cache takes its place, so a
    broken cache never fails a comparison."""

    def __init__(self, cache_dir: str | os.PathLike | None = None, timeout: float = 60.0):
        self.dir = default_cache_dir(cache_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / DB_NAME
        self.timeout = timeout
        self.recovered: str | None = None  # the warning given, when the cache was replaced
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise
            self._recover(exc)

    def _open(self) -> None:
        self._db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
        try:
            st = os.stat(self.path)
            self._inode = (st.st_dev, st.st_ino)
            self._db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute(_SCHEMA)
        except BaseException:
            self._db.close()
            raise

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        """Move the damaged file aside (unless another process already did) and reopen."""
        try:
            self._db.close()
        except (sqlite3.Error, AttributeError):
            pass
        aside = self.path.with_name(self.path.name + ".corrupt")
        try:
            st = os.stat(self.path)
            same = (st.st_dev, st.st_ino) == getattr(self, "_inode", (st.st_dev, st.st_ino))
        except FileNotFoundError:
            same = False
        if same:  # still the damaged file: set it aside; else a parallel worker already did (and warned)
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm", "-journal"):
                try:
                    os.unlink(f"{self.path}{suffix}")
                except FileNotFoundError:
                    pass
        self._open()
        if same and self.recovered is None:
            self.recovered = (f"the translation cache {self.path} was damaged ({exc}); moved it to {aside.name} "
                              "and started a fresh one")
            print(f"aligner: warning: {self.recovered}", file=sys.stderr)

    def _run(self, fn):
        """Run `fn()` against the database; on corruption, recover once and retry."""
        try:
            return fn()
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise
            self._recover(exc)
            return fn()

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

        def lookup() -> dict[str, str]:
            found: dict[str, str] = {}
            for lo in range(0, len(keys), 500):  # stay under SQLite's bound-parameter limit
                part = keys[lo : lo + 500]
                rows = self._db.execute(
                    f"SELECT key, target FROM translations WHERE model = ? AND key IN ({','.join('?' * len(part))})",
                    [model, *part],
                ).fetchall()
                for key, target in rows:
                    for s in by_key[key]:
                        found[s] = target
            return found

        return self._run(lookup)

    def put_many(self, model: str, pairs: Iterable[tuple[str, str]]) -> int:
        """Store (sentence, translation) pairs in one transaction; returns rows written."""
        now = time.time()
        rows = [(model, cache_key(s), cache_text(s), t, now) for s, t in pairs]
        if not rows:
            return 0

        def store() -> int:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO translations (model, key, source, target, created) VALUES (?, ?, ?, ?, ?)",
                    rows,
                )
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    try:
                        self._db.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise
            return len(rows)

        return self._run(store)

    def count(self, model: str | None = None) -> int:
        if model is None:
            return self._run(lambda: self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0])
        return self._run(lambda: self._db.execute("SELECT COUNT(*) FROM translations WHERE model = ?", (model,)).fetchone()[0])

    def clear(self, model: str | None = None) -> None:
        if model is None:
            self._run(lambda: self._db.execute("DELETE FROM translations"))
        else:
            self._run(lambda: self._db.execute("DELETE FROM translations WHERE model = ?", (model,)))
