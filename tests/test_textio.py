"""Loading: encodings are detected, bad input is refused with one clear line and exit 2."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.errors import EXIT_INPUT, InputError
from aligner.segment import load_document
from aligner.textio import decode_bytes, load_text


def _texts(doc):
    return [(s.text, s.kind, s.paragraph) for s in doc.sentences]


@pytest.mark.parametrize(
    "which, enc",
    [("ru", "cp1251"), ("ar", "cp1256"), ("ru", "utf-16"), ("ar", "utf-16-le"), ("ru", "utf-8-sig"), ("ar", "utf-16-be")],
)
def test_reencoded_seed_gives_the_same_sentences(tmp_path, seed_ru, seed_ar, which, enc):
    src = seed_ru if which == "ru" else seed_ar
    original = load_document(src)
    text = src.read_text(encoding="utf-8")
    data = text.encode(enc)
    if enc == "utf-16-le" or enc == "utf-16-be":
        assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    path = tmp_path / f"{which}.{enc}.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.text == original.text
    assert _texts(doc) == _texts(original)
    assert doc.lang == original.lang


def test_koi8r_russian_detected(tmp_path, flores):
    # The seed uses «» which KOI8-R lacks, so use real Russian sentences that it can encode.
    text = "\n".join(line for line in flores["ru"][:40] if _encodable(line, "koi8_r"))
    path = tmp_path / "koi8.txt"
    path.write_bytes(text.encode("koi8_r"))
    decoded, enc = load_text(path)
    assert decoded == text
    assert enc == "koi8-r"


def _encodable(s: str, enc: str) -> bool:
    try:
        s.encode(enc)
        return True
    except UnicodeEncodeError:
        return False


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "file is empty"),
        (b"   \n\n\t  ", "file is empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 200, "binary"),
        (b"12345 67890 ...", "no words"),
    ],
)
def test_bad_input_is_one_clear_line(data, message):
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "x.txt")
    text = str(exc.value)
    assert message in text and "\n" not in text and text.startswith("x.txt")


def test_cli_bad_input_exit_code_and_no_traceback(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = subprocess.run(
        [sys.executable, "-m", "aligner", "segment", str(empty)], capture_output=True, text=True
    )
    assert proc.returncode == EXIT_INPUT
    assert proc.stderr.strip() == f"aligner: error: {empty}: file is empty"
    assert "Traceback" not in proc.stderr


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_text(tmp_path)


def test_oversize_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGNER_MAX_BYTES", "100")
    big = tmp_path / "big.txt"
    big.write_text("слово " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="larger than the 100 bytes limit"):
        load_text(big)


def _aligner(*args, env=None, input=None, timeout=60):
    import os

    return subprocess.run(
        [sys.executable, "-m", "aligner", *map(str, args)], capture_output=True, text=True,
        env={**os.environ, **(env or {})}, input=input, timeout=timeout,
    )


@pytest.mark.parametrize("value, limit", [("32MB", 32 << 20), ("32M", 32 << 20), ("32 MiB", 32 << 20),
                                          ("33554432", 32 << 20), ("1.5k", 1536), ("64kb", 64 << 10)])
def test_max_bytes_accepts_units(monkeypatch, value, limit):
    from aligner.textio import format_size, max_bytes

    monkeypatch.setenv("ALIGNER_MAX_BYTES", value)
    assert max_bytes() == limit
    assert format_size(32 << 20) == "32 MB"  # the limit prints as the docs write it


def test_bad_max_bytes_is_one_line_not_a_traceback(seed_ru):
    proc = _aligner("segment", seed_ru, env={"ALIGNER_MAX_BYTES": "lots"})
    assert proc.returncode == EXIT_INPUT and "Traceback" not in proc.stderr
    assert proc.stderr.strip().startswith("aligner: error: ALIGNER_MAX_BYTES='lots' is not a size")
    proc = _aligner("segment", seed_ru, env={"ALIGNER_MAX_BYTES": "32MB"})
    assert proc.returncode == 0, proc.stderr


def test_devices_are_refused_without_reading(tmp_path):
    """/dev/zero and /dev/urandom are only stat()ed (read-only); a FIFO with no writer is
    refused at once instead of blocking forever."""
    import os

    for dev in ("/dev/zero", "/dev/urandom"):
        if os.path.exists(dev):
            with pytest.raises(InputError, match="is a device, not a regular file"):
                load_text(dev)
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    proc = _aligner("segment", fifo, timeout=20)
    assert proc.returncode == EXIT_INPUT and "is a FIFO, not a regular file" in proc.stderr


def test_size_limit_is_enforced_while_reading(tmp_path, monkeypatch):
    """A file whose stat() size says nothing (like /proc files) still stops at the limit."""
    import io

    from aligner import textio

    monkeypatch.setenv("ALIGNER_MAX_BYTES", "1K")
    with pytest.raises(InputError, match="larger than the 1 KB limit"):
        textio._read_limited(io.BytesIO(b"x" * 5000), "stream", textio.max_bytes())
    proc = _aligner("segment", "-", env={"ALIGNER_MAX_BYTES": "1K"}, input="слово " * 1000)
    assert proc.returncode == EXIT_INPUT and "<stdin>: it is larger than the 1 KB limit" in proc.stderr


def test_stdin_is_read_with_dash(seed_ru, seed_ar):
    proc = _aligner("segment", "-", input=seed_ru.read_text(encoding="utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert "lang=ru" in proc.stdout and "Такаити" in proc.stdout
    proc = _aligner("compare", "-", seed_ar, "--mt", "off", "--format", "json", "-o", "-",
                    input=seed_ru.read_text(encoding="utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["verdict"] == "translation"
    proc = _aligner("compare", "-", "-", "--mt", "off", input="x")
    assert proc.returncode == EXIT_INPUT and "only one of SRC and TGT" in proc.stderr


def test_precise_messages_for_links_dirs_and_fake_pdfs(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="symlink loop"):
        load_text(loop)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="no such file \\(a broken symlink\\)"):
        load_text(dangling)
    with pytest.raises(InputError, match="is a directory"):
        load_text(tmp_path)
    pdf = tmp_path / "article.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nThe text of an English article.\n")
    with pytest.raises(InputError, match="is a PDF document, not a text file"):
        load_text(pdf)


def test_full_device_is_one_line_exit_2(seed_ru, seed_ar):
    """`> /dev/full` (opened for writing only as this test's stdout, never replaced)."""
    import os

    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    for args in (("segment", seed_ru), ("compare", seed_ru, seed_ar, "--mt", "off"),
                 ("compare", seed_ru, seed_ar, "--mt", "off", "--format", "json", "-o", "-")):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([sys.executable, "-m", "aligner", *map(str, args)], stdout=full,
                                  stderr=subprocess.PIPE, text=True, timeout=60)
        assert proc.returncode == EXIT_INPUT, (args, proc.stderr)
        assert proc.stderr.strip() == "aligner: error: cannot write to standard output: No space left on device", args


def test_a_language_given_against_the_script_is_refused_without_saying_override(seed_ru, seed_ar):
    proc = _aligner("compare", seed_ru, seed_ar, "--src-lang", "ar", "--mt", "off")
    assert proc.returncode == EXIT_INPUT
    assert "given as Arabic (ar), but the text is in the script of Russian" in proc.stderr
    assert "override" not in proc.stderr
    proc = _aligner("compare", seed_ru, seed_ru, "--src-lang", "ru", "--mt", "off")
    assert proc.returncode == EXIT_INPUT and "you gave --src-lang ru" in proc.stderr
    assert "override" not in proc.stderr


def test_short_legacy_texts_are_decoded_by_language_evidence(flores):
    """Issue 14.9: one-sentence files in cp1251 / KOI8-R / cp1256 / ISO 8859-6. Before the
    language check 5 of 3,860 FLORES lines came back as gibberish (KOI8-R read as cp1251,
    Arabic as Cyrillic); now at most 1 (ISO 8859-6 vs cp1256, both Arabic)."""
    wrong, total = [], 0
    for lang, encs in (("ru", ("cp1251", "koi8_r")), ("ar", ("cp1256", "iso8859_6"))):
        for enc in encs:
            for line in flores[lang]:
                if not _encodable(line, enc):
                    continue
                total += 1
                try:
                    text, _ = decode_bytes(line.encode(enc))
                except InputError:
                    text = None
                if text != line:
                    wrong.append((enc, line[:40]))
    assert total > 3000
    assert len(wrong) <= 1, wrong
    assert not [w for w in wrong if w[0] in ("cp1251", "koi8_r")]


def test_encoding_option_overrides_detection(tmp_path):
    """`--encoding` reads the bytes in the code page the user names (issue 14.9): a short
    cp1251 line is read as given, and a wrong choice shows up as other letters, not an error."""
    import subprocess
    import sys

    line = "Президент подписал указ о назначении нового министра."
    f = tmp_path / "short.txt"
    f.write_bytes(line.encode("cp1251"))

    def seg(*extra):
        return subprocess.run([sys.executable, "-m", "aligner", "segment", "--format", "json", str(f), *extra],
                              capture_output=True, text=True)

    import json

    as_given = seg("--encoding", "cp1251")
    assert as_given.returncode == 0
    assert json.loads(as_given.stdout)["encoding"] == "cp1251"
    assert json.loads(as_given.stdout)["sentences"][0]["text"] == line
    other = seg("--encoding", "koi8-r", "--lang", "ru")
    assert other.returncode == 0 and json.loads(other.stdout)["encoding"] == "koi8-r"
    assert json.loads(other.stdout)["sentences"][0]["text"] != line
    bogus = seg("--encoding", "no-such-codec")
    assert bogus.returncode == 2 and bogus.stderr.count("\n") == 1 and "unknown encoding" in bogus.stderr
    bad_utf8 = seg("--encoding", "utf-8")
    assert bad_utf8.returncode == 2 and "invalid utf-8 text" in bad_utf8.stderr


def test_compare_takes_an_encoding_per_side(tmp_path, seed_ru, seed_ar):
    import subprocess
    import sys

    src = tmp_path / "ru.txt"
    src.write_bytes(seed_ru.read_text(encoding="utf-8").encode("koi8-r", errors="replace"))
    proc = subprocess.run([sys.executable, "-m", "aligner", "compare", str(src), str(seed_ar), "--mt", "off",
                           "--src-encoding", "koi8-r", "--format", "json"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    import json

    assert json.loads(proc.stdout)["src"]["encoding"] == "koi8-r"
    typo = subprocess.run([sys.executable, "-m", "aligner", "compare", str(src), str(seed_ar), "--mt", "off",
                           "--tgt-encoding", "cp9999"], capture_output=True, text=True)
    assert typo.returncode == 2 and "unknown encoding 'cp9999'" in typo.stderr


def test_close_legacy_choice_is_named_in_one_note(tmp_path, seed_ru):
    """When a short cp1251 text reads almost as well as KOI8-R (FLORES dev line 681), the CLI
    says which code page it used in one `aligner: note:` line and still reads it right; a
    whole article re-encoded gives no note (issue 14.9)."""
    import subprocess
    import sys

    flores = Path(__file__).resolve().parents[2] / "shared" / "data" / "flores200-dev" / "rus_Cyrl.dev"
    if not flores.exists():
        pytest.skip("FLORES-200 dev not found beside the repository")
    line = flores.read_text(encoding="utf-8").splitlines()[681]
    short = tmp_path / "short.txt"
    short.write_bytes(line.encode("cp1251"))
    proc = subprocess.run([sys.executable, "-m", "aligner", "segment", str(short)], capture_output=True, text=True)
    assert proc.returncode == 0
    notes = [x for x in proc.stderr.splitlines() if x]
    assert len(notes) == 1 and notes[0].startswith("aligner: note:") and "read as cp1251" in notes[0]
    assert "--encoding" in notes[0] and line[:20] in proc.stdout
    article = tmp_path / "article.txt"
    article.write_bytes(seed_ru.read_text(encoding="utf-8").encode("cp1251", errors="replace"))
    quiet = subprocess.run([sys.executable, "-m", "aligner", "segment", str(article)], capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stderr == ""
