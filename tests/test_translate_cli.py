"""`aligner compare` on the seed pair with each MT mode: off, tm (a memory written here by
hand from the seed text), ct2 (the project's tiny test model), and auto's fallback notice."""

from __future__ import annotations

import json

import pytest

import aligner.cli
from aligner.segment import load_document
from mt_helpers import test_models_dir

# Hand translations of the seed pair's lead sentence (Russian original, Arabic version).
RU_LEAD_EN = "The Japanese government led by Prime Minister Sanae Takaichi is apparently gradually adjusting its foreign policy course towards Russia."
AR_LEAD_EN = "It seems that the Japanese government, headed by Prime Minister Sanae Takaichi, is gradually working to adjust its foreign policy towards Russia."


@pytest.fixture()
def compare(seed_ru, seed_ar, tmp_path, capsys):
    def run(*extra: str) -> tuple[int, dict, str]:
        out = tmp_path / "report.json"
        rc = aligner.cli.main(["compare", str(seed_ru), str(seed_ar), "-o", str(out), "--cache-dir", str(tmp_path / "cache"), *extra])
        err = capsys.readouterr().err
        return rc, (json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}), err

    return run


def body_pairs(report: dict) -> list[dict]:
    return [p for p in report["pairs"] if p["section"] == "body"]


def test_compare_mt_off(compare):
    rc, report, err = compare("--mt", "off")
    assert rc == 0, err
    assert report["mt"]["mode"] == "off" and report["mt"]["notice"] is None
    assert all(p["src_pivot"] is None and p["tgt_pivot"] is None for p in report["pairs"])


def test_compare_mt_auto_without_models_says_how_to_install(compare, tmp_path):
    rc, report, err = compare("--mt", "auto", "--models-dir", str(tmp_path / "no-models"))
    assert rc == 0
    assert report["mt"]["mode"] == "off"
    notice = [ln for ln in err.splitlines() if "MT is off" in ln]
    assert notice == ["aligner: MT is off: no model for ru-en, ar-en; run `aligner models install ru ar` "
                      "(or `aligner models convert DIR`) to enable pivot translation"]


def test_compare_mt_tm(compare, seed_ru, seed_ar, tmp_path):
    ru = next(s for s in load_document(seed_ru, "ru").body() if "Такаити" in s.text)
    ar = next(s for s in load_document(seed_ar, "ar").body() if "تاكايشي" in s.text)
    tm = tmp_path / "desk.tsv"
    tm.write_text(f"{ru.text}\t{RU_LEAD_EN}\n{ar.text}\t{AR_LEAD_EN}\n", encoding="utf-8")
    rc, report, err = compare("--mt", "tm", "--tm", str(tm))
    assert rc == 0, err
    assert report["mt"]["mode"] == "tm" and report["mt"]["backend"] == "tm:desk.tsv (2 entries)"
    assert "translation memory has no entry for some sentences" in report["mt"]["notice"]
    pivots = {(p["src_pivot"], p["tgt_pivot"]) for p in report["pairs"]}
    assert any(s == RU_LEAD_EN for s, _ in pivots) and any(t == AR_LEAD_EN for _, t in pivots)


def test_compare_mt_ct2_on_test_model(compare):
    rc, report, err = compare("--mt", "ct2", "--models-dir", str(test_models_dir()), "--device", "cpu")
    assert rc == 0, err
    mt = report["mt"]
    assert mt["mode"] == "ct2" and mt["backend"] == "ct2:aligner-test-tiny@int8/cpu"
    assert mt["src_model"] == mt["tgt_model"] == "aligner-test-tiny"
    assert "does not translate" in mt["notice"] and "does not translate" in err
    assert all(p["src_pivot"] for p in body_pairs(report) if p["src"])
    assert all(p["tgt_pivot"] for p in body_pairs(report) if p["tgt"])


def test_compare_mt_ct2_without_model_exits_3(compare, tmp_path):
    rc, report, err = compare("--mt", "ct2", "--models-dir", str(tmp_path / "none"))
    assert rc == 3 and report == {}
    assert err.strip().splitlines() == [
        "aligner: error: no translation model for ru-en, ar-en; run `aligner models install ru ar` (or `aligner models convert DIR`)"
    ]


def _damage(db) -> None:
    """Keep SQLite's 100-byte header, overwrite every page after the first with noise."""
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for i in range(page, len(data)):
        data[i] = (i * 151 + 7) % 256
    db.write_bytes(bytes(data))


def test_a_corrupt_cache_is_set_aside_and_mt_goes_on(compare, tmp_path):
    """Issue 14.3: with the header intact and the pages damaged, every MT run used to exit 3."""
    from aligner.translate.cache import DB_NAME

    args = ("--mt", "ct2", "--models-dir", str(test_models_dir()), "--device", "cpu")
    rc, _, err = compare(*args)
    assert rc == 0, err
    db = tmp_path / "cache" / DB_NAME
    import sqlite3

    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    assert db.stat().st_size > 4096
    _damage(db)
    rc, report, err = compare(*args)
    assert rc == 0, err
    warnings = [ln for ln in err.splitlines() if "translation cache" in ln and "damaged" in ln]
    assert len(warnings) == 1 and warnings[0].startswith("aligner: warning:")
    assert (tmp_path / "cache" / f"{DB_NAME}.corrupt").is_file()
    assert report["mt"]["backend"].startswith("ct2:")
    rc, _, err = compare(*args)  # the fresh cache works: no more warnings
    assert rc == 0 and "damaged" not in err


def test_models_cache_clear_always_works(tmp_path, capsys):
    from aligner.translate.cache import DB_NAME

    cache = tmp_path / "c"
    cache.mkdir()
    (cache / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)  # header, then garbage
    rc = aligner.cli.main(["models", "cache", "--clear", "--cache-dir", str(cache)])
    out = capsys.readouterr()
    assert rc == 0, out.err
    assert not (cache / DB_NAME).exists()
    rc = aligner.cli.main(["models", "cache", "--cache-dir", str(cache)])
    assert rc == 0 and "0 cached translations" in capsys.readouterr().out
