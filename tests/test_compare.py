"""The compare pipeline and its CLI: options, refusals, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from aligner.compare import CompareOptions, compare_files
from aligner.errors import EXIT_DIVERGENT, EXIT_INPUT, EXIT_OK, InputError
from aligner.translate import MTOptions

OFF = CompareOptions(mt=MTOptions(mode="off"))


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "aligner", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_seed_pair_every_body_sentence_in_exactly_one_pair(seed_ru, seed_ar):
    comp = compare_files(seed_ru, seed_ar, OFF)
    assert (comp.src.lang, comp.tgt.lang) == ("ru", "ar")
    for doc, side in ((comp.src, "src"), (comp.tgt, "tgt")):
        ids = [i for p in comp.pairs if p.section == "body" for i in getattr(p, side)]
        assert sorted(ids) == [s.id for s in doc.body()]
    assert comp.mt.mode == "off" and comp.mt.notice is None  # off was asked for: nothing to explain


def test_same_language_pair_is_refused(seed_ar, seed_unrelated):
    with pytest.raises(InputError, match="both files are Arabic"):
        compare_files(seed_ar, seed_unrelated[0], OFF)
    proc = _cli("compare", seed_ar, seed_unrelated[0], "--mt", "off")
    assert proc.returncode == EXIT_INPUT
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_language_override_makes_the_pair_comparable_again(seed_ru, seed_ar):
    # Forcing TGT to Russian turns the pair into a same-language one: refused, not mis-aligned.
    with pytest.raises(InputError, match="both files are Russian"):
        compare_files(seed_ru, seed_ar, CompareOptions(tgt_lang="ru", mt=MTOptions(mode="off")))


def test_document_with_only_boilerplate_is_refused(tmp_path, seed_ru):
    only = tmp_path / "trailer.txt"
    only.write_text("اقرأ المزيد: أعلن زيلينسكي عن موعد نهائي\n", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        compare_files(seed_ru, only, OFF)


def test_fail_over_exit_codes(seed_ru, seed_ar, seed_unrelated):
    ok = _cli("compare", seed_ru, seed_ar, "--mt", "off", "--format", "json", "--fail-over", "0.5")
    assert ok.returncode == EXIT_OK, ok.stderr
    overall = json.loads(ok.stdout)["summary"]["overall_divergence"]
    assert 0 < overall < 0.5
    strict = _cli("compare", seed_ru, seed_ar, "--mt", "off", "--format", "json", "--fail-over", str(overall / 2))
    assert strict.returncode == EXIT_DIVERGENT
    assert "exceeds --fail-over" in strict.stderr
    unrelated = _cli("compare", seed_ru, seed_unrelated[0], "--mt", "off", "--format", "json", "--fail-over", "0.5")
    assert unrelated.returncode == EXIT_DIVERGENT
    assert json.loads(unrelated.stdout)["summary"]["verdict"] == "unrelated"
    bad = _cli("compare", seed_ru, seed_ar, "--fail-over", "7")
    assert bad.returncode == EXIT_INPUT and "between 0 and 1" in bad.stderr


def test_output_format_from_extension(seed_ru, seed_ar, tmp_path):
    out = tmp_path / "r.md"
    proc = _cli("compare", seed_ru, seed_ar, "--mt", "off", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "translation" in out.read_text(encoding="utf-8")
    unknown = _cli("compare", seed_ru, seed_ar, "--mt", "off", "-o", tmp_path / "r.docx")
    assert unknown.returncode == EXIT_INPUT and "cannot tell the format" in unknown.stderr


def test_default_output_is_a_terminal_report_not_json(seed_ru, seed_ar):
    proc = _cli("compare", seed_ru, seed_ar, "--mt", "off")
    assert proc.returncode == 0, proc.stderr
    assert not proc.stdout.lstrip().startswith("{")
    assert "translation" in proc.stdout and "Нагоси" in proc.stdout


def test_unrelated_verdict_is_the_same_word_everywhere(seed_ru, seed_unrelated, tmp_path):
    """Issue 13.8: the label is the verdict itself (as in the README and the JSON)."""
    for other in seed_unrelated:
        proc = _cli("compare", seed_ru, other, "--mt", "off")
        assert proc.returncode == 0, proc.stderr
        assert " unrelated " in proc.stdout and "not a translation pair" not in proc.stdout
    for fmt, needle in (("md", "Verdict: unrelated"), ("html", 'id="verdict">unrelated<'), ("json", '"verdict": "unrelated"')):
        out = tmp_path / f"r.{fmt}"
        _cli("compare", seed_ru, seed_unrelated[0], "--mt", "off", "-o", out)
        assert needle in out.read_text(encoding="utf-8")


def test_help_and_version():
    helptext = _cli("--help").stdout
    for cmd in ("segment", "compare", "view", "batch", "models"):
        assert cmd in helptext
    assert _cli("--version").stdout.startswith("aligner ")
