"""Translation memory formats (TSV, JSONL, TMX) built from FLORES-200 dev's human English,
lenient lookups, and one-line errors for malformed files."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

import pytest

from aligner.errors import EXIT_INPUT, InputError
from aligner.translate.tm import TranslationMemory

N = 120


def write_tsv(path, src, en):
    path.write_text("source\ttarget\n# a comment\n\n" + "".join(f"{s}\t{e}\n" for s, e in zip(src, en)), encoding="utf-8")


def write_jsonl(path, src, en):
    keys = [("source", "target"), ("src", "tgt"), ("text", "en")]
    path.write_text(
        "".join(json.dumps({keys[i % 3][0]: s, keys[i % 3][1]: e}, ensure_ascii=False) + "\n" for i, (s, e) in enumerate(zip(src, en))),
        encoding="utf-8",
    )


def write_tmx(path, langs: dict[str, list[str]], en):
    tus = []
    for i, e in enumerate(en):
        tuvs = "".join(f'<tuv xml:lang="{lg}"><seg>{escape(lines[i])}</seg></tuv>' for lg, lines in langs.items())
        tus.append(f'<tu>{tuvs}<tuv xml:lang="en-US"><seg>{escape(e)}</seg></tuv></tu>')
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ar" datatype="plaintext" '
        'segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>'
        f"<body>{''.join(tus)}</body></tmx>",
        encoding="utf-8",
    )


@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "tmx"])
def test_formats_give_the_human_pivots(fmt, flores, tmp_path):
    ar, ru, en = flores["ar"][:N], flores["ru"][:N], flores["en"][:N]
    path = tmp_path / f"mem.{fmt}"
    if fmt == "tsv":
        write_tsv(path, ar + ru, en + en)
    elif fmt == "jsonl":
        write_jsonl(path, ar + ru, en + en)
    else:
        write_tmx(path, {"ar": ar, "ru": ru}, en)
    tm = TranslationMemory.load([path])
    # FLORES has a few repeated sentences; every distinct source is in
    assert len(tm) == len(set(ar)) + len(set(ru))
    assert [tm.lookup(s) for s in ar] == en
    assert [tm.lookup(s) for s in ru] == en
    assert tm.lookup(flores["ar"][N + 5]) is None
    assert tm.label == f"tm:mem.{fmt} ({len(tm)} entries)"


def test_format_is_sniffed_without_extension(flores, tmp_path):
    p1, p2 = tmp_path / "a", tmp_path / "b"
    write_jsonl(p1, flores["ru"][:3], flores["en"][:3])
    write_tmx(p2, {"ru": flores["ru"][3:6]}, flores["en"][3:6])
    tm = TranslationMemory.load([p1, p2])
    assert [tm.lookup(s) for s in flores["ru"][:6]] == flores["en"][:6]


def test_lookup_is_lenient_to_typing_differences(flores, tmp_path):
    path = tmp_path / "m.tsv"
    write_tsv(path, flores["ar"][:N] + flores["ru"][:N], flores["en"][:N] * 2)
    tm = TranslationMemory.load([path])
    to_indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    with_digits = next(a for a in flores["ar"][:N] if any(c.isdigit() for c in a))
    assert tm.lookup(with_digits.translate(to_indic)) == tm.lookup(with_digits)
    assert tm.lookup("  " + flores["ar"][0].replace(" ", "   ") + " ") == flores["en"][0]
    assert tm.lookup(flores["ar"][0].replace("ا", "أ", 1)) == flores["en"][0]  # hamza variant
    assert tm.lookup(flores["ru"][0].upper()) == flores["en"][0]
    assert tm.lookup(flores["ru"][0].replace("е", "ё", 1)) == flores["en"][0]


def test_conflicting_entries_keep_the_first(tmp_path):
    path = tmp_path / "m.tsv"
    path.write_text("Привет, мир.\tHello, world.\nПривет, мир.\tHi, world.\n", encoding="utf-8")
    tm = TranslationMemory.load([path])
    assert tm.lookup("Привет, мир.") == "Hello, world." and tm.conflicts == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.tsv", "one\ttwo\nonly one column\n", r"bad\.tsv:2: expected 2 tab-separated columns"),
        ("bad.tsv", "a\tb\tc\n", r"found 3"),
        ("bad.jsonl", '{"source": "a", "target": "b"}\n{oops\n', r"bad\.jsonl:2: not a JSON object"),
        ("bad.jsonl", '{"source": "a"}\n', r"bad\.jsonl:1: needs a 'source' and a 'target'"),
        ("bad.jsonl", "[1, 2]\n", r"expected a JSON object"),
        ("bad.tmx", "<tmx><body><tu>", r"bad\.tmx: not valid TMX/XML"),
        ("bad.tmx", "<html></html>", r"not a TMX file"),
        ("bad.tmx", '<!DOCTYPE x [<!ENTITY a "b">]><tmx/>', r"DTD entities"),
        ("empty.tsv", "\n\n", r"empty\.tsv has no usable entries"),
    ],
)
def test_malformed_memories_are_one_line_input_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as exc:
        TranslationMemory.load([path])
    assert exc.value.exit_code == EXIT_INPUT
    assert "\n" not in str(exc.value)


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        TranslationMemory.load([tmp_path / "nope.tsv"])
    bad = tmp_path / "cp1251.tsv"
    bad.write_bytes("Привет\tHello\n".encode("cp1251"))
    with pytest.raises(InputError, match="not UTF-8"):
        TranslationMemory.load([bad])
