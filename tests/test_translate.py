"""The ct2 backend, long-sentence splitting, device selection and pivot_documents, on the
project's own tiny CTranslate2 model (random weights: it runs the real path, it does not
translate) and on real text (the seeds, FLORES-200 dev)."""

from __future__ import annotations

import argparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.errors import EXIT_MODEL, InputError, ModelError
from aligner.segment import load_document
from aligner.translate import MTOptions, add_mt_arguments, mt_options_from_args, pivot_documents
from aligner.translate import ct2 as ct2mod
from aligner.translate.ct2 import CT2Translator, resolve_compute_type, resolve_device, split_pieces
from aligner.translate.models import find_model, load_model_info
from mt_helpers import doc_from_lines, no_network, test_models_dir


@pytest.fixture(scope="session")
def models_dir():
    return test_models_dir()


@pytest.fixture(scope="session")
def model_info(models_dir):
    return load_model_info(models_dir / "aligner-test-tiny")


@pytest.fixture()
def opts(models_dir, tmp_path):
    def make(**kw):
        kw.setdefault("models_dir", str(models_dir))
        kw.setdefault("cache_dir", str(tmp_path / "cache"))
        return MTOptions(**kw)

    return make


@pytest.fixture(scope="session")
def seed_docs(seed_ru, seed_ar):
    return load_document(seed_ru, "ru"), load_document(seed_ar, "ar")


# --------------------------------------------------------------------------- splitting


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["▁a", "b", "c,", "▁d", "▁e;", "f", "▁،", "▁g:"]), max_size=120),
    st.integers(min_value=1, max_value=40),
)
def test_split_pieces_never_loses_or_exceeds(pieces, limit):
    chunks = split_pieces(pieces, limit)
    assert [p for c in chunks for p in c] == pieces  # nothing dropped, order kept
    assert all(len(c) <= limit for c in chunks)
    assert all(chunks) or pieces == []


def test_split_prefers_clause_then_word_boundaries():
    words = ["▁w"] * 10 + ["▁end,"] + ["▁w"] * 10
    chunks = split_pieces(words, 16)
    assert chunks[0][-1] == "▁end,"  # cut after the comma, not at the hard limit
    subword = ["▁ab"] + ["c"] * 5 + ["▁long"] + ["er"] * 9
    assert split_pieces(subword, 12) == [subword[:6], subword[6:]]  # at a word start
    assert split_pieces(["a"] * 30, 10) == [["a"] * 10] * 3  # one huge word: hard cuts


def test_long_real_sentence_is_split_and_rejoined(model_info, seed_ru):
    """A seed paragraph far over the model's input limit reaches CT2 in pieces that all fit,
    covering every token; the pivot is the chunk translations joined."""
    tr = CT2Translator(model_info, device="cpu")
    para = max(seed_ru.read_text(encoding="utf-8").splitlines(), key=len)
    n_tokens = len(tr.tokenize([para])[0])
    assert n_tokens > 2 * tr.max_input_tokens
    seen: list[list[str]] = []
    real = tr._m.translator.translate_batch

    class Spy:
        def translate_batch(self, batch, **kw):
            assert kw["max_input_length"] == 0  # CT2 must not truncate behind our back
            seen.extend(batch)
            return real(batch, **kw)

    tr._m = type(tr._m)(Spy(), tr._m.source_sp, tr._m.target_sp)
    out = tr.translate([para])
    assert len(seen) >= 3
    assert all(len(c) <= tr.max_input_tokens for c in seen)
    assert sum(len(c) for c in seen) == n_tokens
    chunks = split_pieces(tr.tokenize([para])[0], tr.max_input_tokens)
    assert sorted(map(tuple, seen)) == sorted(map(tuple, chunks))
    parts = [tr._m.target_sp.decode(r.hypotheses[0]).strip() for r in real(chunks, **tr.decode_options)]
    assert out == [" ".join(p for p in parts if p)]


# --------------------------------------------------------------------------- ct2 backend


