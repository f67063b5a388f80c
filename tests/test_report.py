"""Report formats on a hand-built hostile comparison and on the seed pair."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console

from aligner import report
from aligner.report.common import pieces
from aligner.types import Comparison, Document, Flag, MTInfo, Pair, Sentence, Summary

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = Path(__file__).resolve().parents[1] / "src" / "aligner" / "schemas" / "comparison-2.json"


def paragraph_doc(path: Path, lang: str) -> Document:
    """A Document whose sentences are the file's paragraphs (offsets exact, text untouched)."""
    text = path.read_text(encoding="utf-8")
    sents = []
    for m in re.finditer(r"\S(?:.|\n(?!\n))*", text):
        body = m.group(0).rstrip()
        sents.append(Sentence(len(sents), body, m.start(), m.start() + len(body), len(sents)))
    return Document(text, lang, "utf-8", sents, str(path))


def span_of(doc: Document, needle: str) -> tuple[int, int]:
    i = doc.text.index(needle)
    return (i, i + len(needle))


def hostile_comparison() -> Comparison:
    """Three hostile paragraphs per side: a 1-1 with a quote flag, a 1-1 with a number flag,
    a dropped and an added sentence, and a meta pair with no sentence ids."""
    src = paragraph_doc(FIXTURES / "hostile.ru.txt", "ru")
    tgt = paragraph_doc(FIXTURES / "hostile.ar.txt", "ar")
    s, t = src.sentences, tgt.sentences
    quote = Flag("quote", 'quote "<script>" differs from <img>', span_of(src, "<script>alert('ru')</script>"), span_of(tgt, "<img src=x onerror=alert(1)>"))
    number = Flag("number", "2,5% vs ٣٫٥٪ (3.5%)", span_of(src, "2,5%"), span_of(tgt, "٣٫٥٪"))
    pairs = [
        Pair((), (), "date 2026-02-12 <meta>", "", 0.0, 0.0, [], section="meta"),
        Pair((0,), (0,), s[0].text, t[0].text, 0.71, 0.35, [quote], "He said <x> and left.", "The president said and left.", evidence={"chrf": 0.4}),
        Pair((1,), (1,), s[1].text, t[1].text, 0.8, 0.62, [number]),
        Pair((2,), (), s[2].text, "", 0.0, 1.0, [Flag("omission", "sentence dropped", (s[2].start, s[2].end), None)]),
        Pair((), (2,), "", t[2].text, 0.0, 1.0, [Flag("addition", "sentence added", None, (t[2].start, t[2].end))]),
    ]
    summary = Summary(
        "partial",
        "2 of 3 sentences matched <i>really</i>",
        0.6,
        0.55,
        0.5,
        0.58,
        {"quote": 1, "number": 1, "omission": 1, "addition": 1},
        [2, 1, 3, 4],
        {"1-1": 2, "1-0": 1, "0-1": 1},
    )
    return Comparison(src, tgt, pairs, summary, MTInfo("off", None, "MT is off: <no model> for ar-en"))


@pytest.fixture()
def hostile() -> Comparison:
    return hostile_comparison()


# --- span projection -------------------------------------------------------------------


def test_pieces_cut_exactly_at_span_edges_across_sentences():
    text = "Alpha beta. Gamma 12 delta.\n\nOther."
    doc = Document(text, "en", "utf-8", [Sentence(0, "Alpha beta.", 0, 11, 0), Sentence(1, "Gamma 12 delta.", 12, 27, 0), Sentence(2, "Other.", 29, 35, 1)])
    span = (text.index("beta"), text.index("12") + 2)  # crosses the sentence boundary
    parts = pieces(doc, (0, 1), "unused", [(0, span), (1, (text.index("12"), text.index("12") + 2)), (2, None)])
    assert "".join(p.text for p in parts) == "Alpha beta.Gamma 12 delta."
    flagged = [(p.text, p.flags) for p in parts if p.flags]
    assert flagged == [("beta.", (0,)), ("Gamma ", (0,)), ("12", (0, 1))]
    assert [p.sentence_break for p in parts].count(True) == 1
    # unknown ids fall back to the pair's own text, unhighlighted
    assert pieces(doc, (7,), "fallback", [(0, span)]) == [type(parts[0])("fallback")]


# --- JSON --------------------------------------------------------------------------------


