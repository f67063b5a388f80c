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
