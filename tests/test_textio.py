"""Loading: encodings are detected, bad input is refused with one clear line and exit 2."""

from __future__ import annotations

import codecs
import subprocess
import sys

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
    import aligner.textio as textio

    monkeypatch.setattr(textio, "MAX_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("слово " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="larger than"):
        load_text(big)