def test_ct2_backend_translates_real_text_in_order(model_info, flores):
    tr = CT2Translator(model_info, device="cpu", max_batch_tokens=256)
    src = flores["ru"][:30] + flores["ar"][:30]
    out = tr.translate(src)
    assert len(out) == len(src)
    assert all(isinstance(o, str) and o for o in out)
    # input order is kept although CT2 receives them sorted by length
    again = tr.translate(list(reversed(src)))
    assert again == list(reversed(out))
    assert tr.translate([src[5]]) == [out[5]]
    assert tr.translate(["", "   "]) == ["", ""]
    assert tr.translate([]) == []


def test_ct2_progress_reports_to_total(model_info, flores):
    tr = CT2Translator(model_info, device="cpu")
    seen: list[tuple[int, int]] = []
    tr.translate(flores["ar"][:120], progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1] == (120, 120)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_models_are_loaded_once_per_process(model_info):
    a = CT2Translator(model_info, device="cpu")
    b = CT2Translator(model_info, device="cpu", beam_size=1)
    assert a._m is b._m  # same weights, different decoding options: one load
    c = CT2Translator(model_info, device="cpu", cache_models=False)
    assert c._m is not a._m
    assert a.identity != b.identity  # but the cache must not mix their outputs


def test_device_and_compute_type_selection(monkeypatch):
    import ctranslate2

    assert resolve_device("cpu") == "cpu"
    assert resolve_compute_type("cpu") == "int8"
    assert resolve_compute_type("cpu", "float32") == "float32"
    with pytest.raises(ModelError, match="not supported on cpu"):
        resolve_compute_type("cpu", "float16")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert resolve_device("auto") == "cpu"
    with pytest.raises(ModelError, match="no CUDA device") as exc:
        resolve_device("cuda")
    assert exc.value.exit_code == EXIT_MODEL
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    assert resolve_device("auto") == "cuda"
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda d: {"float32", "float16", "int8_float16"})
    assert resolve_compute_type("cuda") == "int8_float16"
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda d: {"float32", "float16"})
    assert resolve_compute_type("cuda") == "float16"


# --------------------------------------------------------------------------- pivot_documents


def test_pivot_off_returns_no_pivots(seed_docs):
    src, tgt = seed_docs
    s, t, info = pivot_documents(src, tgt, MTOptions(mode="off"))
    assert (s, t, info.mode, info.notice) == (None, None, "off", None)


def test_pivot_ct2_on_seed_pair(seed_docs, opts):
    src, tgt = seed_docs
    seen: list[tuple[int, int]] = []
    s, t, info = pivot_documents(src, tgt, opts(mode="ct2"), progress=lambda d, n: seen.append((d, n)))
    assert len(s) == len(src.sentences) and len(t) == len(tgt.sentences)
    assert all(isinstance(p, str) for p in s + t)
    assert info.mode == "ct2"
    assert info.backend == "ct2:aligner-test-tiny@int8/cpu"
    assert info.src_model == info.tgt_model == "aligner-test-tiny"
    total = len(src.sentences) + len(tgt.sentences)
    assert seen[-1] == (total, total)
    assert all(b[0] >= a[0] for a, b in zip(seen, seen[1:]))


def test_auto_uses_installed_models(seed_docs, opts):
    s, t, info = pivot_documents(*seed_docs, opts(mode="auto"))
    assert info.mode == "ct2" and s is not None and t is not None
    assert info.notice == "aligner-test-tiny is a test model that does not translate: its pivots are gibberish"


def test_test_model_is_never_picked_from_default_locations(seed_docs, models_dir, monkeypatch, tmp_path):
    """Someone ran scripts/make_test_model.py into models/: real comparisons must not use it."""
    from aligner.translate import models as models_mod

    monkeypatch.delenv("ALIGNER_MODELS_DIR", raising=False)
    monkeypatch.setattr(models_mod, "project_models_dir", lambda: models_dir)
    monkeypatch.setattr(models_mod, "user_models_dir", lambda: tmp_path / "user")
    assert find_model("ar") is None
    assert find_model("ar", models_dir=models_dir).name == "aligner-test-tiny"
    s, t, info = pivot_documents(*seed_docs, MTOptions(mode="auto", cache_dir=str(tmp_path / "c")))
    assert s is None and info.mode == "off" and info.notice.startswith("MT is off: no model for ru-en")