def test_json_validates_against_schema_and_round_trips(hostile):
    data = json.loads(report.render(hostile, "json"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    assert data["schema"] == "aligner.comparison/2"
    back = Comparison.from_dict(data)
    assert back.to_dict() == hostile.to_dict()
    assert back.src.text == hostile.src.text  # the hostile text survives byte for byte


def test_schema_rejects_broken_records(hostile):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = hostile.to_dict()
    data["summary"]["verdict"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = hostile.to_dict()
    del data["pairs"][1]["flags"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def _keys(value, prefix=""):
    """Every object key path in a JSON value, with list items as []."""
    out = set()
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(prefix + k)
            out |= _keys(v, prefix + k + ".")
    elif isinstance(value, list):
        for v in value:
            out |= _keys(v, prefix + "[].")
    return out


def _schema_keys(node, defs, prefix=""):
    out = set()
    if "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    for k, v in node.get("properties", {}).items():
        if prefix.endswith("evidence.") or prefix.endswith("flag_counts.") or prefix.endswith("counts."):
            continue
        out.add(prefix + k)
        out |= _schema_keys(v, defs, prefix + k + ".")
    if "items" in node and isinstance(node["items"], dict):
        out |= _schema_keys(node["items"], defs, prefix + "[].")
    for alt in node.get("anyOf", []) + node.get("oneOf", []):
        out |= _schema_keys(alt, defs, prefix)
    return out


def test_schema_documents_every_field_to_dict_writes(hostile):
    """If someone adds a field to the records, the schema (and docs) must follow."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    written = {k for k in _keys(hostile.to_dict()) if not re.search(r"(evidence|flag_counts|counts)\.", k)}
    documented = _schema_keys(schema, schema.get("$defs", {}))
    assert written - documented == set()


# --- TSV ---------------------------------------------------------------------------------


def test_tsv_quotes_tabs_newlines_and_defuses_formulas(hostile):
    text = report.render(hostile, "tsv")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    header, body = rows[0], rows[1:]
    assert header[:5] == ["pair", "section", "bead", "src_ids", "tgt_ids"]
    assert len(body) == len(hostile.pairs)
    assert all(len(r) == len(header) for r in body)
    col = {name: i for i, name in enumerate(header)}
    by_pair = {int(r[col["pair"]]) - 1: r for r in body}  # pair numbers start at 1
    assert sorted(int(r[col["pair"]]) for r in body) == list(range(1, len(body) + 1))
    # the tab and the newline inside a sentence come back intact
    assert by_pair[2][col["src_text"]] == hostile.pairs[2].src_text
    assert "\t" in by_pair[2][col["src_text"]] and "\n" in by_pair[2][col["src_text"]]
    assert by_pair[2][col["flags"]] == "number" and by_pair[2][col["severity"]] == "major"
    assert by_pair[4][col["bead"]] == "0-1" and by_pair[4][col["src_ids"]] == "-"
    assert by_pair[1][col["src_pivot"]] == "He said <x> and left."
    # a cell that a spreadsheet would run as a formula is defused
    assert by_pair[3][col["src_text"]] == "'" + hostile.pairs[3].src_text
    assert float(by_pair[2][col["divergence"]]) == pytest.approx(0.62)


def test_tsv_file_has_bom_for_excel(hostile, tmp_path):
    out = tmp_path / "r.tsv"
    report.write(hostile, "tsv", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == report.render(hostile, "tsv")
    assert not list(tmp_path.glob(".*tmp"))  # no temp file left behind


# --- TMX ---------------------------------------------------------------------------------


def test_tmx_is_valid_xml_with_units_and_counts(hostile):
    hostile.summary.verdict = "translation"
    text = report.render(hostile, "tmx")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header.get("srclang") == "ru" and header.get("segtype") == "sentence"
    props = {p.get("type"): p.text for p in header.findall("prop")}
    assert props["x-aligner-units"] == "2"
    assert props["x-aligner-unmatched-src"] == "1" and props["x-aligner-unmatched-tgt"] == "1"
    assert props["x-aligner-meta-pairs"] == "1"
    tus = root.findall("body/tu")
    assert len(tus) == 2
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tu, pair in zip(tus, [hostile.pairs[1], hostile.pairs[2]]):
        tuvs = tu.findall("tuv")
        assert [t.get(lang) for t in tuvs] == ["ru", "ar"]
        assert tuvs[0].find("seg").text == " ".join(pair.src_text.split())
        assert tuvs[1].find("seg").text == " ".join(pair.tgt_text.split())
    assert "<script>" not in text and "]]>" not in text.replace("]]&gt;", "")
    assert [tu.get("tuid") for tu in tus] == ["2", "3"]  # the pair numbers every report shows
    tprops = {p.get("type"): p.text for p in tus[1].findall("prop")}
    assert tprops["x-aligner-flags"] == "number" and tprops["x-aligner-bead"] == "1-1"


def test_tmx_joins_many_to_one_and_drops_illegal_xml_chars(hostile):
    c = hostile
    s, t = c.src.sentences, c.tgt.sentences
    c.pairs = [Pair((1, 2), (1,), s[1].text + " " + s[2].text, t[1].text, 0.5, 0.5)]
    root = ET.fromstring(report.render(c, "tmx", force=True).encode("utf-8"))
    (tu,) = root.findall("body/tu")
    seg = tu.find("tuv/seg").text
    assert "2,5%" in seg and "HYPERLINK" in seg and "\x0b" not in seg  # U+000B is illegal in XML 1.0
    assert "\u202e" in seg  # bidi controls are legal and kept


def test_tmx_of_a_non_translation_has_no_units_and_says_why(hostile):
    """Issue 13.9: a `partial` or `unrelated` verdict exports no units unless forced."""
    for verdict in ("partial", "unrelated"):
        hostile.summary.verdict = verdict
        root = ET.fromstring(report.render(hostile, "tmx").encode("utf-8"))
        assert root.findall("body/tu") == []
        props = {p.get("type"): p.text for p in root.find("header").findall("prop")}
        assert props["x-aligner-refused"] == verdict and props["x-aligner-units"] == "0"
        assert f"verdict is {verdict}" in root.find("header/note").text
        forced = ET.fromstring(report.render(hostile, "tmx", force=True).encode("utf-8"))
        assert len(forced.findall("body/tu")) == 2


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_summary_marks_flagged_spans_and_escapes(hostile):
    md = report.render(hostile, "md")
    assert "Verdict: partial" in md
    assert "MT is off" in md and "MT: MT" not in md
    assert "| major | number | 1 |" in md and "| major | omission | 1 |" in md
    assert "**2,5%**" in md and "**٣٫٥٪**" in md
    assert "<script>" not in md and "<img" not in md and "<i>" not in md
    assert "&lt;script&gt;" in md
    # every flagged pair is listed, numbered from 1 in document order
    assert [int(n) for n in re.findall(r"^### Pair (\d+)", md, re.M)] == [2, 3, 4, 5]


# --- HTML --------------------------------------------------------------------------------


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.marks: list[dict] = []
        self.tags: list[tuple[str, dict]] = []
        self.cells: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "mark":
            self.marks.append({**a, "text": ""})
        if tag == "td" and "text" in a.get("class", ""):
            self.cells.append({**a, "text": ""})
        self.stack.append((tag, a))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if any(t == "mark" for t, _ in self.stack):
            self.marks[-1]["text"] += data
        if any(t == "td" for t, _ in self.stack) and self.cells:
            self.cells[-1]["text"] += data


def test_html_escapes_everything_and_highlights_spans(hostile):
    page = report.render(hostile, "html")
    assert page.count("<script") == 1  # ours only; the article's <script> is text
    assert "&lt;script&gt;alert(&#39;ru&#39;)&lt;/script&gt;" in page
    assert "<img" not in page and "<b>жирный" not in page and "<i>really" not in page
    assert "&lt;b&gt;жирный&lt;/b&gt;" in page and "&lt;b&gt;غامق&lt;/b&gt;" in page
    assert "{{ 7*7 }}" in page  # template syntax in an article is text, never evaluated
    p = _Collect()
    p.feed(page)
    # no external assets: nothing is loaded from anywhere
    for tag, attrs in p.tags:
        for key in ("src", "href"):
            assert not attrs.get(key, "#").startswith(("http", "//")), (tag, attrs)
    assert any(t == "meta" and "Content-Security-Policy" in a.get("http-equiv", "") for t, a in p.tags)
    # Arabic cells are right-to-left, Russian left-to-right
    dirs = {(c.get("lang"), c.get("dir")) for c in p.cells}
    assert ("ar", "rtl") in dirs and ("ru", "ltr") in dirs
    # every highlight is exactly the flagged text, with the reason attached
    marked = {(m["text"], m["class"].replace(" sev-major", "")) for m in p.marks}
    assert ("2,5%", "number") in marked and ("٣٫٥٪", "number") in marked
    assert ("<script>alert('ru')</script>", "quote") in marked
    assert ("<img src=x onerror=alert(1)>", "quote") in marked
    num = next(m for m in p.marks if m["text"] == "2,5%")
    assert num["data-reason"].startswith("major: number: 2,5%") and num["title"] == num["data-reason"]
    assert num["data-flags"] == "p3f0" and sum(m["data-flags"] == "p3f0" for m in p.marks) == 2
    # summary, MT notice and filter are there
    assert 'id="only-divergent"' in page and "MT is off: &lt;no model&gt;" in page and "MT:</b> MT" not in page
    assert "2 of 3 sentences matched &lt;i&gt;really&lt;/i&gt;" in page
    rows = [a for t, a in p.tags if t == "tr" and "pair" in a.get("class", "")]
    assert len(rows) == len(hostile.pairs)
    assert [("divergent" in r["class"]) for r in rows] == [False, True, True, True, True]
    assert [r["id"] for r in rows] == ["p1", "p2", "p3", "p4", "p5"]


def test_html_marks_dropped_sentence_as_whole(hostile):
    p = _Collect()
    p.feed(report.render(hostile, "html"))
    dropped = hostile.pairs[3].src_text
    assert any(m["text"] == dropped and m["class"] == "omission sev-major" for m in p.marks)


# --- terminal ----------------------------------------------------------------------------


def test_terminal_rendering_shows_summary_pairs_and_reasons(hostile):
    console = Console(record=True, width=140, color_system=None)
    report.print_terminal(hostile, console)
    out = console.export_text()
    assert "partial" in out and "MT is off" in out
    assert "⚑ major number: 2,5%" in out
    assert "<script>alert('ru')</script>" in out  # literal, not swallowed as markup
    assert "Pair 2 " in out and "Pair 1 " not in out  # the unflagged meta pair is not listed
    assert out.rstrip().splitlines()[-1].startswith("partial · 4 of 5 pairs flagged: 4 major")


def test_terminal_brackets_are_not_markup(hostile):
    hostile.pairs[1].src_text = hostile.pairs[1].src_text  # unchanged; check a fallback pair
    hostile.pairs[0] = Pair((), (), "[bold]not markup[/bold]", "", 0.0, section="meta")
    console = Console(record=True, width=140, color_system=None)
    from aligner.report.terminal import View

    report.print_terminal(hostile, console, View(show_all=True))
    assert "[bold]not markup[/bold]" in console.export_text()


# --- API ---------------------------------------------------------------------------------


def test_formats_and_unknown_format(hostile, tmp_path):
    assert report.FORMATS == ("json", "tsv", "tmx", "md", "html", "text")
    for fmt in report.FORMATS:
        out = tmp_path / f"r{report.EXTENSIONS[fmt]}"
        report.write(hostile, fmt, out)
        assert out.stat().st_size > 200
        assert report.format_for_path(out) == fmt
    from aligner.errors import InputError

    with pytest.raises(InputError):
        report.render(hostile, "pdf")


# --- severity, numbering and Markdown as rendered (issue 13.2-13.5) ------------------------

from markdown_it import MarkdownIt  # noqa: E402 (rich's own dependency)


def severity_comparison(n_major: int = 8, n_minor: int = 2, n_note: int = 7) -> Comparison:
    """One sentence per pair on each side, flags of every severity built by hand."""
    ru = [f"Министр {i} сказал, что цена выросла на {i} процентов." for i in range(n_major + n_minor + n_note + 1)]
    ar = [f"قال الوزير {i} إن السعر ارتفع بنسبة {i} في المئة." for i in range(len(ru))]

    def doc(lines, lang):
        sents, pos = [], 0
        for i, t in enumerate(lines):
            sents.append(Sentence(i, t, pos, pos + len(t), i))
            pos += len(t) + 1
        return Document("\n".join(lines), lang, "utf-8", sents, f"x.{lang}")

    src, tgt = doc(ru, "ru"), doc(ar, "ar")
    pairs = [Pair((0,), (0,), ru[0], ar[0], 0.9, 0.0)]
    sevs = ["major"] * n_major + ["minor"] * n_minor + ["note"] * n_note
    for k, sev in enumerate(sevs, start=1):
        s, t = src.sentences[k], tgt.sentences[k]
        a = s.text.index(str(k))
        b = t.text.index(str(k))
        flag = Flag("number", f"{sev} figure {k}", (s.start + a, s.start + a + len(str(k))), (t.start + b, t.start + b + len(str(k))), sev, 0.8)
        pairs.append(Pair((k,), (k,), s.text, t.text, 0.9, 0.3 if sev == "major" else 0.0, [flag]))
    # one pair carries a note and a major: the major is listed first
    both = pairs[1]
    both.flags.insert(0, Flag("name", "note before major", both.flags[0].src_span, None, "note", 0.5))
    return Comparison(src, tgt, pairs, Summary("translation", "", 1.0, 1.0, 1.0, 0.1), MTInfo())


def test_markdown_lists_every_major_and_truncates_only_notes():
    c = severity_comparison()
    md = report.render(c, "md")
    listed = [int(n) for n in re.findall(r"^### Pair (\d+)", md, re.M)]
    assert listed[:10] == list(range(2, 12))  # every major (pairs 2-9) and minor (10-11)
    assert len(listed) == 10 + 5  # and five of the seven notes
    assert "… and 2 more pairs with notes" in md
    assert md.index("## Major flags (8 pairs)") < md.index("## Minor flags (2 pairs)") < md.index("## Notes")
    first = md[md.index("### Pair 2") : md.index("### Pair 3")]
    assert "note before major" not in first  # notes are hidden among a major pair's flags


def test_markdown_keeps_spaces_around_highlights_when_rendered(seed_ru, seed_ar):
    """Issue 13.4: rendered by a CommonMark library, each flagged span is its own <strong>
    with the neighbouring words still apart."""
    from aligner.compare import CompareOptions, compare_files
    from aligner.translate import MTOptions

    c = compare_files(seed_ru, seed_ar, CompareOptions(mt=MTOptions(mode="off")))
    html = MarkdownIt("commonmark").render(report.render(c, "md"))
    assert "**" not in html  # no marker left unparsed
    checked = 0
    for p in c.pairs:
        for f in p.flags:
            for doc, span in ((c.src, f.src_span), (c.tgt, f.tgt_span)):
                if f.severity == "note" or not span:
                    continue
                a, b = span
                before = " " if a and doc.text[a - 1] == " " else ""  # inside a sentence
                after = " " if b < len(doc.text) and doc.text[b] == " " else ""
                if not before and not after:
                    continue  # a whole sentence: nothing beside it
                assert f"{before}<strong>{doc.text[a:b]}</strong>{after}" in html, doc.text[a:b]
                checked += 1
    assert checked
    hostile_html = MarkdownIt("commonmark").render(report.render(hostile_comparison(), "md"))
    assert "<script" not in hostile_html and "<strong>2,5%</strong>" in hostile_html


def test_terminal_lists_major_first_and_hides_notes_until_asked():
    from aligner.report.terminal import View, render_text

    c = severity_comparison(2, 1, 2)
    out = render_text(c)
    assert [int(n) for n in re.findall(r"^Pair (\d+) ", out, re.M)] == [2, 3, 4]  # notes-only pairs hidden
    block = out[out.index("Pair 2 ") : out.index("Pair 3 ")]
    assert "⚑ major" in block and "note before major" not in block
    assert out.rstrip().splitlines()[-1] == "translation · 3 of 6 pairs flagged: 2 major, 1 minor · 3 notes hidden · divergence 0.10"
    noted = render_text(c, View(bidi=False, notes=True))
    assert [int(n) for n in re.findall(r"^Pair (\d+) ", noted, re.M)] == [2, 3, 4, 5, 6]
    block = noted[noted.index("Pair 2 ") : noted.index("Pair 3 ")]
    assert block.index("⚑ major") < block.index("⚑ note")


def test_html_notes_are_hidden_behind_a_switch_and_numbered_from_1():
    c = severity_comparison(1, 0, 1)
    page = report.render(c, "html")
    assert 'id="show-notes"' in page and "body:not(.show-notes) li.sev-note" in page
    p = _Collect()
    p.feed(page)
    rows = {a["id"]: a["class"] for t, a in p.tags if t == "tr" and "pair" in a.get("class", "").split()}
    assert list(rows) == ["p1", "p2", "p3"]
    assert "divergent" in rows["p2"] and "divergent" not in rows["p3"] and "has-notes" in rows["p3"]
    assert "similarity" not in page  # named "alignment confidence", in the tooltip only
