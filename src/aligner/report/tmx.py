"""TMX 1.4b: the aligned body pairs as translation units for a CAT tool's memory.

Each matched body pair (both sides non-empty: 1-1, 1-2, 2-1, 2-2) is one `<tu>`; the
sentences of a many-to-one side are joined with a space. Unmatched sentences (1-0, 0-1) and
meta/boilerplate lines are left out, and the header says how many were left out
(`x-aligner-*` props). Each unit carries its divergence, similarity and flag kinds as
`<prop>`s so a translator can filter weak units. The XML is built with ElementTree, so all
text is escaped; characters XML 1.0 cannot carry at all (C0 controls) are dropped.

A translation memory must hold translations only: when the verdict is not `translation`
(`partial`, `unrelated`) the file has no units, and its header says why in a `<note>` and an
`x-aligner-refused` prop, unless `force=True` (`aligner compare --force`).
"""

from __future__ import annotations

import datetime as _dt
import xml.etree.ElementTree as ET

from aligner import __version__
from aligner.lang import MESSAGES
from aligner.report.common import flag_kinds, ids_label, pair_number, xml_safe
from aligner.types import Comparison

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _prop(parent: ET.Element, kind: str, value: object) -> None:
    el = ET.SubElement(parent, "prop", {"type": kind})
    el.text = xml_safe(str(value))


def _tuv(tu: ET.Element, lang: str, text: str) -> None:
    tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
    seg = ET.SubElement(tuv, "seg")
    seg.text = xml_safe(" ".join(text.split()))  # one segment is one line in every CAT tool


def refusal(comparison: Comparison, force: bool = False) -> str | None:
    """Why this comparison's TMX holds no units, or None when it holds them."""
    verdict = comparison.summary.verdict
    if force or verdict == "translation":
        return None
    return (
        f"TMX has no translation units: the verdict is {verdict}, not translation, so the aligned "
        "pairs are not known to be translations of each other (--force writes them anyway)"
    )


def render(comparison: Comparison, now: _dt.datetime | None = None, force: bool = False) -> str:
    now = now or _dt.datetime.now(_dt.timezone.utc)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    src_lang, tgt_lang = comparison.src.lang, comparison.tgt.lang
    root = ET.Element("tmx", {"version": "1.4"})
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": "aligner",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "sentence",
            "adminlang": MESSAGES,  # the language of aligner's notes
            "srclang": src_lang,
            "o-tmf": "aligner",
            "creationdate": stamp,
        },
    )
    body = ET.SubElement(root, "body")
    units = skipped_src = skipped_tgt = other = 0
    refused = refusal(comparison, force)
    for n, p in enumerate(comparison.pairs):
        if refused:
            break
        if p.section != "body":
            other += 1
            continue
        if not p.src or not p.tgt or not p.src_text.strip() or not p.tgt_text.strip():
            skipped_src += len(p.src)
            skipped_tgt += len(p.tgt)
            continue
        units += 1
        tu = ET.SubElement(body, "tu", {"tuid": str(pair_number(n)), "creationdate": stamp})
        _prop(tu, "x-aligner-bead", p.kind)
        _prop(tu, "x-aligner-src-ids", ids_label(p.src))
        _prop(tu, "x-aligner-tgt-ids", ids_label(p.tgt))
        _prop(tu, "x-aligner-similarity", f"{p.similarity:.4f}")
        _prop(tu, "x-aligner-divergence", f"{p.divergence:.4f}")
        if p.flags:
            _prop(tu, "x-aligner-flags", ",".join(flag_kinds(p)))
        _tuv(tu, src_lang, p.src_text)
        _tuv(tu, tgt_lang, p.tgt_text)
    # Props must precede notes inside <header>; insert counts at the front.
    for kind, value in reversed(
        [
            ("x-aligner-units", units),
            ("x-aligner-unmatched-src", skipped_src),
            ("x-aligner-unmatched-tgt", skipped_tgt),
            ("x-aligner-meta-pairs", other),
            ("x-aligner-verdict", comparison.summary.verdict),
            ("x-aligner-mt", comparison.mt.backend or comparison.mt.mode),
        ]
    ):
        el = ET.Element("prop", {"type": kind})
        el.text = xml_safe(str(value))
        header.insert(0, el)
    if refused:
        el = ET.Element("prop", {"type": "x-aligner-refused"})
        el.text = xml_safe(comparison.summary.verdict)
        header.insert(0, el)
        note = ET.SubElement(header, "note")
        note.text = xml_safe(refused)
    for path, tag in ((comparison.src.path, "x-aligner-src-file"), (comparison.tgt.path, "x-aligner-tgt-file")):
        if path:
            el = ET.Element("prop", {"type": tag})
            el.text = xml_safe(path)
            header.insert(0, el)
    ET.indent(root, space=" ")
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + xml + "\n"