def test_cache_rerun_does_no_mt_work(seed_docs, opts, monkeypatch):
    src, tgt = seed_docs
    first = pivot_documents(src, tgt, opts(mode="ct2"))
    calls: list[int] = []
    real = CT2Translator.translate
    monkeypatch.setattr(CT2Translator, "translate", lambda self, xs, progress=None: calls.append(len(xs)) or real(self, xs, progress))
    second = pivot_documents(src, tgt, opts(mode="ct2"))
    assert calls == []  # every sentence came from the cache
    assert second[:2] == first[:2]
    third = pivot_documents(src, tgt, opts(mode="ct2", use_cache=False))
    assert sum(calls) > 0 and third[:2] == first[:2]
    calls.clear()
    pivot_documents(src, tgt, opts(mode="ct2", beam_size=1))  # other decoding: other entries
    assert sum(calls) > 0


def test_english_document_pivots_to_itself(seed_docs, opts, flores):
    src, _ = seed_docs
    en = doc_from_lines(flores["en"][:5], "en")
    s, t, info = pivot_documents(src, en, opts(mode="ct2"))
    assert t == flores["en"][:5]
    assert info.tgt_model is None and info.src_model == "aligner-test-tiny"


def test_auto_without_models_falls_back_to_off_with_notice(seed_docs, tmp_path):
    s, t, info = pivot_documents(*seed_docs, MTOptions(mode="auto", models_dir=str(tmp_path / "none")))
    assert s is None and t is None and info.mode == "off"
    assert info.notice.startswith("MT is off: no model for ru-en, ar-en;")
    assert "`aligner models install ru ar`" in info.notice
    assert "\n" not in info.notice


def test_ct2_without_models_is_a_model_error(seed_docs, tmp_path):
    with pytest.raises(ModelError, match=r"no translation model for ru-en, ar-en; run `aligner models install ru ar`") as exc:
        pivot_documents(*seed_docs, MTOptions(mode="ct2", models_dir=str(tmp_path)))
    assert exc.value.exit_code == EXIT_MODEL


