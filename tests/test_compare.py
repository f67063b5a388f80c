"""The compare pipeline and its CLI: options, refusals, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import regex

from aligner import bidi
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
    with pytest.raises(InputError, match="both files are Russian|given as Russian"):
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


# --- the terminal report (issue 13.1, 13.2, 13.7; issue 14.6) -----------------------------


def _tmux_run(tmp_path: Path, command: str, size=(100, 60), until="divergence ", env: dict | None = None) -> str:
    """Run `command` in a detached tmux pane (a terminal that does no bidi) and capture it."""
    session = f"aligner-report-{os.getpid()}-{time.monotonic_ns()}"
    exe = Path(sys.executable).with_name("aligner")
    prefix = " ".join(f"{k}='{v}'" for k, v in (env or {}).items())
    script = tmp_path / "run.sh"
    script.write_text(f"export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8; {prefix} '{exe}' {command}; sleep 60\n")
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), f"bash {script}"], check=True)
    try:
        screen = ""
        for _ in range(150):
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
            if until in screen and screen.rstrip().endswith(tuple("0123456789")):
                break
            time.sleep(0.1)
        return screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def _arabic_words(text: str) -> list[str]:
    return regex.findall(r"[\p{Arabic}\uFB50-\uFDFF\uFE70-\uFEFF]+", text)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_terminal_report_in_tmux_reads_arabic_right_to_left(tmp_path, seed_ru, seed_ar):
    """In a bidi-less terminal, each Arabic line of the report holds the sentence's words in
    reading order from the right, shaped; Russian stays left to right beside it."""
    screen = _tmux_run(tmp_path, f"compare '{seed_ru}' '{seed_ar}' --mt off --no-pager")
    assert "Pair 3 " in screen and "MAJOR" in screen, screen
    comparison = compare_files(seed_ru, seed_ar, OFF)
    pair = comparison.pairs[2]
    logical = [bidi.visual(w)[0] for w in _arabic_words(pair.tgt_text)]
    lines = screen.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Pair 3 "))
    shown: list[str] = []
    for ln in lines[start + 1 :]:
        if "│" not in ln:
            break
        left, right = ln.split("│", 1)
        shown += list(reversed(_arabic_words(right)))  # right to left = reading order
        assert not _arabic_words(left)
    assert shown == logical, (shown, logical)
    assert "Такую точку зрения высказал" in screen  # Russian in logical order
    assert screen.rstrip().splitlines()[-1].startswith("translation · ")  # the closing line


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_long_report_goes_through_the_pager_unless_no_pager(tmp_path, seed_ru, seed_ar):
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"cat > {paged}"}
    _tmux_run(tmp_path, f"compare '{seed_ru}' '{seed_ar}' --mt off --all; echo divergence 0", size=(80, 24), env=env)
    assert paged.exists() and "Pair 2" in paged.read_text(encoding="utf-8")
    paged.unlink()
    _tmux_run(tmp_path, f"compare '{seed_ru}' '{seed_ar}' --mt off --all --no-pager", size=(80, 24), env=env)
    assert not paged.exists()


def test_piped_report_is_plain_and_lists_only_divergent_pairs(seed_ru, seed_ar):
    proc = _cli("compare", seed_ru, seed_ar, "--mt", "off")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "\x1b" not in out and "\nru: " in out and "\nar: " in out  # no colour; one version under the other
    comparison = compare_files(seed_ru, seed_ar, OFF)
    from aligner.report.common import is_divergent

    expected = [i + 1 for i, p in enumerate(comparison.pairs) if is_divergent(p)]
    assert [int(n) for n in regex.findall(r"^Pair (\d+) ", out, flags=regex.M)] == expected
    assert 0 < len(expected) < len(comparison.pairs)
    assert "Такую точку зрения высказал" in out and "تم التعبير عن هذا الرأي" in out  # logical order in a pipe
    everything = _cli("compare", seed_ru, seed_ar, "--mt", "off", "--all").stdout
    assert len(regex.findall(r"^Pair \d+ ", everything, flags=regex.M)) == len(comparison.pairs)
    assert "Pair 1 " in everything  # numbered from 1


def test_text_is_a_file_format(seed_ru, seed_ar, tmp_path):
    for args in (["-o", tmp_path / "a.txt"], ["--format", "text", "-o", tmp_path / "b.txt"]):
        proc = _cli("compare", seed_ru, seed_ar, "--mt", "off", *args)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == ""
        written = Path(args[-1]).read_text(encoding="utf-8")
        assert "Pair 3 " in written and "\x1b" not in written


def test_control_characters_reach_the_terminal_only_as_pictures(tmp_path, seed_ru, seed_ar):
    """Issue 14.6: ESC / CSI / BEL in article text are shown (␛), never sent as controls;
    the stored text and offsets keep them."""
    text = seed_ru.read_text(encoding="utf-8")
    cut = text.index("Такую точку")
    nasty = text[:cut] + "Цена\x1b]0;pwned\x07 \x1b[2J выросла.\x9b31m " + text[cut:]
    src = tmp_path / "nasty.ru.txt"
    src.write_text(nasty, encoding="utf-8")
    seg = _cli("segment", src)
    assert seg.returncode == 0, seg.stderr
    assert "\x1b" not in seg.stdout and "\x07" not in seg.stdout and "\x9b" not in seg.stdout
    assert "␛]0;pwned␇" in seg.stdout and "␛[2J" in seg.stdout
    seg_json = json.loads(_cli("segment", src, "--format", "json").stdout)
    assert "\x1b" in "".join(s["text"] for s in seg_json["sentences"])  # stored text untouched
    report_out = _cli("compare", src, seed_ar, "--mt", "off", "--all")
    assert report_out.returncode == 0, report_out.stderr
    assert "\x1b" not in report_out.stdout and "\x9b" not in report_out.stdout and "␛" in report_out.stdout
    forced = _cli("compare", src, seed_ar, "--mt", "off", "--all", "--bidi", "on")
    assert "\x1b" not in forced.stdout and "␛" in forced.stdout
    ents = _cli("entities", src)
    assert "\x1b" not in ents.stdout


# --- aligner entities (issue 13.10, 13.11a) ------------------------------------------------


def test_entities_against_one_row_per_entity_and_the_dropped_occurrence(seed_ru, seed_ar, tmp_path):
    """Dropping the Tokyo of SRC sentence 7 from the Arabic: one Tokyo row, 6 vs 5, missing at
    sentence 7 (the one dropped, not the last one)."""
    ar = seed_ar.read_text(encoding="utf-8")
    doctored = tmp_path / "doctored.ar.txt"
    doctored.write_text(ar.replace("تصريحات طوكيو", "تصريحات الحكومة", 1), encoding="utf-8")
    proc = _cli("entities", seed_ru, "--against", doctored, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["entities"]
    assert len({r["key"] for r in rows}) == len(rows)  # one row per entity
    tokyo = next(r for r in rows if r["src_surface"] == "Токио")
    assert (tokyo["src_count"], tokyo["tgt_count"]) == (6, 5)
    assert tokyo["missing_in_tgt"] == [7] and tokyo["missing_in_src"] == []
    from aligner.segment import load_document

    assert "Токио" in load_document(seed_ru).sentences[7].text
    takaichi = next(r for r in rows if r["src_surface"] == "Такаити")
    assert takaichi["src_count"] == takaichi["tgt_count"] and not takaichi["missing_in_tgt"]
    text = _cli("entities", seed_ru, "--against", doctored).stdout
    assert len(text.splitlines()) < 40  # not one line per occurrence
    assert regex.search(r"place +6 +5 +Токио ~ طوكيو +missing in TGT: SRC sentence 7$", text, flags=regex.M), text


def test_entities_refuses_unknown_kinds_and_names_its_own_options(seed_ru, tmp_path):
    bogus = _cli("entities", seed_ru, "--kinds", "bogus")
    assert bogus.returncode == EXIT_INPUT and "--kinds: unknown kind bogus" in bogus.stderr
    it = tmp_path / "it.txt"  # a language aligner has no module for (Ukrainian was one, until issue 16)
    it.write_text("Il governo italiano ha annunciato nuove misure per sostenere le famiglie. "
                  "Il ministro ha detto che la decisione sarà presa la prossima settimana.\n", encoding="utf-8")
    for cmd in (["entities", it], ["entities", seed_ru, "--against", it], ["segment", it]):
        proc = _cli(*cmd)
        assert proc.returncode == EXIT_INPUT and "Italian (it) is not supported" in proc.stderr
        assert "--src-lang" not in proc.stderr and "--tgt-lang" not in proc.stderr
        assert "--lang" in proc.stderr or "--other-lang" in proc.stderr


def test_wording_an_editor_can_read(seed_ru, seed_ar, seed_unrelated, tmp_path):
    """Issue 13.8: no "MT: MT is off", no "attribution: attribution", alignment internals
    only behind --details and in words, no "similarity" beside the divergence, no anchor
    counts under an unrelated verdict."""
    from aligner.report.common import flag_text
    from aligner.types import Flag

    assert flag_text(Flag("attribution", "attribution differs: SRC 'x' vs TGT 'y'")) == "attribution differs: SRC 'x' vs TGT 'y'"
    assert flag_text(Flag("number", "2,5 ≠ 3")) == "number: 2,5 ≠ 3"
    outputs = {"terminal": _cli("compare", seed_ru, seed_ar, "--mt", "off", "--all").stdout}
    for fmt in ("md", "html", "txt"):
        out = tmp_path / f"r.{fmt}"
        _cli("compare", seed_ru, seed_ar, "--mt", "off", "-o", out)
        outputs[fmt] = out.read_text(encoding="utf-8")
    for name, text in outputs.items():
        assert "MT: MT" not in text and "MT:</b> MT" not in text, name
        assert "attribution: attribution" not in text, name
        assert "similarity" not in text, name
        assert "units 1-1" not in text and "anchored 100%" not in text, name
    details = " ".join(_cli("compare", seed_ru, seed_ar, "--mt", "off", "--details").stdout.replace("│", " ").split())
    assert "alignment details" in details and "confirmed by a shared name, number or date" in details
    assert "alignment confidence" in details
    for other in seed_unrelated:
        text = _cli("compare", seed_ru, other, "--mt", "off").stdout
        assert not regex.search(r"\b\d+ of \d+ (aligned )?pairs with names", text), text


def test_unrelated_pairs_are_fully_divergent(seed_ru, seed_unrelated):
    """Every unrelated seed pair trips any --fail-over: the few chance pairs carry no claims,
    so the weighted flags alone once gave 004 vs 002 an overall divergence of 0.00."""
    for other in seed_unrelated:
        comp = compare_files(seed_ru, other, OFF)
        assert comp.summary.verdict == "unrelated"
        assert comp.summary.overall_divergence == 1.0


def test_report_to_stdout_link_gives_no_file_receipt(seed_ru, seed_ar):
    """`-o /dev/stdout` puts the report on standard output; stderr must not claim a file."""
    proc = _cli("compare", seed_ru, seed_ar, "--mt", "off", "--format", "json", "-o", "/dev/stdout")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["summary"]["verdict"] == "translation"
    assert "wrote" not in proc.stderr
