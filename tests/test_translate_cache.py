"""The persistent SQLite translation cache: hits, misses, keys, and concurrent writers."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3

from aligner.translate.cache import DB_NAME, TranslationCache, cache_key


def test_hit_and_miss(tmp_path, flores):
    ru, en = flores["ru"][:200], flores["en"][:200]
    with TranslationCache(tmp_path) as c:
        assert c.get_many("m@1", ru) == {}
        assert c.put_many("m@1", zip(ru, en)) == 200
        got = c.get_many("m@1", ru + ["не в кэше"])
        assert got == dict(zip(ru, en))  # FLORES repeats no Russian line in the first 200
        assert c.get_many("m@2", ru) == {}  # another model identity never sees these
        assert c.count("m@1") == len(set(ru))
    with TranslationCache(tmp_path) as again:  # persistent across processes/sessions
        assert again.get_many("m@1", ru[:3]) == dict(zip(ru[:3], en[:3]))


def test_key_ignores_spacing_but_not_content():
    assert cache_key("Токио  заявил.\n") == cache_key(" Токио заявил.")
    assert cache_key("Токио заявил.") != cache_key("токио заявил.")  # MT output depends on case
    assert cache_key("В 2025 году") != cache_key("В 2024 году")


def test_wal_mode_and_location(tmp_path):
    TranslationCache(tmp_path / "deep" / "dir").close()
    db = sqlite3.connect(tmp_path / "deep" / "dir" / DB_NAME)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_many_sentences_beyond_sqlite_parameter_limit(tmp_path):
    src = [f"sentence {i}" for i in range(2500)]
    with TranslationCache(tmp_path) as c:
        c.put_many("m", ((s, s.upper()) for s in src))
        assert len(c.get_many("m", src)) == 2500


def _writer(cache_dir: str, worker: int, n: int) -> None:
    with TranslationCache(cache_dir, timeout=60) as c:
        for i in range(n):  # many small transactions: maximal lock contention
            c.put_many("shared", [(f"w{worker} s{i}", f"t{worker}.{i}"), (f"common {i}", f"c{i}")])
            c.get_many("shared", [f"common {i}"])


def test_concurrent_writers_lose_nothing(tmp_path):
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), w, 60)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    with TranslationCache(tmp_path) as c:
        assert c.count("shared") == 4 * 60 + 60
        assert c.get_many("shared", ["w3 s59", "common 7"]) == {"w3 s59": "t3.59", "common 7": "c7"}