def test_tm_mode_uses_human_flores_pivots(flores, tmp_path):
    n = 150
    tm = tmp_path / "flores.tsv"
    tm.write_text(
        "".join(f"{a}\t{e}\n" for a, e in zip(flores["ar"][:n], flores["en"][:n]))
        + "".join(f"{r}\t{e}\n" for r, e in zip(flores["ru"][:n], flores["en"][:n])),
        encoding="utf-8",
    )
    src = doc_from_lines(flores["ru"][:n], "ru")
    # the Arabic side as a wire desk might type it: Arabic-Indic digits, tatweel, extra spaces
    typed = [a.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")).replace("ال", "الـ", 1) + "  " for a in flores["ar"][:n]]
    tgt = doc_from_lines(typed + ["جملة ليست في الذاكرة."], "ar")
    s, t, info = pivot_documents(src, tgt, MTOptions(mode="tm", tm_paths=(str(tm),)))
    assert s == flores["en"][:n]
    assert t[:n] == flores["en"][:n]
    assert t[n] is None
    assert info.mode == "tm" and info.backend == "tm:flores.tsv (300 entries)"
    assert "ar 1/151 without pivot" in info.notice


def test_tm_is_used_before_mt(seed_docs, opts, tmp_path, monkeypatch):
    src, tgt = seed_docs
    first = src.sentences[1].text
    tm = tmp_path / "tm.jsonl"
    tm.write_text('{"source": %s, "target": "HUMAN PIVOT"}\n' % __import__("json").dumps(first), encoding="utf-8")
    asked: list[str] = []
    real = CT2Translator.translate
    monkeypatch.setattr(CT2Translator, "translate", lambda self, xs, progress=None: asked.extend(xs) or real(self, xs, progress))
    s, t, info = pivot_documents(src, tgt, opts(mode="ct2", tm_paths=(str(tm),), use_cache=False))
    assert s[src.sentences[1].id] == "HUMAN PIVOT"
    assert first not in asked and len(asked) > 0
    assert info.backend.startswith("tm:tm.jsonl (1 entries) + ct2:")


def test_auto_with_tm_but_no_model_uses_tm(seed_docs, tmp_path):
    src, tgt = seed_docs
    tm = tmp_path / "tm.tsv"
    tm.write_text(f"{src.sentences[1].text}\tEnglish one\n", encoding="utf-8")
    s, t, info = pivot_documents(src, tgt, MTOptions(mode="auto", tm_paths=(str(tm),), models_dir=str(tmp_path / "x")))
    assert info.mode == "tm" and s[src.sentences[1].id] == "English one"
    assert "no model for ru-en, ar-en" in info.notice


def test_tm_mode_needs_a_tm(seed_docs):
    with pytest.raises(InputError, match="--tm FILE"):
        pivot_documents(*seed_docs, MTOptions(mode="tm"))


def test_pivoting_makes_no_network_call(seed_docs, opts, monkeypatch):
    attempts = no_network(monkeypatch)
    s, _, info = pivot_documents(*seed_docs, opts(mode="auto"))
    assert s is not None and attempts == []


def test_unwritable_cache_dir_degrades_with_notice(seed_docs, opts, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    s, t, info = pivot_documents(*seed_docs, opts(mode="ct2", cache_dir=str(blocker / "sub")))
    assert s is not None and "translation cache unavailable" in info.notice


# --------------------------------------------------------------------------- options


def test_cli_arguments_round_trip(models_dir):
    p = argparse.ArgumentParser()
    add_mt_arguments(p)
    o = mt_options_from_args(p.parse_args([]))
    assert o == MTOptions()
    args = p.parse_args(
        ["--mt", "tm", "--tm", "a.tsv", "--tm", "b.tmx", "--models-dir", "M", "--cache-dir", "C", "--no-cache", "--device", "cpu", "--beam-size", "1"]
    )
    o = mt_options_from_args(args)
    assert (o.mode, o.tm_paths, o.models_dir, o.cache_dir, o.use_cache, o.device, o.beam_size) == (
        "tm", ("a.tsv", "b.tmx"), "M", "C", False, "cpu", 1,
    )
    with pytest.raises(SystemExit):
        p.parse_args(["--mt", "google"])
    with pytest.raises(InputError):
        MTOptions(mode="google")


def test_env_overrides_model_and_cache_dirs(monkeypatch, models_dir, tmp_path):
    from aligner.translate.cache import default_cache_dir

    monkeypatch.setenv("ALIGNER_MODELS_DIR", str(models_dir))
    assert find_model("ar").name == "aligner-test-tiny"
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    assert default_cache_dir(tmp_path / "explicit") == tmp_path / "explicit"


def test_loaded_model_cache_can_be_cleared(model_info):
    CT2Translator(model_info, device="cpu")
    assert ct2mod._LOADED
    ct2mod.clear_loaded_models()
    assert not ct2mod._LOADED


def test_hint_for_a_language_install_cannot_fetch(tmp_path, flores):
    fa = doc_from_lines(["دولت ژاپن سیاست خود را تغییر می‌دهد."], "fa")  # no OPUS-MT fa-en release is known
    ru = doc_from_lines(flores["ru"][:2], "ru")
    _, _, info = pivot_documents(fa, ru, MTOptions(mode="auto", models_dir=str(tmp_path)))
    assert "convert an OPUS-MT fa-en download with `aligner models convert DIR --pair fa-en`" in info.notice


def test_line_breaks_inside_a_segment_do_not_change_the_pivot(model_info, flores):
    tr = CT2Translator(model_info, device="cpu")
    s = flores["ru"][3]
    wrapped = s.replace(" ", "\n", 3)
    assert tr.tokenize([wrapped]) == tr.tokenize([s])
    assert tr.translate([wrapped]) == tr.translate([s])


def test_progress_counts_repeated_sentences(opts, flores):
    lines = flores["ru"][:10] * 3  # a wire story that repeats its boilerplate
    src, tgt = doc_from_lines(lines, "ru"), doc_from_lines(flores["ar"][:5], "ar")
    seen: list[tuple[int, int]] = []
    s, _, _ = pivot_documents(src, tgt, opts(mode="ct2"), progress=lambda d, n: seen.append((d, n)))
    assert seen[-1] == (35, 35)
    assert s[:10] == s[10:20] == s[20:]
